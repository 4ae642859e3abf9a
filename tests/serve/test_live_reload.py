"""`mkdocs serve` for real: editing a file a spec reaches through `$ref` updates the pages."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from typing import TYPE_CHECKING

import pytest

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
WAIT_SECONDS = 45


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str) -> float:
    """Seconds until `url` serves a page holding `text` (fails after WAIT_SECONDS)."""
    start = time.monotonic()
    while time.monotonic() - start < WAIT_SECONDS:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.2)
    pytest.fail(f"{url} did not show {text!r} within {WAIT_SECONDS} s")


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


@contextlib.contextmanager
def serving(command: list[str], cwd: Path) -> Iterator[str]:
    """Run a `serve` command (`-a 127.0.0.1:<free port>` is added); yield its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_editing_a_reffed_file_rebuilds_generated_and_embedding_pages(
    served: tuple[Path, str], artifacts_dir: Path
) -> None:
    project, base = served
    channel_page, embedding_page = base + "ref/channels/feed/", base + "connecting/"
    wait_for(channel_page, "VERSION_ONE")
    wait_for(embedding_page, "VERSION_ONE")

    headers = project / "asyncapi" / "shared" / "headers.yaml"
    edited_at = time.monotonic()
    headers.write_text(HEADERS.replace("VERSION_ONE", "VERSION_TWO"))
    wait_for(channel_page, "VERSION_TWO")
    wait_for(embedding_page, "VERSION_TWO")
    seconds = time.monotonic() - edited_at
    (artifacts_dir / "live-reload.txt").write_text(
        f"edit of a $ref'd file to both pages updated: {seconds:.2f} s\n"
    )
