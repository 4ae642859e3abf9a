"""One project built three ways: the plugin's pages and `asyncapi-ws-docs pages` output agree.

1. MkDocs with the plugin (generated pages);
2. MkDocs with the extension only, on the pages the `pages` command wrote;
3. Zensical, on the same written pages (it runs no plugins).

The channel and overview pages compare equal in what a reader and a link rely on: headings and
their anchors, every id in the content, the handshake tables (names, types, required), the
method and binding version, the links between overview and channels, the title and the meta
description. The whole article is the same HTML too. What differs is the theme's own chrome: Zensical's
header and navigation, and a `__skip` link target it puts inside the article, which the
comparison leaves out.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from asyncapi_ws_docs.cli import main
from tests.engines.test_engines import run_engine
from tests.integration.test_build import SPEC

MARKDOWN = """\
site_name: Three ways
theme: {name: material, font: false}
markdown_extensions:
  - toc: {permalink: true}
  - tables
  - pymdownx.superfences
  - pymdownx.tabbed: {alternate_style: true}
  - asyncapi_ws_docs.markdown
"""
WITH_PLUGIN = (
    MARKDOWN
    + """\
plugins:
  - search
  - asyncapi-ws-docs:
      specs: [{path: docs/asyncapi/rt.yaml, output: ref}]
"""
)
# The configuration the `pages` command asks for: the stylesheet, and the spec folder watched.
WITHOUT_PLUGIN = MARKDOWN + "extra_css: [assets/asyncapi-ws-docs.css]\nwatch: [docs/asyncapi]\n"
PAGES = [
    "ref/index.html",
    "ref/channels/real-time-updates/index.html",
    "ref/channels/acks/index.html",
]


def project(folder: Path, config: str) -> Path:
    (folder / "docs" / "asyncapi").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Home\n")
    (folder / "docs" / "asyncapi" / "rt.yaml").write_text(SPEC)
    (folder / "mkdocs.yml").write_text(config)
    return folder


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, missing_prerequisite) -> dict[str, Path]:
    zensical = str(Path(sys.executable).with_name("zensical"))
    if shutil.which(zensical) is None:
        missing_prerequisite("zensical is not installed (pip install '.[test]')")
    plugin = project(tmp_path_factory.mktemp("plugin"), WITH_PLUGIN)
    run_engine([sys.executable, "-m", "mkdocs", "build", "--strict"], plugin)

    pages = project(tmp_path_factory.mktemp("pages"), WITHOUT_PLUGIN)
    old = Path.cwd()
    os.chdir(pages)
    try:
        assert main(["pages", "docs/asyncapi/rt.yaml", "--out", "docs/ref"]) == 0
    finally:
        os.chdir(old)
    run_engine([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site-mkdocs"], pages)
    run_engine([zensical, "build", "-c"], pages)  # into site/
    return {"plugin": plugin / "site", "pages": pages / "site-mkdocs", "zensical": pages / "site"}


#: Ids of the radio inputs of content tabs: the plugin's own and pymdownx.tabbed's.
TAB_IDS = re.compile(r"asyncapi-try(-\d+)?|__tabbed_\d+(_\d+)?")


def article(site: Path, page: str) -> BeautifulSoup:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    found = soup.select_one("article")
    assert found is not None, page
    return found


def reading(site: Path, page: str) -> dict[str, object]:
    """What a reader and a link see of a page, without the theme's chrome."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    content = article(site, page)
    description = soup.select_one('meta[name="description"]')
    return {
        "title": soup.title.get_text(strip=True) if soup.title else "",
        "description": description["content"] if description else "",
        "headings": [
            (h.name, h.get("id"), h.get_text(" ", strip=True))
            for h in content.select("h1, h2, h3, h4, h5, h6")
        ],
        "ids": [
            t["id"]
            for t in content.select("[id]")
            if t["id"] != "__skip" and not TAB_IDS.fullmatch(t["id"])
        ],
        "links": [a["href"] for a in content.select("a[href]")],
        "handshake": [
            [
                prop.select_one(".asyncapi-prop-name").get_text(strip=True),
                prop.select_one(".asyncapi-type").get_text(strip=True),
                "yes" if prop.select_one(".asyncapi-required") else "",
            ]
            for prop in content.select(
                ".asyncapi-headers li.asyncapi-prop, .asyncapi-query li.asyncapi-prop"
            )
        ],
        "facts": [
            row.get_text(" ", strip=True)
            for row in content.select(".asyncapi-handshake-facts tr, .asyncapi-badges")
        ],
    }


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("way", ["pages", "zensical"])
def test_block_pages_read_like_the_plugins_pages(
    sites: dict[str, Path], way: str, page: str
) -> None:
    assert reading(sites[way], page) == reading(sites["plugin"], page)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("way", ["pages", "zensical"])
def test_the_whole_article_is_the_same_html(sites: dict[str, Path], way: str, page: str) -> None:
    def html(site: Path) -> list[str]:
        content = article(site, page)
        for chrome in content.select("#__skip"):
            chrome.decompose()
        # A hint to search indexers, which Zensical's own search consumes and strips.
        for tag in content.select("[data-search-exclude]"):
            del tag["data-search-exclude"]
        # The plugin writes the "Try it" tab set itself, with ids of its own (`asyncapi-try-2`);
        # a block's tabs come from pymdownx.tabbed (`__tabbed_1_2`). Same markup otherwise.
        for tag in content.select("input[id], label[for], input[name]"):
            for attribute in ("id", "for", "name"):
                if tag.get(attribute) and TAB_IDS.fullmatch(tag[attribute]):
                    tag[attribute] = TAB_IDS.sub("tab", tag[attribute])
        return content.prettify().splitlines()

    ours, plugin = html(sites[way]), html(sites["plugin"])
    assert ours == plugin, "\n".join(difflib.unified_diff(plugin, ours, lineterm="", n=1))


def test_the_comparison_looks_at_what_matters(sites: dict[str, Path]) -> None:
    """The compared parts are there: an equal comparison of empty lists would prove nothing."""
    channel = reading(sites["zensical"], PAGES[1])
    assert ("h1", "realtimeupdates", "realTimeUpdates ¶") in channel["headings"]
    assert ["Authorization", "string", "yes"] in channel["handshake"]
    assert ["clientId", "string (uuid)", ""] in channel["handshake"]
    assert "HTTP method GET" in channel["facts"]
    assert "Binding version 0.1.0" in channel["facts"]
    assert "../../" in channel["links"]  # back to the overview
    assert "../acks/#message-ack" in channel["links"]  # the reply's message on its channel
    overview = reading(sites["zensical"], PAGES[0])
    assert "channels/real-time-updates/" in overview["links"]
    assert "../asyncapi/rt.yaml" in overview["links"]  # the download
    assert overview["description"] == "Live data with a `|` pipe."


def test_zensical_styles_the_block_pages(sites: dict[str, Path]) -> None:
    page = (sites["zensical"] / PAGES[1]).read_text(encoding="utf-8")
    assert 'href="../../../assets/asyncapi-ws-docs.css"' in page
    assert (sites["zensical"] / "assets" / "asyncapi-ws-docs.css").is_file()
