"""The plugin's options, as users write them under `plugins: - asyncapi-ws-docs:`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from asyncapi_ws_docs.document.conversation import Side, side_of
from asyncapi_ws_docs.document.diagnostics import error_codes, unknown_codes
from asyncapi_ws_docs.page.clients import CLIENTS
from asyncapi_ws_docs.page.diagram import mode_of
from asyncapi_ws_docs.page.pages import default_output, is_folder_inside
from asyncapi_ws_docs.site.versions import (
    DiffPolicy,
    OptionError,
    VersionsOption,
    diff_policy,
    versions_option,
)


@dataclass(frozen=True)
class SpecEntry:
    """One spec to render: `path` relative to the folder of mkdocs.yml; `output` a docs folder."""

    path: str
    output: str
    console: bool | None = None
    """This spec's own `console` setting; None: the plugin's."""
    application: Side | None = None
    """The end the spec describes (`server` or `client`), when its own reading is wrong."""
    changes: VersionsOption | None = None
    """This spec's earlier versions (`[v1.2.0, v1.1.0]`, `{tags: "v*"}`); None: the plugin's."""


class SpecsOption(base.BaseConfigOption[list[SpecEntry]]):
    """A list whose items are a plain path or a mapping `{path: ..., output: ...}`."""

    def run_validation(self, value: object) -> list[SpecEntry]:
        """Check the shape of `specs` and fill in default outputs."""
        if value is None:
            return []
        if not isinstance(value, list):
            raise base.ValidationError("`specs` must be a list of spec paths")
        return [self._entry(index, item) for index, item in enumerate(value)]

    @staticmethod
    def _entry(index: int, item: Any) -> SpecEntry:
        if isinstance(item, str):
            item = {"path": item}
        if not isinstance(item, dict) or not isinstance(item.get("path"), str):
            raise base.ValidationError(
                f"`specs[{index}]` must be a path, or a mapping with a `path` (and an `output`)"
            )
        unknown = sorted(set(item) - {"path", "output", "console", "application", "changes"})
        if unknown:
            raise base.ValidationError(
                f"`specs[{index}]` has unknown option(s) {', '.join(unknown)}: "
                "a spec entry takes `path`, `output`, `console`, `application` and `changes`"
            )
        try:
            application = side_of(item.get("application"))
            changes = (
                versions_option(item["changes"], f"specs[{index}].changes")
                if "changes" in item
                else None
            )
        except ValueError as error:
            raise base.ValidationError(f"`specs[{index}]`: {error}") from None
        console = item.get("console")
        if console is not None and not isinstance(console, bool):
            raise base.ValidationError(f"`specs[{index}].console` must be true or false")
        output = item.get("output") or default_output(item["path"])
        if not is_folder_inside(output):
            raise base.ValidationError(
                f"`specs[{index}].output` must be a folder inside the docs, like `reference/chat`"
            )
        return SpecEntry(
            path=item["path"],
            output=output.strip("/"),
            console=console,
            application=application,
            changes=changes,
        )


class DiagramOption(base.BaseConfigOption[str]):
    """`svg`, `mermaid` or `false` (read as "off"): the message-flow diagram of channel pages."""

    def run_validation(self, value: object) -> str:
        """Accept `false` (YAML's boolean) as well as the words."""
        try:
            return mode_of("svg" if value is None else value)
        except ValueError as error:
            raise base.ValidationError(str(error)) from None


class VersionsConfigOption(base.BaseConfigOption[VersionsOption]):
    """`changes`: earlier versions to compare each spec with (`site.versions`)."""

    def run_validation(self, value: object) -> VersionsOption:
        """A list of refs or files, or `{tags: PATTERN}`; the message says how otherwise."""
        try:
            return versions_option(value)
        except OptionError as error:
            raise base.ValidationError(str(error)) from None


class DiffConfigOption(base.BaseConfigOption[DiffPolicy]):
    """`diff`: change rules left out or at another severity, as `diff --ignore/--severity`."""

    def run_validation(self, value: object) -> DiffPolicy:
        """Known change codes and levels only (a typo would silently change nothing)."""
        try:
            return diff_policy(value)
        except OptionError as error:
            raise base.ValidationError(str(error)) from None


class IgnoreOption(base.BaseConfigOption[list[str]]):
    """Codes of rules whose diagnostics are left out: known codes of warnings and infos."""

    def run_validation(self, value: object) -> list[str]:
        """Refuse what is not a list of codes, unknown codes (typos) and error codes."""
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise base.ValidationError("`ignore` must be a list of codes, like [AWD501]")
        if unknown := unknown_codes(value):
            raise base.ValidationError(
                f"`ignore` has unknown code(s) {', '.join(unknown)}: the codes are listed on "
                "the diagnostics page"
            )
        if errors := error_codes(value):
            raise base.ValidationError(
                f"`ignore` lists {', '.join(errors)}, which are errors: a spec that cannot be "
                "read cannot be documented, so they cannot be ignored"
            )
        return list(value)


class PluginConfig(base.Config):
    """Options of the asyncapi-ws-docs plugin."""

    specs = SpecsOption()
    """The AsyncAPI documents to render, relative to the folder of mkdocs.yml."""

    custom_templates = c.Optional(c.Dir(exists=True))
    """A folder of templates searched before the package's own (same file names)."""

    labels = c.Optional(c.File(exists=True))
    """A YAML file of labels per language (`de: {query_parameters: ...}`) that replace or add
    to the shipped ones; the language follows `theme.language` (configuration.md#languages)."""

    sanitize_html = c.Type(bool, default=True)
    """Strip scripts, event handlers and `javascript:` URLs from HTML in spec descriptions."""

    allowed_roots = c.ListOfItems(c.Dir(exists=True), default=[])
    """Folders besides the folder of mkdocs.yml that relative `$ref`s may reach."""

    clients = c.ListOfItems(c.Choice(CLIENTS), default=list(CLIENTS))
    """Clients to show connection snippets for, in this order (`[]` for none)."""

    console = c.Type(bool, default=True)
    """A live WebSocket console on every channel page (a spec entry's `console` overrides it)."""
    console_mock = c.Type(str, default="")
    """The base URL of `asyncapi-ws-docs mock` (`ws://127.0.0.1:8765`): every console offers it
    as "Mock server", with the channel's path ("" for none)."""
    diagram = DiagramOption()
    """The message-flow diagram on channel pages: `svg` (inline, the default), `mermaid` (a
    Mermaid block, for sites that set Mermaid up) or `false`."""

    download = c.Type(bool, default=True)
    """Link the spec file from its overview page (published next to the pages if need be)."""

    llms_markdown = c.Type(bool, default=False)
    """Write each spec's whole reference as one Markdown file, `<output>/llms.md`, for
    assistants, and link it from the overview."""

    nav_group_size = c.Type(int, default=50)
    """A spec with more channels than this has its channel pages grouped into navigation
    sections of at most this many entries (by address; 0: never)."""

    nav_prune = c.Type(bool, default=True)
    """With Material, turn on `navigation.prune` when channel pages were grouped."""

    cache_dir = c.Type(str, default=".cache/asyncapi-ws-docs")
    """Where rendered pages are kept between builds (relative to mkdocs.yml; "" for none)."""

    ignore = IgnoreOption()
    """Codes of rules whose diagnostics are left out (`[AWD501, AWD503]`); also for the
    Markdown block."""

    changes = VersionsConfigOption()
    """Earlier versions of every spec, newest first: git refs or files (`[v1.2.0, v1.1.0]`), or
    the tags matching a pattern (`{tags: "v*"}`); a spec entry's `changes` overrides it. Each
    spec then gets a Changes page, and its channels and messages "added in"/"changed in" badges.
    """
    diff = DiffConfigOption()
    """Change rules left out (`ignore: [AWD633]`) or at another severity (`severity: {AWD623:
    info}`) on the Changes page, as `diff --ignore` and `--severity` take them."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off (for example `enabled: !ENV [ASYNCAPI_DOCS, true]`)."""
