"""A channel's message-flow diagram: the flow model (`flow`) and its two writers.

`flow.channel_flow` lays out what the conversation model says travels over a channel;
`svg.svg` draws it as inline SVG, `mermaid.mermaid` writes it as Mermaid source. Nothing here
knows about MkDocs or Markdown, and nothing here decides who sends what.
"""

from __future__ import annotations

from asyncapi_ws_docs.page.diagram.flow import MAX_ROWS, Arrow, Flow, channel_flow, describe
from asyncapi_ws_docs.page.diagram.mermaid import mermaid
from asyncapi_ws_docs.page.diagram.svg import svg

__all__ = [
    "MAX_ROWS",
    "MODES",
    "Arrow",
    "Flow",
    "channel_flow",
    "describe",
    "mermaid",
    "mode_of",
    "svg",
]

MODES = ("svg", "mermaid", "off")
"""What the `diagram` option may ask for: inline SVG (default), a Mermaid block, or nothing."""


def mode_of(value: object) -> str:
    """The diagram mode an option value asks for: `false`/`off` give "off"; else checked."""
    if value is False or (isinstance(value, str) and value.lower() in ("false", "off", "no")):
        return "off"
    text = str(value).lower()
    if text not in MODES:
        message = f"`diagram: {value}` is not one of svg, mermaid, false"
        raise ValueError(message)
    return text
