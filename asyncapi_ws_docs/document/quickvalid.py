"""A fast "certainly valid" for the keywords most schemas use, asked before jsonschema.

Nearly every example in a spec is valid, and nearly every schema uses a dozen keywords.
jsonschema, the reference implementation, judges a value through general machinery (a new
validator object per step down, a resolver lookup per `$ref`, an error generator per keyword)
that on a large spec was a third of `check`'s time. This module answers one question only:
is the value *certainly* valid? It knows the keywords in `_CHECKS` exactly as the JSON Schema
drafts define them, and as jsonschema implements them (JSON equality that keeps `true` and
`1` apart, `integer` admitting `1.0` from draft 6 on, `pattern` as `re.search`, `format` not
asserted as jsonschema asserts it only with a format checker, which the example checks do
not give; keywords a dialect does not know are ignored, as jsonschema ignores them).

For anything else it is not certain: another keyword, a `$ref` not followed yet, `$id`, a
setting of the wrong type, a value that is not JSON, a non-finite number. Then jsonschema
decides, as it does for every value that is not certainly valid; so every mismatch reported
is jsonschema's verdict and message. A property test holds "certainly valid" to jsonschema's
verdict on hostile schemas and values.

The second way to a verdict without judging again: `flat_schema_key`, for the value a
generated spec checks against the same small schema in every channel (valid or not).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jsonschema import Draft4Validator, Draft6Validator, Draft7Validator

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from jsonschema.protocols import Validator

MAX_DEPTH = 64
"""Steps down a schema (values, `$ref`s, combinators) before handing over to jsonschema."""

_LEGACY_REF = frozenset((Draft4Validator, Draft6Validator, Draft7Validator))
"""Dialects where a `$ref` makes its siblings ignored (later drafts apply them too)."""

_CHANGES_RESOLUTION = frozenset(("$id", "id", "$anchor", "$dynamicAnchor", "$recursiveAnchor"))
"""Keywords that change what a `$ref` means: jsonschema resolves those itself."""


class _Unsure(Exception):  # noqa: N818 (a verdict, not an error)
    """Not certain: jsonschema decides."""


class QuickJudge:
    """Says whether values are certainly valid against schemas of one dialect.

    `follow` gives the target a `$ref` object leads to at the end of its chain, or `None`
    when that is not known (then the judge is not certain). Only the dialects where a `$ref`
    makes its siblings ignored follow references: from 2019-09 on, the siblings of every
    `$ref` along a chain apply too, which a chain's end does not show.
    """

    def __init__(self, dialect: type[Validator], follow: Callable[[Any], Any]) -> None:
        """Judge by `dialect`'s rules, following `$ref`s with `follow`."""
        self.checks: dict[str, Callable[[Any, Any, str, Any, int], bool]] = {
            keyword: getattr(self, method)
            for keyword, method in _CHECKS.items()
            if keyword in dialect.VALIDATORS
        }
        self.unsure = frozenset(dialect.VALIDATORS).difference(self.checks, _IGNORED)
        self.draft4 = dialect is Draft4Validator
        self.legacy_ref = dialect in _LEGACY_REF
        self.follow = follow

    def certainly_valid(self, schema: Any, value: Any) -> bool:
        """True when `value` is valid against `schema`; False when invalid or not certain.

        `schema` is the one jsonschema would be given: a reference's target, not the reference.
        """
        try:
            return self._valid(schema, value, 0, top=True)
        except _Unsure:
            return False

    def _valid(self, schema: Any, value: Any, depth: int, *, top: bool = False) -> bool:
        if schema is True or schema is False:
            if self.draft4:
                raise _Unsure  # no boolean schemas in draft 4: its keywords treat them apart
            return schema
        self._judgeable(schema, depth, top=top)
        if "$ref" in schema:
            target = self.follow(schema) if self.legacy_ref else None
            if target is None:
                raise _Unsure
            return self._valid(target, value, depth + 1)
        kind = _kind(value)
        checks = self.checks
        for keyword, setting in schema.items():
            check = checks.get(keyword)
            if check is not None:
                if not check(setting, value, kind, schema, depth + 1):
                    return False
            elif keyword in self.unsure:
                raise _Unsure  # a keyword the dialect knows and this module does not
        return True

    def _judgeable(self, schema: Any, depth: int, *, top: bool) -> None:
        """Raise `_Unsure` for a schema this module cannot judge as a whole."""
        if not isinstance(schema, dict) or depth > MAX_DEPTH:
            raise _Unsure
        if not _CHANGES_RESOLUTION.isdisjoint(schema) or (not top and "$schema" in schema):
            raise _Unsure
        if self.draft4 and ("exclusiveMinimum" in schema or "exclusiveMaximum" in schema):
            raise _Unsure  # draft 4's are flags that change `minimum` and `maximum`

    # -- the keywords --------------------------------------------------------------------

    def _type(self, setting: Any, value: Any, kind: str, _schema: Any, _depth: int) -> bool:
        if isinstance(setting, str):
            return self._is_a(value, kind, setting)
        if not isinstance(setting, list) or not setting:
            raise _Unsure
        return any(self._is_a(value, kind, name) for name in setting)

    def _is_a(self, value: Any, kind: str, name: Any) -> bool:
        if name == kind:
            return True
        if name == "integer":
            if kind != "number":
                return False
            return not isinstance(value, float) or (not self.draft4 and value.is_integer())
        if name in _TYPE_NAMES:
            return False
        raise _Unsure  # an unknown type name: jsonschema says what is wrong with it

    def _enum(self, setting: Any, value: Any, kind: str, _schema: Any, _depth: int) -> bool:
        if not isinstance(setting, list):
            raise _Unsure
        return _among(value, kind, setting)

    def _const(self, setting: Any, value: Any, kind: str, _schema: Any, _depth: int) -> bool:
        return _among(value, kind, [setting])

    def _minimum(self, setting: Any, value: Any, kind: str, _schema: Any, _depth: int) -> bool:
        return kind != "number" or value >= _number(setting)

    def _maximum(self, setting: Any, value: Any, kind: str, _schema: Any, _depth: int) -> bool:
        return kind != "number" or value <= _number(setting)

    def _exclusive_minimum(
        self, setting: Any, value: Any, kind: str, _schema: Any, _depth: int
    ) -> bool:
        return kind != "number" or value > _number(setting)

    def _exclusive_maximum(
        self, setting: Any, value: Any, kind: str, _schema: Any, _depth: int
    ) -> bool:
        return kind != "number" or value < _number(setting)

    def _min_length(self, setting: Any, value: Any, _kind: str, _schema: Any, _depth: int) -> bool:
        return not isinstance(value, str) or len(value) >= _count(setting)

    def _max_length(self, setting: Any, value: Any, _kind: str, _schema: Any, _depth: int) -> bool:
        return not isinstance(value, str) or len(value) <= _count(setting)

    def _pattern(self, setting: Any, value: Any, _kind: str, _schema: Any, _depth: int) -> bool:
        if not isinstance(setting, str):
            raise _Unsure
        return not isinstance(value, str) or _compiled(setting).search(value) is not None

    def _required(self, setting: Any, value: Any, _kind: str, _schema: Any, _depth: int) -> bool:
        if not isinstance(setting, list):
            raise _Unsure
        return not isinstance(value, dict) or all(name in value for name in setting)

    def _properties(self, setting: Any, value: Any, _kind: str, _schema: Any, depth: int) -> bool:
        if not isinstance(setting, dict):
            raise _Unsure
        if not isinstance(value, dict):
            return True
        return all(
            self._valid(sub, value[name], depth) for name, sub in setting.items() if name in value
        )

    def _additional_properties(
        self, setting: Any, value: Any, _kind: str, schema: Any, depth: int
    ) -> bool:
        if "patternProperties" in schema:
            raise _Unsure
        if not isinstance(value, dict):
            return True
        declared = schema.get("properties", {})
        if not isinstance(declared, dict):
            raise _Unsure
        extras = [name for name in value if name not in declared]
        if isinstance(setting, dict):
            return all(self._valid(setting, value[name], depth) for name in extras)
        return bool(setting) or not extras

    def _min_properties(
        self, setting: Any, value: Any, _kind: str, _schema: Any, _depth: int
    ) -> bool:
        return not isinstance(value, dict) or len(value) >= _count(setting)

    def _max_properties(
        self, setting: Any, value: Any, _kind: str, _schema: Any, _depth: int
    ) -> bool:
        return not isinstance(value, dict) or len(value) <= _count(setting)

    def _items(self, setting: Any, value: Any, _kind: str, schema: Any, depth: int) -> bool:
        if isinstance(setting, list) or "prefixItems" in schema:
            raise _Unsure  # tuple validation
        if not isinstance(value, list):
            return True
        return all(self._valid(setting, item, depth) for item in value)

    def _min_items(self, setting: Any, value: Any, _kind: str, _schema: Any, _depth: int) -> bool:
        return not isinstance(value, list) or len(value) >= _count(setting)

    def _max_items(self, setting: Any, value: Any, _kind: str, _schema: Any, _depth: int) -> bool:
        return not isinstance(value, list) or len(value) <= _count(setting)

    def _unique_items(
        self, setting: Any, value: Any, _kind: str, _schema: Any, _depth: int
    ) -> bool:
        if not setting or not isinstance(value, list):
            return True
        keys = [_scalar_key(item) for item in value]
        return len(set(keys)) == len(keys)

    def _all_of(self, setting: Any, value: Any, _kind: str, _schema: Any, depth: int) -> bool:
        return all(self._valid(sub, value, depth) for sub in _schemas(setting))

    def _any_of(self, setting: Any, value: Any, _kind: str, _schema: Any, depth: int) -> bool:
        return any(self._valid(sub, value, depth) for sub in _schemas(setting))

    def _one_of(self, setting: Any, value: Any, _kind: str, _schema: Any, depth: int) -> bool:
        return sum(self._valid(sub, value, depth) for sub in _schemas(setting)) == 1

    def _not(self, setting: Any, value: Any, _kind: str, _schema: Any, depth: int) -> bool:
        return not self._valid(setting, value, depth)


