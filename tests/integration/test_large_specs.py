"""Large specs: channel pages grouped in the navigation, and pages as fast as hand-written ones."""

from __future__ import annotations

import json
import posixpath
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

if TYPE_CHECKING:
    from pathlib import Path

AREAS = ("market", "orders", "account")
SYMBOLS = ("btcusd", "ethusd", "solusd", "adausd")
STREAMS = ("trades", "book", "ticker", "candles", "fills")


def large_spec() -> str:
    """An AsyncAPI 2.6 document with 60 channels, `/v1/<area>/<symbol>/<stream>`."""
    channels = {
        f"/v1/{area}/{symbol}/{stream}": {
            "description": f"The {stream} of {symbol} ({area}).",
            "bindings": {
                "ws": {"query": {"type": "object", "properties": {"depth": {"type": "integer"}}}}
            },
            "subscribe": {
                "message": {"payload": {"type": "object", "properties": {"p": {"type": "number"}}}}
            },
        }
        for area in AREAS
        for symbol in SYMBOLS
        for stream in STREAMS
    }
    spec = {
        "asyncapi": "2.6.0",
        "info": {"title": "Streams", "version": "1.0.0"},
        "servers": {"production": {"url": "wss://stream.example.com", "protocol": "wss"}},
        "channels": channels,
    }
    return yaml.safe_dump(spec, sort_keys=False)


FILES = {"asyncapi/streams.yaml": large_spec()}


def config(options: str = "", theme: str = "material") -> str:
    return (
        f"site_name: Large\ntheme: {{name: {theme}}}\n"
        "plugins:\n  - search\n  - asyncapi-ws-docs:\n"
        f"      specs: [asyncapi/streams.yaml]\n{options}"
    )


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


CHANNEL = "streams/channels/v1-market-btcusd-trades/index.html"


def channel_links(soup: BeautifulSoup) -> set[str]:
    nav = soup.select_one(".md-nav--primary")
    assert nav is not None
    return {a["href"] for a in nav.select("a[href]") if "v1-" in a["href"]}


def test_a_large_spec_has_its_channel_pages_grouped_by_address(build_site) -> None:
    site = build_site(config("      nav_group_size: 10\n"), FILES, strict=True)
    soup = page(site, CHANNEL)
    titles = [
        label.get_text(" ", strip=True) for label in soup.select(".md-nav--primary .md-nav__link")
    ]
    for section in ("market", "orders", "account", "btcusd"):
        assert section in titles
    # Pruned: the page carries its own group's pages and one link per closed section, not 60.
    links = channel_links(soup)
    assert "../v1-market-btcusd-book/" in links
    assert len(links) < 20
    assert soup.select(".md-nav__item--pruned")


def test_grouping_keeps_every_page_searchable_and_in_reading_order(build_site) -> None:
    site = build_site(
        config("      nav_group_size: 10\n").replace(
            "theme: {name: material}", "theme: {name: material, features: [navigation.footer]}"
        ),
        FILES,
        strict=True,
    )
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert sum(1 for location in pages if "/channels/" in location) == 60
    # Following "next" from the overview visits every channel page once, group by group.
    visited: list[str] = []
    current = "streams/"
    while link := page(site, current + "index.html").select_one("a.md-footer__link--next"):
        current = posixpath.normpath(posixpath.join(current, link["href"])) + "/"
        visited.append(current)
    assert len(visited) == len(set(visited)) == 60
    assert visited[:2] == [
        "streams/channels/v1-account-adausd-book/",
        "streams/channels/v1-account-adausd-candles/",
    ]


def test_a_spec_within_the_group_size_keeps_one_flat_section(build_site) -> None:
    site = build_site(config(), FILES, strict=True)  # 60 channels, default size 50: grouped
    assert len(channel_links(page(site, CHANNEL))) < 30
    site = build_site(config("      nav_group_size: 0\n"), FILES, strict=True)
    soup = page(site, CHANNEL)
    assert len(channel_links(soup)) == 59  # and the page itself, linked as "./"
    assert not soup.select(".md-nav__item--pruned")


def test_prune_can_be_left_off(build_site) -> None:
    site = build_site(
        config("      nav_group_size: 10\n      nav_prune: false\n"), FILES, strict=True
    )
    soup = page(site, CHANNEL)
    assert not soup.select(".md-nav__item--pruned")
    assert len(channel_links(soup)) == 59  # and the page itself, linked as "./"


def test_other_themes_get_the_groups_without_material_features(build_site) -> None:
    site = build_site(config("      nav_group_size: 10\n", theme="mkdocs"), FILES, strict=True)
    text = page(site, CHANNEL).get_text(" ", strip=True)
    assert "market" in text
    assert "btcusd" in text


