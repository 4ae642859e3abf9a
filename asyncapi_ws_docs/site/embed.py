"""Embed one piece of a spec in a page: the core behind the Markdown block.

A block names a spec and what to show of it:

    spec: asyncapi/realtime.yaml      # relative to the project folder
    show: handshake                   # spec, overview, channel, handshake, binding,
                                      # operation, message, binding-versions, console
    channel: realTimeUpdates          # for channel, handshake, binding, message
    operation: sendUpdate             # for operation
    message: update                   # for message
    heading: 3                        # level of the piece's top heading (default 2)
    examples: false                   # leave message examples out (default true)
    clients: [websocat, python]       # connection snippets to show (default: the site's)
    download: ../asyncapi/realtime.yaml   # link the spec file from the overview
    layout: pages                     # the block is one of the spec's generated pages
    console: false                    # leave the live console out (default: the site's)
    diagram: mermaid                  # the message-flow diagram: svg, mermaid or false
    application: client               # the end the spec describes, when it guesses wrong

The piece is rendered by the same templates as the generated pages, so it reads the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml

from asyncapi_ws_docs.document.cache import SHARED, SpecCache
from asyncapi_ws_docs.document.conversation import side_of
from asyncapi_ws_docs.document.diagnostics import ignoring
from asyncapi_ws_docs.page.clients import CLIENTS
from asyncapi_ws_docs.page.diagram import mode_of
from asyncapi_ws_docs.page.links import Link, slugify
from asyncapi_ws_docs.page.render import PageRenderer
from asyncapi_ws_docs.page.text import TextRenderer
from asyncapi_ws_docs.page.views import ViewBuilder, ViewOptions

if TYPE_CHECKING:
    from collections.abc import Iterable

    from asyncapi_ws_docs.document.conversation import Side
    from asyncapi_ws_docs.document.diagnostics import Diagnostics
    from asyncapi_ws_docs.document.model import Channel, Spec
    from asyncapi_ws_docs.page.links import Placement
    from asyncapi_ws_docs.page.views import OperationView

PIECES = (
    "spec",
    "overview",
    "channel",
    "handshake",
    "binding",
    "operation",
    "message",
    "binding-versions",
    "console",
    "diagram",
)
_NEEDS_CHANNEL = ("channel", "handshake", "binding", "message", "console", "diagram")
_OPTIONS = (
    "spec",
    "show",
    "channel",
    "operation",
    "message",
    "heading",
    "examples",
    "clients",
    "download",
    "layout",
    "console",
    "diagram",
    "application",
)
LAYOUTS = ("inline", "pages")
"""`inline`: a piece in a page of its own, links inside the page; `pages`: the block is the
content of one of the spec's generated pages (`index.md`, `channels/<slug>.md`), linking to
the others as the plugin's pages do."""
# A link target written into Markdown as is: a relative path, nothing that ends the link.
_RELATIVE_HREF = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!/)[^\s()<>\\]+$")


class EmbedError(Exception):
    """A block that cannot be rendered: what is wrong and what to write instead."""


@dataclass(frozen=True)
class EmbedRequest:
    """What one block asks for."""

    spec: str
    show: str
    channel: str = ""
    operation: str = ""
    message: str = ""
    heading: int = 2
    examples: bool = True
    clients: tuple[str, ...] | None = None
    """Connection snippets to show; `None`: the site's choice."""
    download: str = ""
    """A relative link to the spec file, shown on the overview; "" for none."""
    layout: str = "inline"
    console: bool = True
    diagram: str = ""
    """`svg`, `mermaid` or `off`; "" leaves it to the site's setting."""
    application: Side | None = None
    """The end the spec describes (`server` or `client`); None: as the spec reads."""


def parse_request(text: str) -> EmbedRequest:
    """Read a block's options (`key: value` lines). Raises `EmbedError` with a hint."""
    try:
        options = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as error:
        raise EmbedError(f"the block's options are not `key: value` lines ({error})") from None
    if not isinstance(options, dict) or not options.get("spec"):
        raise EmbedError("the block needs `spec: path/to/asyncapi.yaml`")
    unknown = sorted(str(k) for k in options if k not in _OPTIONS)
    if unknown:
        raise EmbedError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(_OPTIONS)}")
    show = str(options.get("show") or _default_show(options))
    if show not in PIECES:
        raise EmbedError(f"`show: {show}` is not one of {', '.join(PIECES)}")
    heading = options.get("heading", 2)
    if not isinstance(heading, int) or not 1 <= heading <= 6:
        raise EmbedError("`heading` must be a number from 1 to 6")
    request = EmbedRequest(
        spec=str(options["spec"]),
        show=show,
        channel=_text(options.get("channel")),
        operation=_text(options.get("operation")),
        message=_text(options.get("message")),
        heading=heading,
        examples=options.get("examples", True) is not False,
        clients=_clients(options["clients"]) if "clients" in options else None,
        download=_download(options.get("download")),
        layout=_layout(options.get("layout"), show),
        console=options.get("console", True) is not False,
        diagram=_diagram_option(options, show),
        application=_application(options.get("application")),
    )
    if show in _NEEDS_CHANNEL and not request.channel:
        raise EmbedError(f"`show: {show}` needs `channel: <channel id>`")
    if show == "operation" and not request.operation:
        raise EmbedError("`show: operation` needs `operation: <operation id>`")
    if show == "message" and not request.message:
        raise EmbedError("`show: message` needs `message: <message id>`")
    return request


