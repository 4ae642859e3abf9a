"""`asyncapi-ws-docs check SPEC...`: report the problems of specs, for CI and pre-commit hooks.

Prints every problem of every spec as `FILE:LINE:COLUMN: LEVEL[CODE]: POINTER: message`, as
JSON, as GitHub Actions annotations or as SARIF 2.1.0 (GitHub code scanning); exits 1 when
there are errors (or, with `--strict`, warnings). `--ignore CODE` leaves a rule out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from asyncapi_ws_docs.cli.sarif import SarifResult, SarifRule, sarif_log
from asyncapi_ws_docs.cli.shared import (
    EXIT_FAILED,
    EXIT_OK,
    add_command,
    add_spec_files,
    github_annotation,
)
from asyncapi_ws_docs.document.diagnostics import (
    RULES,
    Diagnostic,
    Level,
    error_codes,
    ignoring,
    unknown_codes,
)
from asyncapi_ws_docs.document.readers import load_spec

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from asyncapi_ws_docs.cli.shared import Subcommands


def add_parser(commands: Subcommands) -> None:
    """The `check` command and its options."""
    check_command = add_command(
        commands,
        "check",
        summary="report problems in specs",
        description="Report problems in AsyncAPI documents; exit 1 if there are errors.",
    )
    add_spec_files(check_command)
    check_command.add_argument("--strict", action="store_true", help="warnings count as errors too")
    check_command.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif"),
        default="text",
        help="text (default), json, github (GitHub Actions annotations), or sarif (SARIF 2.1.0, "
        "for GitHub code scanning)",
    )
    check_command.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="leave out the diagnostics of a rule, by its code (AWD501...); repeatable",
    )
    check_command.add_argument(
        "--root",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder relative $refs may reach (default: the current folder); repeatable",
    )


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run `check` with parsed arguments; codes `--ignore` cannot leave out are usage errors."""
    if unknown := unknown_codes(args.ignore):
        parser.error(f"--ignore: unknown code(s) {', '.join(unknown)}; see docs/diagnostics.md")
    if errors := error_codes(args.ignore):
        parser.error(f"--ignore: {', '.join(errors)} are errors, which cannot be ignored")
    return check(
        args.specs,
        roots=args.root or [Path.cwd()],
        strict=args.strict,
        output_format=args.format,
        ignore=args.ignore,
    )


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
    _print_diagnostics(found, output_format, out)
    threshold = Level.WARNING if strict else Level.ERROR
    return EXIT_FAILED if any(d.level >= threshold for d in found) else EXIT_OK


def _print_diagnostics(found: list[Diagnostic], output_format: str, out: TextIO) -> None:
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
            line = 0 if d.is_file_level else d.line
            out.write(
                github_annotation(kind, text, file=d.file, line=line, column=d.column, title=d.code)
            )
        else:
            out.write(d.format() + "\n")


_SARIF_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}


def sarif(found: list[Diagnostic]) -> dict[str, object]:
    """A SARIF 2.1.0 log of one run: every rule, and a result per diagnostic."""
    rules = [
        SarifRule(rule.code, rule.name, rule.summary, _SARIF_LEVELS[rule.level])
        for rule in RULES.values()
    ]
    return sarif_log(rules, [_sarif_result(d) for d in found])


def _sarif_result(d: Diagnostic) -> SarifResult:
    text = f"{d.pointer or '/'}: {d.message}" + (f" Hint: {d.hint}" if d.hint else "")
    return SarifResult(d.code, _SARIF_LEVELS[d.level], text, d.file, d.line, d.column)
