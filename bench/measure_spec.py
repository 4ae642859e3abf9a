"""All measurements of one spec: builds, the plugin alone, rebuilds, `mkdocs serve`.

`measure` runs them (each in a fresh process) and returns the raw numbers with their
`summarize`: medians and ratios.
"""

from __future__ import annotations

import shutil
import statistics
from typing import TYPE_CHECKING, Any

import generate
import machine
from common import REPO, log, note_load
from processes import CHILD, MB, python, run_process
from projects import OUTPUT, clear_cache, count_warnings, make_projects, mkdocs_build, site_pages
from serve_session import ServeSession, Touch
from tables import TIMES

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from projects import Project


def median(values: list[float]) -> float:
    """The median; NaN when there are no values."""
    return statistics.median(values) if values else float("nan")


def measure(version: str, channels: int, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """All measurements for one spec; raw values and medians."""
    name = f"{version}-{channels}"
    spec = generate.write_spec(version, channels)
    log(f"{name}: spec {spec} ({spec.stat().st_size / 1e6:.1f} MB); writing projects")
    work = workdir / name
    work.mkdir(parents=True, exist_ok=True)
    plugin_project, baseline_project = make_projects(
        work / "build", spec, explicit_nav=args.nav == "explicit", with_other=False
    )
    raw: dict[str, Any] = {
        "spec": str(spec.relative_to(REPO)),
        "spec_mb": spec.stat().st_size / 1e6,
        "channels": channels,
        "version": version,
        "full": [],
        "full_cached": [],
        "baseline": [],
        "plugin": [],
        "parse": [],
        "hooks": [],
        "serve": {},
    }
    for run in range(1, args.runs + 1):
        _measure_builds(raw, name, run, args, (plugin_project, baseline_project))
        if run == 1:
            _check_same_pages(raw, plugin_project, baseline_project)
        _measure_plugin(raw, name, run, args, spec)
        if not args.no_hooks and run <= args.hooks_runs:
            _measure_hooks(raw, name, run, args, plugin_project)
    for project in (plugin_project, baseline_project):
        shutil.rmtree(project.site, ignore_errors=True)
    if not args.no_serve:
        raw["serve"] = measure_serve(name, spec, work / "serve", args, raw)
    raw["summary"] = summarize(raw)
    return raw


def _measure_builds(
    raw: dict[str, Any],
    name: str,
    run: int,
    args: argparse.Namespace,
    projects: tuple[Project, Project],
) -> None:
    """One full build of each kind: plugin cold, plugin with its cache, baseline."""
    plugin_project, baseline_project = projects
    # Alternate the two builds, so drift in the machine's speed hits both alike.
    # Cold (no cache), then again with the plugin's disk cache from the cold build.
    for kind, project in (
        ("full", plugin_project),
        ("full_cached", plugin_project),
        ("baseline", baseline_project),
    ):
        finished = mkdocs_build(project, args.timeout, cached=kind == "full_cached")
        raw[kind].append(
            {
                "seconds": finished.seconds,
                "cpu_s": finished.cpu_s,
                "max_rss_kb": finished.max_rss_kb,
                "warnings": count_warnings(finished.output),
            }
        )
        log(
            f"{name}: {kind} build {run}/{args.runs}: {finished.seconds:.2f} s "
            f"(CPU {finished.cpu_s:.2f} s), "
            f"{finished.max_rss_kb / MB:.0f} MB, {count_warnings(finished.output)} warnings"
        )


def _check_same_pages(raw: dict[str, Any], plugin_project: Project, baseline: Project) -> None:
    """Both sites must have the same HTML pages; their number goes into `raw`."""
    full, base = site_pages(plugin_project.site), site_pages(baseline.site)
    raw["html_pages"] = len(full)
    if full != base:
        diff = sorted(full ^ base)[:5]
        raise RuntimeError(f"the two sites differ in their pages, e.g. {diff}")


def _measure_plugin(
    raw: dict[str, Any], name: str, run: int, args: argparse.Namespace, spec: Path
) -> None:
    """The plugin's load + render alone, and PyYAML's C loader alone, each in a fresh process."""
    timeout = args.timeout
    plugin = run_process(python(CHILD, "plugin", spec), cwd=REPO, timeout=timeout).json()
    copy = machine.PACKAGE_COPY
    if copy is not None and not plugin["package"].startswith(str(copy)):
        raise RuntimeError(f"the child ran {plugin['package']}, not the copy {copy}")
    raw["plugin"].append(plugin)
    parsed = run_process(python(CHILD, "parse", spec), cwd=REPO, timeout=timeout).json()
    raw["parse"].append(parsed)
    log(
        f"{name}: plugin {run}/{args.runs}: load {plugin['load_s']:.2f} s + render "
        f"{plugin['render_s']:.2f} s = {plugin['total_s']:.2f} s (CPU "
        f"{plugin['total_cpu_s']:.2f} s, {plugin['max_rss_kb'] / MB:.0f} MB); C YAML parse "
        f"{parsed['parse_s']:.2f} s (CPU {parsed['parse_cpu_s']:.2f} s, "
        f"{parsed['max_rss_kb'] / MB:.0f} MB)"
    )


def _measure_hooks(
    raw: dict[str, Any], name: str, run: int, args: argparse.Namespace, plugin_project: Project
) -> None:
    """The plugin's event handlers in two builds of one process, as `mkdocs serve` runs them."""
    clear_cache(plugin_project)
    hooks = run_process(
        python(CHILD, "hooks", plugin_project.config), cwd=REPO, timeout=2 * args.timeout
    ).json()
    raw["hooks"].append(hooks)
    log(
        f"{name}: rebuild in one process {run}/{args.hooks_runs}: plugin cold "
        f"{hooks['cold_plugin_s']:.2f} s (CPU {hooks['cold_plugin_cpu_s']:.2f} s), warm "
        f"{hooks['warm_plugin_s']:.2f} s (CPU {hooks['warm_plugin_cpu_s']:.2f} s); builds "
        f"{hooks['cold_build_s']:.1f} s / {hooks['warm_build_s']:.1f} s"
    )


def measure_serve(
    name: str, spec: Path, work: Path, args: argparse.Namespace, raw: dict[str, Any]
) -> dict[str, Any]:
    """Rebuilds under a real `mkdocs serve`: spec touched, page touched, baseline page touched."""
    plugin_project, baseline_project = make_projects(
        work, spec, explicit_nav=args.nav == "explicit", with_other=True
    )
    full_build = median([r["seconds"] for r in raw["full"]])
    timeouts = (max(120.0, 6 * full_build), max(60.0, 4 * full_build))  # startup, rebuild
    result: dict[str, Any] = {"spec": [], "page": [], "baseline_page": []}
    _serve_plugin(result, name, plugin_project, args.serve_runs, timeouts)
    _serve_baseline(result, name, baseline_project, args.serve_runs, timeouts)
    return result


def _serve_plugin(
    result: dict[str, Any], name: str, project: Project, runs: int, timeouts: tuple[float, float]
) -> None:
    """The plugin's site under `mkdocs serve`: spec touched, home page touched, `runs` times."""
    startup, rebuild_timeout = timeouts
    touches = [
        ("spec", Touch("spec", project.specs[0], f"{OUTPUT}/")),
        ("page", Touch("page", project.root / "docs" / "index.md", "")),
    ]
    clear_cache(project)
    log(f"{name}: mkdocs serve (plugin): starting")
    note_load()
    with ServeSession(project, startup) as server:
        for run in range(1, runs + 1):
            for key, touch in touches:
                measured = server.rebuild(touch, f"bench-touch-{key}-{run}", rebuild_timeout)
                result[key].append(measured)
                log(
                    f"{name}: serve, {key} touched {run}/{runs}: visible after "
                    f"{measured['visible_s']:.2f} s (mkdocs: built in {measured['built_s']} s; "
                    f"CPU {measured['cpu_s']:.2f} s); "
                    f"specs read: {measured['spec_reads'] or 'none'}"
                )


def _serve_baseline(
    result: dict[str, Any], name: str, project: Project, runs: int, timeouts: tuple[float, float]
) -> None:
    """The baseline under `mkdocs serve`: the spec's overview page touched, `runs` times."""
    startup, rebuild_timeout = timeouts
    baseline_touch = Touch("page", project.root / "docs" / OUTPUT / "index.md", f"{OUTPUT}/")
    log(f"{name}: mkdocs serve (baseline): starting")
    note_load()
    with ServeSession(project, startup) as server:
        for run in range(1, runs + 1):
            measured = server.rebuild(baseline_touch, f"bench-touch-base-{run}", rebuild_timeout)
            result["baseline_page"].append(measured)
            log(
                f"{name}: serve baseline, page touched {run}/{runs}: visible after "
                f"{measured['visible_s']:.2f} s (mkdocs: built in {measured['built_s']} s; "
                f"CPU {measured['cpu_s']:.2f} s)"
            )


def _median_of(raw: dict[str, Any], kind: str, key: str) -> float:
    """The median of `key` over the runs of `kind` that have it."""
    return median([r[key] for r in raw[kind] if r.get(key) is not None])


def summarize(raw: dict[str, Any]) -> dict[str, Any]:
    """Medians and ratios of one spec's raw numbers."""
    s = _build_summary(raw)
    if raw["hooks"]:
        s.update(_hooks_summary(raw))
    if raw["serve"]:
        s.update(_serve_summary(raw["serve"]))
    return s


def _build_summary(raw: dict[str, Any]) -> dict[str, Any]:
    """Medians of the builds, of the plugin alone and of the C parse, and their ratios."""

    def med(kind: str, key: str) -> float:
        return _median_of(raw, kind, key)

    s: dict[str, Any] = {
        "full_s": med("full", "seconds"),
        "cached_s": med("full_cached", "seconds"),
        "cached_cpu_s": med("full_cached", "cpu_s"),
        "cached_rss_mb": med("full_cached", "max_rss_kb") / MB,
        "baseline_s": med("baseline", "seconds"),
        "full_cpu_s": med("full", "cpu_s"),
        "baseline_cpu_s": med("baseline", "cpu_s"),
        "plugin_cpu_s": med("plugin", "total_cpu_s"),
        "parse_cpu_s": med("parse", "parse_cpu_s"),
        "full_rss_mb": med("full", "max_rss_kb") / MB,
        "baseline_rss_mb": med("baseline", "max_rss_kb") / MB,
        "plugin_s": med("plugin", "total_s"),
        "load_s": med("plugin", "load_s"),
        "render_s": med("plugin", "render_s"),
        "import_s": med("plugin", "import_s"),
        "plugin_rss_mb": med("plugin", "max_rss_kb") / MB,
        "parse_s": med("parse", "parse_s"),
        "parse_rss_mb": med("parse", "max_rss_kb") / MB,
        "warnings": max(
            [r["warnings"] for r in raw["full"] + raw["full_cached"] + raw["baseline"]], default=0
        ),
    }
    s["full_vs_baseline"] = s["full_s"] / s["baseline_s"]
    s["cached_vs_baseline"] = s["cached_s"] / s["baseline_s"]
    s["cached_vs_baseline_cpu"] = s["cached_cpu_s"] / s["baseline_cpu_s"]
    s["full_vs_baseline_cpu"] = s["full_cpu_s"] / s["baseline_cpu_s"]
    s["rss_vs_baseline"] = s["full_rss_mb"] / s["baseline_rss_mb"]
    s["plugin_vs_parse"] = s["plugin_s"] / s["parse_s"]
    s["plugin_vs_parse_cpu"] = s["plugin_cpu_s"] / s["parse_cpu_s"]
    return s


def _hooks_summary(raw: dict[str, Any]) -> dict[str, Any]:
    """Medians of the plugin's time in the cold build and the rebuild of one process."""
    s: dict[str, Any] = {}
    s["cold_hooks_s"] = _median_of(raw, "hooks", "cold_plugin_s")
    s["warm_hooks_s"] = _median_of(raw, "hooks", "warm_plugin_s")
    s["warm_vs_cold"] = s["warm_hooks_s"] / s["cold_hooks_s"]
    s["cold_hooks_cpu_s"] = _median_of(raw, "hooks", "cold_plugin_cpu_s")
    s["warm_hooks_cpu_s"] = _median_of(raw, "hooks", "warm_plugin_cpu_s")
    s["warm_vs_cold_cpu"] = s["warm_hooks_cpu_s"] / s["cold_hooks_cpu_s"]
    return s


def _serve_summary(serve: dict[str, Any]) -> dict[str, Any]:
    """Medians of the rebuilds under `mkdocs serve`, and which specs they opened."""
    s: dict[str, Any] = {}
    for key in ("spec", "page", "baseline_page"):
        s[f"serve_{key}_s"] = median([r["visible_s"] for r in serve[key]])
        built = [r["built_s"] for r in serve[key] if r["built_s"] is not None]
        s[f"serve_{key}_built_s"] = median(built)
        s[f"serve_{key}_cpu_s"] = median([r["cpu_s"] for r in serve[key]])
    s["serve_vs_baseline"] = s["serve_spec_s"] / s["serve_baseline_page_s"]
    s["serve_vs_baseline_cpu"] = s["serve_spec_cpu_s"] / s["serve_baseline_page_cpu_s"]
    s["reads_after_spec"] = _reads(serve["spec"])
    s["reads_after_page"] = _reads(serve["page"])
    # The other spec opened by the plugin's code (to parse or to hash it); MkDocs copying
    # it to the site (the plugin publishes specs for download) is not a re-read.
    s["other_spec_rereads"] = max(
        (
            sum(n for opener, n in openers.items() if opener.startswith("plugin "))
            for r in serve["spec"]
            for f, openers in r["spec_reads"].items()
            if f.startswith("specs1/")
        ),
        default=0,
    )
    return s


def _reads(runs: list[dict[str, Any]]) -> str:
    """Which specs the last run opened, how often, by whom (`touched 2: plugin loader...`)."""
    reads = runs[-1]["spec_reads"] if runs else {}
    parts = []
    for file, openers in sorted(reads.items()):
        label = "other" if file.startswith("specs1/") else "touched"
        total = sum(openers.values())
        by = ", ".join(f"{opener} {TIMES}{n}" for opener, n in sorted(openers.items()))
        parts.append(f"{label} {TIMES}{total} ({by})")
    return "; ".join(parts) or "none"
