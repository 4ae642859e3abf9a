"""The benchmark's MkDocs projects: the plugin's site, its baseline, and their builds.

`site_config` writes the `mkdocs.yml` every benchmark script uses (Material, the usual Markdown
extensions, search, the plugin on the given specs). `make_projects` makes the plugin's site on
a spec and its baseline, the same pages written by hand (what the plugin's own event handlers
produce, read by `plugin_output`). `mkdocs_build` builds a project in a fresh process.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from typing import TYPE_CHECKING, Any

import generate
import yaml
from processes import Finished, python, run_process

if TYPE_CHECKING:
    from pathlib import Path

OUTPUT = "reference/api"  # where the spec's pages go in the site
OTHER_OUTPUT = "reference/other"
STYLESHEET = "assets/asyncapi-ws-docs.css"


@dataclasses.dataclass
class Project:
    """A temporary MkDocs project."""

    root: Path
    specs: list[Path]  # spec files the plugin reads (none in a baseline)

    @property
    def config(self) -> Path:
        """Its mkdocs.yml."""
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        """Where `mkdocs build` writes."""
        return self.root / "site"


FEATURES = [
    "content.code.copy",
    "content.tabs.link",
    "navigation.sections",
    "navigation.indexes",
    "search.highlight",
]


def site_config(
    name: str,
    *,
    specs: list[tuple[str, str]],
    nav: list[Any] | None,
    extra_css: list[str],
    features: list[str] = FEATURES,
) -> str:
    plugins: list[Any] = ["search"]
    if specs:
        entries = [{"path": path, "output": output} for path, output in specs]
        plugins.append({"asyncapi-ws-docs": {"specs": entries}})
    config: dict[str, Any] = {
        "site_name": name,
        "theme": {
            "name": "material",
            "font": False,
            "features": features,
        },
        "markdown_extensions": [
            "admonition",
            "attr_list",
            "md_in_html",
            "tables",
            {"toc": {"permalink": True}},
            {"pymdownx.highlight": {"anchor_linenums": False}},
            "pymdownx.superfences",
            {"pymdownx.tabbed": {"alternate_style": True}},
            "pymdownx.details",
            "pymdownx.inlinehilite",
        ],
        "plugins": plugins,
    }
    if extra_css:
        config["extra_css"] = extra_css
    if nav is not None:
        config["nav"] = nav
    return yaml.safe_dump(config, sort_keys=False)


@dataclasses.dataclass
class PluginOutput:
    """What the plugin adds to a site, read from its own event handlers."""

    files: dict[str, bytes]  # generated files by docs path: pages (whole Markdown), spec, CSS
    nav: list[Any]  # the site's navigation after the plugin's `on_nav`, as `nav:` config
    features: list[str]  # Material's features after the plugin (it may add navigation.prune)


def plugin_output(config_file: Path) -> PluginOutput:
    """Run MkDocs up to the navigation, as `mkdocs build` does, and collect the plugin's output."""
    from mkdocs.config import load_config  # noqa: PLC0415
    from mkdocs.structure.files import get_files  # noqa: PLC0415
    from mkdocs.structure.nav import get_navigation  # noqa: PLC0415

    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    plugin = config.plugins["asyncapi-ws-docs"]
    generated = {
        file.src_uri: (
            plugin.full_markdown(file).encode()  # type: ignore[attr-defined]
            if file.is_documentation_page()
            else file.content_bytes
        )
        for file in files
        if file.generated_by
    }
    features = list(config.theme.get("features") or [])
    return PluginOutput(generated, _nav_config(nav.items), features)


def _nav_config(items: list[Any]) -> list[Any]:
    """A navigation as the `nav:` setting that gives it (pages titled by their own heading)."""
    config: list[Any] = []
    for item in items:
        if item.is_section:
            config.append({item.title: _nav_config(item.children)})
        elif item.is_page:
            config.append(item.file.src_uri)
        else:
            config.append({item.title: item.url})
    return config


HOME = "# Benchmark site\n\nA Material site with generated WebSocket reference pages.\n"
"""The home page, `docs/index.md`, of both sites `make_projects` writes."""


