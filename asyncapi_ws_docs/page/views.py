"""View models of pages: everything a page template prints, decided and escaped in Python.

Templates read attributes of these objects and nothing else. Fields ending in `_html` hold
sanitized, ready-to-insert HTML; other strings are plain text that templates escape with the
`md`, `html` or `code` filters for the context they print into. Where links point is the
`Linker`'s business (`links.py`), so the same views serve generated pages and embedded pieces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.conversation import conversation, other
from asyncapi_ws_docs.document.model import MISSING, SUPPORTED_WS_BINDING_VERSIONS
from asyncapi_ws_docs.page.clients import CLIENTS, SnippetHTML, client_snippets, frame_of, wire_text
from asyncapi_ws_docs.page.console import ConsoleView, console_view
from asyncapi_ws_docs.page.diagram import channel_flow, mermaid, svg
from asyncapi_ws_docs.page.handshake import (
    ClientsView,
    HandshakeView,
    Placeholder,
    binding_version_text,
    handshake_view,
)
from asyncapi_ws_docs.page.history import Badge, badges
from asyncapi_ws_docs.page.labels import ENGLISH_LABELS, Labels
from asyncapi_ws_docs.page.links import Link, Linker, Placement
from asyncapi_ws_docs.page.tables import PropertyTable, TableBuilder
from asyncapi_ws_docs.page.text import first_sentence, yaml_text

if TYPE_CHECKING:
    from asyncapi_ws_docs.changes.history import ChangeHistory
    from asyncapi_ws_docs.document.conversation import Side
    from asyncapi_ws_docs.document.model import Channel, Message, Operation, Reply, Server, Spec
    from asyncapi_ws_docs.page.text import TextRenderer


@dataclass(frozen=True)
class ReplyView:
    """The reply of an operation."""

    channel: Link | None
    address: str
    address_description_html: str
    messages: tuple[Link, ...]


@dataclass(frozen=True)
class OperationView:
    """One operation in a channel's table."""

    anchor: str
    id: str
    action: str
    """What the application does: `sends` or `receives`."""
    direction: str
    """To or from whom, as the conversation model says: `to the client`, `from the server`."""
    keyword: str
    summary: str
    description_html: str
    messages: tuple[Link, ...]
    reply: ReplyView | None
    deprecated: bool
    xref: str = ""  # its cross-reference identifier, shown for copying (`xrefs.py`); or ""


@dataclass(frozen=True)
class ExampleView:
    """A message example: the example object as YAML, and the payload as sent when JSON."""

    title: str
    summary: str
    yaml: str
    wire: str


@dataclass(frozen=True)
class MessageView:
    """One message of a channel."""

    anchor: str
    key: str
    label: str
    name: str
    summary: str
    description_html: str
    content_type: str
    schema_format: str
    correlation_id: str
    headers: PropertyTable | None
    payload: PropertyTable | None
    payload_source: str
    examples: tuple[ExampleView, ...]
    frame: str
    also_on: tuple[Link, ...]
    deprecated: bool
    listed: bool = True
    """False: an operation or reply names it, but the channel's `messages` do not list it."""
    named_by: tuple[Link, ...] = ()
    """The operations that name a message the channel does not list."""
    xref: str = ""  # as OperationView.xref
    badges: tuple[Badge, ...] = ()


@dataclass(frozen=True)
class DiagramView:
    """A channel's message-flow diagram (`diagram.py`), ready to print.

    `svg` is the inline SVG (escaped, safe to insert) when the `diagram` option is `svg`;
    `mermaid` the same diagram's Mermaid source (plain text: print it with `html` or `fence`);
    `as_mermaid` asks for a Mermaid code block instead of the SVG (`diagram: mermaid`).
    Both are empty with `diagram: false`.
    """

    svg: str
    mermaid: str
    as_mermaid: bool
    note: str
    summary: str


@dataclass(frozen=True)
class ChannelView:
    """A channel page (or a channel's section, when embedded)."""

    id: str
    slug: str
    anchor: str
    title: str
    address: str
    summary: str
    description_html: str
    protocols: tuple[str, ...]
    address_missing: str
    """`absent` or `null` when the spec gives the channel no address; else ""."""
    handshake: HandshakeView
    console: ConsoleView | None
    parameters: PropertyTable | None
    operations: tuple[OperationView, ...]
    replies_here: tuple[Link, ...]
    messages: tuple[MessageView, ...]
    overview: Link
    spec_title: str
    deprecated: bool
    diagram: DiagramView | None = None
    xref: str = ""  # as OperationView.xref
    badges: tuple[Badge, ...] = ()
    """"Added in", "changed in": from the versions the `changes` option lists."""


