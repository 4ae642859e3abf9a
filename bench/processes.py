"""Child processes: a command line for this interpreter, and one run measured to its end.

`run_process` gives the wall time, the CPU time and the peak RSS (from `os.wait4`) of a
process, and raises when it fails. `CHILD` is `child.py`, the measurements that run in a fresh
process.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from typing import TYPE_CHECKING, Any

from common import BENCH, note_load

if TYPE_CHECKING:
    from pathlib import Path

CHILD = BENCH / "child.py"
MB = 1024  # ru_maxrss is in KiB


@dataclasses.dataclass
class Finished:
    """A finished child process: wall and CPU time, peak RSS, exit status and output."""

    seconds: float
    cpu_s: float
    max_rss_kb: int
    status: int
    output: str

    def json(self) -> dict[str, Any]:
        """The JSON object the child printed last."""
        for line in reversed(self.output.strip().splitlines()):
            if line.startswith("{"):
                result: dict[str, Any] = json.loads(line)
                return result
        raise RuntimeError(f"no result in the child's output:\n{self.output[-2000:]}")


def run_process(command: list[str], *, cwd: Path, timeout: float) -> Finished:
    """Run a command; wall time from start to exit, peak RSS from `wait4`."""
    note_load()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                os.kill(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.002)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        finished = Finished(seconds, cpu, usage.ru_maxrss, process.returncode, out.read())
    if finished.status != 0:
        raise RuntimeError(
            f"{' '.join(command)} exited with {finished.status} after {seconds:.1f} s:\n"
            f"{finished.output[-3000:]}"
        )
    return finished


def python(*args: str | Path) -> list[str]:
    """A command line for this interpreter (the venv where the plugin is installed)."""
    return [sys.executable, *(str(a) for a in args)]


def run_script(
    source: str, arguments: list[str], *, folder: Path, timeout: float
) -> tuple[float, float, int]:
    """Wall and CPU seconds of a script that ends by printing `{"status": ...}`, and that status.

    The script is written into `folder` and run there in a fresh process, as a user runs a
    command: start, imports, work and output all count.
    """
    script = folder / "command.py"
    script.write_text(source, "utf-8")
    finished = run_process(python(script, *arguments), cwd=folder, timeout=timeout)
    return finished.seconds, finished.cpu_s, int(finished.json()["status"])
