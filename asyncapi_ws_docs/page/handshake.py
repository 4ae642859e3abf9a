"""The WebSocket handshake of a channel: where to connect, how, and with what.

Everything here comes from the channel's `ws` binding and the channel's servers: the full URL on
each `ws`/`wss` server, the HTTP method, the header and query tables, an example opening
handshake (RFC 6455, section 4.1) and the binding as copyable YAML. The connection snippets of
`clients.py` are built on `connection()` here, and fill the `ClientsView` this section holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from asyncapi_ws_docs.document.model import MISSING, SUPPORTED_WS_BINDING_VERSIONS
from asyncapi_ws_docs.page.labels import ENGLISH_LABELS, Labels
from asyncapi_ws_docs.page.tables import PropertyRow, PropertyTable, value_facts
from asyncapi_ws_docs.page.text import escape_html, value_text, yaml_text

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.model import Channel, Schema, SecurityScheme, Server, Spec
    from asyncapi_ws_docs.page.tables import TableBuilder
    from asyncapi_ws_docs.page.text import TextRenderer

METHOD_NOT_SET = ENGLISH_LABELS.method_not_set
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
class ClientSnippet:
    """One tab: a client's name, the code's language, the code (or "" and a note)."""

    key: str
    label: str
    language: str
    code: str
    note: str = ""
    """Markdown (it lands inside a content tab, where raw HTML would not make a block)."""
    template: str = ""
    """`code` with the values the spec supplies replaced by `SLOT` placeholders ("" for none)."""
    note_html: str = ""
    """The note as HTML, for the tab set the plugin writes itself."""


@dataclass(frozen=True)
class ClientsView:
    """The "Try it" section of a channel: `tabbed` when the site has content tabs.

    `html`, when not "", is the whole section below its heading, written by `SnippetHTML`:
    the template prints it as one HTML block instead of Markdown tabs and fences.
    """

    tabbed: bool
    snippets: tuple[ClientSnippet, ...]
    html: str = ""


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
    """Deprecated (docs/templates.md): `not address_missing` says the same; no template reads it."""
    address_missing: str
    """`absent` or `null` when the channel has no address: clients connect to the server URL."""
    urls: tuple[ServerUrl, ...]
    placeholders: tuple[Placeholder, ...]
    headers: PropertyTable | None
    query: PropertyTable | None
    request: str
    snippet: str
    snippet_anchor: str
    snippet_caption_html: str
    clients: ClientsView | None


def binding_version_text(declared: str | None, labels: Labels = ENGLISH_LABELS) -> str:
    """What the binding versions table says for a declared (or absent) `bindingVersion`."""
    return declared or labels.fill(
        "binding_version_not_set", version=SUPPORTED_WS_BINDING_VERSIONS[-1]
    )


def websocket_servers(spec: Spec, channel: Channel) -> list[Server]:
    """The `ws`/`wss` servers of a channel, secure ones first."""
    servers = [s for s in spec.servers_of(channel) if s.is_websocket]
    return sorted(servers, key=lambda s: s.protocol.lower() != "wss")


def channel_path(server: Server | None, channel: Channel) -> str:
    """The path a channel's handshake goes to, with its `{placeholders}`.

    The server's pathname, then the address (the address alone without a server): the
    handshake here and the mock server's routes.
    """
    return (server.pathname if server else "") + (channel.address or "")


def secret_placeholder(name: str, scheme: SecurityScheme | None = None) -> str:
    """What a snippet shows for a secret: a placeholder, never a real-looking value."""
    kind = scheme.scheme.lower() if scheme else ""
    if kind == "basic":
        return "Basic <CREDENTIALS>"
    if name.lower() == "authorization" or kind == "bearer":
        return "Bearer <TOKEN>"
    return "<TOKEN>"


def example_value(schema: Schema | None, name: str) -> str:
    """A value to show for a parameter: example, default, const, enum, else a typed placeholder.

    A parameter whose name says it is a secret (a token, a key) always gets a placeholder
    such as `<TOKEN>`: a request or snippet never shows a real-looking credential.
    """
    if SECRET_NAMES.search(name):
        return secret_placeholder(name)
    if schema is not None:
        first_example = schema.examples[0] if schema.examples else MISSING
        for candidate in (first_example, schema.default, schema.const):
            if candidate is not MISSING:
                return value_text(candidate)
        if schema.enum:
            return value_text(schema.enum[0])
    kind = (schema.format or schema.type) if schema is not None else ""
    return f"<{kind or name}>"


@dataclass(frozen=True)
class Credential:
    """A credential a security scheme puts on the handshake (a header or a query parameter)."""

    location: str
    name: str
    value: str
    scheme: SecurityScheme
    required: bool


def credentials(spec: Spec, channel: Channel) -> list[Credential]:
    """The credentials the channel's WebSocket servers and operations ask for.

    Several schemes are alternatives (any one satisfies `security`), so a credential is
    required only when it is the only one.
    """
    seen: dict[str, SecurityScheme] = {}
    sources = [s.security for s in websocket_servers(spec, channel)]
    sources += [op.security for op in spec.operations_of(channel)]
    for schemes in sources:
        for scheme in schemes:
            if scheme.location:
                seen.setdefault(scheme.name, scheme)
    result = []
    for scheme in seen.values():
        location, name = scheme.location, scheme.parameter
        value = secret_placeholder(name, scheme)
        if location == "cookie":
            location, name, value = "header", "Cookie", f"{scheme.parameter}={value}"
        result.append(Credential(location, name, value, scheme, required=len(seen) == 1))
    return result


@dataclass(frozen=True)
class Connection:
    """A concrete handshake: the URL with values filled in, and the headers to send."""

    method: str
    url: str
    host: str
    target: str
    headers: tuple[tuple[str, str], ...]
    required_headers: tuple[str, ...]


def connection(spec: Spec, channel: Channel) -> Connection:
    """The handshake to the channel's first WebSocket server (secure first), with values."""
    ws = channel.ws
    servers = websocket_servers(spec, channel)
    server = servers[0] if servers else None
    values = {
        v.name: v.default or (v.enum[0] if v.enum else f"<{v.name}>")
        for v in (server.variables if server else ())
    }
    values |= {p.name: example_value(p.schema, p.name) for p in channel.parameters}
    host = fill_placeholders(server.host, values) if server else "<host>"
    path = fill_placeholders(channel_path(server, channel), values)
    written = server.query if server else ()
    query = [
        (
            name,
            secret_placeholder(name) if SECRET_NAMES.search(name) else fill_placeholders(v, values),
        )
        for name, v in written
    ]
    query += [
        (p.name, example_value(p.schema, p.name))
        for p in (ws.query.properties if ws and ws.query else ())
        if all(p.name != name for name, _ in query)
    ]
    headers = [
        (p.name, example_value(p.schema, p.name), p.required)
        for p in (ws.headers.properties if ws and ws.headers else ())
    ]
    for credential in credentials(spec, channel):
        pairs: list[Any] = query if credential.location == "query" else headers
        if all(name.lower() != credential.name.lower() for name, *_ in pairs):
            item = (credential.name, credential.value)
            pairs.append(item if credential.location == "query" else (*item, credential.required))
    target = (path or "/") + (f"?{_encode(query)}" if query else "")
    scheme = server.protocol.lower() if server else "wss"
    return Connection(
        method=(ws.method if ws and ws.method else "GET").upper(),
        url=f"{scheme}://{host}{target}",
        host=host,
        target=target,
        headers=tuple((name, value) for name, value, _ in headers),
        required_headers=tuple(name for name, _, required in headers if required),
    )


