"""The change rules and the `diff` options are documented where users look: docs/changes.md.

The rules table there is `CHANGE_RULES` written out, row for row: a rule added, renamed or
given another severity fails here until the page says so too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from asyncapi_ws_docs import cli
from asyncapi_ws_docs.changes import CHANGE_RULES

REPO = Path(__file__).parents[2]
PAGE = (REPO / "docs" / "changes.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", list(CHANGE_RULES))
def test_every_rule_has_its_row(code: str) -> None:
    rule = CHANGE_RULES[code]
    row = f"| `{rule.code}` | `{rule.name}` | {rule.severity} | {rule.summary} |"
    assert row in PAGE.splitlines()


def test_the_page_lists_no_rule_that_is_not_there() -> None:
    rows = re.findall(r"^\| `(AWD\d+)` \|", PAGE, re.MULTILINE)
    assert rows == list(CHANGE_RULES)


def diff_options() -> list[str]:
    commands = next(action for action in cli._parser()._actions if action.dest == "command")
    parser = commands.choices["diff"]  # type: ignore[index]
    return [
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]


@pytest.mark.parametrize("option", diff_options())
def test_every_option_is_in_the_options_table(option: str) -> None:
    assert re.search(rf"^\| `{option}[ `]", PAGE, re.MULTILINE), option


def test_the_page_is_in_the_navigation_and_the_readme() -> None:
    assert "changes.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "`asyncapi-ws-docs diff OLD NEW" in readme
