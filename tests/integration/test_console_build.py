"""Real MkDocs builds with the live console: on by default, off by option, per spec, in blocks."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

from tests.integration.test_build import FILES, SPEC

if TYPE_CHECKING:
    from pathlib import Path

SCRIPT = "assets/asyncapi-ws-console.js"
CHANNEL = "ref/channels/real-time-updates/index.html"


def config(
    plugin_options: str = "", *, specs: str = "[{path: asyncapi/rt.yaml, output: ref}]"
) -> str:
    return (
        "site_name: Test\ntheme: {name: material, font: false}\n"
        "markdown_extensions:\n  - pymdownx.superfences\n  - asyncapi_ws_docs.markdown\n"
        f"plugins:\n  - search\n  - asyncapi-ws-docs:\n      specs: {specs}\n{plugin_options}"
    )


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def scripts(site: Path, page: str) -> list[str]:
    return [str(s.get("src", "")) for s in soup(site, page).select("script[src]")]


def test_every_channel_page_has_a_console_and_the_site_its_script(build_site) -> None:
    site = build_site(config(), FILES, strict=True)
    section = soup(site, CHANNEL).select_one("[data-asyncapi-console]")
    assert section is not None
    data = json.loads(str(section["data-asyncapi-console"]))
    assert data["servers"][0]["url"] == "wss://api.example.com/v1/updates"
    assert [h["name"] for h in data["headers"]] == ["Authorization"]
    assert "needs JavaScript" in section.get_text()
    assert (site / SCRIPT).read_text(encoding="utf-8").startswith("/* asyncapi-ws-docs")
    assert any(src.endswith(SCRIPT) for src in scripts(site, CHANNEL))
    assert soup(site, CHANNEL).select_one("#live-console") is not None  # in the contents


def test_console_false_leaves_out_the_section_and_the_script(build_site) -> None:
    site = build_site(config("      console: false\n"), FILES, strict=True)
    assert soup(site, CHANNEL).select_one("[data-asyncapi-console]") is None
    assert not (site / SCRIPT).exists()
    assert not any(src.endswith(SCRIPT) for src in scripts(site, CHANNEL))


def test_a_spec_entry_overrides_the_site_setting(build_site) -> None:
    other = SPEC.replace("title: Realtime", "title: Other")
    specs = (
        "[{path: asyncapi/rt.yaml, output: ref, console: true},"
        " {path: asyncapi/other.yaml, output: other}]"
    )
    site = build_site(
        config("      console: false\n", specs=specs),
        {**FILES, "asyncapi/other.yaml": other},
        strict=True,
    )
    assert soup(site, CHANNEL).select_one("[data-asyncapi-console]") is not None
    other_page = "other/channels/real-time-updates/index.html"
    assert soup(site, other_page).select_one("[data-asyncapi-console]") is None
    assert (site / SCRIPT).is_file()


def test_blocks_show_the_console_alone_or_leave_it_out(build_site) -> None:
    page = (
        "# Try\n\n```asyncapi-ws\nspec: asyncapi/rt.yaml\nchannel: realTimeUpdates\n"
        "show: console\n```\n\n```asyncapi-ws\nspec: asyncapi/rt.yaml\n"
        "channel: realTimeUpdates\nconsole: false\n```\n"
    )
    site = build_site(config(), {**FILES, "docs/try.md": page}, strict=True)
    sections = soup(site, "try/index.html").select("[data-asyncapi-console]")
    assert len(sections) == 1
    assert str(sections[0]["id"]) == "rt-real-time-updates-console"
    data = json.loads(str(sections[0]["data-asyncapi-console"]))
    # Alone on the page, the console links to no message section (there is none).
    assert all(m["message"]["anchor"] == "" for m in data["messages"])
