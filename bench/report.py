"""The benchmark's report as Markdown: machine, build times and memory, rebuilds, targets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tables import NONE, TIMES, markdown_table, megabytes, pair, ratio, seconds
from targets import growth, target_rows

if TYPE_CHECKING:
    import argparse


def _build_section(ordered: list[dict[str, Any]]) -> list[str]:
    return [
        "## Build time and memory",
        "",
        (
            "Each cell is *wall time / CPU time* (user + system of the process). *Full build*: "
            "`mkdocs build` with the plugin on the spec, with no cache (`.cache/` removed "
            "first). *Cached*: the same build again, with the pages the plugin cached on disk "
            "in the build before. *Baseline*: the same pages as Markdown files in `docs/`, "
            "plugin off. *Plugin*: `load_spec` + `spec_pages` in a fresh process (imports "
            "excluded); in brackets the wall time of load and of render. *YAML*: reading the "
            "file and `yaml.load(text, Loader=yaml.CSafeLoader)`."
        ),
        "",
        _time_table(ordered),
        "",
        "Peak memory (max RSS of the process):",
        "",
        _memory_table(ordered),
    ]


def _time_table(ordered: list[dict[str, Any]]) -> str:
    return markdown_table(
        [
            "spec",
            "channels",
            "YAML",
            "full build",
            "cached",
            "baseline",
            "full / baseline",
            "cached / baseline",
            "plugin",
            "YAML C parse",
            "plugin / parse",
        ],
        [
            [
                r["version"],
                str(r["channels"]),
                f"{r['spec_mb']:.1f} MB",
                pair(s["full_s"], s.get("full_cpu_s")),
                pair(s.get("cached_s"), s.get("cached_cpu_s")),
                pair(s["baseline_s"], s.get("baseline_cpu_s")),
                pair(s["full_vs_baseline"], s.get("full_vs_baseline_cpu"), ratio),
                pair(s.get("cached_vs_baseline"), s.get("cached_vs_baseline_cpu"), ratio),
                (
                    f"{pair(s['plugin_s'], s.get('plugin_cpu_s'))} "
                    f"({seconds(s['load_s'])} + {seconds(s['render_s'])})"
                ),
                pair(s["parse_s"], s.get("parse_cpu_s")),
                pair(s["plugin_vs_parse"], s.get("plugin_vs_parse_cpu"), ratio),
            ]
            for r in ordered
            for s in [r["summary"]]
        ],
    )


def _memory_table(ordered: list[dict[str, Any]]) -> str:
    return markdown_table(
        [
            "spec",
            "channels",
            "full build",
            "cached",
            "baseline",
            "full / baseline",
            "plugin",
            "YAML",
        ],
        [
            [
                r["version"],
                str(r["channels"]),
                megabytes(s["full_rss_mb"]),
                megabytes(s.get("cached_rss_mb")),
                megabytes(s["baseline_rss_mb"]),
                ratio(s["rss_vs_baseline"]),
                megabytes(s["plugin_rss_mb"]),
                megabytes(s["parse_rss_mb"]),
            ]
            for r in ordered
            for s in [r["summary"]]
        ],
    )


def _rebuild_section(ordered: list[dict[str, Any]]) -> list[str]:
    parts: list[str] = []
    if any("warm_hooks_s" in r["summary"] for r in ordered):
        parts += _in_process_part(ordered)
    if any("serve_spec_s" in r["summary"] for r in ordered):
        parts += _serve_part(ordered)
    return parts


def _in_process_part(ordered: list[dict[str, Any]]) -> list[str]:
    return [
        "## Rebuilds",
        "",
        (
            "The plugin's event handlers timed in one process that builds the site twice, "
            "as `mkdocs serve` does (wall / CPU): *cold* in the first build, *rebuild* in "
            "the second, where no spec changed."
        ),
        "",
        markdown_table(
            ["spec", "channels", "plugin: cold", "plugin: rebuild", "rebuild / cold"],
            [
                [
                    r["version"],
                    str(r["channels"]),
                    pair(s.get("cold_hooks_s"), s.get("cold_hooks_cpu_s")),
                    pair(s.get("warm_hooks_s"), s.get("warm_hooks_cpu_s")),
                    pair(s.get("warm_vs_cold"), s.get("warm_vs_cold_cpu"), ratio),
                ]
                for r in ordered
                for s in [r["summary"]]
            ],
        ),
        "",
    ]


def _serve_part(ordered: list[dict[str, Any]]) -> list[str]:
    return [
        "### Under `mkdocs serve`",
        "",
        (
            "From writing the file to the served page showing the change (this includes "
            "MkDocs' file watcher, which polls every 0.5 s) / the CPU time the server used "
            "meanwhile. The site also holds a second, 10-channel spec; the last columns say "
            "which specs the rebuild opened, and which code opened them (`mkdocs copy_file` "
            "is MkDocs publishing the spec for download)."
        ),
        "",
        markdown_table(
            [
                "spec",
                "channels",
                "spec touched",
                "page touched",
                "baseline: page touched",
                "spec touched / baseline",
                "specs opened (spec touched)",
                "specs opened (page touched)",
            ],
            [
                [
                    r["version"],
                    str(r["channels"]),
                    pair(s.get("serve_spec_s"), s.get("serve_spec_cpu_s")),
                    pair(s.get("serve_page_s"), s.get("serve_page_cpu_s")),
                    pair(s.get("serve_baseline_page_s"), s.get("serve_baseline_page_cpu_s")),
                    pair(s.get("serve_vs_baseline"), s.get("serve_vs_baseline_cpu"), ratio),
                    s.get("reads_after_spec", NONE),
                    s.get("reads_after_page", NONE),
                ]
                for r in ordered
                for s in [r["summary"]]
            ],
        ),
        "",
    ]


def _growth_section(growths: list[dict[str, Any]]) -> list[str]:
    parts = ["## Growth with the number of channels", ""]
    if not growths:
        return [
            *parts,
            f"Not measured: run with two sizes, one 4{TIMES} the other (e.g. 500 and 2000).",
            "",
        ]
    return [
        *parts,
        (
            f"Time at 4{TIMES} the channels over the time at 1{TIMES} (wall / CPU): "
            f"4.00{TIMES} is linear."
        ),
        "",
        markdown_table(
            ["spec", "channels", "full build", "cached", "baseline", "plugin", "YAML C parse"],
            [
                [
                    g["version"],
                    f"{g['big']} / {g['small']}",
                    *(
                        pair(g.get(key), g.get(key.replace("_s", "_cpu_s")), ratio)
                        for key in ("full_s", "cached_s", "baseline_s", "plugin_s", "parse_s")
                    ),
                ]
                for g in growths
            ],
        ),
        "",
    ]


def report(results: list[dict[str, Any]], info: dict[str, str], args: argparse.Namespace) -> str:
    """The results as Markdown."""
    ordered = sorted(results, key=lambda r: (r["version"], r["channels"]))
    growths = growth(ordered)
    parts = [
        _intro(info, args),
        "",
        "## Machine",
        "",
        markdown_table(["", ""], [[key, value] for key, value in info.items()]),
        "",
        *_build_section(ordered),
        "",
        *_rebuild_section(ordered),
        *_growth_section(growths),
        *_targets_section(ordered, growths),
        *_warnings_part(ordered),
    ]
    return "\n".join(parts)


def _intro(info: dict[str, str], args: argparse.Namespace) -> str:
    nav = (
        "an explicit `nav` listing every page"
        if args.nav == "explicit"
        else "no `nav` (MkDocs builds the navigation from the files)"
    )
    return (
        f"Measured by `bench/run.py` on {info['date']}: median of {args.runs} run(s) per "
        f"build number ({args.hooks_runs} for the in-process rebuild, {args.serve_runs} "
        "touches of each kind under `mkdocs serve`), each in a fresh process. The "
        f"plugin's site uses the Material theme with {nav}; the plugin groups the channel "
        "pages of large specs in it. The "
        "baseline holds the Markdown the plugin generated as files, with the navigation "
        "and theme features the plugin's site ended up with written out, the same Markdown "
        "extensions and the plugin's stylesheet. Absolute times depend on the machine: "
        "compare the ratios. See `bench/README.md` for what each column "
        "measures."
    )


def _targets_section(ordered: list[dict[str, Any]], growths: list[dict[str, Any]]) -> list[str]:
    return [
        "## Targets",
        "",
        (
            "The worst case over the specs measured. The verdict uses CPU time where there is "
            "one: builds run on one core, so on an idle machine CPU and wall time agree, and "
            "CPU time is much less disturbed by other work on a busy one."
        ),
        "",
        markdown_table(
            ["target", "goal", "wall time", "CPU time", "verdict"], target_rows(ordered, growths)
        ),
        "",
    ]


def _warnings_part(ordered: list[dict[str, Any]]) -> list[str]:
    warnings = [r for r in ordered if r["summary"]["warnings"]]
    if not warnings:
        return []
    return [
        "MkDocs printed warnings in: "
        + ", ".join(f"{r['name']} ({r['summary']['warnings']})" for r in warnings)
        + ".",
        "",
    ]