@dataclass(frozen=True)
class ServerView:
    """A server row on the overview."""

    name: str
    protocol: str
    url: str
    description_html: str
    variables: tuple[Placeholder, ...]


@dataclass(frozen=True)
class ChannelSummary:
    """A channel row on the overview, and its binding version row."""

    link: Link
    address: str
    summary: str
    has_binding: bool
    binding_version: str
    binding_version_supported: bool
    method: str
    flow: str = ""
    """The channel's conversation in one line: "client → 2 kinds · server → 3 kinds"."""


@dataclass(frozen=True)
class OverviewView:
    """The overview page of one spec."""

    anchor: str
    title: str
    version: str
    asyncapi_version: str
    description_html: str
    source: str
    download: Link | None
    servers: tuple[ServerView, ...]
    channels: tuple[ChannelSummary, ...]
    supported_binding_versions: tuple[str, ...] = SUPPORTED_WS_BINDING_VERSIONS
    default_content_type: str = ""
    contact: tuple[tuple[str, str], ...] = field(default=())
    license_name: str = ""
    license_url: str = ""
    llms: str = ""  # the Markdown twin's file (`llms.py`), linked from the overview; or ""
    changes: Link | None = None


@dataclass(frozen=True)
class ViewOptions:
    """What pages show besides the spec itself: client tabs, examples."""

    clients: tuple[str, ...] = CLIENTS
    tabbed: bool = False
    """Render client snippets as content tabs (the site has `pymdownx.tabbed`)."""
    snippet_html: SnippetHTML | None = None
    """Write the "Try it" section as HTML (None: as Markdown tabs and fences)."""
    show_examples: bool = True
    console: bool = True
    """Give each channel a live console (`console.py`)."""
    console_links: bool = True
    """Link recognised messages to their sections (off when the console is shown alone)."""
    console_mock: str = ""
    """The base URL of `asyncapi-ws-docs mock`, offered by every console as "Mock server"."""
    diagram: str = "svg"
    """The message-flow diagram: `svg` (inline), `mermaid` (a Mermaid block) or `off`."""
    diagram_links: bool = True
    """The diagram's labels link to the message sections (they are on the same page)."""
    application: Side | None = None
    """Which end the document describes, when the user says (`application: client`); None:
    as `document.conversation.perspective` reads it from the document."""
    labels: Labels = ENGLISH_LABELS
    """The language pages are written in (`labels.labels_for`)."""
    history: ChangeHistory | None = None
    """The spec's earlier versions compared (the `changes` option): the Changes page, badges."""


