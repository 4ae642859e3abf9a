"""The MkDocs plugin: glue between MkDocs events and the core (load, model, views, render).

Works unchanged under ProperDocs, which loads plugins from the `properdocs.plugins` entry point
and aliases the `mkdocs` modules.
"""

from __future__ import annotations

import gc
import json
import secrets
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from asyncapi_ws_docs.document.cache import SHARED
from asyncapi_ws_docs.document.diagnostics import Diagnostic, Diagnostics, Level, ignoring
from asyncapi_ws_docs.page.clients import SnippetHTML
from asyncapi_ws_docs.page.highlight import HIGHLIGHT, SUPERFENCES, CodeHighlighter
from asyncapi_ws_docs.page.pages import spec_pages
from asyncapi_ws_docs.page.render import GeneratedPage, PageRenderer
from asyncapi_ws_docs.page.text import TextRenderer
from asyncapi_ws_docs.page.views import ViewOptions
from asyncapi_ws_docs.site import plugin_files, plugin_languages, plugin_xrefs
from asyncapi_ws_docs.site.config import PluginConfig, SpecEntry
from asyncapi_ws_docs.site.htmlblocks import CONSOLE, EXCLUDED, HTMLBlocks, SetAside
from asyncapi_ws_docs.site.pagecache import CachedPages, PageCache, fingerprint
from asyncapi_ws_docs.site.plugin_files import SCRIPT, STYLESHEET
from asyncapi_ws_docs.site.plugin_nav import group_section, pages_of, prune_material_nav
from asyncapi_ws_docs.site.siteconfig import EXTENSION
from asyncapi_ws_docs.site.versions import resolve_versions, spec_history

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from asyncapi_ws_docs.changes.revision import Revision
    from asyncapi_ws_docs.document.model import Spec
    from asyncapi_ws_docs.page.links import Link

log = get_plugin_logger(__name__)

TABBED = "pymdownx.tabbed"


