"""Problems found in specs, with the place in the source file where they are.

Every problem the core finds becomes a `Diagnostic`: a level, the file, line and column of the
offending node, its JSON pointer inside that file, a message, a hint and the code of the rule
(`RULES`). The front ends (the MkDocs plugin, the command line) decide how to show them, and
which codes to leave out (`ignore`); the core never logs or prints.

This module is the bottom layer: it imports nothing of the package. Anything that knows its
place in a file (the loader's mappings and lists) is a `Locatable`.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Level(enum.IntEnum):
    """How bad a problem is. Ordered, so `level >= Level.WARNING` reads naturally."""

    INFO = 10
    WARNING = 20
    ERROR = 30

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Rule:
    """One rule: its stable code, its level, a short name and what it asks of a spec."""

    code: str
    level: Level
    name: str
    summary: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


_E, _W, _I = Level.ERROR, Level.WARNING, Level.INFO
RULES = _rules(
    Rule(
        "AWD001",
        _E,
        "unreadable-file",
        "The file is readable YAML or JSON: UTF-8, not "
        "binary, not empty, one document, a mapping at the top, no alias bomb or deep nesting",
    ),
    Rule(
        "AWD002",
        _E,
        "not-asyncapi",
        "`asyncapi` is present and one of 2.0.0 to 2.6.0, 3.0.0, 3.1.0",
    ),
    Rule("AWD010", _W, "duplicate-key", "A mapping has no duplicate keys"),
    Rule(
        "AWD011",
        _I,
        "read-note",
        "A note on how the file was read (a byte-order mark skipped, JSON read without positions)",
    ),
    Rule("AWD101", _W, "no-info", "`info` is present"),
    Rule("AWD102", _W, "remote-ref", "A remote `$ref` is never fetched"),
    Rule("AWD103", _W, "ref-outside-roots", "A relative `$ref` stays inside the allowed folders"),
    Rule("AWD104", _W, "unresolved-ref", "Every `$ref` resolves"),
    Rule("AWD105", _W, "circular-ref", "A `$ref` chain does not point back at itself"),
    Rule("AWD110", _W, "operation-action", "A 3.x operation's `action` is `send` or `receive`"),
    Rule(
        "AWD111",
        _W,
        "message-not-in-channel",
        "The messages of a 3.x operation or reply are messages of its channel",
    ),
    Rule("AWD201", _W, "ws-binding-key", "The WebSocket binding is under `ws`"),
    Rule(
        "AWD202",
        _W,
        "ws-binding-field",
        "The `ws` channel binding has only `method`, "
        "`query`, `headers`, `bindingVersion` and `x-` extensions",
    ),
    Rule("AWD203", _W, "ws-method", "The handshake `method` is `GET` or `POST`"),
    Rule("AWD204", _I, "ws-method-post", "`method: POST`: RFC 6455 clients send GET"),
    Rule("AWD205", _W, "ws-binding-version", "`bindingVersion` is `0.1.0`"),
    Rule(
        "AWD206",
        _W,
        "ws-object-schema",
        "`query` and `headers` are object schemas with `properties`",
    ),
    Rule(
        "AWD207",
        _W,
        "yaml11-name",
        "A header or query parameter name that YAML 1.1 reads as a boolean is quoted",
    ),
    Rule(
        "AWD208", _W, "reserved-ws-binding", "Server, operation and message `ws` bindings are empty"
    ),
    Rule("AWD301", _W, "address-query", "A channel address holds no query string"),
    Rule("AWD302", _W, "address-url", "A channel address is not a full URL"),
    Rule("AWD303", _W, "host-scheme", "A 3.x server `host` has no scheme"),
    Rule("AWD304", _W, "undeclared-parameter", "Every `{parameter}` of an address is declared"),
    Rule("AWD305", _W, "unused-parameter", "Every declared parameter is used in the address"),
    Rule("AWD306", _W, "server-url-query", "A server's `url` or `pathname` holds no query string"),
    Rule("AWD307", _W, "address-slash", "A channel address starts with `/`"),
    Rule(
        "AWD401",
        _W,
        "example-mismatch",
        "Examples, defaults, `const` and `enum` values match the schema they illustrate",
    ),
    Rule(
        "AWD402",
        _I,
        "example-not-checked",
        "Examples of a payload whose schema is not JSON Schema (Avro, Protobuf...) are not checked",
    ),
    Rule(
        "AWD403",
        _W,
        "unusable-schema",
        "A schema can check its examples (it is a valid JSON Schema)",
    ),
    Rule(
        "AWD501", _W, "plaintext-credentials", "Credentials are not sent to a plain `ws://` server"
    ),
    Rule("AWD502", _I, "secret-in-query", "A secret in the query string ends up in logs"),
    Rule("AWD503", _I, "no-messages", "A channel documents its messages"),
    Rule(
        "AWD701",
        _W,
        "version-not-found",
        "Every earlier version the `changes` option lists is in the git clone (a shallow clone "
        "has no tags)",
    ),
    Rule(
        "AWD702",
        _W,
        "version-unreadable",
        "Every earlier version the `changes` option lists can be read",
    ),
)
"""Every rule, by code. Codes are stable: a code is never reused for another rule."""


def printable(text: str) -> str:
    r"""`text` with its control characters (ESC...) shown as `\x1b`, not sent.

    Spec text reaches terminals and CI logs in every line the commands print.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """The codes of `codes` that name no rule (to refuse typos in `ignore`)."""
    return [code for code in codes if code not in RULES]


