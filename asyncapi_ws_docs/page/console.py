"""The live console of a channel: what the page's script needs to connect from the browser.

Everything is decided here, at build time, from what the page already shows: the channel's
`ws`/`wss` servers (`handshake.websocket_servers`, their URLs as `document.readers` composed them),
the binding's query parameters, the credentials of its security schemes
(`handshake.credentials`), the messages a client sends with their examples in the page's wire
form (`clients.wire_text`), and the messages a received frame can be recognised as. Which
messages a client sends and which replies answer them is the conversation model's word
(`document.conversation`), the same the diagram draws; the console decides no direction. The script
(`assets/asyncapi-ws-console.js`) only reads this data, as JSON, and never parses the spec.

A browser's `WebSocket` can set the URL (so the query string) and `Sec-WebSocket-Protocol`,
nothing else: every other handshake header is listed as one the console cannot send, with the
spec's browser-friendly alternative where it has one.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, is_dataclass
from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.document.model import MISSING
from asyncapi_ws_docs.page.clients import frame_of, wire_text
from asyncapi_ws_docs.page.handshake import (
    SECRET_NAMES,
    channel_path,
    credentials,
    fill_placeholders,
    websocket_servers,
)
from asyncapi_ws_docs.page.labels import ENGLISH_LABELS, Labels
from asyncapi_ws_docs.page.text import value_text

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.conversation import ChannelConversation
    from asyncapi_ws_docs.document.model import Channel, Message, Schema, Server, Spec
    from asyncapi_ws_docs.page.links import Linker

SUBPROTOCOL_HEADER = "sec-websocket-protocol"
MAX_HINT = 200
"""Longest field hint, in characters: a hint is a reminder, the tables above say the rest."""


@dataclass(frozen=True)
class ConsoleServer:
    """A server the console can connect to; `url` has its placeholders filled where known."""

    name: str
    protocol: str
    url: str
    secure: bool


@dataclass(frozen=True)
class ConsoleField:
    """A value the reader can fill in: a query parameter or the subprotocol.

    `secret` fields (credentials, and names such as `token`) are never prefilled with a
    real-looking value and never shown in the URL field or the log.
    """

    name: str
    value: str
    required: bool
    secret: bool
    hint: str
    credential: str = ""
    """The security scheme the value is a credential of, when it is one."""


@dataclass(frozen=True)
class ConsoleHeader:
    """A handshake header a browser cannot send."""

    name: str
    required: bool
    note: str


@dataclass(frozen=True)
class ConsoleLink:
    """A message of the channel, and its section on the page ("" when not on the page)."""

    key: str
    label: str
    anchor: str


@dataclass(frozen=True)
class ConsoleExample:
    """A message example, as the text area takes it (hex or base64 for a binary frame)."""

    title: str
    text: str
    encoding: str
    """`text`, `hex` or `base64`."""


@dataclass(frozen=True)
class ConsoleMessage:
    """A message a client sends on the channel, with its examples and expected replies."""

    message: ConsoleLink
    frame: str
    examples: tuple[ConsoleExample, ...]
    replies: tuple[ConsoleLink, ...]


@dataclass(frozen=True)
class Recognizer:
    """How to tell a received frame is this message: properties with one possible value.

    `match` pairs a top-level property name with its JSON value; an empty name means the
    whole frame (a string payload with a `const`).
    """

    message: ConsoleLink
    match: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class ConsoleView:
    """The live console section of a channel page."""

    id: str
    needs: str
    servers: tuple[ConsoleServer, ...]
    query: tuple[ConsoleField, ...]
    subprotocol: ConsoleField | None
    headers: tuple[ConsoleHeader, ...]
    headers_note: str
    alternative: str
    messages: tuple[ConsoleMessage, ...]
    messages_note: str
    recognizers: tuple[Recognizer, ...]
    address_known: bool
    labels: dict[str, str]
    """The script's words in the page's language (the catalog's `script_` labels)."""

    @property
    def data_json(self) -> str:
        """The view as JSON: what the script reads."""
        data = {key: value for key, value in vars(self).items() if key not in ("id", "needs")}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_fields)

    @property
    def data_attribute(self) -> str:
        """`data_json` escaped for a single-quoted HTML attribute (`data-asyncapi-console`).

        An attribute, not a `<script type="application/json">`: Material's instant navigation
        re-creates every inline script of the new page as a plain one (its type dropped), which
        would run the data as code. Only what must be is escaped, so the JSON stays about its
        own size: `&`, `'`, `<`, `>`, and the `{` of `{{`, `{%`, `{#`, which a Jinja-processing
        plugin (mkdocs-macros) would take for a tag.
        """
        text = self.data_json
        for raw, escaped in _ATTRIBUTE_ESCAPES:
            text = text.replace(raw, escaped)
        return _JINJA_OPENERS.sub("&#123;", text)


