"""Property tables read on every screen: nothing scrolls sideways, every value is in view.

The sites here hold every document of the corpus (``../shared/corpus``) and a spec written to
be wide (``tests/data/wide/speech.yaml``: 30 query parameters, long descriptions, enumerations
of 30+ values, long UUID, URL and JSON examples, payloads nested four levels deep). Their
channel pages are opened at a desktop's width (1280 px) and a phone's (390 px):

- no element of the page's content is wider inside than its box (``scrollWidth`` above
  ``clientWidth``), and neither is the page itself. Code blocks may scroll, and so may
  Material's strip of content-tab labels, a scroller by design (with its own arrows) that
  on a phone also reaches to the screen's edges past its tab set;
- every allowed value and example of every parameter, once its lists are opened, lies within
  the viewport's width;
- a long list shows its first values and "and N more", which opens on a click, with no script.

The same holds under MkDocs' own theme, and for a piece embedded in a page with the
``asyncapi-ws`` block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.server import LoopbackSite
from tests.conftest import CORPUS_DIR, REPO_ROOT

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

WIDE_SPEC = REPO_ROOT / "tests" / "data" / "wide" / "speech.yaml"
WIDE_PAGE = "wide/channels/listen/"
EMBED_PAGE = "embedded/"
WIDTHS = {"desktop": 1280, "phone": 390}
HEIGHT = 900

CORPUS = (
    sorted(p.name for p in CORPUS_DIR.glob("*") if p.suffix in {".yaml", ".yml", ".json"})
    if CORPUS_DIR.is_dir()
    else []
)

EMBED_MARKDOWN = """\
# Embedded

```asyncapi-ws
spec: {spec}
channel: listen
show: channel
```
"""

#: Every element of the page's content that is wider inside than its box, and the page itself.
#: Elements inside code blocks are left out, and Material's content-tab label strip (with the
#: tab set, which the strip overhangs on purpose on a phone), the parts of an SVG figure and
#: form fields.
OVERFLOWING_JS = """() => {
    const found = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
        found.push(`the page: ${root.scrollWidth}px wide in ${root.clientWidth}px`);
    }
    const content = document.querySelector("article, [role=main]");
    for (const el of content.querySelectorAll("*")) {
        if (el.closest("pre, .highlight, .tabbed-labels") || el.matches(".tabbed-set")) continue;
        // Inside an SVG nothing scrolls (the figure's own box is checked), and a form field
        // scrolls its own text by design: a URL longer than its field is still all there.
        if (el.closest("svg") && !el.matches("svg")) continue;
        if (el.matches("input, textarea, select")) continue;
        if (el.scrollWidth > el.clientWidth && el.clientWidth > 0) {
            const name = el.tagName.toLowerCase() + (el.className ? "." + el.className : "");
            found.push(`${name}: ${el.scrollWidth}px wide in ${el.clientWidth}px: `
                + (el.textContent || "").trim().slice(0, 60));
        }
    }
    return found;
}"""

#: What is wider inside than its box in and under one element (the overview's servers table).
OVERFLOWING_IN_JS = """(box) => [box, ...box.querySelectorAll("*")]
    .filter((el) => el.scrollWidth > el.clientWidth && el.clientWidth > 0)
    .map((el) => `${el.tagName.toLowerCase()}: ${el.scrollWidth}px wide in ${el.clientWidth}px`)
"""

#: The values shown in the facts of every property (open lists included) that do not lie
#: within the viewport's width, or take no room at all.
VALUES_OUT_OF_VIEW_JS = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    const values = document.querySelectorAll(".asyncapi-props dl.asyncapi-facts dd code");
    for (const code of values) {
        for (const box of code.getClientRects()) {
            if (box.left < 0 || box.right > width + 0.5 || box.width === 0) {
                out.push(`${code.textContent} (${Math.round(box.left)}..${Math.round(box.right)})`);
            }
        }
    }
    return {count: values.length, out};
}"""

OPEN_EVERY_DETAILS_JS = """() => {
    for (const details of document.querySelectorAll("article details, [role=main] details")) {
        details.open = true;
    }
}"""


