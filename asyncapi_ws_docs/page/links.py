"""Where things are: slugs, anchors and links, for each way a spec can be placed in a site.

A spec is shown either on generated pages (an overview and one page per channel), or whole on
one page (the Markdown block's `show: spec`), or as a single piece inside a page the team wrote.
The same views serve all three; only the `Linker` knows the difference.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal

Placement = Literal["pages", "page", "piece"]
"""`pages`: generated pages; `page`: a whole spec on one page; `piece`: one part of a spec."""


CHANGES_PAGE = "changes.md"
"""The Changes page's path in a spec's output folder, beside its overview (`index.md`)."""

MAX_SLUG = 80
"""Longest slug: file names have limits (255 bytes), and URLs should stay readable."""


def slugify(text: str) -> str:
    """A stable, readable slug: `realTimeUpdates` gives `real-time-updates`.

    A long one is cut, with a short hash of the whole text so two long ids stay distinct.
    """
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", text)
    slug = re.sub(r"[^a-z0-9]+", "-", spaced.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
        slug = f"{slug[: MAX_SLUG - 9].rstrip('-')}-{digest}"
    return slug


def unique_slugs(names: list[str], *, fallback: str) -> list[str]:
    """Slugs for names in order; repeats get `-2`, `-3`... (stable while the order is)."""
    seen: dict[str, int] = {}
    slugs = []
    for name in names:
        slug = slugify(name) or fallback
        count = seen.get(slug, 0) + 1
        seen[slug] = count
        slugs.append(slug if count == 1 else f"{slug}-{count}")
    return slugs


@dataclass(frozen=True)
class Link:
    """A label and where it points: a relative `.md` path and/or `#anchor`; "" for no link."""

    label: str
    href: str


class Linker:
    """Anchors and hrefs for one placement of one spec.

    On generated pages anchors are short (`message-update`) since each channel has its page;
    embedded, they carry a prefix and the channel's slug, so two pieces of two specs on one
    page never share an id.
    """

    def __init__(
        self,
        channel_ids: list[str],
        message_keys: dict[str, list[str]],
        *,
        placement: Placement = "pages",
        prefix: str = "",
    ) -> None:
        """Prepare slugs for the channels and, per channel, its messages."""
        self.placement = placement
        self.prefix = prefix
        self.slugs = dict(zip(channel_ids, unique_slugs(channel_ids, fallback="root"), strict=True))
        self._message_slugs = {
            channel_id: dict(zip(keys, unique_slugs(keys, fallback="message"), strict=True))
            for channel_id, keys in message_keys.items()
        }

    def channel_path(self, channel_id: str) -> str:
        """The channel page's path relative to the spec's output folder."""
        return f"channels/{self.slugs.get(channel_id) or slugify(channel_id) or 'root'}.md"

    def anchor(self, channel_id: str, kind: str, name: str = "") -> str:
        """The id of something on a channel's page or section (`message-update`...)."""
        base = f"{kind}-{slugify(name) or kind}" if name else kind
        if self.placement == "pages":
            return base
        return f"{self.prefix}{self.slugs.get(channel_id, 'channel')}-{base}"

    def message_anchor(self, channel_id: str, key: str) -> str:
        """The id of a message's heading."""
        slug = self._message_slugs.get(channel_id, {}).get(key) or slugify(key) or "message"
        return self.anchor(channel_id, "message", slug)

    def has_message(self, channel_id: str, key: str) -> bool:
        """Whether channel `channel_id` shows a message `key` (so its anchor exists)."""
        return key in self._message_slugs.get(channel_id, {})

    def channel_anchor(self, channel_id: str) -> str:
        """The id of a channel's title heading."""
        return self.anchor(channel_id, "channel")

    def overview(self, title: str, *, beside: bool = False) -> Link:
        """The link from a channel (or from a page `beside` it) back to its spec's overview."""
        if self.placement == "pages":
            return Link(title, "index.md" if beside else "../index.md")
        return Link(title, f"#{self.prefix}overview" if self.placement == "page" else "")

    def to_channel(self, channel_id: str, label: str, *, from_overview: bool = False) -> Link:
        """A link to a channel's page (or section)."""
        if self.placement == "pages":
            path = self.channel_path(channel_id)
            return Link(label, path if from_overview else path.removeprefix("channels/"))
        if self.placement == "page":
            return Link(label, f"#{self.channel_anchor(channel_id)}")
        return Link(label, "")

    def to_anchor(self, label: str, channel_id: str, anchor: str, *, here: str) -> Link:
        """A link to an anchor on `channel_id`'s page, from the page of channel `here`."""
        if channel_id == here or self.placement == "page":
            return Link(label, f"#{anchor}")
        if self.placement == "pages":
            return Link(
                label, f"{self.channel_path(channel_id).removeprefix('channels/')}#{anchor}"
            )
        return Link(label, "")

    def changes(self, label: str) -> Link:
        """The link from the overview to the spec's Changes page (generated pages only)."""
        return Link(label, CHANGES_PAGE if self.placement == "pages" else "")

    def has_channel(self, channel_id: str) -> bool:
        """Whether the spec has channel `channel_id` (so its page or section exists)."""
        return channel_id in self.slugs

    def beside_overview(self, label: str, channel_id: str, anchor: str = "") -> Link:
        """A link from a page beside the overview (the Changes page) into a channel's page.

        To the channel's title when `anchor` is "", else to that anchor on its page.
        """
        if self.placement == "pages":
            path = self.channel_path(channel_id)
            return Link(label, f"{path}#{anchor}" if anchor else path)
        if self.placement == "page":
            return Link(label, f"#{anchor or self.channel_anchor(channel_id)}")
        return Link(label, "")
