"""Property tables: JSON Schemas turned into property blocks a reader can scan at any width.

Each property is one entry: its name, type and whether it is required, its description, then
labelled facts (default, allowed values, constraints, examples). Nested objects become child
entries (`parent.child`), arrays of objects `items[]` entries, and `oneOf`/`anyOf` options
entries of their own; a recursive schema stops where it loops. `PropertyTable.rows` lists every
entry in reading order with its depth; `PropertyTable.top_rows` are the roots of the tree that
`PropertyRow.children` make, which the template prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.document.model import MISSING, Schema
from asyncapi_ws_docs.page.labels import ENGLISH_LABELS, Labels
from asyncapi_ws_docs.page.text import escape_html, escape_html_wrap, value_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from asyncapi_ws_docs.document.model import Parameter
    from asyncapi_ws_docs.page.text import TextRenderer

MAX_TABLE_ROWS = 400
"""Rows shown in one property table; a larger schema is cut with a note (hostile sizes)."""

LONG_LIST = 8
"""A list of more values than this (allowed values, examples) shows only its first few..."""

SHOWN_OF_LONG_LIST = 5
"""...this many, with the rest behind an "and N more" that opens without JavaScript."""


def code_list_html(texts: Iterable[str]) -> str:
    """Values as separate inline code spans, so a list wraps between values."""
    return " ".join(f"<code>{escape_html_wrap(text)}</code>" for text in texts)


@dataclass(frozen=True)
class Fact:
    """One labelled line under a property: its default, allowed values, constraints, examples.

    A long list shows `shown_html` and keeps the rest in `more_html`, behind `more_label`.
    """

    label: str
    shown_html: str
    more_html: str = ""
    more_count: int = 0
    more_words: str = ENGLISH_LABELS.and_n_more

    @property
    def more_label(self) -> str:
        """`and 25 more`: the summary of the collapsed rest of a long list."""
        return self.more_words.format(count=self.more_count)


def list_fact(
    label: str, items_html: tuple[str, ...], labels: Labels = ENGLISH_LABELS
) -> Fact | None:
    """A fact of several values (already HTML); a long list collapses after its first few."""
    if not items_html:
        return None
    if len(items_html) <= LONG_LIST:
        return Fact(label, " ".join(items_html))
    rest = items_html[SHOWN_OF_LONG_LIST:]
    shown = " ".join(items_html[:SHOWN_OF_LONG_LIST])
    return Fact(label, shown, " ".join(rest), len(rest), labels.and_n_more)


def value_facts(  # noqa: PLR0913 (keyword-only facts of one property)
    *,
    default: Any = MISSING,
    const: Any = MISSING,
    enum: tuple[Any, ...] = (),
    constraints: tuple[tuple[str, Any], ...] = (),
    examples: tuple[Any, ...] = (),
    labels: Labels = ENGLISH_LABELS,
) -> tuple[Fact, ...]:
    """The labelled facts of a property, in reading order, leaving out those it has not."""
    facts = (
        list_fact(
            labels.fact_default,
            () if default is MISSING else (code_list_html([value_text(default)]),),
        ),
        list_fact(
            labels.fact_allowed_value,
            () if const is MISSING else (code_list_html([value_text(const)]),),
        ),
        list_fact(
            labels.fact_allowed_values, tuple(code_list_html([value_text(v)]) for v in enum), labels
        ),
        list_fact(
            labels.fact_constraints,
            tuple(f"{escape_html(k)} {code_list_html([value_text(v)])}" for k, v in constraints),
            labels,
        ),
        list_fact(
            labels.fact_examples, tuple(code_list_html([value_text(v)]) for v in examples), labels
        ),
    )
    return tuple(fact for fact in facts if fact is not None)


@dataclass(frozen=True)
class PropertyRow:
    """One property; `depth` is how deep in nested objects it sits, `children` what it holds.

    `default`, `allowed`, `constraints` and `examples` are plain text (for custom templates and
    snippets); `facts` are the same as labelled HTML lines for the page.
    """

    name: str
    path: str
    depth: int
    type: str
    required: bool
    description_html: str
    default: str
    allowed: str
    constraints: str
    examples: str
    note: str = ""
    facts: tuple[Fact, ...] = ()
    children: tuple[PropertyRow, ...] = ()
    children_label: str = ""

    @property
    def parent_path(self) -> str:
        """`data.book.` of `data.book.bids[]`: the way to the property, shown before its name."""
        prefix = self.path[: len(self.path) - len(self.name)]
        return prefix if prefix.endswith(".") and self.path.endswith(self.name) else ""

    @property
    def children_open(self) -> bool:
        """Whether the children show before a click: those of top-level entries do."""
        return self.depth == 0


@dataclass(frozen=True)
class PropertyTable:
    """A table of properties (handshake headers, query, payload...)."""

    kind: str
    rows: tuple[PropertyRow, ...]
    note: str = ""

    @property
    def top_rows(self) -> tuple[PropertyRow, ...]:
        """The entries at the top level; each holds its nested entries as `children`."""
        return tuple(row for row in self.rows if row.depth == 0)

    @property
    def has_defaults(self) -> bool:
        """Whether any row has a default (empty columns are left out)."""
        return any(row.default for row in self.rows)

    @property
    def has_allowed(self) -> bool:
        """Whether any row has an enum or const."""
        return any(row.allowed for row in self.rows)

    @property
    def has_constraints(self) -> bool:
        """Whether any row has a pattern, a bound or a length."""
        return any(row.constraints for row in self.rows)

    @property
    def has_examples(self) -> bool:
        """Whether any row has examples."""
        return any(row.examples for row in self.rows)


def type_text(schema: Schema) -> str:
    """`string (uuid)`, `array<object>`, `integer | null`, with the component name if any."""
    text = schema.type or ("one of" if schema.variants else "any")
    if schema.items is not None and schema.type == "array":
        text = f"array<{schema.items.ref_name or schema.items.type or 'any'}>"
    if schema.format:
        text += f" ({schema.format})"
    if schema.recursive_ref:
        text += f" (recursive: {schema.recursive_ref})"
    elif schema.ref_name and schema.type == "object":
        text += f" · {schema.ref_name}"
    return text


def _plural(count: int, one: str, many: str) -> str:
    """`one` or `many` (labels with a `{count}`) for `count` things."""
    return (one if count == 1 else many).format(count=count)


def children_label(schema: Schema, labels: Labels = ENGLISH_LABELS) -> str:
    """What a property's nested entries are: `3 properties`, `4 properties of each item`..."""
    parts = []
    properties = (labels.one_property, labels.many_properties)
    options = (labels.one_option, labels.many_options)
    if schema.properties:
        parts.append(_plural(len(schema.properties), *properties))
    items = schema.items
    if items is not None and (items.properties or items.variants) and not schema.properties:
        if items.properties:
            what = _plural(len(items.properties), *properties)
            parts.append(labels.fill("of_each_item", what=what))
        parts.extend(
            labels.fill("for_each_item", what=f"{_plural(len(some), *options)} ({keyword})")
            for keyword, some in items.variants
        )
    parts.extend(f"{_plural(len(some), *options)} ({keyword})" for keyword, some in schema.variants)
    return ", ".join(parts)


