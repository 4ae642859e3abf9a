"""Untrusted spec text in real MkDocs builds: shown as written, never live, never re-interpreted.

The sites are built from ``tests/data/injection/asyncapi.yaml``, a spec whose every text field
(and every name the format allows) holds markup that would set ``window.__pwned`` if it ran,
``|`` and backticks that would break tables, and Jinja syntax that template plugins would run.
The generated HTML is read with BeautifulSoup: no script, event handler or ``javascript:`` URL
of the spec's may be in it, every table keeps its shape, and template syntax shows literally,
with mkdocs-macros-plugin installed and enabled too. A real browser runs the same spec in
``tests/browser/test_injection.py``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import SiteBuilder

SPEC_TEXT = (REPO_ROOT / "tests" / "data" / "injection" / "asyncapi.yaml").read_text("utf-8")
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
JINJA_TEXTS = ("{{ config.site_name }}", "{% raw %}", "{% if true %}x{% endif %}")

#: Browsers ignore ASCII whitespace and control characters inside a URL's scheme.
_URL_IGNORED = re.compile(r"[\x00-\x20]")


def mkdocs_yml(*, plugins: str = "  - search\n  - {asyncapi}\n", extra: str = "") -> str:
    """A Material project with the plugin on `asyncapi.yaml`; `{asyncapi}` marks its place."""
    asyncapi = "asyncapi-ws-docs:\n      specs: [{path: asyncapi.yaml, output: api}]"
    return (
        "site_name: Test\ntheme: {name: material, font: false}\n"
        f"{extra}plugins:\n{plugins.replace('{asyncapi}', asyncapi)}"
    )


def with_plain_titles(spec_text: str) -> str:
    """The spec with every text that becomes a page title replaced by plain words."""
    spec: dict[str, Any] = yaml.safe_load(spec_text)
    spec["info"]["title"] = "Injection API"
    for number, channel in enumerate(spec["channels"].values(), start=1):
        channel["title"] = f"Channel {number}"
    return yaml.safe_dump(spec, sort_keys=False)


def generated_pages(site: Path) -> dict[str, BeautifulSoup]:
    """The overview and channel pages of the spec, by path, parsed."""
    pages = {
        path.relative_to(site).as_posix(): BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for path in sorted((site / "api").rglob("index.html"))
    }
    assert len(pages) == 3, f"expected an overview and two channel pages, got {list(pages)}"
    return pages


def article(page: BeautifulSoup) -> Any:
    found = page.select_one("article")
    assert found is not None, "the page has no <article>"
    return found


def live_markup(root: Any) -> list[str]:
    """Scripts mentioning the marker, event handler attributes and `javascript:` URLs."""

    def where(element: Any) -> str:
        return f"{element.parent.name}{element.parent.get('class') or ''} > {str(element)[:160]}"

    found = [where(s) for s in root.find_all("script") if "__pwned" in str(s)]
    for element in root.find_all(name=True):
        for name, value in element.attrs.items():
            url = _URL_IGNORED.sub("", " ".join(value) if isinstance(value, list) else value)
            if name.lower().startswith("on") or url.lower().startswith("javascript:"):
                found.append(where(element))
    return found


@pytest.fixture
def hostile_site(build_site: SiteBuilder) -> Path:
    """The spec exactly as written, built with Material."""
    return build_site(mkdocs_yml(), {"asyncapi.yaml": SPEC_TEXT})


@pytest.fixture
def hostile_site_with_plain_titles(build_site: SiteBuilder) -> Path:
    """The spec with plain page titles; every other field is still hostile."""
    return build_site(mkdocs_yml(), {"asyncapi.yaml": with_plain_titles(SPEC_TEXT)})


# -- nothing of the spec's is live -----------------------------------------------------------


def test_the_articles_of_generated_pages_hold_no_script_at_all(hostile_site: Path) -> None:
    for path, page in generated_pages(hostile_site).items():
        assert article(page).find_all("script") == [], path


def test_no_element_in_an_article_has_an_event_handler_attribute(hostile_site: Path) -> None:
    for path, page in generated_pages(hostile_site).items():
        handlers = [
            str(element)[:160]
            for element in article(page).find_all(name=True)
            if any(name.lower().startswith("on") for name in element.attrs)
        ]
        assert handlers == [], path


def test_no_link_frame_or_image_in_an_article_has_a_javascript_url_or_srcdoc(
    hostile_site: Path,
) -> None:
    for path, page in generated_pages(hostile_site).items():
        content = article(page)
        assert content.find_all(["iframe", "object", "embed", "form"]) == [], path
        for element in content.find_all(href=True) + content.find_all(src=True):
            url = _URL_IGNORED.sub("", element.get("href") or element.get("src")).lower()
            assert not url.startswith("javascript:"), f"{path}: {element}"


def test_pages_with_plain_titles_hold_no_live_spec_markup_anywhere(
    hostile_site_with_plain_titles: Path,
) -> None:
    for path, page in generated_pages(hostile_site_with_plain_titles).items():
        assert live_markup(page) == [], path


def test_no_page_holds_live_spec_markup_in_the_theme_s_title_header_or_navigation(
    hostile_site: Path,
) -> None:
    for path, page in generated_pages(hostile_site).items():
        assert live_markup(page) == [], path


# -- text shows as written -------------------------------------------------------------------


def test_every_row_of_every_table_has_as_many_cells_as_the_table_s_first_row(
    hostile_site: Path,
) -> None:
    for path, page in generated_pages(hostile_site).items():
        tables = article(page).find_all("table")
        assert tables, path
        for table in tables:
            rows = table.find_all("tr")
            widths = [len(row.find_all(["th", "td"], recursive=False)) for row in rows]
            assert set(widths) == {widths[0]}, f"{path}: {table.get_text(' ')[:200]}"


def test_every_table_keeps_a_data_cell_per_heading_in_each_row(hostile_site: Path) -> None:
    checked = 0
    for path, page in generated_pages(hostile_site).items():
        for table in article(page).select(".asyncapi-table table:has(thead)"):
            headings = len(table.select("thead th"))
            for row in table.select("tbody tr"):
                assert len(row.find_all("td", recursive=False)) == headings, f"{path}: {row}"
                checked += 1
    assert checked >= 2  # servers, URLs


def test_every_property_block_keeps_its_name_line(hostile_site: Path) -> None:
    checked = 0
    for path, page in generated_pages(hostile_site).items():
        for entry in article(page).select(".asyncapi-props li.asyncapi-prop"):
            head = entry.find("p", class_="asyncapi-prop-head", recursive=False)
            assert head is not None, f"{path}: {str(entry)[:300]}"
            assert head.find("code", class_="asyncapi-prop-name", recursive=False), f"{path}"
            checked += 1
    assert checked >= 10  # parameters, headers, query, message headers, payload


def test_names_and_values_show_their_markup_as_text(hostile_site: Path) -> None:
    pages = generated_pages(hostile_site)
    overview = article(pages["api/index.html"])
    channel = article(pages["api/channels/script-window-pwned-1-script/index.html"])

    server_names = [c.get_text() for c in overview.select(".asyncapi-servers td:first-child code")]
    header_names = [c.get_text() for c in channel.select(".asyncapi-headers .asyncapi-prop-name")]
    assert server_names == [PAYLOAD_SCRIPT]
    assert PAYLOAD_SCRIPT in header_names
    assert f"{PAYLOAD_SCRIPT} </table>{PAYLOAD_SCRIPT}" in channel.get_text()  # two values


def test_contact_and_licence_urls_that_are_not_http_show_as_text_not_links(
    hostile_site: Path,
) -> None:
    overview = article(generated_pages(hostile_site)["api/index.html"])

    meta = " ".join(p.get_text() for p in overview.select("p.asyncapi-meta"))
    assert "url: javascript:window.__pwned=1" in meta
    assert "licence: <svg onload=window.__pwned=1> {{ config.site_name }}" in meta
    links = [a["href"] for a in overview.select("p.asyncapi-meta a")]
    assert links == ['mailto:"><svg onload=window.__pwned=1>@example.com']  # the e-mail only


def test_description_text_survives_sanitizing_without_its_active_markup(
    hostile_site: Path,
) -> None:
    overview = article(generated_pages(hostile_site)["api/index.html"])

    description = overview.select_one(".asyncapi-description")
    assert description is not None
    assert "Every field of this document is hostile." in description.get_text()
    assert [a.get_text() for a in description.find_all("a") if not a.get("href")] == [
        "an HTML link",
        "javascript",
        "entity-encoded",
    ]


def test_jinja_syntax_in_spec_text_shows_literally_on_every_generated_page(
    hostile_site: Path,
) -> None:
    for path, page in generated_pages(hostile_site).items():
        text = article(page).get_text()
        assert "{{ config.site_name }}" in text, path
    overview_text = article(generated_pages(hostile_site)["api/index.html"]).get_text()
    for jinja in JINJA_TEXTS:
        assert jinja in overview_text


# -- template plugins ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plugins",
    ["  - search\n  - macros\n  - {asyncapi}\n", "  - search\n  - {asyncapi}\n  - macros\n"],
    ids=["macros before asyncapi-ws-docs", "macros after asyncapi-ws-docs"],
)
def test_mkdocs_macros_leaves_spec_text_on_generated_pages_alone(
    build_site: SiteBuilder, caplog: pytest.LogCaptureFixture, plugins: str
) -> None:
    pytest.importorskip("mkdocs_macros", reason="mkdocs-macros-plugin is not installed")

    site = build_site(mkdocs_yml(plugins=plugins), {"asyncapi.yaml": SPEC_TEXT})

    assert [r.getMessage() for r in caplog.records if "[macros]" in r.getMessage()] == []
    pages = generated_pages(site)
    overview_text = article(pages["api/index.html"]).get_text()
    for jinja in JINJA_TEXTS:
        assert jinja in overview_text
    example = article(pages["api/channels/script-window-pwned-1-script/index.html"])
    code = " ".join(block.get_text() for block in example.select("pre"))
    assert "template: '{{ config.site_name }} {% raw %} {% if true %}x{% endif %}'" in code


CONTROL_CHARACTER_SPEC = """\
asyncapi: 3.0.0
info: {{title: Controls, version: 1.0.0}}
channels:
  rooms:
    address: /rooms
    title: "Rooms {character} end"
    messages:
      join:
        payload: {{type: string}}
        examples:
          - payload: '{{{{ config.site_name }}}} {{{{ 6 * 7 }}}}'
