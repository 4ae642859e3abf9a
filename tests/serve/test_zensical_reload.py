"""`zensical serve` for real: with the spec folder under `watch:`, a spec edit shows on the
block pages the `pages` command wrote (their Markdown does not change; the spec does)."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.cli import main
from tests.serve.test_live_reload import HEADERS, SPEC, serving, wait_for

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
    monkeypatch.chdir(tmp_path)
    assert main(["pages", "asyncapi/live.yaml", "--out", "docs/ref"]) == 0
    with serving([zensical, "serve", "-f", "mkdocs.yml"], tmp_path) as base:
        yield tmp_path, base


def test_a_spec_edit_reloads_the_block_pages_under_zensical_serve(
    served: tuple[Path, str], artifacts_dir: Path
) -> None:
    project, base = served
    channel_page = base + "ref/channels/feed/"
    wait_for(channel_page, "VERSION_ONE")

    headers = project / "asyncapi" / "shared" / "headers.yaml"
    edited_at = time.monotonic()
    headers.write_text(HEADERS.replace("VERSION_ONE", "VERSION_TWO"))
    wait_for(channel_page, "VERSION_TWO")
    seconds = time.monotonic() - edited_at
    (artifacts_dir / "zensical-reload.txt").write_text(
        f"zensical serve: edit of a $ref'd file to the block page updated: {seconds:.2f} s\n"
    )
