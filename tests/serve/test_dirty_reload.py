"""`mkdocs serve --dirty` for real: an edit to one channel rebuilds that channel's page only.

MkDocs counts every generated file as modified; the plugin's `GeneratedPageFile` tells it
which generated pages changed since the last build, so `--dirty` skips the others. When the
spec's set of pages changes (a channel added), every page of the spec is rebuilt: the
navigation on each of them changed.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .server import WAIT_SECONDS, edit_until_shown, fetch, serving, wait_for

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


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "asyncapi").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "asyncapi" / "dirty.yaml").write_text(SPEC)
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-v"]
    with serving(command, tmp_path, log) as base:
        yield tmp_path, base, log


def _written(log: Path) -> dict[str, int]:
    """When each channel page of the served site was last written (the site is a temp folder)."""
    match = re.search(r"Config value 'site_dir' = '([^']+)'", log.read_text("utf-8", "replace"))
    assert match is not None
    channels = Path(match[1]) / "ref" / "channels"
    return {page.parent.name: page.stat().st_mtime_ns for page in channels.glob("*/index.html")}


def _settled(log: Path) -> None:
    """Wait until no build is under way: each build started has finished.

    Called once a page of the build that an edit caused is served, it waits for that build's
    end. A later build that only repeats it (`edit_until_shown` may write the edit twice) writes
    no page: `--dirty` rebuilds only the pages whose Markdown changed.

    A rebuild's end is its "Reloading browsers": MkDocs drops a log message it logged before,
    so "Documentation built in 0.19 seconds" shows only for the first build that took 0.19 s.
    The first build has none; the server serves once it has finished.
    """
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        text = log.read_text("utf-8", "replace")
        started = text.count("Building documentation...")
        if started == 1 + text.count("Reloading browsers"):
            return
        if time.monotonic() > deadline:
            pytest.fail(f"build {started} not finished within {WAIT_SECONDS} s")
        time.sleep(0.2)


def test_an_edited_channel_is_the_only_page_rebuilt(served: tuple[Path, str, Path]) -> None:
    project, base, log = served
    wait_for(base + "ref/channels/alpha/", "ALPHA_ONE")
    _settled(log)
    first = _written(log)
    time.sleep(0.05)  # a rewrite gets a later modification time
    spec = project / "asyncapi" / "dirty.yaml"
    edited = SPEC.replace("ALPHA_ONE", "ALPHA_TWO")
    edit_until_shown(spec, edited, project, base + "ref/channels/alpha/", "ALPHA_TWO")
    _settled(log)
    second = _written(log)
    assert second["alpha"] > first["alpha"]
    assert second["beta"] == first["beta"]  # not rebuilt
    assert "BETA_ONE" in fetch(base + "ref/channels/beta/")
    # Material's search plugin keeps the index of the pages not rebuilt; MkDocs' own does not.

    # A new channel changes every page's navigation: the spec's pages are all rebuilt.
    added = SPEC + "  gamma: {address: /gamma, description: GAMMA_ONE}\n"
    edit_until_shown(spec, added, project, base + "ref/channels/gamma/", "GAMMA_ONE")
    _settled(log)
    assert _written(log)["beta"] > second["beta"]
    assert "../gamma/" in fetch(base + "ref/channels/beta/")  # in its navigation
