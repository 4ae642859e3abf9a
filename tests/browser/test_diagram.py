"""The message-flow diagram as a reader sees it in Chromium: sized, legible, in both palettes.

Pages come from the project's own docs site (``docs_site``) and from the injection spec
(``tests/data/injection/asyncapi.yaml``), whose every name is markup that must stay text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import NAVIGATION_TIMEOUT_MS, wait_for_instant_navigation
from tests.browser.server import LoopbackSite
from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from playwright.sync_api import Page

    from tests.browser.conftest import PageProblems

pytestmark = pytest.mark.browser

CHANNEL_PAGE = "reference/realtime/channels/real-time-updates/"
INJECTION = REPO_ROOT / "tests" / "data" / "injection" / "asyncapi.yaml"
SVG_TAGS = {"svg", "title", "desc", "rect", "text", "tspan", "line", "path", "g", "a"}

#: For each labelled text of the diagram (full opacity): its fill, and the colour behind the
#: diagram (the first ancestor with an opaque background).
COLOURS_JS = """(svg) => {
    let el = svg, background = "";
    while (el) {
        const colour = getComputedStyle(el).backgroundColor;
        if (colour && colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") {
            background = colour;
            break;
        }
        el = el.parentElement;
    }
    const fills = [...svg.querySelectorAll("text")]
        .filter((t) => !t.hasAttribute("opacity") && !t.hasAttribute("font-size"))
        .map((t) => getComputedStyle(t).fill);
    return {background: background || "rgb(255, 255, 255)", fills};
}"""

#: How many CSS pixels one unit of the drawing is, and the drawing's font size in units.
SCALE_JS = """(svg) => ({
    scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
    font: parseFloat(svg.getAttribute("font-size")),
})"""


def luminance(colour: str) -> float:
    """WCAG relative luminance of an `rgb(r, g, b)` colour."""
    values = [int(v) / 255 for v in re.findall(r"\d+", colour)[:3]]
    linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def open_page(page: Page, url: str, *, dark: bool = False) -> None:
    page.emulate_media(color_scheme="dark" if dark else "light")
    response = page.goto(url, wait_until="load")
    assert response is not None
    assert response.status == 200
    if dark:  # Material's palette toggle: pick the slate scheme as a reader would
        page.evaluate(
            """() => { const input = document.querySelector(
                'input[name="__palette"][data-md-color-scheme="slate"]');
                if (input && !input.checked) input.click(); }"""
        )
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_diagram_has_a_size_and_legible_contrast(
    page: Page, docs_site: str, dark: bool
) -> None:
    open_page(page, docs_site + CHANNEL_PAGE, dark=dark)
    svg = page.locator(".asyncapi-diagram svg")

    box = svg.bounding_box()
    colours = svg.evaluate(COLOURS_JS)

    assert box is not None
    assert box["width"] > 200
    assert box["height"] > 200
    assert page.get_by_role("img", name="Message flow of channel Real-time updates").is_visible()
    assert len(colours["fills"]) >= 5  # every message label and the handshake
    for fill in set(colours["fills"]):
        ratio = contrast(fill, colours["background"])
        assert ratio >= 4.5, f"{fill} on {colours['background']}: contrast {ratio:.2f}"


def test_at_360_px_nothing_scrolls_sideways_and_text_stays_legible(
    page: Page, docs_site: str
) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    open_page(page, docs_site + CHANNEL_PAGE)
    svg = page.locator(".asyncapi-diagram svg")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    figure = page.locator(".asyncapi-diagram").evaluate("(el) => el.scrollWidth - el.clientWidth")
    size = svg.evaluate(SCALE_JS)

    assert overflow <= 0
    assert figure <= 0
    assert size["scale"] * size["font"] >= 10.5  # CSS pixels of a label's text


def test_diagram_links_go_to_the_message_sections(page: Page, docs_site: str) -> None:
    open_page(page, docs_site + CHANNEL_PAGE)

    diagram = page.get_by_role("img", name="Message flow of channel Real-time updates")
    diagram.get_by_role("link", name="Subscribe request").click(no_wait_after=True)
    page.wait_for_url("**#message-subscribe")

    heading = page.locator("h3:has(#message-subscribe)")
    assert heading.is_visible()
    assert heading.evaluate("(h) => h.getBoundingClientRect().top") < 300  # scrolled to it


def material_site(project: Path, spec: Path, build: Callable[..., Path], features: str) -> Path:
    """Build a Material site of `spec`'s pages (under `api/`) in the folder `project`."""
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "asyncapi.yaml").write_text(spec.read_text("utf-8"), encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        f"site_name: Test\ntheme: {{name: material, font: false, features: [{features}]}}\n"
        "plugins:\n  - search\n  - asyncapi-ws-docs:\n"
        "      specs: [{path: asyncapi.yaml, output: api}]\n",
        encoding="utf-8",
    )
    return build(project / "mkdocs.yml", project / "site")


@pytest.fixture(scope="module")
def injection_site(
    tmp_path_factory: pytest.TempPathFactory, mkdocs_build: Callable[..., Path]
) -> Iterator[str]:
    """The injection spec's pages, built with Material and served; yields the base URL."""
    project = tmp_path_factory.mktemp("diagram-injection")
    with LoopbackSite(material_site(project, INJECTION, mkdocs_build, "")) as url:
        yield url


def test_the_injection_specs_names_stay_text_in_the_diagram(
    page: Page, injection_site: str
) -> None:
    open_page(page, injection_site + "api/channels/script-window-pwned-1-script/")
    page.wait_for_timeout(300)  # bounded: let a payload that got through run

    tags = page.locator(".asyncapi-diagram svg *").evaluate_all(
        "(elements) => [...new Set(elements.map((el) => el.tagName))]"
    )
    texts = page.locator(".asyncapi-diagram svg").evaluate("(svg) => svg.textContent")

    assert set(tags) <= SVG_TAGS
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "<svg onload=window.__pwned=1>" in texts or "<svg onload=" in texts


@pytest.fixture(scope="module")
def instant_site(
    tmp_path_factory: pytest.TempPathFactory, mkdocs_build: Callable[..., Path]
) -> Iterator[str]:
    """The realtime spec's pages with Material's instant navigation; yields the base URL."""
    project = tmp_path_factory.mktemp("diagram-instant")
    spec = REPO_ROOT / "docs" / "asyncapi" / "realtime.yaml"
    with LoopbackSite(material_site(project, spec, mkdocs_build, "navigation.instant")) as url:
        yield url


def test_diagram_links_survive_materials_instant_navigation(
    page: Page, instant_site: str, page_problems: PageProblems
) -> None:
    """Instant navigation rewrites every `[href]` of the new page; the diagram must not break it."""
    open_page(page, instant_site + "api/")
    wait_for_instant_navigation(page)
    page.locator("article").get_by_role("link", name="Real-time updates").first.click()
    diagram = page.get_by_role("img", name="Message flow of channel Real-time updates")
    diagram.wait_for(timeout=NAVIGATION_TIMEOUT_MS)  # instant navigation is a page load

    diagram.get_by_role("link", name="Widget update").click(no_wait_after=True)
    page.wait_for_url("**/api/channels/real-time-updates/#message-update")

    assert page_problems.console_errors == []
