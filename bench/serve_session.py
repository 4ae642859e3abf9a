"""A real `mkdocs serve` on a project, and the time from an edit to the served page showing it.

`ServeSession` starts the server (through `child.py serve`, which logs every spec file the
process opens and which code opened it), and `rebuild` makes a `Touch` (an edit to a spec or a
page) and times it. The server is always stopped on exit: Ctrl-C, then a kill.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

from processes import CHILD, python

if TYPE_CHECKING:
    from projects import Project
    from typing_extensions import Self


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def http_get(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (localhost)
            body: bytes = response.read()
            return body.decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


@dataclasses.dataclass
class Touch:
    """An edit to make while `mkdocs serve` runs, and where its effect shows."""

    kind: str  # "spec" or "page"
    path: Path  # the file to edit
    url_path: str  # the page that shows the marker


def _apply(touch: Touch, marker: str) -> None:
    text = touch.path.read_text("utf-8")
    if touch.kind == "spec":
        # A new `info.title` (shown on the overview page) and a comment line at the end.
        text, count = re.subn(
            r"^(  title: Market Streams API \(\d+ channels\)).*$",
            rf"\1 {marker}",
            text,
            count=1,
            flags=re.MULTILINE,
        )
        if count != 1:
            raise RuntimeError(f"{touch.path}: no `info.title` line to edit")
        text += f"# touched: {marker}\n"
    else:
        text += f"\n{marker}\n"
    touch.path.write_text(text, "utf-8")


class ServeSession:
    """`mkdocs serve` on a project, in its own process, always stopped on exit."""

    def __init__(
        self, project: Project, startup_timeout: float, extra_args: tuple[str, ...] = ()
    ) -> None:
        """Prepare the command; `with` starts it and waits for the first build.

        `extra_args` go to `mkdocs serve` (`--dirty`, say).
        """
        self.project = project
        self.extra_args = extra_args
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.opens = project.root / "opens.log"
        self.output = project.root / "serve.log"
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Self:
        """Start the server; return when it answers (its first build is done)."""
        self.opens.write_text("", "utf-8")
        with self.output.open("wb") as out:
            self.process = subprocess.Popen(
                python(
                    CHILD,
                    "serve",
                    self.opens,
                    "--",
                    "serve",
                    "-a",
                    f"127.0.0.1:{self.port}",
                    "-f",
                    self.project.config,
                    *self.extra_args,
                ),
                cwd=self.project.root,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_for_first_build()
        except BaseException:  # Ctrl-C included: never leave the server running
            self.stop()
            raise
        return self

    def _wait_for_first_build(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while http_get(self.base, timeout=5) is None:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited:\n{self.log()[-3000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"mkdocs serve did not answer in {self.startup_timeout:.0f} s")
            time.sleep(0.2)

    def __exit__(self, *_: object) -> None:
        """Stop the server."""
        self.stop()

    def stop(self) -> None:
        """Ctrl-C (mkdocs removes its temporary site), then a kill if it lingers."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=20)

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (Linux: /proc/<pid>/stat)."""
        if self.process is None:
            return float("nan")
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return float("nan")
        # utime and stime are fields 14 and 15 of stat(5); [0] here is field 3.
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def log(self) -> str:
        """What the server printed so far."""
        return self.output.read_text("utf-8", "replace")

    def _builds(self) -> tuple[int, int, list[float]]:
        text = self.log()
        built = [float(s) for s in re.findall(r"Documentation built in ([\d.]+) seconds", text)]
        return text.count("Building documentation"), len(built), built

    def idle(self, timeout: float) -> None:
        """Wait until no build is running (each started build has finished)."""
        deadline = time.monotonic() + timeout
        while True:
            started, finished, _ = self._builds()
            if started == finished:
                return
            if time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve kept building")
            time.sleep(0.1)

    def rebuild(self, touch: Touch, marker: str, timeout: float) -> dict[str, Any]:
        """Edit a file; time until the served page shows the edit. Also: which specs it read."""
        self.idle(timeout)
        time.sleep(1.0)  # let the file watcher settle between touches
        _, finished_before, _ = self._builds()
        wall_start = time.time()
        cpu_start = self.cpu_seconds()
        start = time.perf_counter()
        _apply(touch, marker)
        self._wait_for(self.base + touch.url_path, marker, start + timeout, timeout)
        visible = time.perf_counter() - start
        cpu = self.cpu_seconds() - cpu_start
        _, finished, built = self._builds()
        settle = time.monotonic() + 5  # the log line may trail the page by a moment
        while finished <= finished_before and time.monotonic() < settle:
            time.sleep(0.1)
            _, finished, built = self._builds()
        return {
            "visible_s": visible,
            "cpu_s": cpu,
            "built_s": built[-1] if finished > finished_before else None,
            "builds": finished - finished_before,
            "spec_reads": self._spec_reads(since=wall_start),
        }

    def _wait_for(self, url: str, marker: str, deadline: float, timeout: float) -> None:
        """Poll `url` every 50 ms until it shows `marker` (`deadline` on `perf_counter`)."""
        while True:
            body = http_get(url, timeout=max(1.0, deadline - time.perf_counter()))
            if body is not None and marker in body:
                return
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited:\n{self.log()[-3000:]}")
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{url} did not show {marker!r} within {timeout:.0f} s")
            time.sleep(0.05)

    def _spec_reads(self, since: float) -> dict[str, dict[str, int]]:
        """Which spec files the server opened since `since`, and which code opened them."""
        reads: dict[str, dict[str, int]] = {}
        for line in self.opens.read_text("utf-8").splitlines():
            stamp, opener, path = line.split("\t", 2)
            if float(stamp) >= since:
                name = Path(path).resolve()
                for spec in self.project.specs:
                    if name == spec.resolve():
                        counts = reads.setdefault(str(spec.relative_to(self.project.root)), {})
                        counts[opener] = counts.get(opener, 0) + 1
        return reads
