"""A spec's history: the changes from each version to the next, newest first.

And what they mean for one channel or message: "added in v1.2.0", "changed in v1.3.0".

The site's Changes page and badges read this; `diff` compares two versions the same way
(`changes_between`), so the page and the command never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from asyncapi_ws_docs.changes import changes_between

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from asyncapi_ws_docs.changes.change import Change
    from asyncapi_ws_docs.changes.revision import Revision
    from asyncapi_ws_docs.changes.rules import Severity

ADDED_CODES = frozenset({"AWD630", "AWD623"})
"""The rules a new channel or message is reported by (a new message the server sends is a
warning, `AWD623`; that rule also reports a message that changed hands, told apart below)."""


@dataclass(frozen=True)
class Step:
    """The changes from version `since` to version `label` (the newer one).

    `label` "" is the working tree's version when it has no `info.version` of its own yet
    (it is the released one's): pages call it "unreleased".
    """

    label: str
    since: str
    changes: tuple[Change, ...]
    added: frozenset[tuple[str, str]] = frozenset()
    """`(channel id, "")` for each new channel, `(channel id, message key)` for each new
    message of a channel both versions have."""


@dataclass(frozen=True)
class ChangeHistory:
    """The steps of one spec's history, newest first."""

    steps: tuple[Step, ...]
    _added: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)
    _changed: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for step in self.steps:  # newest first: the first step that names a thing wins
            for thing in step.added:
                self._added.setdefault(thing, step.label)
            for item in step.changes:
                where = item.where
                if not where.channel or (where.channel, where.message) in step.added:
                    continue
                if (where.channel, "") in step.added:
                    continue  # a new channel's parts are new with it
                self._changed.setdefault((where.channel, ""), step.label)
                if where.message:
                    self._changed.setdefault((where.channel, where.message), step.label)

    def added_in(self, channel: str, message: str = "") -> str | None:
        """The version that added the channel (or its message `message`); None: not listed."""
        return self._added.get((channel, message))

    def changed_in(self, channel: str, message: str = "") -> str | None:
        """The latest version that changed the channel (anything in it) or its message."""
        changed = self._changed.get((channel, message))
        added = self.added_in(channel, message)
        if changed is None or (added is not None and self._newer_first(added, changed)):
            return None
        return changed

    def _newer_first(self, first: str, second: str) -> bool:
        """Whether version `first` comes before (is as new as or newer than) `second`."""
        labels = [step.label for step in self.steps]
        return labels.index(first) <= labels.index(second)


def change_history(
    versions: Sequence[tuple[str, Revision]],
    *,
    ignore: Iterable[str] = (),
    severities: Mapping[str, Severity] | None = None,
) -> ChangeHistory:
    """The history of `versions` (label, revision), newest first (the working tree first).

    The working tree's step is left out when it changes nothing (the site is built from the
    newest release); every older step is kept, empty or not.
    """
    steps: list[Step] = []
    for index, ((label, newer), (since, older)) in enumerate(pairwise(versions)):
        found = changes_between(older, newer, ignore=ignore, severities=severities)
        if index == 0 and not found:
            continue
        steps.append(Step(label, since, tuple(found), frozenset(_added(older, found))))
    return ChangeHistory(tuple(steps))


def _added(older: Revision, changes: Iterable[Change]) -> Iterable[tuple[str, str]]:
    """The new channels and messages among `changes` (see `Step.added`)."""
    for item in changes:
        where = item.where
        if item.code not in ADDED_CODES or where.part or where.operation or where.server:
            continue
        if not where.message:
            yield where.channel, ""
            continue
        before = older.spec.channel(where.channel)
        # `AWD623` also reports a message the server now sends that was there before.
        if before is None or all(where.message not in (m.key, m.name) for m in before.messages):
            yield where.channel, where.message
