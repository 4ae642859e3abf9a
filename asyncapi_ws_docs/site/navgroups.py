"""Group the channel pages of a large spec into nested sections for the site navigation.

A theme renders the navigation on every page. With one flat section of N channel pages,
building the site renders N entries on each of N pages: time and page size grow with N².
Grouped into sections of at most `size` entries, and with Material's `navigation.prune`
(which renders only the open sections), each page carries a few dozen entries whatever N is.

Groups follow the channels' addresses, segment by segment (`/v1/market/{venue}/btcusd/trades`
is `v1`, `market`, `{venue}`, `btcusd`, `trades`): segments that all channels of a group share
are skipped, the next one names the sections. Where that gives a single group, or more than
`size` groups, the pages are cut into runs of at most `size` instead, named by their first and
last channel. The order of the pages is kept within each group.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_SEPARATORS = re.compile(r"[/.:]+")


@dataclass(frozen=True)
class NavGroup:
    """A section of the navigation: a title and its pages (keys) or subsections, in order."""

    title: str
    members: tuple[str | NavGroup, ...]


def segments(address: str) -> tuple[str, ...]:
    """The parts of a channel address or id that groups are made of."""
    return tuple(part for part in _SEPARATORS.split(address) if part)


def group_pages(pages: list[tuple[str, str]], *, size: int) -> list[str | NavGroup]:
    """Pages `(key, address)` in navigation order, grouped when there are more than `size`."""
    if size < 1:
        return [key for key, _ in pages]
    return _group([(key, segments(address)) for key, address in pages], size)


def _group(pages: list[tuple[str, tuple[str, ...]]], size: int) -> list[str | NavGroup]:
    if len(pages) <= size:
        return [key for key, _ in pages]
    shared = _shared_prefix([parts for _, parts in pages])
    buckets: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    loose: list[str] = []  # channels whose address is the shared prefix itself
    for key, parts in pages:
        if len(parts) > shared:
            buckets.setdefault(parts[shared], []).append((key, parts[shared + 1 :]))
        else:
            loose.append(key)
    if not 2 <= len(buckets) + len(loose) <= size:
        return _runs(pages, shared, size)
    grouped: list[str | NavGroup] = list(loose)
    for title in sorted(buckets, key=str.casefold):
        members = buckets[title]
        if len(members) == 1:
            grouped.append(members[0][0])  # a section of one page only adds a click
        else:
            grouped.append(NavGroup(title, tuple(_group(members, size))))
    return grouped


def _runs(pages: list[tuple[str, tuple[str, ...]]], shared: int, size: int) -> list[str | NavGroup]:
    """Consecutive runs of at most `size` pages, as even as possible."""
    count = math.ceil(len(pages) / size)
    length, longer = divmod(len(pages), count)  # the first `longer` runs get one page more
    runs: list[str | NavGroup] = []
    start = 0
    for index in range(count):
        run = pages[start : start + length + (index < longer)]
        first, last = ("/".join(parts[shared:]) for parts in (run[0][1], run[-1][1]))
        if not (first and last):  # the same address throughout: number the runs
            first, last = str(start + 1), str(start + len(run))
        title = first if first == last else f"{first} \N{EN DASH} {last}"
        runs.append(NavGroup(title, tuple(key for key, _ in run)))
        start += len(run)
    return runs


def _shared_prefix(all_parts: list[tuple[str, ...]]) -> int:
    """How many leading segments every address has in common."""
    first = all_parts[0]
    shared = min(len(parts) for parts in all_parts)
    for parts in all_parts[1:]:
        while shared and parts[:shared] != first[:shared]:
            shared -= 1
    return shared
