"""Real MkDocs builds of pages that embed pieces of specs with the `asyncapi-ws` block."""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from tests.integration.test_build import SPEC

if TYPE_CHECKING:
    from pathlib import Path

OTHER_SPEC = SPEC.replace("title: Realtime", "title: Other").replace("/updates", "/other")


def config(*, plugin: bool = True, extra: str = "") -> str:
    plugins = "  - search\n"
    if plugin:
        plugins += "  - asyncapi-ws-docs:\n      specs: [{path: asyncapi/rt.yaml, output: ref}]\n"
    return (
        "site_name: Test\ntheme: {name: material, font: false}\n"
        "markdown_extensions:\n  - toc\n  - tables\n  - pymdownx.superfences\n"
        "  - asyncapi_ws_docs.markdown\n"
        f"plugins:\n{plugins}{extra}"
    )


def block(options: str) -> str:
    return f"```asyncapi-ws\n{options}\n```\n"


def page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_an_embedded_handshake_is_rendered_like_the_generated_page(build_site) -> None:
    connecting = "# Connecting\n\n" + block(
        "spec: asyncapi/rt.yaml\nchannel: realTimeUpdates\nshow: handshake"
    )
    site = build_site(
        config(),
        {"asyncapi/rt.yaml": SPEC, "docs/connecting.md": connecting},
        strict=True,
    )
    embedded = page(site, "connecting").select_one(".asyncapi-headers")
    generated = page(site, "ref/channels/real-time-updates").select_one(".asyncapi-headers")
    assert embedded is not None
    assert str(embedded) == str(generated)


def test_embedded_headings_join_the_table_of_contents(build_site) -> None:
    connecting = "# Connecting\n\n## Open it\n\n" + block(
        "spec: asyncapi/rt.yaml\nchannel: realTimeUpdates\nshow: handshake\nheading: 3"
    )
    site = build_site(config(), {"asyncapi/rt.yaml": SPEC, "docs/connecting.md": connecting})
    toc = [a.get_text(strip=True) for a in page(site, "connecting").select(".md-nav--secondary a")]
    assert toc[:3] == ["Open it", "Handshake", "Headers"]


def test_two_specs_on_one_page_share_no_anchor(build_site) -> None:
    text = "# Both\n\n" + "\n".join(
        block(f"spec: asyncapi/{name}.yaml\nchannel: realTimeUpdates") for name in ("rt", "other")
    )
    site = build_site(
        config(),
        {"asyncapi/rt.yaml": SPEC, "asyncapi/other.yaml": OTHER_SPEC, "docs/both.md": text},
        strict=True,
    )
    ids = [tag["id"] for tag in page(site, "both").select("article [id]")]
    repeated = [name for name, count in Counter(ids).items() if count > 1]
    assert repeated == []
    assert "rt-real-time-updates-message-update" in ids
    assert "other-real-time-updates-message-update" in ids


@pytest.mark.parametrize("plugin", [True, False], ids=["with-plugin", "extension-alone"])
def test_a_broken_block_names_page_and_line_and_the_page_still_renders(
    build_site, caplog: pytest.LogCaptureFixture, tmp_path: Path, plugin: bool
) -> None:
    text = (
        "---\ntitle: Broken\n---\n\n# Broken\n\n"
        + block("spec: asyncapi/rt.yaml\nchannel: nope")
        + "\nStill here.\n"
    )
    project = tmp_path / "project-1"  # where build_site writes its first project
    cfg = config(plugin=plugin).replace(
        "  - asyncapi_ws_docs.markdown\n",
        f"  - asyncapi_ws_docs.markdown:\n      base_dir: {project}\n",
    )
    site = build_site(cfg, {"asyncapi/rt.yaml": SPEC, "docs/guide/broken.md": text})
    assert "Still here." in page(site, "guide/broken").get_text()
    assert "guide/broken.md:7" in page(site, "guide/broken").select_one(".admonition-title").text
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        w.startswith("guide/broken.md:7: asyncapi-ws block: no channel 'nope'") for w in warnings
    ), warnings


