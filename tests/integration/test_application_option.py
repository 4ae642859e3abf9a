"""Real builds of a client-side spec: read the right way round, or put right by `application`.

The option is given where users give options: on the plugin's spec entry, on an `asyncapi-ws`
block, and to `asyncapi-ws-docs pages`. Every part of a channel page then agrees on who sends
what: the diagram's note, the console's Example picker, the Operations table.
"""

from __future__ import annotations

import html
import json
import logging
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from asyncapi_ws_docs.cli import main
from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from pathlib import Path

CLIENT_SIDE = (REPO_ROOT / "tests" / "data" / "conversation" / "client-side.yaml").read_text(
    encoding="utf-8"
)
CHANNEL = "market/channels/prices/index.html"


def config(entry: str = "") -> str:
    return (
        "site_name: Test\ntheme: {name: material, font: false}\n"
        "markdown_extensions:\n  - pymdownx.superfences\n  - asyncapi_ws_docs.markdown\n"
        "plugins:\n  - search\n  - asyncapi-ws-docs:\n"
        f"      specs: [{{path: asyncapi/market.yaml, output: market{entry}}}]\n"
    )


def page_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def offered(soup: BeautifulSoup, index: int = 0) -> list[str]:
    """The message keys the console's Example picker offers."""
    consoles = soup.select("[data-asyncapi-console]")
    data = json.loads(str(consoles[index]["data-asyncapi-console"]))
    return [m["message"]["key"] for m in data["messages"]]


def diagram_note(soup: BeautifulSoup) -> str:
    return " ".join(html.unescape(soup.select_one(".asyncapi-diagram").get_text()).split())


def operations_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("#operations").find_next("table").get_text().split())


def test_a_client_side_spec_is_read_as_the_client_everywhere_on_its_page(build_site) -> None:
    site = build_site(config(), {"asyncapi/market.yaml": CLIENT_SIDE}, strict=True)
    soup = page_of(site, CHANNEL)

    assert offered(soup) == ["subscribe"]
    assert "This document describes the client (it sends requests" in diagram_note(soup)
    assert "sends to the server (send) subscribeToPrices" in operations_text(soup)
    assert "receives from the server (receive) onTick" in operations_text(soup)


def test_a_spec_entry_says_which_end_the_spec_describes(build_site) -> None:
    site = build_site(
        config(", application: server"), {"asyncapi/market.yaml": CLIENT_SIDE}, strict=True
    )
    soup = page_of(site, CHANNEL)

    assert offered(soup) == ["subscribed", "tick", "heartbeat"]
    assert "describes the server (the `application: server` option says so)" in diagram_note(soup)
    assert "sends to the client (send) subscribeToPrices" in operations_text(soup)
    overview = page_of(site, "market/index.html").get_text()
    assert "client → 3 kinds · server → 1 kind · 1 request/reply" in overview


def test_an_entry_naming_no_end_is_a_configuration_error_with_the_choices(
    build_site, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        build_site(config(", application: browser"), {"asyncapi/market.yaml": CLIENT_SIDE})
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any(
        "`specs[0]`: `application: browser` is not one of server, client" in e for e in errors
    ), errors


def block(options: str) -> str:
    return f"```asyncapi-ws\n{options}\n```\n"


def test_a_block_says_which_end_the_spec_describes(build_site) -> None:
    text = (
        "# Guide\n\n"
        + block("spec: asyncapi/market.yaml\nchannel: prices")
        + "\n"
        + block("spec: asyncapi/market.yaml\nchannel: prices\napplication: server")
    )
    site = build_site(
        config(), {"asyncapi/market.yaml": CLIENT_SIDE, "docs/guide.md": text}, strict=True
    )
    soup = page_of(site, "guide/index.html")

    assert offered(soup, 0) == ["subscribe"]
    assert offered(soup, 1) == ["subscribed", "tick", "heartbeat"]


def test_a_block_naming_no_end_names_the_page_and_line(
    build_site, caplog: pytest.LogCaptureFixture
) -> None:
    text = "# Guide\n\n" + block("spec: asyncapi/market.yaml\nchannel: prices\napplication: both")
    build_site(config(), {"asyncapi/market.yaml": CLIENT_SIDE, "docs/guide.md": text})
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        w.startswith("guide.md:3: asyncapi-ws block: `application: both` is not one of")
        for w in warnings
    ), warnings


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "asyncapi").mkdir()
    (tmp_path / "asyncapi" / "market.yaml").write_text(CLIENT_SIDE)
    (tmp_path / "mkdocs.yml").write_text(config())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_pages_command_writes_the_application_into_its_blocks(project: Path) -> None:
    channel = project / "docs" / "ref" / "channels" / "prices.md"

    assert main(["pages", "asyncapi/market.yaml", "--out", "docs/ref"]) == 0
    assert "application:" not in channel.read_text()

    assert (
        main(["pages", "asyncapi/market.yaml", "--out", "docs/ref", "--application", "server"]) == 0
    )
    assert "application: server\n" in channel.read_text()


def test_the_pages_command_follows_the_entry_in_mkdocs_yml(project: Path) -> None:
    (project / "mkdocs.yml").write_text(config(", application: server"))

    assert main(["pages", "asyncapi/market.yaml", "--out", "docs/ref"]) == 0

    assert "application: server\n" in (project / "docs/ref/channels/prices.md").read_text()


def test_the_pages_command_refuses_an_application_naming_no_end(project: Path, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["pages", "asyncapi/market.yaml", "--out", "docs/ref", "--application", "both"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "argument --application: invalid choice: 'both'" in error
    assert "client" in error.rsplit("invalid choice", 1)[1]
