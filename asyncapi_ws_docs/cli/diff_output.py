"""How `diff` prints its changes: text, JSON, a pull-request comment, annotations or SARIF.

Every format says the same: each change's severity, rule, place and sentence. A place in a
version read from git (`main:asyncapi.yaml:12:3`) is not a line of the working tree, so the
formats GitHub pins to lines (annotations, SARIF) give that file without a line, and say in
the text where it was.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from asyncapi_ws_docs.changes import CHANGE_RULES, Severity, counts
from asyncapi_ws_docs.cli.sarif import SarifResult, SarifRule, sarif_log
from asyncapi_ws_docs.cli.shared import github_annotation
from asyncapi_ws_docs.document.diagnostics import printable

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from asyncapi_ws_docs.changes import Change
    from asyncapi_ws_docs.changes.revision import Revision

FORMATS = ("text", "json", "markdown", "github", "sarif")

_GITHUB = {Severity.BREAKING: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SARIF = {Severity.BREAKING: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_HEADINGS = {Severity.BREAKING: "Breaking", Severity.WARNING: "Warnings", Severity.INFO: "Info"}
MAX_ROWS = 100
"""Rows per table of the Markdown comment: GitHub refuses a comment past 65,536 characters."""
MARKER = "<!-- asyncapi-ws-docs diff -->"
"""The first line of the Markdown comment, for tools that update their own comment."""


def write_changes(
    changes: Sequence[Change], old: Revision, new: Revision, output_format: str, out: TextIO
) -> None:
    """Print `changes` (from `old` to `new`) in `output_format`, one of `FORMATS`."""
    writers: dict[str, Callable[[Sequence[Change], Revision, Revision], str]] = {
        "text": _text,
        "json": _json,
        "markdown": markdown,
        "github": _github,
        "sarif": _sarif,
    }
    out.write(writers[output_format](changes, old, new))


def summary(changes: Sequence[Change]) -> str:
    """`2 breaking, 1 warning, 0 info`."""
    found = counts(changes)
    warnings = found[Severity.WARNING]
    return (
        f"{found[Severity.BREAKING]} breaking, "
        f"{warnings} warning{'' if warnings == 1 else 's'}, {found[Severity.INFO]} info"
    )


def _text(changes: Sequence[Change], old: Revision, new: Revision) -> str:
    lines = [change.format() for change in changes]
    lines.append(printable(f"{old.label} → {new.label}: {summary(changes)}"))
    return "\n".join(lines) + "\n"


def _json(changes: Sequence[Change], old: Revision, new: Revision) -> str:
    document = {
        "old": {"source": old.label, "version": old.spec.info.version},
        "new": {"source": new.label, "version": new.spec.info.version},
        "summary": {str(severity): number for severity, number in counts(changes).items()},
        "changes": [_json_change(change) for change in changes],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _json_change(change: Change) -> dict[str, object]:
    place = change.place
    location: dict[str, object] = {"file": place.file, "line": place.line or None}
    location |= {"column": place.column or None, **change.where.as_dict()}
    return {
        "severity": str(change.severity),
        "code": change.code,
        "rule": change.name,
        "location": location,
        "message": change.message,
        "old": change.old or None,
        "new": change.new or None,
    }


def markdown(changes: Sequence[Change], old: Revision, new: Revision) -> str:
    """A pull-request comment: a summary line, then a table per severity, worst first."""
    lines = [MARKER, f"### API changes: `{_cell(old.label)}` → `{_cell(new.label)}`", ""]
    if not changes:
        lines.append("No change a client would notice.")
        return "\n".join(lines) + "\n"
    found = counts(changes)
    verdict = "breaks clients" if found[Severity.BREAKING] else "breaks no client"
    lines.append(f"**{summary(changes)}**: this change {verdict}.")
    for severity in found:
        rows = [c for c in changes if c.severity is severity]
        if rows:
            lines += ["", *_table(severity, rows)]
    return "\n".join(lines) + "\n"


def _table(severity: Severity, rows: Sequence[Change]) -> list[str]:
    """One severity's table; info folded away, as the least a reviewer must read."""
    heading = f"{_HEADINGS[severity]} ({len(rows)})"
    lines = [f"#### {heading}", ""]
    if severity is Severity.INFO:
        lines = [f"<details><summary>{heading}</summary>", ""]
    lines += ["| Change | Where | Rule |", "| --- | --- | --- |"]
    lines += [
        f"| {_cell(c.message)} | `{_cell(str(c.place))}` | `{c.code}` {c.name} |"
        for c in rows[:MAX_ROWS]
    ]
    if len(rows) > MAX_ROWS:
        more = len(rows) - MAX_ROWS
        lines += ["", f"…and {more} more: `asyncapi-ws-docs diff` lists them all."]
    if severity is Severity.INFO:
        lines += ["", "</details>"]
    return lines


def _cell(text: str) -> str:
    """Spec text inside a table cell: no line breaks, no column breaks, no HTML."""
    flat = printable(" ".join(text.split()))
    return flat.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _github(changes: Sequence[Change], old: Revision, new: Revision) -> str:
    del old, new  # each change names its place
    lines: list[str] = []
    for change in changes:
        place = change.place
        # A line of a version read from git is not a line of the checked-out file.
        line = 0 if place.ref else place.line
        text = change.message + (f" (at {place})" if place.ref else "")
        lines.append(
            github_annotation(
                _GITHUB[change.severity],
                printable(text),
                file=place.path,
                line=line,
                column=place.column,
                title=f"{change.code} {change.name}",
            )
        )
    return "".join(lines)


def _sarif(changes: Sequence[Change], old: Revision, new: Revision) -> str:
    del old, new
    rules = [
        SarifRule(rule.code, rule.name, rule.summary, _SARIF[rule.severity])
        for rule in CHANGE_RULES.values()
    ]
    results = [_sarif_result(change) for change in changes]
    return json.dumps(sarif_log(rules, results), indent=2, ensure_ascii=False) + "\n"


def _sarif_result(change: Change) -> SarifResult:
    place = change.place
    level = _SARIF[change.severity]
    if place.ref:
        return SarifResult(change.code, level, f"{change.message} (at {place})", place.path)
    return SarifResult(change.code, level, change.message, place.path, place.line, place.column)
