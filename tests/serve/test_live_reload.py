"""`mkdocs serve` for real: editing a file a spec reaches through `$ref` updates the pages."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest

from .server import edit_until_shown, serving, wait_for

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SPEC = """\
asyncapi: 3.0.0
info: {title: Live, version: '1'}
servers:
  production: {host: api.example.com, protocol: wss}
channels:
  feed:
    address: /feed
    bindings:
      ws:
        headers: {$ref: './shared/headers.yaml#/Headers'}
"""
HEADERS = """\
Headers:
  type: object
  properties:
    Authorization: {type: string, description: VERSION_ONE}
"""
CONFIG = """\
site_name: Live
plugins:
  - asyncapi-ws-docs:
      specs: [{path: asyncapi/live.yaml, output: ref}]
markdown_extensions:
  - asyncapi_ws_docs.markdown
"""
CONNECTING = "# Connecting\n\n```asyncapi-ws\nspec: asyncapi/live.yaml\nchannel: feed\nshow: handshake\n```\n"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "asyncapi" / "shared").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "connecting.md").write_text(CONNECTING)
    (tmp_path / "asyncapi" / "live.yaml").write_text(SPEC)
    (tmp_path / "asyncapi" / "shared" / "headers.yaml").write_text(HEADERS)
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    with serving([sys.executable, "-m", "mkdocs", "serve"], tmp_path) as base:
        yield tmp_path, base


def test_editing_a_reffed_file_rebuilds_generated_and_embedding_pages(
    served: tuple[Path, str], artifacts_dir: Path
) -> None:
    project, base = served
    channel_page, embedding_page = base + "ref/channels/feed/", base + "connecting/"
    wait_for(channel_page, "VERSION_ONE")
    wait_for(embedding_page, "VERSION_ONE")

    headers = project / "asyncapi" / "shared" / "headers.yaml"
    edited = HEADERS.replace("VERSION_ONE", "VERSION_TWO")
    seconds = edit_until_shown(headers, edited, project, channel_page, "VERSION_TWO")
    seconds += wait_for(embedding_page, "VERSION_TWO")
    (artifacts_dir / "live-reload.txt").write_text(
        f"edit of a $ref'd file to both pages updated: {seconds:.2f} s\n"
    )
