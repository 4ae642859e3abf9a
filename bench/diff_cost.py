"""What `asyncapi-ws-docs diff` costs next to `check`, on the benchmark's spec.

Usage::

    python bench/diff_cost.py [--channels 500] [--version 2.6.0] [--runs 5]

`diff` reads two versions of a spec where `check` reads one, so it costs more; the target is at
most 1.5 times `check` on the same spec. The old version is the generated spec
(`generate.py`), the new one a copy with one channel edited: a new required handshake header
(a breaking change) and a new sentence in its description. Both commands run as a user runs
them, each in a fresh process, alternately, so a change in the machine's speed hits both alike.
Prints the medians of wall and CPU time (the whole process: start, imports, reading, output)
and their ratio.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))

import generate
from common import note_load
from processes import run_script

CHILD = """\
import json, sys
from asyncapi_ws_docs.cli import main
status = main(sys.argv[1:])
print()
print(json.dumps({"status": status}))
"""
"""Runs one command; always exits 0, so that `diff`'s 1 for breaking changes is not a failure."""


def edited_copy(version: str, channels: int, folder: Path) -> tuple[Path, str]:
    """The spec with one channel (the middle one) edited; the path and the channel's key."""
    spec: dict[str, Any] = generate.build_spec(version, channels)
    keys = list(spec["channels"])
    key = keys[len(keys) // 2]
    channel = spec["channels"][key] = copy.deepcopy(spec["channels"][key])
    headers = channel["bindings"]["ws"]["headers"]
    headers["properties"]["X-Trace-Id"] = {"type": "string", "description": "Trace id."}
    headers["required"] = [*headers.get("required", []), "X-Trace-Id"]
    channel["description"] += "\n\nNow traced."
    path = folder / f"{version}-{channels}-edited.yaml"
    body = yaml.dump(spec, Dumper=generate._Dumper, sort_keys=False, allow_unicode=True, width=100)  # noqa: SLF001
    path.write_text(body, "utf-8")
    return path, key


def main() -> int:
    """Measure and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--version", default="2.6.0", choices=generate.VERSIONS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    spec = generate.write_spec(args.version, args.channels)
    with tempfile.TemporaryDirectory(prefix="diff-cost-") as temporary:
        folder = Path(temporary)
        edited, key = edited_copy(args.version, args.channels, folder)
        commands = {
            "check": ["check", "--root", str(spec.parent), str(spec)],
            "diff": ["diff", str(spec), str(edited), "--format", "json"],
        }
        results: dict[str, list[tuple[float, float, int]]] = {"check": [], "diff": []}
        for number in range(args.runs):
            for name in ("check", "diff") if number % 2 == 0 else ("diff", "check"):
                result = run_script(CHILD, commands[name], folder=folder, timeout=args.timeout)
                results[name].append(result)
                print(f"run {number + 1}, {name}: {json.dumps(result)}", file=sys.stderr)
    wall = {name: statistics.median(r[0] for r in runs) for name, runs in results.items()}
    cpu = {name: statistics.median(r[1] for r in runs) for name, runs in results.items()}
    statuses = {name: sorted({r[2] for r in runs}) for name, runs in results.items()}
    print(
        f"{args.version}, {args.channels} channels ({spec.stat().st_size / 1e6:.1f} MB), "
        f"channel `{key}` edited, {args.runs} runs each, medians, load {note_load():.2f}; "
        f"exit statuses: check {statuses['check']}, diff {statuses['diff']}\n"
    )
    print("| command | wall | CPU |")
    print("| --- | --- | --- |")
    for name in ("check", "diff"):
        print(f"| `{name}` | {wall[name]:.2f} s | {cpu[name]:.2f} s |")
    ratios = wall["diff"] / wall["check"], cpu["diff"] / cpu["check"]
    print(f"| diff / check | {ratios[0]:.2f}x | {ratios[1]:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
