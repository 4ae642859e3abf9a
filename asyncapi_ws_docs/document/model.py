"""The version-neutral model of an AsyncAPI document, as far as WebSocket docs need it.

AsyncAPI 2.x and 3.x documents both end up as these frozen dataclasses, with every `$ref`
followed and every trait applied. Nothing here knows about Markdown, HTML or MkDocs; nothing
here knows which AsyncAPI version it came from, except `Spec.version` for display.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

SUPPORTED_WS_BINDING_VERSIONS = ("0.1.0",)
"""Versions of the WebSockets channel binding this plugin understands. Only 0.1.0 exists."""


class _Missing:
    """Marks a keyword the author did not write (distinct from an explicit `null`)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Schema:
    """A JSON Schema, reduced to what a reader of a property table needs.

    `properties` already include those contributed by `allOf` members. A schema that loops
    back to one of its ancestors is cut there: `recursive_ref` names where it loops.
    """

    type: str = ""
    format: str = ""
    title: str = ""
    description: str = ""
    default: Any = MISSING
    const: Any = MISSING
    enum: tuple[Any, ...] = ()
    examples: tuple[Any, ...] = ()
    constraints: tuple[tuple[str, Any], ...] = ()
    properties: tuple[Property, ...] = ()
    items: Schema | None = None
    variants: tuple[tuple[str, tuple[Schema, ...]], ...] = ()
    additional: Schema | None = None
    ref_name: str = ""
    recursive_ref: str = ""
    deprecated: bool = False
    truncated: bool = False
    raw: Any = None


@dataclass(frozen=True)
class Property:
    """One named property of an object schema."""

    name: str
    schema: Schema
    required: bool


@dataclass(frozen=True)
class ServerVariable:
    """A `{name}` placeholder in a server URL, host or pathname."""

    name: str
    default: str | None = None
    enum: tuple[str, ...] = ()
    description: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class SecurityScheme:
    """A security scheme a server or operation asks for, as far as the handshake carries it.

    `location` is where the credential travels on the handshake: `header`, `query` or
    `cookie` (for `http` and `oauth2`/`openIdConnect` schemes: the `Authorization` header),
    or "" when it does not travel in HTTP (`userPassword`, `X509`, ...).
    """

    name: str
    type: str
    location: str = ""
    parameter: str = ""
    scheme: str = ""
    bearer_format: str = ""
    description: str = ""


@dataclass(frozen=True)
class Server:
    """A server: 2.x `url`, or 3.x `protocol` + `host` + `pathname`, as one URL template.

    A query string the author wrote into the URL or pathname (`/ws?apikey={apikey}`) is kept
    apart in `query`, so a channel's address still goes before it: `url` and `pathname` end
    at the path.
    """

    name: str
    protocol: str
    url: str
    host: str
    pathname: str
    query: tuple[tuple[str, str], ...] = ()
    """The pairs of a query string written into the URL or pathname, as written (`{var}`s too)."""
    title: str = ""
    summary: str = ""
    description: str = ""
    protocol_version: str = ""
    variables: tuple[ServerVariable, ...] = ()
    security: tuple[SecurityScheme, ...] = ()

    @property
    def is_websocket(self) -> bool:
        """True for `ws` and `wss` servers, the ones a handshake goes to."""
        return self.protocol.lower() in {"ws", "wss"}


@dataclass(frozen=True)
class Parameter:
    """A channel (address) parameter."""

    name: str
    description: str = ""
    schema: Schema | None = None
    location: str = ""


@dataclass(frozen=True)
class WsBinding:
    """The `ws` channel binding: how the WebSocket handshake is made.

    `declared_key` is the key the author used (`ws`, or a mis-keying such as `websockets`).
    `snippet` is the binding as plain data with references resolved, for the copyable YAML.
    """

    method: str | None
    query: Schema | None
    headers: Schema | None
    binding_version: str | None
    declared_key: str = "ws"
    snippet: Any = None
    snippet_resolved: bool = False
    extensions: tuple[tuple[str, Any], ...] = ()

    @property
    def version_supported(self) -> bool:
        """True when the declared version is one this plugin knows (or none is declared)."""
        return self.binding_version in (None, *SUPPORTED_WS_BINDING_VERSIONS)


@dataclass(frozen=True)
class CorrelationId:
    """Where a message carries its correlation id."""

    location: str
    description: str = ""


@dataclass(frozen=True)
class MessageExample:
    """One example of a message: headers and/or payload, as plain data.

    `source` is the example object exactly as the spec writes it, for the copyable snippet.
    """

    name: str = ""
    summary: str = ""
    headers: Any = MISSING
    payload: Any = MISSING
    source: Any = None
    too_large: bool = False
    """The example expands (through YAML aliases) past what a page should show."""


