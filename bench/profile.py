"""Profile one full `mkdocs build` with the plugin, and say where the time goes.

    python bench/profile.py                                  # 2.6.0, 500 channels
    python bench/profile.py --version 3.0.0 --channels 2000

Needs pyinstrument (`pip install -r bench/requirements.txt`). Builds the same Material site as
`bench/run.py` (plugin on), in this process under pyinstrument's sampling profiler, then sorts
every sample by the part of the build it belongs to: the innermost of the plugin's code, page
Markdown to HTML (Python-Markdown and its extensions), the theme's templates (split into the
navigation and the rest), search indexing, navigation and file handling in MkDocs. Prints a
Markdown summary, and writes it and pyinstrument's HTML view to `bench/results/raw/`.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402 (bench/ is not a package)
from common import RESULTS  # noqa: E402
from projects import make_projects  # noqa: E402

if TYPE_CHECKING:
    from pyinstrument.frame import Frame

PACKAGE = "/asyncapi_ws_docs/"

# (phase, test on file path, test on function); the innermost matching frame of a sample wins.
PHASES: tuple[tuple[str, str, str], ...] = (
    ("MkDocs: pages' Markdown to HTML", r"/mkdocs/structure/pages\.py$", r"^render$"),
    ("MkDocs: theme templates (page build)", r"/mkdocs/commands/build\.py$", r"^_build_page$"),
    ("MkDocs: navigation structure", r"/mkdocs/structure/nav\.py$", r"^get_navigation$"),
    ("MkDocs: collecting files", r"/mkdocs/structure/files\.py$", r"^get_files$"),
    ("search plugin: indexing", r"/(contrib|plugins)/search/", r""),
    ("MkDocs: writing files", r"/mkdocs/utils/__init__\.py$", r"^(write_file|copy_file)$"),
    ("the plugin (asyncapi-ws-docs)", re.escape(PACKAGE), r""),
)


def _phase(frame: Frame, current: str) -> str:
    path = frame.file_path or ""
    for name, path_pattern, function_pattern in PHASES:
        if re.search(path_pattern, path) and re.search(function_pattern, frame.function):
            return name
    return current


_MODULES = {
    "loader": "loader (YAML with positions)",
    "refs": "$ref resolution",
    "build": "model (2.x/3.x readers)",
    "schemas": "model (schemas)",
    "checks": "model (checks)",
    "text": "text.py: descriptions (Markdown + nh3), escaping",
    "render": "our Jinja templates",
    "pages": "our Jinja templates",
}


def _plugin_detail(path: str, current: str) -> str:
    if PACKAGE + "templates/" in path:
        return "our Jinja templates"
    if PACKAGE in path:
        module = path.split(PACKAGE, 1)[1].removesuffix(".py")
        return _MODULES.get(module, f"views and the rest ({module}.py)")
    return current


def _theme_detail(path: str, current: str) -> str:
    if re.search(r"/templates/partials/nav[^/]*\.html$", path):
        return "navigation (nav.html, nav-item.html)"
    if re.search(r"/templates/partials/toc[^/]*\.html$", path):
        return "table of contents (toc.html)"
    if path.endswith(".html") and not current:
        return "other templates"
    return current


def _markdown_detail(path: str, current: str) -> str:
    for folder, label in (("pymdownx", "pymdownx"), ("pygments", "Pygments"), ("markdown", "")):
        if f"/{folder}/" in path:
            return label or "Python-Markdown"
    return current


def _detail(frame: Frame, phase: str, current: str) -> str:
    """A finer label within a phase, from the innermost frame that says more."""
    path = frame.file_path or ""
    if phase.startswith("the plugin"):
        return _plugin_detail(path, current)
    if phase.startswith("MkDocs: theme"):
        return _theme_detail(path, current)
    if phase.startswith("MkDocs: pages"):
        return _markdown_detail(path, current)
    return current


def attribute(root: Frame) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Self time summed per phase, and per (phase, detail)."""
    phases: dict[str, float] = defaultdict(float)
    details: dict[tuple[str, str], float] = defaultdict(float)
    stack: list[tuple[Frame, str, str]] = [(root, "MkDocs: other", "")]
    while stack:
        frame, phase, detail = stack.pop()
        if frame.is_synthetic:  # `[self]` frames: their time is in the parent's self time
            continue
        new_phase = _phase(frame, phase)
        detail = "" if new_phase != phase else detail
        detail = _detail(frame, new_phase, detail)
        phases[new_phase] += frame.total_self_time
        details[(new_phase, detail or "other")] += frame.total_self_time
        stack.extend((child, new_phase, detail) for child in frame.children)
    return phases, details


