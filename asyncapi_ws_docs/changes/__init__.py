"""What changed between two versions of a spec, and what it means for connected clients.

The layer between `document` (the model, the conversation) and `page`: `revision` reads one
version with its file positions, `git` reads one from git history (`REF:PATH`), `compare`
matches the two versions by meaning and `schemas` compares their schemas, each difference a
rule of `rules` (the one table of codes, severities and sentences); `change` is one finding.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from asyncapi_ws_docs.changes.change import Change, Where, change, with_policy
from asyncapi_ws_docs.changes.compare import compare
from asyncapi_ws_docs.changes.rules import CHANGE_RULES, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from asyncapi_ws_docs.changes.revision import Revision

__all__ = [
    "CHANGE_RULES",
    "Change",
    "Severity",
    "Where",
    "changes_between",
    "counts",
    "version_gate",
    "with_policy",
]


def changes_between(
    old: Revision,
    new: Revision,
    *,
    ignore: Iterable[str] = (),
    severities: Mapping[str, Severity] | None = None,
) -> list[Change]:
    """The changes from `old` to `new` that are not ignored, worst first."""
    return with_policy(compare(old, new), ignore=ignore, severities=severities)


_VERSION = re.compile(r"^\s*v?(\d+)(?:\.(\d+))?")


def version_gate(old: Revision, new: Revision, changes: Iterable[Change]) -> Change | None:
    """The `version-not-bumped` change for breaking changes without a new major version.

    Below 1.0 a new minor version will do, as semantic versioning says; None when all is well.
    """
    if not any(c.severity is Severity.BREAKING for c in changes):
        return None
    before, after = old.spec.info.version, new.spec.info.version
    if _bumped(before, after):
        return None
    place = new.place(new.root.get("info", new.root), "version")
    expected = "a new major version" if not before.startswith("0.") else "a new minor version"
    return change("AWD640", Where(), place, before or "(none)", after or "(none)", detail=expected)


def _bumped(before: str, after: str) -> bool:
    old, new = _VERSION.match(before), _VERSION.match(after)
    if old is None or new is None:
        return before != after  # not numbers: any new version string will do
    old_major, new_major = int(old.group(1)), int(new.group(1))
    if old_major == 0 and new_major == 0:
        return int(new.group(2) or 0) > int(old.group(2) or 0)
    return new_major > old_major


def counts(changes: Iterable[Change]) -> dict[Severity, int]:
    """How many changes of each severity, worst first (every severity, zeros too)."""
    found = dict.fromkeys(sorted(Severity, reverse=True), 0)
    for item in changes:
        found[item.severity] += 1
    return found
