"""The files the MkDocs plugin adds to a build: generated pages, spec downloads, its assets.

A generated page is a `GeneratedPageFile`, which `mkdocs serve --dirty` asks whether it changed
(`BuiltPages` remembers the last build's Markdown to tell); its "edit" button opens the spec it
was made from. A page `asyncapi-ws-docs pages` wrote stands in for the generated one. The
plugin (`plugin.py`) decides which pages a build has; this module makes their files.
"""

from __future__ import annotations

import posixpath
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, cast

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from asyncapi_ws_docs.page.links import Link
from asyncapi_ws_docs.site.blockpages import is_ours
from asyncapi_ws_docs.site.siteconfig import EXTENSION

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from asyncapi_ws_docs.page.render import GeneratedPage

log = get_plugin_logger(__name__)

STYLESHEET = "assets/asyncapi-ws-docs.css"
SCRIPT = "assets/asyncapi-ws-console.js"


class GeneratedPageFile(File):
    """A generated page that `mkdocs serve --dirty` rebuilds only when it changed.

    MkDocs counts a file with content in memory as modified in every build, so `--dirty`
    rebuilt all generated pages for a one-line edit of a spec. The plugin knows which pages'
    Markdown changed since its last build in the process (`changed`); the others, already
    written to the site, are skipped like unchanged Markdown files.
    """

    changed = True

    def is_modified(self) -> bool:
        """Changed since the last build, or not written to the site yet."""
        return self.changed or not Path(self.abs_dest_path).is_file()


class BuiltPages:
    """Per spec, the pages of the last build in this process: what changed since."""

    def __init__(self) -> None:
        """Nothing built yet."""
        self._by_spec: dict[str, tuple[list[tuple[str, str]], dict[str, str]]] = {}

    def __len__(self) -> int:
        """The number of specs whose last build is remembered."""
        return len(self._by_spec)

    def changed(self, spec: str, pages: list[GeneratedPage], *, remember: bool) -> set[str]:
        """The paths of the pages whose Markdown differs from the last build in this process.

        All of the spec's pages when its set of pages or their titles changed: the navigation
        on each of them changed too. Under `mkdocs serve --dirty`, MkDocs rebuilds only these
        (`GeneratedPageFile.is_modified`). With `remember`, these pages are the next build's
        baseline.
        """
        outline = [(page.path, page.title) for page in pages]
        before = self._by_spec.get(spec)
        if remember:
            self._by_spec[spec] = (outline, {page.path: page.markdown for page in pages})
        if before is None or before[0] != outline:
            return {page.path for page in pages}
        markdown = before[1]
        return {page.path for page in pages if markdown.get(page.path) != page.markdown}


def generated_page_file(  # noqa: PLR0913 (a page, and where it comes from)
    config: MkDocsConfig,
    path: str,
    markdown: str,
    *,
    spec_path: Path,
    docs_dir: Path,
    changed: bool,
) -> GeneratedPageFile:
    """The file of a generated page: its "edit" button opens the spec it was made from."""
    if "pymdownx.snippets" in config.markdown_extensions:
        markdown = escape_snippet_markers(markdown)
    file = cast("GeneratedPageFile", GeneratedPageFile.generated(config, path, content=markdown))
    file.changed = changed  # `mkdocs serve --dirty` rebuilds only the changed pages
    file.edit_uri = posixpath.relpath(spec_path.as_posix(), docs_dir.as_posix())
    return file


def is_block_page(file: File, config: MkDocsConfig) -> bool:
    """Whether `file` is a page `asyncapi-ws-docs pages` wrote (for engines without plugins).

    It renders the same page through the extension, so one `mkdocs.yml` serves MkDocs and
    Zensical alike: it stands in for the generated page without a warning.
    """
    if not file.abs_src_path or not is_ours(Path(file.abs_src_path)):
        return False
    if EXTENSION not in config.markdown_extensions:
        log.warning(
            "%s was written by `asyncapi-ws-docs pages`, but its block needs the %s "
            "extension: add it under `markdown_extensions`.",
            file.src_uri,
            EXTENSION,
        )
    return True


def spec_download(
    output: str, spec_path: Path, docs_dir: Path, files: Files, config: MkDocsConfig
) -> Link | None:
    """Offer the spec file for download, from the `output` folder of its pages.

    The spec is published already when it lies in docs/; else a copy is added to `files`.
    """
    if not spec_path.is_file():
        return None
    if spec_path.is_relative_to(docs_dir):
        published = spec_path.relative_to(docs_dir).as_posix()
    else:
        published = f"{output}/{spec_path.name}".lstrip("/")
        if files.get_file_from_path(published) is None:
            files.append(File.generated(config, published, abs_src_path=str(spec_path)))
    href = posixpath.relpath(published, output or ".")
    return Link(spec_path.name, href)


def add_assets(files: Files, config: MkDocsConfig, *, console: bool) -> None:
    """The stylesheet, and the console's script where a page may have a console."""
    for asset in (STYLESHEET, SCRIPT) if console else (STYLESHEET,):
        if files.get_file_from_path(asset) is None:
            text = resources.files("asyncapi_ws_docs.page").joinpath(asset).read_text("utf-8")
            files.append(File.generated(config, asset, content=text))


def escape_snippet_markers(markdown: str) -> str:
    """Keep pymdownx.snippets from acting on spec text (it would include local files).

    Snippets reads every line of a page, code blocks included, before Markdown does. A line of
    ours that looks like a snippet marker (`--8<-- "file"`) gets snippets' own escape, a `;`
    before the marker, which snippets removes: readers see the text as the spec wrote it.
    """
    from pymdownx.snippets import SnippetPreprocessor as Snippets  # noqa: PLC0415 (optional)

    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if "8<-" not in line:
            continue
        if match := Snippets.RE_ALL_SNIPPETS.match(line):
            lines[index] = match["space"] + ";" + line[len(match["space"]) :]
        elif match := Snippets.RE_SNIPPET_SECTION.match(line):
            lines[index] = match["pre"] + ";" + line[len(match["pre"]) :]
    return "\n".join(lines)