def make_projects(
    workdir: Path, spec: Path, *, explicit_nav: bool, with_other: bool
) -> tuple[Project, Project]:
    """A project with the plugin on `spec` and its baseline, with the same pages and nav.

    The baseline's pages are the Markdown the plugin generated, as files in `docs/`; its `nav`
    and theme features are those of the plugin's site after the plugin's `on_nav` (which
    groups the channel pages of large specs and may turn on `navigation.prune`).

    With `with_other`, both also hold a small second spec (in its own folder), so a serve
    rebuild can show whether touching one spec re-reads the other.
    """
    specs = [(spec, OUTPUT)]
    if with_other:
        specs.append((_other_spec(workdir), OTHER_OUTPUT))
    plugin_project, made = _plugin_project(workdir / "plugin", specs, explicit_nav=explicit_nav)
    return plugin_project, _baseline_project(workdir / "baseline", made)


def _other_spec(workdir: Path) -> Path:
    """The small second spec (10 channels), written to `workdir`."""
    workdir.mkdir(parents=True, exist_ok=True)
    other = workdir / "other.yaml"
    other.write_text(generate.spec_yaml("3.0.0", 10, seed=7), "utf-8")
    return other


def _plugin_project(
    root: Path, specs: list[tuple[Path, str]], *, explicit_nav: bool
) -> tuple[Project, PluginOutput]:
    """The plugin's site on copies of `specs` (path, output folder), and what the plugin made."""
    copies: list[tuple[str, str]] = []
    copied: list[Path] = []
    for index, (path, output) in enumerate(specs):
        relative = f"specs{index or ''}/{path.name}"
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, root / relative)
        copies.append((relative, output))
        copied.append(root / relative)
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text(HOME, "utf-8")
    config = root / "mkdocs.yml"
    config.write_text(site_config("Benchmark", specs=copies, nav=None, extra_css=[]), "utf-8")
    made = plugin_output(config)
    if explicit_nav:
        nav = _explicit_nav(made, [output for _, output in specs])
        config.write_text(site_config("Benchmark", specs=copies, nav=nav, extra_css=[]), "utf-8")
        made = plugin_output(config)
    project = Project(root, copied)
    clear_cache(project)
    return project, made


def _explicit_nav(made: PluginOutput, folders: list[str]) -> list[Any]:
    """Every page listed by hand, flat under one section per spec, as a team might."""
    nav: list[Any] = [{"Home": "index.md"}]
    for folder in folders:
        pages = sorted(p for p in made.files if p.startswith(f"{folder}/") and p.endswith(".md"))
        nav.append({f"API {folder}": pages})
    return nav


def _baseline_project(root: Path, made: PluginOutput) -> Project:
    """The same site written by hand: the plugin's files in `docs/`, its nav and features."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(HOME, "utf-8")
    for docs_path, content in made.files.items():
        target = docs / docs_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    (root / "mkdocs.yml").write_text(
        site_config(
            "Benchmark",
            specs=[],
            nav=made.nav,
            extra_css=[STYLESHEET],
            features=made.features,
        ),
        "utf-8",
    )
    return Project(root, [])


def site_pages(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*.html")}


def clear_cache(project: Project) -> None:
    """Remove the project's `.cache/` (the plugin keeps rendered pages there between builds)."""
    shutil.rmtree(project.root / ".cache", ignore_errors=True)


def mkdocs_build(project: Project, timeout: float, *, cached: bool = False) -> Finished:
    """`mkdocs build` of the project, into a fresh site folder; `cached` keeps `.cache/`."""
    shutil.rmtree(project.site, ignore_errors=True)
    if not cached:
        clear_cache(project)
    return run_process(
        python("-m", "mkdocs", "build", "-f", project.config, "-d", project.site),
        cwd=project.root,
        timeout=timeout,
    )


_WARNING = re.compile(r"^(?:\x1b\[[0-9;]*m)*WARNING\b", re.MULTILINE)


def count_warnings(output: str) -> int:
    """MkDocs' `WARNING -  ...` log lines."""
    return len(_WARNING.findall(output))
