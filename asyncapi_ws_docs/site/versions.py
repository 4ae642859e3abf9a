"""The earlier versions of a spec the site compares it with: the `changes` and `diff` options.

`changes: [v1.2.0, v1.1.0]` lists git refs (tags, branches, commits) or files, newest first;
`changes: {tags: "v*"}` takes every tag matching the pattern, highest version first (at most
`limit` of them). Git is run as a command (`changes.git`), as `diff` runs it: CI runners and
hosted builds have it wherever there is a clone, and it costs no dependency.

A version the clone does not have (a shallow clone has no tags) is left out with a warning
(`AWD701`) that names it and says how to fetch it; the build goes on. Nothing here imports
MkDocs: the `pages` command reads the same options from mkdocs.yml.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.changes.git import (
    GitError,
    commit_of,
    in_repository,
    is_shallow,
    read_git_revision,
    tags_matching,
)
from asyncapi_ws_docs.changes.history import ChangeHistory, change_history
from asyncapi_ws_docs.changes.revision import Revision, read_revision
from asyncapi_ws_docs.changes.rules import Severity, unknown_change_codes
from asyncapi_ws_docs.document.diagnostics import Diagnostics, SpecError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from asyncapi_ws_docs.document.conversation import Side

FETCH_HINT = (
    "fetch the history and tags before the build: `fetch-depth: 0` in actions/checkout "
    "(GitHub Actions), `git fetch --unshallow --tags` in `build.jobs.post_checkout` "
    "(Read the Docs), or `git fetch --tags` elsewhere"
)


class OptionError(ValueError):
    """A `changes` or `diff` option written wrong; the message says how to write it."""


@dataclass(frozen=True)
class VersionsOption:
    """Which earlier versions to compare with: refs or files, and/or tags matching a glob."""

    listed: tuple[str, ...] = ()
    tags: str = ""
    limit: int = 0
    """At most this many tags (the highest versions); 0: all of them."""

    def __bool__(self) -> bool:
        return bool(self.listed or self.tags)


@dataclass(frozen=True)
class DiffPolicy:
    """The `diff:` section: rules left out, and rules at another severity (as `diff` takes)."""

    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)


def versions_option(value: Any, where: str = "changes") -> VersionsOption:
    """`[v1.2.0, old/chat.yaml]`, `{tags: "v*", limit: 5}`, or `false`/None for none."""
    if value is None or value is False or value == []:
        return VersionsOption()
    if isinstance(value, list) and all(isinstance(item, str) and item for item in value):
        return VersionsOption(listed=tuple(value))
    if isinstance(value, dict) and set(value) <= {"tags", "limit"} and "tags" in value:
        tags, limit = value["tags"], value.get("limit", 0)
        if isinstance(tags, str) and tags and isinstance(limit, int) and limit >= 0:
            return VersionsOption(tags=tags, limit=limit)
    message = (
        f"`{where}` must be a list of git refs or files, newest first (`[v1.2.0, v1.1.0]`), "
        'or the tags matching a pattern (`{tags: "v*"}`, optionally with `limit: 5`)'
    )
    raise OptionError(message)


def diff_policy(value: Any) -> DiffPolicy:
    """`{ignore: [AWD633], severity: {AWD623: info}}`; unknown codes and levels refused."""
    if value is None:
        return DiffPolicy()
    if not isinstance(value, dict) or not set(value) <= {"ignore", "severity"}:
        message = "`diff` takes `ignore: [CODE...]` and `severity: {CODE: breaking|warning|info}`"
        raise OptionError(message)
    ignore, levels = value.get("ignore") or [], value.get("severity") or {}
    if not isinstance(ignore, list) or not all(isinstance(code, str) for code in ignore):
        raise OptionError("`diff.ignore` must be a list of change codes, like [AWD633]")
    if not isinstance(levels, dict):
        raise OptionError("`diff.severity` must map change codes to levels: {AWD623: info}")
    if unknown := unknown_change_codes([*ignore, *map(str, levels)]):
        message = f"`diff` names unknown change code(s) {', '.join(unknown)}: see docs/changes.md"
        raise OptionError(message)
    try:
        severity = {str(code): Severity.named(str(level)) for code, level in levels.items()}
    except ValueError as error:
        raise OptionError(f"`diff.severity`: {error}") from None
    return DiffPolicy(tuple(ignore), severity)


@dataclass(frozen=True)
class Version:
    """One earlier version: a git ref (with the commit it names now) or a file."""

    label: str
    commit: str = ""
    file: Path | None = None
    digest: str = ""
    """The file's content hash (a git version's commit says it all)."""


@dataclass
class ResolvedVersions:
    """The versions found, and the diagnostics of those that were not."""

    versions: list[Version]
    diagnostics: Diagnostics
    config_file: str = "mkdocs.yml"

    @property
    def key(self) -> str:
        """What the pages depend on: each version and the commit (or content) it stands for.

        A new tag, or a branch that moved, changes it; an unchanged history does not.
        """
        return ";".join(f"{v.label}={v.commit or v.digest}" for v in self.versions)


@dataclass(frozen=True)
class _OptionPlace:
    """Where a diagnostic about the option is: the config file, and which spec's option."""

    file: str
    pointer: str

    def position_of(self, key: str | int | None = None) -> tuple[str, int, int, str]:
        del key
        return self.file, 0, 0, self.pointer


