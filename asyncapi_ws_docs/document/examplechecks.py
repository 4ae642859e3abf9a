"""Examples checked against the schemas they illustrate, where the builder reads them.

A spec's examples are what readers copy. Each is validated with `jsonschema` (the reference
implementation of JSON Schema for Python) against the schema it illustrates:

- message `examples` (payload and headers) against the message's payload and headers schemas;
- the schema-level `examples`, `example`, `default`, `const` and `enum` values of every
  (sub)schema of a payload, of message headers, of the `ws` binding's `query` and `headers`,
  and of channel parameters, against that (sub)schema.

The dialect is the schema's own: `$schema` when the schema names one, else the version of an
`application/schema+json;version=...` format, else draft 7 (AsyncAPI's default schema format
is a draft 7 superset). A payload in another format (Avro, Protobuf...) is not guessed at: its
examples are skipped with an info. `$ref`s resolve through the spec's `Workspace`: only files
inside the allowed folders, nothing fetched from the network.

Each mismatch is one warning per example, at the offending value, naming the property path
and what the schema wanted; past `MAX_EXAMPLE_WARNINGS` in one spec, one more warning says how
many were left out, so a generated spec with one systematic mistake stays readable.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from jsonschema import (
    Draft4Validator,
    Draft6Validator,
    Draft7Validator,
    Draft201909Validator,
    Draft202012Validator,
    validators,
)
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable
from referencing.jsonschema import DRAFT7

from asyncapi_ws_docs.document.diagnostics import SpecError
from asyncapi_ws_docs.document.loader import Source, SpecList, SpecMap
from asyncapi_ws_docs.document.quickvalid import QuickJudge, flat_schema_key, frozen_scalar
from asyncapi_ws_docs.document.schemas import scalar_text

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterator

    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator
    from referencing._core import Resolver

    from asyncapi_ws_docs.document.diagnostics import Locatable
    from asyncapi_ws_docs.document.refs import Workspace

MISMATCH, NOT_CHECKED, UNUSABLE_SCHEMA = "AWD401", "AWD402", "AWD403"

MAX_EXAMPLE_WARNINGS = 20
"""Mismatches reported per spec; the rest are counted in one last warning."""

MAX_REASON = 160
"""Characters of the validator's message kept: it quotes the value, which may be large."""

_DIALECTS: dict[str, type[Validator]] = {
    "draft-04": Draft4Validator,
    "draft-06": Draft6Validator,
    "draft-07": Draft7Validator,
    "2019-09": Draft201909Validator,
    "2020-12": Draft202012Validator,
}
_VERSION = re.compile(r"version\s*=\s*([\w.-]+)", re.IGNORECASE)

_SUBSCHEMA_MAPS = ("properties", "patternProperties", "dependencies")
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMAS = ("not", "if", "then", "else", "contains", "propertyNames", "additionalItems")
_SAME_VALUE = frozenset(("allOf", "anyOf", "oneOf", "not", "if", "then", "else"))
_VALUE_KEYWORDS = ("default", "const", "example")
_VALUE_LISTS = ("examples", "enum")


def dialect_of(schema_format: str) -> type[Validator] | None:
    """The validator for a `schemaFormat`; None for a format that is not JSON Schema."""
    text = schema_format.strip().lower()
    if not text or text.startswith("application/vnd.aai.asyncapi"):
        return Draft7Validator
    if not text.startswith("application/schema+"):
        return None
    version = _VERSION.search(text)
    if version is not None:
        for suffix, validator in _DIALECTS.items():
            if version.group(1).endswith(suffix):
                return validator
    return Draft7Validator