def _fields(value: Any) -> Any:
    """The fields of a nested view, for `json.dumps` (faster than `dataclasses.asdict`)."""
    if is_dataclass(value):
        return vars(value)
    return str(value)  # a spec value JSON has no type for: shown as text


_ATTRIBUTE_ESCAPES = (("&", "&amp;"), ("'", "&#39;"), ("<", "&lt;"), (">", "&gt;"))
_JINJA_OPENERS = re.compile(r"\{(?=[{%#])")


WireText = Callable[[str, Any], str]
"""`clients.wire_text`, or a memo of it (the page's own examples compute the same text)."""


def console_view(  # noqa: PLR0913 (keyword-only settings of one console)
    spec: Spec,
    channel: Channel,
    links: Linker,
    traffic: ChannelConversation,
    *,
    link_messages: bool = True,
    wire: WireText = wire_text,
    mock: str = "",
    labels: Labels = ENGLISH_LABELS,
) -> ConsoleView:
    """The console of one channel, whose conversation is `traffic`.

    Message anchors are left out when `link_messages` is off (a console shown alone, without
    the channel's message sections). `mock`, the base URL of `asyncapi-ws-docs mock`
    (`ws://127.0.0.1:8765`), adds it to the servers, at the path it serves the channel at.
    """
    found = credentials(spec, channel)
    ws = channel.ws
    query_schema = ws.query if ws else None
    declared_headers = ws.headers.properties if ws and ws.headers else ()
    query = [
        ConsoleField(
            name=p.name,
            value="" if SECRET_NAMES.search(p.name) else prefill(p.schema),
            required=p.required,
            secret=bool(SECRET_NAMES.search(p.name)),
            hint=_hint(p.schema.description if p.schema else ""),
        )
        for p in (query_schema.properties if query_schema else ())
    ]
    declared_query = {f.name.lower() for f in query}
    query += [
        ConsoleField(
            name=c.name,
            value="",
            required=c.required,
            secret=True,
            hint=_hint(c.scheme.description),
            credential=c.scheme.name,
        )
        for c in found
        if c.location == "query" and c.name.lower() not in declared_query
    ]
    subprotocol = _subprotocol(declared_headers, found)
    messages, directed = client_messages(channel, traffic)
    headers = [
        ConsoleHeader(p.name, p.required, "")
        for p in declared_headers
        if p.name.lower() != SUBPROTOCOL_HEADER
    ]
    known = {h.name.lower() for h in headers} | {SUBPROTOCOL_HEADER}
    headers += [
        ConsoleHeader(
            c.name,
            c.required,
            labels.console_cookie_note
            if c.name == "Cookie"
            else labels.fill("console_credential_of", scheme=c.scheme.name),
        )
        for c in found
        if c.location == "header" and c.name.lower() not in known
    ]
    return ConsoleView(
        id=links.anchor(channel.id, "console"),
        needs=labels.console_needs,
        servers=_servers(spec, channel, mock, labels) if channel.address is not None else (),
        query=tuple(query),
        subprotocol=subprotocol,
        headers=tuple(headers),
        headers_note=labels.console_headers_note,
        alternative=_alternative(query, subprotocol, labels) if headers else "",
        messages=tuple(
            _message(
                channel, m, links, traffic, link_messages=link_messages, wire=wire, labels=labels
            )
            for m in messages
        ),
        messages_note="" if directed or not messages else labels.console_all_messages,
        recognizers=tuple(
            recognizer
            for m in _received_first(channel, traffic)
            if (recognizer := recognize(m, _link(channel, m, links, link_messages=link_messages)))
        ),
        address_known=channel.address is not None,
        labels=labels.as_dict("script_"),
    )


