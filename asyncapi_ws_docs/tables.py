"""Property tables: JSON Schemas flattened into rows a reader can scan.

Nested objects become `parent.child` rows with their depth, arrays of objects `items[]` rows,
and `oneOf`/`anyOf` options rows of their own; a recursive schema stops where it loops.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from asyncapi_ws_docs.model import MISSING, Schema
from asyncapi_ws_docs.text import value_text

if TYPE_CHECKING:
    from asyncapi_ws_docs.model import Parameter
    from asyncapi_ws_docs.text import TextRenderer

MAX_TABLE_ROWS = 400
"""Rows shown in one property table; a larger schema is cut with a note (hostile sizes)."""


@dataclass(frozen=True)
class PropertyRow:
    """One row of a property table; `depth` is how deep in nested objects it sits."""

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


@dataclass(frozen=True)
class PropertyTable:
    """A table of properties (handshake headers, query, payload...)."""

    kind: str
    rows: tuple[PropertyRow, ...]
    note: str = ""

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


class TableBuilder:
    """Flattens schemas into property rows (nested objects become `parent.child` rows)."""

    def __init__(self, text: TextRenderer) -> None:
        """Create a builder that renders descriptions with `text`."""
        self.text = text

    def table(
        self, kind: str, schema: Schema | None, *, root_name: str = ""
    ) -> PropertyTable | None:
        """The table for a schema; a schema without properties shows as one row."""
        if schema is None:
            return None
        rows: list[PropertyRow] = []
        if schema.properties or schema.variants:
            self._children(schema, "", 0, rows)
        else:
            rows.append(self.row(root_name or "(value)", root_name, 0, schema, required=False))
            self._children(schema, root_name, 1, rows)
        note = ""
        if len(rows) > MAX_TABLE_ROWS:
            rows = rows[:MAX_TABLE_ROWS]
            note = f"Only the first {MAX_TABLE_ROWS} rows are shown."
        return PropertyTable(kind, tuple(rows), note)

    def _children(self, schema: Schema, path: str, depth: int, rows: list[PropertyRow]) -> None:
        if schema.recursive_ref or len(rows) > MAX_TABLE_ROWS:
            return
        for prop in schema.properties:
            child_path = f"{path}.{prop.name}" if path else prop.name
            rows.append(self.row(prop.name, child_path, depth, prop.schema, required=prop.required))
            self._children(prop.schema, child_path, depth + 1, rows)
        if schema.items is not None and (schema.items.properties or schema.items.variants):
            self._children(schema.items, f"{path}[]", depth, rows)
        for keyword, variants in schema.variants:
            for number, variant in enumerate(variants, start=1):
                label = f"{keyword} #{number}" + (
                    f" ({variant.ref_name})" if variant.ref_name else ""
                )
                variant_path = f"{path} {label}".strip()
                rows.append(self.row(label, variant_path, depth, variant, required=False))
                self._children(variant, path, depth + 1, rows)

    def row(
        self, name: str, path: str, depth: int, schema: Schema, *, required: bool
    ) -> PropertyRow:
        """One row for `schema`, shown as `path` at `depth`."""
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
            note="deprecated" if schema.deprecated else ("truncated" if schema.truncated else ""),
        )

    def parameters(self, parameters: tuple[Parameter, ...]) -> PropertyTable | None:
        """The channel parameters table: every parameter is required (it is part of the path)."""
        if not parameters:
            return None
        rows = tuple(
            self.row(p.name, p.name, 0, _with_description(p), required=True) for p in parameters
        )
        return PropertyTable("parameters", rows)


def _with_description(parameter: Parameter) -> Schema:
    """The parameter's schema carrying the parameter's description (where readers look)."""
    schema = parameter.schema or Schema(type="string")
    return replace(schema, description=parameter.description or schema.description)