class ExampleChecker:
    """Checks the examples of one spec; one per build, as it counts toward the cap."""

    def __init__(self, workspace: Workspace) -> None:
        """Check through `workspace` (its files, its roots, its diagnostics)."""
        self.ws = workspace
        self._registry: Registry[Any] = Registry(retrieve=self._retrieve)  # type: ignore[call-arg]
        self._targets: dict[tuple[Source, str], Any] = {}
        self._schema_keys: dict[tuple[int, type[Validator]], Hashable | None] = {}
        self._verdicts: dict[Hashable, ValidationError | None] = {}
        self._resolvers: dict[Source | None, Resolver[Any]] = {}
        self._validators: dict[tuple[int, type[Validator]], Validator | None] = {}
        self._judges: dict[type[Validator], QuickJudge] = {}
        self._walked: set[int] = set()
        self._examples: set[int] = set()
        self._reported = 0
        self._left_out = 0
        self._first_left_out: tuple[Locatable, str | int] | None = None

    # -- what the builder calls ----------------------------------------------------------

    def message(
        self, message: SpecMap, *, payload: tuple[Any, str], headers: tuple[Any, str]
    ) -> None:
        """A message's examples, and the values inside its payload and headers schemas.

        `payload` and `headers` are each (schema as written, schemaFormat).
        """
        payload_dialect = dialect_of(payload[1])
        headers_dialect = dialect_of(headers[1])
        if payload[0] is not None and payload_dialect is not None:
            self.schema_values(payload[0], "/payload", payload_dialect)
        if headers[0] is not None and headers_dialect is not None:
            self.schema_values(headers[0], "/headers", headers_dialect)
        examples = self.ws.deref(message.get("examples"))
        if not isinstance(examples, SpecList) or not examples:
            return
        if payload[0] is not None and payload_dialect is None:
            self.ws.diagnostics.report(
                message,
                f"the examples are not checked: the payload's schema format '{payload[1]}' is "
                "not JSON Schema",
                key="examples",
                hint="only JSON Schema payloads (AsyncAPI's default format) are checked",
                code=NOT_CHECKED,
            )
            payload = (None, "")
        for index, raw in enumerate(examples):
            example = self.ws.deref(raw)
            if id(example) in self._examples:
                continue  # a shared example (`$ref`) is checked once
            self._examples.add(id(example))
            if isinstance(example, SpecMap) and ("payload" in example or "headers" in example):
                name = scalar_text(example.get("name"))
                what = f"example '{name}'" if name else f"example {index + 1}"
                self._example_part(example, "payload", payload, payload_dialect, what)
                self._example_part(example, "headers", headers, headers_dialect, what)
            else:  # 2.0.0 examples were bare payloads
                what = f"example {index + 1}"
                self._value(
                    payload[0], payload_dialect, examples, index, path="/payload", what=what
                )

    def schema_values(
        self, schema: Any, path: str, dialect: type[Validator] = Draft7Validator
    ) -> None:
        """The `default`, `const`, `example(s)` and `enum` values of `schema` and its subschemas.

        `path` names the schema's value for messages (`/query`, `/payload`...).
        """
        target = self.ws.deref(schema)
        if isinstance(target, dict) and "$schema" in target:
            dialect = validators.validator_for(target, default=dialect)
        for node, node_path in self._subschemas(schema, path):
            self._values_of(node, node, dialect, node_path)

    def values_as_string(self, parameter: SpecMap, path: str) -> None:
        """A 3.x parameter's `default`, `examples` and `enum`: strings, and one of its `enum`."""
        enum = parameter.get("enum")
        schema: dict[str, Any] = {"type": "string"}
        if isinstance(enum, list):
            schema["enum"] = list(enum)
        self._values_of(schema, parameter, Draft7Validator, path)

    def validator(self, schema: Any, dialect: type[Validator]) -> Validator | None:
        """A validator of `schema` whose `$ref`s resolve through the workspace, made once.

        The examples' checks use it, and so does the mock server for the frames it receives.
        """
        return self._validator(schema, dialect)

    def finish(self) -> None:
        """Report how many mismatches the cap left out (call once, after the whole spec)."""
        if self._first_left_out is None:
            return
        where, key = self._first_left_out
        self.ws.diagnostics.report(
            where,
            f"{self._left_out} more value(s) do not match their schemas; only the first "
            f"{MAX_EXAMPLE_WARNINGS} are reported",
            key=key,
            hint="a mistake repeated across a generated spec is usually one fix in its generator",
            code=MISMATCH,
        )

    # -- walking and validating ------------------------------------------------------------

    def _deref(self, value: Any) -> Any:
        """`Workspace.deref`, remembered per reference: schemas are walked many times."""
        if not (isinstance(value, SpecMap) and isinstance(value.get("$ref"), str)):
            return value
        # The same reference text in the same file names the same target.
        key = (value.source, value["$ref"])
        if key not in self._targets:
            self._targets[key] = self.ws.deref(value)
        return self._targets[key]

    def _values_of(self, schema: Any, holder: SpecMap, dialect: type[Validator], path: str) -> None:
        """Validate the values `holder` gives (`default`, `examples`...) against `schema`."""
        for key in _VALUE_KEYWORDS:
            if key in holder:
                self._value(schema, dialect, holder, key, path=path, what=f"`{key}`")
        for key in _VALUE_LISTS:
            values = holder.get(key)
            if isinstance(values, SpecList):
                for index in range(len(values)):
                    what = f"`{key}[{index}]`"
                    self._value(schema, dialect, values, index, path=path, what=what)

    def _example_part(
        self,
        example: SpecMap,
        part: str,
        schema: tuple[Any, str],
        dialect: type[Validator] | None,
        what: str,
    ) -> None:
        if part in example:
            self._value(schema[0], dialect, example, part, path=f"/{part}", what=what)

    def _subschemas(self, schema: Any, path: str) -> Iterator[tuple[SpecMap, str]]:
        """Every schema reachable from `schema` (references followed, each once per spec)."""
        stack = [(schema, path)]
        while stack:
            value, value_path = stack.pop()
            node = self._deref(value)
            if not isinstance(node, SpecMap) or id(node) in self._walked:
                continue
            self._walked.add(id(node))
            yield node, value_path
            children: list[tuple[Any, str]] = []
            for keyword in _SUBSCHEMA_MAPS:
                members = node.get(keyword)
                if isinstance(members, dict):
                    children += [(v, f"{value_path}/{k}") for k, v in members.items()]
            for keyword in _SUBSCHEMA_LISTS:
                members = node.get(keyword)
                if isinstance(members, list):
                    same = keyword in _SAME_VALUE
                    children += [(v, value_path if same else f"{value_path}/*") for v in members]
            for keyword in (*_SUBSCHEMAS, "items", "additionalProperties"):
                member = node.get(keyword)
                if isinstance(member, list):  # draft-04 tuple `items`
                    children += [(v, f"{value_path}/*") for v in member]
                elif isinstance(member, dict):
                    same = keyword in _SAME_VALUE
                    children.append((member, value_path if same else f"{value_path}/*"))
            stack.extend(reversed(children))

    def _value(  # noqa: PLR0913 (the schema, and where the value is and how to name it)
        self,
        schema: Any,
        dialect: type[Validator] | None,
        container: SpecMap | SpecList,
        key: str | int,
        *,
        path: str,
        what: str,
    ) -> None:
        """Validate `container[key]` against `schema`; report the best error."""
        if schema is None or dialect is None:
            return
        value = container[key]  # type: ignore[index]
        if self._judge(dialect).certainly_valid(self._deref(schema), value):
            return  # most values: jsonschema is asked about the others, and words mismatches
        verdict_key = self._verdict_key(schema, dialect, value)
        if verdict_key is not None and verdict_key in self._verdicts:
            error = self._verdicts[verdict_key]
        else:
            validator = self._validator(schema, dialect)
            if validator is None:
                return
            try:
                error = best_match(validator.iter_errors(value))
            except Unresolvable:
                return  # the builder reports references it cannot follow
            except Exception as problem:  # noqa: BLE001 (an invalid schema: types, patterns...)
                self._unusable(schema, container, key, problem)
                return
            if verdict_key is not None:
                self._verdicts[verdict_key] = error
        if error is not None:
            self._mismatch(container, key, error, path, what)

    def _judge(self, dialect: type[Validator]) -> QuickJudge:
        judge = self._judges.get(dialect)
        if judge is None:
            judge = self._judges[dialect] = QuickJudge(dialect, self._known_target)
        return judge

    def _known_target(self, reference: Any) -> Any:
        """Where a `$ref` the walk has followed leads; None if it has not (never reports)."""
        if not (isinstance(reference, SpecMap) and isinstance(reference.get("$ref"), str)):
            return None
        return self._targets.get((reference.source, reference["$ref"]))

    def _verdict_key(self, schema: Any, dialect: type[Validator], value: Any) -> Hashable | None:
        target = self._deref(schema)
        cache_key = (id(target), dialect)
        if cache_key not in self._schema_keys:
            self._schema_keys[cache_key] = flat_schema_key(target, dialect)
        schema_key = self._schema_keys[cache_key]
        frozen_value = frozen_scalar(value)
        if schema_key is None or frozen_value is None:
            return None
        return (schema_key, frozen_value)

    def _validator(self, schema: Any, dialect: type[Validator]) -> Validator | None:
        target = self._deref(schema)
        cache_key = (id(target), dialect)
        if cache_key in self._validators:
            return self._validators[cache_key]
        validator: Validator | None = None
        if isinstance(target, dict | bool):
            # The schema is validated where it is, so its `#/...` references name its own
            # file: the resolver starts there. (A `{"$ref": "file#pointer"}` wrapper would
            # say the same, but made jsonschema crawl the whole spec for every validator.)
            resolver = self._resolver_for(target)
            validator = dialect(target, registry=self._registry, _resolver=resolver)  # type: ignore[call-arg]
        # The target is kept alive by the validator, so its id is not reused meanwhile.
        self._validators[cache_key] = validator
        return validator

    def _resolver_for(self, schema: Any) -> Resolver[Any]:
        """A resolver based at the schema's file, with that file in the registry already.

        Registered once per file: a resolver only keeps what it retrieves for the lookup at
        hand, so `retrieve` would otherwise run for every `$ref` of every validation.
        """
        source = schema.source if isinstance(schema, SpecMap) else None
        resolver = self._resolvers.get(source)
        if resolver is None:
            uri = source.path.as_uri() if source is not None else ""
            if source is not None:
                # The schema's own file is read already, wherever it lies: the spec itself may
                # sit outside the folders that `$ref`s may reach (`_retrieve` checks those).
                own = Resource.from_contents(
                    self.ws.load(source.path), default_specification=DRAFT7
                )
                self._registry = self._registry.with_resource(uri, own)
            resolver = self._resolvers[source] = self._registry.resolver(base_uri=uri)
        return resolver

    def _retrieve(self, uri: str) -> Resource[Any]:
        """A spec file for `$ref`s: a local file inside the allowed folders, read once."""
        parts = urlsplit(uri)
        if parts.scheme != "file":
            raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # never fetched from the network
        path = Path(unquote(parts.path))
        if not any(path.is_relative_to(root) for root in self.ws.roots):
            raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
        try:
            root = self.ws.load(path)
        except SpecError:
            raise NoSuchResource(ref=uri) from None  # type: ignore[call-arg]
        return Resource.from_contents(root, default_specification=DRAFT7)

    def _mismatch(
        self,
        container: SpecMap | SpecList,
        key: str | int,
        error: ValidationError,
        path: str,
        what: str,
    ) -> None:
        where, where_key = _deepest(container, key, list(error.absolute_path))
        if self._reported >= MAX_EXAMPLE_WARNINGS:
            self._left_out += 1
            self._first_left_out = self._first_left_out or (where, where_key)
            return
        self._reported += 1
        value_path = path + "".join(f"/{token}" for token in error.absolute_path)
        reason = reason_of(error)
        self.ws.diagnostics.report(
            where,
            f"{what} does not match its schema: {value_path}: {reason}",
            key=where_key,
            hint="readers copy examples: correct the value, or the schema if the value is right",
            code=MISMATCH,
        )

    def _unusable(
        self, schema: Any, container: SpecMap | SpecList, key: str | int, problem: Exception
    ) -> None:
        target = self.ws.deref(schema)
        where = target if isinstance(target, SpecMap) else container
        self.ws.diagnostics.report(
            where,
            f"this schema cannot check its examples: {_first_line(problem)}",
            key=None if isinstance(target, SpecMap) else key,
            hint="check the schema's keywords: type names, regular expressions, references",
            code=UNUSABLE_SCHEMA,
        )