def prefill(schema: Schema | None) -> str:
    """A field's first value: the default, else the first enum value, else the first example."""
    if schema is None:
        return ""
    for candidate in (
        schema.default,
        schema.const,
        schema.enum[0] if schema.enum else MISSING,
        schema.examples[0] if schema.examples else MISSING,
    ):
        if candidate is not MISSING:
            return value_text(candidate)
    return ""


def _servers(spec: Spec, channel: Channel, mock: str, labels: Labels) -> tuple[ConsoleServer, ...]:
    """The channel's `ws`/`wss` servers, then the mock server where the mock serves it."""
    servers = websocket_servers(spec, channel)
    found = [_server(s, channel) for s in servers]
    if mock and (servers or not spec.servers):  # the channels `asyncapi-ws-docs mock` serves
        first = servers[0] if servers else None
        path = fill_placeholders(channel_path(first, channel), _values(first, channel))
        found.append(
            ConsoleServer(labels.console_mock_server, "ws", mock.rstrip("/") + path, secure=False)
        )
    return tuple(found)


def _values(server: Server | None, channel: Channel) -> dict[str, str]:
    """Values for the placeholders of a server's URL to the channel, by `prefill` rules."""
    values = {
        v.name: v.default or (v.enum[0] if v.enum else "") or (v.examples[0] if v.examples else "")
        for v in (server.variables if server else ())
    }
    values |= {p.name: prefill(p.schema) for p in channel.parameters}
    return {name: value for name, value in values.items() if value}


def _server(server: Server, channel: Channel) -> ConsoleServer:
    """The server's URL to the channel, placeholders filled by `prefill` rules."""
    return ConsoleServer(
        name=server.name,
        protocol=server.protocol.lower(),
        url=fill_placeholders(f"{server.url}{channel.address or ''}", _values(server, channel)),
        secure=server.protocol.lower() == "wss",
    )


def _subprotocol(declared_headers: Any, found: Any) -> ConsoleField | None:
    """The `Sec-WebSocket-Protocol` field, from a declared header or a credential scheme."""
    for prop in declared_headers:
        if prop.name.lower() == SUBPROTOCOL_HEADER:
            secret = bool(SECRET_NAMES.search(prop.schema.description if prop.schema else ""))
            return ConsoleField(
                name=prop.name,
                value="" if secret else prefill(prop.schema),
                required=prop.required,
                secret=secret,
                hint=_hint(prop.schema.description if prop.schema else ""),
            )
    for credential in found:
        if credential.location == "header" and credential.name.lower() == SUBPROTOCOL_HEADER:
            return ConsoleField(
                name=credential.name,
                value="",
                required=credential.required,
                secret=True,
                hint=_hint(credential.scheme.description),
                credential=credential.scheme.name,
            )
    return None


def _alternative(
    query: list[ConsoleField], subprotocol: ConsoleField | None, labels: Labels
) -> str:
    """What the spec offers a browser instead of headers: a query credential or a subprotocol."""
    ways = [labels.fill("console_query_way", name=f.name) for f in query if f.secret]
    if subprotocol is not None:
        ways.append(labels.console_subprotocol_way)
    if not ways:
        return ""
    return labels.fill("console_alternative", ways=labels.script_or.join(ways))


