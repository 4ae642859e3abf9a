"""`mkdocs` with one of the plugin's speed-ups turned off, to measure what each one saves.

    python bench/variant.py <variant> build -f mkdocs.yml ...

Variants (`peers.py` runs them interleaved with the shipped build):

- `shipped`: the plugin as it is;
- `markdown`: the "Try it" tabs written as Markdown (pymdownx.tabbed, superfences and highlight
  convert them on every page), as before the plugin wrote them as HTML;
- `whole`: written as HTML, but every snippet highlighted on its own (no templates), and
  without `data-search-exclude`;
- `templates`: highlighted templates filled with each channel's values, without
  `data-search-exclude`;
- `parsed`: with `data-search-exclude`, but put back before the search plugin indexes the page
  (its parser then walks the snippets' tags and skips their text).
"""

from __future__ import annotations

import functools
import sys
from typing import Any

import mkdocs.__main__

from asyncapi_ws_docs.page import clients
from asyncapi_ws_docs.site import htmlblocks, plugin

VARIANTS = ("shipped", "markdown", "whole", "templates", "parsed")


def _patch(variant: str) -> None:
    if variant == "parsed":
        htmlblocks.EXCLUDED = plugin.EXCLUDED = "\x00 no block holds this"
    if variant == "markdown":
        plugin._snippet_html = lambda *_, **__: None  # noqa: SLF001 (a benchmark's switch)
    elif variant in ("whole", "templates"):
        original = clients.SnippetHTML.__init__

        @functools.wraps(original)
        def init(self: clients.SnippetHTML, *args: Any, **kwargs: Any) -> None:
            kwargs.update(substitute=variant == "templates", search_exclude=False)
            original(self, *args, **kwargs)

        clients.SnippetHTML.__init__ = init  # type: ignore[method-assign]


def main() -> None:
    """Patch, then hand the rest of the command line to MkDocs."""
    variant = sys.argv[1]
    if variant not in VARIANTS:
        raise SystemExit(f"variant must be one of {', '.join(VARIANTS)}")
    _patch(variant)
    sys.argv = ["mkdocs", *sys.argv[2:]]
    mkdocs.__main__.cli()


if __name__ == "__main__":
    main()