def _encode(pairs: list[tuple[str, str]]) -> str:
    """A query string; placeholders like `<TOKEN>` and `{name}` stay readable."""
    return "&".join(f"{quote(n, safe='')}={quote(v, safe='{}<>:,@$!*()')}" for n, v in pairs)


def url_template(server: Server, channel: Channel) -> str:
    """The channel's URL on a server: the server's path, the address, then the query string.

    A query string written into the server URL stays after the address, and its names are not
    repeated from the binding's required query parameters: one `?`, no name twice.
    """
    written = {name for name, _ in server.query}
    binding = channel.ws.query if channel.ws else None
    required = [
        (p.name, f"{{{p.name}}}")
        for p in (binding.properties if binding else ())
        if p.required and p.name not in written
    ]
    pairs = [f"{name}={value}" for name, value in server.query]
    pairs += [_encode([pair]) for pair in required]
    return f"{server.url}{channel.address or ''}" + (f"?{'&'.join(pairs)}" if pairs else "")


def server_query_rows(
    spec: Spec, channel: Channel, text: TextRenderer, labels: Labels = ENGLISH_LABELS
) -> tuple[PropertyRow, ...]:
    """Rows for the query parameters written into the URLs of the channel's servers.

    A `{name}` value is a server variable: its description, default and enum describe it.
    """
    rows: dict[str, PropertyRow] = {}
    for server in websocket_servers(spec, channel):
        variables = {v.name: v for v in server.variables}
        for name, value in server.query:
            match = re.fullmatch(r"\{([^{}]+)\}", value)
            variable = variables.get(match.group(1)) if match else None
            fixed = "" if match else value  # `?v=3`: the only value there is
            rows.setdefault(
                name,
                PropertyRow(
                    name=name,
                    path=name,
                    depth=0,
                    type="string",
                    required=True,
                    description_html=text.inline(variable.description) if variable else "",
                    default=(variable.default or "") if variable else "",
                    allowed=", ".join(variable.enum) if variable else fixed,
                    constraints="",
                    examples="",
                    note=labels.fill("in_url_of_server", server=server.name),
                    facts=value_facts(
                        default=variable.default if variable and variable.default else MISSING,
                        const=fixed or MISSING,
                        enum=tuple(variable.enum) if variable else (),
                        labels=labels,
                    ),
                ),
            )
    return tuple(rows.values())


