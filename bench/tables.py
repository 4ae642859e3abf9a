"""Markdown tables, and the cells of the reports: seconds, ratios, megabytes, verdicts."""

from __future__ import annotations

from typing import Any

TIMES = "\u00d7"  # the multiplication sign of ratios
NONE = "\u2013"  # an en dash: not measured
LE = "\u2264"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table: the header row, the separator, the rows."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def missing(value: float | None) -> bool:
    """Not measured: `None` or NaN."""
    return value is None or value != value  # noqa: PLR0124 (NaN)


def seconds(value: float | None) -> str:
    """`1.23 s` (`12.3 s` from 10 s on), or a dash when not measured."""
    if missing(value):
        return NONE
    assert value is not None  # noqa: S101 (for the type checker)
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def ratio(value: float | None) -> str:
    """`1.23` and the multiplication sign, or a dash when not measured."""
    return NONE if missing(value) else f"{value:.2f}{TIMES}"


def megabytes(value: float | None) -> str:
    """`123 MB`, or a dash when not measured."""
    return NONE if missing(value) else f"{value:.0f} MB"


def verdict(holds: bool | None) -> str:  # noqa: FBT001
    """`holds`, `**fails**`, or a dash when not measured."""
    return NONE if holds is None else ("holds" if holds else "**fails**")


def pair(wall: float | None, cpu: float | None, fmt: Any = seconds) -> str:
    """`wall / CPU`, each formatted with `fmt`."""
    return f"{fmt(wall)} / {fmt(cpu)}"