def resolve_versions(
    option: VersionsOption, *, spec: str, project_dir: Path, config_file: str = "mkdocs.yml"
) -> ResolvedVersions | None:
    """The versions `option` names for the spec at `spec` (relative to `project_dir`).

    None when it names none. A listed name is a file when such a file exists, else a git
    ref. Refs git does not know are reported together (`AWD701`); the build goes on.
    """
    if not option:
        return None
    diagnostics = Diagnostics()
    place = _OptionPlace(config_file, f"changes of {spec}")
    versions: list[Version] = []
    missing: list[str] = []
    git = in_repository(project_dir)
    for name in option.listed:
        path = project_dir / name
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            versions.append(Version(name, file=path, digest=digest))
        elif git and (commit := commit_of(project_dir, name)):
            versions.append(Version(name, commit=commit))
        else:
            missing.append(name)
    if option.tags:
        tags = tags_matching(project_dir, option.tags) if git else []
        found = tags[: option.limit] if option.limit else tags
        versions += [Version(name, commit=commit) for name, commit in found]
        if not tags:
            missing.append(f"tags matching `{option.tags}`")
        elif is_shallow(project_dir):  # only the tags of the commits it has: older ones lack
            shown = ", ".join(f"`{name}`" for name, _ in tags)
            missing.append(f"tags matching `{option.tags}` older than {shown}")
    if missing:
        _report_missing(diagnostics, place, missing, project_dir, git=git)
    return ResolvedVersions(versions, diagnostics, config_file)


def _report_missing(
    diagnostics: Diagnostics, place: _OptionPlace, missing: Sequence[str], cwd: Path, *, git: bool
) -> None:
    names = ", ".join(f"`{name}`" if "`" not in name else name for name in missing)
    if not git:
        why, hint = "this folder is not a git clone", "build from a git clone, or list files"
    elif is_shallow(cwd):
        why, hint = (
            "this clone is shallow (its older commits and tags were not fetched)",
            (FETCH_HINT),
        )
    else:
        why, hint = "git has no such tag, branch or commit here", FETCH_HINT
    message = f"{names} not found: {why}; the Changes page and badges leave them out."
    diagnostics.report(place, message, code="AWD701", hint=hint)


def spec_history(  # noqa: PLR0913 (what to read, and how, by keyword)
    resolved: ResolvedVersions,
    *,
    spec: str,
    project_dir: Path,
    roots: Iterable[Path],
    application: Side | None,
    policy: DiffPolicy,
    remembered: dict[tuple[str, str, str], Revision] | None = None,
) -> tuple[ChangeHistory, Diagnostics]:
    """The spec's history: the working tree, then each version found, read and compared.

    A version that cannot be read is left out with a warning (`AWD702`). `remembered` keeps
    the versions read from git by commit (under `mkdocs serve`): a commit never changes, so
    an edit of the spec costs reading the working tree and comparing, not every old version.
    """
    diagnostics = Diagnostics()
    roots = list(roots)
    current, _ = read_revision(
        project_dir / spec, roots=roots, display_base=project_dir, application=application
    )
    read: list[tuple[str, Revision]] = []
    for version in resolved.versions:
        key = (version.commit, spec, str(application))
        if version.commit and remembered is not None and key in remembered:
            read.append((version.label, remembered[key]))
            continue
        revision = _read(
            version,
            spec=spec,
            project_dir=project_dir,
            roots=roots,
            application=application,
            diagnostics=diagnostics,
            config_file=resolved.config_file,
        )
        if revision is not None:
            read.append((version.label, revision))
            if version.commit and remembered is not None:
                remembered[key] = revision
    names = {revision.spec.info.version for _, revision in read}
    label = current.spec.info.version if current.spec.info.version not in names else ""
    history = change_history(
        [(label, current), *read], ignore=policy.ignore, severities=policy.severity
    )
    return history, diagnostics


def _read(  # noqa: PLR0913 (one version, where it is, and where to say it is broken)
    version: Version,
    *,
    spec: str,
    project_dir: Path,
    roots: list[Path],
    application: Side | None,
    diagnostics: Diagnostics,
    config_file: str,
) -> Revision | None:
    """One version read (a file, or the spec at a git ref); None, reported, when it cannot be."""
    try:
        if version.file is not None:
            revision, _ = read_revision(
                version.file, roots=roots, display_base=project_dir, application=application
            )
        else:
            revision, _ = read_git_revision(
                version.label, spec, cwd=project_dir, application=application
            )
    except (GitError, SpecError) as error:
        place = _OptionPlace(config_file, f"changes of {spec}")
        message = f"version `{version.label}` cannot be read ({error}); it is left out."
        hint = "check that the spec existed at that version, and was valid"
        diagnostics.report(place, message, code="AWD702", hint=hint)
        return None
    return revision
