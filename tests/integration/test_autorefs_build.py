"""Cross-references with mkdocs-autorefs, in real builds: every identifier lands on its anchor.

A page the team writes links `[the prices][rt:prices]`; autorefs turns it into a link to the
channel page, and the anchor it names must be on that page. The plugins may be listed in either
order. Without autorefs the pages do not change.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import SiteBuilder


EXAMPLES = REPO_ROOT / "docs" / "asyncapi"
SPECS = {
    "realtime.yaml": (EXAMPLES / "realtime.yaml").read_text(encoding="utf-8"),
    "chat.yaml": (EXAMPLES / "chat.yaml").read_text(encoding="utf-8"),
    "common/schemas.yaml": (EXAMPLES / "common" / "schemas.yaml").read_text(encoding="utf-8"),
}

# Identifier -> (the channel page it lands on, the anchor there).
EXPECTED = {
    "rt:prices": ("rt/channels/prices/", "channel"),
    "rt:realTimeUpdates": ("rt/channels/real-time-updates/", "channel"),
    "rt:prices:priceTick": ("rt/channels/prices/", "message-price-tick"),
    "rt:operation:sendPrices": ("rt/channels/prices/", "operation-send-prices"),
    # AsyncAPI 2.x: a channel's id is its address.
    "chat:/presence": ("chat/channels/presence/", "channel"),
    "chat:/rooms/{roomId}": ("chat/channels/rooms-room-id/", "channel"),
    "chat:/presence:setStatus": ("chat/channels/presence/", "message-set-status"),
    "chat:operation:sendPresence": ("chat/channels/presence/", "operation-send-presence"),
    # Channel ids found in one spec only work unqualified too.
    "realTimeUpdates": ("rt/channels/real-time-updates/", "channel"),
    "prices:orderBookSnapshot": ("rt/channels/prices/", "message-order-book-snapshot"),
}

# The examples' sandbox is plain `ws://` on purpose: its advice (AWD501) is left out.
OURS = (
    "  - asyncapi-ws-docs:\n      ignore: [AWD501]\n"
    "      specs:\n        - {path: realtime.yaml, output: rt}\n"
)
OURS_BOTH = OURS + "        - {path: chat.yaml, output: chat}\n"


def config(plugins: str) -> str:
    return (
        "site_name: Test\ntheme: {name: material, font: false}\n"
        "markdown_extensions: [toc, tables, attr_list, md_in_html, pymdownx.superfences]\n"
        f"plugins:\n  - search\n{plugins}"
    )


def references_page(identifiers: list[str]) -> str:
    links = "\n".join(f"- [{name}][{name}]" for name in identifiers)
    return f"# Links\n\n{links}\n"


def resolved_links(site: Path, page: str) -> dict[str, str]:
    """Each link's text to its URL relative to the site root, on one built page."""
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    base = f"/{page}/"
    return {
        a.get_text(): urljoin(base, str(a["href"])).lstrip("/")
        for a in soup.select("article a.autorefs")
    }


def has_anchor(site: Path, page: str, anchor: str) -> bool:
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.find(id=anchor) is not None


@pytest.mark.parametrize("autorefs_first", [True, False], ids=["autorefs-first", "ours-first"])
def test_every_identifier_lands_on_its_anchor_in_either_plugin_order(
    build_site: SiteBuilder, autorefs_first: bool
) -> None:
    plugins = "  - autorefs\n" + OURS_BOTH if autorefs_first else OURS_BOTH + "  - autorefs\n"
    site = build_site(
        config(plugins),
        {**SPECS, "docs/links.md": references_page(list(EXPECTED))},
        strict=True,
    )

    links = resolved_links(site, "links")
    assert set(links) == set(EXPECTED)
    for identifier, (page, anchor) in EXPECTED.items():
        assert links[identifier] == f"{page}#{anchor}", identifier
        assert has_anchor(site, page.rstrip("/"), anchor), f"{identifier}: no #{anchor} on {page}"


def test_each_page_shows_its_identifiers_for_copying(build_site: SiteBuilder) -> None:
    site = build_site(config(OURS + "  - autorefs\n"), SPECS, strict=True)

    page = BeautifulSoup(
        (site / "rt/channels/prices/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    shown = [code.get_text() for code in page.select("code.asyncapi-xref")]
    assert shown[0] == "rt:prices"
    assert {"rt:prices:priceTick", "rt:operation:sendPrices"} <= set(shown)
    assert all(code["title"] for code in page.select("code.asyncapi-xref"))


def test_a_channel_id_in_two_specs_works_only_qualified(
    build_site: SiteBuilder, caplog: pytest.LogCaptureFixture
) -> None:
    twice = OURS + "        - {path: realtime.yaml, output: rt2}\n  - autorefs\n"
    site = build_site(
        config(twice),
        {**SPECS, "docs/links.md": references_page(["rt2:prices:priceTick", "prices:priceTick"])},
    )

    assert resolved_links(site, "links") == {
        "rt2:prices:priceTick": "rt2/channels/prices/#message-price-tick"
    }
    unresolved = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("'prices:priceTick'" in message for message in unresolved)


def test_without_autorefs_the_pages_show_no_identifiers(build_site: SiteBuilder) -> None:
    site = build_site(config(OURS), SPECS, strict=True)

    html = (site / "rt/channels/prices/index.html").read_text(encoding="utf-8")
    assert "asyncapi-xref" not in html


def test_mkdocstrings_brings_autorefs_and_the_identifiers_with_it(build_site: SiteBuilder) -> None:
    # mkdocstrings adds autorefs to `config.plugins` in its own `on_config`, after ours.
    site = build_site(
        config(OURS + "  - mkdocstrings\n"),
        {**SPECS, "docs/links.md": references_page(["rt:prices", "prices:priceTick"])},
        strict=True,
    )

    assert resolved_links(site, "links") == {
        "rt:prices": "rt/channels/prices/#channel",
        "prices:priceTick": "rt/channels/prices/#message-price-tick",
    }
