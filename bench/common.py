"""What every benchmark script shares: its folders, the progress log, the load average.

Importing it also quiets Material's banner about MkDocs 2 in this process and the processes it
starts.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results"

LOADS: list[float] = []
"""The 1-minute load average before each measurement: other work on the machine skews times."""

# Material prints a banner about MkDocs 2 on every start; it is noise in the logs.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def log(message: str) -> None:
    """Progress on stdout, with the time of day."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def note_load() -> float:
    """Record and return the 1-minute load average."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    LOADS.append(load)
    return load
