"""The language a build writes its pages in, and mkdocs-static-i18n's builds of each language.

The language is the theme's (`theme.language`, else `theme.locale`), or the one
mkdocs-static-i18n is building. That plugin builds every language in one `mkdocs build`: it
sets the language in its own `on_config`, which runs after ours (priority -100), so the
language is read in `on_files`, where each build's is known. It also rebuilds the site's
files in its `on_files` from the docs folder, which drops pages made in memory; with it, the
generated pages are added after it (`ADD_AFTER_I18N`), into the language's folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from asyncapi_ws_docs.page.labels import Labels, LabelsError, labels_for, read_labels_file

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

I18N = "i18n"
"""mkdocs-static-i18n's name in `plugins:`."""

ADD_AFTER_I18N = -110
"""The priority of adding pages with mkdocs-static-i18n: after its `on_files` (-100)."""


def uses_i18n(config: MkDocsConfig) -> bool:
    """Whether mkdocs-static-i18n builds this site's languages."""
    return I18N in config.plugins


def build_labels(config: MkDocsConfig, overrides: dict[str, dict[str, str]]) -> Labels:
    """The labels of the language this build writes (call from `on_files` or later)."""
    i18n = config.plugins.get(I18N)
    language = getattr(i18n, "current_language", None) or (
        config.theme.get("language") or config.theme.get("locale")
    )
    return labels_for(str(language) if language else None, overrides)


def language_folder(config: MkDocsConfig) -> str:
    """The folder mkdocs-static-i18n writes this build's pages to: "" for the default one."""
    i18n = config.plugins.get(I18N)
    current = getattr(i18n, "current_language", None)
    default = getattr(i18n, "default_language", None)
    return str(current) if current and current != default else ""


def into_folder(file: File, folder: str) -> None:
    """Write `file` under `folder` of the site (its source path, which links use, is kept)."""
    if folder:
        file.dest_uri = f"{folder}/{file.dest_uri}"


def read_labels(option: str | None, project_dir: Path) -> dict[str, dict[str, str]]:
    """The site's labels file (the `labels` option), checked; a bad one stops the build."""
    if not option:
        return {}
    path = Path(option)
    resolved = path.resolve()
    shown = (
        resolved.relative_to(project_dir).as_posix()
        if resolved.is_relative_to(project_dir)
        else str(path)
    )
    try:
        return read_labels_file(path, shown_as=shown)
    except LabelsError as error:
        raise PluginError(f"asyncapi-ws-docs: {error}") from error
