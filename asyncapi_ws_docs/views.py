"""View models: everything a page template prints, decided and escaped in Python.

Templates read attributes of these objects and nothing else. Fields ending in `_html` hold
sanitized, ready-to-insert HTML; other strings are plain text that templates escape with the
`md` or `code` filters for the context they print into.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import yaml

from asyncapi_ws_docs.model import MISSING, SUPPORTED_WS_BINDING_VERSIONS
from asyncapi_ws_docs.schemas import scalar_text, to_plain

if TYPE_CHECKING:
    from asyncapi_ws_docs.model import (
        Channel,
        Message,
        Operation,
        Parameter,
        Schema,
        Server,
        Spec,
    )
    from asyncapi_ws_docs.text import TextRenderer

MAX_TABLE_ROWS = 400
"""Rows shown in one property table; a larger schema is cut with a note (hostile sizes)."""

METHOD_NOT_SET = "not specified; standard clients use GET"
SAMPLE_WEBSOCKET_KEY = "dGhlIHNhbXBsZSBub25jZQ=="  # the sample nonce of RFC 6455, section 1.3
SECRET_NAMES = re.compile(r"authorization|token|secret|password|api[-_]?key|signature", re.I)


def slugify(text: str) -> str:
    """A stable, readable slug: `realTimeUpdates` gives `real-time-updates`."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", text)
    return re.sub(r"[^a-z0-9]+", "-", spaced.lower()).strip("-")


def unique_slugs(names: list[str], *, fallback: str) -> list[str]:
    """Slugs for names in order; repeats get `-2`, `-3`... (stable while the order is)."""
    seen: dict[str, int] = {}
    slugs = []
    for name in names:
        slug = slugify(name) or fallback
        count = seen.get(slug, 0) + 1
        seen[slug] = count
        slugs.append(slug if count == 1 else f"{slug}-{count}")
    return slugs


def value_text(value: Any) -> str:
    """A value from a spec as a reader should see it: scalars as written, the rest as JSON."""
    if isinstance(value, dict | list):
        return json.dumps(to_plain(value), ensure_ascii=False, separators=(", ", ": "))
    if value is None:
        return "null"
    return scalar_text(value)


def yaml_text(data: Any) -> str:
    """YAML that `yaml.safe_load` turns back into `data` (block style, keys in spec order)."""
    return yaml.safe_dump(
        to_plain(data), sort_keys=False, allow_unicode=True, default_flow_style=False, width=88
    )


# -- property tables -------------------------------------------------------------------------


@dataclass(frozen=True)
class PropertyRow:
    """One row of a property table; `depth` is how deep in nested objects it sits."""

    name: str
    path: str
    depth: int
    type: str
    required: bool
    description_html: str
    default: str
    allowed: str
    constraints: str
    examples: str
    note: str = ""


@dataclass(frozen=True)
class PropertyTable:
    """A table of properties (handshake headers, query, payload...)."""

    kind: str
    rows: tuple[PropertyRow, ...]
    note: str = ""

    @property
    def has_defaults(self) -> bool:
        """Whether any row has a default (empty columns are left out)."""
        return any(row.default for row in self.rows)

    @property
    def has_allowed(self) -> bool:
        """Whether any row has an enum or const."""
        return any(row.allowed for row in self.rows)

    @property
    def has_constraints(self) -> bool:
        """Whether any row has a pattern, a bound or a length."""
        return any(row.constraints for row in self.rows)

    @property
    def has_examples(self) -> bool:
        """Whether any row has examples."""
        return any(row.examples for row in self.rows)


def type_text(schema: Schema) -> str:
    """`string (uuid)`, `array<object>`, `integer | null`, with the component name if any."""
    text = schema.type or ("one of" if schema.variants else "any")
    if schema.items is not None and schema.type == "array":
        text = f"array<{schema.items.ref_name or schema.items.type or 'any'}>"
    if schema.format:
        text += f" ({schema.format})"
    if schema.recursive_ref:
        text += f" (recursive: {schema.recursive_ref})"
    elif schema.ref_name and schema.type == "object":
        text += f" · {schema.ref_name}"
    return text