@dataclass(frozen=True)
class Message:
    """A message that travels on a channel."""

    key: str
    name: str = ""
    title: str = ""
    summary: str = ""
    description: str = ""
    content_type: str = ""
    headers: Schema | None = None
    payload: Schema | None = None
    schema_format: str = ""
    payload_source: Any = None
    """The payload schema as written, when it is not a JSON Schema (Avro, Protobuf...)."""
    origin: str = ""
    """Where the message is defined (`file#pointer`): the same message on several channels."""
    correlation_id: CorrelationId | None = None
    examples: tuple[MessageExample, ...] = ()
    deprecated: bool = False
    listed: bool = True
    """False for a message an operation or a reply names but its channel's `messages` do not
    list: it is still shown on the channel, marked as such."""

    @property
    def label(self) -> str:
        """The name a reader knows the message by."""
        return self.title or self.name or self.key


@dataclass(frozen=True)
class Reply:
    """The reply of a 3.x request/reply operation."""

    channel_id: str | None = None
    address_location: str = ""
    address_description: str = ""
    message_keys: tuple[str, ...] = ()


Action = Literal["send", "receive"]


@dataclass(frozen=True)
class Operation:
    """Something the application does on a channel, from the application's point of view.

    `keyword` is what the author wrote: `send`/`receive` (3.x) or `subscribe`/`publish` (2.x,
    where `subscribe` means the application sends and `publish` that it receives).
    """

    id: str
    action: Action
    keyword: str
    channel_id: str
    title: str = ""
    summary: str = ""
    description: str = ""
    message_keys: tuple[str, ...] = ()
    reply: Reply | None = None
    deprecated: bool = False
    security: tuple[SecurityScheme, ...] = ()


@dataclass(frozen=True)
class Channel:
    """A channel: for WebSockets, one connection and the messages exchanged over it."""

    id: str
    address: str | None
    title: str = ""
    address_missing: Literal["", "absent", "null"] = ""
    """How the spec leaves `address` out when it is None: no key at all, or `address: null`."""
    summary: str = ""
    description: str = ""
    parameters: tuple[Parameter, ...] = ()
    server_names: tuple[str, ...] = ()
    messages: tuple[Message, ...] = ()
    ws: WsBinding | None = None
    protocols: tuple[str, ...] = ()
    deprecated: bool = False


@dataclass(frozen=True)
class Info:
    """The `info` object."""

    title: str
    version: str
    description: str = ""
    terms_of_service: str = ""
    contact: tuple[tuple[str, str], ...] = ()
    license_name: str = ""
    license_url: str = ""


@dataclass(frozen=True)
class Spec:
    """One AsyncAPI document, resolved."""

    source: str
    version: str
    info: Info
    servers: tuple[Server, ...] = ()
    channels: tuple[Channel, ...] = ()
    operations: tuple[Operation, ...] = ()
    default_content_type: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def major(self) -> int:
        """2 or 3."""
        return int(self.version.split(".", 1)[0])

    def channel(self, channel_id: str) -> Channel | None:
        """The channel with this id (3.x key, or 2.x address key)."""
        return self._channels_by_id.get(channel_id)

    def servers_of(self, channel: Channel) -> tuple[Server, ...]:
        """The servers a channel is available on (all of them when it names none)."""
        if not channel.server_names:
            return self.servers
        return tuple(s for s in self.servers if s.name in channel.server_names)

    def operations_of(self, channel: Channel) -> tuple[Operation, ...]:
        """The operations performed on a channel, in document order."""
        return self._operations_by_channel.get(channel.id, ())

    def replies_to(self, channel: Channel) -> tuple[Operation, ...]:
        """The operations of other channels whose replies arrive on this one, in document order."""
        return self._replies_by_channel.get(channel.id, ())

    # Indexes, built on first use: a page per channel must not scan every channel or
    # operation, or a spec's build time grows with the square of its size.

    @cached_property
    def _channels_by_id(self) -> dict[str, Channel]:
        by_id: dict[str, Channel] = {}
        for channel in self.channels:
            by_id.setdefault(channel.id, channel)  # the first one, as a scan would find
        return by_id

    @cached_property
    def _operations_by_channel(self) -> dict[str | None, tuple[Operation, ...]]:
        by_channel: dict[str | None, list[Operation]] = {}
        for operation in self.operations:
            by_channel.setdefault(operation.channel_id, []).append(operation)
        return {key: tuple(value) for key, value in by_channel.items()}

    @cached_property
    def _replies_by_channel(self) -> dict[str | None, tuple[Operation, ...]]:
        by_channel: dict[str | None, list[Operation]] = {}
        for operation in self.operations:
            reply = operation.reply
            if reply is not None and reply.channel_id != operation.channel_id:
                by_channel.setdefault(reply.channel_id, []).append(operation)
        return {key: tuple(value) for key, value in by_channel.items()}
