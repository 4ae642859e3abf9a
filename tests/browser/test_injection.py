"""Hostile spec text, shown in a real browser, stays text: nothing a spec author wrote runs.

The sites are built with Material for MkDocs from ``tests/data/injection/asyncapi.yaml``, a spec
whose every text field (and every name the format allows) holds markup that sets
``window.__pwned`` if it ever runs: ``<script>``, ``onerror=``/``onload=``/``ontoggle=``
handlers, ``javascript:`` links, ``<iframe srcdoc>``, attribute-breaking quotes. Each page is
loaded in headless Chromium; after ``load`` and a short, bounded wait nothing may have set
``window.__pwned`` and no dialog may have opened. Escaped fields must show the markup as text.

Some tests use the spec with its page titles (``info.title``, channel titles, channel ids used
as titles) replaced by plain words: those titles become MkDocs page titles, which the theme
prints as HTML, and are tested on their own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.server import LoopbackSite
from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from playwright.sync_api import Dialog, Page

pytestmark = pytest.mark.browser

SPEC = REPO_ROOT / "tests" / "data" / "injection" / "asyncapi.yaml"

#: The generated pages of the spec, relative to the site root (the plugin's `output` is `api`).
PAGES = {
    "overview": "api/",
    "channel <script>": "api/channels/script-window-pwned-1-script/",
    "channel <svg onload>": "api/channels/svg-onload-window-pwned-1/",
}

#: Milliseconds to wait after `load` before asking whether a payload ran: long enough for
#: `onerror` of a broken image and Material's own scripts, bounded so a test never hangs.
SETTLE_MS = 300

#: Elements that would run spec text if it had got through: event handler attributes,
#: `javascript:` URLs, `srcdoc` frames and inline scripts that mention the marker.
LIVE_MARKUP_JS = """() => {
    const found = [];
    const describe = (el) => {
        const parent = el.parentElement;
        const where = parent ? `${parent.tagName.toLowerCase()}.${parent.className}` : "";
        return `${where} > ${el.outerHTML.slice(0, 160)}`;
    };
    for (const el of document.querySelectorAll("*")) {
        for (const attribute of el.attributes) {
            const value = attribute.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
            if (attribute.name.startsWith("on") || attribute.name === "srcdoc"
                || value.startsWith("javascript:")) {
                found.push(describe(el));
            }
        }
        if (el.tagName === "SCRIPT" && el.textContent.includes("__pwned")) {
            found.push(describe(el));
        }
    }
    return found;
}"""

PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_IMG = '"><img src=x onerror="window.__pwned=1">'


def load_spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return spec


def with_plain_titles(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with every text that becomes a page title replaced by plain words."""
    spec["info"]["title"] = "Injection API"
    for number, channel in enumerate(spec["channels"].values(), start=1):
        channel["title"] = f"Channel {number}"
    return spec


def mkdocs_yml(*, sanitize_html: bool = True) -> str:
    return (
        "site_name: Test\n"
        "theme:\n  name: material\n  font: false\n  features: [content.code.copy]\n"
        "plugins:\n  - search\n  - asyncapi-ws-docs:\n"
        "      specs: [{path: asyncapi.yaml, output: api}]\n"
        f"      sanitize_html: {str(sanitize_html).lower()}\n"
    )


def served(site_dir: Path) -> LoopbackSite:
    """Serve `site_dir` on 127.0.0.1 (any free port); the `with` yields the base URL."""
    return LoopbackSite(site_dir)