@dataclass
class _Budget:
    """Rows left to make in one table, and whether any were left out."""

    left: int = MAX_TABLE_ROWS
    cut: bool = False

    def take(self) -> bool:
        if self.left <= 0:
            self.cut = True
            return False
        self.left -= 1
        return True


class TableBuilder:
    """Turns schemas into property trees (nested objects become `parent.child` entries)."""

    def __init__(self, text: TextRenderer, labels: Labels = ENGLISH_LABELS) -> None:
        """Create a builder that renders descriptions with `text`, in the language of `labels`."""
        self.text = text
        self.labels = labels
        self._facts_by_schema: dict[int, tuple[Schema, tuple[Fact, ...]]] = {}

    def table(
        self, kind: str, schema: Schema | None, *, root_name: str = ""
    ) -> PropertyTable | None:
        """The table for a schema; a schema without properties shows as one row."""
        if schema is None:
            return None
        budget = _Budget()
        if schema.properties or schema.variants:
            top = self._children(schema, "", 0, budget)
        else:
            budget.take()
            name = root_name or "(value)"
            children = self._children(schema, root_name, 1, budget)
            top = (self.row(name, root_name, 0, schema, required=False, children=children),)
        note = self.labels.fill("only_first_rows", count=MAX_TABLE_ROWS) if budget.cut else ""
        return PropertyTable(kind, tuple(_preorder(top)), note)

    def _children(
        self, schema: Schema, path: str, depth: int, budget: _Budget
    ) -> tuple[PropertyRow, ...]:
        """The entries nested in `schema` at `path`, each with its own nested entries."""
        if schema.recursive_ref:
            return ()
        level: list[PropertyRow] = []
        for prop in schema.properties:
            if not budget.take():
                return tuple(level)
            child_path = f"{path}.{prop.name}" if path else prop.name
            children = self._children(prop.schema, child_path, depth + 1, budget)
            level.append(
                self.row(
                    prop.name,
                    child_path,
                    depth,
                    prop.schema,
                    required=prop.required,
                    children=children,
                )
            )
        if schema.items is not None and (schema.items.properties or schema.items.variants):
            level.extend(self._children(schema.items, f"{path}[]", depth, budget))
        for keyword, variants in schema.variants:
            for number, variant in enumerate(variants, start=1):
                if not budget.take():
                    return tuple(level)
                label = f"{keyword} #{number}" + (
                    f" ({variant.ref_name})" if variant.ref_name else ""
                )
                variant_path = f"{path} {label}".strip()
                children = self._children(variant, path, depth + 1, budget)
                level.append(
                    self.row(label, variant_path, depth, variant, required=False, children=children)
                )
        return tuple(level)

    def row(  # noqa: PLR0913 (the parts of one entry)
        self,
        name: str,
        path: str,
        depth: int,
        schema: Schema,
        *,
        required: bool,
        children: tuple[PropertyRow, ...] = (),
    ) -> PropertyRow:
        """One entry for `schema`, shown as `path` at `depth`, holding `children`."""
        allowed = ""
        if schema.const is not MISSING:
            allowed = f"const {value_text(schema.const)}"
        elif schema.enum:
            allowed = ", ".join(value_text(v) for v in schema.enum)
        return PropertyRow(
            name=name,
            path=path,
            depth=depth,
            type=type_text(schema),
            required=required,
            description_html=self.text.inline(schema.description or schema.title),
            default="" if schema.default is MISSING else value_text(schema.default),
            allowed=allowed,
            constraints=", ".join(f"{k}: {value_text(v)}" for k, v in schema.constraints),
            examples=", ".join(value_text(v) for v in schema.examples),
            note=self.labels.deprecated
            if schema.deprecated
            else (self.labels.truncated if schema.truncated else ""),
            facts=self._facts(schema),
            children=children,
            children_label=children_label(schema, self.labels) if children else "",
        )

    def _facts(self, schema: Schema) -> tuple[Fact, ...]:
        """The facts of `schema`, made once per schema: shared `$ref` schemas recur often."""
        cached = self._facts_by_schema.get(id(schema))
        if cached is not None and cached[0] is schema:  # the schema itself: ids are reused
            return cached[1]
        facts = value_facts(
            default=schema.default,
            const=schema.const,
            enum=() if schema.const is not MISSING else schema.enum,
            constraints=schema.constraints,
            examples=schema.examples,
            labels=self.labels,
        )
        self._facts_by_schema[id(schema)] = (schema, facts)
        return facts

    def parameters(self, parameters: tuple[Parameter, ...]) -> PropertyTable | None:
        """The channel parameters table: every parameter is required (it is part of the path)."""
        if not parameters:
            return None
        rows = tuple(
            self.row(p.name, p.name, 0, _with_description(p), required=True) for p in parameters
        )
        return PropertyTable("parameters", rows)


def _preorder(rows: tuple[PropertyRow, ...]) -> Iterator[PropertyRow]:
    """Every entry of the trees under `rows`, each before its children (reading order)."""
    for row in rows:
        yield row
        yield from _preorder(row.children)


def _with_description(parameter: Parameter) -> Schema:
    """The parameter's schema carrying the parameter's description (where readers look)."""
    schema = parameter.schema or Schema(type="string")
    return replace(schema, description=parameter.description or schema.description)
