"""The pages through mkdocs-llmstxt, in real builds: the Markdown an assistant reads.

llmstxt converts each listed page's HTML to Markdown and drops images, SVG and tab labels. What
must reach that Markdown: the diagram as its Mermaid source, every snippet with its language,
tables as tables; what must not: the live console, which only works in a browser.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import MkDocsBuild, SiteBuilder


EXAMPLES = REPO_ROOT / "docs" / "asyncapi"
SPECS = {
    "realtime.yaml": (EXAMPLES / "realtime.yaml").read_text(encoding="utf-8"),
    "common/schemas.yaml": (EXAMPLES / "common" / "schemas.yaml").read_text(encoding="utf-8"),
}

LLMSTXT = '  - llmstxt:\n      sections:\n        Reference: ["rt/*.md", "rt/channels/*.md"]\n'
OURS = (
    "  - asyncapi-ws-docs:\n      ignore: [AWD501]\n"
    "      specs:\n        - {path: realtime.yaml, output: rt}\n"
)


def config(plugins: str) -> str:
    return (
        "site_name: Test\nsite_url: https://example.com/docs/\n"
        "theme: {name: material, font: false}\n"
        "markdown_extensions:\n  - toc\n  - tables\n  - attr_list\n  - md_in_html\n"
        "  - pymdownx.highlight\n  - pymdownx.superfences\n"
        "  - pymdownx.tabbed: {alternate_style: true}\n"
        f"plugins:\n  - search\n{plugins}"
    )


def fence_languages(markdown: str) -> list[str]:
    """The language of each fenced block's opening fence, "" for none."""
    fences = re.findall(r"^```(\w*)$", markdown, flags=re.MULTILINE)
    return fences[::2]  # every other fence closes a block


@pytest.fixture(scope="module", params=["llmstxt-first", "ours-first"])
def site(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    mkdocs_build: MkDocsBuild,
) -> Path:
    plugins = LLMSTXT + OURS if request.param == "llmstxt-first" else OURS + LLMSTXT
    project = tmp_path_factory.mktemp(request.param)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    for relative, text in SPECS.items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(config(plugins), encoding="utf-8")
    return mkdocs_build(project / "mkdocs.yml", project / "site", strict=True)


def test_llms_txt_lists_the_generated_pages_in_either_plugin_order(site: Path) -> None:
    listing = (site / "llms.txt").read_text(encoding="utf-8")

    assert "(https://example.com/docs/rt/index.md)" in listing
    assert "(https://example.com/docs/rt/channels/prices/index.md)" in listing
    assert "(https://example.com/docs/rt/channels/real-time-updates/index.md)" in listing


def test_the_diagram_reaches_the_markdown_as_mermaid_source(site: Path) -> None:
    markdown = (site / "rt/channels/prices/index.md").read_text(encoding="utf-8")

    assert "```mermaid\nsequenceDiagram\n" in markdown
    assert "server-->>client: 101 Switching Protocols" in markdown
    assert "<svg" not in markdown


def test_every_snippet_says_its_language(site: Path) -> None:
    markdown = (site / "rt/channels/prices/index.md").read_text(encoding="utf-8")

    languages = fence_languages(markdown)
    assert "" not in languages
    # The handshake request, the "Try it" clients (their tab labels are gone), the binding.
    assert {"http", "bash", "javascript", "python", "go", "java", "csharp", "yaml"} <= set(
        languages
    )


def test_the_handshake_messages_and_tables_stay(site: Path) -> None:
    markdown = (site / "rt/channels/prices/index.md").read_text(encoding="utf-8")

    assert "## Handshake" in markdown
    assert "Upgrade: websocket" in markdown
    assert re.search(
        r"^\| \*\*sends\*\* to the client \(`send`\) +\| `sendPrices` ", markdown, re.MULTILINE
    )
    for message in ("### Price tick", "### Order book snapshot", "### Heartbeat"):
        assert message in markdown


def test_the_console_is_left_out_of_the_markdown_but_not_the_page(site: Path) -> None:
    markdown = (site / "rt/channels/prices/index.md").read_text(encoding="utf-8")
    html = (site / "rt/channels/prices/index.html").read_text(encoding="utf-8")

    assert "Live console" not in markdown
    assert "asyncapi-ws-console.js" not in markdown  # the console's "needs JavaScript" line
    assert '<h2 id="live-console">' in html
    assert 'class="asyncapi-console"' in html
    assert "<!--asyncapi-ws-docs:" not in html


def test_the_plugin_writes_its_own_markdown_twin_when_asked(build_site: SiteBuilder) -> None:
    site = build_site(config(OURS + "      llms_markdown: true\n"), SPECS, strict=True)

    overview = (site / "rt" / "index.html").read_text(encoding="utf-8")
    assert '<a href="llms.md" type="text/markdown">' in overview
    twin = (site / "rt" / "llms.md").read_text(encoding="utf-8")
    assert twin.startswith("# Realtime Updates API\n")
    assert "### Handshake" in twin
    assert "#### `priceTick`: Price tick" in twin
    assert "```mermaid\nsequenceDiagram\n" in twin
    # Not a page of the site: no HTML version, nothing in the search index.
    assert not (site / "rt" / "llms" / "index.html").exists()
    assert "llms" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_without_the_option_there_is_no_twin(build_site: SiteBuilder) -> None:
    site = build_site(config(OURS), SPECS, strict=True)

    assert not (site / "rt" / "llms.md").exists()
    assert "llms.md" not in (site / "rt" / "index.html").read_text(encoding="utf-8")
