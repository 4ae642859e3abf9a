"""A Python-Markdown extension: embed a piece of an AsyncAPI spec in any page.

```yaml
markdown_extensions:
  - asyncapi_ws_docs.markdown          # options: base_dir, allowed_roots, sanitize_html,
                                       #          custom_templates, clients, ignore
```

In a page, a fenced block whose language is `asyncapi-ws` is replaced by the piece it names
(see `embed.py` for the options):

    ```asyncapi-ws
    spec: docs/asyncapi/realtime.yaml
    channel: realTimeUpdates
    show: handshake
    ```

A fenced block shows as code wherever the extension is absent (GitHub, other tools), and the
syntax cannot collide with mkdocstrings (`::: identifier`) or pymdownx blocks (`/// name`).
Blocks inside other fenced code blocks are left alone, so pages can show the syntax itself.
It runs under MkDocs, ProperDocs and Zensical alike: it needs no MkDocs plugin.
"""

from __future__ import annotations

import functools
import logging
import re
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from asyncapi_ws_docs.clients import CLIENTS
from asyncapi_ws_docs.embed import Embedder, EmbedError, anchor_prefix, parse_request
from asyncapi_ws_docs.render import PageRenderer
from asyncapi_ws_docs.text import TextRenderer, escape_html

if TYPE_CHECKING:
    from markdown import Markdown

# Under MkDocs and ProperDocs, warnings from `mkdocs.plugins.*` count in `--strict`.
log = logging.getLogger("mkdocs.plugins.asyncapi_ws_docs.markdown")

CURRENT_PAGE: ContextVar[tuple[str, int]] = ContextVar("CURRENT_PAGE", default=("", 0))
"""(page path, lines before the Markdown body) of the page being converted, when a front end
knows it (the MkDocs plugin sets it); used to name the page and line of a broken block."""

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")
BLOCK_LANGUAGE = "asyncapi-ws"
# Before fenced code (25) and raw HTML (20), after whitespace normalising (30) and snippets (32).
PRIORITY = 28


class EmbedPreprocessor(Preprocessor):
    """Replaces each top-level ```asyncapi-ws block with the Markdown of its piece."""

    def __init__(self, md: Markdown, embedder: Embedder) -> None:
        """Create the preprocessor for one Markdown instance."""
        super().__init__(md)
        self.embedder = embedder

    def run(self, lines: list[str]) -> list[str]:
        """Find blocks outside other fences and replace them."""
        output: list[str] = []
        used_prefixes: set[str] = set()
        open_fence: str | None = None
        index = 0
        while index < len(lines):
            line = lines[index]
            match = _FENCE.match(line)
            if open_fence is not None:
                if match and _closes(match, open_fence):
                    open_fence = None
                output.append(line)
            elif match and match["info"].split(" ")[0] == BLOCK_LANGUAGE:
                end = _closing_line(lines, index, match["fence"])
                body = [_dedent(text, match["indent"]) for text in lines[index + 1 : end]]
                rendered = self._piece("\n".join(body), index + 1, used_prefixes)
                output.extend(match["indent"] + text if text else "" for text in rendered)
                index = end
            else:
                if match:
                    open_fence = match["fence"]
                output.append(line)
            index += 1
        return output

    def _piece(self, body: str, line: int, used_prefixes: set[str]) -> list[str]:
        try:
            request = parse_request(body)
            markdown = self.embedder.render(
                request,
                prefix=anchor_prefix(request, used_prefixes),
                tabbed="tabbed" in self.md.parser.blockprocessors,
            )
        except EmbedError as error:
            page, offset = CURRENT_PAGE.get()
            where = f"{page or 'page'}:{line + offset}"
            log.warning("%s: asyncapi-ws block: %s", where, error)
            return [
                "",
                '<div class="admonition failure asyncapi-embed-error">',
                f'<p class="admonition-title">asyncapi-ws block at {escape_html(where)}</p>',
                f"<p>{escape_html(str(error))}</p>",
                "</div>",
                "",
            ]
        return ["", *markdown.splitlines(), ""]


def _closes(match: re.Match[str], fence: str) -> bool:
    """A fence closes with the same character, at least as long, and no info string."""
    closing = match["fence"]
    return closing[0] == fence[0] and len(closing) >= len(fence) and not match["info"]


def _closing_line(lines: list[str], start: int, fence: str) -> int:
    for index in range(start + 1, len(lines)):
        match = _FENCE.match(lines[index])
        if match and _closes(match, fence):
            return index
    return len(lines)  # unclosed: the block runs to the end, as fenced code does


def _dedent(text: str, indent: str) -> str:
    return text[len(indent) :] if text.startswith(indent) else text.lstrip()


class AsyncAPIWebSocketExtension(Extension):
    """The `asyncapi_ws_docs.markdown` extension."""

    def __init__(self, **kwargs: Any) -> None:
        """Options: `base_dir`, `allowed_roots`, `sanitize_html`, `custom_templates`, `ignore`..."""
        self.config = {
            "base_dir": ["", "Folder that spec paths are relative to (default: the current one)"],
            "allowed_roots": [[], "More folders that relative $refs may reach"],
            "sanitize_html": [True, "Sanitize raw HTML in spec descriptions"],
            "custom_templates": ["", "Folder of templates searched before the package's own"],
            "clients": [list(CLIENTS), "Clients to show connection snippets for"],
            "ignore": [[], "Codes of rules whose diagnostics are left out"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        """Register the block preprocessor."""
        embedder = _embedder(
            str(Path(self.getConfig("base_dir") or _project_folder()).resolve()),
            tuple(self.getConfig("allowed_roots")),
            bool(self.getConfig("sanitize_html")),
            str(self.getConfig("custom_templates") or ""),
            tuple(self.getConfig("clients")),
            ignore=tuple(self.getConfig("ignore")),
        )
        md.preprocessors.register(EmbedPreprocessor(md, embedder), "asyncapi_ws", PRIORITY)


def _project_folder() -> Path:
    """The folder of the site's config file, when the engine tells; else the current folder.

    The MkDocs plugin passes `base_dir` itself. Zensical runs no plugin, but keeps the
    project's root in its configuration (`root_dir`): reading it is best effort, since that
    is not a documented API.
    """
    try:
        from zensical.config import get_config  # noqa: PLC0415 (only under Zensical)

        root = get_config().get("root_dir")
    except Exception:  # noqa: BLE001 (not Zensical, or its internals changed)
        return Path.cwd()
    return Path(root) if isinstance(root, str) and root else Path.cwd()


@functools.lru_cache(maxsize=8)
def _embedder(  # noqa: PLR0913 (the extension's settings)
    base_dir: str,
    roots: tuple[str, ...],
    sanitize: bool,  # noqa: FBT001
    templates: str,
    clients: tuple[str, ...],
    *,
    ignore: tuple[str, ...] = (),
) -> Embedder:
    """One embedder per configuration.

    MkDocs makes a new Markdown instance for every page; the template environment and the
    rendered descriptions are worth keeping across pages.
    """
    base = Path(base_dir)
    return Embedder(
        base_dir=base,
        roots=[base / root for root in roots],
        renderer=PageRenderer(custom_templates=base / templates if templates else None),
        text=TextRenderer(sanitize=sanitize),
        clients=clients,
        ignore=ignore,
    )


def makeExtension(**kwargs: Any) -> AsyncAPIWebSocketExtension:  # noqa: N802
    """Entry point for `markdown_extensions: [asyncapi_ws_docs.markdown]`."""
    return AsyncAPIWebSocketExtension(**kwargs)
