"""Values checked against the spec's schemas, as the examples are (`document.examplechecks`).

The same validators: the schema's own dialect, `$ref`s resolved through the spec's workspace
(local files inside the allowed folders, nothing fetched). A problem is said as the field it
is in (a JSON pointer, "" for the whole value) and the rule it breaks, in jsonschema's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jsonschema.exceptions import best_match
from referencing.exceptions import Unresolvable

from asyncapi_ws_docs.document.examplechecks import ExampleChecker, dialect_of, reason_of

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.model import Schema
    from asyncapi_ws_docs.document.refs import Workspace


@dataclass(frozen=True)
class Problem:
    """Where a value breaks its schema, and which rule."""

    field: str
    rule: str


class Validator:
    """Validates values against the schemas of one spec; validators are made once each."""

    def __init__(self, workspace: Workspace) -> None:
        """Validate through `workspace`, the one the spec was read with."""
        self._checker = ExampleChecker(workspace)

    def problem(self, schema: Schema | None, value: Any, schema_format: str = "") -> Problem | None:
        """The most telling problem of `value` against `schema`; None when it is valid.

        A schema in another format (Avro, Protobuf), an absent one or one that cannot be used
        accepts everything: the mock does not guess.
        """
        dialect = dialect_of(schema_format)
        if schema is None or schema.raw is None or dialect is None:
            return None
        validator = self._checker.validator(schema.raw, dialect)
        if validator is None:
            return None
        try:
            error = best_match(validator.iter_errors(value))
        except Unresolvable:
            return None
        except Exception:  # noqa: BLE001 (an invalid schema: it checks nothing, as on the pages)
            return None
        if error is None:
            return None
        field = "".join(f"/{token}" for token in error.absolute_path)
        return Problem(field, reason_of(error))


def query_value(schema: Schema | None, text: str) -> Any:
    """A query string or header value as the type its schema says (`10` for an integer)."""
    kind = schema.type if schema is not None else ""
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
    except ValueError:
        return text
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    return text
