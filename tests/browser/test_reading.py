"""Reading the docs site in a browser: tabs, search, every page, a phone's width, both schemes.

The site is the project's own (``mkdocs.yml``, the ``docs_site`` fixture). Its generated pages
come from ``docs/asyncapi/realtime.yaml`` and ``docs/asyncapi/chat.yaml``; the hand-written ones
are the rest of ``nav``. One test builds a second site with Material's ``navigation.instant``,
which swaps pages without reloading them.

What a reader of a channel page relies on here:

- the "Try it" section is one set of content tabs (``pymdownx.tabbed``, alternate style), one
  tab per client; the browser's tab holds a note paragraph instead of code when the handshake
  requires headers, since a browser cannot send them;
- Material's search finds a handshake header or query parameter by name and leads to its channel;
- no page logs an error, throws, or asks for anything that does not load;
- at 360 px no page scrolls sideways: wide tables and code scroll inside their own box;
- body text and property tables (names, types, descriptions, labels) keep a WCAG contrast of at least 4.5:1 in both schemes.
"""

from __future__ import annotations

import re
import struct
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.conftest import (
    NAVIGATION_TIMEOUT_MS,
    VIEWPORT,
    save_full_page_screenshot,
    wait_for_instant_navigation,
)
from tests.browser.server import LoopbackSite
from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from playwright.sync_api import Locator, Page, ViewportSize

    from .conftest import PageProblems

pytestmark = pytest.mark.browser

SPEC = REPO_ROOT / "docs" / "asyncapi" / "realtime.yaml"
CHANNEL_ID = "realTimeUpdates"
CHANNEL_PAGE = "reference/realtime/channels/real-time-updates/"
OVERVIEW_PAGE = "reference/realtime/"

#: The "Try it" tab labels, in the plugin's order.
CLIENT_LABELS = [
    "websocat",
    "JavaScript (browser)",
    "Node.js (ws)",
    "Python (websockets)",
    "Go (coder/websocket)",
    "Java (java.net.http)",
    "C# (ClientWebSocket)",
]
BROWSER_LABEL = "JavaScript (browser)"

#: The content tabs right after the "Try it" heading, their labels and their blocks.
TRY_IT = '[id="try-it"] + div.tabbed-set'
TAB_LABELS = ":scope > .tabbed-labels > label"
TAB_BLOCKS = ":scope > .tabbed-content > .tabbed-block"

#: A phone's viewport: the narrowest width the site must read at without scrolling sideways.
PHONE: ViewportSize = {"width": 360, "height": 740}

#: WCAG 2 AA for body text.
MIN_CONTRAST = 4.5

#: The elements whose text contrast is checked on the channel page, by what they are.
CONTRAST_TARGETS = {
    "article paragraph": "article.md-typeset > p:not([class])",
    "description paragraph": "article .asyncapi-description p",
    "header description": "div.asyncapi-table.asyncapi-headers .asyncapi-prop-description",
    "header name": "div.asyncapi-table.asyncapi-headers code.asyncapi-prop-name",
    "header type": "div.asyncapi-table.asyncapi-headers .asyncapi-type",
    "required mark": "div.asyncapi-table.asyncapi-headers .asyncapi-required",
    "query description": "div.asyncapi-table.asyncapi-query .asyncapi-prop-description",
    "fact label": "div.asyncapi-table.asyncapi-query dl.asyncapi-facts dt",
}


