"""Diagnostics as the front ends print them (the MkDocs log, the command line).

`Diagnostic.format()` gives `FILE:LINE:COLUMN: LEVEL: POINTER: message`. A problem with the
file as a whole (it does not exist, it cannot be read) has no line, column or pointer to give:
it is printed as `FILE: LEVEL: message`, not with a made-up `:0:0` and `/`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asyncapi_ws_docs.diagnostics import Diagnostic


def is_file_level(diagnostic: Diagnostic) -> bool:
    """Whether the problem is with the file as a whole (line 0 means "unknown")."""
    return diagnostic.line == 0


def diagnostic_text(diagnostic: Diagnostic) -> str:
    """The diagnostic's one-line text, without the place parts it does not know."""
    text = diagnostic.format()
    if not is_file_level(diagnostic):
        return text
    place = f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}: "
    if text.startswith(place):
        text = f"{diagnostic.file}: {text[len(place) :]}"
    if not diagnostic.pointer:
        text = text.replace(f"{diagnostic.level}: /: ", f"{diagnostic.level}: ", 1)
    return text
