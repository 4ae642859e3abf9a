"""The Markdown twin of a spec (`<output>/llms.md`): the whole reference, compact, for tools.

Written from the views, it keeps what a reader needs to talk to the API: servers, each
channel's handshake, the message flow as Mermaid source, the operations and every message with
its properties and examples; and it leaves out what only a browser uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.readers import load_spec
from asyncapi_ws_docs.page.pages import spec_pages
from tests.conftest import REPO_ROOT

from .helpers import load

if TYPE_CHECKING:
    from pathlib import Path


def realtime_twin(*, cross_references: bool = False) -> str:
    path = REPO_ROOT / "docs" / "asyncapi" / "realtime.yaml"
    spec, diagnostics = load_spec(path, roots=[path.parent], display_base=path.parent)
    assert spec is not None, [d.format() for d in diagnostics]
    pages = spec_pages(spec, output="rt", llms=True, cross_references=cross_references)
    (twin,) = [page for page in pages if page.raw]
    assert twin.path == "rt/llms.md"
    return twin.markdown


def test_the_twin_keeps_the_handshake_of_every_channel() -> None:
    twin = realtime_twin()

    assert twin.count("### Handshake") == 2
    assert "- `production` (wss): `wss://api.example.com/v1/updates?clientId={clientId}`" in twin
    assert "| `Authorization` | string | required |" in twin
    assert "```http\nGET /v1/updates?clientId=" in twin


def test_the_twin_keeps_every_message_with_its_payload_and_examples() -> None:
    twin = realtime_twin()

    for key in ("update", "commentThread", "subscribe", "subscribed", "priceTick", "heartbeat"):
        assert f"#### `{key}`" in twin
    assert "| `data.values[].metric` | string | required |" in twin
    assert "name: cpuWidget\n" in twin


def test_the_twin_keeps_the_mermaid_source_and_the_operations() -> None:
    twin = realtime_twin()

    assert twin.count("```mermaid\nsequenceDiagram\n") == 2
    assert "| **sends** to the client (`send`) | `sendUpdate` |" in twin


def test_the_twin_leaves_out_what_only_a_browser_uses() -> None:
    twin = realtime_twin()

    for tag in ("<div", "<p", "<code", "<table", "<a ", "<svg", "<details"):
        assert tag not in twin
    assert "websocat" not in twin
    assert "Live console" not in twin


def test_the_twin_carries_the_identifiers_when_the_site_resolves_them() -> None:
    assert "rt:realTimeUpdates:update" not in realtime_twin()
    assert "- Cross-reference identifier (mkdocs-autorefs): `rt:realTimeUpdates:update`" in (
        realtime_twin(cross_references=True)
    )


def test_the_overview_links_the_twin_only_when_asked(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, "asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\n")
    with_twin = spec_pages(spec, output="t", llms=True)
    without = spec_pages(spec, output="t")

    assert '<a href="llms.md" type="text/markdown">' in with_twin[0].markdown
    assert "llms.md" not in without[0].markdown
    assert not any(page.raw for page in without)
