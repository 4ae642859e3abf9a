"""`mkdocs serve --dirty` for real: an edit to one channel rebuilds that channel's page only.

MkDocs counts every generated file as modified; the plugin's `GeneratedPageFile` tells it
which generated pages changed since the last build, so `--dirty` skips the others. When the
spec's set of pages changes (a channel added), every page of the spec is rebuilt: the
navigation on each of them changed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .test_live_reload import fetch, free_port, wait_for

if TYPE_CHECKING:
    from collections.abc import Iterator

SPEC = """\
asyncapi: 3.0.0
info: {title: Dirty, version: '1'}
servers:
  production: {host: api.example.com, protocol: wss}
channels:
  alpha: {address: /alpha, description: ALPHA_ONE}
  beta: {address: /beta, description: BETA_ONE}
"""
CONFIG = """\
site_name: Dirty
plugins:
  - asyncapi-ws-docs:
      specs: [{path: asyncapi/dirty.yaml, output: ref}]
"""
WAIT_SECONDS = 45


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "asyncapi").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "asyncapi" / "dirty.yaml").write_text(SPEC)
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    log = tmp_path / "serve.log"
    port = free_port()
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-v", "-a", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        yield tmp_path, f"http://127.0.0.1:{port}/", log
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def _written(log: Path) -> dict[str, int]:
    """When each channel page of the served site was last written (the site is a temp folder)."""
    match = re.search(r"Config value 'site_dir' = '([^']+)'", log.read_text("utf-8", "replace"))
    assert match is not None
    channels = Path(match[1]) / "ref" / "channels"
    return {page.parent.name: page.stat().st_mtime_ns for page in channels.glob("*/index.html")}


def _replace(path: Path, text: str) -> None:
    """Write `path` whole at once: a server that sees the truncated file midway would rebuild
    every page from an empty spec, and this test would measure that."""
    temporary = path.parent.parent / f"{path.name}.tmp"  # outside the watched folders
    temporary.write_text(text)
    temporary.replace(path)


def _settled(log: Path, builds: int) -> None:
    """Wait until the server has finished `builds` builds."""
    deadline = time.monotonic() + WAIT_SECONDS
    while log.read_text("utf-8", "replace").count("Documentation built in") < builds:
        if time.monotonic() > deadline:
            pytest.fail(f"no build {builds} within {WAIT_SECONDS} s")
        time.sleep(0.2)


def test_an_edited_channel_is_the_only_page_rebuilt(served: tuple[Path, str, Path]) -> None:
    project, base, log = served
    wait_for(base + "ref/channels/alpha/", "ALPHA_ONE")
    _settled(log, 1)
    first = _written(log)
    time.sleep(0.05)  # a rewrite gets a later modification time
    spec = project / "asyncapi" / "dirty.yaml"
    _replace(spec, SPEC.replace("ALPHA_ONE", "ALPHA_TWO"))
    wait_for(base + "ref/channels/alpha/", "ALPHA_TWO")
    _settled(log, 2)
    second = _written(log)
    assert second["alpha"] > first["alpha"]
    assert second["beta"] == first["beta"]  # not rebuilt
    assert "BETA_ONE" in fetch(base + "ref/channels/beta/")
    # Material's search plugin keeps the index of the pages not rebuilt; MkDocs' own does not.

    # A new channel changes every page's navigation: the spec's pages are all rebuilt.
    _replace(spec, SPEC + "  gamma: {address: /gamma, description: GAMMA_ONE}\n")
    wait_for(base + "ref/channels/gamma/", "GAMMA_ONE")
    _settled(log, 3)
    assert _written(log)["beta"] > second["beta"]
    assert "../gamma/" in fetch(base + "ref/channels/beta/")  # in its navigation
