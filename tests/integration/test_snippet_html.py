"""The "Try it" section the plugin writes as HTML is the HTML its Markdown would have given.

Each site is built twice: as shipped (the plugin writes the tab set and highlights the code),
and with a custom `partials/clients.md.jinja` that always writes the Markdown tabs and fences
of before (Python-Markdown, pymdownx.tabbed, superfences and highlight do the work). Apart
from the tabs' ids (pymdownx numbers tab sets per page; the plugin names them after the
section) and the `data-search-exclude` mark, the sections are the same.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from tests.conftest import SiteBuilder

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
SPECS = [
    "spec-examples__websocket-gemini-asyncapi.yml",
    "exchange-collection__krakenfutures_ws_asyncapi.yaml",
]

MARKDOWN_ONLY = """\
{% set clients = channel.handshake.clients %}
{% if clients and clients.snippets %}
{{ heading(0) }} Try it

{% for snippet in clients.snippets %}
{% if clients.tabbed %}
=== "{{ snippet.label }}"

{% if snippet.code %}
{{ snippet.code | fence(snippet.language) | indent(4, first=True) }}
{% else %}
    {{ snippet.note }}
{% endif %}

{% else %}
<p class="asyncapi-subheading"><strong>{{ snippet.label | html }}</strong></p>

{% if snippet.code %}
{{ snippet.code | fence(snippet.language) }}
{% else %}
{{ snippet.note }}
{% endif %}

{% endif %}
{% endfor %}
{% endif %}
"""

MATERIAL = """\
site_name: t
theme: {{name: material, features: [content.code.copy, content.tabs.link]}}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc: {{permalink: true}}
  - pymdownx.highlight
  - pymdownx.superfences
{tabbed}
plugins:
  - search
  - asyncapi-ws-docs:
      specs: [{{path: spec/{spec}, output: api}}]
{templates}
"""


def _try_it_sections(site: Path) -> dict[str, str]:
    """Each channel page's "Try it" section, ids normalised, as BeautifulSoup prints it."""
    sections = {}
    for page in sorted((site / "api" / "channels").rglob("index.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        heading = soup.find(id="try-it")
        if heading is None:
            continue
        parts = []
        for sibling in heading.find_next_siblings():
            if re.fullmatch(r"h[1-6]", sibling.name or ""):
                break
            parts.append(str(sibling))
        text = "\n".join(parts)
        text = re.sub(r'"(__tabbed_1|asyncapi-try)_?-?(\d*)"', r'"tab\2"', text)
        text = re.sub(r'data-tabs="\d+:', 'data-tabs="', text)
        text = text.replace('data-search-exclude=""', "").replace(" >", ">")
        sections[str(page.relative_to(site))] = " ".join(text.split())
    return sections


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("tabbed", [True, False], ids=["tabbed", "plain"])
def test_try_it_html_matches_the_markdown_it_replaces(
    build_site: SiteBuilder, spec: str, tabbed: bool
) -> None:
    text = (CORPUS / spec).read_text("utf-8")
    tabs = "  - pymdownx.tabbed: {alternate_style: true}" if tabbed else ""
    files = {f"spec/{spec}": text, "overrides/partials/clients.md.jinja": MARKDOWN_ONLY}
    shipped = build_site(MATERIAL.format(tabbed=tabs, spec=spec, templates=""), files)
    markdown = build_site(
        MATERIAL.format(tabbed=tabs, spec=spec, templates="      custom_templates: overrides"),
        files,
    )
    written, converted = _try_it_sections(shipped), _try_it_sections(markdown)
    assert written
    assert written == converted
    raw = next(iter(sorted((shipped / "api" / "channels").rglob("index.html")))).read_text()
    assert "data-search-exclude" in raw
    assert ('class="tabbed-set tabbed-alternate"' in raw) is tabbed
    # Put into the final page after the search plugin indexed it: not in the index.
    assert "ReceiveAsync" in raw
    assert "ReceiveAsync" not in (shipped / "search" / "search_index.json").read_text("utf-8")


def test_sites_whose_fences_number_lines_keep_the_markdown(build_site: SiteBuilder) -> None:
    spec = SPECS[0]
    config = MATERIAL.format(
        tabbed="  - pymdownx.tabbed: {alternate_style: true}", spec=spec, templates=""
    ).replace("  - pymdownx.highlight\n", "  - pymdownx.highlight: {line_spans: __span}\n")
    site = build_site(config, {f"spec/{spec}": (CORPUS / spec).read_text("utf-8")})
    page = next(iter(sorted((site / "api" / "channels").rglob("index.html")))).read_text()
    assert 'id="__tabbed_1_1"' in page  # pymdownx.tabbed's own tab set
    assert 'id="asyncapi-try-1"' not in page  # not the one the plugin writes
