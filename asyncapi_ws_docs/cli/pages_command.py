"""`asyncapi-ws-docs pages SPEC... --out DIR`: the plugin's pages, for engines without plugins.

Writes, for each spec, the plugin's pages as Markdown files holding `asyncapi-ws` blocks (see
`site/blockpages.py`), for Zensical, following the plugin's options in mkdocs.yml; exits 1 with
`--check` when they are out of date, 2 on bad input (having written nothing).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from asyncapi_ws_docs.cli.shared import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    add_application_option,
    add_command,
    add_spec_files,
)
from asyncapi_ws_docs.document.conversation import side_of
from asyncapi_ws_docs.document.diagnostics import Level
from asyncapi_ws_docs.document.readers import load_spec
from asyncapi_ws_docs.page.clients import CLIENTS
from asyncapi_ws_docs.page.labels import labels_for
from asyncapi_ws_docs.page.pages import changes_page, default_output, is_folder_inside
from asyncapi_ws_docs.page.render import PageRenderer, link_markdown
from asyncapi_ws_docs.page.text import TextRenderer
from asyncapi_ws_docs.page.views import ViewBuilder, ViewOptions
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
from asyncapi_ws_docs.site.versions import (
    DiffPolicy,
    OptionError,
    VersionsOption,
    diff_policy,
    resolve_versions,
    spec_history,
    versions_option,
)

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from asyncapi_ws_docs.cli.shared import Subcommands
    from asyncapi_ws_docs.document.conversation import Side
    from asyncapi_ws_docs.document.model import Spec
    from asyncapi_ws_docs.page.render import GeneratedPage


def add_parser(commands: Subcommands) -> None:
    """The `pages` command and its options."""
    pages_command = add_command(
        commands,
        "pages",
        summary="write the plugin's pages as Markdown files with asyncapi-ws blocks (Zensical)",
        description="Write, for each spec, an overview page and one page per channel holding "
        "asyncapi-ws blocks, in the plugin's layout, for engines that run no MkDocs plugins. "
        "Run it in the folder of mkdocs.yml. Exit 1 with --check when the files are out of "
        "date; exit 2 on bad input, having written nothing.",
    )
    add_spec_files(pages_command)
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
    add_application_option(pages_command)


def run(
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,  # noqa: ARG001 (every command's `run` takes it)
) -> int:
    """Run `pages` with parsed arguments."""
    return pages(
        args.specs,
        out_dir=args.out,
        config=args.config,
        check_only=args.check,
        nav=args.nav,
        application=args.application,
    )


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
    applications: dict[Path, Side]
    """The `application` of each spec the entry lists with one, by resolved path."""
    changes: dict[Path, VersionsOption]
    """The `changes` of each spec the entry lists with its own, by resolved path."""
    all_changes: VersionsOption
    """The plugin's own `changes`, for the other specs."""
    policy: DiffPolicy


def pages(  # noqa: PLR0913 (keyword-only options of one run)
    specs: Sequence[Path],
    *,
    out_dir: Path,
    config: Path,
    check_only: bool = False,
    nav: bool = False,
    application: Side | None = None,
    out: TextIO | None = None,
) -> int:
    """Write (or with `check_only`, compare) the block pages of `specs` under `out_dir`.

    `application` names the end every spec describes, over what mkdocs.yml's entries say.
    """
    out = out or sys.stdout
    try:
        site = read_site_config(config)
        options = _plugin_options(site)
        out_dir = _checked_out_dir(out_dir, site)
        several = len(specs) > 1
        written = [
            _spec_pages(spec, site, options, out_dir, several=several, application=application)
            for spec in specs
        ]
        _check_folders_distinct(written)
    except (BadInputError, SiteConfigError) as error:
        out.write(f"error: {error}\nNothing was written.\n")
        return EXIT_BAD_INPUT
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
        return EXIT_BAD_INPUT
    if check_only:
        return _report_check(plan, out)
    try:
        apply_sync(plan, out_dir=out_dir)
    except OSError as error:
        out.write(f"error: cannot write {error.filename}: {error.strerror}\n")
        return EXIT_BAD_INPUT
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
    return EXIT_OK


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
        applications=_listed_applications(entry.get("specs"), site.project_dir, where),
        **_history_options(entry, site.project_dir, where),
    )


