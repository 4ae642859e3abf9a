"""What a run measured on: the machine, the versions, and the copy of the package.

`snapshot_package` copies `asyncapi_ws_docs/` at the start, so that one run measures one
version of the code however long it takes; `PACKAGE_COPY` is where the copy is.
"""

from __future__ import annotations

import compileall
import datetime as dt
import hashlib
import importlib.metadata
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from common import REPO


def _first(path: str, pattern: str) -> str:
    try:
        text = Path(path).read_text("utf-8")
    except OSError:
        return "unknown"
    match = re.search(pattern, text, re.MULTILINE)
    return match.group(1).strip() if match else "unknown"


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def snapshot_package(workdir: Path) -> str:
    """Copy `asyncapi_ws_docs/` and put the copy first on the path of this and every child.

    Other people may edit the package while the benchmark runs (for hours); the copy makes the
    whole run measure one version of the code. Returns its description for the report.
    """
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = _git("status", "--porcelain", "--", "asyncapi_ws_docs")
    target = workdir / "code"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(
        REPO / "asyncapi_ws_docs",
        target / "asyncapi_ws_docs",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    compileall.compile_dir(target, quiet=1)  # no child pays for compiling it
    digest = hashlib.sha256()
    for file in sorted((target / "asyncapi_ws_docs").rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.relative_to(target).as_posix().encode())
            digest.update(file.read_bytes())
    sys.path.insert(0, str(target))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(target), os.environ.get("PYTHONPATH", "")])
    )
    global PACKAGE_COPY  # noqa: PLW0603 (set once, before any measurement)
    PACKAGE_COPY = target / "asyncapi_ws_docs"
    state = "with uncommitted changes in asyncapi_ws_docs/" if dirty else "clean"
    return f"commit {commit or '?'}, {state}; code sha256 {digest.hexdigest()[:12]}"


PACKAGE_COPY: Path | None = None
"""The copy of the package every measurement runs (see `snapshot_package`)."""


def machine_info() -> dict[str, str]:
    """The machine and the versions the numbers were measured with."""
    ram_kb = _first("/proc/meminfo", r"^MemTotal:\s+(\d+)")
    ram = f"{int(ram_kb) / 1024**2:.1f} GiB" if ram_kb.isdigit() else "unknown"
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "without libyaml"
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _first("/proc/cpuinfo", r"^model name\s*:\s*(.+)$"),
        "cores": f"{cores} logical, {usable} usable",
        "ram": ram,
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "mkdocs": _version("mkdocs"),
        "mkdocs-material": _version("mkdocs-material"),
        "pyyaml": f"{_version('PyYAML')} ({libyaml})",
        "markdown": _version("Markdown"),
        "pymdown-extensions": _version("pymdown-extensions"),
        "jinja2": _version("Jinja2"),
        "asyncapi-ws-docs": _version("asyncapi-ws-docs"),
    }