class AsyncAPIWebSocketPlugin(BasePlugin[PluginConfig]):
    """Generates an overview page and one page per channel for each configured spec."""

    page_cache: PageCache | None = None
    html_blocks: HTMLBlocks | None = None
    serving = True
    """Whether more builds follow in this process (`mkdocs serve`); then specs stay in memory."""

    def on_startup(self, *, command: str, dirty: bool) -> None:  # noqa: ARG002 (by name)
        """Note whether this is `mkdocs serve`.

        Defining `on_startup` also makes MkDocs 1.4+ keep this instance across serve rebuilds,
        and with it the page cache.
        """
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Prepare the renderers; add the stylesheet before the user's own, so theirs wins."""
        self._set_aside: dict[str, tuple[str, ...]] = {}
        self._late_blocks: dict[str, tuple[str, ...]] = {}
        self._channel_pages: list[list[tuple[str, str]]] = []
        self._folder = ""  # the language's folder under mkdocs-static-i18n
        self._references: list[plugin_xrefs.SpecReferences] = []
        self._raw_files: list[GeneratedPage] = []  # written into the site in on_post_build
        self._autorefs: plugin_xrefs.Autorefs | None = None
        self._llms = False
        if not self.config.enabled:
            return None
        if not self.config.specs and EXTENSION not in config.markdown_extensions:
            # Without specs the plugin only serves the `asyncapi-ws` block (its stylesheet,
            # its folder); without the block too it would do nothing, and say nothing.
            raise PluginError(
                "asyncapi-ws-docs: the plugin has no `specs`, so it has nothing to render. "
                "List your AsyncAPI documents under it: `specs: [asyncapi/your-api.yaml]` "
                f"(or add the `{EXTENSION}` Markdown extension to embed pieces of specs)."
            )
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.config_file = Path(config.config_file_path or "mkdocs.yml").name
        self.docs_dir = Path(config.docs_dir).resolve()
        templates = self.config.custom_templates
        self.renderer = PageRenderer(custom_templates=Path(templates) if templates else None)
        self.text = TextRenderer(sanitize=self.config.sanitize_html)
        self.label_overrides = plugin_languages.read_labels(self.config.labels, self.project_dir)
        cache_dir = self.project_dir / self.config.cache_dir if self.config.cache_dir else None
        if self.page_cache is None or self.page_cache.folder != cache_dir:
            self.page_cache = PageCache(cache_dir, in_memory=self.serving)
        if "llmstxt" in config.plugins and HIGHLIGHT in config.markdown_extensions:
            # mkdocs-llmstxt keeps a code block's language only from a `language-*` class.
            config.mdx_configs.setdefault(HIGHLIGHT, {}).setdefault("pygments_lang_class", True)
        tabbed = "pymdownx.tabbed" in config.markdown_extensions
        snippet_html = _snippet_html(config, tabbed=tabbed)
        self.settings = json.dumps(
            [
                str(self.project_dir),
                self.config.sanitize_html,
                list(self.config.clients),
                list(self.config.allowed_roots),
                self.config.diagram,
                list(self.config.ignore),
                tabbed,
                fingerprint(Path(templates) if templates else None),
                self.config.console,
                self.config.console_mock,
                # The snippets' HTML follows the site's highlighting settings.
                snippet_html is not None
                and {n: config.mdx_configs.get(n) for n in (HIGHLIGHT, SUPERFENCES, TABBED)},
            ],
            default=repr,
        )
        self.options = ViewOptions(
            clients=tuple(self.config.clients),
            tabbed=tabbed,
            snippet_html=snippet_html,
            console=self.config.console,
            console_mock=self.config.console_mock,
            diagram=self.config.diagram,
        )
        if self.html_blocks is None:  # kept across serve rebuilds, with what it set aside
            self.html_blocks = HTMLBlocks(secrets.token_hex(8))
            self._set_aside_pages: dict[str, tuple[str, SetAside]] = {}
            self._built = plugin_files.BuiltPages()  # for `mkdocs serve --dirty`
            # Per cache key, the model and pages last rendered (`pages.spec_pages`).
            self._rendered: dict[str, tuple[Spec, list[GeneratedPage]]] = {}
            self._revisions: dict[tuple[str, str, str], Revision] = {}  # by commit
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        if self._console_anywhere() and SCRIPT not in map(str, config.extra_javascript):
            config.extra_javascript.append(SCRIPT)
        if EXTENSION in config.markdown_extensions:
            # The block's paths resolve like ours: relative to the folder of mkdocs.yml.
            options = config.mdx_configs.setdefault(EXTENSION, {})
            options.setdefault("base_dir", str(self.project_dir))
            options.setdefault("sanitize_html", self.config.sanitize_html)
            options.setdefault("allowed_roots", list(self.config.allowed_roots))
            options.setdefault("clients", list(self.config.clients))
            options.setdefault("console", self.config.console)
            options.setdefault("diagram", self.config.diagram)
            options.setdefault("ignore", list(self.config.ignore))
            if templates:
                options.setdefault("custom_templates", templates)
        return config

    # Early, so plugins that read the file list in their own `on_files` see the pages wherever
    # they are listed (mkdocs-llmstxt matches its `sections` patterns there).
    @event_priority(50)
    def _add_pages(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the generated pages, before the other plugins see the site's files."""
        if plugin_languages.uses_i18n(config):
            return None
        return self._add_pages_in(files, config, folder="")

    @event_priority(plugin_languages.ADD_AFTER_I18N)
    def _add_pages_after_i18n(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """With mkdocs-static-i18n: add them after it picked this language's files."""
        if not plugin_languages.uses_i18n(config):
            return None
        return self._add_pages_in(files, config, folder=plugin_languages.language_folder(config))

    on_files = CombinedEvent(_add_pages, _add_pages_after_i18n)

    def _add_pages_in(self, files: Files, config: MkDocsConfig, *, folder: str) -> Files | None:
        """Add the generated pages, written under `folder` of the site.

        A user's own file at a page's path is kept, with a warning.
        """
        if not self.config.enabled:
            return None
        self._set_aside.clear()
        self._channel_pages.clear()
        self.options = replace(
            self.options, labels=plugin_languages.build_labels(config, self.label_overrides)
        )
        self._folder = folder
        self._references.clear()
        self._raw_files.clear()
        self._autorefs = plugin_xrefs.autorefs_of(config)
        self._llms = "llmstxt" in config.plugins
        for entry in self.config.specs:
            spec_path = (self.project_dir / entry.path).resolve()
            download = (
                plugin_files.spec_download(entry.output, spec_path, self.docs_dir, files, config)
                if self.config.download
                else None
            )
            channel_pages: list[tuple[str, str]] = []
            started = time.perf_counter()
            pages, rendered = self._pages(entry, spec_path, download)
            changed = self._built.changed(entry.path, pages, remember=self.serving)
            log.info(
                "%s: %d channels, %d pages in %.2f s (%s)%s",
                entry.path,
                sum(1 for page in pages if page.address),
                len(pages),
                time.perf_counter() - started,
                "rendered" if rendered else "from cache",
                f"; {len(changed)} changed since the last build" if self._built else "",
            )
            self._raw_files += [page for page in pages if page.raw]
            for page in pages:
                if page.raw:
                    continue
                file = self._page_file(
                    page, entry, spec_path, files, config, changed=page.path in changed
                )
                if file is not None and page.address:
                    channel_pages.append((file.src_uri, page.address))
            self._channel_pages.append(channel_pages)
            # Only the pages generated here: a block page in their place has its own anchors.
            self._references.append(
                [
                    (p.path, p.references)
                    for p in pages
                    if p.references and p.path in self._set_aside
                ]
            )
            if not self.serving:
                # A one-off build: the pages are rendered, and the rest of the build can use
                # the memory the spec held. A block embedded in a page loads it anew.
                SHARED.forget(spec_path)
        if not self.serving:
            gc.collect()  # the models hold reference cycles
        plugin_files.add_assets(files, config, console=self._console_anywhere())
        return files

    def _page_file(  # noqa: PLR0913 (one page's place in the build)
        self,
        page: GeneratedPage,
        entry: SpecEntry,
        spec_path: Path,
        files: Files,
        config: MkDocsConfig,
        *,
        changed: bool,
    ) -> File | None:
        """The file that serves `page`: added now, or the block page standing in for it.

        `None` when a user's own file is at its path: that one is kept, with a warning.
        """
        existing = files.get_file_from_path(page.path)
        if existing is not None and plugin_files.is_block_page(existing, config):
            return existing
        if existing is not None:
            log.warning(
                "%s: the page '%s' exists in the docs folder already; it is kept and "
                "the generated page is not written. Move it, or set `output` for "
                "this spec to another folder.",
                entry.path,
                page.path,
            )
            return None
        set_aside = self._set_aside_page(page)
        file = plugin_files.generated_page_file(
            config,
            page.path,
            set_aside.markdown,
            spec_path=spec_path,
            docs_dir=self.docs_dir,
            changed=changed,
        )
        plugin_languages.into_folder(file, self._folder)
        self._set_aside[file.src_uri] = set_aside.blocks
        files.append(file)
        return file

    def _options_of(self, entry: SpecEntry) -> ViewOptions:
        """The site's view options, with what the spec's entry sets for itself."""
        console = self.options.console if entry.console is None else entry.console
        return replace(self.options, console=console, application=entry.application)

    def _console_anywhere(self) -> bool:
        """Whether any page may have a console: then the site gets the console's script."""
        return self.config.console or any(entry.console for entry in self.config.specs)

    def _set_aside_page(self, page: GeneratedPage) -> SetAside:
        """The page with its HTML blocks set aside; under `mkdocs serve` remembered per page."""
        assert self.html_blocks is not None  # noqa: S101 (set in on_config)
        known = self._set_aside_pages.get(page.path)
        if known is not None and known[0] == page.markdown:  # the same string: O(1)
            return known[1]
        set_aside = self.html_blocks.set_aside(page.markdown)
        if self.serving:
            self._set_aside_pages[page.path] = (page.markdown, set_aside)
        return set_aside

    def full_markdown(self, file: File) -> str:
        """A generated page's Markdown with its HTML blocks in place (until the page is built).

        That is the page as a hand-written file would hold it (the benchmark's baseline).
        """
        markdown = file.content_string
        blocks = self._set_aside.get(file.src_uri)
        if not blocks or self.html_blocks is None:
            return markdown
        return self.html_blocks.put_back(markdown, blocks)

    def _pages(
        self, entry: SpecEntry, spec_path: Path, download: Link | None
    ) -> tuple[list[GeneratedPage], bool]:
        """The spec's pages, and whether they were rendered (else they came from the cache)."""
        assert self.page_cache is not None  # noqa: S101 (set in on_config)
        versions = resolve_versions(  # every build: a new tag must show
            entry.changes if entry.changes is not None else self.config.changes,
            spec=entry.path, project_dir=self.project_dir, config_file=self.config_file,
        )  # fmt: skip
        key = PageCache.key(
            spec_path,
            f"{self.settings}|{entry.output}|{download}|{entry.console}|{entry.application}"
            f"|{self.options.labels.digest}|{self._autorefs is not None}"
            f"|{self.config.llms_markdown}|{versions and versions.key}|{self.config.diff}",
        )
        cached = self.page_cache.get(key)
        rendered = cached is None
        if cached is None:
            roots = [self.project_dir, *(Path(root) for root in self.config.allowed_roots)]
            spec, diagnostics = SHARED.load(spec_path, roots=roots, display_base=self.project_dir)
            previous = self._rendered.get(key)
            options, read = self._options_of(entry), Diagnostics()
            if versions is not None and spec is not None:
                history, read = spec_history(
                    versions, spec=entry.path, project_dir=self.project_dir, roots=roots,
                    application=entry.application, policy=self.config.diff,
                    remembered=self._revisions if self.serving else None,
                )  # fmt: skip
                options = replace(options, history=history)
            pages = (
                spec_pages(
                    spec,
                    output=entry.output,
                    renderer=self.renderer,
                    text=self.text,
                    download=download,
                    options=options,
                    previous=previous,
                    cross_references=self._autorefs is not None,
                    llms=self.config.llms_markdown,
                )
                if spec is not None
                else []
            )
            if self.serving and spec is not None:
                # The next version of the spec renders only the channels that changed.
                self._rendered[key] = (spec, pages)
            cached = CachedPages(SHARED.digests(spec_path), pages, [*diagnostics, *read])
            self.page_cache.put(key, cached)
        found = versions.diagnostics if versions is not None else ()
        for diagnostic in ignoring([*found, *cached.diagnostics], self.config.ignore):
            _log(diagnostic)
        return cached.pages, rendered

    def on_nav(
        self,
        nav: Navigation,
        /,
        *,
        config: MkDocsConfig,
        files: Files,
    ) -> Navigation | None:
        """Name the pages' anchors for autorefs; group the channel pages of large specs."""
        if self.config.enabled and self._autorefs is not None:
            plugin_xrefs.register(self._autorefs, self._references, files)
        if not self.config.enabled or self.config.nav_group_size < 1:
            return None
        grouped = False
        for spec in self._channel_pages:
            grouped |= group_section(nav, spec, self.config.nav_group_size)
        if not grouped:
            return None
        # Reading order follows the groups: previous/next are those of the new order.
        pages = nav.pages = pages_of(nav.items)
        for previous, page, following in zip(
            [None, *pages[:-1]], pages, [*pages[1:], None], strict=True
        ):
            page.previous_page, page.next_page = previous, following
        if self.config.nav_prune:
            prune_material_nav(config)
        return nav

    # Before other plugins' on_page_content: they see the page's complete HTML.
    @event_priority(100)
    def on_page_content(
        self,
        html: str,
        /,
        *,
        page: Page,
        config: MkDocsConfig,  # noqa: ARG002 (MkDocs passes these by name)
        files: Files,  # noqa: ARG002
    ) -> str | None:
        """Put back the HTML blocks set aside."""
        blocks = self._set_aside.pop(page.file.src_uri, None)
        if not blocks or self.html_blocks is None:
            return html
        # mkdocs-llmstxt turns this HTML into Markdown next: it gets everything but the console.
        mark = CONSOLE if self._llms else EXCLUDED
        html, late = self.html_blocks.hold(
            html, blocks, lambda b: mark in b, with_heading=self._llms
        )
        if any(mark in block for block in blocks):
            self._late_blocks[page.file.src_uri] = late
        return html

    # Before other plugins' on_post_page (a minifier would drop the placeholder comments).
    @event_priority(100)
    def on_post_page(
        self,
        output: str,
        /,
        *,
        page: Page,
        config: MkDocsConfig,  # noqa: ARG002 (MkDocs passes it by name)
    ) -> str | None:
        """Put the blocks kept out of search into the page's final HTML.

        The "Try it" snippets are most of a channel page's tags, and the search plugin's HTML
        parser walks every tag of the page content, even of blocks it excludes. Put back here,
        after the search plugin has indexed the page, they cost the build almost nothing.
        """
        blocks = self._late_blocks.pop(page.file.src_uri, None)  # its last use: free it
        if not blocks or self.html_blocks is None:
            return None
        return self.html_blocks.put_back(output, blocks)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the files published as they are: each spec's Markdown twin (`llms_markdown`)."""
        for page in self._raw_files:
            path = Path(config.site_dir) / page.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.markdown, encoding="utf-8")

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


def _snippet_html(config: MkDocsConfig, *, tabbed: bool) -> SnippetHTML | None:
    """The writer of the "Try it" sections as HTML, or None to leave them to Markdown.

    As HTML when the site's code blocks are pymdownx's (see `highlight.CodeHighlighter`) and
    its content tabs, if any, have the alternate style Material styles.
    """
    if tabbed and not (config.mdx_configs.get(TABBED) or {}).get("alternate_style"):
        return None
    highlighter = CodeHighlighter.for_site(
        list(config.markdown_extensions), dict(config.mdx_configs)
    )
    return SnippetHTML(highlighter.html, tabbed=tabbed) if highlighter is not None else None


def _log(diagnostic: Diagnostic) -> None:
    """Route a diagnostic through MkDocs' logging: warnings and errors count in `--strict`."""
    level = {Level.ERROR: log.error, Level.WARNING: log.warning}.get(diagnostic.level, log.info)
    level(diagnostic.format())
