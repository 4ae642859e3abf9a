"""Real MkDocs builds of small sites with the plugin: pages, nav, links, themes, warnings."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

if TYPE_CHECKING:
    from pathlib import Path

SPEC = """\
asyncapi: 3.0.0
info:
  title: Realtime
  version: 1.0.0
  description: Live data with a `|` pipe.
servers:
  production: {host: api.example.com, protocol: wss, pathname: /v1}
channels:
  realTimeUpdates:
    address: /updates
    bindings:
      ws:
        method: GET
        headers:
          type: object
          required: [Authorization]
          properties:
            Authorization: {type: string, description: Bearer token for authentication}
        query:
          type: object
          properties:
            clientId: {type: string, format: uuid, description: Unique client identifier}
        bindingVersion: '0.1.0'
    messages:
      update: {payload: {type: object, properties: {price: {type: number}}}}
  acks:
    address: /acks
    messages:
      ack: {payload: {type: string}}
operations:
  sendUpdate:
    action: send
    channel: {$ref: '#/channels/realTimeUpdates'}
    reply:
      channel: {$ref: '#/channels/acks'}
"""


def config(theme: str = "material", *, extra: str = "", specs: str = "[asyncapi/rt.yaml]") -> str:
    return (
        f"site_name: Test\ntheme: {{name: {theme}}}\n"
        f"plugins:\n  - search\n  - asyncapi-ws-docs:\n      specs: {specs}\n{extra}"
    )


FILES = {"asyncapi/rt.yaml": SPEC}


def html(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_a_strict_build_generates_the_overview_and_channel_pages(
    build_site, theme: str, use_directory_urls: bool
) -> None:
    extra = f"use_directory_urls: {str(use_directory_urls).lower()}\n"
    site = build_site(config(theme, extra=extra), FILES, strict=True)
    channel_page = (
        "rt/channels/real-time-updates/index.html"
        if use_directory_urls
        else "rt/channels/real-time-updates.html"
    )
    page = html(site, channel_page)
    headers = page.select_one(".asyncapi-headers")
    query = page.select_one(".asyncapi-query")
    assert headers is not None
    assert "Authorization" in headers.get_text()
    assert query is not None
    assert "clientId" in query.get_text()
    assert "string (uuid)" in query.get_text()
    assert "wss://api.example.com/v1/updates" in page.get_text()
    overview = html(site, "rt/index.html")
    assert "Live data with a | pipe." in overview.get_text()


def test_links_between_pages_resolve(build_site) -> None:
    site = build_site(config(extra="use_directory_urls: false\n"), FILES, strict=True)
    overview = html(site, "rt/index.html")
    hrefs = {a["href"] for a in overview.select("article a[href], .col-md-9 a[href]")}
    assert "channels/real-time-updates.html" in hrefs
    channel = html(site, "rt/channels/real-time-updates.html")
    reply_links = {a["href"] for a in channel.select("a[href]")}
    assert "acks.html" in reply_links


def test_headings_join_the_table_of_contents(build_site) -> None:
    site = build_site(config(), FILES, strict=True)
    toc = html(site, "rt/channels/real-time-updates/index.html").select(".md-nav--secondary a")
    titles = [a.get_text(strip=True) for a in toc]
    assert titles[:6] == [
        "Handshake",
        "Headers",
        "Query parameters",
        "Example request",
        "Try it",
        "Binding",
    ]
    assert "update" in titles


def test_search_finds_a_handshake_header_on_its_channel_page(build_site) -> None:
    site = build_site(config(), FILES, strict=True)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"] if "Authorization" in doc["text"]}
    assert any(loc.startswith("rt/channels/real-time-updates/") for loc in locations)


def test_generated_pages_appear_without_a_nav(build_site) -> None:
    site = build_site(config(), FILES, strict=True)
    nav_links = {a["href"] for a in html(site, "index.html").select(".md-nav a[href]")}
    assert "rt/" in nav_links
    assert "rt/channels/real-time-updates/" in nav_links


def test_a_user_nav_can_list_generated_pages(build_site) -> None:
    nav = "nav:\n  - Home: index.md\n  - API:\n    - rt/index.md\n    - rt/channels/real-time-updates.md\n    - rt/channels/acks.md\n"
    site = build_site(config(extra=nav), FILES, strict=True)
    nav_text = html(site, "index.html").select_one(".md-nav").get_text(" ", strip=True)
    assert "Realtime" in nav_text
    assert "realTimeUpdates" in nav_text


def test_a_users_own_file_at_a_generated_path_is_kept_with_a_warning(
    build_site, caplog: pytest.LogCaptureFixture
) -> None:
    files = {**FILES, "docs/rt/index.md": "# Hand-written overview\n"}
    site = build_site(config(), files)
    assert "Hand-written overview" in (site / "rt" / "index.html").read_text(encoding="utf-8")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("rt/index.md" in w and "is kept" in w for w in warnings)


def test_a_broken_spec_is_an_error_for_that_spec_only(
    build_site, caplog: pytest.LogCaptureFixture
) -> None:
    files = {**FILES, "asyncapi/broken.yaml": "asyncapi: 1.2.0\ninfo: {title: Old}\n"}
    site = build_site(config(specs="[asyncapi/broken.yaml, asyncapi/rt.yaml]"), files)
    assert (site / "rt" / "channels" / "real-time-updates" / "index.html").exists()
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == [
        "asyncapi_ws_docs: asyncapi/broken.yaml:1:1: error[AWD002]: /asyncapi: AsyncAPI version '1.2.0' is not supported "
        "(2.0.0 to 2.6.0, 3.0.0, 3.1.0 are) Hint: write e.g. `asyncapi: 3.0.0` on the first "
        "line; 1.x documents need converting"
    ]


def test_strict_mode_fails_on_spec_warnings(build_site) -> None:
    spec = SPEC.replace("      ws:\n", "      websockets:\n")
    with pytest.raises(Abort, match="warnings in strict mode"):
        build_site(config(), {"asyncapi/rt.yaml": spec}, strict=True)


def test_spec_text_with_jinja_syntax_is_shown_literally_under_macros_like_plugins(
    build_site,
) -> None:
    spec = SPEC.replace("Live data with a `|` pipe.", "Use {{ token }} and {% raw %}")
    site = build_site(config(), {"asyncapi/rt.yaml": spec}, strict=True)
    assert "Use {{ token }} and {% raw %}" in html(site, "rt/index.html").get_text()


def test_the_stylesheet_is_added_before_the_users_own(build_site) -> None:
    site = build_site(config(extra="extra_css: [my.css]\n"), {**FILES, "docs/my.css": ""})
    links = [link["href"] for link in html(site, "index.html").select("link[rel=stylesheet]")]
    ours, theirs = links.index("assets/asyncapi-ws-docs.css"), links.index("my.css")
    assert ours < theirs


def test_generated_pages_link_to_their_spec_for_editing_and_download(build_site) -> None:
    extra = "repo_url: https://example.com/team/api\nedit_uri: edit/main/docs/\n"
    cfg = config(extra=extra).replace(
        "theme: {name: material}", "theme: {name: material, features: [content.action.edit]}"
    )
    site = build_site(cfg, FILES, strict=True)
    channel = html(site, "rt/channels/real-time-updates/index.html")
    edit = channel.select_one("a.md-content__button[href*=edit]")
    assert edit is not None
    assert edit["href"] == "https://example.com/team/api/edit/main/asyncapi/rt.yaml"
    overview = html(site, "rt/index.html")
    download = overview.find("a", string="rt.yaml")
    assert download is not None
    assert (site / "rt" / download["href"]).read_text(encoding="utf-8") == SPEC


def test_a_message_used_on_two_channels_links_each_to_the_other(build_site) -> None:
    spec = (
        SPEC.replace(
            "      update: {payload: {type: object, properties: {price: {type: number}}}}",
            "      update: {$ref: '#/components/messages/shared'}",
        ).replace(
            "      ack: {payload: {type: string}}",
            "      ack: {payload: {type: string}}\n      shared: {$ref: '#/components/messages/shared'}",
        )
        + "components:\n  messages:\n    shared: {payload: {type: string}}\n"
    )
    site = build_site(config(), {"asyncapi/rt.yaml": spec}, strict=True)
    updates = html(site, "rt/channels/real-time-updates/index.html")
    acks = html(site, "rt/channels/acks/index.html")
    assert updates.find("a", string="acks")["href"] == "../acks/"
    assert acks.find("a", string="realTimeUpdates")["href"] == "../real-time-updates/"


def test_a_second_build_reuses_the_rendered_pages(tmp_path: Path, mkdocs_build) -> None:
    project = tmp_path / "p"
    (project / "docs").mkdir(parents=True)
    (project / "asyncapi").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "asyncapi" / "rt.yaml").write_text(SPEC)
    (project / "mkdocs.yml").write_text(config())
    mkdocs_build(project / "mkdocs.yml", project / "site")
    assert (project / ".cache" / "asyncapi-ws-docs" / ".gitignore").exists()
    first = (project / "site" / "rt" / "index.html").read_text(encoding="utf-8")
    loaded = load_config(config_file=str(project / "mkdocs.yml"))
    plugin = loaded.plugins["asyncapi-ws-docs"]
    build(loaded)
    assert plugin.page_cache.hits == 1  # read from disk by a fresh plugin instance
    assert (project / "site" / "rt" / "index.html").read_text(encoding="utf-8") == first


def test_the_plugin_without_specs_or_block_is_a_configuration_error(
    build_site, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        build_site("site_name: t\nplugins: [asyncapi-ws-docs]\n")
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("the plugin has no `specs`" in e and "specs: [asyncapi/" in e for e in errors)


def test_the_plugin_without_specs_serves_the_block_quietly(
    build_site, caplog: pytest.LogCaptureFixture
) -> None:
    page = "# Connect\n\n```asyncapi-ws\nspec: asyncapi/rt.yaml\nshow: overview\n```\n"
    site = build_site(
        "site_name: t\nmarkdown_extensions: [pymdownx.superfences, asyncapi_ws_docs.markdown]\n"
        "plugins: [asyncapi-ws-docs]\n",
        {"asyncapi/rt.yaml": SPEC, "docs/connect.md": page},
        strict=True,
    )
    assert "asyncapi-ws-docs.css" in (site / "connect" / "index.html").read_text()
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_missing_spec_file_is_reported_without_a_made_up_place(
    build_site, caplog: pytest.LogCaptureFixture
) -> None:
    build_site(config(specs="[asyncapi/nope.yaml, asyncapi/rt.yaml]"), FILES)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert errors[0].startswith(
        "asyncapi_ws_docs: asyncapi/nope.yaml: error[AWD001]: cannot read the file"
    )


def test_ignore_leaves_a_rule_out_of_the_log_and_of_strict_mode(build_site) -> None:
    spec = SPEC.replace("      ws:\n", "      websockets:\n")
    site = build_site(
        config(extra="      ignore: [AWD201]\n"), {"asyncapi/rt.yaml": spec}, strict=True
    )
    assert (site / "rt" / "index.html").exists()


@pytest.mark.parametrize(
    ("ignore", "problem"), [("[AWD999]", "unknown code(s) AWD999"), ("[AWD002]", "are errors")]
)
def test_ignore_refuses_unknown_and_error_codes(
    build_site, caplog: pytest.LogCaptureFixture, ignore: str, problem: str
) -> None:
    with pytest.raises(Abort, match="configuration error"):
        build_site(config(extra=f"      ignore: {ignore}\n"), FILES)
    assert problem in caplog.text
