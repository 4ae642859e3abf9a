"""The command line: `asyncapi-ws-docs check SPEC...` for CI jobs and pre-commit hooks.

Prints every problem of every spec as `FILE:LINE:COLUMN: LEVEL: POINTER: message`, as JSON, or
as GitHub Actions annotations; exits 1 when there are errors (or, with `--strict`, warnings).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from asyncapi_ws_docs import __version__
from asyncapi_ws_docs.build import load_spec
from asyncapi_ws_docs.diagnostics import Diagnostic, Level
from asyncapi_ws_docs.reporting import diagnostic_text, is_file_level

if TYPE_CHECKING:
    from collections.abc import Sequence


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asyncapi-ws-docs",
        description="Check AsyncAPI documents of WebSocket APIs.",
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
        choices=("text", "json", "github"),
        default="text",
        help="text (default), json, or github (GitHub Actions annotations)",
    )
    check.add_argument(
        "--root",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder relative $refs may reach (default: the current folder); repeatable",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        status = check(
            args.specs,
            roots=args.root or [Path.cwd()],
            strict=args.strict,
            output_format=args.format,
        )
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`check ... | head -3`): stop quietly, as other tools do. Python
        # would report the pipe again when it flushes stdout at exit, so point it at devnull.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return status


def check(
    specs: Sequence[Path],
    *,
    roots: Sequence[Path],
    strict: bool = False,
    output_format: str = "text",
    out: TextIO | None = None,
) -> int:
    """Check each spec, print its diagnostics, and return 1 if any count as failures."""
    out = out or sys.stdout
    found: list[Diagnostic] = []
    for spec in specs:
        _, diagnostics = load_spec(spec, roots=roots, display_base=Path.cwd())
        found.extend(diagnostics)
    _print(found, output_format, out)
    threshold = Level.WARNING if strict else Level.ERROR
    return 1 if any(d.level >= threshold for d in found) else 0


def _print(found: list[Diagnostic], output_format: str, out: TextIO) -> None:
    if output_format == "json":
        items = [
            {
                "file": d.file,
                "line": None if is_file_level(d) else d.line,
                "column": None if is_file_level(d) else d.column,
                "level": str(d.level),
                "pointer": d.pointer,
                "message": d.message,
                "hint": d.hint,
            }
            for d in found
        ]
        json.dump(items, out, indent=2)
        out.write("\n")
        return
    for d in found:
        if output_format == "github":
            kind = {Level.ERROR: "error", Level.WARNING: "warning"}.get(d.level, "notice")
            text = (f"{d.pointer}: " if d.pointer or not is_file_level(d) else "") + d.message
            text += f" Hint: {d.hint}" if d.hint else ""
            place = "" if is_file_level(d) else f",line={d.line},col={d.column}"
            out.write(f"::{kind} file={d.file}{place}::{_escape(text)}\n")
        else:
            out.write(diagnostic_text(d) + "\n")


def _escape(text: str) -> str:
    """GitHub workflow command data escaping (`%`, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


if __name__ == "__main__":
    raise SystemExit(main())