@pytest.fixture(scope="module")
def build_material_site(
    tmp_path_factory: pytest.TempPathFactory, mkdocs_build: Callable[..., Path]
) -> Callable[..., Path]:
    """Write a Material project around `spec` (a mapping, or the spec file's text); build it."""

    def build(spec: dict[str, Any] | str, *, sanitize_html: bool = True) -> Path:
        project = tmp_path_factory.mktemp("injection-project")
        (project / "docs").mkdir()
        (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
        text = spec if isinstance(spec, str) else yaml.safe_dump(spec, sort_keys=False)
        (project / "asyncapi.yaml").write_text(text, encoding="utf-8")
        (project / "mkdocs.yml").write_text(mkdocs_yml(sanitize_html=sanitize_html), "utf-8")
        return mkdocs_build(project / "mkdocs.yml", project / "site")

    return build


@pytest.fixture(scope="module")
def hostile_site_dir(build_material_site: Callable[..., Path]) -> Path:
    """The site of the spec exactly as written."""
    return build_material_site(SPEC.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hostile_site(hostile_site_dir: Path) -> Iterator[str]:
    """The site of the spec exactly as written, served; yields the base URL."""
    with served(hostile_site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_site_with_plain_titles(build_material_site: Callable[..., Path]) -> Iterator[str]:
    """The spec with plain page titles, every other field still hostile; yields the base URL."""
    with served(build_material_site(with_plain_titles(load_spec()))) as url:
        yield url


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """The messages of dialogs (`alert`, `confirm`, `prompt`) the page opened; each is dismissed."""
    opened: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


def open_settled(page: Page, url: str) -> None:
    """Load `url`, then give handlers of broken images and deferred scripts a bounded moment."""
    response = page.goto(url, wait_until="load")
    assert response is not None
    assert response.status == 200, f"{url} answered HTTP {response.status}"
    page.wait_for_timeout(SETTLE_MS)


def assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    pwned = page.evaluate("typeof window.__pwned")
    live = page.evaluate(LIVE_MARKUP_JS)
    assert pwned == "undefined", f"spec text ran in {page.url}; live markup: {live}"
    assert dialogs == [], f"spec text opened dialogs in {page.url}: {dialogs}"


# -- the spec exactly as written -------------------------------------------------------------


def test_the_spec_generates_exactly_the_pages_these_tests_open(hostile_site_dir: Path) -> None:
    generated = {
        path.parent.relative_to(hostile_site_dir).as_posix() + "/"
        for path in (hostile_site_dir / "api").rglob("index.html")
    }
    assert generated == set(PAGES.values())


@pytest.mark.parametrize("page_path", PAGES.values(), ids=PAGES.keys())
def test_no_spec_text_runs_on_a_generated_page(
    page: Page, dialogs: list[str], hostile_site: str, page_path: str
) -> None:
    open_settled(page, hostile_site + page_path)

    assert_nothing_ran(page, dialogs)


# -- the spec with plain page titles --------------------------------------------------------


@pytest.mark.parametrize("page_path", PAGES.values(), ids=PAGES.keys())
def test_no_spec_text_but_page_titles_runs_on_a_generated_page(
    page: Page, dialogs: list[str], hostile_site_with_plain_titles: str, page_path: str
) -> None:
    open_settled(page, hostile_site_with_plain_titles + page_path)

    assert_nothing_ran(page, dialogs)


def test_an_escaped_header_name_shows_its_markup_as_text(
    page: Page, hostile_site_with_plain_titles: str
) -> None:
    open_settled(page, hostile_site_with_plain_titles + PAGES["channel <script>"])

    names = page.locator("div.asyncapi-table.asyncapi-headers code.asyncapi-prop-name")
    expect(names.filter(has_text=PAYLOAD_SCRIPT)).to_have_count(1)
    expect(names.filter(has_text=PAYLOAD_SCRIPT)).to_be_visible()


def test_escaped_enum_values_show_their_markup_as_text(
    page: Page, hostile_site_with_plain_titles: str
) -> None:
    open_settled(page, hostile_site_with_plain_titles + PAGES["channel <script>"])

    values = page.locator("div.asyncapi-table.asyncapi-query dl.asyncapi-facts dd code")
    for value in (PAYLOAD_SCRIPT, f"</table>{PAYLOAD_SCRIPT}"):  # each its own code span
        exactly = values.filter(has_text=re.compile(f"^{re.escape(value)}$"))
        expect(exactly).to_have_count(1)


def test_an_escaped_server_name_and_template_syntax_show_as_text_on_the_overview(
    page: Page, hostile_site_with_plain_titles: str
) -> None:
    open_settled(page, hostile_site_with_plain_titles + PAGES["overview"])

    article = page.locator("article")
    expect(article.locator("div.asyncapi-servers td:first-child code")).to_have_text(PAYLOAD_SCRIPT)
    expect(article).to_contain_text("{{ config.site_name }}")
    expect(article).to_contain_text("{% raw %}")


def test_search_results_show_the_payloads_as_text_and_run_none_of_them(
    page: Page, dialogs: list[str], hostile_site_with_plain_titles: str
) -> None:
    # Material renders search results from its index as HTML: spec text must arrive escaped.
    open_settled(page, hostile_site_with_plain_titles)
    search = page.locator("input.md-search__input")
    search.click()
    page.keyboard.type("onerror")  # Material searches on key presses, not on `fill`

    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(results.first).to_contain_text('onerror="window.__pwned=1"')
    page.wait_for_timeout(SETTLE_MS)
    assert_nothing_ran(page, dialogs)


# -- page titles, one field at a time --------------------------------------------------------


def _title_in_info(spec: dict[str, Any]) -> str:
    spec["info"]["title"] = PAYLOAD_IMG
    return PAGES["overview"]


def _title_of_a_channel(spec: dict[str, Any]) -> str:
    spec["channels"]['"><svg onload=window.__pwned=1>']["title"] = PAYLOAD_IMG
    return PAGES["channel <svg onload>"]


def _id_of_a_channel_without_title(spec: dict[str, Any]) -> str:
    del spec["channels"]["<script>window.__pwned=1</script>"]["title"]
    return PAGES["channel <script>"]


@pytest.mark.parametrize(
    "put_payload",
    [_title_in_info, _title_of_a_channel, _id_of_a_channel_without_title],
    ids=["info.title", "channel title", "channel id as title"],
)
def test_markup_in_a_text_that_becomes_a_page_title_does_not_run(
    page: Page,
    dialogs: list[str],
    build_material_site: Callable[..., Path],
    put_payload: Callable[[dict[str, Any]], str],
) -> None:
    spec = with_plain_titles(load_spec())
    page_path = put_payload(spec)

    with served(build_material_site(spec)) as url:
        open_settled(page, url + page_path)

        assert_nothing_ran(page, dialogs)


# -- sanitize_html: false --------------------------------------------------------------------

TRUSTED_SPEC = """\
asyncapi: 3.0.0
info:
  title: Trusted
  version: 1.0.0
  description: 'Authors may use <mark data-asyncapi-raw="kept">raw HTML</mark> here.'
channels:
  ping:
    address: /ping
    messages:
      ping: {payload: {type: string}}
"""


@pytest.mark.parametrize(
    ("sanitize_html", "raw_marks"),
    [(False, 1), (True, 0)],
    ids=["sanitize_html false keeps raw HTML", "sanitize_html true strips attributes"],
)
def test_the_sanitize_html_option_decides_whether_raw_description_html_survives(
    page: Page, build_material_site: Callable[..., Path], sanitize_html: bool, raw_marks: int
) -> None:
    site = build_material_site(TRUSTED_SPEC, sanitize_html=sanitize_html)

    with served(site) as url:
        open_settled(page, url + PAGES["overview"])

        description = page.locator("article .asyncapi-description")
        expect(description.locator("mark")).to_have_text("raw HTML")
        expect(description.locator('mark[data-asyncapi-raw="kept"]')).to_have_count(raw_marks)