def _history_options(entry: dict[str, Any], project_dir: Path, where: str) -> dict[str, Any]:
    """The `changes` options (the plugin's and each spec's) and the `diff` section, checked."""
    try:
        return {
            "changes": {
                path: versions_option(item["changes"], f"changes of {item['path']}")
                for path, item in _listed_entries(entry.get("specs"), project_dir)
                if "changes" in item
            },
            "all_changes": versions_option(entry.get("changes")),
            "policy": diff_policy(entry.get("diff")),
        }
    except OptionError as error:
        raise BadInputError(f"{where} {error}") from None


def _listed_entries(specs: Any, project_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The entries of the plugin's `specs` that name a path, by resolved path."""
    entries = []
    for item in specs if isinstance(specs, list) else []:
        entry = {"path": item} if isinstance(item, str) else item
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            entries.append(((project_dir / entry["path"]).resolve(), entry))
    return entries


def _listed_outputs(specs: Any, project_dir: Path) -> list[tuple[Path, str]]:
    outputs = []
    for path, entry in _listed_entries(specs, project_dir):
        output = entry.get("output") or default_output(entry["path"])
        if is_folder_inside(output):
            outputs.append((path, output.strip("/")))
    return outputs


def _listed_applications(specs: Any, project_dir: Path, where: str) -> dict[Path, Side]:
    applications = {}
    for path, entry in _listed_entries(specs, project_dir):
        try:
            side = side_of(entry.get("application"))
        except ValueError as error:
            raise BadInputError(f"{where} entry for {entry['path']}: {error}") from None
        if side is not None:
            applications[path] = side
    return applications


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


def _spec_pages(  # noqa: PLR0913 (keyword-only settings of one spec)
    spec: Path,
    site: SiteConfig,
    options: PluginOptions,
    out_dir: Path,
    *,
    several: bool,
    application: Side | None,
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
    option = options.changes.get(path, options.all_changes)
    changes, found = _changes(
        model, spec, site=site, options=options, option=option, application=application
    )
    notes += found
    pages_ = block_pages(
        model,
        changes=changes,
        spec_ref=_relative(path, site.project_dir),
        folder=folder,
        out=_relative(out_dir, site.project_dir),
        settings=replace(
            options.settings, application=application or options.applications.get(path)
        ),
        download=download,
    )
    return SpecPages(spec, folder, pages_, tuple(notes))


def _changes(  # noqa: PLR0913 (one spec, and how the site reads its history)
    model: Spec,
    spec: Path,
    *,
    site: SiteConfig,
    options: PluginOptions,
    option: VersionsOption,
    application: Side | None,
) -> tuple[tuple[GeneratedPage, str] | None, list[str]]:
    """The spec's Changes page as the plugin writes it, and the overview's line linking it.

    None without a `changes` option. What cannot be found or read is a note, as the plugin's
    build warns of it (`AWD701`, `AWD702`).
    """
    relative = _relative(spec.resolve(), site.project_dir)
    versions = resolve_versions(
        option, spec=relative, project_dir=site.project_dir, config_file=site.path.name
    )
    if versions is None:
        return None, []
    path = spec.resolve()
    side = application or options.applications.get(path)
    history, read = spec_history(
        versions,
        spec=relative,
        project_dir=site.project_dir,
        roots=[site.project_dir, *options.roots],
        application=side,
        policy=options.policy,
    )
    labels = labels_for(None)
    views = ViewBuilder(model, TextRenderer(), options=ViewOptions(labels=labels, application=side))
    page = changes_page(views, history, "", PageRenderer())
    line = f"{labels.changes_link} {link_markdown(views.links.changes(labels.changes))}"
    notes = [d.format() for d in (*versions.diagnostics, *read)]
    return (page, line), notes


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
        return EXIT_OK
    out.write("The pages are out of date (run the command without --check):\n")
    for label, paths in (
        ("missing", list(plan.new)),
        ("differs", list(plan.changed)),
        ("stale, would be removed", plan.removed),
    ):
        out.writelines(f"  {label}: {_shown(path)}\n" for path in paths)
    return EXIT_FAILED


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