_CHECKS = {
    "type": "_type",
    "enum": "_enum",
    "const": "_const",
    "minimum": "_minimum",
    "maximum": "_maximum",
    "exclusiveMinimum": "_exclusive_minimum",
    "exclusiveMaximum": "_exclusive_maximum",
    "minLength": "_min_length",
    "maxLength": "_max_length",
    "pattern": "_pattern",
    "required": "_required",
    "properties": "_properties",
    "additionalProperties": "_additional_properties",
    "minProperties": "_min_properties",
    "maxProperties": "_max_properties",
    "items": "_items",
    "minItems": "_min_items",
    "maxItems": "_max_items",
    "uniqueItems": "_unique_items",
    "allOf": "_all_of",
    "anyOf": "_any_of",
    "oneOf": "_one_of",
    "not": "_not",
}
"""The keywords judged here, by their methods; any other the dialect knows is jsonschema's."""

_IGNORED = frozenset(("$ref", "format"))
"""Known keywords with nothing to judge here: `$ref` is followed first, `format` not asserted."""

_TYPE_NAMES = frozenset(("string", "number", "boolean", "null", "object", "array"))


_KINDS: dict[type, str] = {
    str: "string",
    bool: "boolean",
    int: "number",
    float: "number",
    type(None): "null",
    dict: "object",
    list: "array",
}


