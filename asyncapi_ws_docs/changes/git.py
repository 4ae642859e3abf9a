"""A version of a spec read from git history: `REF:PATH` (`v1.2.0:asyncapi.yaml`, `HEAD~1:...`).

The files come from `git show REF:FILE`, run as a command: git is there wherever a repository
is, and a library would be one more dependency for four calls. Files are fetched on demand
(the spec, then each file its `$ref`s reach) into a temporary folder laid out as the
repository, so relative references resolve as they did at that revision, and each place is
shown as `REF:FILE`.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from asyncapi_ws_docs.changes.revision import Revision, read_revision
from asyncapi_ws_docs.document.loader import LoadedFile, load_file
from asyncapi_ws_docs.document.loader.refusals import refuse_file

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.conversation import Side
    from asyncapi_ws_docs.document.diagnostics import Diagnostics

SHALLOW_HINT = (
    "a shallow clone lacks older commits and tags: fetch them (`git fetch --tags "
    "--unshallow`, or `fetch-depth: 0` in actions/checkout)"
)


class GitError(Exception):
    """Git could not give the version asked for; the message says why, for the user."""


def split_source(text: str) -> tuple[str, str] | None:
    """`(REF, PATH)` for a `REF:PATH` argument, None for a file name.

    An existing file wins, so a file whose name holds a colon is still read as a file.
    """
    ref, colon, path = text.partition(":")
    if not colon or not ref or not path or Path(text).exists():
        return None
    return ref, path


def read_git_revision(
    ref: str, path: str, *, cwd: Path, application: Side | None = None
) -> tuple[Revision, Diagnostics]:
    """The spec at `path` (relative to `cwd`) as it was at `ref`.

    Raises `GitError` when git cannot give it, `SpecError` when what it gives cannot be read.
    """
    top = Path(_git(cwd, "rev-parse", "--show-toplevel").strip())
    _git(cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", missing=f"`{ref}`")
    inside = _in_repository(cwd, path, top)
    with tempfile.TemporaryDirectory(prefix="asyncapi-ws-diff-") as folder:
        tree = Path(folder).resolve()
        fetched = _Fetcher(top, tree, ref)
        spec_file = tree / inside
        fetched.write(inside)  # now, so a missing file is a `GitError`, not a read problem
        return read_revision(
            spec_file,
            roots=[tree],
            display_base=tree,
            label=f"{ref}:{path}",
            ref=ref,
            application=application,
            loader=fetched.load,
        )


class _Fetcher:
    """Writes the files of one revision into the temporary tree as references reach them."""

    def __init__(self, top: Path, tree: Path, ref: str) -> None:
        self.top, self.tree, self.ref = top, tree, ref

    def write(self, inside: PurePosixPath) -> None:
        data = _git_bytes(
            self.top, "show", f"{self.ref}:{inside}", missing=f"`{self.ref}:{inside}`"
        )
        target = self.tree / inside
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def load(self, path: Path, display: str) -> LoadedFile:
        """The workspace's loader: a file of the revision, fetched the first time it is named."""
        inside = PurePosixPath(path.relative_to(self.tree).as_posix())
        shown = f"{self.ref}:{inside}"
        if not path.exists():
            try:
                self.write(inside)
            except GitError as error:
                refuse_file(shown, str(error), f"check that `{inside}` existed at `{self.ref}`")
        del display  # the revision's name for it, not the temporary folder's
        return load_file(path, display=shown)


def _in_repository(cwd: Path, path: str, top: Path) -> PurePosixPath:
    """`path` (as the user wrote it, from `cwd`) as a path inside the repository."""
    absolute = (cwd / path).resolve()
    try:
        return PurePosixPath(absolute.relative_to(top.resolve()).as_posix())
    except ValueError:
        message = f"`{path}` is not inside the git repository at {top}"
        raise GitError(message) from None


def _git(cwd: Path, *arguments: str, missing: str = "") -> str:
    return _git_bytes(cwd, *arguments, missing=missing).decode("utf-8", "replace")


def _git_bytes(cwd: Path, *arguments: str, missing: str = "") -> bytes:
    """Run git; a `GitError` with git's own words (or "no such revision") when it fails."""
    try:
        done = subprocess.run(  # noqa: S603 (fixed program, arguments are not a shell line)
            ["git", *arguments],  # noqa: S607 (git from PATH, as the user runs it)
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        message = "git is not installed (or not on PATH): REF:PATH needs it"
        raise GitError(message) from None
    if done.returncode == 0:
        return done.stdout
    said = done.stderr.decode("utf-8", "replace").strip().splitlines()
    if missing:
        detail = f" ({said[-1]})" if said else ""
        hint = "" if ":" in missing else f"; {SHALLOW_HINT}"  # a file, not a revision
        message = f"git has no {missing}{detail}{hint}"
    else:
        message = f"git {arguments[0]} failed: {said[-1] if said else done.returncode}"
    raise GitError(message)


def commit_of(cwd: Path, ref: str) -> str | None:
    """The commit `ref` names (a tag, a branch, `HEAD~1`...), None when git has none by it."""
    try:
        found = _git(cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", missing=ref)
    except GitError:
        return None
    return found.strip() or None


def tags_matching(cwd: Path, pattern: str) -> list[tuple[str, str]]:
    """`(tag, commit)` of each tag matching the glob `pattern`, highest version first.

    One call to git, whatever the number of tags (`%(*objectname)` is an annotated tag's
    commit, empty for a lightweight tag, whose own object is the commit).
    """
    try:
        listed = _git(
            cwd,
            "for-each-ref",
            "--sort=-v:refname",
            "--format=%(refname:short) %(objectname) %(*objectname)",
            f"refs/tags/{pattern}",
        )
    except GitError:
        return []
    tags: list[tuple[str, str]] = []
    for line in listed.splitlines():
        name, _, objects = line.partition(" ")
        own, _, peeled = objects.partition(" ")
        tags.append((name, peeled.strip() or own.strip()))
    return tags


def is_shallow(cwd: Path) -> bool:
    """Whether the clone at `cwd` is shallow (`git clone --depth 1`, as CI checkouts are)."""
    try:
        return _git(cwd, "rev-parse", "--is-shallow-repository").strip() == "true"
    except GitError:
        return False


def in_repository(cwd: Path) -> bool:
    """Whether `cwd` is inside a git working tree (and git is installed)."""
    try:
        return _git(cwd, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except GitError:
        return False