def error_codes(codes: Iterable[str]) -> list[str]:
    """The codes of `codes` whose rule is an error: those cannot be ignored."""
    return [code for code in codes if code in RULES and RULES[code].level is Level.ERROR]


def ignoring(diagnostics: Iterable[Diagnostic], ignore: Iterable[str]) -> list[Diagnostic]:
    """The diagnostics whose code is not in `ignore`, in file order."""
    left_out = frozenset(ignore)
    return [d for d in in_file_order(diagnostics) if not d.code or d.code not in left_out]


def in_file_order(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """By file, line and column, whatever order the checks ran in (stable for ties)."""
    return sorted(diagnostics, key=lambda d: (d.file, d.line, d.column))


class Locatable(Protocol):
    """A node that knows its place in a file (the loader's `SpecMap` and `SpecList`)."""

    def position_of(self, key: str | int | None = None) -> tuple[str, int, int, str]:
        """Return (file, line, column, pointer) of the node, or of its entry `key`."""


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place.

    `line` and `column` are 1-based; 0 means "unknown" (a file that could not be read at all).
    `code` is the rule's code in `RULES` ("" for a diagnostic not given one yet).
    """

    level: Level
    file: str
    line: int
    column: int
    pointer: str
    message: str
    hint: str = ""
    code: str = ""

    @property
    def is_file_level(self) -> bool:
        """Whether the problem is with the file as a whole (line 0 means "unknown")."""
        return self.line == 0

    def format(self) -> str:
        """Render as `FILE:LINE:COLUMN: LEVEL[CODE]: POINTER: message Hint: hint`.

        A problem with the file as a whole (it does not exist, it cannot be read) has no line,
        column or pointer to give: `FILE: LEVEL[CODE]: message`, not a made-up `:0:0` and `/`.
        """
        level = f"{self.level}[{self.code}]" if self.code else str(self.level)
        if self.is_file_level:
            place = f"{self.file}: {level}: " + (f"{self.pointer}: " if self.pointer else "")
        else:
            place = f"{self.file}:{self.line}:{self.column}: {level}: {self.pointer or '/'}: "
        text = place + self.message
        text = f"{text} Hint: {self.hint}" if self.hint else text
        return printable(text)


class SpecError(Exception):
    """A spec that cannot be read at all: the one diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        """Wrap the diagnostic that says why the spec cannot be read."""
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


@dataclass
class Diagnostics:
    """Collects the problems of one spec, in the order they were found, without repeats."""

    items: list[Diagnostic] = field(default_factory=list)
    _seen: set[Diagnostic] = field(default_factory=set, repr=False)

    def add(self, diagnostic: Diagnostic) -> None:
        """Record a problem, unless the same one was already recorded (shared `$ref` targets)."""
        if diagnostic not in self._seen:
            self._seen.add(diagnostic)
            self.items.append(diagnostic)

    def report(
        self,
        where: Locatable,
        message: str,
        *,
        code: str,
        key: str | int | None = None,
        hint: str = "",
    ) -> None:
        """Record a problem at `where` (a loaded mapping or list), or at its entry `key`.

        The level is the rule's: `RULES` decides once whether a code is an error, a warning or
        a note, so no call site can report a rule at another level than the docs list.
        """
        file, line, column, pointer = where.position_of(key)
        level = RULES[code].level
        self.add(Diagnostic(level, file, line, column, pointer, message, hint, code))

    def __iter__(self) -> Iterator[Diagnostic]:
        """The problems in file order (by file, line, column), not in the order found."""
        return iter(in_file_order(self.items))

    def __len__(self) -> int:
        return len(self.items)

    def at_least(self, level: Level) -> list[Diagnostic]:
        """The problems of `level` or worse."""
        return [d for d in self if d.level >= level]
