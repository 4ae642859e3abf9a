"""The MkDocs plugin: glue between MkDocs events and the core (load, model, views, render).

Works unchanged under ProperDocs, which loads plugins from the `properdocs.plugins` entry point
and aliases the `mkdocs` modules.
"""

from __future__ import annotations

import json
import posixpath
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File

from asyncapi_ws_docs import markdown as embed_extension
from asyncapi_ws_docs.cache import SHARED
from asyncapi_ws_docs.config import PluginConfig, SpecEntry
from asyncapi_ws_docs.diagnostics import Diagnostic, Level
from asyncapi_ws_docs.links import Link
from asyncapi_ws_docs.pagecache import CachedPages, PageCache, fingerprint
from asyncapi_ws_docs.pages import spec_pages
from asyncapi_ws_docs.render import GeneratedPage, PageRenderer
from asyncapi_ws_docs.text import TextRenderer
from asyncapi_ws_docs.views import ViewOptions

if TYPE_CHECKING:
    from contextvars import Token

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

STYLESHEET = "assets/asyncapi-ws-docs.css"
EXTENSION = "asyncapi_ws_docs.markdown"


class AsyncAPIWebSocketPlugin(BasePlugin[PluginConfig]):
    """Generates an overview page and one page per channel for each configured spec."""

    page_cache: PageCache | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Nothing to do; defined so MkDocs keeps this instance across serve rebuilds.

        MkDocs 1.4+ keeps plugins that have `on_startup`, and with them the page cache.
        """

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Prepare the renderers; add the stylesheet before the user's own, so theirs wins."""
        self._page_token: Token[tuple[str, int]] | None = None
        if not self.config.enabled:
            return None
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.docs_dir = Path(config.docs_dir).resolve()
        templates = self.config.custom_templates
        self.renderer = PageRenderer(custom_templates=Path(templates) if templates else None)
        self.text = TextRenderer(sanitize=self.config.sanitize_html)
        cache_dir = self.project_dir / self.config.cache_dir if self.config.cache_dir else None
        if self.page_cache is None or self.page_cache.folder != cache_dir:
            self.page_cache = PageCache(cache_dir)
        self.settings = json.dumps(
            [
                str(self.project_dir),
                self.config.sanitize_html,
                list(self.config.clients),
                list(self.config.allowed_roots),
                "pymdownx.tabbed" in config.markdown_extensions,
                fingerprint(Path(templates) if templates else None),
            ]
        )
        self.options = ViewOptions(
            clients=tuple(self.config.clients),
            tabbed="pymdownx.tabbed" in config.markdown_extensions,
        )
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        if EXTENSION in config.markdown_extensions:
            # The block's paths resolve like ours: relative to the folder of mkdocs.yml.
            options = config.mdx_configs.setdefault(EXTENSION, {})
            options.setdefault("base_dir", str(self.project_dir))
            options.setdefault("sanitize_html", self.config.sanitize_html)
            options.setdefault("allowed_roots", list(self.config.allowed_roots))
            options.setdefault("clients", list(self.config.clients))
            if templates:
                options.setdefault("custom_templates", templates)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the generated pages; a user's own file at the same path is kept, with a warning."""
        if not self.config.enabled:
            return None
        for entry in self.config.specs:
            spec_path = (self.project_dir / entry.path).resolve()
            download = self._download(entry, spec_path, files, config)
            for page in self._pages(entry, spec_path, download):
                if files.get_file_from_path(page.path) is not None:
                    log.warning(
                        "%s: the page '%s' exists in the docs folder already; it is kept and "
                        "the generated page is not written. Move it, or set `output` for "
                        "this spec to another folder.",
                        entry.path,
                        page.path,
                    )
                    continue
                markdown = page.markdown
                if "pymdownx.snippets" in config.markdown_extensions:
                    markdown = _escape_snippet_markers(markdown)
                file = File.generated(config, page.path, content=markdown)
                # The "edit" button of a generated page opens the spec it was made from.
                file.edit_uri = posixpath.relpath(spec_path.as_posix(), self.docs_dir.as_posix())
                files.append(file)
        if files.get_file_from_path(STYLESHEET) is None:
            css = resources.files("asyncapi_ws_docs").joinpath("assets/asyncapi-ws-docs.css")
            files.append(File.generated(config, STYLESHEET, content=css.read_text("utf-8")))
        return files

    def _pages(
        self, entry: SpecEntry, spec_path: Path, download: Link | None
    ) -> list[GeneratedPage]:
        """The spec's pages: from the cache while its files are unchanged, else rendered."""
        assert self.page_cache is not None  # noqa: S101 (set in on_config)
        key = PageCache.key(spec_path, f"{self.settings}|{entry.output}|{download}")
        cached = self.page_cache.get(key)
        if cached is None:
            roots = [self.project_dir, *(Path(root) for root in self.config.allowed_roots)]
            spec, diagnostics = SHARED.load(spec_path, roots=roots, display_base=self.project_dir)
            pages = (
                spec_pages(
                    spec,
                    output=entry.output,
                    renderer=self.renderer,
                    text=self.text,
                    download=download,
                    options=self.options,
                )
                if spec is not None
                else []
            )
            cached = CachedPages(SHARED.digests(spec_path), pages, list(diagnostics))
            self.page_cache.put(key, cached)
        for diagnostic in cached.diagnostics:
            _log(diagnostic)
        return cached.pages

    def _download(
        self, entry: SpecEntry, spec_path: Path, files: Files, config: MkDocsConfig
    ) -> Link | None:
        """Offer the spec file for download: it is published already when it lies in docs/."""
        if not self.config.download or not spec_path.is_file():
            return None
        if spec_path.is_relative_to(self.docs_dir):
            published = spec_path.relative_to(self.docs_dir).as_posix()
        else:
            published = f"{entry.output}/{spec_path.name}".lstrip("/")
            if files.get_file_from_path(published) is None:
                files.append(File.generated(config, published, abs_src_path=str(spec_path)))
        href = posixpath.relpath(published, entry.output or ".")
        return Link(spec_path.name, href)

    # Before other plugins' on_page_markdown: the block needs to know which page it is on.
    @event_priority(100)
    def on_page_markdown(
        self,
        markdown: str,
        /,
        *,
        page: Page,
        config: MkDocsConfig,  # noqa: ARG002 (MkDocs passes it by name)
        files: Files,  # noqa: ARG002
    ) -> str | None:
        """Tell the Markdown block which page (and which line offset) it is converting."""
        source = page.file.content_string if not page.file.generated_by else markdown
        offset = source.count("\n") - markdown.count("\n")
        self._page_token = embed_extension.CURRENT_PAGE.set((page.file.src_uri, max(offset, 0)))
        return markdown

    def on_page_content(
        self,
        html: str,
        /,
        *,
        page: Page,  # noqa: ARG002 (MkDocs passes these by name)
        config: MkDocsConfig,  # noqa: ARG002
        files: Files,  # noqa: ARG002
    ) -> str | None:
        """The page is converted: the block no longer belongs to it."""
        if self._page_token is not None:
            embed_extension.CURRENT_PAGE.reset(self._page_token)
            self._page_token = None
        return html

    def on_serve(
        self,
        server: LiveReloadServer,
        /,
        *,
        config: MkDocsConfig,  # noqa: ARG002 (MkDocs passes it by name)
        builder: object,  # noqa: ARG002
    ) -> LiveReloadServer | None:
        """Watch every file a spec was read from (its `$ref`s too), and the specs' folders."""
        if self.config.enabled:
            folders = {(self.project_dir / e.path).resolve().parent for e in self.config.specs}
            folders |= {path.parent for path in SHARED.files()}
            for folder in sorted(folders):
                if folder.is_dir():
                    server.watch(str(folder))
        return server


def _escape_snippet_markers(markdown: str) -> str:
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


def _log(diagnostic: Diagnostic) -> None:
    """Route a diagnostic through MkDocs' logging: warnings and errors count in `--strict`."""
    level = {Level.ERROR: log.error, Level.WARNING: log.warning}.get(diagnostic.level, log.info)
    level(diagnostic.format())
