"""Cross-reference identifiers: the names other pages link to channels, messages, operations by.

With mkdocs-autorefs a page writes `[the order desk][orders:desk]` and lands on the channel page
of channel `desk` of the spec whose pages are in `orders/`. The identifiers follow mkdocstrings'
way of naming objects, qualified by the spec's output folder:

- `{output}:{channel id}`: the channel (its page's title anchor);
- `{output}:{channel id}:{message key}`: one message's section on that page;
- `{output}:operation:{operation id}`: an operation's row in its channel's table.

This module only names things and reads where they are from the channel's view, whose anchors
`links.Linker` decided: the identifiers can never point somewhere the page does not have. The
MkDocs plugin hands them to autorefs (`site/plugin_xrefs.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asyncapi_ws_docs.page.views import ChannelView


@dataclass(frozen=True)
class CrossReference:
    """One identifier and the anchor it points to on its page.

    `unqualified` is the identifier without the output folder (`desk`, `desk:update`), which the
    site registers too when no other spec has a channel `channel_id`; "" when there is none
    (operations are always qualified).
    """

    identifier: str
    anchor: str
    title: str
    channel_id: str
    unqualified: str = ""


def qualifier(output: str) -> str:
    """The spec's part of its identifiers: its output folder, as `output` names it."""
    return output.strip("/")


def channel_identifier(base: str, channel_id: str) -> str:
    """`orders:desk`."""
    return f"{base}:{channel_id}"


def message_identifier(base: str, channel_id: str, key: str) -> str:
    """`orders:desk:update`."""
    return f"{base}:{channel_id}:{key}"


def operation_identifier(base: str, operation_id: str) -> str:
    """`orders:operation:placeOrder`."""
    return f"{base}:operation:{operation_id}"


def with_identifiers(view: ChannelView, base: str) -> ChannelView:
    """The channel's view showing each identifier beside what it names, for copying."""
    return replace(
        view,
        xref=channel_identifier(base, view.id),
        messages=tuple(
            replace(m, xref=message_identifier(base, view.id, m.key)) for m in view.messages
        ),
        operations=tuple(
            replace(op, xref=operation_identifier(base, op.id)) if op.id else op
            for op in view.operations
        ),
    )


def channel_references(view: ChannelView, base: str) -> tuple[CrossReference, ...]:
    """Every identifier that points into the page (or section) of channel `view`."""
    channel = view.id
    references = [
        CrossReference(
            channel_identifier(base, channel), view.anchor, view.title, channel, unqualified=channel
        )
    ]
    references += [
        CrossReference(
            message_identifier(base, channel, message.key),
            message.anchor,
            message.label,
            channel,
            unqualified=f"{channel}:{message.key}",
        )
        for message in view.messages
    ]
    references += [
        CrossReference(operation_identifier(base, op.id), op.anchor, op.id, channel)
        for op in view.operations
        if op.id
    ]
    return tuple(references)
