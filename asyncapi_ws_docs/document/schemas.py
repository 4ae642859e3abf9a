"""JSON Schemas from a spec, turned into `Schema` trees that property tables can walk.

References are followed; a schema that refers back to one of its ancestors is cut at that point
(`Schema.recursive_ref`), so recursive types render once and never loop. `allOf` members are
merged into one property list, which is what a reader of a table wants.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.document.loader import SpecFloat, SpecInt, SpecList, SpecMap
from asyncapi_ws_docs.document.model import MISSING, Property, Schema
from asyncapi_ws_docs.document.refs import unescape_pointer_token

if TYPE_CHECKING:
    from collections.abc import Callable

    from asyncapi_ws_docs.document.refs import Workspace

MAX_SCHEMA_DEPTH = 32
"""Nesting shown before a table says "truncated": deeper schemas are unreadable as tables."""

CONSTRAINT_KEYWORDS = (
    "pattern",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "contentEncoding",
    "contentMediaType",
)


def ref_name(ref: str) -> str:
    """The last pointer token of a reference: `#/components/schemas/User` gives `User`."""
    return unescape_pointer_token(ref.rsplit("/", 1)[-1]) if "/" in ref else ref


def to_plain(value: Any) -> Any:
    """Spec data as plain Python types (for YAML/JSON output): no positions, no subclasses."""
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, SpecInt):
        return int(value)
    if isinstance(value, SpecFloat):
        return float(value)
    return value


MAX_COPY_NODES = 10_000
"""Most values a snippet or an example shows; YAML aliases and `$ref`s can multiply a small
file into millions, and nobody reads or copies a snippet that size."""


class TooLargeError(Exception):
    """A copy of spec data would exceed `MAX_COPY_NODES` (or nest absurdly deep)."""


def bounded_copy(
    value: Any, *, deref: Callable[[Any], Any] | None = None, limit: int = MAX_COPY_NODES
) -> tuple[Any, bool]:
    """Plain data for output, and whether a `$ref` was replaced by its target.

    With `deref`, references are followed, except one that loops back into the data being
    copied, which stays a `$ref`. Raises `TooLargeError` past `limit` values or 64 levels.
    """
    count = 0
    resolved = False

    def copy(node: Any, ancestors: tuple[int, ...]) -> Any:
        nonlocal count, resolved
        count += 1
        if count > limit or len(ancestors) > 64:
            raise TooLargeError
        if deref is not None and isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target = deref(node)
            if target is not None and id(target) not in ancestors:
                resolved = True
                node = target
        if isinstance(node, dict):
            inner = (*ancestors, id(node))
            return {str(k): copy(v, inner) for k, v in node.items()}
        if isinstance(node, list):
            inner = (*ancestors, id(node))
            return [copy(v, inner) for v in node]
        return to_plain(node)

    return copy(value, ()), resolved


def scalar_text(value: Any) -> str:
    """A scalar as the author wrote it: `1.10` stays "1.10", `true` is "true"."""
    if isinstance(value, SpecInt | SpecFloat):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


class SchemaBuilder:
    """Builds `Schema` trees, sharing the result for schemas used in many places."""

    def __init__(self, workspace: Workspace) -> None:
        """Create a builder that follows references through `workspace`."""
        self.workspace = workspace
        self._done: dict[int, Schema] = {}
        self._ancestors: list[int] = []
        self._loops: list[set[int]] = []

    def build(self, value: Any, *, depth: int = 0) -> Schema:
        """The `Schema` for a schema value (inline, a `$ref`, or a boolean schema)."""
        name = ref_name(value["$ref"]) if self.workspace.is_ref(value) else ""
        target = self.workspace.deref(value)
        if target is None:
            return Schema(ref_name=name, description="", raw=None, truncated=False)
        if id(target) in self._ancestors:
            self._note_loop(id(target))
            return Schema(type=_type_of(target), ref_name=name, recursive_ref=name or "parent")
        if depth >= MAX_SCHEMA_DEPTH:
            return Schema(type=_type_of(target), ref_name=name, truncated=True)
        if id(target) in self._done:
            return self._done[id(target)]
        self._ancestors.append(id(target))
        self._loops.append(set())
        try:
            schema = self._build_target(target, name, depth)
        finally:
            self._ancestors.pop()
            loops = self._loops.pop()
        if loops <= {id(target)}:
            self._done[id(target)] = schema
        return schema

    def _note_loop(self, target_id: int) -> None:
        for loops in self._loops:
            loops.add(target_id)

    def _build_target(self, target: Any, name: str, depth: int) -> Schema:
        if isinstance(target, bool):
            return Schema(type="any" if target else "never", ref_name=name, raw=target)
        if not isinstance(target, dict):
            return Schema(ref_name=name, raw=target)
        properties, required = self._properties(target, depth)
        members = [self.build(m, depth=depth + 1) for m in _list(target.get("allOf"))]
        for member in members:
            known = {p.name for p in properties}
            properties += tuple(
                Property(p.name, p.schema, p.required or p.name in required)
                for p in member.properties
                if p.name not in known
            )
        return Schema(
            type=_type_of(target) or next((m.type for m in members if m.type), ""),
            format=scalar_text(target.get("format")),
            title=scalar_text(target.get("title")),
            description=scalar_text(target.get("description"))
            or next((m.description for m in members if m.description), ""),
            default=target.get("default", MISSING),
            const=target.get("const", MISSING),
            enum=tuple(_list(target.get("enum"))),
            examples=_examples(target),
            constraints=tuple((k, target[k]) for k in CONSTRAINT_KEYWORDS if k in target),
            properties=properties,
            items=self._items(target, depth),
            variants=self._variants(target, depth),
            additional=self._additional(target, depth),
            ref_name=name,
            deprecated=target.get("deprecated") is True,
            raw=target,
        )

    def _properties(
        self, target: dict[str, Any], depth: int
    ) -> tuple[tuple[Property, ...], set[str]]:
        required = {r for r in _list(target.get("required")) if isinstance(r, str)}
        raw = target.get("properties")
        if not isinstance(raw, dict):
            return (), required
        return (
            tuple(
                Property(str(key), self.build(value, depth=depth + 1), str(key) in required)
                for key, value in raw.items()
            ),
            required,
        )

    def _items(self, target: dict[str, Any], depth: int) -> Schema | None:
        items = target.get("items")
        if isinstance(items, list):  # draft-04 tuple form: show the first position
            items = items[0] if items else None
        return None if items is None else self.build(items, depth=depth + 1)

    def _variants(
        self, target: dict[str, Any], depth: int
    ) -> tuple[tuple[str, tuple[Schema, ...]], ...]:
        return tuple(
            (keyword, tuple(self.build(v, depth=depth + 1) for v in _list(target[keyword])))
            for keyword in ("oneOf", "anyOf")
            if isinstance(target.get(keyword), list)
        )

    def _additional(self, target: dict[str, Any], depth: int) -> Schema | None:
        additional = target.get("additionalProperties")
        if isinstance(additional, dict):
            return self.build(additional, depth=depth + 1)
        return None


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, SpecList | list) else []


def _examples(target: dict[str, Any]) -> tuple[Any, ...]:
    """`examples` (JSON Schema), or the single `example` that OpenAPI-minded authors write."""
    if isinstance(target.get("examples"), list):
        return tuple(target["examples"])
    if "example" in target:
        return (target["example"],)
    return ()


def _type_of(target: Any) -> str:
    """The type as a reader says it: `string`, `integer | null`; implied by the keywords used."""
    if not isinstance(target, SpecMap | dict):
        return ""
    declared = target.get("type")
    if isinstance(declared, list):
        return " | ".join(scalar_text(t) for t in declared)
    if isinstance(declared, str):
        return declared
    if isinstance(target.get("properties"), dict):
        return "object"
    if "items" in target:
        return "array"
    return ""
