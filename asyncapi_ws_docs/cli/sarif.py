"""SARIF 2.1.0 logs (GitHub code scanning), for every command that reports findings.

`check` reports diagnostics and `diff` reports changes; both say which rules exist and where
each finding is, so both build their logs here from `SarifRule`s and `SarifResult`s.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from asyncapi_ws_docs import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "https://pypi.org/project/asyncapi-ws-docs/"


@dataclass(frozen=True)
class SarifRule:
    """A rule as SARIF lists it; `level` is SARIF's word: `error`, `warning` or `note`."""

    code: str
    name: str
    summary: str
    level: str


@dataclass(frozen=True)
class SarifResult:
    """One finding: its rule, level, text and place (`line` 0: the file as a whole)."""

    code: str
    level: str
    text: str
    file: str
    line: int = 0
    column: int = 0


def sarif_log(rules: Sequence[SarifRule], results: Iterable[SarifResult]) -> dict[str, object]:
    """A SARIF 2.1.0 log of one run: every rule, and each result pointing at its rule."""
    index = {rule.code: position for position, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "asyncapi-ws-docs",
                        "version": __version__,
                        "informationUri": DOCS,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "results": [_result(result, index) for result in results],
            }
        ],
    }


def _rule(rule: SarifRule) -> dict[str, object]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "helpUri": f"{DOCS}#{rule.code.lower()}",
        "defaultConfiguration": {"level": rule.level},
    }


def _result(found: SarifResult, index: dict[str, int]) -> dict[str, object]:
    location: dict[str, object] = {"artifactLocation": {"uri": Path(found.file).as_posix()}}
    if found.line > 0:
        region = {"startLine": found.line}
        location["region"] = region | ({"startColumn": found.column} if found.column > 0 else {})
    result: dict[str, object] = {
        "level": found.level,
        "message": {"text": found.text},
        "locations": [{"physicalLocation": location}],
    }
    if found.code in index:
        result["ruleId"] = found.code
        result["ruleIndex"] = index[found.code]
    return result
