"""The change rules: one table of codes, default severities and the sentence each one says.

Every change `diff` reports is one of these rules. A code is stable (never reused for another
rule); its severity can be overridden (`--fail-on`, the plugin's `diff:` section) and a code
can be ignored, as `check`'s diagnostics can. The sentences name what changed and what it
means for a client; `{where}`, `{old}`, `{new}` and `{detail}` (what changed, in a few
words: "maximum 10 → 5") are filled in by `compare`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


class Severity(enum.IntEnum):
    """How much a change matters to clients already connected. Ordered: `>=` reads naturally."""

    INFO = 10
    WARNING = 20
    BREAKING = 30

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def named(cls, text: str) -> Severity:
        """`breaking`, `warning` or `info` (any case); `ValueError` naming them otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            message = f"`{text}` is not a severity: use breaking, warning or info"
            raise ValueError(message) from None


@dataclass(frozen=True)
class ChangeRule:
    """One kind of change: its code, default severity, a short name and its sentence."""

    code: str
    severity: Severity
    name: str
    template: str
    summary: str


_B, _W, _I = Severity.BREAKING, Severity.WARNING, Severity.INFO


def _rules(*rules: ChangeRule) -> dict[str, ChangeRule]:
    return {rule.code: rule for rule in rules}


CHANGE_RULES = _rules(
    ChangeRule(
        "AWD601",
        _B,
        "channel-removed",
        "{where} was removed: clients that connect to it fail.",
        "A channel was removed",
    ),
    ChangeRule(
        "AWD602",
        _B,
        "address-changed",
        "{where} {detail}: clients connecting to the old address fail.",
        "A channel's address changed (or was removed)",
    ),
    ChangeRule(
        "AWD603",
        _B,
        "server-removed",
        "{where} was removed: clients configured with it cannot connect.",
        "A server was removed",
    ),
    ChangeRule(
        "AWD604",
        _B,
        "server-url-changed",
        "{where} moved from `{old}` to `{new}`: clients using the old URL cannot connect.",
        "A server's URL or protocol changed",
    ),
    ChangeRule(
        "AWD605",
        _B,
        "method-changed",
        "{where}: the handshake method changed from {old} to {new}: clients must change theirs.",
        "The handshake method changed",
    ),
    ChangeRule(
        "AWD606",
        _B,
        "handshake-field-required",
        "{where} is now required: clients that do not send it are refused.",
        "A handshake header or query parameter (or channel parameter) is new and required",
    ),
    ChangeRule(
        "AWD607",
        _B,
        "handshake-field-removed",
        "{where} was removed: clients that send it may be refused or lose what it did.",
        "A handshake header or query parameter (or channel parameter) was removed",
    ),
    ChangeRule(
        "AWD608",
        _B,
        "allowed-values-removed",
        "{where} {detail}: clients that send it are refused.",
        "A value was removed from a parameter's or handshake field's allowed values",
    ),
    ChangeRule(
        "AWD609",
        _B,
        "security-added",
        "{where} now requires {new}: clients without that credential are refused.",
        "A new security requirement",
    ),
    ChangeRule(
        "AWD610",
        _B,
        "client-message-removed",
        "{where}, which clients sent, is no longer one they send: the server no longer accepts it.",
        "A message the client sends was removed (or is no longer the client's to send)",
    ),
    ChangeRule(
        "AWD611",
        _B,
        "client-field-required",
        "{where} is now required in a message clients send: clients that leave it out fail.",
        "A field of a message the client sends is newly required",
    ),
    ChangeRule(
        "AWD612",
        _B,
        "client-constraint-tightened",
        "{where} is stricter ({detail}) in what clients send: "
        "values clients send today may be refused.",
        "A constraint on what the client sends was tightened (type, enum, maximum, maxLength, "
        "minimum, minLength, pattern)",
    ),
    ChangeRule(
        "AWD620",
        _W,
        "server-enum-added",
        "{where} {detail} in a message the server sends: clients that check the "
        "values must accept the new ones.",
        "A new enum value in a message the server sends",
    ),
    ChangeRule(
        "AWD621",
        _W,
        "server-type-widened",
        "{where} changed ({detail}) in a message the server sends: clients must "
        "read what it may now hold.",
        "A widened type (or a loosened constraint) in a message the server sends",
    ),
    ChangeRule(
        "AWD622",
        _W,
        "server-field-optional",
        "{where} may now be missing ({detail}) in a message the server sends: "
        "clients that read it must cope without it.",
        "A field of a message the server sends was removed or is no longer required",
    ),
    ChangeRule(
        "AWD623",
        _W,
        "server-message-added",
        "{where} is new on a channel clients read: clients may receive a message they do not know.",
        "A new message the server sends (or one it did not send before)",
    ),
    ChangeRule(
        "AWD624",
        _W,
        "deprecated-removed",
        "{where} was removed after being deprecated: clients still using it break.",
        "Something deprecated before was removed",
    ),
    ChangeRule(
        "AWD625",
        _W,
        "server-message-stopped",
        "{where}, which the server sent, is no longer one it sends: clients that wait for it "
        "will not receive it.",
        "A message the server sent is now the client's to send (its operation's action flipped)",
    ),
    ChangeRule(
        "AWD630",
        _I,
        "added",
        "{where} was added.",
        "A new channel, message, server or operation",
    ),
    ChangeRule(
        "AWD631",
        _I,
        "optional-added",
        "{where} was added ({detail}); it is optional.",
        "A new optional field, header, query parameter or allowed value",
    ),
    ChangeRule(
        "AWD632",
        _I,
        "constraint-loosened",
        "{where} accepts more ({detail}); clients can go on as before.",
        "A constraint on what the client sends was loosened",
    ),
    ChangeRule(
        "AWD633",
        _I,
        "text-changed",
        "{where}: {detail} changed.",
        "Descriptions, summaries, titles and examples",
    ),
    ChangeRule(
        "AWD634",
        _I,
        "deprecated",
        "{where} is now deprecated: clients should stop using it.",
        "Something is newly deprecated",
    ),
    ChangeRule(
        "AWD635",
        _I,
        "version-changed",
        "The API version changed from {old} to {new}.",
        "`info.version` changed",
    ),
    ChangeRule(
        "AWD636",
        _I,
        "receiver-safe",
        "{where} changed ({detail}); clients already connected are not affected.",
        "A change clients are not affected by (a stricter message the server sends, a "
        "field removed from what the client sends, a removed operation or message nobody sends)",
    ),
    ChangeRule(
        "AWD640",
        _B,
        "version-not-bumped",
        "There are breaking changes but `info.version` went from {old} to {new}: make it {detail}.",
        "Breaking changes come with a new major `info.version` (minor below 1.0); only "
        "with `--require-version-bump`",
    ),
)
"""Every change rule, by code."""


def unknown_change_codes(codes: Iterable[str]) -> list[str]:
    """The codes that name no change rule (to refuse typos in `--ignore` and `diff: ignore`)."""
    return [code for code in codes if code not in CHANGE_RULES]
