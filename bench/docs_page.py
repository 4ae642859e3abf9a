"""Results put into their section of the documentation's Performance page, between markers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from common import log

if TYPE_CHECKING:
    from pathlib import Path


RESULTS_START = "<!-- bench/run.py writes from here -->"
RESULTS_END = "<!-- to here -->"


def publish(text: str, page: Path, start_marker: str = RESULTS_START) -> None:
    """Put results into the docs page after `start_marker`, up to the next end marker.

    Their headings go a level down, below the page's own `## Results`.
    """
    if not page.is_file():
        return
    content = page.read_text("utf-8")
    start = content.find(start_marker)
    end = content.find(RESULTS_END, start + 1)
    if start < 0 or end < 0:
        log(f"{page}: no markers {start_marker!r} ... {RESULTS_END!r}; not updated")
        return
    body = re.sub(r"^(#+) ", r"#\1 ", text, flags=re.MULTILINE)
    head = content[: start + len(start_marker)]
    page.write_text(f"{head}\n\n{body.strip()}\n\n{content[end:]}", "utf-8")
    log(f"written: {page}")
