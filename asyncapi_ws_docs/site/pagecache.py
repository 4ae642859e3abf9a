"""Rendered pages, kept while nothing they were made from changed: in memory, and on disk.

A spec's pages depend on its files (the spec and every file its `$ref`s reached), on the
plugin's version, and on the settings that shape output (options, template overrides, the
language and its labels: `Labels.digest` covers the site's labels file too). The
cache key holds the version and settings; each entry holds the files' content hashes. Under
`mkdocs serve` a rebuild with unchanged specs costs a `stat` per file; a new `mkdocs build`
costs a hash per file and reading one JSON document per spec.

The disk folder is safe to delete, and ignores itself in git (it holds a `.gitignore`).
Entries are JSON, never pickle: a cache folder must not be a way to run code.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from asyncapi_ws_docs import __version__
from asyncapi_ws_docs.document.diagnostics import Diagnostic, Level
from asyncapi_ws_docs.page.render import GeneratedPage
from asyncapi_ws_docs.page.xrefs import CrossReference

FORMAT = 2
"""Version of the entry layout; part of every key."""


@dataclass
class CachedPages:
    """The pages and diagnostics of one spec, and the files (path -> sha256) they came from."""

    files: dict[str, str]
    pages: list[GeneratedPage]
    diagnostics: list[Diagnostic]


def _digest(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _stat(path: str) -> tuple[int, int] | None:
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def fingerprint(folder: Path | None, *, suffixes: tuple[str, ...] = ()) -> str:
    """A hash of every file below `folder` (or those with `suffixes`), "" for none."""
    if folder is None or not folder.is_dir():
        return ""
    digest = hashlib.sha256()
    files = (p for p in folder.rglob("*") if p.is_file() and p.suffix in (suffixes or (p.suffix,)))
    for path in sorted(files):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def _package() -> str:
    # The whole package, every layer of it: a page depends on the model and views as much as
    # on the templates.
    return fingerprint(Path(__file__).parents[1], suffixes=(".py", ".jinja", ".css"))


class PageCache:
    """Pages of specs by key, checked against their files' content before reuse."""

    def __init__(self, folder: Path | None, *, in_memory: bool = True) -> None:
        """Keep entries in memory (unless not `in_memory`), and in `folder` on disk when given.

        Memory serves the rebuilds of `mkdocs serve`; a one-off build only needs the disk.
        """
        self.folder = folder
        self.in_memory = in_memory
        self._memory: dict[str, tuple[CachedPages, dict[str, tuple[int, int] | None]]] = {}
        self.hits = 0
        """Pages reused instead of rendered (for tests and the benchmark)."""

    @staticmethod
    def key(spec_path: Path, settings: str) -> str:
        """The key of a spec's pages under given settings (options, templates, version).

        The package's own code and templates are part of it, not only its version number:
        an edited checkout never serves pages an older code rendered.
        """
        text = f"{FORMAT}|{__version__}|{_package()}|{spec_path.resolve()}|{settings}"
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, key: str) -> CachedPages | None:
        """The cached pages, if every file they came from still has the same content."""
        remembered = self._memory.get(key)
        if remembered is not None:
            in_memory, stats = remembered
            if all(_stat(path) == stat for path, stat in stats.items()):
                self.hits += 1
                return in_memory
        cached = remembered[0] if remembered else self._read(key)
        if cached is None or any(_digest(p) != d for p, d in cached.files.items()):
            return None
        if self.in_memory:
            self._memory[key] = (cached, {path: _stat(path) for path in cached.files})
        self.hits += 1
        return cached

    def put(self, key: str, cached: CachedPages) -> None:
        """Remember pages (and write them to disk when a folder is set)."""
        if self.in_memory:
            self._memory[key] = (cached, {path: _stat(path) for path in cached.files})
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Written by asyncapi-ws-docs: a cache, safe to delete.\n*\n")
            entry = {
                "files": cached.files,
                "pages": [asdict(page) for page in cached.pages],
                "diagnostics": [{**asdict(d), "level": d.level.name} for d in cached.diagnostics],
            }
            temporary = self.folder / f"{key}.json.tmp"
            temporary.write_text(json.dumps(entry), encoding="utf-8")
            temporary.replace(self.folder / f"{key}.json")
        except OSError:
            return  # a read-only checkout still builds, only without the disk cache

    def _read(self, key: str) -> CachedPages | None:
        if self.folder is None:
            return None
        try:
            entry = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            return CachedPages(
                files=dict(entry["files"]),
                pages=[_page(page) for page in entry["pages"]],
                diagnostics=[
                    Diagnostic(**{**d, "level": Level[d["level"]]}) for d in entry["diagnostics"]
                ],
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, or written by another version: render anew


def _page(entry: dict[str, Any]) -> GeneratedPage:
    """A page as `put` wrote it: JSON has no tuples or dataclasses, so rebuild its references."""
    references = tuple(CrossReference(**ref) for ref in entry.get("references", ()))
    return GeneratedPage(**{**entry, "references": references})
