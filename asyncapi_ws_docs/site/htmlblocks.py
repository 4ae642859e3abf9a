"""Carry the HTML blocks of generated pages past Python-Markdown instead of through it.

Most of a generated page is HTML the plugin wrote itself (tables, lists, descriptions already
rendered and sanitized). Python-Markdown passes such a block through unchanged, but finds its
end by running an HTML parser over every tag in it: on a channel page that is about a third of
the page's Markdown time. So before conversion each block is replaced with a placeholder
comment, and after conversion the comment is replaced with the block: the page's HTML is the
same, byte for byte, as that of the same Markdown converted whole.

Only blocks that Python-Markdown would certainly keep verbatim are set aside: a block-level
element that starts a line after a blank line (outside fenced code), is closed on the line
before the next blank line (blank lines inside a `<pre>` of the block do not count: highlighted
code has them, and Python-Markdown keeps them), and holds no comment and no `markdown`
attribute (which would ask md_in_html to convert its content). Anything else stays in the
Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

# Block-level elements of Python-Markdown that our templates start blocks with.
_TAGS = ("div", "table", "ul", "ol", "dl", "p", "details", "pre", "blockquote")
_OPENING = re.compile(rf"<({'|'.join(_TAGS)})[\s>]")
_NESTED = {tag: re.compile(rf"<{tag}[\s>]") for tag in _TAGS}
_FENCE = re.compile(r"^ *(`{3,}|~{3,})")
_PRE_OPENING = re.compile(r"<pre[\s>]")
_UNSAFE = re.compile(r"<!--|<\?|<!\[|\smarkdown\s*=", re.IGNORECASE)


EXCLUDED = "data-search-exclude"
"""Blocks holding this mark (the "Try it" snippets) may skip the search plugin altogether: the
plugin puts them back in the page's final HTML, after the search plugin indexed the page."""

CONSOLE = 'class="asyncapi-console"'
"""The live console's block: with mkdocs-llmstxt in the site it is the one put back last, after
llmstxt turned the page into Markdown (an interactive console means nothing there)."""


@dataclass(frozen=True)
class SetAside:
    """A page's Markdown with placeholders, and the HTML blocks they stand for."""

    markdown: str
    blocks: tuple[str, ...]


class HTMLBlocks:
    """Sets blocks aside under placeholders that hold `nonce` (which spec text cannot guess)."""

    def __init__(self, nonce: str) -> None:
        """Placeholders look like `<!--asyncapi-ws-docs:<nonce>:<n>-->`."""
        self._prefix = f"<!--asyncapi-ws-docs:{nonce}:"
        self._placeholder = re.compile(re.escape(self._prefix) + r"(\d+)-->")

    def set_aside(self, markdown: str) -> SetAside:
        """Replace each verbatim HTML block of `markdown` with a placeholder."""
        if self._prefix in markdown:  # never, short of guessing the nonce: then keep it whole
            return SetAside(markdown, ())
        lines = markdown.split("\n")
        out: list[str] = []
        blocks: list[str] = []
        fence = ""
        index = 0
        while index < len(lines):
            line = lines[index]
            if fence or line.lstrip(" ")[:3] in ("```", "~~~"):
                fence = _fence_state(fence, line)
            elif _OPENING.match(line) and (index == 0 or not lines[index - 1].strip()):
                end = _block_end(lines, index)
                if end is not None:
                    out.append(f"{self._prefix}{len(blocks)}-->")
                    blocks.append("\n".join(lines[index : end + 1]))
                    index = end + 1
                    continue
            out.append(line)
            index += 1
        return SetAside("\n".join(out), tuple(blocks))

    def put_back(self, html: str, blocks: tuple[str, ...]) -> str:
        """Replace the placeholders in converted `html` with their blocks."""
        if not blocks:
            return html
        return self._placeholder.sub(lambda match: blocks[int(match[1])], html)

    def hold(
        self,
        html: str,
        blocks: tuple[str, ...],
        later: Callable[[str], bool],
        *,
        with_heading: bool = False,
    ) -> tuple[str, tuple[str, ...]]:
        """Put back the blocks except those `later` chooses, which keep their placeholders.

        Returns the HTML and the blocks to put back into the final page (`put_back`). With
        `with_heading`, a heading right before a held block is held with it: a section that
        is only its block (the live console) then leaves nothing behind until the end.
        """
        held = list(blocks)

        def block(match: re.Match[str]) -> str:
            text = blocks[int(match[1])]
            return match[0] if later(text) else text

        html = self._placeholder.sub(block, html)
        if not with_heading:
            return html, blocks

        def lift(match: re.Match[str]) -> str:
            index = int(match["index"])
            held[index] = f"{match['heading']}\n{held[index]}"
            return match["placeholder"]

        heading = r"(?m)^(?P<heading><h[1-6][\s>].*</h[1-6]>)\n+"
        placeholder = rf"(?P<placeholder>{re.escape(self._prefix)}(?P<index>\d+)-->)"
        return re.sub(heading + placeholder, lift, html), tuple(held)


def _fence_state(fence: str, line: str) -> str:
    """The open fence after `line` ("" when none): fenced code is never looked into."""
    match = _FENCE.match(line)
    if not fence:
        return match[1] if match else ""
    closes = match is not None and match[1][0] == fence[0] and len(match[1]) >= len(fence)
    return "" if closes and not line.strip().strip(fence[0]) else fence


def _block_end(lines: list[str], start: int) -> int | None:
    """The last line of the HTML block opening at `start`, if it is a safe, closed block."""
    match = _OPENING.match(lines[start])
    assert match is not None  # noqa: S101 (the caller matched it)
    tag = match[1]
    opening = _NESTED[tag]
    closing = f"</{tag}>"
    depth = 0
    in_pre = 0
    for end in range(start, len(lines)):
        line = lines[end]
        if (not line.strip() and in_pre <= 0) or _UNSAFE.search(line):
            return None
        in_pre += len(_PRE_OPENING.findall(line)) - line.count("</pre>")
        depth += len(opening.findall(line)) - line.count(closing)
        if depth <= 0:
            closed = depth == 0 and line.endswith(closing)
            followed = end + 1 == len(lines) or not lines[end + 1].strip()
            return end if closed and followed else None
    return None
