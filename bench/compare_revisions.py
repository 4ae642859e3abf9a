"""The plugin's own work on one spec, at two revisions of the package, side by side in one run.

Usage::

    python bench/compare_revisions.py --base REV [--channels 500] [--version 2.6.0] [--runs 5]

Loads the generated spec and renders all its pages (`spec_pages`, every section on, as the
plugin's defaults have them) with the package as it was at `REV` (from `git archive`) and as it
is in the working tree, each run in a fresh process, alternately, so a change in the machine's
speed hits both alike. Prints the medians of CPU time for loading and for rendering, and their
ratios: what a change to the core costs a build, without MkDocs around it (MkDocs' own work on
the pages is the same for both when the Markdown is).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import generate
from common import REPO, note_load
from processes import python, run_process

CHILD = """\
import json, sys, time
sys.path.insert(0, sys.argv[2])  # the copy of the package, before the installed one
from pathlib import Path
try:
    from asyncapi_ws_docs.document.readers import load_spec
    from asyncapi_ws_docs.page.pages import spec_pages
except ImportError:  # before the package had its layers as folders
    from asyncapi_ws_docs.build import load_spec
    from asyncapi_ws_docs.pages import spec_pages
import asyncapi_ws_docs
assert asyncapi_ws_docs.__file__.startswith(sys.argv[2]), asyncapi_ws_docs.__file__
path = Path(sys.argv[1])
start = time.process_time()
spec, _ = load_spec(path, roots=[path.parent], display_base=path.parent)
loaded = time.process_time()
pages = spec_pages(spec, output="api")
rendered = time.process_time()
size = sum(len(page.markdown) for page in pages)
print(json.dumps({"load": loaded - start, "render": rendered - loaded, "markdown": size}))
"""


def package_at(revision: str, folder: Path) -> Path:
    """`asyncapi_ws_docs/` as it was at `revision`, extracted below `folder`."""
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", revision, "asyncapi_ws_docs"],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def working_tree(folder: Path) -> Path:
    """A copy of the working tree's `asyncapi_ws_docs/` below `folder`."""
    shutil.copytree(
        REPO / "asyncapi_ws_docs",
        folder / "asyncapi_ws_docs",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return folder


def measure(code: Path, spec: Path, timeout: float) -> dict[str, float]:
    """One fresh process with `code` first on its path."""
    script = code / "measure.py"
    script.write_text(CHILD, "utf-8")
    finished = run_process(python(script, spec, code), cwd=code, timeout=timeout)
    return finished.json()


def main() -> int:
    """Measure and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the revision to compare with (a commit)")
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--version", default="2.6.0", choices=generate.VERSIONS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    spec = generate.write_spec(args.version, args.channels)
    results: dict[str, list[dict[str, float]]] = {"base": [], "tree": []}
    with tempfile.TemporaryDirectory(prefix="compare-revisions-") as temporary:
        codes = {
            "base": package_at(args.base, Path(temporary) / "base"),
            "tree": working_tree(Path(temporary) / "tree"),
        }
        for number in range(args.runs):
            for side in ("base", "tree") if number % 2 == 0 else ("tree", "base"):
                result = measure(codes[side], spec, args.timeout)
                results[side].append(result)
                print(f"run {number + 1}, {side}: {json.dumps(result)}", file=sys.stderr)
    medians = {
        side: {key: statistics.median(r[key] for r in runs) for key in ("load", "render")}
        for side, runs in results.items()
    }
    same = {r["markdown"] for r in results["base"]} == {r["markdown"] for r in results["tree"]}
    print(
        f"{args.version}, {args.channels} channels, {args.runs} runs each, CPU medians, load "
        f"{note_load():.2f}; base {args.base}, tree {describe_tree()}; Markdown "
        f"{'of the same size' if same else 'of different sizes'} in both\n"
    )
    print("| | load | render all pages |")
    print("| --- | --- | --- |")
    for side in ("base", "tree"):
        print(f"| {side} | {medians[side]['load']:.2f} s | {medians[side]['render']:.2f} s |")
    ratio = {key: medians["tree"][key] / medians["base"][key] for key in ("load", "render")}
    print(f"| tree / base | {ratio['load']:.3f}x | {ratio['render']:.3f}x |")
    return 0


def describe_tree() -> str:
    """The working tree's commit, and whether the package has uncommitted changes."""
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--", "asyncapi_ws_docs"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return f"{commit}{' with uncommitted changes' if dirty else ''}"


if __name__ == "__main__":
    sys.exit(main())
