"""Versioned sites with mike: each version's reference works inside its own folder.

`mike deploy VERSION` builds the site and commits it into `VERSION/` on the `gh-pages` branch,
next to the other versions. Two versions of a spec are deployed into one temporary repository,
and the branch's tree is read back: every link of each version's pages lands on a file (and
anchor) of the same version, each version offers its own spec for download, and each page's
console script is the copy in its own folder.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow  # two `mike deploy` runs, each a full `mkdocs build`

REALTIME = (REPO_ROOT / "docs" / "asyncapi" / "realtime.yaml").read_text(encoding="utf-8")
SCHEMAS = (REPO_ROOT / "docs" / "asyncapi" / "common" / "schemas.yaml").read_text(encoding="utf-8")
VERSIONS = {"1.0": "2.3.0", "2.0": "3.0.0"}  # the site's version: the spec's info.version

CONFIG = """\
site_name: Versioned
site_url: https://example.com/api/
strict: true
theme: {name: material, font: false}
extra:
  version: {provider: mike}
markdown_extensions: [toc, tables, attr_list, md_in_html, pymdownx.superfences]
plugins:
  - search
  - mike
  - asyncapi-ws-docs:
      ignore: [AWD501]
      specs:
        - {path: realtime.yaml, output: rt}
"""

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


def run(folder: Path, *command: str) -> None:
    # mike runs `mkdocs build` from PATH: this interpreter's scripts come first.
    scripts = str(Path(sys.executable).parent)
    env = {**os.environ, **GIT_IDENTITY, "PATH": scripts + os.pathsep + os.environ["PATH"]}
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `gh-pages` tree after deploying versions 1.0 and 2.0 (spec 2.3.0, then 3.0.0)."""
    project = tmp_path_factory.mktemp("mike")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "common").mkdir()
    (project / "common" / "schemas.yaml").write_text(SCHEMAS, encoding="utf-8")
    (project / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    run(project, "git", "init", "-q", "-b", "main")
    for version, spec_version in VERSIONS.items():
        spec = REALTIME.replace("version: 2.3.0", f"version: {spec_version}", 1)
        (project / "realtime.yaml").write_text(spec, encoding="utf-8")
        run(project, "git", "add", "-A")
        run(project, "git", "commit", "-q", "-m", f"version {version}")
        run(project, "mike", "deploy", version)  # the script beside this interpreter
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "gh-pages"], cwd=project, capture_output=True, check=True
    ).stdout
    tree = project / "gh-pages"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # Our own branch's files; the "data" filter where this Python has it (3.10.12+).
        if hasattr(tarfile, "data_filter"):
            tar.extractall(tree, filter="data")
        else:
            tar.extractall(tree)  # noqa: S202
    return tree


def local_targets(tree: Path, page: Path) -> list[tuple[str, PurePosixPath, str]]:
    """Each local link, script or stylesheet of `page`: (as written, target path, anchor)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    here = PurePosixPath(page.relative_to(tree).as_posix()).parent
    found = []
    for element in soup.select("a[href], script[src], link[href]"):
        written = str(element.get("href") or element.get("src"))
        parts = urlsplit(written)
        if parts.scheme or parts.netloc or written.startswith(("mailto:", "javascript:")):
            continue
        target = PurePosixPath(os.path.normpath(here / unquote(parts.path))) if parts.path else None
        found.append((written, target or page_path(tree, page), parts.fragment))
    return found


def page_path(tree: Path, page: Path) -> PurePosixPath:
    return PurePosixPath(page.relative_to(tree).as_posix())


def resolved_file(tree: Path, target: PurePosixPath) -> Path:
    path = tree / target
    return path / "index.html" if path.is_dir() else path


def test_versions_json_lists_both_versions(deployed: Path) -> None:
    versions = json.loads((deployed / "versions.json").read_text(encoding="utf-8"))
    assert sorted(entry["version"] for entry in versions) == ["1.0", "2.0"]


@pytest.mark.parametrize("version", list(VERSIONS))
def test_every_link_of_a_version_lands_inside_that_version(deployed: Path, version: str) -> None:
    pages = sorted((deployed / version / "rt").rglob("index.html"))
    assert len(pages) == 3  # the overview and two channel pages

    checked = 0
    for page in pages:
        for written, target, anchor in local_targets(deployed, page):
            checked += 1
            where = f"{page.relative_to(deployed)}: {written}"
            assert target.parts[0] == version, f"{where} leaves version {version}"
            file = resolved_file(deployed, target)
            assert file.is_file(), f"{where}: no {file.relative_to(deployed)}"
            if anchor and file.suffix == ".html":
                soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
                assert soup.find(id=anchor) is not None, f"{where}: no #{anchor}"
    assert checked > 100  # navigation, assets, message and operation links, downloads


@pytest.mark.parametrize(("version", "spec_version"), list(VERSIONS.items()))
def test_each_version_offers_its_own_spec_and_console(
    deployed: Path, version: str, spec_version: str
) -> None:
    overview = deployed / version / "rt" / "index.html"
    downloads = [
        (written, target)
        for written, target, _ in local_targets(deployed, overview)
        if target.name == "realtime.yaml"
    ]
    assert downloads, "the overview has no spec download"
    for _, target in downloads:
        assert f"version: {spec_version}" in (deployed / target).read_text(encoding="utf-8")

    channel = deployed / version / "rt" / "channels" / "prices" / "index.html"
    scripts = [t for w, t, _ in local_targets(deployed, channel) if w.endswith("console.js")]
    assert scripts == [PurePosixPath(version, "assets", "asyncapi-ws-console.js")]
    assert 'class="asyncapi-console"' in channel.read_text(encoding="utf-8")
