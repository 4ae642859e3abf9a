"""`asyncapi-ws-docs diff OLD NEW`: what changed for clients between two versions of a spec.

OLD and NEW are files, or `REF:PATH` read from git (`v1.2.0:asyncapi.yaml`, `HEAD~1:...`).
The comparison is the `changes` layer's; this module reads the two versions, applies the
user's policy (`--ignore`, `--severity`, `--require-version-bump`), prints the changes in
one of the formats of `diff_output` and says by its exit status whether any breaks clients.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from asyncapi_ws_docs.changes import Severity, changes_between, version_gate, with_policy
from asyncapi_ws_docs.changes.git import GitError, read_git_revision, split_source
from asyncapi_ws_docs.changes.revision import read_revision
from asyncapi_ws_docs.changes.rules import unknown_change_codes
from asyncapi_ws_docs.cli.diff_output import FORMATS, write_changes
from asyncapi_ws_docs.cli.shared import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    add_application_option,
    add_command,
)
from asyncapi_ws_docs.document.diagnostics import SpecError

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from asyncapi_ws_docs.changes import Change
    from asyncapi_ws_docs.changes.revision import Revision
    from asyncapi_ws_docs.cli.shared import Subcommands
    from asyncapi_ws_docs.document.conversation import Side


REFERENCE_PROBLEMS = frozenset({"AWD102", "AWD103", "AWD104", "AWD105"})
"""The diagnostics that change what is compared: a `$ref` not followed leaves a hole."""


def add_parser(commands: Subcommands) -> None:
    """The `diff` command and its options."""
    command = add_command(
        commands,
        "diff",
        summary="report what changed for clients between two versions of a spec",
        description="Compare two versions of an AsyncAPI document by meaning; exit 1 if a "
        "change breaks clients. Each version is a file or REF:PATH read from git.",
    )
    command.add_argument("old", metavar="OLD", help="the earlier version: a file or REF:PATH")
    command.add_argument("new", metavar="NEW", help="the later version: a file or REF:PATH")
    command.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    command.add_argument(
        "--fail-on",
        choices=("breaking", "warning"),
        default="breaking",
        help="exit 1 on breaking changes (default), or on warnings too",
    )
    command.add_argument(
        "--require-version-bump",
        action="store_true",
        help="breaking changes without a new major info.version (minor below 1.0) are an error",
    )
    command.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="leave out the changes of a rule, by its code (AWD601...); repeatable",
    )
    command.add_argument(
        "--severity",
        action="append",
        default=[],
        metavar="CODE=LEVEL",
        help="report a rule at another severity (breaking, warning or info); repeatable",
    )
    command.add_argument(
        "--root",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder relative $refs of a file may reach (default: the file's folder); repeatable",
    )
    add_application_option(command)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run `diff` with parsed arguments; unknown codes and levels are usage errors."""
    severities = _severities(args.severity, parser)
    if unknown := unknown_change_codes([*args.ignore, *severities]):
        parser.error(f"unknown change code(s) {', '.join(unknown)}; see docs/changes.md")
    return diff(
        args.old,
        args.new,
        output_format=args.format,
        fail_on=Severity.named(args.fail_on),
        require_version_bump=args.require_version_bump,
        ignore=args.ignore,
        severities=severities,
        roots=args.root,
        application=args.application,
    )


def _severities(pairs: Sequence[str], parser: argparse.ArgumentParser) -> dict[str, Severity]:
    """`--severity AWD620=info` options as a mapping; a usage error for anything else."""
    found: dict[str, Severity] = {}
    for pair in pairs:
        code, equals, level = pair.partition("=")
        if not equals:
            parser.error(f"--severity {pair}: write CODE=LEVEL, e.g. AWD620=info")
        try:
            found[code.strip()] = Severity.named(level)
        except ValueError as error:
            parser.error(f"--severity {pair}: {error}")
    return found


def diff(  # noqa: PLR0913 (the command's options, all by keyword)
    old: str,
    new: str,
    *,
    output_format: str = "text",
    fail_on: Severity = Severity.BREAKING,
    require_version_bump: bool = False,
    ignore: Sequence[str] = (),
    severities: dict[str, Severity] | None = None,
    roots: Sequence[Path] = (),
    application: Side | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Compare two versions and print the changes; return the exit status.

    1 if any change is at `fail_on` or worse, 2 for input that cannot be read (the reason
    goes to `err`).
    """
    out, err = out or sys.stdout, err or sys.stderr
    try:
        before = _read(old, roots, application, err)
        after = _read(new, roots, application, err)
    except (SpecError, GitError) as error:
        text = error.diagnostic.format() if isinstance(error, SpecError) else str(error)
        err.write(f"asyncapi-ws-docs diff: {text}\n")
        return EXIT_BAD_INPUT
    found = _changes(before, after, require_version_bump, ignore, severities)
    write_changes(found, before, after, output_format, out)
    return EXIT_FAILED if any(c.severity >= fail_on for c in found) else EXIT_OK


def _changes(
    before: Revision,
    after: Revision,
    require_version_bump: bool,  # noqa: FBT001 (a private helper of `diff`)
    ignore: Sequence[str],
    severities: dict[str, Severity] | None,
) -> list[Change]:
    found = changes_between(before, after, ignore=ignore, severities=severities)
    gate = version_gate(before, after, found) if require_version_bump else None
    if gate is None:
        return found
    # After the policy, so a rule the user made a warning does not ask for a new version.
    return with_policy([gate, *found], ignore=ignore, severities=severities)


def _read(source: str, roots: Sequence[Path], application: Side | None, err: TextIO) -> Revision:
    """One version, from a file or from git.

    Its reference problems go to `err`: a change may come from a `$ref` that no longer
    resolves rather than from the API. Its other problems are `check`'s to report.
    """
    in_git = split_source(source)
    cwd = Path.cwd()
    if in_git is not None:
        revision, diagnostics = read_git_revision(*in_git, cwd=cwd, application=application)
    else:
        path = Path(source)
        revision, diagnostics = read_revision(
            path,
            roots=roots or [cwd, path.resolve().parent],
            display_base=cwd,
            application=application,
        )
    problems = (d for d in diagnostics if d.code in REFERENCE_PROBLEMS)
    err.writelines(f"{problem.format()}\n" for problem in problems)
    return revision
