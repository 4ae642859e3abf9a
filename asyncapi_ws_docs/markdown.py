"""A Python-Markdown extension: embed a piece of an AsyncAPI spec in any page.

```yaml
markdown_extensions:
  - asyncapi_ws_docs.markdown          # options: base_dir, allowed_roots, sanitize_html,
                                       #          custom_templates, clients, console,
                                       #          diagram, ignore
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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension
from markdown.preprocessors import NormalizeWhitespace, Preprocessor

from asyncapi_ws_docs.page.clients import CLIENTS
from asyncapi_ws_docs.page.diagram import mode_of
from asyncapi_ws_docs.page.render import PageRenderer
from asyncapi_ws_docs.page.text import TextRenderer, escape_html
from asyncapi_ws_docs.site.embed import Embedder, EmbedError, anchor_prefix, parse_request

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown import Markdown
    from markdown.util import Registry

# Under MkDocs and ProperDocs, warnings from `mkdocs.plugins.*` count in `--strict`.
log = logging.getLogger("mkdocs.plugins.asyncapi_ws_docs.markdown")

# MkDocs' front matter (`mkdocs.utils.meta.YAML_RE`); Zensical strips the same.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
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
                indented = [match["indent"] + text if text else "" for text in rendered]
                # As if written in the page: Python-Markdown normalized the page's own text
                # (tabs expanded, STX/ETX removed) before this preprocessor runs.
                output.extend(NormalizeWhitespace(self.md).run(indented))
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
            page, offset = page_of(self.md)
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


def page_of(md: Markdown) -> tuple[str, int]:
    """The page being converted (its path in the docs folder) and the lines before its body.

    Every engine tells through the Markdown instance: MkDocs and ProperDocs register their
    `relpath` tree processor with the page's `File`; Zensical registers a `rendering_context`
    preprocessor with the page's path and the site's configuration. The body starts after the
    front matter, which the engines strip before conversion. ("", 0) elsewhere.
    """
    relpath = _registered(md.treeprocessors, "relpath")
    file = getattr(relpath, "file", None)
    if file is not None:  # MkDocs, ProperDocs
        return str(file.src_uri), _body_offset(lambda: str(file.content_string))
    context = _registered(md.preprocessors, "rendering_context")
    path = getattr(getattr(context, "page", None), "path", None)
    if not isinstance(path, str) or not path:
        return "", 0
    config = getattr(context, "config", None)
    config = config if isinstance(config, dict) else {}
    source = Path(str(config.get("root_dir") or ".")) / str(config.get("docs_dir") or "docs") / path
    return path, _body_offset(lambda: source.read_text(encoding="utf-8-sig"))


def _registered(registry: Registry[Any], name: str) -> object:
    """A processor registered under `name`, or None (a Registry has no `get`)."""
    return registry[name] if name in registry else None  # noqa: SIM401 (no `get`)


def _body_offset(read_source: Callable[[], str]) -> int:
    """How many lines of front matter (and blank lines after it) come before the body."""
    try:
        source = read_source()
    except (OSError, UnicodeDecodeError):
        return 0
    match = _FRONT_MATTER.match(source)
    if match is None:
        return 0
    rest = source[match.end() :]
    return match.group(0).count("\n") + (len(rest) - len(rest.lstrip("\n")))


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
            "console": [True, "Show the live console in channel pieces"],
            "diagram": ["svg", "Message-flow diagram of channels: svg, mermaid or false"],
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
            clients=tuple(self.getConfig("clients")),
            console=bool(self.getConfig("console")),
            diagram=mode_of(self.getConfig("diagram")),
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
def _embedder(  # noqa: PLR0913 (one site's settings, the cache key)
    base_dir: str,
    roots: tuple[str, ...],
    sanitize: bool,  # noqa: FBT001
    templates: str,
    *,
    clients: tuple[str, ...],
    console: bool,
    diagram: str,
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
        console=console,
        diagram=diagram,
        ignore=ignore,
    )


def makeExtension(**kwargs: Any) -> AsyncAPIWebSocketExtension:  # noqa: N802
    """Entry point for `markdown_extensions: [asyncapi_ws_docs.markdown]`."""
    return AsyncAPIWebSocketExtension(**kwargs)
