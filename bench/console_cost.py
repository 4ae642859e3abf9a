"""What the live console costs the build: the same site with `console: true` and `false`.

Usage::

    python bench/console_cost.py [--channels 500] [--version 2.6.0] [--runs 3]

Both projects are the benchmark's plugin site (`projects.site_config`: Material, the usual
extensions, the generated spec outside `docs/`), differing only in the plugin's `console`
option. Full builds from scratch (`.cache/` removed), each in a fresh process, alternately on
and off so a change in the machine's speed hits both alike; the medians of wall and CPU time
are compared. Like `run.py`, it measures a copy of the package taken at the start
(`machine.snapshot_package`).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))

import generate
from common import note_load
from machine import snapshot_package
from projects import OUTPUT, Project, mkdocs_build, site_config


def project(root: Path, spec: Path, *, console: bool) -> Project:
    """The benchmark's plugin site, with the console on or off."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Benchmark site\n", "utf-8")
    (root / "specs").mkdir()
    shutil.copyfile(spec, root / "specs" / spec.name)
    config = yaml.safe_load(
        site_config("Benchmark", specs=[(f"specs/{spec.name}", OUTPUT)], nav=None, extra_css=[])
    )
    config["plugins"][1]["asyncapi-ws-docs"]["console"] = console
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return Project(root, [root / "specs" / spec.name])


def main() -> int:
    """Measure and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--version", default="2.6.0", choices=generate.VERSIONS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument(
        "--workdir", type=Path, help="keep the projects and sites here (for bench/page_load.py)"
    )
    args = parser.parse_args()
    spec = generate.write_spec(args.version, args.channels)
    times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    with tempfile.TemporaryDirectory(prefix="console-cost-") as temporary:
        folder = args.workdir or Path(temporary)
        code = snapshot_package(folder)
        projects = {on: project(Path(folder) / str(on), spec, console=on) for on in (True, False)}
        for number in range(args.runs):
            for on in (True, False) if number % 2 == 0 else (False, True):
                finished = mkdocs_build(projects[on], args.timeout)
                times[on].append((finished.seconds, finished.cpu_s))
                print(
                    f"run {number + 1}, console {on}: {finished.seconds:.1f} s wall, "
                    f"{finished.cpu_s:.1f} s CPU",
                    file=sys.stderr,
                )
        sizes = {
            on: [
                page.stat().st_size
                for page in (projects[on].site / OUTPUT / "channels").rglob("index.html")
            ]
            for on in (True, False)
        }
    wall = {on: statistics.median(t[0] for t in times[on]) for on in times}
    cpu = {on: statistics.median(t[1] for t in times[on]) for on in times}
    print(
        f"{args.version}, {args.channels} channels, {args.runs} runs each, medians, load "
        f"{note_load():.2f}; {code}\n"
    )
    print("| console | full build, wall | full build, CPU | channel page HTML, mean |")
    print("| --- | --- | --- | --- |")
    for on in (False, True):
        mean = sum(sizes[on]) / max(len(sizes[on]), 1) / 1024
        print(f"| {'on' if on else 'off'} | {wall[on]:.1f} s | {cpu[on]:.1f} s | {mean:.1f} KiB |")
    print(f"| on / off | {wall[True] / wall[False]:.3f}x | {cpu[True] / cpu[False]:.3f}x | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