def _diagram_option(options: dict[str, Any], show: str) -> str:
    """The block's `diagram` option as a mode ("" when not given)."""
    try:
        diagram = mode_of(options["diagram"]) if "diagram" in options else ""
    except ValueError as error:
        raise EmbedError(str(error)) from None
    if show == "diagram" and diagram == "off":
        raise EmbedError("`show: diagram` with `diagram: false` shows nothing")
    return diagram


def _application(value: Any) -> Side | None:
    """The block's `application` option: which end the spec describes."""
    try:
        return side_of(value)
    except ValueError as error:
        raise EmbedError(str(error)) from None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _layout(value: Any, show: str) -> str:
    layout = str(value or "inline")
    if layout not in LAYOUTS:
        raise EmbedError(f"`layout: {layout}` is not one of {', '.join(LAYOUTS)}")
    if layout == "pages" and show == "spec":
        raise EmbedError(
            "`layout: pages` is for one page of a spec's generated pages (`show: overview` or a "
            "channel's piece); a whole spec on one page takes the default layout"
        )
    return layout


def _clients(value: Any) -> tuple[str, ...]:
    names = [] if value is None else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise EmbedError(f"`clients` must be a list, like `clients: [{', '.join(CLIENTS[:2])}]`")
    unknown = [name for name in names if name not in CLIENTS]
    if unknown:
        raise EmbedError(
            f"unknown client(s) {', '.join(unknown)} in `clients`; known: {', '.join(CLIENTS)}"
        )
    return tuple(names)


def _download(value: Any) -> str:
    if value is None or value is False:
        return ""
    if not isinstance(value, str) or not _RELATIVE_HREF.match(value):
        raise EmbedError(
            "`download` must be a relative link to the spec file from this page, "
            "like `download: ../asyncapi/realtime.yaml`"
        )
    return value


def _default_show(options: dict[str, Any]) -> str:
    if options.get("message"):
        return "message"
    if options.get("operation"):
        return "operation"
    return "channel" if options.get("channel") else "spec"


