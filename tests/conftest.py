"""Fixtures every test may use: where things are, and real MkDocs builds in temporary folders.

``build_site`` is the way to test the plugin as a user meets it: write an ``mkdocs.yml`` and a
few files, build with MkDocs itself (in this process, so a failure shows a Python traceback),
and read the HTML that came out. MkDocs' warnings are captured by pytest's ``caplog``: a test
that asks for ``build_site`` and ``caplog`` reads them in ``caplog.records``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Protocol

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

if TYPE_CHECKING:
    from collections.abc import Mapping

REPO_ROOT = Path(__file__).parents[1]

#: Where the spec corpus lives: ``shared/`` sits beside the repository, on a developer's machine
#: and in CI alike (CI lays a read-only copy of it beside the fresh clone).
CORPUS_DIR = Path(__file__).parents[2] / "shared" / "corpus"


class MissingPrerequisite(Protocol):
    """Stops a test that cannot run here; see the ``missing_prerequisite`` fixture."""

    def __call__(self, message: str) -> NoReturn: ...


class MkDocsBuild(Protocol):
    """Builds the site of one ``mkdocs.yml``; see the ``mkdocs_build`` fixture."""

    def __call__(self, config_file: Path, site_dir: Path, *, strict: bool = False) -> Path: ...


class SiteBuilder(Protocol):
    """Writes a project and builds it; see the ``build_site`` fixture."""

    def __call__(
        self, config: str, files: Mapping[str, str] | None = None, *, strict: bool = False
    ) -> Path: ...


@pytest.fixture(scope="session")
def missing_prerequisite() -> MissingPrerequisite:
    """Fail under CI, skip elsewhere, when something a test needs is not installed.

    CI's ``.ci/run`` installs everything, so a missing piece there is a broken run, never a
    reason to pass quietly. On a developer's machine it is only a reason to skip.
    """

    def stop(message: str) -> NoReturn:
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    return stop


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The root of this repository (where ``pyproject.toml`` and ``mkdocs.yml`` are)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def corpus_dir(missing_prerequisite: MissingPrerequisite) -> Path:
    """``shared/corpus``: real-world AsyncAPI documents, read-only."""
    if not CORPUS_DIR.is_dir():
        missing_prerequisite(f"the spec corpus is missing: expected {CORPUS_DIR}")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def artifacts_dir(repo_root: Path) -> Path:
    """``test-artifacts/`` (gitignored): screenshots and other files to look at after a run."""
    path = repo_root / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def mkdocs_build() -> MkDocsBuild:
    """Build one ``mkdocs.yml`` into ``site_dir`` as ``mkdocs build`` would, and return it.

    Plugins get ``on_startup`` and ``on_shutdown`` around the build, as under the CLI. With
    ``strict=True`` MkDocs raises ``mkdocs.exceptions.Abort`` after a build that warned.
    """

    def run(config_file: Path, site_dir: Path, *, strict: bool = False) -> Path:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return site_dir

    return run


@pytest.fixture
def build_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, mkdocs_build: MkDocsBuild
) -> SiteBuilder:
    """Write ``mkdocs.yml`` and ``files`` into a new folder, build it, return the site folder.

    ``config`` is the text of ``mkdocs.yml``; ``files`` maps paths relative to the project
    folder (``"docs/index.md"``, ``"docs/asyncapi/chat.yaml"``) to their text. A ``docs/`` folder
    is always made, with a one-line ``index.md`` unless ``files`` brings its own. Each call
    builds a separate project, so one test may build several. MkDocs' messages at WARNING and
    above land in ``caplog.records``.

    Example::

        site = build_site("site_name: t\\nplugins: [{asyncapi-ws-docs: {specs: [...]}}]\\n", {...})
        html = (site / "index.html").read_text()
    """
    caplog.set_level(logging.WARNING, logger="mkdocs")
    builds = 0

    def build_one(
        config: str, files: Mapping[str, str] | None = None, *, strict: bool = False
    ) -> Path:
        nonlocal builds
        builds += 1
        project = tmp_path / f"project-{builds}"
        (project / "docs").mkdir(parents=True)
        files = {"docs/index.md": "# Home\n", **(files or {})}
        for relative, text in files.items():
            path = project / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        return mkdocs_build(project / "mkdocs.yml", project / "site", strict=strict)

    return build_one
