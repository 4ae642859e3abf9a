"""Running a `serve` command in a test, and editing a file it watches until it shows the edit.

A test whose edit the server never acts on waits until it fails, however long it waits. Seen:
Zensical takes a file under `watch:` for unchanged while its modification time stays in the
same whole second, and serves the page it rendered before (see `test_zensical_reload`).
Guarded against: a watcher that starts looking after the server's first page is served takes
an edit made before then for the state it starts from. (MkDocs' does not: its polling watcher
takes its first look before the server answers.) So `edit_until_shown` repeats the edit (the
same text, written whole each time) until the server shows it: a repeat comes a second later.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

WAIT_SECONDS = 45
"""The longest any one wait of these tests lasts; seconds."""


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


def replace(path: Path, text: str, scratch: Path) -> None:
    """Write `path` whole at once, through a file in `scratch` (a folder no server watches, on
    the same file system): a server that read the file midway would build from a truncated one.
    """
    temporary = scratch / f".{path.name}.edit"
    temporary.write_text(text)
    temporary.replace(path)


def edit_until_shown(path: Path, text: str, scratch: Path, url: str, shown: str) -> float:
    """Replace `path` with `text` until `url` serves a page holding `shown`; seconds from the
    first write (fails after WAIT_SECONDS).

    The write is repeated, 1, 2, then every 4 s, in case the server's watcher was not looking
    yet (see the module's docstring). A repeat the server sees too costs it one more build,
    of unchanged files.
    """
    start = time.monotonic()
    next_write, pause = start, 1.0
    while time.monotonic() - start < WAIT_SECONDS:
        if time.monotonic() >= next_write:
            replace(path, text, scratch)
            next_write, pause = time.monotonic() + pause, min(pause * 2, 4.0)
        if shown in fetch(url):
            return time.monotonic() - start
        time.sleep(0.2)
    pytest.fail(f"{url} did not show {shown!r} within {WAIT_SECONDS} s of editing {path.name}")


@contextlib.contextmanager
def serving(command: list[str], cwd: Path, log: Path | None = None) -> Iterator[str]:
    """Run a `serve` command (`-a 127.0.0.1:<free port>` is added); yield its base URL.

    Its output goes to `log` if given, else nowhere.
    """
    port = free_port()
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(log.open("wb")) if log is not None else subprocess.DEVNULL
        server = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{port}"],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
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