class TableBuilder:
    """Flattens schemas into property rows (nested objects become `parent.child` rows)."""

    def __init__(self, text: TextRenderer) -> None:
        """Create a builder that renders descriptions with `text`."""
        self.text = text

    def table(self, kind: str, schema: Schema | None, *, root_name: str = "") -> PropertyTable | None:
        """The table for a schema; a schema without properties shows as one row."""
        if schema is None:
            return None
        rows: list[PropertyRow] = []
        if schema.properties or schema.variants:
            self._children(schema, "", 0, rows)
        else:
            rows.append(self._row(root_name or "(value)", root_name, 0, schema, required=False))
            self._children(schema, root_name, 1, rows)
        note = ""
        if len(rows) > MAX_TABLE_ROWS:
            rows = rows[:MAX_TABLE_ROWS]
            note = f"Only the first {MAX_TABLE_ROWS} rows are shown."
        return PropertyTable(kind, tuple(rows), note)

    def _children(self, schema: Schema, path: str, depth: int, rows: list[PropertyRow]) -> None:
        if schema.recursive_ref or len(rows) > MAX_TABLE_ROWS:
            return
        for prop in schema.properties:
            child_path = f"{path}.{prop.name}" if path else prop.name
            rows.append(self._row(prop.name, child_path, depth, prop.schema, required=prop.required))
            self._children(prop.schema, child_path, depth + 1, rows)
        if schema.items is not None and (schema.items.properties or schema.items.variants):
            self._children(schema.items, f"{path}[]", depth, rows)
        for keyword, variants in schema.variants:
            for number, variant in enumerate(variants, start=1):
                label = f"{keyword} #{number}" + (f" ({variant.ref_name})" if variant.ref_name else "")
                variant_path = f"{path} {label}".strip()
                rows.append(self._row(label, variant_path, depth, variant, required=False))
                self._children(variant, path, depth + 1, rows)

    def _row(self, name: str, path: str, depth: int, schema: Schema, *, required: bool) -> PropertyRow:
        allowed = ""
        if schema.const is not MISSING:
            allowed = f"const {value_text(schema.const)}"
        elif schema.enum:
            allowed = ", ".join(value_text(v) for v in schema.enum)
        return PropertyRow(
            name=name,
            path=path,
            depth=depth,
            type=type_text(schema),
            required=required,
            description_html=self.text.inline(schema.description or schema.title),
            default="" if schema.default is MISSING else value_text(schema.default),
            allowed=allowed,
            constraints=", ".join(f"{k}: {value_text(v)}" for k, v in schema.constraints),
            examples=", ".join(value_text(v) for v in schema.examples),
            note="deprecated" if schema.deprecated else ("truncated" if schema.truncated else ""),
        )


# -- handshake -------------------------------------------------------------------------------


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


def example_value(schema: Schema | None, name: str) -> str:
    """A value to show for a parameter: example, default, const, enum, else a typed placeholder."""
    if schema is not None:
        for candidate in (schema.examples[0] if schema.examples else MISSING, schema.default, schema.const):
            if candidate is not MISSING:
                return value_text(candidate)
        if schema.enum:
            return value_text(schema.enum[0])
    if SECRET_NAMES.search(name):
        return "<TOKEN>"
    kind = (schema.format or schema.type) if schema is not None else ""
    return f"<{kind or name}>"