def _nav_pages(nav: Any) -> list[str]:
    """The Markdown files of a ``nav`` (nested lists and ``title: file`` mappings), in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def _page_url(markdown_path: str) -> str:
    """A page's address relative to the site root, with MkDocs' directory URLs."""
    stem = markdown_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


NAV_PAGES = [
    _page_url(path)
    for path in _nav_pages(
        yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    )
]
GENERATED_PAGES = [path for path in NAV_PAGES if path.startswith("reference/")]


def _page_id(path: str) -> str:
    return path.rstrip("/") or "home"


def open_page(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None
    assert response.status == 200, f"{url} answered HTTP {response.status}"


def wait_until_quiet(page: Page) -> None:
    """Wait (bounded) for the requests Material makes after ``load``: search index, worker."""
    page.wait_for_load_state("networkidle", timeout=NAVIGATION_TIMEOUT_MS)


def check_tabs_switch(tabs: Locator, *, browser_note: bool) -> dict[str, str]:
    """Click each label of ``tabs`` in turn; exactly its block must show, with code or the note.

    Returns the code each client's tab showed, by label.
    """
    labels = tabs.locator(TAB_LABELS)
    blocks = tabs.locator(TAB_BLOCKS)
    expect(labels).to_have_text(CLIENT_LABELS)
    expect(blocks).to_have_count(len(CLIENT_LABELS))
    shown: dict[str, str] = {}
    for index, label in enumerate(CLIENT_LABELS):
        labels.nth(index).click()
        block = blocks.nth(index)
        expect(block, f"tab {label!r}: its block is hidden after a click").to_be_visible()
        expect(blocks.filter(visible=True), f"tab {label!r}: blocks shown").to_have_count(1)
        if label == BROWSER_LABEL and browser_note:
            note = block.locator("p").filter(
                has_text="Browsers cannot send custom handshake headers"
            )
            expect(note).to_be_visible()
            expect(note).to_contain_text("Browsers cannot send custom handshake headers")
            expect(block.locator("pre")).to_have_count(0)
            continue
        code = block.locator("pre > code")
        expect(code, f"tab {label!r} shows no code block").to_be_visible()
        text = code.inner_text()
        assert text.strip(), f"tab {label!r} shows an empty code block"
        shown[label] = text
    return shown


@pytest.fixture(scope="module")
def required_headers() -> list[str]:
    """The handshake headers the ``realTimeUpdates`` channel's ``ws`` binding requires."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    headers = spec["channels"][CHANNEL_ID]["bindings"]["ws"].get("headers", {})
    required: list[str] = headers.get("required", [])
    return required


# -- 1. the "Try it" tabs ----------------------------------------------------------------------


def test_each_try_it_tab_shows_its_own_snippet_and_only_one_shows_at_a_time(
    page: Page, docs_site: str, required_headers: list[str]
) -> None:
    open_page(page, docs_site + CHANNEL_PAGE)
    tabs = page.locator(TRY_IT)
    expect(tabs).to_have_count(1)

    shown = check_tabs_switch(tabs, browser_note=bool(required_headers))

    expected = len(CLIENT_LABELS) - (1 if required_headers else 0)
    assert len(shown) == expected
    assert len(set(shown.values())) == len(shown), "two tabs show the same code"
    for label, code in shown.items():
        assert "/v1/updates" in code, f"{label}: the snippet does not open the channel's URL"
        for header in required_headers:
            assert header in code, f"{label}: the snippet does not send the header {header}"


# -- 2. search -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "table"),
    [("Authorization", "asyncapi-headers"), ("clientId", "asyncapi-query")],
    ids=["header name", "query parameter name"],
)
def test_searching_a_handshake_name_leads_to_a_channel_page_that_lists_it(
    page: Page, docs_site: str, page_problems: PageProblems, query: str, table: str
) -> None:
    open_page(page, docs_site)
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)  # Material searches on key presses, not on `fill`

    # The worker loads the index on first use: give the first results the time of a page load.
    channel_results = page.locator(
        ".md-search-result__item a.md-search-result__link[href*='/channels/']"
    ).filter(visible=True)
    expect(channel_results.first).to_be_visible(timeout=NAVIGATION_TIMEOUT_MS)
    target = urlsplit(channel_results.first.evaluate("link => link.href"))
    assert re.fullmatch(r"/reference/[^/]+/channels/[^/]+/", target.path), target.path

    channel_results.first.click()

    page.wait_for_url(lambda url: urlsplit(url).path == target.path)
    cell = page.locator(f"div.asyncapi-table.{table} code.asyncapi-prop-name").filter(
        has_text=re.compile(rf"^\s*{re.escape(query)}\s*$")
    )
    expect(cell).to_have_count(1)
    expect(cell).to_be_visible()
    assert page_problems.console_errors == []


# -- 3. every page loads cleanly ---------------------------------------------------------------


def test_the_pages_opened_here_are_every_page_of_the_site(page: Page, docs_site: str) -> None:
    # Material's search index holds one entry per page (and one per section, with a `#`).
    response = page.request.get(docs_site + "search/search_index.json")
    assert response.ok
    site_pages = {doc["location"].split("#")[0] for doc in response.json()["docs"]}

    assert site_pages == set(NAV_PAGES)
    assert {"reference/realtime/", "reference/chat/"} <= set(GENERATED_PAGES)
    assert CHANNEL_PAGE in GENERATED_PAGES


