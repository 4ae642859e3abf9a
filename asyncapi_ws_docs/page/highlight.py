"""Code highlighted as the site's fenced code blocks are, without converting a page.

The "Try it" snippets of a channel are seven code blocks in content tabs. Written as Markdown,
each is a fence that `pymdownx.superfences` hands to `pymdownx.highlight` (Pygments), inside a
tab that `pymdownx.tabbed` builds: a fifth of a large site's build went there. The plugin now
writes the tab set as HTML itself. So that each code block stays the HTML the site's fence
would have given (the same classes, the same `<pre><code>` that Material puts its copy button
on), a snippet is converted here by a private Markdown instance with the site's own
`pymdownx.highlight` and `pymdownx.superfences` settings: the same code path, one fence at a
time.

Settings that number the lines of a page's code blocks (`linenums`, `line_spans`,
`anchor_linenums`, `line_anchors`) give ids that count the blocks of the page; a block converted
on its own would repeat the ids of the page's first block. With those, `CodeHighlighter.for_site`
returns None, and the snippets stay Markdown fences.
"""

from __future__ import annotations

import copy
from typing import Any

import markdown

from asyncapi_ws_docs.page.text import fenced

HIGHLIGHT = "pymdownx.highlight"
SUPERFENCES = "pymdownx.superfences"
_NUMBERED_LINES = ("linenums", "line_spans", "anchor_linenums", "line_anchors")


class CodeHighlighter:
    """Turns code into the HTML of a fenced block, as the site's Markdown would."""

    def __init__(
        self, extension_configs: dict[str, dict[str, Any]], *, tab_length: int = 4
    ) -> None:
        """`extension_configs`: the site's settings of pymdownx.highlight and superfences."""
        self._markdown = markdown.Markdown(
            extensions=[HIGHLIGHT, SUPERFENCES],
            extension_configs=copy.deepcopy(extension_configs),
            tab_length=tab_length,
        )

    @classmethod
    def for_site(
        cls, extensions: list[str], configs: dict[str, Any], *, tab_length: int = 4
    ) -> CodeHighlighter | None:
        """The site's highlighter, or None when its fences are not pymdownx's (or number lines).

        `extensions` and `configs` are the `markdown_extensions` of the site and their settings.
        """
        if SUPERFENCES not in extensions:
            return None
        highlight = dict(configs.get(HIGHLIGHT) or {})
        if any(highlight.get(option) for option in _NUMBERED_LINES):
            return None
        try:
            return cls(
                {HIGHLIGHT: highlight, SUPERFENCES: dict(configs.get(SUPERFENCES) or {})},
                tab_length=tab_length,
            )
        except (ImportError, TypeError, KeyError, ValueError):
            return None  # settings this version of pymdownx does not know: stay with fences

    def html(self, code: str, language: str) -> str:
        """The HTML of `code` as one fenced block in `language`."""
        self._markdown.reset()
        return self._markdown.convert(fenced(code, language))
