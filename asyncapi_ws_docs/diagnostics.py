"""Problems found in specs, with the place in the source file where they are.

Every problem the core finds becomes a `Diagnostic`: a level, the file, line and column of the
offending node, its JSON pointer inside that file, a message and a hint. The front ends (the
MkDocs plugin, the command line) decide how to show them; the core never logs or prints.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asyncapi_ws_docs.loader import Located


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Level(enum.IntEnum):
    """How bad a problem is. Ordered, so `level >= Level.WARNING` reads naturally."""

    INFO = 10
    WARNING = 20
    ERROR = 30

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place.

    `line` and `column` are 1-based; 0 means "unknown" (a file that could not be read at all).
    """

    level: Level
    file: str
    line: int
    column: int
    pointer: str
    message: str
    hint: str = ""

    def format(self) -> str:
        """Render as `FILE:LINE:COLUMN: LEVEL: POINTER: message (hint)`."""
        pointer = self.pointer or "/"
        text = f"{self.file}:{self.line}:{self.column}: {self.level}: {pointer}: {self.message}"
        text = f"{text} Hint: {self.hint}" if self.hint else text
        # Spec text reaches terminals and CI logs: control characters (ESC...) shown, not sent.
        return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class SpecError(Exception):
    """A spec that cannot be read at all: the one diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        """Wrap the diagnostic that says why the spec cannot be read."""
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


@dataclass
class Diagnostics:
    """Collects the problems of one spec, in the order they were found, without repeats."""

    items: list[Diagnostic] = field(default_factory=list)
    _seen: set[Diagnostic] = field(default_factory=set, repr=False)

    def add(self, diagnostic: Diagnostic) -> None:
        """Record a problem, unless the same one was already recorded (shared `$ref` targets)."""
        if diagnostic not in self._seen:
            self._seen.add(diagnostic)
            self.items.append(diagnostic)

    def report(
        self,
        level: Level,
        where: Located,
        message: str,
        *,
        key: str | int | None = None,
        hint: str = "",
    ) -> None:
        """Record a problem at `where` (a loaded mapping or list), or at its entry `key`."""
        file, line, column, pointer = where.position_of(key)
        self.add(Diagnostic(level, file, line, column, pointer, message, hint))

    def warning(
        self, where: Located, message: str, *, key: str | int | None = None, hint: str = ""
    ) -> None:
        """Record a content problem that the pages can survive."""
        self.report(Level.WARNING, where, message, key=key, hint=hint)

    def error(
        self, where: Located, message: str, *, key: str | int | None = None, hint: str = ""
    ) -> None:
        """Record a problem that leaves part of the spec unrenderable."""
        self.report(Level.ERROR, where, message, key=key, hint=hint)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def at_least(self, level: Level) -> list[Diagnostic]:
        """The problems of `level` or worse."""
        return [d for d in self.items if d.level >= level]
