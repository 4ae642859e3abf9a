"""Benchmark II: the cost of the connection snippets, a peer plugin, and the edit loop.

    python bench/peers.py                       # 2.6.0, 500 channels, 2 rounds
    python bench/peers.py --levers --runs 3     # also each speed-up of the snippets turned off

On one generated spec (`bench/generate.py`), all in one run, each build in a fresh process
and the builds of a round interleaved (so a change in the machine's load hits them alike):

- the plugin's full build with its default clients (all seven), with `clients: []`, and with
  `clients: [websocat]`;
- with `--levers`, the full build with one speed-up of the "Try it" section turned off
  (`bench/variant.py`);
- mkdocs-owl-api (`bench/requirements.txt`) on the same spec and site configuration: one page
  with the whole spec, as that plugin makes it;
- the edit loop: `mkdocs serve --dirty` and plain `mkdocs serve` on the plugin's site, one
  channel's description edited in the spec, timed from the write until the channel's page
  shows the edit.

Each build is made with two site configurations, interleaved in the same rounds:

- *lean*: Material with `content.code.copy`; `admonition`, `attr_list`, `md_in_html`, `tables`,
  `pymdownx.details`, `pymdownx.superfences`, `pymdownx.tabbed` (alternate style), `toc` with
  permalinks; `search`. The configuration the clients target is set on, and the one the
  Performance page quotes;
- *full*: `run.py`'s (more of Material's features, `pymdownx.highlight` and `inlinehilite`).

It reports wall and CPU time, and the targets in both, and writes `bench/results/peers.md` and
the section of `docs/performance.md` between its markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402 (bench/ is not a package)
from common import LOADS, REPO, RESULTS, log  # noqa: E402
from docs_page import publish  # noqa: E402
from machine import machine_info, snapshot_package  # noqa: E402
from processes import MB, python, run_process  # noqa: E402
from projects import OUTPUT, Project, clear_cache, site_config  # noqa: E402
from serve_session import ServeSession, http_get  # noqa: E402
from tables import LE, NONE, TIMES, markdown_table  # noqa: E402

VARIANT = BENCH / "variant.py"
START = "<!-- bench/peers.py writes from here -->"
GE = "\u2265"
FULL = "full site"
"""Names of the builds on the `full` site end with this; the others are on the lean site."""
TARGETS = {"clients": 1.15, "peer": 2.0, "edit": 0.15}
CHANNEL_TEXT = "Streams market data trades for `btcusd` on the selected venue."
CHANNEL_PAGE = "reference/api/channels/v1-market-venue-btcusd-trades/"


SITES = ("lean", "full")
"""The site configurations, the quoted one first."""
LEAN_EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
    {"toc": {"permalink": True}},
]


def _site_config(site: str, specs: list[tuple[str, str]]) -> dict[str, Any]:
    """`run.py`'s site (`full`), or the lean one the clients target is measured on."""
    config: dict[str, Any] = yaml.safe_load(
        site_config("Benchmark", specs=specs, nav=None, extra_css=[])
    )
    if site == "lean":
        config["theme"]["features"] = ["content.code.copy"]
        config["markdown_extensions"] = LEAN_EXTENSIONS
    return config


