"""View models of a spec's history: its Changes page, and the badges of channels and messages.

What changed, and how much it matters, is `changes.history`'s to say; here it is only laid
out: each version newest first, its changes grouped by channel, each linked to the channel's
page (and the message's section) through the `Linker`, as it is in the spec being published.
A channel that is gone has no page: its changes are listed without a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from asyncapi_ws_docs.changes import counts
from asyncapi_ws_docs.page.links import Link, slugify
from asyncapi_ws_docs.page.text import code_html, escape_html, escape_markdown

if TYPE_CHECKING:
    from collections.abc import Sequence

    from asyncapi_ws_docs.changes.change import Change
    from asyncapi_ws_docs.changes.history import ChangeHistory, Step
    from asyncapi_ws_docs.document.model import Spec
    from asyncapi_ws_docs.page.labels import Labels
    from asyncapi_ws_docs.page.links import Linker


@dataclass(frozen=True)
class Badge:
    """A badge ("added in v1.2.0", "changed in v1.3.0"); `kind` (`added`, `changed`) its style."""

    kind: str
    text: str
    """HTML, escaped."""


@dataclass(frozen=True)
class ChangeView:
    """One change: its severity (`breaking`, `warning`, `info`), rule and sentence."""

    severity: str
    severity_label: str
    code: str
    sentence: str
    """Markdown, escaped: what the spec's text quotes is code."""
    section: Link | None
    """The message's section on the channel's page, when it has one today."""


@dataclass(frozen=True)
class ChannelChanges:
    """The changes of one channel in one version (or of the document, outside channels)."""

    heading: Link
    """The channel's page ("" href when the channel is gone), or the document's label."""
    changes: tuple[ChangeView, ...]


@dataclass(frozen=True)
class VersionChanges:
    """One version's section of the Changes page."""

    anchor: str
    title: str
    since: str
    counts: str
    groups: tuple[ChannelChanges, ...]


@dataclass(frozen=True)
class ChangesView:
    """The Changes page of one spec."""

    title: str
    overview: Link
    versions: tuple[VersionChanges, ...]


def badges(
    history: ChangeHistory | None, labels: Labels, channel: str, message: str = ""
) -> tuple[Badge, ...]:
    """The history badges of a channel (or of its message `message`); none without history."""
    if history is None:
        return ()
    found: list[Badge] = []
    if (added := history.added_in(channel, message)) is not None:
        found.append(Badge("added", labels.fill("added_in", version=_version(added, labels))))
    if (changed := history.changed_in(channel, message)) is not None:
        text = labels.fill("changed_in", version=_version(changed, labels))
        found.append(Badge("changed", text))
    return tuple(found)


def changes_view(spec: Spec, history: ChangeHistory, links: Linker, labels: Labels) -> ChangesView:
    """The Changes page: every version of `history`, newest first."""
    return ChangesView(
        title=labels.changes,
        overview=links.overview(spec.info.title, beside=True),
        versions=tuple(_version_view(spec, step, links, labels) for step in history.steps),
    )


def _version(label: str, labels: Labels) -> str:
    return escape_html(label) if label else labels.changes_unreleased


def _version_view(spec: Spec, step: Step, links: Linker, labels: Labels) -> VersionChanges:
    found = counts(step.changes)
    return VersionChanges(
        anchor=f"version-{slugify(step.label) or 'unreleased'}",
        title=escape_markdown(step.label) if step.label else labels.changes_unreleased,
        since=labels.fill("changes_since", version=_version(step.since, labels)),
        counts=labels.fill("changes_counts", **{str(s): n for s, n in found.items()}),
        groups=tuple(_groups(spec, step.changes, links, labels)),
    )


def _groups(
    spec: Spec, changes: Sequence[Change], links: Linker, labels: Labels
) -> list[ChannelChanges]:
    """The document's changes first, then each channel's, in the order of the spec's channels.

    Channels that are gone come last.
    """
    by_channel: dict[str, list[Change]] = {}
    for item in changes:
        by_channel.setdefault(item.where.channel, []).append(item)
    order = {channel.id: index for index, channel in enumerate(spec.channels)}
    keys = sorted(by_channel, key=lambda c: (c != "", order.get(c, len(order))))
    return [
        ChannelChanges(
            _heading(spec, key, links, labels),
            tuple(_change(item, links, labels) for item in by_channel[key]),
        )
        for key in keys
    ]


def _heading(spec: Spec, channel_id: str, links: Linker, labels: Labels) -> Link:
    if not channel_id:
        return Link(labels.changes_document, "")
    channel = spec.channel(channel_id)
    if channel is None or not links.has_channel(channel_id):
        return Link(labels.fill("changes_removed_channel", channel=channel_id), "")
    return links.beside_overview(channel.title or channel.id, channel_id)


def _change(item: Change, links: Linker, labels: Labels) -> ChangeView:
    where = item.where
    section = None
    if where.message and links.has_message(where.channel, where.message):
        anchor = links.message_anchor(where.channel, where.message)
        section = links.beside_overview(labels.changes_to_section, where.channel, anchor)
    return ChangeView(
        severity=str(item.severity),
        severity_label=labels[f"severity_{item.severity}"],
        code=item.code,
        sentence=sentence_markdown(item.message),
        section=section,
    )


def sentence_markdown(sentence: str) -> str:
    """A rule's sentence as Markdown: what it quotes from the spec (between backticks) as code.

    Spec text is escaped either way; an odd backtick (one inside an id) leaves it all text.
    """
    parts = sentence.split("`")
    if len(parts) % 2 == 0:
        return escape_markdown(sentence)
    return "".join(
        code_html(part) if index % 2 else _spaced(part) for index, part in enumerate(parts)
    )


def _spaced(text: str) -> str:
    """`escape_markdown`, keeping the spaces around the text (next to the code pieces)."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return f"{lead}{escape_markdown(text)}{trail}"