def query_string(query: Schema | None, *, only_required: bool) -> str:
    """`a={a}&b={b}` for a template, or with example values for a request."""
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
    """An example opening handshake (RFC 6455 section 4.1) for the channel's first WebSocket server."""
    ws = channel.ws
    servers = websocket_servers(spec, channel)
    server = servers[0] if servers else None
    values = {v.name: v.default or (v.enum[0] if v.enum else f"<{v.name}>") for v in server.variables} if server else {}
    values |= {p.name: example_value(p.schema, p.name) for p in channel.parameters}
    host = fill_placeholders(server.host, values) if server else "<host>"
    path = fill_placeholders((server.pathname if server else "") + (channel.address or ""), values)
    query = query_string(ws.query if ws else None, only_required=False)
    target = (path or "/") + (f"?{query}" if query else "")
    lines = [
        f"{(ws.method if ws and ws.method else 'GET').upper()} {target} HTTP/1.1",
        f"Host: {host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {SAMPLE_WEBSOCKET_KEY}",
        "Sec-WebSocket-Version: 13",
    ]
    if ws and ws.headers:
        lines += [f"{p.name}: {example_value(p.schema, p.name)}" for p in ws.headers.properties]
    return "\n".join(lines)


def websocket_servers(spec: Spec, channel: Channel) -> list[Server]:
    """The `ws`/`wss` servers of a channel, secure ones first."""
    servers = [s for s in spec.servers_of(channel) if s.is_websocket]
    return sorted(servers, key=lambda s: s.protocol.lower() != "wss")


# -- pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A link target: `href` is a relative `.md` path with an optional anchor."""

    label: str
    href: str


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
    keyword: str
    summary: str
    description_html: str
    messages: tuple[Link, ...]
    reply: ReplyView | None
    deprecated: bool


@dataclass(frozen=True)
class ExampleView:
    """A message example as a copyable code block."""

    title: str
    summary: str
    language: str
    code: str


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
    deprecated: bool


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
    urls: tuple[ServerUrl, ...]
    placeholders: tuple[Placeholder, ...]
    headers: PropertyTable | None
    query: PropertyTable | None
    request: str
    snippet: str
    snippet_caption_html: str


@dataclass(frozen=True)
class ChannelView:
    """A channel page."""

    id: str
    slug: str
    title: str
    address: str
    summary: str
    description_html: str
    protocols: tuple[str, ...]
    handshake: HandshakeView
    parameters: PropertyTable | None
    operations: tuple[OperationView, ...]
    messages: tuple[MessageView, ...]
    overview: Link
    spec_title: str
    deprecated: bool


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


@dataclass(frozen=True)
class OverviewView:
    """The overview page of one spec."""

    title: str
    version: str
    asyncapi_version: str
    description_html: str
    source: str
    servers: tuple[ServerView, ...]
    channels: tuple[ChannelSummary, ...]
    supported_binding_versions: tuple[str, ...] = SUPPORTED_WS_BINDING_VERSIONS
    contact: tuple[tuple[str, str], ...] = field(default=())
    license_name: str = ""
    license_url: str = ""


def binding_version_text(declared: str | None) -> str:
    """What the binding versions table says for a declared (or absent) `bindingVersion`."""
    return declared if declared else f"not set: latest, {SUPPORTED_WS_BINDING_VERSIONS[-1]}"


