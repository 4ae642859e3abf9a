"""The command line, for CI jobs, pre-commit hooks and engines without plugins.

`asyncapi-ws-docs check SPEC...` reports the problems of specs (`check_command.py`);
`asyncapi-ws-docs pages SPEC... --out DIR` writes the plugin's pages as Markdown files holding
`asyncapi-ws` blocks, for Zensical (`pages_command.py`); `asyncapi-ws-docs diff OLD NEW`
reports what changed for clients between two versions of a spec (`diff_command.py`). Each
command's module adds its parser and runs it; `shared.py` holds what the commands share (exit
statuses, common arguments).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from asyncapi_ws_docs import __version__
from asyncapi_ws_docs.cli import check_command, diff_command, mock_command, pages_command
from asyncapi_ws_docs.cli.check_command import check, sarif
from asyncapi_ws_docs.cli.pages_command import BadInputError, PluginOptions, SpecPages, pages
from asyncapi_ws_docs.cli.sarif import SARIF_SCHEMA
from asyncapi_ws_docs.cli.shared import EXIT_FAILED

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "SARIF_SCHEMA",
    "BadInputError",
    "PluginOptions",
    "SpecPages",
    "check",
    "main",
    "pages",
    "sarif",
]

_RUN: dict[str, Callable[[argparse.Namespace, argparse.ArgumentParser], int]] = {
    "check": check_command.run,
    "pages": pages_command.run,
    "mock": mock_command.run,
    "diff": diff_command.run,
}
"""Each command's `run`, by its name on the command line."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asyncapi-ws-docs",
        description="Check AsyncAPI documents of WebSocket APIs, and write pages of them.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check_command.add_parser(commands)
    pages_command.add_parser(commands)
    mock_command.add_parser(commands)
    diff_command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status = _RUN[args.command](args, parser)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`check ... | head -3`): stop quietly, as other tools do. Python
        # would report the pipe again when it flushes stdout at exit, so point it at devnull.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    return status
