"""What the loader refuses, and how it says so: its rule codes, its limits, its messages.

A file the loader cannot read is refused as a whole, with one `SpecError`; the YAML reader,
the JSON reader and the decoding of bytes all refuse through `refuse_file`.
"""

from __future__ import annotations

from typing import AnyStr, NoReturn

from asyncapi_ws_docs.document.diagnostics import Diagnostic, Level, SpecError

UNREADABLE, DUPLICATE_KEY, READ_NOTE = "AWD001", "AWD010", "AWD011"
"""The codes of the loader's rules (see `diagnostics.RULES`)."""

MAX_DEPTH = 128
"""Deepest nesting accepted. Real AsyncAPI documents stay far below; deeper input is hostile."""

MAX_EXPANDED_NODES = 2_000_000
"""Most nodes a document may have once its aliases are expanded (billion-laughs guard)."""

TOO_DEEP = f"nesting is deeper than {MAX_DEPTH} levels"
TOO_DEEP_HINT = "Real documents are far shallower; move deep schemas to components and `$ref`."
NOT_A_DOCUMENT_HINT = (
    "An AsyncAPI document is a mapping that starts with a line like `asyncapi: 3.0.0`."
)


def refuse_file(display: str, message: str, hint: str, line: int = 0, column: int = 0) -> NoReturn:
    """Refuse the file as a whole (so the pointer is the root's)."""
    raise SpecError(Diagnostic(Level.ERROR, display, line, column, "", message, hint, UNREADABLE))


def position_in(data: AnyStr, offset: int, newline: AnyStr) -> tuple[int, int]:
    """1-based line and column of `offset` in `data`."""
    return data.count(newline, 0, offset) + 1, offset - data.rfind(newline, 0, offset)
