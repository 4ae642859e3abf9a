"""`run.py --compare-diagram`: full builds with `diagram: svg` and `diagram: false`, alternately.

`compare_diagram` measures one spec, `diagram_report` writes the results as Markdown (written
to `bench/results/diagram.md`).
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING, Any

import generate
import yaml
from common import log
from measure_spec import median
from processes import MB
from projects import OUTPUT, Project, mkdocs_build, site_config
from tables import markdown_table, megabytes, pair, ratio

if TYPE_CHECKING:
    import argparse
    from pathlib import Path


DIAGRAM_MODES = ("svg", False)
"""The plugin's `diagram` option in the two sites `--compare-diagram` builds side by side."""


def compare_diagram(
    version: str, channels: int, args: argparse.Namespace, workdir: Path
) -> dict[str, Any]:
    """Full builds of one spec with `diagram: svg` and `diagram: false`, alternately."""
    name = f"{version}-{channels}"
    spec = generate.write_spec(version, channels)
    projects: dict[str, Project] = {}
    for mode in DIAGRAM_MODES:
        label = str(mode).lower()
        projects[label] = _diagram_project(workdir / name / f"diagram-{label}", spec, mode)
    raw: dict[str, Any] = {"name": name, "channels": channels, "version": version}
    for run in range(1, args.runs + 1):
        for mode, project in projects.items():
            finished = mkdocs_build(project, args.timeout)
            site_bytes = sum(p.stat().st_size for p in project.site.rglob("*.html"))
            raw.setdefault(mode, []).append(
                {
                    "seconds": finished.seconds,
                    "cpu_s": finished.cpu_s,
                    "max_rss_kb": finished.max_rss_kb,
                    "html_mb": site_bytes / 1e6,
                }
            )
            log(
                f"{name}: diagram {mode} build {run}/{args.runs}: {finished.seconds:.2f} s "
                f"(CPU {finished.cpu_s:.2f} s), {finished.max_rss_kb / MB:.0f} MB, "
                f"HTML {site_bytes / 1e6:.1f} MB"
            )
    for project in projects.values():
        shutil.rmtree(project.site, ignore_errors=True)
    return raw


def _diagram_project(root: Path, spec: Path, mode: str | bool) -> Project:  # noqa: FBT001
    """The plugin's site on a copy of `spec`, with the plugin's `diagram` option set to `mode`."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "specs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Benchmark site\n", "utf-8")
    shutil.copyfile(spec, root / "specs" / spec.name)
    config = yaml.safe_load(
        site_config("Benchmark", specs=[(f"specs/{spec.name}", OUTPUT)], nav=None, extra_css=[])
    )
    config["plugins"][1]["asyncapi-ws-docs"]["diagram"] = mode
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return Project(root, [root / "specs" / spec.name])


def _diagram_rows(result: dict[str, Any]) -> list[list[str]]:
    med = {
        mode: {key: median([r[key] for r in result[mode]]) for key in result[mode][0]}
        for mode in ("svg", "false")
    }
    rows = [
        [
            result["name"],
            f"`diagram: {mode}`",
            pair(med[mode]["seconds"], med[mode]["cpu_s"]),
            megabytes(med[mode]["max_rss_kb"] / MB),
            f"{med[mode]['html_mb']:.1f} MB",
        ]
        for mode in ("svg", "false")
    ]
    svg, off = med["svg"], med["false"]
    rows.append(
        [
            result["name"],
            "svg / false",
            pair(svg["seconds"] / off["seconds"], svg["cpu_s"] / off["cpu_s"], ratio),
            ratio(svg["max_rss_kb"] / off["max_rss_kb"]),
            ratio(svg["html_mb"] / off["html_mb"]),
        ]
    )
    return rows


def diagram_report(results: list[dict[str, Any]], info: dict[str, str]) -> str:
    """The `--compare-diagram` results as Markdown: medians, and svg / false ratios."""
    rows = [row for result in results for row in _diagram_rows(result)]
    header = ["spec", "site", "full build: wall / CPU", "peak RSS", "HTML pages"]
    machine_lines = [f"- {key}: {value}" for key, value in info.items()]
    intro = (
        "The same site built with the message-flow diagram (`diagram: svg`, the default) and "
        "without it (`diagram: false`), alternately, in one run; medians of "
        f"{len(results[0]['svg'])} runs each."
    )
    return "\n".join(
        [
            intro,
            "",
            markdown_table(header, rows),
            "",
            *machine_lines,
            "",
        ]
    )
