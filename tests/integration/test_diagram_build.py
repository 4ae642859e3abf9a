"""The message-flow diagram in real MkDocs builds: links that land, options that hold."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from tests.conftest import CORPUS_DIR

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import SiteBuilder

KRAKEN = "spec-examples__kraken-websocket-request-reply-multiple-channels-asyncapi.yml"
SLACK_RTM = "spec-examples__slack-rtm.yml"
ECHO = "generator-ws-fixtures__asyncapi-postman-echo.yml"


def corpus(name: str) -> str:
    path = CORPUS_DIR / name
    if not path.is_file():
        pytest.skip(f"the spec corpus is missing: {path}")
    return path.read_text(encoding="utf-8")


# Material's documented Mermaid set-up: superfences turns ```mermaid into <pre class="mermaid">.
MERMAID_FENCE = (
    "  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n"
    "          class: mermaid\n"
    "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
)


def config(
    specs: str,
    *,
    diagram: str = "",
    extra: str = "",
    superfences: str = "  - pymdownx.superfences\n",
) -> str:
    option = f"      diagram: {diagram}\n" if diagram else ""
    return (
        "site_name: Test\ntheme: {name: material, font: false}\n"
        f"markdown_extensions:\n  - toc\n  - tables\n  - md_in_html\n{superfences}"
        f"{extra}"
        "plugins:\n  - search\n  - asyncapi-ws-docs:\n"
        f"      specs: {specs}\n{option}"
    )


def pages(site: Path, folder: str) -> dict[str, BeautifulSoup]:
    return {
        path.parent.name: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted((site / folder / "channels").glob("*/index.html"))
    }


def test_every_diagram_link_points_at_an_anchor_on_its_page(build_site: SiteBuilder) -> None:
    site = build_site(
        config("[{path: kraken.yaml, output: kraken}, {path: slack.yaml, output: slack}]"),
        {"kraken.yaml": corpus(KRAKEN), "slack.yaml": corpus(SLACK_RTM)},
    )

    checked = 0
    for folder in ("kraken", "slack"):
        for name, soup in pages(site, folder).items():
            diagram = soup.select_one(".asyncapi-diagram svg")
            assert diagram is not None, f"{folder}/{name} has no diagram"
            for link in diagram.find_all("a"):
                anchor = str(link["xlink:href"]).removeprefix("#")
                assert soup.find(id=anchor) is not None, f"{folder}/{name}: #{anchor} is missing"
                checked += 1
    assert checked > 20  # kraken's 7 channels and the RTM channel's first rows


def test_the_diagram_comes_first_after_the_description_as_well_formed_svg(
    build_site: SiteBuilder,
) -> None:
    site = build_site(config("[{path: echo.yaml, output: echo}]"), {"echo.yaml": corpus(ECHO)})
    html = (site / "echo" / "channels" / "echo" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")

    diagram = soup.select_one(".asyncapi-diagram")
    assert diagram is not None
    following = diagram.find_next(["h2", "details"])
    assert following is not None
    assert following.name == "details"  # the Mermaid source, then the handshake
    assert following.find_next("h2").get_text().startswith("Handshake")
    start = html.index("<svg")
    ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])  # noqa: S314
    source = following.select_one("pre code")
    assert source is not None
    assert source.get_text().startswith("sequenceDiagram\n")


def test_the_overview_shows_each_channels_flow_in_one_line(build_site: SiteBuilder) -> None:
    site = build_site(config("[{path: echo.yaml, output: echo}]"), {"echo.yaml": corpus(ECHO)})
    overview = BeautifulSoup((site / "echo" / "index.html").read_text("utf-8"), "html.parser")

    table = next(t for t in overview.select("table") if "Flow" in t.thead.get_text())
    row = table.select("tbody tr")[0]

    assert row.find_all("td")[-1].get_text() == (
        "client → 1 kind · server → 1 kind · 1 request/reply"
    )


def test_diagram_mermaid_emits_a_mermaid_block_instead(build_site: SiteBuilder) -> None:
    site = build_site(
        config("[{path: echo.yaml, output: echo}]", diagram="mermaid", superfences=MERMAID_FENCE),
        {"echo.yaml": corpus(ECHO)},
    )
    soup = pages(site, "echo")["echo"]

    assert soup.select_one(".asyncapi-diagram") is None
    code = soup.select_one("pre.mermaid")
    assert code is not None
    assert "client->>server: echo" in code.get_text()


def test_diagram_false_leaves_it_out(build_site: SiteBuilder) -> None:
    site = build_site(
        config("[{path: echo.yaml, output: echo}]", diagram="false"), {"echo.yaml": corpus(ECHO)}
    )
    soup = pages(site, "echo")["echo"]

    assert soup.select_one(".asyncapi-diagram") is None
    assert "sequenceDiagram" not in str(soup)


def test_an_unknown_diagram_option_stops_the_build_with_a_hint(build_site: SiteBuilder) -> None:
    with pytest.raises(Abort):
        build_site(
            config("[{path: echo.yaml, output: echo}]", diagram="png"),
            {"echo.yaml": corpus(ECHO)},
        )


def test_two_embedded_diagrams_on_one_page_keep_their_ids_apart(build_site: SiteBuilder) -> None:
    blocks = "".join(
        f"```asyncapi-ws\nspec: kraken.yaml\nchannel: {channel}\nshow: diagram\n```\n\n"
        for channel in ("ping", "pong")
    )
    site = build_site(
        # The spec's own example mismatches (AWD401) are real, and not what this test is about.
        config("[{path: kraken.yaml, output: kraken}]", extra="  - asyncapi_ws_docs.markdown\n")
        + "      ignore: [AWD401]\n",
        {"kraken.yaml": corpus(KRAKEN), "docs/flows.md": f"# Flows\n\n{blocks}"},
        strict=True,
    )
    soup = BeautifulSoup((site / "flows" / "index.html").read_text("utf-8"), "html.parser")

    diagrams = soup.select(".asyncapi-diagram svg")
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(diagrams) == 2
    assert len(ids) == len(set(ids))
    for svg in diagrams:
        assert soup.find(id=svg["aria-labelledby"]).name == "title"
        assert soup.find(id=svg["aria-describedby"]).name == "desc"
        assert svg.find("a") is None  # no message sections beside a diagram alone


def test_materials_search_leaves_the_diagram_out(build_site: SiteBuilder) -> None:
    site = build_site(config("[{path: echo.yaml, output: echo}]"), {"echo.yaml": corpus(ECHO)})

    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")

    assert "Switching Protocols" not in index
    assert "sequenceDiagram" not in index
    assert "A message exchanged with the echo server" in index  # the message's own section