def test_section_titles_from_addresses_are_text_not_html(build_site) -> None:
    spec = yaml.safe_load(large_spec())
    spec["channels"] = {
        f"/<b>x</b>/{index}/{leaf}": {"subscribe": {"message": {"payload": {"type": "string"}}}}
        for index in range(3)
        for leaf in ("a", "b")
    }
    site = build_site(
        config("      nav_group_size: 2\n"),
        {"asyncapi/streams.yaml": yaml.safe_dump(spec)},
        strict=True,
    )
    html = (site / "streams/index.html").read_text(encoding="utf-8")
    assert "<b>x</b>" not in html.split('class="md-content"')[0]


# -- the same HTML as hand-written pages --------------------------------------------------------

SITE_SPECS = [
    "docs/asyncapi/realtime.yaml",
    "docs/asyncapi/chat.yaml",
    "tests/data/injection/asyncapi.yaml",
]


def _site_config(repo_root: Path, *, plugin: bool, nav: list[Any] | None = None) -> dict[str, Any]:
    site = yaml.safe_load((repo_root / "mkdocs.yml").read_text(encoding="utf-8"))
    site.pop("nav")
    site["markdown_extensions"] = [
        e for e in site["markdown_extensions"] if e != "asyncapi_ws_docs.markdown"
    ]
    specs = [
        {"path": str(repo_root / path), "output": f"ref/{index}"}
        for index, path in enumerate(SITE_SPECS)
    ]
    site["plugins"] = (
        [
            "search",
            {
                "asyncapi-ws-docs": {
                    "specs": specs,
                    "cache_dir": "",
                    "allowed_roots": [str(repo_root)],
                }
            },
        ]
        if plugin
        else ["search"]
    )
    site["validation"] = {"nav": {"omitted_files": "info"}, "links": {"unrecognized_links": "info"}}
    if not plugin:
        site["extra_css"] = ["assets/asyncapi-ws-docs.css"]
        site["extra_javascript"] = ["assets/asyncapi-ws-console.js"]
    if nav is not None:
        site["nav"] = nav
    return site


@pytest.mark.parametrize("sanitize", [True, False])
def test_pages_built_by_the_plugin_equal_the_same_markdown_built_by_hand(
    tmp_path: Path, repo_root: Path, mkdocs_build, sanitize: bool
) -> None:
    """The plugin converts its pages with their HTML blocks set aside: the HTML must not change."""
    plugin_project = tmp_path / "plugin"
    (plugin_project / "docs").mkdir(parents=True)
    (plugin_project / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    settings = _site_config(repo_root, plugin=True)
    settings["plugins"][1]["asyncapi-ws-docs"]["sanitize_html"] = sanitize
    (plugin_project / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")

    # What the plugin generates, with each page's Markdown whole.
    config = load_config(str(plugin_project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    plugin = config.plugins["asyncapi-ws-docs"]
    hand_written = tmp_path / "by-hand"
    for file in files:
        if file.generated_by:
            target = hand_written / "docs" / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(
                plugin.full_markdown(file).encode()
                if file.is_documentation_page()
                else file.content_bytes
            )
            assert "<!--asyncapi-ws-docs:" not in target.read_text(
                encoding="utf-8", errors="replace"
            )
    (hand_written / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (hand_written / "mkdocs.yml").write_text(
        yaml.safe_dump(_site_config(repo_root, plugin=False)), encoding="utf-8"
    )

    built = mkdocs_build(plugin_project / "mkdocs.yml", tmp_path / "site-plugin")
    by_hand = mkdocs_build(hand_written / "mkdocs.yml", tmp_path / "site-by-hand")
    pages = sorted(path.relative_to(built) for path in built.rglob("*.html"))
    assert len(pages) > 8
    assert pages == sorted(path.relative_to(by_hand) for path in by_hand.rglob("*.html"))
    for path in pages:
        assert (built / path).read_text(encoding="utf-8") == (by_hand / path).read_text(
            encoding="utf-8"
        ), path
    # The same entries; their order follows the order MkDocs built the pages in. The plugin
    # puts the "Try it" snippets in after the search plugin read the page (they are the same
    # on every channel, so noise to a search): that section's entry is there, without text.
    assert _search_entries(built) == _search_entries(by_hand, without_text="#try-it")


def _search_entries(site: Path, *, without_text: str = "") -> list[str]:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    if without_text:
        docs = [
            {**doc, "text": ""} if doc["location"].endswith(without_text) else doc for doc in docs
        ]
    return sorted(json.dumps(doc, sort_keys=True) for doc in docs)
