"""One mkdocs.yml, three engines: MkDocs, ProperDocs and Zensical build the handshake tables.

MkDocs and ProperDocs run the plugin (generated pages) and the Markdown extension (a block
in a hand-written page). Zensical runs Markdown extensions but no MkDocs plugins: it builds
the hand-written page with the block and silently ignores the plugin entry.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.integration.test_build import SPEC

CONFIG = """\
site_name: Engines
theme:
  name: material
  font: false
  features: [content.code.copy]
markdown_extensions:
  - toc
  - tables
  - pymdownx.superfences
  - asyncapi_ws_docs.markdown
plugins:
  - search
  - asyncapi-ws-docs:
      specs: [{path: asyncapi/rt.yaml, output: ref}]
"""
CONNECTING = """\
# Connecting

```asyncapi-ws
spec: asyncapi/rt.yaml
channel: realTimeUpdates
show: handshake
```
"""
ENGINES = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"],
    "properdocs": [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"],
    # Zensical has no output flag (site/ beside the config) and keeps a page cache: -c.
    "zensical": [
        str(Path(sys.executable).with_name("zensical")),
        "build",
        "-c",
        "-s",
        "-f",
        "mkdocs.yml",
    ],
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "asyncapi").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[Connecting](connecting.md)\n")
    (tmp_path / "docs" / "connecting.md").write_text(CONNECTING)
    (tmp_path / "asyncapi" / "rt.yaml").write_text(SPEC)
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    return tmp_path


def build(engine: str, project: Path, missing_prerequisite) -> Path:
    command = ENGINES[engine]
    if engine == "zensical" and shutil.which(command[0]) is None:
        missing_prerequisite("zensical is not installed (pip install '.[test]')")
    # Block paths are relative to the project folder, as under Zensical.
    run_engine(command, project)
    return project / "site"


def run_engine(command: list[str], cwd: Path) -> None:
    """Run one engine's build in `cwd`; it must succeed without a traceback."""
    result = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def handshake_tables(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return " ".join(t.get_text(" ") for t in soup.select(".asyncapi-headers, .asyncapi-query"))


@pytest.mark.parametrize("engine", list(ENGINES))
def test_each_engine_builds_the_embedded_handshake(
    engine: str, project: Path, missing_prerequisite
) -> None:
    site = build(engine, project, missing_prerequisite)
    tables = handshake_tables(site / "connecting" / "index.html")
    assert "Authorization" in tables
    assert "clientId" in tables


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_engines_with_plugins_also_generate_the_reference_pages(
    engine: str, project: Path, missing_prerequisite
) -> None:
    site = build(engine, project, missing_prerequisite)
    tables = handshake_tables(site / "ref" / "channels" / "real-time-updates" / "index.html")
    assert "Authorization" in tables
    assert (site / "ref" / "index.html").exists()


def test_zensical_search_finds_the_embedded_handshake(project: Path, missing_prerequisite) -> None:
    site = build("zensical", project, missing_prerequisite)
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    assert "Authorization" in json.dumps(index)


def test_zensical_resolves_block_paths_from_the_config_folder(
    project: Path, missing_prerequisite
) -> None:
    zensical = ENGINES["zensical"][0]
    if shutil.which(zensical) is None:
        missing_prerequisite("zensical is not installed (pip install '.[test]')")
    result = subprocess.run(  # run from elsewhere, naming the config file
        [zensical, "build", "-c", "-f", str(project / "mkdocs.yml")],
        cwd=project.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Authorization" in handshake_tables(project / "site" / "connecting" / "index.html")


@pytest.mark.parametrize("engine", list(ENGINES))
def test_each_engine_names_the_page_and_line_of_a_broken_block(
    engine: str, project: Path, missing_prerequisite
) -> None:
    command = [part for part in ENGINES[engine] if part not in ("--strict", "-s")]
    if engine == "zensical" and shutil.which(command[0]) is None:
        missing_prerequisite("zensical is not installed (pip install '.[test]')")
    (project / "docs" / "guide").mkdir()
    (project / "docs" / "guide" / "connect.md").write_text(
        "---\ntitle: Connect\n---\n\n# Connect\n\n"
        "```asyncapi-ws\nspec: asyncapi/rt.yaml\nchannel: nope\n```\n"
    )
    result = subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert "guide/connect.md:7: asyncapi-ws block: no channel 'nope'" in result.stderr + (
        result.stdout
    )
