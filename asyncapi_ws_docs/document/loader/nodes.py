"""The nodes a spec file is read into: dicts, lists and numbers that remember where they were.

Every diagnostic names a file, a line, a column and a JSON pointer, so every mapping and list
keeps its own and those of its entries. There are hundreds of thousands of nodes in a large
spec: the classes use `__slots__`, and entry positions are packed into one int each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from pathlib import Path

    from asyncapi_ws_docs.document.diagnostics import Diagnostic

NO_KEYS: frozenset[str] = frozenset()
"""The `yaml11_keys` of most mappings, shared rather than one empty set each."""


@dataclass(frozen=True)
class Source:
    """The file a node was read from: `path` is absolute, `display` is what messages show."""

    path: Path
    display: str


def escape_pointer_token(token: str | int) -> str:
    """Escape one JSON pointer token (RFC 6901: `~` is `~0`, `/` is `~1`)."""
    return str(token).replace("~", "~0").replace("/", "~1")


class SpecMap(dict[str, Any]):
    """A mapping read from a spec file, with its place in that file."""

    __slots__ = ("column", "line", "marks", "pointer", "source", "yaml11_keys")

    source: Source
    pointer: str
    line: int
    column: int
    marks: dict[str, int]
    yaml11_keys: frozenset[str]
    """Keys written unquoted that YAML 1.1 tools would read as booleans (`on`, `yes`...)."""

    def position_of(self, key: str | int | None = None) -> tuple[str, int, int, str]:
        """Return (file, line, column, pointer) of this mapping, or of its entry `key`."""
        if key is None:
            return self.source.display, self.line, self.column, self.pointer
        packed = self.marks.get(str(key))
        line, column = (self.line, self.column) if packed is None else unpack_position(packed)
        return self.source.display, line, column, f"{self.pointer}/{escape_pointer_token(key)}"


class SpecList(list[Any]):
    """A sequence read from a spec file, with its place in that file."""

    __slots__ = ("column", "line", "marks", "pointer", "source")

    source: Source
    pointer: str
    line: int
    column: int
    marks: list[int]

    def position_of(self, key: str | int | None = None) -> tuple[str, int, int, str]:
        """Return (file, line, column, pointer) of this list, or of its item `key`."""
        if key is None or not isinstance(key, int) or not 0 <= key < len(self.marks):
            return self.source.display, self.line, self.column, self.pointer
        line, column = unpack_position(self.marks[key])
        return self.source.display, line, column, f"{self.pointer}/{key}"


Located: TypeAlias = SpecMap | SpecList

COLUMN_BITS = 32
"""Bits of a packed position that hold the column; the line is in the bits above."""
_COLUMN_MASK = (1 << COLUMN_BITS) - 1


def pack_position(line: int, column: int) -> int:
    """A (line, column) pair as one int, the form `marks` keeps."""
    return line << COLUMN_BITS | column


def unpack_position(packed: int) -> tuple[int, int]:
    """The (line, column) of a packed position."""
    return packed >> COLUMN_BITS, packed & _COLUMN_MASK


class SpecInt(int):
    """An integer scalar that remembers how the author wrote it."""

    text: str


class SpecFloat(float):
    """A float scalar that remembers how the author wrote it (`1.10` stays "1.10")."""

    text: str


@dataclass(frozen=True)
class LoadedFile:
    """A parsed file: its root mapping, its content hash and the problems found while reading."""

    source: Source
    root: SpecMap
    digest: str
    diagnostics: tuple[Diagnostic, ...]