class Embedder:
    """Renders requested pieces of specs, resolving paths against the project folder."""

    def __init__(  # noqa: PLR0913 (keyword-only settings of one site)
        self,
        *,
        base_dir: Path,
        roots: Iterable[Path] = (),
        renderer: PageRenderer | None = None,
        text: TextRenderer | None = None,
        cache: SpecCache = SHARED,
        clients: tuple[str, ...] = CLIENTS,
        console: bool = True,
        diagram: str = "svg",
        ignore: tuple[str, ...] = (),
    ) -> None:
        """Create an embedder for one site: `base_dir` is the folder of its config file."""
        self.base_dir = base_dir
        self.roots = (base_dir, *roots)
        self.renderer = renderer or PageRenderer()
        self.text = text or TextRenderer()
        self.cache = cache
        self.clients = clients
        self.console = console
        self.diagram = diagram
        self.ignore = ignore

    def load(self, request: EmbedRequest) -> tuple[Spec, Diagnostics]:
        """The requested spec; `EmbedError` when it cannot be read."""
        path = Path(request.spec)
        path = path if path.is_absolute() else self.base_dir / path
        if not path.is_file():
            raise EmbedError(f"spec file '{request.spec}' not found (looked in {self.base_dir})")
        spec, diagnostics = self.cache.load(path, roots=self.roots, display_base=self.base_dir)
        if spec is None:
            shown = ignoring(diagnostics, self.ignore)
            reason = shown[0].format() if shown else "unreadable"
            raise EmbedError(f"spec file '{request.spec}' cannot be read: {reason}")
        return spec, diagnostics

    def render(self, request: EmbedRequest, *, prefix: str, tabbed: bool = False) -> str:
        """The Markdown of the piece; anchors start with `prefix` (unique per page).

        `tabbed`: the page's Markdown has content tabs (pymdownx.tabbed) for client snippets.
        """
        spec, _ = self.load(request)
        diagram = request.diagram or self.diagram
        if request.show == "diagram" and diagram == "off":  # asked for by name: shown
            diagram = "svg"
        placement: Placement = "page" if request.show == "spec" else "piece"
        if request.layout == "pages":
            # One page of the generated set: short anchors, as no other piece shares it.
            placement, prefix = "pages", ""
        clients = self.clients if request.clients is None else request.clients
        download = request.download
        views = ViewBuilder(
            spec,
            self.text,
            placement=placement,
            prefix=prefix,
            download=Link(PurePosixPath(download).name, download) if download else None,
            options=ViewOptions(
                clients=clients,
                tabbed=tabbed,
                show_examples=request.examples,
                # Asked for by name, the console shows even where the site turned it off.
                console=request.show == "console" or (self.console and request.console),
                console_links=request.show != "console",
                diagram=diagram,
                # Alone, the diagram has no message sections beside it to link to.
                diagram_links=request.show != "diagram",
                application=request.application,
            ),
        )
        context: dict[str, Any] = {"level": request.heading}
        if request.show in ("spec", "overview", "binding-versions"):
            template = {
                "spec": "spec.md.jinja",
                "overview": "overview.md.jinja",
                "binding-versions": "partials/binding_versions.md.jinja",
            }[request.show]
            context["spec"] = views.overview()
            # Only a whole spec prints every channel; an overview lists their summaries.
            context["channels"] = (
                [views.channel(c) for c in spec.channels] if request.show == "spec" else []
            )
            return self.renderer.render(template, **context)
        channel = self._channel(spec, request)
        view = views.channel(channel)
        if request.show == "operation":
            operation = next(
                (op for op in spec.operations_of(channel) if op.id == request.operation), None
            )
            if operation is None:
                known = ", ".join(op.id for op in spec.operations if op.id) or "none"
                raise EmbedError(f"no operation '{request.operation}' (operations: {known})")
            view = replace(view, operations=(_alone(views.operation(operation)),))
            return self.renderer.render("partials/operations.md.jinja", channel=view, **context)
        if request.show == "message":
            message = next((m for m in view.messages if m.key == request.message), None)
            if message is None:
                known = ", ".join(m.key for m in view.messages) or "none"
                raise EmbedError(
                    f"channel '{channel.id}' has no message '{request.message}' (it has: {known})"
                )
            message = replace(message, named_by=_unlinked(message.named_by))
            return self.renderer.render("partials/message.md.jinja", message=message, **context)
        template = {
            "channel": "channel.md.jinja",
            "handshake": "partials/handshake.md.jinja",
            "binding": "partials/binding_snippet.md.jinja",
            "console": "partials/console.md.jinja",
            "diagram": "partials/diagram.md.jinja",
        }[request.show]
        context["level"] = request.heading - (1 if request.show == "binding" else 0)
        return self.renderer.render(template, channel=view, **context)

    def _channel(self, spec: Spec, request: EmbedRequest) -> Channel:
        if request.show == "operation" and not request.channel:
            operation = next((op for op in spec.operations if op.id == request.operation), None)
            if operation is None:
                known = ", ".join(op.id for op in spec.operations if op.id) or "none"
                raise EmbedError(f"no operation '{request.operation}' (operations: {known})")
            request = replace(request, channel=operation.channel_id)
        channel = spec.channel(request.channel)
        if channel is None:
            known = ", ".join(c.id for c in spec.channels) or "none"
            raise EmbedError(
                f"no channel '{request.channel}' in {request.spec} (channels: {known})"
            )
        return channel


def _unlinked(links: tuple[Link, ...]) -> tuple[Link, ...]:
    """The labels alone: what they pointed at is not part of the piece."""
    return tuple(Link(link.label, "") for link in links)


def _alone(operation: OperationView) -> OperationView:
    """An operation shown without its channel: its messages have no heading on the page."""
    reply = operation.reply
    return replace(
        operation,
        messages=_unlinked(operation.messages),
        reply=replace(reply, messages=_unlinked(reply.messages)) if reply else None,
    )


def anchor_prefix(request: EmbedRequest, used: set[str]) -> str:
    """A prefix for the piece's anchors, unique on its page: `realtime-`, `realtime-2-`..."""
    base = slugify(Path(request.spec).stem) or "spec"
    prefix, number = f"{base}-", 1
    while prefix in used:
        number += 1
        prefix = f"{base}-{number}-"
    used.add(prefix)
    return prefix