class ViewBuilder:
    """Builds the view models of one spec's pages."""

    def __init__(self, spec: Spec, text: TextRenderer) -> None:
        """Prepare views for `spec`, rendering descriptions with `text`."""
        self.spec = spec
        self.text = text
        self.tables = TableBuilder(text)
        self.slugs = dict(
            zip(
                (c.id for c in spec.channels),
                unique_slugs([c.id for c in spec.channels], fallback="root"),
                strict=True,
            )
        )

    def channel_path(self, channel_id: str) -> str:
        """The channel page's path relative to the spec's output folder."""
        return f"channels/{self.slugs.get(channel_id, slugify(channel_id) or 'root')}.md"

    def overview(self) -> OverviewView:
        spec = self.spec
        return OverviewView(
            title=spec.info.title,
            version=spec.info.version,
            asyncapi_version=spec.version,
            description_html=self.text.block(spec.info.description),
            source=spec.source,
            servers=tuple(self._server(s) for s in spec.servers),
            channels=tuple(self._summary(c) for c in spec.channels),
            contact=spec.info.contact,
            license_name=spec.info.license_name,
            license_url=spec.info.license_url,
        )

    def _server(self, server: Server) -> ServerView:
        return ServerView(
            name=server.name,
            protocol=server.protocol + (f" {server.protocol_version}" if server.protocol_version else ""),
            url=server.url,
            description_html=self.text.block(server.description or server.summary),
            variables=tuple(
                Placeholder(v.name, v.default or "", ", ".join(v.enum), self.text.inline(v.description))
                for v in server.variables
            ),
        )

    def _summary(self, channel: Channel) -> ChannelSummary:
        ws = channel.ws
        return ChannelSummary(
            link=Link(channel.title or channel.id, self.channel_path(channel.id)),
            address=channel.address if channel.address is not None else "",
            summary=channel.summary or _first_sentence(channel.description),
            has_binding=ws is not None,
            binding_version=binding_version_text(ws.binding_version) if ws else "",
            binding_version_supported=ws.version_supported if ws else True,
            method=(ws.method or "") if ws else "",
        )

    def channel(self, channel: Channel) -> ChannelView:
        message_anchors = dict(
            zip(
                (m.key for m in channel.messages),
                (f"message-{s}" for s in unique_slugs([m.key for m in channel.messages], fallback="message")),
                strict=True,
            )
        )
        return ChannelView(
            id=channel.id,
            slug=self.slugs[channel.id],
            title=channel.title or channel.id,
            address=channel.address if channel.address is not None else "",
            summary=channel.summary,
            description_html=self.text.block(channel.description),
            protocols=channel.protocols,
            handshake=self._handshake(channel),
            parameters=self._parameters(channel.parameters),
            operations=tuple(self._operation(op, message_anchors) for op in self.spec.operations_of(channel)),
            messages=tuple(self._message(m, message_anchors[m.key]) for m in channel.messages),
            overview=Link(self.spec.info.title, "../index.md"),
            spec_title=self.spec.info.title,
            deprecated=channel.deprecated,
        )

    def _handshake(self, channel: Channel) -> HandshakeView:
        ws = channel.ws
        query = ws.query if ws else None
        required_query = query_string(query, only_required=True)
        urls = tuple(
            ServerUrl(
                server=server.name,
                protocol=server.protocol,
                url=server.url + (channel.address or "") + (f"?{required_query}" if required_query else ""),
                secure=server.protocol.lower() == "wss",
            )
            for server in websocket_servers(self.spec, channel)
        )
        method = (ws.method or "").upper() if ws else ""
        return HandshakeView(
            has_binding=ws is not None,
            declared_key=ws.declared_key if ws else "ws",
            method=method or METHOD_NOT_SET,
            method_declared=bool(method),
            method_note="RFC 6455 clients open WebSockets with GET; browsers and most libraries "
            "cannot send a POST handshake."
            if method == "POST"
            else "",
            binding_version=binding_version_text(ws.binding_version if ws else None),
            binding_version_supported=ws.version_supported if ws else True,
            urls=urls,
            placeholders=self._placeholders(channel),
            headers=self.tables.table("headers", ws.headers if ws else None),
            query=self.tables.table("query", query),
            request=example_request(self.spec, channel),
            snippet=yaml_text({"ws": ws.snippet}) if ws else "",
            snippet_caption_html=(
                "The channel's <code>ws</code> binding, with <code>$ref</code>s resolved."
                if ws and ws.snippet_resolved
                else "The channel's <code>ws</code> binding, as written in the spec."
            ),
        )

    def _placeholders(self, channel: Channel) -> tuple[Placeholder, ...]:
        result = []
        for server in websocket_servers(self.spec, channel):
            for variable in server.variables:
                if variable.name not in {p.name for p in result}:
                    result.append(
                        Placeholder(
                            variable.name,
                            variable.default or "",
                            ", ".join(variable.enum),
                            self.text.inline(variable.description),
                        )
                    )
        for parameter in channel.parameters:
            schema = parameter.schema
            result.append(
                Placeholder(
                    parameter.name,
                    value_text(schema.default) if schema and schema.default is not MISSING else "",
                    ", ".join(value_text(v) for v in schema.enum) if schema else "",
                    self.text.inline(parameter.description),
                )
            )
        return tuple(result)

    def _parameters(self, parameters: tuple[Parameter, ...]) -> PropertyTable | None:
        if not parameters:
            return None
        rows = tuple(
            self.tables._row(p.name, p.name, 0, _with_description(p), required=True)  # noqa: SLF001
            for p in parameters
        )
        return PropertyTable("parameters", rows)

    def _operation(self, operation: Operation, anchors: dict[str, str]) -> OperationView:
        reply = operation.reply
        reply_view = None
        if reply is not None:
            reply_channel = self.spec.channel(reply.channel_id) if reply.channel_id else None
            reply_anchors = self._anchors_of(reply_channel) if reply_channel else {}
            same_page = reply_channel is None or reply_channel.id == operation.channel_id
            page = "" if same_page else self.channel_path(reply_channel.id).removeprefix("channels/")  # type: ignore[union-attr]
            reply_view = ReplyView(
                channel=None if same_page else Link(reply_channel.title or reply_channel.id, page),  # type: ignore[union-attr]
                address=reply.address_location,
                address_description_html=self.text.inline(reply.address_description),
                messages=tuple(
                    Link(key, f"{page}#{reply_anchors.get(key, 'messages')}") for key in reply.message_keys
                ),
            )
        return OperationView(
            anchor=f"operation-{slugify(operation.id or operation.keyword)}",
            id=operation.id,
            action="sends" if operation.action == "send" else "receives",
            keyword=operation.keyword,
            summary=operation.title or operation.summary,
            description_html=self.text.block(operation.description),
            messages=tuple(Link(key, f"#{anchors.get(key, 'messages')}") for key in operation.message_keys),
            reply=reply_view,
            deprecated=operation.deprecated,
        )

    def _anchors_of(self, channel: Channel) -> dict[str, str]:
        keys = [m.key for m in channel.messages]
        return dict(zip(keys, (f"message-{s}" for s in unique_slugs(keys, fallback="message")), strict=True))

    def _message(self, message: Message, anchor: str) -> MessageView:
        payload = message.payload
        foreign = payload is not None and payload.raw is not None and not payload.properties and payload.type == message.schema_format and bool(message.schema_format)
        return MessageView(
            anchor=anchor,
            key=message.key,
            label=message.label,
            name=message.name,
            summary=message.summary,
            description_html=self.text.block(message.description),
            content_type=message.content_type,
            schema_format=message.schema_format,
            correlation_id=message.correlation_id.location if message.correlation_id else "",
            headers=self.tables.table("message-headers", message.headers),
            payload=None if foreign else self.tables.table("payload", payload, root_name="(payload)"),
            payload_source=yaml_text(payload.raw) if foreign and payload else "",
            examples=tuple(self._examples(message)),
            deprecated=message.deprecated,
        )

    def _examples(self, message: Message) -> list[ExampleView]:
        views = []
        is_json = "json" in message.content_type or not message.content_type
        for number, example in enumerate(message.examples, start=1):
            title = example.name or f"Example {number}"
            for part, data in (("headers", example.headers), ("payload", example.payload)):
                if data is MISSING:
                    continue
                if is_json:
                    code = json.dumps(data, indent=2, ensure_ascii=False, default=str)
                    language = "json"
                else:
                    code, language = yaml_text(data), "yaml"
                views.append(ExampleView(f"{title} ({part})" if part == "headers" else title, example.summary, language, code))
        return views


def _with_description(parameter: Parameter) -> Schema:
    from dataclasses import replace

    from asyncapi_ws_docs.model import Schema as SchemaType

    schema = parameter.schema or SchemaType(type="string")
    return replace(schema, description=parameter.description or schema.description)


def _first_sentence(text: str) -> str:
    first = text.strip().split("\n\n", 1)[0].replace("\n", " ")
    match = re.match(r"(.+?[.!?])(\s|$)", first)
    return match.group(1) if match else first
