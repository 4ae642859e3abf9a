"""What the commands have in common: their exit statuses and the arguments they share.

Every command adds its parser through `add_command`, so an option all commands take is added
there once; `add_spec_files` is the list of specs most commands read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.conversation import SIDES

if TYPE_CHECKING:
    import argparse

    Subcommands = argparse._SubParsersAction[argparse.ArgumentParser]  # noqa: SLF001 (argparse's)

EXIT_OK = 0
EXIT_FAILED = 1
"""The command found what it looks for: errors in the specs, pages out of date."""
EXIT_BAD_INPUT = 2
"""The command could not work with its input (as argparse exits on bad arguments)."""


def add_command(
    commands: Subcommands, name: str, *, summary: str, description: str
) -> argparse.ArgumentParser:
    """The parser of one command, with the options every command takes."""
    return commands.add_parser(name, help=summary, description=description)


def add_spec_files(command: argparse.ArgumentParser) -> None:
    """The spec files the command reads: one or more, as positional arguments."""
    command.add_argument("specs", nargs="+", type=Path, metavar="SPEC", help="YAML or JSON file")


def add_application_option(command: argparse.ArgumentParser) -> None:
    """`--application server|client`: which end the specs describe, when they are misread.

    For every command whose output depends on who sends what (`document.conversation`).
    """
    command.add_argument(
        "--application",
        choices=SIDES,
        help="the end of the connection the specs describe (default: read from each spec, "
        "or its entry's `application` in mkdocs.yml)",
    )


def github_annotation(  # noqa: PLR0913 (one annotation's parts, by keyword)
    level: str, text: str, *, file: str, line: int = 0, column: int = 0, title: str = ""
) -> str:
    """A GitHub Actions annotation line (`::error file=a.yaml,line=3,col=5,title=T::text`).

    `level` is `error`, `warning` or `notice`; `line` 0 pins it to the file as a whole.
    """
    place = f"file={_github_property(file)}"
    if line > 0:
        place += f",line={line},col={column}"
    if title:
        place += f",title={_github_property(title)}"
    return f"::{level} {place}::{_github_data(text)}\n"


def _github_data(text: str) -> str:
    """GitHub workflow command data escaping (`%`, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """GitHub workflow command property escaping (data's, and `:` and `,`)."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")
