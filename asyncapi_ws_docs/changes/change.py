"""A change between two versions of a spec: its rule, severity, where it is, and its sentence."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from asyncapi_ws_docs.changes.rules import CHANGE_RULES, Severity
from asyncapi_ws_docs.document.diagnostics import printable

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from asyncapi_ws_docs.changes.revision import Place

PARTS = {
    "payload": ("payload", "payload field"),
    "headers": ("headers", "header"),
    "ws-header": ("handshake headers", "handshake header"),
    "ws-query": ("handshake query", "handshake query parameter"),
    "parameter": ("address parameter", "address parameter"),
}
"""What `Where.part` names, as a sentence says it: the part as a whole, and one field of it."""


@dataclass(frozen=True)
class Where:
    """Where a change is in the API: a channel (by id), a message (by key), a field..."""

    channel: str = ""
    message: str = ""
    operation: str = ""
    server: str = ""
    part: str = ""
    """`payload`, `headers`, `ws-header`, `ws-query` or `parameter` (a key of `PARTS`)."""
    field: str = ""

    def text(self) -> str:
        """`Message `hello` of channel `chat`, payload field `user.name``: for a sentence."""
        pieces: list[str] = []
        if self.part:
            whole, one = PARTS[self.part]
            pieces.append(f"{one} `{self.field}`" if self.field else whole)
        if self.message:
            pieces.append(f"message `{self.message}`")
        if self.operation:
            pieces.append(f"operation `{self.operation}`")
        if self.channel:
            pieces.append(f"channel `{self.channel}`")
        if self.server:
            pieces.append(f"server `{self.server}`")
        text = " of ".join(pieces) or "the document"
        return text[0].upper() + text[1:]

    def as_dict(self) -> dict[str, str]:
        """The non-empty parts, for JSON output."""
        return {name: value for name, value in vars(self).items() if value}

    def inside(self, **parts: str) -> Where:
        """This place, narrowed (`where.inside(field="user.name")`)."""
        return replace(self, **parts)


@dataclass(frozen=True)
class Change:
    """One change, at `place` (in the new version; in the old one for a removal)."""

    code: str
    severity: Severity
    where: Where
    place: Place
    message: str
    old: str = ""
    new: str = ""

    @property
    def name(self) -> str:
        """The rule's short name (`client-field-required`)."""
        return CHANGE_RULES[self.code].name

    def format(self) -> str:
        """`FILE:LINE:COLUMN: SEVERITY[CODE]: sentence`, one line (for the text output)."""
        return printable(f"{self.place}: {self.severity}[{self.code}]: {self.message}")


def change(  # noqa: PLR0913 (the rule, the place, and what the sentence says)
    code: str, where: Where, place: Place, old: str = "", new: str = "", *, detail: str = ""
) -> Change:
    """A change of rule `code`, its sentence filled in from the rule's template."""
    rule = CHANGE_RULES[code]
    sentence = rule.template.format(where=where.text(), old=old, new=new, detail=detail)
    return Change(code, rule.severity, where, place, sentence, old, new)


def with_policy(
    changes: Iterable[Change],
    *,
    ignore: Iterable[str] = (),
    severities: Mapping[str, Severity] | None = None,
) -> list[Change]:
    """The changes not ignored, with the severities a user set per code, worst first."""
    left_out = frozenset(ignore)
    levels = severities or {}
    kept = [
        replace(c, severity=levels.get(c.code, c.severity))
        for c in changes
        if c.code not in left_out
    ]
    return sorted(kept, key=lambda c: (-c.severity, c.where.channel, c.place.file, c.place.line))