@pytest.mark.parametrize("path", NAV_PAGES, ids=[_page_id(path) for path in NAV_PAGES])
def test_a_page_loads_without_console_errors_page_errors_or_failed_requests(
    page: Page, docs_site: str, page_problems: PageProblems, path: str
) -> None:
    open_page(page, docs_site + path)
    wait_until_quiet(page)

    assert page_problems.failed_requests == []
    assert page_problems.console_errors == []


# -- 4. a phone's width ------------------------------------------------------------------------

#: Where the page is wider than the viewport, after choosing each tab of each tab set in turn
#: (a hidden tab takes no room until it is chosen): the page's width, the viewport's, and the
#: elements that stick out of the viewport, not counting those inside a box that scrolls or
#: clips within it. Labels are clicked in the page: the tabs are radio buttons, switched by CSS.
OVERFLOW_JS = """() => {
    const width = window.innerWidth;
    const measure = (where) => {
        const scrollWidth = document.documentElement.scrollWidth;
        if (scrollWidth <= width) return null;
        const culprits = [];
        for (const el of document.querySelectorAll("body *")) {
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.right <= width + 0.5) continue;
            let contained = false;
            for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
                const overflow = getComputedStyle(up).overflowX;
                if (overflow !== "visible" && up.getBoundingClientRect().right <= width + 0.5) {
                    contained = true;
                    break;
                }
            }
            if (!contained) {
                const name = el.tagName.toLowerCase() + (el.className ? "." + el.className : "");
                culprits.push(`${name} (right edge ${Math.round(box.right)}px): `
                    + (el.textContent || "").trim().slice(0, 60));
            }
        }
        return {where, scrollWidth, width, culprits: culprits.slice(0, 10)};
    };
    const problems = [measure("as loaded")];
    document.querySelectorAll("article div.tabbed-set").forEach((set, setIndex) => {
        for (const label of set.querySelectorAll(":scope > .tabbed-labels > label")) {
            label.click();
            problems.push(measure(`tab set ${setIndex + 1}, tab "${label.textContent.trim()}"`));
        }
    });
    return problems.filter(Boolean);
}"""


@pytest.mark.parametrize("path", NAV_PAGES, ids=[_page_id(path) for path in NAV_PAGES])
def test_a_page_does_not_scroll_sideways_at_360_px(page: Page, docs_site: str, path: str) -> None:
    page.set_viewport_size(PHONE)
    open_page(page, docs_site + path)

    assert page.evaluate(OVERFLOW_JS) == []


# -- 5. light and dark -------------------------------------------------------------------------

#: The WCAG 2 contrast ratio of an element's text: its ``color`` (with its alpha and the
#: ancestors' ``opacity``) over the background behind it, found by walking up to the first
#: opaque ``background-color`` and blending the translucent ones on the way over it.
CONTRAST_JS = """(element) => {
    const parse = (text) => {
        const parts = text.match(/rgba?\\(([^)]*)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean);
        const [r, g, b, a = 1] = parts.map(Number);
        return {r, g, b, a};
    };
    const over = (top, below) => ({
        r: top.r * top.a + below.r * (1 - top.a),
        g: top.g * top.a + below.g * (1 - top.a),
        b: top.b * top.a + below.b * (1 - top.a),
        a: 1,
    });
    const layers = [];
    let opacity = 1;
    for (let node = element; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        opacity *= Number(style.opacity);
        const background = parse(style.backgroundColor);
        if (background.a > 0) layers.push(background);
        if (background.a >= 1) break;
    }
    let background = {r: 255, g: 255, b: 255, a: 1};  // the canvas, if nothing is opaque
    for (const layer of layers.reverse()) background = over(layer, background);
    const text = parse(getComputedStyle(element).color);
    const foreground = over({...text, a: text.a * opacity}, background);
    const luminance = ({r, g, b}) => {
        const linear = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const [light, dark] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
    return {
        ratio: (light + 0.05) / (dark + 0.05),
        color: getComputedStyle(element).color,
        background: `rgb(${background.r}, ${background.g}, ${background.b})`,
        text: element.textContent.trim().slice(0, 40),
    };
}"""