def test_a_broken_block_fails_a_strict_build(build_site) -> None:
    text = block("spec: asyncapi/missing.yaml")
    with pytest.raises(Abort):
        build_site(config(), {"asyncapi/rt.yaml": SPEC, "docs/broken.md": text}, strict=True)


def test_the_extension_works_without_the_plugin(build_site, tmp_path: Path) -> None:
    text = block("spec: asyncapi/rt.yaml\nchannel: realTimeUpdates\nshow: binding")
    project = tmp_path / "project-1"  # where build_site writes its first project
    cfg = config(plugin=False).replace(
        "  - asyncapi_ws_docs.markdown\n",
        f"  - asyncapi_ws_docs.markdown:\n      base_dir: {project}\n",
    )
    site = build_site(cfg, {"asyncapi/rt.yaml": SPEC, "docs/binding.md": text}, strict=True)
    code = page(site, "binding").select_one("pre code")
    assert code is not None
    assert "Authorization" in code.get_text()


def test_mkdocstrings_and_the_block_build_side_by_side(build_site) -> None:
    pytest.importorskip("mkdocstrings_handlers.python")
    text = "# API\n\n::: asyncapi_ws_docs.site.embed.parse_request\n\n" + block(
        "spec: asyncapi/rt.yaml\nchannel: realTimeUpdates\nshow: handshake"
    )
    cfg = config(extra="  - mkdocstrings:\n      default_handler: python\n")
    site = build_site(cfg, {"asyncapi/rt.yaml": SPEC, "docs/api.md": text}, strict=True)
    html = page(site, "api")
    assert "Read a block's options" in html.get_text()  # mkdocstrings rendered the docstring
    assert html.select_one(".asyncapi-headers") is not None  # and the block rendered
    assert re.search(r"EmbedRequest", html.get_text())


def test_a_custom_template_overrides_pages_and_pieces_alike(build_site) -> None:
    override = (
        "{{ heading(0) }} Connect here\n\n"
        "{% for u in channel.handshake.urls %}CUSTOM-URL {{ u.url | code }}\n{% endfor %}\n"
    )
    text = block("spec: asyncapi/rt.yaml\nchannel: realTimeUpdates\nshow: handshake")
    cfg = config().replace(
        "specs: [{path: asyncapi/rt.yaml, output: ref}]",
        "specs: [{path: asyncapi/rt.yaml, output: ref}]\n      custom_templates: overrides",
    )
    files = {
        "asyncapi/rt.yaml": SPEC,
        "docs/connecting.md": text,
        "overrides/partials/handshake.md.jinja": override,
    }
    site = build_site(cfg, files, strict=True)
    for name in ("ref/channels/real-time-updates", "connecting"):
        html = page(site, name)
        assert "CUSTOM-URL" in html.get_text()
        assert html.select_one(".asyncapi-headers") is None


def test_pymdownx_blocks_and_the_block_build_side_by_side(build_site) -> None:
    text = (
        "# Notes\n\n/// admonition | Heads up\n    type: warning\n\nA pymdownx block.\n///\n\n"
        + block("spec: asyncapi/rt.yaml\nchannel: realTimeUpdates\nshow: handshake")
    )
    cfg = config().replace(
        "  - asyncapi_ws_docs.markdown\n",
        "  - asyncapi_ws_docs.markdown\n  - pymdownx.blocks.admonition\n",
    )
    site = build_site(cfg, {"asyncapi/rt.yaml": SPEC, "docs/notes.md": text}, strict=True)
    html = page(site, "notes")
    assert html.select_one(".admonition.warning") is not None
    assert "A pymdownx block." in html.select_one(".admonition.warning").get_text()
    assert html.select_one(".asyncapi-headers") is not None
