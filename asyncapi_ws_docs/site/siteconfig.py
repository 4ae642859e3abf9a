"""What the `pages` command needs from a site's `mkdocs.yml`, read without MkDocs.

Zensical and MkDocs read the same file; the command reads it too, safely: custom tags such as
`!ENV` (MkDocs' environment variables) and `!!python/name:...` (Material's emoji functions)
never run code here. `!ENV` gives the variable's value (or the default after it), as MkDocs
does; every other tag reads as its text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from pathlib import Path

PLUGIN = "asyncapi-ws-docs"
EXTENSION = "asyncapi_ws_docs.markdown"


class SiteConfigError(Exception):
    """The config file cannot be read: which file, and why."""


class _TolerantLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` that reads unknown tags as data instead of failing on them."""


def _env(loader: _TolerantLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        names, default = items[:-1], items[-1] if items else None
    else:
        return None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else ""
    return default


def _any_tag(loader: _TolerantLoader, suffix: str, node: yaml.Node) -> Any:
    """Any other tag: the node as plain data (`!!python/name:x` gives its name)."""
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    # `!!python/name:pkg.func` arrives as `tag:yaml.org,2002:python/name:pkg.func`.
    name = suffix.removeprefix("tag:yaml.org,2002:").split(":", 1)[-1]
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node) or name
    return name


_TolerantLoader.add_constructor("!ENV", _env)
_TolerantLoader.add_multi_constructor("", _any_tag)


@dataclass(frozen=True)
class SiteConfig:
    """The parts of one `mkdocs.yml` the command reads."""

    path: Path
    docs_dir: Path
    extensions: dict[str, dict[str, Any]] = field(default_factory=dict)
    """`markdown_extensions` by name, with their options."""
    extra_css: tuple[str, ...] = ()
    extra_javascript: tuple[str, ...] = ()
    watch: tuple[str, ...] = ()
    plugin: dict[str, Any] | None = None
    """The options of the `asyncapi-ws-docs` plugin entry, when there is one."""

    @property
    def project_dir(self) -> Path:
        """The folder of the config file: block and spec paths are relative to it."""
        return self.path.parent


def read_site_config(path: Path) -> SiteConfig:
    """Read `path` (a `mkdocs.yml`); `SiteConfigError` when it is missing or not a mapping."""
    path = path.resolve()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise SiteConfigError(
            f"{path}: cannot read the config file ({error.strerror}); run the command in the "
            "folder of mkdocs.yml, or name it with --config"
        ) from None
    try:
        data = yaml.load(text, Loader=_TolerantLoader)  # noqa: S506 (a safe loader subclass)
    except yaml.YAMLError as error:
        raise SiteConfigError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path}: expected a mapping of settings (site_name: ...)")
    docs_dir = data.get("docs_dir") or "docs"
    return SiteConfig(
        path=path,
        docs_dir=(path.parent / str(docs_dir)).resolve(),
        extensions=dict(_named_entries(data.get("markdown_extensions"))),
        extra_css=tuple(_paths(data.get("extra_css"))),
        extra_javascript=tuple(_paths(data.get("extra_javascript"))),
        watch=tuple(_paths(data.get("watch"))),
        plugin=dict(_named_entries(data.get("plugins"))).get(PLUGIN),
    )


def _named_entries(value: Any) -> list[tuple[str, dict[str, Any]]]:
    """`[name, {name: {options}}]` lists (and `{name: {options}}` mappings) as pairs."""
    if isinstance(value, dict):
        value = [{key: options} for key, options in value.items()]
    entries: list[tuple[str, dict[str, Any]]] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            entries.append((item, {}))
        elif isinstance(item, dict):
            entries.extend(
                (str(name), options if isinstance(options, dict) else {})
                for name, options in item.items()
            )
    return entries


def _paths(value: Any) -> list[str]:
    """A list of paths, where an item may also be `{path: ...}` (`extra_javascript`)."""
    items = value if isinstance(value, list) else []
    return [
        str(item["path"] if isinstance(item, dict) and "path" in item else item)
        for item in items
        if isinstance(item, (str, dict))
    ]