class ViewBuilder:
    """Builds the view models of one spec, for one placement (see `links.Linker`)."""

    def __init__(  # noqa: PLR0913 (keyword-only options of one placement)
        self,
        spec: Spec,
        text: TextRenderer,
        *,
        placement: Placement = "pages",
        prefix: str = "",
        download: Link | None = None,
        options: ViewOptions | None = None,
    ) -> None:
        """Prepare views for `spec`, rendering descriptions with `text`."""
        self.spec = spec
        self.options = options or ViewOptions()
        self.text = text
        self.labels = self.options.labels
        self.tables = TableBuilder(text, self.labels)
        self.download = download
        self.links = Linker(
            [c.id for c in spec.channels],
            {c.id: [m.key for m in c.messages] for c in spec.channels},
            placement=placement,
            prefix=prefix,
        )
        self._wires: dict[tuple[int, str], str] = {}
        self.talk = conversation(spec, self.options.application)
        """Who sends what on every channel: the diagram, the console and the operations read it."""
        self._channels_of_message: dict[str, list[Channel]] = {}
        for channel in spec.channels:
            for message in channel.messages:
                self._channels_of_message.setdefault(message.origin, []).append(channel)

    def channel_path(self, channel_id: str) -> str:
        """The channel page's path relative to the spec's output folder."""
        return self.links.channel_path(channel_id)

    def overview(self) -> OverviewView:
        """The overview page of the spec."""
        spec = self.spec
        return OverviewView(
            anchor=f"{self.links.prefix}overview",
            title=spec.info.title,
            version=spec.info.version,
            asyncapi_version=spec.version,
            description_html=self.text.block(spec.info.description),
            source=spec.source,
            download=self.download,
            servers=tuple(self._server(s) for s in spec.servers),
            channels=tuple(self._summary(c) for c in spec.channels),
            default_content_type=spec.default_content_type,
            contact=spec.info.contact,
            license_name=spec.info.license_name,
            license_url=spec.info.license_url,
            changes=self.links.changes(self.labels.changes) if self.options.history else None,
        )

    def _server(self, server: Server) -> ServerView:
        return ServerView(
            name=server.name,
            protocol=server.protocol
            + (f" {server.protocol_version}" if server.protocol_version else ""),
            url=server.url
            + ("?" + "&".join(f"{n}={v}" for n, v in server.query) if server.query else ""),
            description_html=self.text.block(server.description or server.summary),
            variables=tuple(
                Placeholder(
                    v.name, v.default or "", ", ".join(v.enum), self.text.inline(v.description)
                )
                for v in server.variables
            ),
        )

    def _summary(self, channel: Channel) -> ChannelSummary:
        ws = channel.ws
        return ChannelSummary(
            link=self.links.to_channel(channel.id, channel.title or channel.id, from_overview=True),
            address=channel.address if channel.address is not None else "",
            summary=channel.summary or first_sentence(channel.description),
            has_binding=ws is not None,
            binding_version=binding_version_text(ws.binding_version, self.labels) if ws else "",
            binding_version_supported=ws.version_supported if ws else True,
            method=(ws.method or "") if ws else "",
            flow=channel_flow(
                self.spec, channel, self.links, self.talk, linked=False, labels=self.labels
            ).summary,
        )

    def channel(self, channel: Channel) -> ChannelView:
        """The page of one channel."""
        links = self.links
        return ChannelView(
            id=channel.id,
            slug=links.slugs[channel.id],
            anchor=links.channel_anchor(channel.id),
            title=channel.title or channel.id,
            address=channel.address if channel.address is not None else "",
            summary=channel.summary,
            description_html=self.text.block(channel.description),
            protocols=channel.protocols,
            address_missing=channel.address_missing,
            handshake=handshake_view(
                self.spec,
                channel,
                text=self.text,
                tables=self.tables,
                snippet_anchor=links.anchor(channel.id, "asyncapi-binding-snippet"),
                clients=self._clients(channel),
            ),
            console=console_view(
                self.spec,
                channel,
                links,
                self.talk.of(channel.id),
                link_messages=self.options.console_links,
                wire=self._wire,
                mock=self.options.console_mock,
                labels=self.labels,
            )
            if self.options.console
            else None,
            parameters=self.tables.parameters(channel.parameters),
            operations=tuple(self.operation(op) for op in self.spec.operations_of(channel)),
            replies_here=self._replies_here(channel),
            messages=tuple(self.message(channel, m) for m in channel.messages),
            overview=links.overview(self.spec.info.title),
            spec_title=self.spec.info.title,
            deprecated=channel.deprecated,
            diagram=self.diagram(channel),
            badges=badges(self.options.history, self.labels, channel.id),
        )

    def diagram(self, channel: Channel) -> DiagramView:
        """The channel's message-flow diagram, as the `diagram` option asks."""
        mode = self.options.diagram
        if mode == "off":
            return DiagramView("", "", as_mermaid=False, note="", summary="")
        flow = channel_flow(
            self.spec,
            channel,
            self.links,
            self.talk,
            linked=self.options.diagram_links,
            labels=self.labels,
        )
        return DiagramView(
            svg=svg(flow) if mode == "svg" else "",
            mermaid=mermaid(flow),
            as_mermaid=mode == "mermaid",
            note=flow.note,
            summary=flow.summary,
        )

    def _clients(self, channel: Channel) -> ClientsView:
        snippets = client_snippets(
            self.spec,
            channel,
            self.talk.of(channel.id),
            clients=self.options.clients,
            labels=self.labels,
        )
        writer = self.options.snippet_html
        if writer is None or not snippets:
            return ClientsView(self.options.tabbed, snippets)
        anchor = self.links.anchor(channel.id, "asyncapi-try")
        return ClientsView(self.options.tabbed, snippets, writer.section(snippets, anchor=anchor))

    def operation(self, operation: Operation) -> OperationView:
        """One operation of a channel."""
        here = operation.channel_id
        sender = self.talk.sender(operation)
        sends = sender == self.talk.application
        return OperationView(
            anchor=self.links.anchor(here, "operation", operation.id or operation.keyword),
            id=operation.id,
            action=self.labels.sends if sends else self.labels.receives,
            direction=self.labels[f"to_the_{other(sender)}" if sends else f"from_the_{sender}"],
            keyword=operation.keyword,
            summary=operation.title or operation.summary,
            description_html=self.text.block(operation.description),
            messages=tuple(self._message_link(key, here, here) for key in operation.message_keys),
            reply=self._reply(operation.reply, here),
            deprecated=operation.deprecated,
        )

    def _message_link(self, key: str, channel_id: str, here: str) -> Link:
        """A link to a message on a channel; just its name where no such heading exists."""
        if not self.links.has_message(channel_id, key):
            return Link(key, "")
        return self.links.to_anchor(
            key, channel_id, self.links.message_anchor(channel_id, key), here=here
        )

    def _operation_link(self, operation: Operation, here: str) -> Link:
        """A link to an operation's row; just its name when its channel has no page."""
        label = operation.id or operation.keyword
        if self.spec.channel(operation.channel_id) is None:
            return Link(label, "")
        anchor = self.links.anchor(operation.channel_id, "operation", label)
        return self.links.to_anchor(label, operation.channel_id, anchor, here=here)

    def _replies_here(self, channel: Channel) -> tuple[Link, ...]:
        """Operations on other channels whose replies arrive on this one."""
        return tuple(self._operation_link(op, channel.id) for op in self.spec.replies_to(channel))

    def _named_by(self, channel: Channel, key: str) -> tuple[Link, ...]:
        """The operations (or their replies) that name message `key` of this channel."""
        named = [op for op in self.spec.operations_of(channel) if key in op.message_keys]
        named += [
            op
            for op in (*self.spec.operations_of(channel), *self.spec.replies_to(channel))
            if op.reply is not None
            and (op.reply.channel_id or op.channel_id) == channel.id
            and key in op.reply.message_keys
        ]
        return tuple(self._operation_link(op, channel.id) for op in dict.fromkeys(named))

    def _reply(self, reply: Reply | None, here: str) -> ReplyView | None:
        """Where the reply of a request arrives; links point into the reply channel."""
        if reply is None:
            return None
        other = self.spec.channel(reply.channel_id) if reply.channel_id else None
        target = other.id if other is not None else here
        return ReplyView(
            channel=None
            if other is None or other.id == here
            else self.links.to_channel(other.id, other.title or other.id),
            address=reply.address_location,
            address_description_html=self.text.inline(reply.address_description),
            messages=tuple(self._message_link(key, target, here) for key in reply.message_keys),
        )

    def message(self, channel: Channel, message: Message) -> MessageView:
        """One message of a channel."""
        return MessageView(
            anchor=self.links.message_anchor(channel.id, message.key),
            key=message.key,
            label=message.label,
            name=message.name,
            summary=message.summary,
            description_html=self.text.block(message.description),
            content_type=message.content_type,
            schema_format=message.schema_format,
            correlation_id=message.correlation_id.location if message.correlation_id else "",
            headers=self.tables.table("message-headers", message.headers),
            payload=self.tables.table("payload", message.payload, root_name="(payload)"),
            payload_source=""
            if message.payload_source is None
            else yaml_text(message.payload_source),
            examples=tuple(self._examples(message)) if self.options.show_examples else (),
            frame=frame_of(message.content_type),
            also_on=tuple(
                self.links.to_channel(other.id, other.title or other.id)
                for other in self._channels_of_message.get(message.origin, ())
                if other.id != channel.id and message.origin
            ),
            deprecated=message.deprecated,
            listed=message.listed,
            named_by=() if message.listed else self._named_by(channel, message.key),
            badges=badges(self.options.history, self.labels, channel.id, message.key),
        )

    def _wire(self, content_type: str, payload: object) -> str:
        """`wire_text`, once per example: the examples section and the console both show it.

        Keyed by the payload's identity: the spec (and so the payload) outlives the builder.
        """
        key = (id(payload), content_type)
        known = self._wires.get(key)
        if known is None:
            known = self._wires[key] = wire_text(content_type, payload)
        return known

    def _examples(self, message: Message) -> list[ExampleView]:
        """Each example as the spec writes it, plus its payload as sent when JSON.

        The YAML loads back to the very example object of the spec.
        """
        is_json = "json" in message.content_type.lower()
        return [
            ExampleView(
                title=example.name or self.labels.fill("example_n", number=number),
                summary=example.summary,
                yaml="" if example.too_large else yaml_text(example.source),
                wire=self._wire(message.content_type, example.payload)
                if is_json and example.payload is not MISSING and not example.too_large
                else "",
            )
            for number, example in enumerate(message.examples, start=1)
        ]