def top_functions(root: Frame, count: int) -> list[tuple[float, str]]:
    """The functions with the most self time."""
    totals: dict[str, float] = defaultdict(float)
    stack = [root]
    while stack:
        frame = stack.pop()
        if not frame.is_synthetic:
            where = (frame.file_path or "?").split("site-packages/")[-1].split("/work/main/")[-1]
            totals[f"`{frame.function}` ({where})"] += frame.total_self_time
        stack.extend(frame.children)
    return sorted(((t, name) for name, t in totals.items()), reverse=True)[:count]


def main(argv: list[str] | None = None) -> int:
    """Profile one build; print and write the summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--version", default="2.6.0", choices=generate.VERSIONS)
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--interval", type=float, default=0.001, help="sampling interval (s)")
    parser.add_argument("--nav", choices=("auto", "explicit"), default="auto")
    args = parser.parse_args(argv)

    from mkdocs.commands.build import build  # noqa: PLC0415
    from mkdocs.config import load_config  # noqa: PLC0415
    from pyinstrument import Profiler  # noqa: PLC0415

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    spec = generate.write_spec(args.version, args.channels)
    name = f"{args.version}-{args.channels}"
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as work:
        project, _ = make_projects(
            Path(work), spec, explicit_nav=args.nav == "explicit", with_other=False
        )
        config = load_config(config_file=str(project.config), site_dir=str(project.site))
        profiler = Profiler(interval=args.interval)
        start = time.perf_counter()
        profiler.start()
        build(config)
        session = profiler.stop()
        wall = time.perf_counter() - start
    root = session.root_frame()
    if root is None:
        raise SystemExit("no samples")
    phases, details = attribute(root)
    total = sum(phases.values())
    lines = [
        f"# Profile of one full build: {name}",
        "",
        (
            "`mkdocs build` (Material, plugin on) in one process under pyinstrument, sampled "
            f"every {args.interval * 1000:.0f} ms: {wall:.1f} s wall, {total:.1f} s sampled."
        ),
        "",
        "| part of the build | time | share |",
        "| --- | --- | --- |",
    ]
    for phase, seconds in sorted(phases.items(), key=lambda item: -item[1]):
        lines.append(f"| **{phase}** | {seconds:.2f} s | {100 * seconds / total:.1f}% |")
        parts = sorted(
            ((d, t) for (p, d), t in details.items() if p == phase), key=lambda item: -item[1]
        )
        if len(parts) > 1:
            lines.extend(
                f"| &nbsp;&nbsp;{detail} | {t:.2f} s | {100 * t / total:.1f}% |"
                for detail, t in parts
                if t / total >= 0.002
            )
    lines += [
        "",
        "Functions with the most self time:",
        "",
        "| function | self time |",
        "| --- | --- |",
    ]
    lines += [f"| {where} | {t:.2f} s |" for t, where in top_functions(root, 20)]
    text = "\n".join(lines) + "\n"
    out = RESULTS / "raw"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"profile-{name}.md").write_text(text, "utf-8")
    (out / f"profile-{name}.html").write_text(session_html(session), "utf-8")
    print(text)
    print(f"written: {out / f'profile-{name}.md'}, {out / f'profile-{name}.html'}")
    return 0


def session_html(session: object) -> str:
    """pyinstrument's interactive HTML view of the session."""
    from pyinstrument.renderers import HTMLRenderer  # noqa: PLC0415

    return str(HTMLRenderer().render(session))  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
