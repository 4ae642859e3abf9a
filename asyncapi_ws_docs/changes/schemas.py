"""Two versions of a JSON Schema compared by what they accept, not by how they are written.

`schema_changes` walks both `Schema` trees (references already followed, `allOf` merged) side
by side and says, for each difference, whether the new schema accepts less (`tightened`,
`narrowed`, `required-added`, `enum-removed`) or more (`loosened`, `widened`, `removed`,
`unrequired`, `enum-added`). It knows nothing of who sends the message: `compare` turns each
kind into a rule by the message's direction.

Schemas can be recursive and shared: the trees are cut where they loop (`recursive_ref`), and
the walk also stops at `MAX_DEPTH`, never compares the same pair twice, and gives up after
`MAX_NODES` pairs, so a pathological spec costs bounded time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from asyncapi_ws_docs.document.model import MISSING
from asyncapi_ws_docs.document.schemas import scalar_text, to_plain

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asyncapi_ws_docs.document.model import Property, Schema

MAX_DEPTH = 24
MAX_NODES = 20_000

Kind = Literal[
    "required-added",
    "optional-added",
    "removed",
    "unrequired",
    "enum-removed",
    "enum-added",
    "narrowed",
    "widened",
    "type-changed",
    "tightened",
    "loosened",
    "deprecated",
    "described",
]
_UPPER = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
_LOWER = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")


@dataclass(frozen=True)
class SchemaChange:
    """One difference: its kind, the field's path (`user.name`, `items[]`), before and after.

    `node` and `key` say where it is written: the schema mapping (in the new version, or in
    the old one for a removal) and the keyword or property name inside it.
    """

    kind: Kind
    path: str
    old: str
    new: str
    node: Any
    key: str | None = None
    was_deprecated: bool = False
    in_old: bool = False
    """Whether `node` is in the old version (a removal)."""


def schema_changes(old: Schema | None, new: Schema | None) -> list[SchemaChange]:
    """Every difference between two versions of one schema (None: no schema at all)."""
    if old is None or new is None:
        return []
    walk = _Walk()
    return list(walk.compare(old, new, "", 0))


class _Walk:
    """One comparison: the pairs already compared, and how many."""

    def __init__(self) -> None:
        self.seen: set[tuple[int, int, str]] = set()

    def compare(self, old: Schema, new: Schema, path: str, depth: int) -> Iterator[SchemaChange]:
        pair = (id(old), id(new), path)
        if old is new or pair in self.seen or depth > MAX_DEPTH or len(self.seen) > MAX_NODES:
            return
        self.seen.add(pair)
        if old.recursive_ref or new.recursive_ref:
            return  # the loop's target is compared where it is first defined
        yield from _type_changes(old, new, path)
        yield from _enum_changes(old, new, path)
        yield from _constraint_changes(old, new, path)
        if not old.deprecated and new.deprecated:
            yield SchemaChange("deprecated", path, "", "deprecated", new.raw, "deprecated")
        if old.title != new.title or old.description != new.description:
            words = [w for w in ("title", "description") if getattr(old, w) != getattr(new, w)]
            yield SchemaChange("described", path, "", " and ".join(words), *_at(new, words[-1]))
        yield from self._properties(old, new, path, depth)
        if old.items is not None and new.items is not None:
            yield from self.compare(old.items, new.items, f"{path}[]", depth + 1)
        if old.additional is not None and new.additional is not None:
            yield from self.compare(old.additional, new.additional, f"{path}.*", depth + 1)
        yield from self._variants(old, new, path, depth)

    def _properties(
        self, old: Schema, new: Schema, path: str, depth: int
    ) -> Iterator[SchemaChange]:
        before = {p.name: p for p in old.properties}
        after = {p.name: p for p in new.properties}
        for name, prop in after.items():
            field = _join(path, name)
            earlier = before.get(name)
            if earlier is None:
                kind: Kind = "required-added" if prop.required else "optional-added"
                yield SchemaChange(kind, field, "", _shape(prop.schema), *_at(new, name))
                continue
            if prop.required and not earlier.required:
                yield SchemaChange("required-added", field, "optional", "required", *_at(new, name))
            elif earlier.required and not prop.required:
                yield SchemaChange("unrequired", field, "required", "optional", *_at(new, name))
            yield from self.compare(earlier.schema, prop.schema, field, depth + 1)
        for name, prop in before.items():
            if name not in after:
                yield _removed(prop, _join(path, name), old)

    def _variants(self, old: Schema, new: Schema, path: str, depth: int) -> Iterator[SchemaChange]:
        if not old.variants and not new.variants:
            return
        before, after = dict(old.variants), dict(new.variants)
        for keyword in ("oneOf", "anyOf"):
            old_branches = _branches(before.get(keyword, ()))
            new_branches = _branches(after.get(keyword, ()))
            if not old_branches and not new_branches:
                continue
            where = f"{path}({keyword})" if path else f"({keyword})"
            for name, branch in new_branches.items():
                if name in old_branches:
                    inner = f"{where}[{name}]"
                    yield from self.compare(old_branches[name], branch, inner, depth + 1)
                elif old_branches:
                    yield SchemaChange("loosened", where, "", f"branch {name}", *_at(new, keyword))
            for name in old_branches:
                if name not in new_branches and new_branches:
                    yield SchemaChange("tightened", where, f"branch {name}", "", *_at(new, keyword))


def _branches(schemas: tuple[Schema, ...]) -> dict[str, Schema]:
    """`oneOf`/`anyOf` branches by name (their `$ref` name or title), else by position."""
    named: dict[str, Schema] = {}
    for index, schema in enumerate(schemas):
        named.setdefault(schema.ref_name or schema.title or str(index + 1), schema)
    return named


def _removed(prop: Property, field: str, old: Schema) -> SchemaChange:
    return SchemaChange(
        "removed",
        field,
        "required" if prop.required else "optional",
        "",
        *_at(old, prop.name),
        was_deprecated=prop.schema.deprecated,
        in_old=True,
    )


def _at(schema: Schema, name: str) -> tuple[Any, str | None]:
    """Where a property or keyword of `schema` is written: its `properties` entry if any."""
    raw = schema.raw
    if isinstance(raw, dict):
        properties = raw.get("properties")
        if isinstance(properties, dict) and name in properties:
            return properties, name
        return raw, name if name in raw else None
    return raw, None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _types(schema: Schema) -> frozenset[str]:
    """The types a schema allows; empty for any type."""
    return frozenset(t.strip() for t in schema.type.split("|") if t.strip() not in {"", "any"})


def _covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    """Whether every value of the `narrow` types is one of the `wide` types."""
    if not wide:
        return True
    if not narrow:
        return False
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _type_changes(old: Schema, new: Schema, path: str) -> Iterator[SchemaChange]:
    if old.type == new.type:  # most schemas: the sets below cost a large spec's walk dearly
        return
    before, after = _types(old), _types(new)
    if before == after:
        return
    wider, narrower = _covers(after, before), _covers(before, after)
    kind: Kind = "widened" if wider else "narrowed" if narrower else "type-changed"
    yield SchemaChange(kind, path, _type_text(before), _type_text(after), *_at(new, "type"))


def _type_text(types: frozenset[str]) -> str:
    return " | ".join(sorted(types)) or "any type"


def _enum_changes(old: Schema, new: Schema, path: str) -> Iterator[SchemaChange]:
    if _same_values(old, new):
        return
    before = _values(old)
    after = _values(new)
    if before == after:
        return
    key = "enum" if new.enum or old.enum else "const"
    if before is None:
        yield SchemaChange("tightened", path, "any value", _list_text(after), *_at(new, key))
    elif after is None:
        yield SchemaChange("loosened", path, _list_text(before), "any value", *_at(new, key))
    else:
        if removed := [v for v in before if v not in after]:
            yield SchemaChange("enum-removed", path, _list_text(removed), "", *_at(new, key))
        if added := [v for v in after if v not in before]:
            yield SchemaChange("enum-added", path, "", _list_text(added), *_at(new, key))


def _same_values(old: Schema, new: Schema) -> bool:
    """The same `enum` and `const`, told without writing them as JSON (as `_values` does).

    Python's `==` holds `1 == True`; the types must match too, as JSON's values do.
    """
    if old.const is not MISSING or new.const is not MISSING:
        return type(old.const) is type(new.const) and old.const == new.const
    return old.enum == new.enum and list(map(type, old.enum)) == list(map(type, new.enum))


def _values(schema: Schema) -> list[str] | None:
    """The allowed values (`enum`, or `const` as one), as JSON text; None: any value."""
    if schema.const is not MISSING:
        return [_json(schema.const)]
    if schema.enum:
        return [_json(v) for v in schema.enum]
    return None


def _json(value: Any) -> str:
    return json.dumps(to_plain(value), sort_keys=True, ensure_ascii=False, default=str)


def _list_text(values: list[str] | None) -> str:
    return ", ".join(f"`{v}`" for v in values or [])


def _constraint_changes(old: Schema, new: Schema, path: str) -> Iterator[SchemaChange]:
    if old.constraints == new.constraints:
        return
    before, after = dict(old.constraints), dict(new.constraints)
    for keyword in (*_UPPER, *_LOWER, "pattern"):
        was, now = before.get(keyword), after.get(keyword)
        if was == now:
            continue
        tighter = _tighter(keyword, was, now)
        if tighter is None:
            continue
        old_text = f"{keyword} {scalar_text(was)}" if was is not None else f"no {keyword}"
        new_text = f"{keyword} {scalar_text(now)}" if now is not None else f"no {keyword}"
        kind: Kind = "tightened" if tighter else "loosened"
        node = new if now is not None else old
        yield SchemaChange(kind, path, old_text, new_text, *_at(node, keyword), in_old=node is old)


def _tighter(keyword: str, was: Any, now: Any) -> bool | None:
    """Whether `now` accepts less than `was` (None: the values cannot be compared)."""
    if now is None:
        return False
    if was is None or keyword == "pattern":
        return True
    if not isinstance(was, int | float) or not isinstance(now, int | float):
        return None
    return now < was if keyword in _UPPER else now > was


def _shape(schema: Schema) -> str:
    """A short description of a new field's schema: its type."""
    return _type_text(_types(schema))