def _plugin_project(
    root: Path, spec: Path, plugin_options: dict[str, Any], site: str = "lean"
) -> Project:
    """A Material site with the plugin on `spec` (a copy in `specs/`)."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "specs").mkdir(exist_ok=True)
    copy = root / "specs" / spec.name
    shutil.copyfile(spec, copy)
    (root / "docs" / "index.md").write_text("# Benchmark site\n", "utf-8")
    config = _site_config(site, [(f"specs/{spec.name}", OUTPUT)])
    config["plugins"][1]["asyncapi-ws-docs"].update(plugin_options)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return Project(root, [copy])


def _owl_project(root: Path, spec: Path, site: str = "lean") -> Project:
    """The same site with mkdocs-owl-api: one page whose front matter names the spec."""
    (root / "docs" / "reference").mkdir(parents=True, exist_ok=True)
    (root / "specs").mkdir(exist_ok=True)
    shutil.copyfile(spec, root / "specs" / spec.name)
    (root / "docs" / "index.md").write_text("# Benchmark site\n", "utf-8")
    page = f"---\ntechdocs-owl:\n  type: asyncapi\n  spec: ../../specs/{spec.name}\n---\n"
    (root / "docs" / "reference" / "api.md").write_text(page, "utf-8")
    config = _site_config(site, [])
    config["plugins"] = ["search", "owl-api"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return Project(root, [])


def _build(project: Project, variant: str | None, timeout: float) -> dict[str, Any]:
    """One full build from scratch; `variant` runs it through `variant.py`."""
    shutil.rmtree(project.site, ignore_errors=True)
    clear_cache(project)
    mkdocs = ["build", "-f", str(project.config), "-d", str(project.site)]
    command = python(VARIANT, variant, *mkdocs) if variant else python("-m", "mkdocs", *mkdocs)
    finished = run_process(command, cwd=project.root, timeout=timeout)
    info = [line for line in finished.output.splitlines() if " pages in " in line]
    return {
        "wall_s": finished.seconds,
        "cpu_s": finished.cpu_s,
        "max_rss_kb": finished.max_rss_kb,
        "load": LOADS[-1],
        "info": info[-1].split("-  ", 1)[-1] if info else "",
    }


def _touch_channel(path: Path, marker: str) -> None:
    """Append `marker` to the first channel's first description line."""
    text = path.read_text("utf-8")
    if CHANNEL_TEXT not in text:
        raise RuntimeError(f"{path}: no channel description to edit")
    path.write_text(text.replace(CHANNEL_TEXT, f"{CHANNEL_TEXT} {marker}", 1), "utf-8")


def _edit_loop(project: Project, dirty: bool, touches: int, timeout: float) -> list[float]:  # noqa: FBT001
    """Seconds from editing one channel until its served page shows it, per touch (CPU too)."""
    results = []
    extra = ("--dirty",) if dirty else ()
    with ServeSession(project, startup_timeout=timeout, extra_args=extra) as server:
        for touch in range(touches):
            server.idle(timeout)
            time.sleep(1.0)
            marker = f"EDITED{touch}x{int(time.time())}"
            cpu_before = server.cpu_seconds()
            start = time.perf_counter()
            _touch_channel(project.specs[0], marker)
            url = server.base + CHANNEL_PAGE
            while marker not in (http_get(url, timeout=timeout) or ""):
                if time.perf_counter() - start > timeout:
                    raise RuntimeError(f"{url} did not show the edit in {timeout:.0f} s")
                time.sleep(0.05)
            results.append(
                {
                    "visible_s": time.perf_counter() - start,
                    "cpu_s": server.cpu_seconds() - cpu_before,
                }
            )
        info = [line for line in server.log().splitlines() if " pages in " in line]
        first_build = server._builds()[2][0]  # noqa: SLF001 (the cold build under serve)
    return [
        {**r, "info": info[-1].split("-  ", 1)[-1] if info else "", "cold_s": first_build}
        for r in results
    ]


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs) if runs else float("nan")


def _projects(
    args: argparse.Namespace, workdir: Path, spec: Path
) -> dict[str, tuple[Project, str | None]]:
    """The builds of a round, by name: each a project and the variant it runs (None: as is)."""
    projects: dict[str, tuple[Project, str | None]] = {
        "all clients": (_plugin_project(workdir / "all", spec, {}), None),
        "clients: []": (_plugin_project(workdir / "none", spec, {"clients": []}), None),
    }
    if not args.lean_only:
        full = {
            f"all clients, {FULL}": _plugin_project(workdir / "all-full", spec, {}, "full"),
            f"clients: [], {FULL}": _plugin_project(
                workdir / "none-full", spec, {"clients": []}, "full"
            ),
        }
        projects |= {name: (project, None) for name, project in full.items()}
    if args.levers:
        websocat = _plugin_project(workdir / "websocat", spec, {"clients": ["websocat"]})
        projects["clients: [websocat]"] = (websocat, None)
        for variant in ("markdown", "whole", "templates", "parsed"):
            projects[f"all clients, {variant}"] = (projects["all clients"][0], variant)
    if importlib.util.find_spec("mkdocs_owl_api") and not args.no_owl:
        projects["mkdocs-owl-api"] = (_owl_project(workdir / "owl", spec), None)
        if not args.lean_only:
            owl_full = _owl_project(workdir / "owl-full", spec, "full")
            projects[f"mkdocs-owl-api, {FULL}"] = (owl_full, None)
    return projects