def _first_line(problem: Exception) -> str:
    """An exception as one line (jsonschema's quote the whole schema after the first)."""
    lines = [line.strip() for line in str(problem).splitlines() if line.strip()]
    text = f"{type(problem).__name__}: {lines[0] if lines else ''}"
    return text if len(text) <= MAX_REASON else text[:MAX_REASON] + "…"


def reason_of(error: ValidationError) -> str:
    """What the schema wanted, as jsonschema says it, with a large value named by its type."""
    message = error.message
    quoted = repr(error.instance)
    if len(quoted) > 40 and message.startswith(quoted):
        message = f"the {_json_type(error.instance)}{message[len(quoted) :]}"
    return message if len(message) <= MAX_REASON else message[:MAX_REASON] + "…"


def _json_type(value: Any) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string" if isinstance(value, str) else "value"


def _deepest(
    container: SpecMap | SpecList, key: str | int, path: list[str | int]
) -> tuple[Locatable, str | int]:
    """The innermost located node on the way to the offending value, and its key there."""
    for token in path:
        child = container[key]  # type: ignore[index]
        if not _holds(child, token):
            break
        container, key = child, token
    return container, key


def _holds(node: Any, token: str | int) -> bool:
    if isinstance(node, SpecMap):
        return isinstance(token, str) and token in node
    return isinstance(node, SpecList) and isinstance(token, int) and 0 <= token < len(node)


class ExamplesLeftUnchecked(ExampleChecker):
    """Checks nothing: for readers that need only the model (`diff` reading two versions).

    Judging examples is `check`'s work, and on a large spec it is a third of the reading time.
    """

    def message(
        self, message: SpecMap, *, payload: tuple[Any, str], headers: tuple[Any, str]
    ) -> None:
        """Nothing to check."""
        del message, payload, headers

    def schema_values(
        self, schema: Any, path: str, dialect: type[Validator] = Draft7Validator
    ) -> None:
        """Nothing to check."""
        del schema, path, dialect

    def values_as_string(self, parameter: SpecMap, path: str) -> None:
        """Nothing to check."""
        del parameter, path
