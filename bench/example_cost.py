"""What the example checks cost `asyncapi-ws-docs check`, on the benchmark's spec.

Usage::

    python bench/example_cost.py [--channels 500] [--version 2.6.0] [--runs 5]

`check` judges every example, default, enum value and `examples` entry against its schema;
the rest of its work is reading the spec and the advice rules. This runs `check` as a user
runs it, and the same `check` with the example checks left out (the reader given
`ExamplesLeftUnchecked`, as `diff` reads its versions), each in a fresh process,
alternately, so a change in the machine's speed hits both alike. Prints the medians of wall
and CPU time and the checks' cost as a share of the rest (the target: at most +15%).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import generate
from common import note_load
from processes import run_script

CHILD = """\
import json, sys
from asyncapi_ws_docs.cli import main
if sys.argv[1] == "without":
    from asyncapi_ws_docs.document import examplechecks
    from asyncapi_ws_docs.document.readers import reader
    reader.ExampleChecker = examplechecks.ExamplesLeftUnchecked
status = main(sys.argv[2:])
print()
print(json.dumps({"status": status}))
"""
"""Runs `check`, with or without (`sys.argv[1]`) the example checks."""

WAYS = ("with", "without")


def main() -> int:
    """Measure and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--version", default="2.6.0", choices=generate.VERSIONS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    spec = generate.write_spec(args.version, args.channels)
    results: dict[str, list[tuple[float, float, int]]] = {way: [] for way in WAYS}
    with tempfile.TemporaryDirectory(prefix="example-cost-") as temporary:
        for number in range(args.runs):
            for way in WAYS if number % 2 == 0 else WAYS[::-1]:
                arguments = [way, "check", "--root", str(spec.parent), str(spec)]
                result = run_script(CHILD, arguments, folder=Path(temporary), timeout=args.timeout)
                results[way].append(result)
                print(f"run {number + 1}, {way}: {json.dumps(result)}", file=sys.stderr)
    wall = {way: statistics.median(r[0] for r in runs) for way, runs in results.items()}
    cpu = {way: statistics.median(r[1] for r in runs) for way, runs in results.items()}
    print(
        f"`check` of {args.version}, {args.channels} channels "
        f"({spec.stat().st_size / 1e6:.1f} MB), {args.runs} runs each, medians, "
        f"load {note_load():.2f}\n"
    )
    print("| `check` | wall | CPU |")
    print("| --- | --- | --- |")
    for way in WAYS:
        print(f"| {way} the example checks | {wall[way]:.2f} s | {cpu[way]:.2f} s |")
    costs = [100 * (m["with"] / m["without"] - 1) for m in (wall, cpu)]
    print(f"| the checks' cost | +{costs[0]:.0f}% | +{costs[1]:.0f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
