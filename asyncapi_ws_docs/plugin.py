"""The MkDocs plugin: glue between MkDocs events and the core (load, model, views, render).

Works unchanged under ProperDocs, which loads plugins from the `properdocs.plugins` entry point
and aliases the `mkdocs` modules.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File

from asyncapi_ws_docs.build import load_spec
from asyncapi_ws_docs.config import PluginConfig, SpecEntry
from asyncapi_ws_docs.diagnostics import Diagnostic, Level
from asyncapi_ws_docs.pages import spec_pages
from asyncapi_ws_docs.render import PageRenderer
from asyncapi_ws_docs.text import TextRenderer

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files

log = get_plugin_logger(__name__)

STYLESHEET = "assets/asyncapi-ws-docs.css"


class AsyncAPIWebSocketPlugin(BasePlugin[PluginConfig]):
    """Generates an overview page and one page per channel for each configured spec."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Prepare the renderers; add the stylesheet before the user's own, so theirs wins."""
        if not self.config.enabled:
            return None
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.renderer = PageRenderer(
            custom_templates=Path(self.config.custom_templates)
            if self.config.custom_templates
            else None
        )
        self.text = TextRenderer(sanitize=self.config.sanitize_html)
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the generated pages; a user's own file at the same path is kept, with a warning."""
        if not self.config.enabled:
            return None
        for entry in self.config.specs:
            for page in self._pages(entry):
                if files.get_file_from_path(page.path) is not None:
                    log.warning(
                        "%s: the page '%s' exists in the docs folder already; it is kept and "
                        "the generated page is not written. Move it, or set `output` for "
                        "this spec to another folder.",
                        entry.path,
                        page.path,
                    )
                    continue
                files.append(File.generated(config, page.path, content=page.markdown))
        if files.get_file_from_path(STYLESHEET) is None:
            css = resources.files("asyncapi_ws_docs").joinpath("assets/asyncapi-ws-docs.css")
            files.append(File.generated(config, STYLESHEET, content=css.read_text("utf-8")))
        return files

    def _pages(self, entry: SpecEntry) -> list:  # type: ignore[type-arg]
        roots = [self.project_dir, *(Path(root) for root in self.config.allowed_roots)]
        spec, diagnostics = load_spec(
            self.project_dir / entry.path, roots=roots, display_base=self.project_dir
        )
        for diagnostic in diagnostics:
            _log(diagnostic)
        if spec is None:
            return []
        return spec_pages(spec, output=entry.output, renderer=self.renderer, text=self.text)

    def on_serve(
        self,
        server: LiveReloadServer,
        /,
        *,
        config: MkDocsConfig,  # noqa: ARG002 (MkDocs passes it by name)
        builder: object,  # noqa: ARG002
    ) -> LiveReloadServer | None:
        """Watch each spec's folder, so edits to it or to files it references rebuild."""
        if self.config.enabled:
            for folder in {(self.project_dir / e.path).resolve().parent for e in self.config.specs}:
                if folder.is_dir():
                    server.watch(str(folder))
        return server


def _log(diagnostic: Diagnostic) -> None:
    """Route a diagnostic through MkDocs' logging: warnings and errors count in `--strict`."""
    level = {Level.ERROR: log.error, Level.WARNING: log.warning}.get(diagnostic.level, log.info)
    level(diagnostic.format())