def measure(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Every build and edit loop of the run, raw."""
    spec = generate.spec_path(args.version, args.channels)
    if not spec.is_file():
        generate.write_spec(args.version, args.channels)
    projects = _projects(args, workdir, spec)
    builds: dict[str, list[dict[str, Any]]] = {name: [] for name in projects}
    for round_ in range(0 if args.edit_only else args.runs):
        for name, (project, variant) in projects.items():
            result = _build(project, variant, args.timeout)
            builds[name].append(result)
            log(
                f"round {round_ + 1}: {name}: {result['wall_s']:.1f} s wall, "
                f"{result['cpu_s']:.1f} s CPU, load {result['load']:.1f}"
            )
    edits: dict[str, list[dict[str, Any]]] = {}
    if args.serve_runs:
        plugin = projects["all clients"][0]
        for dirty in (True, False)[: 1 if args.dirty_only else 2]:
            name = "mkdocs serve --dirty" if dirty else "mkdocs serve"
            edits[name] = _edit_loop(plugin, dirty, args.serve_runs, args.timeout)
            log(f"{name}: {[round(r['visible_s'], 2) for r in edits[name]]} s")
    return {"builds": builds, "edits": edits}


def report(raw: dict[str, Any], info: dict[str, str], args: argparse.Namespace) -> str:
    """The Markdown report: builds, edit loop, targets."""
    builds = {name: runs for name, runs in raw["builds"].items() if runs}
    edits = raw["edits"]
    default = builds.get("all clients", [])
    rows = []
    for name, runs in builds.items():
        rows.append(
            [
                name,
                f"{_median(runs, 'wall_s'):.1f} s",
                f"{_median(runs, 'cpu_s'):.1f} s",
                f"{_median(runs, 'cpu_s') / _median(default, 'cpu_s'):.2f}{TIMES}",
                f"{_median(runs, 'max_rss_kb') / MB:.0f} MB",
                runs[-1]["info"].replace("|", "\\|") or NONE,
            ]
        )
    for name, runs in edits.items():
        rows.append(
            [
                f"{name}: cold build when it starts (MkDocs' own time)",
                f"{_median(runs, 'cold_s'):.1f} s",
                NONE,
                NONE,
                NONE,
                NONE,
            ]
        )
        rows.append(
            [
                f"{name}: one channel edited",
                f"{_median(runs, 'visible_s'):.2f} s",
                f"{_median(runs, 'cpu_s'):.2f} s",
                f"{_median(runs, 'cpu_s') / _median(default, 'cpu_s'):.2f}{TIMES}"
                if default
                else NONE,
                NONE,
                runs[-1]["info"].replace("|", "\\|") or NONE,
            ]
        )
    measured = (
        f"Measured by `bench/peers.py` on {info['date']}: spec `{args.version}-{args.channels}` "
        f"({args.channels} channels), median of {args.runs} round(s) of interleaved full builds "
        f"(each from scratch, in a fresh process) and {args.serve_runs} edit(s) per serve mode. "
        f"Machine: {info['cpu']}, {info['cores']}; 1-minute load average {info['load']} before "
        f"the builds. Code: {info['commit']}."
    )
    columns = (
        "*Build* rows: `mkdocs build` of the lean Material site (the figures quoted: Material "
        "with `content.code.copy`; `admonition`, `attr_list`, `md_in_html`, `tables`, "
        "`pymdownx.details`, `superfences`, `tabbed`, `toc` with permalinks; `search`), or, "
        f"named so, of the {FULL} (`bench/run.py`'s: more Material features, `pymdownx.highlight`, "
        "`inlinehilite`); wall / CPU time of the process, "
        "CPU relative to the default build, peak RSS). *Edit* rows: from writing the spec until "
        "the channel's page served by `mkdocs serve` shows the edit (wall), and the server's CPU "
        "time meanwhile. The last column is the plugin's own INFO line of the build."
    )
    lines = [
        measured,
        "",
        columns,
        "",
        markdown_table(
            ["build", "wall", "CPU", "CPU / default", "peak RSS", "plugin's log line"], rows
        ),
        "",
    ]
    targets = []
    for suffix, site in (("", "lean site, quoted"), (f", {FULL}", FULL)):
        for measure_, key in (("wall", "wall_s"), ("CPU", "cpu_s")):
            targets += _ratio_targets(builds, suffix, f"{site}, {measure_}", key)
    for name, runs in edits.items():
        # Against the full build of the run, else the server's own first build.
        cold = _median(default, "wall_s") if default else _median(runs, "cold_s")
        ratio = _median(runs, "visible_s") / cold
        targets.append(
            [
                f"{name}: edit visible / cold build (wall) {LE} {TARGETS['edit']}{TIMES}",
                f"{ratio:.2f}{TIMES}",
                _verdict(ratio <= TARGETS["edit"]),
            ]
        )
    lines += ["Targets:", "", markdown_table(["target", "measured", "verdict"], targets), ""]
    return "\n".join(lines)


def _ratio_targets(
    builds: dict[str, list[dict[str, Any]]], suffix: str, label: str, key: str
) -> list[list[str]]:
    """The clients and peer targets for the builds whose names end with `suffix`."""
    time = {name: _median(runs, key) for name, runs in builds.items()}
    pairs = [
        (
            "clients",
            f"all clients{suffix}",
            f"clients: []{suffix}",
            LE,
            "all clients / `clients: []`",
        ),
        (
            "peer",
            f"mkdocs-owl-api{suffix}",
            f"all clients{suffix}",
            GE,
            "mkdocs-owl-api / all clients",
        ),
    ]
    rows = []
    for target, top, bottom, sign, words in pairs:
        if top in time and bottom in time:
            ratio = time[top] / time[bottom]
            holds = ratio <= TARGETS[target] if sign == LE else ratio >= TARGETS[target]
            rows.append(
                [
                    f"{words} ({label}) {sign} {TARGETS[target]}{TIMES}",
                    f"{ratio:.2f}{TIMES}",
                    _verdict(holds),
                ]
            )
    return rows


def _verdict(holds: bool) -> str:  # noqa: FBT001
    return "holds" if holds else "**fails**"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--version", default="2.6.0")
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--serve-runs", type=int, default=2)
    parser.add_argument("--levers", action="store_true", help="also each speed-up turned off")
    parser.add_argument(
        "--edit-only", action="store_true", help="no full builds: the edit loop alone"
    )
    parser.add_argument("--dirty-only", action="store_true", help="no plain `mkdocs serve`")
    parser.add_argument("--no-owl", action="store_true", help="leave mkdocs-owl-api out")
    parser.add_argument(
        "--lean-only", action="store_true", help="only the lean site (the quoted configuration)"
    )
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--out", type=Path, default=RESULTS / "peers.md")
    parser.add_argument("--docs-page", type=Path, default=REPO / "docs" / "performance.md")
    parser.add_argument("--no-docs-page", dest="docs_page", action="store_const", const=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Measure, then write the report."""
    args = _parser().parse_args(argv)
    machine = machine_info()
    loads_before = len(LOADS)
    with tempfile.TemporaryDirectory(prefix="peers-") as folder:
        code = snapshot_package(Path(folder))  # edits during the run are not measured
        raw = measure(args, Path(folder))
    loads = LOADS[loads_before:]
    info = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": machine["cpu"],
        "cores": machine["cores"],
        "load": f"{min(loads):.1f} to {max(loads):.1f}" if loads else NONE,
        "commit": code,
    }
    text = report(raw, info, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(f"# Benchmark II: snippets, peer, edit loop\n\n{text}", "utf-8")
    raw_file = RESULTS / "raw" / f"peers-{dt.datetime.now(dt.timezone.utc):%Y%m%d-%H%M%S}.json"
    raw_file.parent.mkdir(parents=True, exist_ok=True)
    raw_file.write_text(json.dumps({"info": info, "raw": raw}, indent=1), "utf-8")
    if args.docs_page is not None:
        publish(text, args.docs_page, START)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
