"""The WebSocket handshake of a channel: where to connect, how, and with what.

Everything here comes from the channel's `ws` binding and the channel's servers: the full URL on
each `ws`/`wss` server, the HTTP method, the header and query tables, an example opening
handshake (RFC 6455, section 4.1) and the binding as copyable YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from asyncapi_ws_docs.model import MISSING, SUPPORTED_WS_BINDING_VERSIONS
from asyncapi_ws_docs.text import value_text, yaml_text

if TYPE_CHECKING:
    from asyncapi_ws_docs.model import Channel, Schema, Server, Spec
    from asyncapi_ws_docs.tables import PropertyTable, TableBuilder
    from asyncapi_ws_docs.text import TextRenderer

METHOD_NOT_SET = "not specified; standard clients use GET"
POST_NOTE = (
    "RFC 6455 clients open WebSockets with GET; browsers and most libraries cannot send a "
    "POST handshake."
)
# The sample nonce of RFC 6455, section 1.3: recognisably an example, never a real key.
SAMPLE_WEBSOCKET_KEY = "dGhlIHNhbXBsZSBub25jZQ=="
SECRET_NAMES = re.compile(
    r"authorization|token|secret|password|api[-_]?key|signature", re.IGNORECASE
)


@dataclass(frozen=True)
class ServerUrl:
    """Where a channel's handshake goes on one server."""

    server: str
    protocol: str
    url: str
    secure: bool


@dataclass(frozen=True)
class Placeholder:
    """A `{name}` in a URL: what it stands for and its default."""

    name: str
    default: str
    allowed: str
    description_html: str


@dataclass(frozen=True)
class HandshakeView:
    """Everything needed to open the channel's WebSocket."""

    has_binding: bool
    declared_key: str
    method: str
    method_declared: bool
    method_note: str
    binding_version: str
    binding_version_supported: bool
    address_known: bool
    urls: tuple[ServerUrl, ...]
    placeholders: tuple[Placeholder, ...]
    headers: PropertyTable | None
    query: PropertyTable | None
    request: str
    snippet: str
    snippet_anchor: str
    snippet_caption_html: str


def binding_version_text(declared: str | None) -> str:
    """What the binding versions table says for a declared (or absent) `bindingVersion`."""
    return declared or f"not set: latest, {SUPPORTED_WS_BINDING_VERSIONS[-1]}"


def websocket_servers(spec: Spec, channel: Channel) -> list[Server]:
    """The `ws`/`wss` servers of a channel, secure ones first."""
    servers = [s for s in spec.servers_of(channel) if s.is_websocket]
    return sorted(servers, key=lambda s: s.protocol.lower() != "wss")


def example_value(schema: Schema | None, name: str) -> str:
    """A value to show for a parameter: example, default, const, enum, else a typed placeholder.

    A parameter whose name says it is a secret (a token, a key) without an example gets
    `<TOKEN>`, never a real-looking value.
    """
    if schema is not None:
        first_example = schema.examples[0] if schema.examples else MISSING
        for candidate in (first_example, schema.default, schema.const):
            if candidate is not MISSING:
                return value_text(candidate)
        if schema.enum:
            return value_text(schema.enum[0])
    if SECRET_NAMES.search(name):
        return "<TOKEN>"
    kind = (schema.format or schema.type) if schema is not None else ""
    return f"<{kind or name}>"


def query_string(query: Schema | None, *, only_required: bool) -> str:
    """`a={a}&b={b}` (required parameters, for a URL template) or with example values."""
    if query is None:
        return ""
    parts = []
    for prop in query.properties:
        if only_required and not prop.required:
            continue
        value = f"{{{prop.name}}}" if only_required else example_value(prop.schema, prop.name)
        parts.append(f"{quote(prop.name, safe='')}={quote(value, safe='{}<>:,@$!*()')}")
    return "&".join(parts)


