"""Parsed specs, kept across rebuilds while none of their files changed.

Under `mkdocs serve` every rebuild asks for the same specs again. A spec is reused when each
file it was read from (the spec and every file its `$ref`s reached) still has the content it
had: a file whose size and modification time are unchanged is not even read again; one whose
stat changed is hashed, and only a different hash means the spec is read anew.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.diagnostics import Diagnostics, SpecError
from asyncapi_ws_docs.document.readers import build_spec
from asyncapi_ws_docs.document.refs import Workspace

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from asyncapi_ws_docs.document.model import Spec


@dataclass
class _FileState:
    stat: tuple[int, int]
    digest: str


@dataclass
class _Entry:
    spec: Spec | None
    diagnostics: Diagnostics
    files: dict[Path, _FileState]


def _stat(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


class SpecCache:
    """Loads specs through a workspace, and reuses them while their files are unchanged."""

    def __init__(self) -> None:
        """Start empty."""
        self._entries: dict[tuple[Path, tuple[Path, ...], Path], _Entry] = {}
        self.loads = 0
        """How many times a spec was actually read and built (for tests and the benchmark)."""

    def load(
        self, path: Path, *, roots: Iterable[Path], display_base: Path
    ) -> tuple[Spec | None, Diagnostics]:
        """The spec at `path` (None if unreadable) and its diagnostics."""
        key = (path.resolve(), tuple(r.resolve() for r in roots), display_base.resolve())
        entry = self._entries.get(key)
        if entry is not None and self._unchanged(entry):
            return entry.spec, entry.diagnostics
        entry = self._read(*key)
        self._entries[key] = entry
        return entry.spec, entry.diagnostics

    def digests(self, path: Path) -> dict[str, str]:
        """Content hashes of every file the spec at `path` was last read from."""
        resolved = path.resolve()
        return {
            str(file): state.digest
            for key, entry in self._entries.items()
            if key[0] == resolved
            for file, state in entry.files.items()
        }

    def forget(self, path: Path) -> None:
        """Drop the spec at `path` (under any roots): the next `load` reads it anew."""
        resolved = path.resolve()
        for key in [key for key in self._entries if key[0] == resolved]:
            del self._entries[key]

    def files(self) -> set[Path]:
        """Every file any cached spec was read from (to watch them under `mkdocs serve`)."""
        return {path for entry in self._entries.values() for path in entry.files}

    def _read(self, path: Path, roots: tuple[Path, ...], display_base: Path) -> _Entry:
        self.loads += 1
        diagnostics = Diagnostics()
        workspace = Workspace(roots=roots, diagnostics=diagnostics, display_base=display_base)
        try:
            spec: Spec | None = build_spec(workspace, path)
        except SpecError as error:
            diagnostics.add(error.diagnostic)
            spec = None
        files = {
            file_path: _FileState(_stat(file_path), loaded.digest)
            for file_path, loaded in workspace.files.items()
            if file_path.exists()  # one removed since is noticed by the next load
        }
        if spec is None and path not in files:  # unreadable: retry whenever it is asked for
            return _Entry(spec, diagnostics, {path: _FileState((-1, -1), "")})
        return _Entry(spec, diagnostics, files)

    @staticmethod
    def _unchanged(entry: _Entry) -> bool:
        for path, state in entry.files.items():
            try:
                stat = _stat(path)
                if stat == state.stat:
                    continue
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                return False
            if digest != state.digest:
                return False
            state.stat = stat  # touched but not changed: remember the new stat
        return True


SHARED = SpecCache()
"""The cache the plugin, the Markdown extension and the command line share in one process."""