def with_server_query(
    table: PropertyTable | None, spec: Spec, channel: Channel, tables: TableBuilder
) -> PropertyTable | None:
    """The query table with the parameters of the server URLs first (the binding's win)."""
    declared = {row.name for row in table.rows} if table else set()
    found = server_query_rows(spec, channel, tables.text, tables.labels)
    rows = tuple(r for r in found if r.name not in declared)
    if not rows:
        return table
    return PropertyTable("query", rows + (table.rows if table else ()), table.note if table else "")


def fill_placeholders(template: str, values: dict[str, str]) -> str:
    """Replace `{name}` with its value, leaving unknown names as written."""
    return re.sub(r"\{([^{}]+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def example_request(spec: Spec, channel: Channel) -> str:
    """An example opening handshake (RFC 6455, section 4.1) for the channel."""
    handshake = connection(spec, channel)
    lines = [
        f"{handshake.method} {handshake.target} HTTP/1.1",
        f"Host: {handshake.host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {SAMPLE_WEBSOCKET_KEY}",
        "Sec-WebSocket-Version: 13",
    ]
    lines += [f"{name}: {value}" for name, value in handshake.headers]
    return "\n".join(lines)


def credential_table(
    kind: str, table: PropertyTable | None, found: list[Credential], tables: TableBuilder
) -> PropertyTable | None:
    """A handshake table with the credentials of security schemes added, each marked as such."""
    location = "header" if kind == "headers" else "query"
    declared = {row.name.lower() for row in table.rows} if table else set()
    extra = tuple(
        PropertyRow(
            name=c.name,
            path=c.name,
            depth=0,
            type="string",
            required=c.required,
            description_html=tables.text.inline(c.scheme.description)
            or tables.labels.fill("credential_of_scheme", scheme=escape_html(c.scheme.name)),
            default="",
            allowed="",
            constraints="",
            examples=c.value,
            note=tables.labels.fill(
                "security_scheme_note", scheme=c.scheme.name, type=c.scheme.type
            ),
            facts=value_facts(examples=(c.value,) if c.value else (), labels=tables.labels),
        )
        for c in found
        if c.location == location and c.name.lower() not in declared
    )
    if not extra:
        return table
    return PropertyTable(kind, (table.rows if table else ()) + extra, table.note if table else "")


def handshake_view(  # noqa: PLR0913 (keyword-only parts of one section)
    spec: Spec,
    channel: Channel,
    *,
    text: TextRenderer,
    tables: TableBuilder,
    snippet_anchor: str = "asyncapi-binding-snippet",
    clients: ClientsView | None = None,
) -> HandshakeView:
    """The handshake section of a channel page."""
    ws = channel.ws
    query = ws.query if ws else None
    found = credentials(spec, channel)
    urls = tuple(
        ServerUrl(
            server=server.name,
            protocol=server.protocol,
            url=url_template(server, channel),
            secure=server.protocol.lower() == "wss",
        )
        for server in websocket_servers(spec, channel)
    )
    query_table = with_server_query(tables.table("query", query), spec, channel, tables)
    method = (ws.method or "").upper() if ws else ""
    labels = tables.labels
    return HandshakeView(
        has_binding=ws is not None,
        declared_key=ws.declared_key if ws else "ws",
        method=method or labels.method_not_set,
        method_declared=bool(method),
        method_note=labels.post_note if method == "POST" else "",
        binding_version=binding_version_text(ws.binding_version if ws else None, labels),
        binding_version_supported=ws.version_supported if ws else True,
        address_known=channel.address is not None,
        address_missing=channel.address_missing,
        urls=urls,
        placeholders=placeholders(spec, channel, text),
        headers=credential_table(
            "headers", tables.table("headers", ws.headers if ws else None), found, tables
        ),
        query=credential_table("query", query_table, found, tables),
        request=example_request(spec, channel),
        snippet=yaml_text({"ws": ws.snippet}) if ws and ws.snippet is not None else "",
        snippet_anchor=snippet_anchor,
        clients=clients,
        snippet_caption_html=(
            labels.binding_caption_resolved
            if ws and ws.snippet_resolved
            else labels.binding_caption_written
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
