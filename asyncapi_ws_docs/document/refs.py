"""Resolve `$ref`s across the files of one spec.

AsyncAPI references are JSON References: a file part relative to the file that holds the
reference, and a JSON pointer. Every loaded mapping knows its own file (`SpecMap.source`), so a
reference inside an external file resolves against that file without any bookkeeping here.

Remote references are never fetched (a docs build must not touch the network), and relative
references may not leave the allowed root folders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from asyncapi_ws_docs.document.diagnostics import Diagnostic, Diagnostics, Level, SpecError
from asyncapi_ws_docs.document.loader import LoadedFile, SpecMap, load_file

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path


def unescape_pointer_token(token: str) -> str:
    """Undo RFC 6901 escaping (`~1` is `/`, `~0` is `~`), after percent-decoding (URI fragments)."""
    return unquote(token).replace("~1", "/").replace("~0", "~")


class Workspace:
    """The files one spec is made of, loaded on demand, and the references between them."""

    def __init__(
        self,
        *,
        roots: Iterable[Path],
        diagnostics: Diagnostics,
        display_base: Path,
        loader: Callable[[Path, str], LoadedFile] | None = None,
    ) -> None:
        """Create a workspace.

        Args:
            roots: folders that relative references may reach into.
            diagnostics: where problems found while resolving go.
            display_base: paths in messages are shown relative to this folder.
            loader: reads one file (a cache may stand in for `load_file`).
        """
        self.roots = tuple(root.resolve() for root in roots)
        self.diagnostics = diagnostics
        self.display_base = display_base.resolve()
        self._load = loader or (lambda path, display: load_file(path, display=display))
        self.files: dict[Path, LoadedFile] = {}

    def display(self, path: Path) -> str:
        """The path as messages show it: relative to the project folder when inside it."""
        try:
            return path.relative_to(self.display_base).as_posix()
        except ValueError:
            return path.as_posix()

    def load(self, path: Path) -> SpecMap:
        """Load a file once; raise `SpecError` when it cannot be read."""
        loaded = self.files.get(path)  # paths from loaded nodes are resolved: no system call
        if loaded is None:
            path = path.resolve()
            loaded = self.files.get(path)
        if loaded is None:
            loaded = self._load(path, self.display(path))
            self.files[path] = loaded
            for diagnostic in loaded.diagnostics:
                self.diagnostics.add(diagnostic)
        return loaded.root

    def deref(self, value: Any) -> Any:
        """Follow `value` through any chain of `$ref`s to what it points at.

        Returns `None` for a reference that cannot be followed, after reporting why.
        """
        seen: set[tuple[Path, str]] = set()
        while isinstance(value, SpecMap) and isinstance(value.get("$ref"), str):
            target = self._target_of(value)
            if target is None:
                return None
            if target in seen:
                self.diagnostics.report(
                    value,
                    f"circular $ref '{value['$ref']}' points back at itself and defines nothing",
                    key="$ref",
                    code="AWD105",
                    hint="point the reference at an object that holds a definition",
                )
                return None
            seen.add(target)
            value = self._follow(value, *target)
        return value

    def is_ref(self, value: Any) -> bool:
        """True for a Reference Object (a mapping with a string `$ref`)."""
        return isinstance(value, SpecMap) and isinstance(value.get("$ref"), str)

    def _target_of(self, holder: SpecMap) -> tuple[Path, str] | None:
        """The file and pointer a reference names, or None (reported) when it is not followed."""
        ref: str = holder["$ref"]
        file_part, _, fragment = ref.partition("#")
        if "://" in file_part:
            self.diagnostics.report(
                holder,
                f"remote $ref '{ref}' is not followed: builds never fetch from the network",
                key="$ref",
                code="AWD102",
                hint="download the file next to the spec and reference it by a relative path",
            )
            return None
        if not file_part:
            return holder.source.path, fragment
        try:
            target = (holder.source.path.parent / unquote(file_part)).resolve()
        except (OSError, ValueError):  # a NUL byte, or a name the file system refuses
            self.diagnostics.report(
                holder,
                f"$ref '{ref}' does not name a valid file",
                key="$ref",
                code="AWD104",
                hint="write a relative path such as `./common.yaml#/X`",
            )
            return None
        if not any(target.is_relative_to(root) for root in self.roots):
            self.diagnostics.report(
                holder,
                f"$ref '{ref}' reaches outside the allowed folders ({self._roots_text()})",
                key="$ref",
                code="AWD103",
                hint="move the file inside the project, or allow its folder with `allowed_roots`",
            )
            return None
        return target, fragment

    def _follow(self, holder: SpecMap, path: Path, fragment: str) -> Any:
        """Load the file of a reference and walk its pointer; None (reported) on failure."""
        try:
            node: Any = self.load(path)
        except SpecError as error:
            self.diagnostics.report(
                holder,
                f"$ref '{holder['$ref']}' names a file that cannot be read: "
                f"{error.diagnostic.message}",
                key="$ref",
                code="AWD104",
            )
            return None
        walked = ""
        for token in fragment.split("/")[1:] if fragment else ():
            key = unescape_pointer_token(token)
            node = _child(node, key)
            if node is _NOT_FOUND:
                self.diagnostics.report(
                    holder,
                    f"$ref '{holder['$ref']}' does not resolve: "
                    f"nothing at '{walked}/{token}' in {self.display(path)}",
                    key="$ref",
                    code="AWD104",
                    hint="check the spelling; `/` inside a key is written `~1` in a pointer",
                )
                return None
            walked += f"/{token}"
        return node

    def _roots_text(self) -> str:
        return ", ".join(self.display(root) or "." for root in self.roots)

    def error_for(self, path: Path, message: str) -> SpecError:
        """A `SpecError` about a whole file (no position inside it)."""
        return SpecError(
            Diagnostic(Level.ERROR, self.display(path), 1, 1, "", message, code="AWD001")
        )


_NOT_FOUND = object()


def _child(node: Any, key: str) -> Any:
    """One pointer step: a mapping key, or a list index."""
    if isinstance(node, dict):
        return node.get(key, _NOT_FOUND)
    # isascii: str.isdigit() is also true for '²', which int() refuses.
    if isinstance(node, list) and key.isascii() and key.isdigit() and int(key) < len(node):
        return node[int(key)]
    return _NOT_FOUND
