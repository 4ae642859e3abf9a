"""A spec's Markdown twin (`<output>/llms.md`): the whole reference in one compact file.

For assistants and tools that read Markdown: the servers, each channel's handshake, its
message flow as Mermaid source, its operations and its messages with their properties and
examples. It is written from the same views as the pages (`views.ViewBuilder`) through its own
template (`llms.md.jinja`), so it says what the pages say without being converted back from
their HTML. What only a browser can use (the console, the client snippets) is left out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from asyncapi_ws_docs.page.views import ViewBuilder, ViewOptions
from asyncapi_ws_docs.page.xrefs import qualifier, with_identifiers

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.model import Spec
    from asyncapi_ws_docs.page.render import PageRenderer
    from asyncapi_ws_docs.page.text import TextRenderer

TWIN = "llms.md"
"""The twin's file name in the spec's output folder."""


def spec_markdown(  # noqa: PLR0913 (keyword-only options)
    spec: Spec,
    *,
    renderer: PageRenderer,
    text: TextRenderer,
    options: ViewOptions,
    output: str,
    cross_references: bool = False,
) -> str:
    """The twin of one spec's pages, in the language of `options.labels`."""
    twin_options = replace(
        options,
        console=False,
        clients=(),
        snippet_html=None,
        diagram="mermaid",  # the Mermaid source, whatever the pages draw
        diagram_links=False,
    )
    views = ViewBuilder(spec, text, options=twin_options)
    channels = [views.channel(channel) for channel in spec.channels]
    if cross_references:
        channels = [with_identifiers(view, qualifier(output)) for view in channels]
    return renderer.render(
        "llms.md.jinja", labels=views.labels, spec=views.overview(), channels=channels
    )
