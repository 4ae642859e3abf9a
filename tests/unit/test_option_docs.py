"""Every plugin option is documented where users look for it: the README's option table and a
section of its own in docs/configuration.md (the table there links to that section)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from asyncapi_ws_docs.site.config import PluginConfig

REPO = Path(__file__).parents[2]
OPTIONS = [name for name, _ in PluginConfig._schema]


@pytest.mark.parametrize("option", OPTIONS)
def test_the_readme_option_table_lists_every_option(option: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| `{option}` \|", readme, re.MULTILINE), f"README lacks `{option}`"


@pytest.mark.parametrize("option", OPTIONS)
def test_the_configuration_page_has_a_section_per_option(option: str) -> None:
    page = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert f"\n## `{option}`\n" in page
    assert f"[`{option}`](#{option})" in page
