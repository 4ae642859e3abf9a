"""The command line, for CI jobs, pre-commit hooks and engines without plugins.

`asyncapi-ws-docs check SPEC...` prints every problem of every spec as
`FILE:LINE:COLUMN: LEVEL[CODE]: POINTER: message`, as JSON, as GitHub Actions annotations or as
SARIF 2.1.0 (GitHub code scanning); exits 1 when there are errors (or, with `--strict`,
warnings). `--ignore CODE` leaves a rule out.

`asyncapi-ws-docs pages SPEC... --out DIR` writes the plugin's pages as Markdown files holding
`asyncapi-ws` blocks (see `blockpages.py`), for Zensical; exits 1 with `--check` when they are
out of date, 2 on bad input (having written nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from asyncapi_ws_docs import __version__
from asyncapi_ws_docs.page.clients import CLIENTS
from asyncapi_ws_docs.page.pages import default_output, is_folder_inside
from asyncapi_ws_docs.site.blockpages import (
    BlockSettings,
    SyncPlan,
    apply_sync,
    block_pages,
    config_advice,
    nav_entries,
    package_assets,
    plan_sync,
)
from asyncapi_ws_docs.site.siteconfig import SiteConfig, SiteConfigError, read_site_config
from asyncapi_ws_docs.spec.build import load_spec
from asyncapi_ws_docs.spec.diagnostics import (
    RULES,
    Diagnostic,
    Level,
    error_codes,
    ignoring,
    unknown_codes,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from asyncapi_ws_docs.page.render import GeneratedPage


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asyncapi-ws-docs",
        description="Check AsyncAPI documents of WebSocket APIs, and write pages of them.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check",
        help="report problems in specs",
        description="Report problems in AsyncAPI documents; exit 1 if there are errors.",
    )
    check.add_argument("specs", nargs="+", type=Path, metavar="SPEC", help="YAML or JSON file")
    check.add_argument("--strict", action="store_true", help="warnings count as errors too")
    check.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif"),
        default="text",
        help="text (default), json, github (GitHub Actions annotations), or sarif (SARIF 2.1.0, "
        "for GitHub code scanning)",
    )
    check.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="leave out the diagnostics of a rule, by its code (AWD501...); repeatable",
    )
    check.add_argument(
        "--root",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder relative $refs may reach (default: the current folder); repeatable",
    )
    _add_pages_parser(commands)
    return parser


def _add_pages_parser(commands: Any) -> None:
    pages_command = commands.add_parser(
        "pages",
        help="write the plugin's pages as Markdown files with asyncapi-ws blocks (Zensical)",
        description="Write, for each spec, an overview page and one page per channel holding "
        "asyncapi-ws blocks, in the plugin's layout, for engines that run no MkDocs plugins. "
        "Run it in the folder of mkdocs.yml. Exit 1 with --check when the files are out of "
        "date; exit 2 on bad input, having written nothing.",
    )
    pages_command.add_argument(
        "specs", nargs="+", type=Path, metavar="SPEC", help="YAML or JSON file"
    )
    pages_command.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder in the docs for the pages (with several specs, each gets DIR/<output>)",
    )
    pages_command.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="the site's config file (default: mkdocs.yml); the plugin's options are read there",
    )
    pages_command.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1, listing the differences, when the files are out of date",
    )
    pages_command.add_argument(
        "--nav", action="store_true", help="print the nav: entries of the pages"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        if unknown := unknown_codes(args.ignore):
            parser.error(f"--ignore: unknown code(s) {', '.join(unknown)}; see docs/diagnostics.md")
        if errors := error_codes(args.ignore):
            parser.error(f"--ignore: {', '.join(errors)} are errors, which cannot be ignored")
    try:
        if args.command == "pages":
            status = pages(
                args.specs,
                out_dir=args.out,
                config=args.config,
                check_only=args.check,
                nav=args.nav,
            )
        else:
            status = check(
                args.specs,
                roots=args.root or [Path.cwd()],
                strict=args.strict,
                output_format=args.format,
                ignore=args.ignore,
            )
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`check ... | head -3`): stop quietly, as other tools do. Python
        # would report the pipe again when it flushes stdout at exit, so point it at devnull.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return status


def check(  # noqa: PLR0913 (the command's options, all by keyword)
    specs: Sequence[Path],
    *,
    roots: Sequence[Path],
    strict: bool = False,
    output_format: str = "text",
    out: TextIO | None = None,
    ignore: Sequence[str] = (),
) -> int:
    """Check each spec, print its diagnostics, and return 1 if any count as failures."""
    out = out or sys.stdout
    found: list[Diagnostic] = []
    for spec in specs:
        _, diagnostics = load_spec(spec, roots=roots, display_base=Path.cwd())
        found.extend(ignoring(diagnostics, ignore))
    _print(found, output_format, out)
    threshold = Level.WARNING if strict else Level.ERROR
    return 1 if any(d.level >= threshold for d in found) else 0


def _print(found: list[Diagnostic], output_format: str, out: TextIO) -> None:
    if output_format == "sarif":
        json.dump(sarif(found), out, indent=2)
        out.write("\n")
        return
    if output_format == "json":
        items = [
            {
                "file": d.file,
                "line": None if d.is_file_level else d.line,
                "column": None if d.is_file_level else d.column,
                "level": str(d.level),
                "pointer": d.pointer,
                "message": d.message,
                "hint": d.hint,
                "code": d.code,
            }
            for d in found
        ]
        json.dump(items, out, indent=2)
        out.write("\n")
        return
    for d in found:
        if output_format == "github":
            kind = {Level.ERROR: "error", Level.WARNING: "warning"}.get(d.level, "notice")
            text = (f"{d.pointer}: " if d.pointer or not d.is_file_level else "") + d.message
            text += f" Hint: {d.hint}" if d.hint else ""
            place = "" if d.is_file_level else f",line={d.line},col={d.column}"
            title = f",title={d.code}" if d.code else ""
            out.write(f"::{kind} file={d.file}{place}{title}::{_escape(text)}\n")
        else:
            out.write(d.format() + "\n")


_SARIF_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif(found: list[Diagnostic]) -> dict[str, object]:
    """A SARIF 2.1.0 log of one run: every rule, and a result per diagnostic."""
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "helpUri": f"{_DOCS}#{rule.code.lower()}",
            "defaultConfiguration": {"level": _SARIF_LEVELS[rule.level]},
        }
        for rule in RULES.values()
    ]
    index = {rule.code: position for position, rule in enumerate(RULES.values())}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "asyncapi-ws-docs",
                        "version": __version__,
                        "informationUri": _DOCS,
                        "rules": rules,
                    }
                },
                "results": [_sarif_result(d, index) for d in found],
            }
        ],
    }


_DOCS = "https://pypi.org/project/asyncapi-ws-docs/"


def _sarif_result(d: Diagnostic, index: dict[str, int]) -> dict[str, object]:
    text = f"{d.pointer or '/'}: {d.message}" + (f" Hint: {d.hint}" if d.hint else "")
    location: dict[str, object] = {"artifactLocation": {"uri": Path(d.file).as_posix()}}
    if d.line > 0:
        region = {"startLine": d.line} | ({"startColumn": d.column} if d.column > 0 else {})
        location["region"] = region
    result: dict[str, object] = {
        "level": _SARIF_LEVELS[d.level],
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
    }
    if d.code in index:
        result["ruleId"] = d.code
        result["ruleIndex"] = index[d.code]
    return result


def _escape(text: str) -> str:
    """GitHub workflow command data escaping (`%`, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


class BadInputError(Exception):
    """Input the `pages` command cannot work with: the message says what to change."""


@dataclass(frozen=True)
class PluginOptions:
    """The plugin's options that the block pages follow, read from its entry in mkdocs.yml."""

    settings: BlockSettings
    download: bool
    nav_group_size: int
    roots: tuple[Path, ...]
    outputs: dict[Path, str]
    """The `output` of each spec the entry lists, by resolved path."""


def pages(  # noqa: PLR0913 (keyword-only options of one run)
    specs: Sequence[Path],
    *,
    out_dir: Path,
    config: Path,
    check_only: bool = False,
    nav: bool = False,
    out: TextIO | None = None,
) -> int:
    """Write (or with `check_only`, compare) the block pages of `specs` under `out_dir`."""
    out = out or sys.stdout
    try:
        site = read_site_config(config)
        options = _plugin_options(site)
        out_dir = _checked_out_dir(out_dir, site)
        several = len(specs) > 1
        written = [_spec_pages(spec, site, options, out_dir, several=several) for spec in specs]
        _check_folders_distinct(written)
    except (BadInputError, SiteConfigError) as error:
        out.write(f"error: {error}\nNothing was written.\n")
        return 2
    plan = plan_sync(
        {site.docs_dir / page.path: page.markdown for spec in written for page in spec.pages},
        {site.docs_dir / path: text for path, text in package_assets().items()},
        out=_relative(out_dir, site.project_dir),
        out_dir=out_dir,
        folders=[site.docs_dir / spec.folder for spec in written],
    )
    if plan.clashes:
        out.write(
            "error: these files were not written by this command, and pages must go there: "
            + ", ".join(_shown(p) for p in plan.clashes)
            + ". Move them, or choose another --out.\nNothing was written.\n"
        )
        return 2
    if check_only:
        return _report_check(plan, out)
    try:
        apply_sync(plan, out_dir=out_dir)
    except OSError as error:
        out.write(f"error: cannot write {error.filename}: {error.strerror}\n")
        return 2
    _report(plan, out)
    out.writelines(f"note: {note}\n" for spec in written for note in spec.notes)
    if nav:
        out.write("\nnav entries:\n")
        out.write(nav_entries([s.pages for s in written], group_size=options.nav_group_size))
    advice = config_advice(
        site,
        spec_folders=[_relative(spec.resolve().parent, site.project_dir) for spec in specs],
        assets=package_assets(),
    )
    if advice:
        out.write(f"\nWithout the plugin (Zensical), {_shown(site.path)} also needs:\n")
        out.write("".join(f"\n{item}\n" for item in advice))
    return 0


def _plugin_options(site: SiteConfig) -> PluginOptions:
    entry = site.plugin or {}
    where = f"{_shown(site.path)}: the asyncapi-ws-docs plugin's"
    clients = entry.get("clients")
    if clients is not None and (
        not isinstance(clients, list) or not all(c in CLIENTS for c in clients)
    ):
        raise BadInputError(f"{where} `clients` must be a list of {', '.join(CLIENTS)}")
    for name in ("download", "console"):
        if not isinstance(entry.get(name, True), bool):
            raise BadInputError(f"{where} `{name}` must be true or false")
    diagram = entry.get("diagram")
    if diagram not in (None, "svg", "mermaid", False):
        raise BadInputError(f"{where} `diagram` must be svg, mermaid or false")
    group_size = entry.get("nav_group_size", 50)
    if not isinstance(group_size, int):
        raise BadInputError(f"{where} `nav_group_size` must be a number")
    roots = entry.get("allowed_roots") or []
    return PluginOptions(
        settings=BlockSettings(
            clients=None if clients is None else tuple(clients),
            console=entry.get("console"),
            diagram=diagram,
        ),
        download=entry.get("download", True),
        nav_group_size=group_size,
        roots=tuple(site.project_dir / str(root) for root in roots),
        outputs=dict(_listed_outputs(entry.get("specs"), site.project_dir)),
    )


def _listed_outputs(specs: Any, project_dir: Path) -> list[tuple[Path, str]]:
    outputs = []
    for item in specs if isinstance(specs, list) else []:
        entry = {"path": item} if isinstance(item, str) else item
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            output = entry.get("output") or default_output(entry["path"])
            if is_folder_inside(output):
                outputs.append(((project_dir / entry["path"]).resolve(), output.strip("/")))
    return outputs


def _checked_out_dir(out_dir: Path, site: SiteConfig) -> Path:
    resolved = out_dir.resolve()
    if not resolved.is_relative_to(site.docs_dir):
        raise BadInputError(
            f"--out {out_dir} is outside the docs folder ({_shown(site.docs_dir)}) of "
            f"{_shown(site.path)}: pages are only built from inside it"
        )
    return resolved


@dataclass(frozen=True)
class SpecPages:
    """One spec's block pages, the folder they go in (relative to the docs), and notes."""

    spec: Path
    folder: str
    pages: list[GeneratedPage]
    notes: tuple[str, ...] = ()


def _spec_pages(
    spec: Path, site: SiteConfig, options: PluginOptions, out_dir: Path, *, several: bool
) -> SpecPages:
    """The spec's folder (relative to the docs) and block pages; `BadInputError` if unreadable."""
    path = spec.resolve()
    if not path.is_file():
        raise BadInputError(f"{spec}: no such spec file")
    model, diagnostics = load_spec(
        path, roots=[site.project_dir, *options.roots], display_base=Path.cwd()
    )
    if model is None:
        reasons = "\n".join(d.format() for d in diagnostics if d.level >= Level.ERROR)
        raise BadInputError(f"{spec} cannot be read:\n{reasons}")
    warnings = sum(d.level >= Level.WARNING for d in diagnostics)
    problems = (
        f"{spec} has {warnings} problem(s) that engines without the plugin do not report: "
        f"`asyncapi-ws-docs check {spec}` lists them"
        if warnings
        else ""
    )
    output = options.outputs.get(path, default_output(spec.name)) if several else ""
    folder = Path(os.path.normpath(out_dir.relative_to(site.docs_dir) / output)).as_posix()
    folder = "" if folder == "." else folder
    download, notes = "", [problems] if problems else []
    if options.download and path.is_relative_to(site.docs_dir):
        download = _relative(path, site.docs_dir / folder)
    elif options.download:
        notes.append(
            f"{spec} lies outside the docs folder, so its overview offers no download (the "
            "plugin publishes a copy; without it, move the spec under the docs folder)"
        )
    pages_ = block_pages(
        model,
        spec_ref=_relative(path, site.project_dir),
        folder=folder,
        out=_relative(out_dir, site.project_dir),
        settings=options.settings,
        download=download,
    )
    return SpecPages(spec, folder, pages_, tuple(notes))


def _check_folders_distinct(written: list[SpecPages]) -> None:
    seen: dict[str, Path] = {}
    for spec in written:
        if spec.folder in seen:
            raise BadInputError(
                f"{seen[spec.folder]} and {spec.spec} would both write to "
                f"{spec.folder or 'the docs folder'}: give one an `output` in the plugin's "
                "`specs` in mkdocs.yml"
            )
        seen[spec.folder] = spec.spec


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()


def _shown(path: Path) -> str:
    """A path as the user gave it: relative to the current folder when inside it."""
    return path.relative_to(Path.cwd()).as_posix() if path.is_relative_to(Path.cwd()) else str(path)


def _report_check(plan: SyncPlan, out: TextIO) -> int:
    if plan.up_to_date:
        out.write("The pages are up to date.\n")
        return 0
    out.write("The pages are out of date (run the command without --check):\n")
    for label, paths in (
        ("missing", list(plan.new)),
        ("differs", list(plan.changed)),
        ("stale, would be removed", plan.removed),
    ):
        out.writelines(f"  {label}: {_shown(path)}\n" for path in paths)
    return 1


def _report(plan: SyncPlan, out: TextIO) -> None:
    for label, paths in (
        ("wrote", list(plan.new)),
        ("updated", list(plan.changed)),
        ("removed", plan.removed),
    ):
        out.writelines(f"{label} {_shown(path)}\n" for path in paths)
    if plan.unchanged:
        out.write(f"{len(plan.unchanged)} file(s) already up to date\n")
    if plan.kept:
        out.write("left alone (not written by this command):\n")
        out.writelines(f"  {_shown(path)}\n" for path in plan.kept)


if __name__ == "__main__":
    raise SystemExit(main())