#: The palette's toggle a reader sees: the label for the scheme that comes next.
PALETTE_TOGGLE = 'form[data-md-component="palette"] label.md-header__button:not([hidden])'


#: Material's scheme for each of the site's two palettes.
BODY_SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("scheme", BODY_SCHEMES)
def test_the_channel_page_reads_well_in_each_scheme(
    page: Page, docs_site: str, artifacts_dir: Path, scheme: str
) -> None:
    page.emulate_media(color_scheme="light")
    open_page(page, docs_site + CHANNEL_PAGE)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", BODY_SCHEMES["light"])
    if scheme != "light":
        page.locator(PALETTE_TOGGLE).click()  # as a reader switches: the toggle in the header
        expect(body).to_have_attribute("data-md-color-scheme", BODY_SCHEMES[scheme])

    low = {}
    for what, selector in CONTRAST_TARGETS.items():
        element = page.locator(selector).first
        expect(element, f"{what}: {selector} is not on the page").to_be_visible()
        found = element.evaluate(CONTRAST_JS)
        if found["ratio"] < MIN_CONTRAST:
            low[what] = found
    assert low == {}, f"{scheme} scheme: text below {MIN_CONTRAST}:1 contrast: {low}"

    png = save_full_page_screenshot(page, artifacts_dir / f"channel-{scheme}.png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, _height = struct.unpack(">II", png[16:24])  # the IHDR chunk's first fields
    assert width == VIEWPORT["width"]


# -- 6. Material's instant navigation --------------------------------------------------------


INSTANT_MKDOCS_YML = """\
site_name: Instant
site_url: {site_url}
theme:
  name: material
  font: false
  features: [navigation.instant, content.code.copy]
markdown_extensions:
  - pymdownx.highlight
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
plugins:
  - search
  - asyncapi-ws-docs:
      specs: [{{path: asyncapi/realtime.yaml, output: reference/realtime}}]
"""


@pytest.fixture(scope="module")
def instant_site(
    tmp_path_factory: pytest.TempPathFactory, mkdocs_build: Callable[..., Path]
) -> Iterator[str]:
    """A Material site with ``navigation.instant`` around ``realtime.yaml``, served; its URL.

    Material only swaps pages listed in its ``sitemap.xml``, whose addresses come from
    ``site_url``: the server starts first, so ``site_url`` can be the address it serves at.
    """
    project = tmp_path_factory.mktemp("instant-project")
    site_dir = project / "site"
    site_dir.mkdir()
    site = LoopbackSite(site_dir)
    url = site.url

    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Instant\n", encoding="utf-8")
    (project / "asyncapi" / "common").mkdir(parents=True)
    for relative in ("realtime.yaml", "common/schemas.yaml"):
        source = REPO_ROOT / "docs" / "asyncapi" / relative
        (project / "asyncapi" / relative).write_bytes(source.read_bytes())
    config = project / "mkdocs.yml"
    config.write_text(INSTANT_MKDOCS_YML.format(site_url=url), encoding="utf-8")
    mkdocs_build(config, site_dir)

    with site:
        yield url


def test_instant_navigation_to_a_channel_keeps_its_tabs_working(
    page: Page, instant_site: str, page_problems: PageProblems, required_headers: list[str]
) -> None:
    open_page(page, instant_site + OVERVIEW_PAGE)
    wait_for_instant_navigation(page)
    page.evaluate("window.__sameDocument = true")  # a full reload would drop it

    page.locator("article a[href$='channels/real-time-updates/']").first.click()

    page.wait_for_url(lambda url: urlsplit(url).path == "/" + CHANNEL_PAGE)
    expect(page.locator("article h1")).to_have_text(re.compile("Real-time updates"))
    assert page.evaluate("window.__sameDocument === true"), "the click reloaded the page"
    check_tabs_switch(page.locator(TRY_IT), browser_note=bool(required_headers))
    # The plugin's stylesheet still applies to the swapped-in page.
    expect(page.locator(".asyncapi-method").first).to_have_css(
        "background-color", "rgb(30, 107, 58)"
    )
    wait_until_quiet(page)
    assert page_problems.failed_requests == []
    assert page_problems.console_errors == []