def _mkdocs_yml(theme: str, specs: list[tuple[Path, str]]) -> str:
    listed = "".join(
        f"        - path: {path}\n          output: {output}\n" for path, output in specs
    )
    return (
        f"site_name: Tables\ntheme:\n  name: {theme}\n"
        + ("  font: false\n  features: [content.code.copy]\n" if theme == "material" else "")
        + "markdown_extensions:\n  - admonition\n  - attr_list\n  - md_in_html\n  - tables\n"
        "  - pymdownx.highlight\n  - pymdownx.superfences\n  - pymdownx.details\n"
        "  - pymdownx.tabbed:\n      alternate_style: true\n  - asyncapi_ws_docs.markdown\n"
        f"plugins:\n  - search\n  - asyncapi-ws-docs:\n      allowed_roots: [{CORPUS_DIR}]\n"
        f"      specs:\n{listed}"
    )


def _build(
    tmp_path_factory: pytest.TempPathFactory,
    mkdocs_build: Callable[..., Path],
    theme: str,
    specs: list[tuple[Path, str]],
) -> Path:
    project = tmp_path_factory.mktemp(f"tables-{theme}")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Tables\n", encoding="utf-8")
    (project / "docs" / "embedded.md").write_text(
        EMBED_MARKDOWN.format(spec=WIDE_SPEC), encoding="utf-8"
    )
    (project / "mkdocs.yml").write_text(_mkdocs_yml(theme, specs), encoding="utf-8")
    return mkdocs_build(project / "mkdocs.yml", project / "site")


@pytest.fixture(scope="module")
def material_site(
    tmp_path_factory: pytest.TempPathFactory,
    mkdocs_build: Callable[..., Path],
    corpus_dir: Path,
) -> Iterator[tuple[str, Path]]:
    """Every corpus document and the wide spec, with Material; its URL and folder."""
    specs = [(corpus_dir / name, name.rsplit(".", 1)[0]) for name in CORPUS]
    site_dir = _build(tmp_path_factory, mkdocs_build, "material", [*specs, (WIDE_SPEC, "wide")])
    with LoopbackSite(site_dir) as url:
        yield url, site_dir


@pytest.fixture(scope="module")
def mkdocs_theme_site(
    tmp_path_factory: pytest.TempPathFactory, mkdocs_build: Callable[..., Path]
) -> Iterator[str]:
    """The wide spec with MkDocs' own theme; its URL."""
    site_dir = _build(tmp_path_factory, mkdocs_build, "mkdocs", [(WIDE_SPEC, "wide")])
    with LoopbackSite(site_dir) as url:
        yield url


def _channel_pages(site_dir: Path, output: str) -> list[str]:
    channels = site_dir / output / "channels"
    return sorted(f"{output}/channels/{p.parent.name}/" for p in channels.glob("*/index.html"))