def client_messages(channel: Channel, traffic: ChannelConversation) -> tuple[list[Message], bool]:
    """The messages a client sends on the channel, and whether the spec says so.

    Those the conversation model gives the client: requests and messages of the operations
    whose sender is the client, and the client's replies to the server's requests. When there
    are none, every message of the channel, and False: the reader still has something to send.
    """
    keys = set(traffic.sends("client"))
    sent = [m for m in channel.messages if m.key in keys]
    return (sent, True) if sent else (list(channel.messages), False)


def _received_first(channel: Channel, traffic: ChannelConversation) -> list[Message]:
    """Every message of the channel, those the server sends first (what a client receives)."""
    sent = set(traffic.sends("server"))
    return sorted(channel.messages, key=lambda m: m.key not in sent)


def _link(channel: Channel, message: Message, links: Linker, *, link_messages: bool) -> ConsoleLink:
    anchor = links.message_anchor(channel.id, message.key) if link_messages else ""
    return ConsoleLink(message.key, message.label, anchor)


def _message(  # noqa: PLR0913 (keyword-only settings of one console)
    channel: Channel,
    message: Message,
    links: Linker,
    traffic: ChannelConversation,
    *,
    link_messages: bool,
    wire: WireText,
    labels: Labels,
) -> ConsoleMessage:
    frame = frame_of(message.content_type) or "text"
    by_key = {m.key: m for m in channel.messages}
    return ConsoleMessage(
        message=_link(channel, message, links, link_messages=link_messages),
        frame=frame,
        examples=tuple(
            _example(
                labels.fill("example_n", number=number),
                example,
                wire(message.content_type, example.payload),
                frame,
            )
            for number, example in enumerate(message.examples, start=1)
            if example.payload is not MISSING and not example.too_large
        ),
        replies=tuple(
            _link(channel, by_key[key], links, link_messages=link_messages)
            if reply_channel == channel.id and key in by_key
            else ConsoleLink(key, key, "")
            for reply_channel, key in traffic.answers_to(message.key, "client")
        ),
    )


def _example(numbered: str, example: Any, text: str, frame: str) -> ConsoleExample:
    title = example.name or numbered
    if frame != "binary":
        return ConsoleExample(title, text, "text")
    return ConsoleExample(title, *binary_input(text))


_HEX = re.compile(r"^(?:[0-9a-fA-F]{2}\s*)+$")


def binary_input(text: str) -> tuple[str, str]:
    """A binary example as the text area takes it, and the encoding.

    Hex or base64 as the spec writes it; any other text as the hex of its UTF-8 bytes.
    """
    stripped = text.strip()
    if _HEX.match(stripped):
        return stripped, "hex"
    try:
        base64.b64decode(stripped, validate=True)
    except (binascii.Error, ValueError):
        return " ".join(f"{byte:02x}" for byte in text.encode("utf-8")), "hex"
    return stripped, "base64"


def recognize(message: Message, link: ConsoleLink) -> Recognizer | None:
    """A recognizer from the payload's single-valued properties (`const`, one-item `enum`)."""
    payload = message.payload
    if payload is None:
        return None
    whole = _single_value(payload)
    if whole is not MISSING:
        return Recognizer(link, (("", whole),))
    match = tuple(
        (p.name, value)
        for p in payload.properties
        if (value := _single_value(p.schema)) is not MISSING and not isinstance(value, dict | list)
    )
    return Recognizer(link, match) if match else None


def _single_value(schema: Schema) -> Any:
    if schema.const is not MISSING:
        return schema.const
    if len(schema.enum) == 1:
        return schema.enum[0]
    return MISSING


def _hint(description: str) -> str:
    """The first line of a description, plain and short."""
    line = " ".join(description.split())
    return line if len(line) <= MAX_HINT else line[: MAX_HINT - 1].rstrip() + "…"