def _kind(value: Any) -> str:
    """The JSON type of a value; not certain for what JSON cannot hold."""
    kind = _KINDS.get(type(value))
    if kind is None:  # a spec's own mapping or sequence, a date, another YAML type
        if isinstance(value, dict):
            return "object"
        if isinstance(value, list):
            return "array"
        raise _Unsure
    if type(value) is float and not math.isfinite(value):
        raise _Unsure
    return kind


def _among(value: Any, kind: str, members: list[Any]) -> bool:
    """Whether a scalar equals a member, by JSON equality: `true` is not `1`, `1` is `1.0`.

    Python's `==` is JSON's between strings, and between numbers once booleans are set apart;
    an object or array never equals a scalar. Unsure for an object or array value.
    """
    if kind == "string":
        return value in members
    if kind == "number":
        return any(m == value and not isinstance(m, bool) for m in members)
    if kind in ("boolean", "null"):
        return any(m is value for m in members)
    raise _Unsure


def _scalar_key(value: Any) -> tuple[str, Any]:
    """What makes two scalars equal in JSON; unsure for objects and arrays."""
    kind = _kind(value)
    if kind in ("object", "array"):
        raise _Unsure
    return (kind, value)


def _number(setting: Any) -> int | float:
    if _kind(setting) != "number":
        raise _Unsure
    return setting  # type: ignore[no-any-return]


def _count(setting: Any) -> int:
    if isinstance(setting, bool) or not isinstance(setting, int):
        raise _Unsure
    return setting


def _schemas(setting: Any) -> list[Any]:
    if not isinstance(setting, list) or not setting:
        raise _Unsure
    return setting


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error:
        raise _Unsure from None  # jsonschema reports the broken pattern


# -- verdicts shared between equal flat schemas ------------------------------------------

_ANNOTATIONS = frozenset(
    (
        "description",
        "title",
        "examples",
        "example",
        "default",
        "$comment",
        "deprecated",
        "readOnly",
        "writeOnly",
        "externalDocs",
        "summary",
    )
)


def flat_schema_key(schema: Any, dialect: type[Validator]) -> Hashable | None:
    """A key for what a flat schema asserts, so that verdicts on scalars can be shared; or None.

    Generated specs repeat the same small schema (a header, a query parameter) in every channel,
    with only its description changed: the same assertions and the same value give the same
    verdict, so it is worked out once. Annotations do not assert anything, so they are left
    out of the key; a schema with references or nested schemas gets no key.
    """
    if not isinstance(schema, dict) or "$ref" in schema:
        return None
    parts: list[tuple[str, Hashable]] = []
    for keyword, setting in schema.items():
        if keyword in _ANNOTATIONS or keyword.startswith("x-"):
            continue
        frozen = (
            tuple(frozen_scalar(item) for item in setting)
            if isinstance(setting, list)
            else frozen_scalar(setting)
        )
        if frozen is None or (isinstance(frozen, tuple) and None in frozen):
            return None
        parts.append((keyword, frozen))
    return (dialect, tuple(sorted(parts)))


def frozen_scalar(value: Any) -> tuple[str, Any] | None:
    """A scalar with its JSON type, so `true` and `1` (equal in Python) stay apart."""
    if value is None or isinstance(value, bool):
        return (type(value).__name__, value)
    if isinstance(value, int):
        return ("integer", value)
    if isinstance(value, float):  # 1.0 is an integer to draft 6+, not to draft 4
        return ("float", value)
    if isinstance(value, str):
        return ("string", value)
    return None