def _open(page: Page, url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": HEIGHT})
    response = page.goto(url, wait_until="load")
    assert response is not None
    assert response.status == 200, url


def _overflowing(page: Page, base: str, paths: list[str], width: int) -> dict[str, list[str]]:
    """For each page that has any, what is wider than its box (open `<details>` included)."""
    found = {}
    for path in paths:
        _open(page, base + path, width)
        problems = page.evaluate(OVERFLOWING_JS)
        page.evaluate(OPEN_EVERY_DETAILS_JS)
        problems += [f"(opened) {p}" for p in page.evaluate(OVERFLOWING_JS)]
        if problems:
            found[path] = problems[:8]
    return found


def test_the_corpus_is_there() -> None:
    assert len(CORPUS) >= 19


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", [*CORPUS, "wide"], ids=[*CORPUS, "wide"])
def test_no_box_on_a_channel_page_scrolls_sideways(
    page: Page, material_site: tuple[str, Path], name: str, width: int
) -> None:
    base, site_dir = material_site
    paths = _channel_pages(site_dir, name.rsplit(".", 1)[0] if name != "wide" else "wide")
    assert paths, f"{name}: no channel page was built"

    assert _overflowing(page, base, paths, width) == {}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_servers_of_an_overview_fit_their_box(
    page: Page, material_site: tuple[str, Path], width: int
) -> None:
    base, _site_dir = material_site
    for overview in ["wide/", "generator-ws-fixtures__asyncapi-slack-client/"]:
        _open(page, base + overview, width)
        servers = page.locator("div.asyncapi-servers")
        assert servers.evaluate(OVERFLOWING_IN_JS) == [], overview


def test_no_box_on_an_overview_scrolls_sideways_on_a_phone(
    page: Page, material_site: tuple[str, Path]
) -> None:
    """The channel and binding-version tables are Markdown: on a phone their rows stack.

    (At a desktop's width the overviews' tables have room; the channel pages are checked at both.)
    """
    base, _site_dir = material_site
    found = {}
    for name in [*CORPUS, "wide"]:
        overview = f"{name.rsplit('.', 1)[0]}/" if name != "wide" else "wide/"
        _open(page, base + overview, WIDTHS["phone"])
        if problems := page.evaluate(OVERFLOWING_JS):
            found[overview] = problems[:8]

    assert found == {}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_allowed_value_and_example_is_within_the_viewport(
    page: Page, material_site: tuple[str, Path], width: int
) -> None:
    base, _site_dir = material_site
    _open(page, base + WIDE_PAGE, width)
    page.evaluate(OPEN_EVERY_DETAILS_JS)

    shown = page.evaluate(VALUES_OUT_OF_VIEW_JS)

    assert shown["out"] == []
    query = yaml.safe_load(WIDE_SPEC.read_text(encoding="utf-8"))["channels"]["listen"]
    query = query["bindings"]["ws"]["query"]["properties"]
    values = sum(len(p.get("enum", [])) + len(p.get("examples", [])) for p in query.values())
    assert shown["count"] > values  # the query's own, and the headers' and payloads'


def test_a_long_list_shows_its_first_values_and_opens_on_a_click(
    page: Page, material_site: tuple[str, Path]
) -> None:
    base, _site_dir = material_site
    _open(page, base + WIDE_PAGE, WIDTHS["phone"])
    spec = yaml.safe_load(WIDE_SPEC.read_text(encoding="utf-8"))
    models = spec["channels"]["listen"]["bindings"]["ws"]["query"]["properties"]["model"]["enum"]
    model = page.locator(".asyncapi-query li.asyncapi-prop").filter(
        has=page.locator("code.asyncapi-prop-name", has_text="model")
    )
    values = model.locator("dl.asyncapi-facts dd").filter(has=page.locator("details"))
    more = values.get_by_text(f"and {len(models) - 5} more")
    hidden = values.locator("details code")
    expect(values.locator("> code")).to_have_text([str(v) for v in models[:5]])
    expect(hidden.first).to_be_hidden()

    more.click()

    expect(hidden).to_have_text([str(v) for v in models[5:]])
    for index in range(hidden.count()):
        expect(hidden.nth(index)).to_be_in_viewport()  # scrolled to, then wholly in view


def test_deep_properties_open_from_their_parent(
    page: Page, material_site: tuple[str, Path]
) -> None:
    base, _site_dir = material_site
    _open(page, base + WIDE_PAGE, WIDTHS["phone"])
    language = page.locator("code.asyncapi-prop-name").filter(
        has_text="channel.alternatives[].words[].language"
    )
    expect(language).to_be_hidden()

    page.get_by_text("3 properties of each item").click()  # channel.alternatives[]
    page.get_by_text("5 properties of each item").click()  # channel.alternatives[].words[]

    expect(language).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", [WIDE_PAGE, EMBED_PAGE], ids=["generated", "embedded"])
def test_mkdocs_own_theme_reads_without_scrolling_sideways(
    page: Page, mkdocs_theme_site: str, path: str, width: int
) -> None:
    assert _overflowing(page, mkdocs_theme_site, [path], width) == {}
    page.evaluate(OPEN_EVERY_DETAILS_JS)
    assert page.evaluate(VALUES_OUT_OF_VIEW_JS)["out"] == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_an_embedded_piece_reads_like_the_generated_page(
    page: Page, material_site: tuple[str, Path], width: int
) -> None:
    base, _site_dir = material_site
    assert _overflowing(page, base, [EMBED_PAGE], width) == {}
    expect(page.locator(".asyncapi-query li.asyncapi-prop").first).to_be_visible()