def fill_placeholders(template: str, values: dict[str, str]) -> str:
    """Replace `{name}` with its value, leaving unknown names as written."""
    return re.sub(r"\{([^{}]+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def example_request(spec: Spec, channel: Channel) -> str:
    """An example opening handshake for the channel's first WebSocket server."""
    ws = channel.ws
    servers = websocket_servers(spec, channel)
    server = servers[0] if servers else None
    values = {
        v.name: v.default or (v.enum[0] if v.enum else f"<{v.name}>")
        for v in (server.variables if server else ())
    }
    values |= {p.name: example_value(p.schema, p.name) for p in channel.parameters}
    host = fill_placeholders(server.host, values) if server else "<host>"
    path = fill_placeholders((server.pathname if server else "") + (channel.address or ""), values)
    query = query_string(ws.query if ws else None, only_required=False)
    method = (ws.method if ws and ws.method else "GET").upper()
    lines = [
        f"{method} {path or '/'}{'?' + query if query else ''} HTTP/1.1",
        f"Host: {host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {SAMPLE_WEBSOCKET_KEY}",
        "Sec-WebSocket-Version: 13",
    ]
    if ws and ws.headers:
        lines += [f"{p.name}: {example_value(p.schema, p.name)}" for p in ws.headers.properties]
    return "\n".join(lines)


def handshake_view(
    spec: Spec,
    channel: Channel,
    *,
    text: TextRenderer,
    tables: TableBuilder,
    snippet_anchor: str = "asyncapi-binding-snippet",
) -> HandshakeView:
    """The handshake section of a channel page."""
    ws = channel.ws
    query = ws.query if ws else None
    required_query = query_string(query, only_required=True)
    suffix = f"?{required_query}" if required_query else ""
    urls = tuple(
        ServerUrl(
            server=server.name,
            protocol=server.protocol,
            url=f"{server.url}{channel.address or ''}{suffix}",
            secure=server.protocol.lower() == "wss",
        )
        for server in websocket_servers(spec, channel)
    )
    method = (ws.method or "").upper() if ws else ""
    return HandshakeView(
        has_binding=ws is not None,
        declared_key=ws.declared_key if ws else "ws",
        method=method or METHOD_NOT_SET,
        method_declared=bool(method),
        method_note=POST_NOTE if method == "POST" else "",
        binding_version=binding_version_text(ws.binding_version if ws else None),
        binding_version_supported=ws.version_supported if ws else True,
        address_known=channel.address is not None,
        urls=urls if channel.address is not None else (),
        placeholders=placeholders(spec, channel, text),
        headers=tables.table("headers", ws.headers if ws else None),
        query=tables.table("query", query),
        request=example_request(spec, channel),
        snippet=yaml_text({"ws": ws.snippet}) if ws and ws.snippet is not None else "",
        snippet_anchor=snippet_anchor,
        snippet_caption_html=(
            "The channel's <code>ws</code> binding, with <code>$ref</code>s resolved."
            if ws and ws.snippet_resolved
            else "The channel's <code>ws</code> binding, as written in the spec."
        ),
    )


def placeholders(spec: Spec, channel: Channel, text: TextRenderer) -> tuple[Placeholder, ...]:
    """The server variables and channel parameters that appear in the channel's URLs."""
    result: dict[str, Placeholder] = {}
    for server in websocket_servers(spec, channel):
        for variable in server.variables:
            result.setdefault(
                variable.name,
                Placeholder(
                    variable.name,
                    variable.default or "",
                    ", ".join(variable.enum),
                    text.inline(variable.description),
                ),
            )
    for parameter in channel.parameters:
        schema = parameter.schema
        result[parameter.name] = Placeholder(
            parameter.name,
            value_text(schema.default) if schema and schema.default is not MISSING else "",
            ", ".join(value_text(v) for v in schema.enum) if schema else "",
            text.inline(parameter.description),
        )
    return tuple(result.values())
