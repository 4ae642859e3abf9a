"""What the Changes page (the `changes` option) costs a build, on the benchmark's spec.

Usage::

    python bench/changes_cost.py [--channels 500] [--version 2.6.0] [--runs 3]

A git repository holds the generated spec (`generate.py`) tagged `v1`, then a copy with one
channel edited (`diff_cost.edited_copy`: a new required handshake header, a new sentence) as
the working tree. The same site is built without the option and with `changes: [v1]`, each
in a fresh `mkdocs build` (the page cache off), alternately, so a change in the machine's
speed hits both alike. Prints the medians of wall and CPU time of the whole build and of the
plugin's own step (the time its log line gives: reading, comparing, rendering).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import generate
from common import note_load
from diff_cost import edited_copy
from processes import python, run_process

CONFIG = """\
site_name: Changes cost
plugins:
  - asyncapi-ws-docs:
      specs: [asyncapi/api.yaml]
      cache_dir: ""
{changes}"""
CHILD = """\
import logging, re, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
seconds = []
class Catch(logging.Handler):
    def emit(self, record):
        found = re.search(r"pages in ([0-9.]+) s", record.getMessage())
        if found:
            seconds.append(float(found.group(1)))
logging.getLogger("mkdocs").addHandler(Catch())
logging.getLogger("mkdocs").setLevel(logging.INFO)
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="build", dirty=False)
build(config)
print()
print('{"plugin": %f}' % sum(seconds))
"""


def git(cwd: Path, *arguments: str) -> None:
    identity = {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.com"}
    identity |= {"GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.com"}
    subprocess.run(["git", *arguments], cwd=cwd, env={**os.environ, **identity}, check=True)


def repository(folder: Path, version: str, channels: int) -> Path:
    """The project: the spec tagged `v1`, and the edited one in the working tree."""
    repo = folder / "repo"
    (repo / "asyncapi").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "docs" / "index.md").write_text("# Home\n", "utf-8")
    shutil.copy(generate.write_spec(version, channels), repo / "asyncapi" / "api.yaml")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    git(repo, "tag", "v1")
    edited, _ = edited_copy(version, channels, folder)
    shutil.copy(edited, repo / "asyncapi" / "api.yaml")
    for name, changes in (("plain", ""), ("changes", "      changes: [v1]\n")):
        (repo / f"{name}.yml").write_text(CONFIG.format(changes=changes), "utf-8")
    (repo / "build.py").write_text(CHILD, "utf-8")
    return repo


def main() -> int:
    """Measure and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--version", default="2.6.0", choices=generate.VERSIONS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float, float]]] = {"plain": [], "changes": []}
    with tempfile.TemporaryDirectory(prefix="changes-cost-") as temporary:
        repo = repository(Path(temporary), args.version, args.channels)
        for number in range(args.runs):
            for name in ("plain", "changes") if number % 2 == 0 else ("changes", "plain"):
                command = python(repo / "build.py", f"{name}.yml", str(repo / f"site-{name}"))
                done = run_process(command, cwd=repo, timeout=args.timeout)
                result = (done.seconds, done.cpu_s, float(done.json()["plugin"]))
                results[name].append(result)
                print(f"run {number + 1}, {name}: {json.dumps(result)}", file=sys.stderr)
        page = (repo / "site-changes" / "api" / "changes" / "index.html").read_text("utf-8")
        listed = len(re.findall(r'class="asyncapi-rule"', page))
    medians = {
        name: [statistics.median(r[i] for r in runs) for i in range(3)]
        for name, runs in results.items()
    }
    print(
        f"{args.version}, {args.channels} channels, one channel edited since `v1` ({listed} "
        f"changes on the page), {args.runs} runs each, medians, load {note_load():.2f}\n"
    )
    print("| site | build wall | build CPU | plugin step |")
    print("| --- | --- | --- | --- |")
    for name in ("plain", "changes"):
        wall, cpu, plugin = medians[name]
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {plugin:.2f} s |")
    (pw, pc, pp), (cw, cc, cp) = medians["plain"], medians["changes"]
    print(f"| changes / plain | {cw / pw:.2f}x | {cc / pc:.2f}x | {cp / pp:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