"""

#: Characters YAML forbids unescaped, which `json.dumps(..., ensure_ascii=False)` leaves raw.
NON_PRINTABLE = pytest.mark.parametrize(
    "character", ["\\x7F", "\\x80", "\\x9F", "\\uFFFE"], ids=["DEL", "PAD", "APC", "U+FFFE"]
)


@NON_PRINTABLE
def test_a_non_printable_character_in_a_title_keeps_the_front_matter_valid(
    build_site: SiteBuilder, character: str
) -> None:
    spec = CONTROL_CHARACTER_SPEC.format(character=character)

    site = build_site(mkdocs_yml(), {"asyncapi.yaml": spec})

    page = (site / "api/channels/rooms/index.html").read_text("utf-8")
    assert "render_macros" not in article(BeautifulSoup(page, "html.parser")).get_text()


@NON_PRINTABLE
def test_mkdocs_macros_does_not_evaluate_spec_text_when_a_title_holds_a_non_printable_character(
    build_site: SiteBuilder, character: str
) -> None:
    pytest.importorskip("mkdocs_macros", reason="mkdocs-macros-plugin is not installed")
    spec = CONTROL_CHARACTER_SPEC.format(character=character)

    site = build_site(mkdocs_yml(plugins="  - macros\n  - {asyncapi}\n"), {"asyncapi.yaml": spec})

    page = BeautifulSoup((site / "api/channels/rooms/index.html").read_text("utf-8"), "html.parser")
    assert "{{ config.site_name }} {{ 6 * 7 }}" in article(page).get_text()


SNIPPET_SPEC = """\
asyncapi: 3.0.0
info: {title: Snippets, version: 1.0.0}
channels:
  rooms:
    address: /rooms
    messages:
      join:
        payload: {type: string}
        examples:
          - payload: "first line\\n--8<-- \\"secret.txt\\"\\nlast line"
"""


def test_a_snippet_marker_in_an_example_does_not_include_a_local_file(
    build_site: SiteBuilder, tmp_path: Path
) -> None:
    private = tmp_path / "private"
    private.mkdir()
    (private / "secret.txt").write_text("NOT-FOR-THE-SITE\n", encoding="utf-8")
    extra = f"markdown_extensions:\n  - pymdownx.snippets: {{base_path: ['{private}']}}\n"

    site = build_site(mkdocs_yml(extra=extra), {"asyncapi.yaml": SNIPPET_SPEC})

    page = (site / "api/channels/rooms/index.html").read_text("utf-8")
    assert "NOT-FOR-THE-SITE" not in page
    assert '--8<-- "secret.txt"' in article(BeautifulSoup(page, "html.parser")).get_text()
