"""The benchmark's targets: the worst ratio over the specs measured, and its verdict.

Also the growth of the times from a spec to one with 4 times the channels (`growth`).
"""

from __future__ import annotations

from typing import Any

from tables import LE, NONE, TIMES, missing, ratio, verdict

TARGETS = {
    "full_vs_baseline": 1.05,
    "growth": 4.4,
    "plugin_vs_parse": 1.5,
    "warm_vs_cold": 0.1,
    "rss_vs_baseline": 1.5,
}


GROWTH_KEYS = tuple(
    f"{what}{kind}"
    for what in ("full", "cached", "baseline", "plugin", "parse")
    for kind in ("_s", "_cpu_s")
)


def growth(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Time at 4 times the channels over time at 1 (the issue's 2000 / 500), per version."""
    rows = []
    by_key = {(r["version"], r["channels"]): r["summary"] for r in results}
    for version in sorted({r["version"] for r in results}):
        sizes = sorted(c for v, c in by_key if v == version)
        for small, big in [(a, b) for a in sizes for b in sizes if b == 4 * a]:
            a, b = by_key[(version, small)], by_key[(version, big)]
            ratios = {k: b[k] / a[k] for k in GROWTH_KEYS if k in a and k in b}
            rows.append({"version": version, "small": small, "big": big, **ratios})
    return rows


def _worst(results: list[dict[str, Any]], key: str) -> tuple[float, str] | None:
    values = [(r["summary"][key], r["name"]) for r in results if key in r["summary"]]
    values = [(v, n) for v, n in values if not missing(v)]
    return max(values) if values else None


def _target_row(
    label: str, goal: float, wall: tuple[float, str] | None, cpu: tuple[float, str] | None
) -> list[str]:
    def shown(found: tuple[float, str] | None) -> str:
        return NONE if found is None else f"{ratio(found[0])} ({found[1]})"

    judged = cpu or wall
    return [
        label,
        f"{LE} {goal}{TIMES}",
        shown(wall),
        shown(cpu),
        verdict(None if judged is None else judged[0] <= goal),
    ]


def target_rows(results: list[dict[str, Any]], growths: list[dict[str, Any]]) -> list[list[str]]:
    def grew(key: str) -> tuple[float, str] | None:
        values = [(g[key], f"{g['version']}, {g['big']}/{g['small']}") for g in growths if key in g]
        return max(values) if values else None

    rows = [
        _target_row(
            "full build / baseline",
            TARGETS["full_vs_baseline"],
            _worst(results, "full_vs_baseline"),
            _worst(results, "full_vs_baseline_cpu"),
        ),
        _target_row(
            "full build with the plugin's disk cache / baseline",
            TARGETS["full_vs_baseline"],
            _worst(results, "cached_vs_baseline"),
            _worst(results, "cached_vs_baseline_cpu"),
        ),
        _target_row(
            f"full build at 4{TIMES} the channels / at 1{TIMES}",
            TARGETS["growth"],
            grew("full_s"),
            grew("full_cpu_s"),
        ),
        _target_row(
            "plugin time / C YAML parse",
            TARGETS["plugin_vs_parse"],
            _worst(results, "plugin_vs_parse"),
            _worst(results, "plugin_vs_parse_cpu"),
        ),
        _target_row(
            "plugin time in a rebuild with unchanged specs / cold",
            TARGETS["warm_vs_cold"],
            _worst(results, "warm_vs_cold"),
            _worst(results, "warm_vs_cold_cpu"),
        ),
        _target_row(
            "peak RSS full build / baseline",
            TARGETS["rss_vs_baseline"],
            _worst(results, "rss_vs_baseline"),
            None,
        ),
    ]
    rereads = _worst(results, "other_spec_rereads")
    rows.append(
        [
            "serve: the untouched spec opened by the plugin after a spec is touched",
            f"0{TIMES}",
            NONE if rereads is None else f"{rereads[0]:.0f}{TIMES} ({rereads[1]})",
            NONE,
            verdict(None if rereads is None else rereads[0] == 0),
        ]
    )
    return rows
