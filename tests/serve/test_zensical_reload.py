"""`zensical serve` for real: with the spec folder under `watch:`, a spec edit shows on the
block pages the `pages` command wrote (their Markdown does not change; the spec does)."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.cli import main

from .server import edit_until_shown, serving, wait_for
from .test_live_reload import HEADERS, SPEC

if TYPE_CHECKING:
    from collections.abc import Iterator

CONFIG = """\
site_name: Live
markdown_extensions:
  - asyncapi_ws_docs.markdown
extra_css: [assets/asyncapi-ws-docs.css]
watch: [asyncapi]
"""


@pytest.fixture
def served(tmp_path: Path, missing_prerequisite, monkeypatch) -> Iterator[tuple[Path, str]]:
    zensical = str(Path(sys.executable).with_name("zensical"))
    if shutil.which(zensical) is None:
        missing_prerequisite("zensical is not installed (pip install '.[test]')")
    (tmp_path / "docs").mkdir()
    (tmp_path / "asyncapi" / "shared").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "asyncapi" / "live.yaml").write_text(SPEC)
    (tmp_path / "asyncapi" / "shared" / "headers.yaml").write_text(HEADERS)
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    _backdate(tmp_path / "asyncapi")
    monkeypatch.chdir(tmp_path)
    assert main(["pages", "asyncapi/live.yaml", "--out", "docs/ref"]) == 0
    with serving([zensical, "serve", "-f", "mkdocs.yml"], tmp_path) as base:
        yield tmp_path, base


def _backdate(folder: Path) -> None:
    """Date the files under `folder` a minute back.

    Zensical rebuilds on an edit to a file under `watch:`, but reuses the pages it rendered
    while that file's modification time is in the same whole second as before: an edit made
    within the second the fixture wrote the spec never showed (7 to 19 runs in 100 here).
    """
    past = time.time() - 60
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))


def test_a_spec_edit_reloads_the_block_pages_under_zensical_serve(
    served: tuple[Path, str], artifacts_dir: Path
) -> None:
    project, base = served
    channel_page = base + "ref/channels/feed/"
    wait_for(channel_page, "VERSION_ONE")

    headers = project / "asyncapi" / "shared" / "headers.yaml"
    edited = HEADERS.replace("VERSION_ONE", "VERSION_TWO")
    seconds = edit_until_shown(headers, edited, project, channel_page, "VERSION_TWO")
    (artifacts_dir / "zensical-reload.txt").write_text(
        f"zensical serve: edit of a $ref'd file to the block page updated: {seconds:.2f} s\n"
    )
