"""Turn a loaded AsyncAPI 2.x or 3.x document into the version-neutral model.

The two major versions differ in where things live (2.x operations sit inside channels and are
named from the other side; 3.x operations are top-level and reference their channel and
messages), so each has its own small reader; messages, schemas and the `ws` binding are read
the same way for both.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from asyncapi_ws_docs.spec import checks
from asyncapi_ws_docs.spec.diagnostics import Diagnostic, Diagnostics, Level, SpecError
from asyncapi_ws_docs.spec.examplechecks import ExampleChecker
from asyncapi_ws_docs.spec.loader import SpecMap
from asyncapi_ws_docs.spec.model import (
    MISSING,
    Action,
    Channel,
    CorrelationId,
    Info,
    Message,
    MessageExample,
    Operation,
    Parameter,
    Reply,
    Schema,
    SecurityScheme,
    Server,
    ServerVariable,
    Spec,
    WsBinding,
)
from asyncapi_ws_docs.spec.refs import Workspace
from asyncapi_ws_docs.spec.schemas import (
    SchemaBuilder,
    TooLargeError,
    bounded_copy,
    ref_name,
    scalar_text,
    to_plain,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

SUPPORTED_VERSIONS = re.compile(r"^(2\.[0-6]|3\.[01])\.\d+$")
MISKEYED_WS = ("websockets", "websocket", "wss")
"""Binding keys authors use for WebSockets by mistake; the specification's key is `ws`."""

_JSON_SCHEMA_FORMATS = ("application/vnd.aai.asyncapi", "application/schema+", "")


def load_spec(
    path: Path, *, roots: Iterable[Path], display_base: Path
) -> tuple[Spec | None, Diagnostics]:
    """Load and build one spec; `None` (with the reason in the diagnostics) if unreadable."""
    diagnostics = Diagnostics()
    workspace = Workspace(roots=roots, diagnostics=diagnostics, display_base=display_base)
    try:
        return build_spec(workspace, path), diagnostics
    except SpecError as error:
        diagnostics.add(error.diagnostic)
        return None, diagnostics


def build_spec(workspace: Workspace, path: Path) -> Spec:
    """Load the spec at `path` and build its model. Raises `SpecError` if it cannot be read."""
    with _cyclic_gc_paused():
        root = workspace.load(path)
        version = _check_version(root)
        reader = _Reader(workspace, root, major=int(version[0]))
        return reader.spec(version)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a spec is read and built.

    Reading creates hundreds of thousands of containers that all live on, and few if any
    reference cycles (aliases share nodes; cyclic aliases are refused). Each full collection
    walks all of them again: on the benchmark's 2000-channel spec that was 2.9 of 7.6 s, and
    what made loading grow faster than the spec. Reference counting still frees as usual, and
    collection resumes when the model is built.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_version(root: SpecMap) -> str:
    """The `asyncapi` version, or a `SpecError` saying why this file is not one we read."""
    value = root.get("asyncapi")
    text = scalar_text(value)
    if "asyncapi" not in root:
        problem = "this file has no `asyncapi` field, so it is not an AsyncAPI document"
    elif not isinstance(value, str):
        problem = f"`asyncapi: {text}` must be a version string such as '3.0.0' (quote it)"
    elif SUPPORTED_VERSIONS.match(value):
        return value
    else:
        problem = f"AsyncAPI version '{text}' is not supported (2.0.0 to 2.6.0, 3.0.0, 3.1.0 are)"
    file, line, column, pointer = root.position_of("asyncapi" if "asyncapi" in root else None)
    raise SpecError(
        Diagnostic(
            Level.ERROR,
            file,
            line,
            column,
            pointer,
            problem,
            "write e.g. `asyncapi: 3.0.0` on the first line; 1.x documents need converting",
            "AWD002",
        )
    )


def _map(value: Any) -> SpecMap | None:
    return value if isinstance(value, SpecMap) else None


def _items(value: Any) -> list[tuple[str, Any]]:
    return list(value.items()) if isinstance(value, dict) else []


def _text(obj: SpecMap | None, key: str) -> str:
    return scalar_text(obj.get(key)) if obj is not None else ""


class _Reader:
    """Reads one document; `major` picks the version-specific parts."""

    def __init__(self, workspace: Workspace, root: SpecMap, *, major: int) -> None:
        self.ws = workspace
        self.diagnostics = workspace.diagnostics
        self.root = root
        self.major = major
        self.schemas = SchemaBuilder(workspace)
        self.example_checks = ExampleChecker(workspace)
        self.default_content_type = _text(root, "defaultContentType")
        self._channel_ids: dict[int, str] = {}
        self._message_keys: dict[int, dict[int, str]] = {}
        self._unlisted: dict[int, dict[int, Message]] = {}
        """Per channel: messages its operations or replies name but its `messages` do not list."""

    def resolve(self, value: Any) -> SpecMap | None:
        """Follow references; anything that is not a mapping counts as absent."""
        return _map(self.ws.deref(value))

    # -- top level -------------------------------------------------------------------------

    def spec(self, version: str) -> Spec:
        server_nodes = [
            (server, node)
            for name, raw in _items(self.root.get("servers"))
            if (node := self.resolve(raw)) is not None
            and (server := self.server(name, node)) is not None
        ]
        servers = tuple(server for server, _ in server_nodes)
        if self.major == 2:
            channels, operations = self.channels_v2()
        else:
            channels = self.channels_v3()
            operations = self.operations_v3()
            channels = self.with_unlisted_messages(channels)
        self.example_checks.finish()
        spec = Spec(
            source=self.root.source.display,
            version=version,
            info=self.info(),
            servers=servers,
            channels=channels,
            operations=operations,
            default_content_type=self.default_content_type,
        )
        checks.plaintext_credentials(server_nodes, spec, self.ws)
        return spec

    def info(self) -> Info:
        info = self.resolve(self.root.get("info"))
        if info is None:
            self.diagnostics.warning(
                self.root,
                "the document has no `info` object",
                hint="add `info: {title, version}`",
                code="AWD101",
            )
        contact = self.resolve(info.get("contact")) if info else None
        license_ = self.resolve(info.get("license")) if info else None
        return Info(
            title=_text(info, "title") or self.root.source.path.stem,
            version=_text(info, "version"),
            description=_text(info, "description"),
            terms_of_service=_text(info, "termsOfService"),
            contact=tuple(
                (key, _text(contact, key))
                for key in ("name", "url", "email")
                if _text(contact, key)
            ),
            license_name=_text(license_, "name"),
            license_url=_text(license_, "url"),
        )

    def server(self, name: str, raw: Any) -> Server | None:
        server = self.resolve(raw)
        if server is None:
            return None
        protocol = _text(server, "protocol")
        self.reserved_bindings(server, "server")
        if self.major == 2:
            url, query = _split_query(_text(server, "url"))
            if "://" not in url:  # `url: localhost` is common; the protocol says the scheme
                url = f"{protocol}://{url}" if protocol else url
            scheme_host, _, pathname = url.partition("://")[2].partition("/")
            host, pathname = scheme_host, f"/{pathname}" if pathname else ""
        else:
            checks.server_host(server, self.ws)
            host = _text(server, "host")
            pathname, query = _split_query(_text(server, "pathname"))
            if "://" in host:  # generator's rule: a scheme in `host` is not added twice
                host = host.split("://", 1)[1]
            url = f"{protocol}://{host}{pathname}"
        checks.server_query(server, "url" if self.major == 2 else "pathname", query, self.ws)
        return Server(
            name=name,
            protocol=protocol,
            url=url,
            host=host,
            pathname=pathname,
            query=query,
            title=_text(server, "title"),
            summary=_text(server, "summary"),
            description=_text(server, "description"),
            protocol_version=_text(server, "protocolVersion"),
            variables=tuple(self.server_variable(n, v) for n, v in _items(server.get("variables"))),
            security=self.security(server.get("security")),
        )

    def security(self, raw: Any) -> tuple[SecurityScheme, ...]:
        """The schemes of a `security` list.

        2.x lists requirement maps naming schemes of `components`; 3.x lists the schemes
        themselves (usually references).
        """
        schemes = []
        components = self.resolve(self.root.get("components"))
        declared = self.resolve(components.get("securitySchemes")) if components else None
        for item in _list_of(self.ws.deref(raw)):
            if self.major == 2 and isinstance(item, dict):
                for name in item:
                    scheme = self.resolve(declared.get(name)) if declared else None
                    if scheme is not None:
                        checks.scheme_in_query(scheme, self.ws)
                        schemes.append(_scheme(str(name), scheme))
            else:
                name = ref_name(item["$ref"]) if self.ws.is_ref(item) else ""
                scheme = self.resolve(item)
                if scheme is not None:
                    checks.scheme_in_query(scheme, self.ws)
                    schemes.append(_scheme(name or _text(scheme, "type"), scheme))
        return tuple(schemes)

    def server_variable(self, name: str, raw: Any) -> ServerVariable:
        variable = self.resolve(raw)
        return ServerVariable(
            name=name,
            default=_text(variable, "default") if variable and "default" in variable else None,
            enum=tuple(scalar_text(v) for v in _list(variable, "enum")),
            description=_text(variable, "description"),
            examples=tuple(scalar_text(v) for v in _list(variable, "examples")),
        )

    # -- 2.x -------------------------------------------------------------------------------

    def channels_v2(self) -> tuple[tuple[Channel, ...], tuple[Operation, ...]]:
        channels: list[Channel] = []
        operations: list[Operation] = []
        channels_map = self.resolve(self.root.get("channels"))
        for address, raw in _items(channels_map):
            item = self.resolve(raw)
            if item is None or channels_map is None:
                continue
            checks.channel_address(channels_map, address, address, self.ws)
            checks.address_parameters(item, address, item.get("parameters"), self.ws)
            messages: dict[str, Message] = {}
            for keyword in ("subscribe", "publish"):
                operation = self.resolve(item.get(keyword))
                if operation is not None:
                    operations.append(self.operation_v2(address, keyword, operation, messages))
            channels.append(
                channel := Channel(
                    id=address,
                    address=address,
                    description=_text(item, "description"),
                    parameters=self.parameters(item.get("parameters")),
                    server_names=tuple(scalar_text(s) for s in _list(item, "servers")),
                    messages=tuple(messages.values()),
                    ws=self.ws_binding(item),
                    protocols=self.protocols(item),
                    deprecated=item.get("deprecated") is True,
                )
            )
            checks.no_messages(channels_map, address, channel, self.ws)
        return tuple(channels), tuple(operations)

    def operation_v2(
        self, address: str, keyword: str, raw: SpecMap, messages: dict[str, Message]
    ) -> Operation:
        operation = self.with_traits(raw, trait_wins=True)
        self.reserved_bindings(operation, "operation")
        op_id = _text(operation, "operationId")
        keys: list[str] = []
        declared = self.resolve(operation.get("message")) if "message" in operation else None
        candidates = (
            _list(declared, "oneOf")
            if declared and "oneOf" in declared
            else ([operation["message"]] if declared is not None else [])
        )
        for index, candidate in enumerate(candidates):
            fallback = f"{op_id or keyword}Message{index + 1 if len(candidates) > 1 else ''}"
            key, message = self.message_v2(candidate, fallback)
            messages.setdefault(key, message)
            keys.append(key)
        action: Action = "send" if keyword == "subscribe" else "receive"
        return Operation(
            id=op_id,
            action=action,
            keyword=keyword,
            channel_id=address,
            summary=_text(operation, "summary"),
            description=_text(operation, "description"),
            message_keys=tuple(keys),
            deprecated=operation.get("deprecated") is True,
            security=self.security(operation.get("security")),
        )

    def message_v2(self, raw: Any, fallback: str) -> tuple[str, Message]:
        name = ref_name(raw["$ref"]) if self.ws.is_ref(raw) else ""
        message = self.resolve(raw)
        if message is None:
            return name or fallback, Message(key=name or fallback)
        key = _text(message, "messageId") or name or _text(message, "name") or fallback
        return key, self.message(key, message)

    # -- 3.x -------------------------------------------------------------------------------

    def channels_v3(self) -> tuple[Channel, ...]:
        channels = []
        channels_map = self.resolve(self.root.get("channels"))
        for channel_id, raw in _items(channels_map):
            channel = self.resolve(raw)
            if channel is None:
                continue
            self._channel_ids[id(channel)] = channel_id
            keys = self._message_keys.setdefault(id(channel), {})
            messages = []
            for key, message_raw in _items(channel.get("messages")):
                message = self.resolve(message_raw)
                if message is not None:
                    keys[id(message)] = key
                    messages.append(self.message(key, message))
            address = channel.get("address")
            if address is not None:
                checks.channel_address(channel, "address", address, self.ws)
                checks.address_parameters(
                    channel, scalar_text(address), channel.get("parameters"), self.ws
                )
            missing: Literal["", "absent", "null"] = (
                "" if address is not None else "null" if "address" in channel else "absent"
            )
            channels.append(
                model := Channel(
                    id=channel_id,
                    address=scalar_text(address) if address is not None else None,
                    address_missing=missing,
                    title=_text(channel, "title"),
                    summary=_text(channel, "summary"),
                    description=_text(channel, "description"),
                    parameters=self.parameters(channel.get("parameters")),
                    server_names=tuple(
                        ref_name(s["$ref"]) for s in _list(channel, "servers") if self.ws.is_ref(s)
                    ),
                    messages=tuple(messages),
                    ws=self.ws_binding(channel),
                    protocols=self.protocols(channel),
                    deprecated=channel.get("deprecated") is True,
                )
            )
            if channels_map is not None:
                checks.no_messages(channels_map, channel_id, model, self.ws)
        return tuple(channels)

    def operations_v3(self) -> tuple[Operation, ...]:
        operations = []
        for op_id, raw in _items(self.root.get("operations")):
            resolved = self.resolve(raw)
            if resolved is None:
                continue
            operation = self.with_traits(resolved, trait_wins=False)
            self.reserved_bindings(operation, "operation")
            channel_id, channel = self.channel_ref(operation.get("channel"))
            action = _text(operation, "action")
            if action not in ("send", "receive"):
                self.diagnostics.warning(
                    operation,
                    f"operation action '{action}' is neither `send` nor `receive`",
                    key="action" if "action" in operation else None,
                    hint="3.x replaced 2.x `subscribe`/`publish` with `send`/`receive`"
                    " (2.x `subscribe` is 3.x `send`)",
                    code="AWD110",
                )
            keyword = action or "receive"
            messages = operation.get("messages")
            keys = (
                self.message_refs(messages, channel)
                if messages is not None
                else tuple(self._message_keys.get(id(channel), {}).values())
            )
            operations.append(
                Operation(
                    id=op_id,
                    action="send" if action in ("send", "subscribe") else "receive",
                    keyword=keyword,
                    channel_id=channel_id,
                    title=_text(operation, "title"),
                    summary=_text(operation, "summary"),
                    description=_text(operation, "description"),
                    message_keys=keys,
                    reply=self.reply(operation.get("reply"), channel),
                    deprecated=operation.get("deprecated") is True,
                    security=self.security(operation.get("security")),
                )
            )
        return tuple(operations)

    def channel_ref(self, raw: Any) -> tuple[str, SpecMap | None]:
        """The id of the channel an operation or reply points at."""
        name = ref_name(raw["$ref"]) if self.ws.is_ref(raw) else ""
        channel = self.resolve(raw)
        if channel is None:
            return name, None
        return self._channel_ids.get(id(channel), name), channel

    def message_refs(self, raw: Any, channel: SpecMap | None) -> tuple[str, ...]:
        keys = self._message_keys.get(id(channel), {}) if channel is not None else {}
        result = []
        for ref in _list_of(raw):
            message = self.resolve(ref)
            if message is None:
                continue
            key = keys.get(id(message))
            if key is None:
                key = ref_name(ref["$ref"]) if self.ws.is_ref(ref) else "message"
                if channel is not None and isinstance(ref, SpecMap):
                    key = self.unlisted_message(channel, key, message)
                    self.diagnostics.warning(
                        ref,
                        f"message '{key}' is not one of the messages of channel "
                        f"'{self._channel_ids.get(id(channel), '?')}'",
                        key="$ref" if "$ref" in ref else None,
                        hint="reference the message through the channel, as "
                        "`#/channels/<channel>/messages/<message>`, and list it in the "
                        "channel's `messages`",
                        code="AWD111",
                    )
            result.append(key)
        return tuple(result)

    def unlisted_message(self, channel: SpecMap, name: str, message: SpecMap) -> str:
        """Keep a message the channel does not list, to show it there all the same.

        Its key is the name it is referenced by, made distinct from the channel's own keys.
        """
        unlisted = self._unlisted.setdefault(id(channel), {})
        known = unlisted.get(id(message))
        if known is not None:
            return known.key
        taken = {*self._message_keys.get(id(channel), {}).values()}
        taken |= {m.key for m in unlisted.values()}
        key, number = name, 1
        while key in taken:
            number += 1
            key = f"{name}-{number}"
        unlisted[id(message)] = replace(self.message(key, message), listed=False)
        return key

    def with_unlisted_messages(self, channels: tuple[Channel, ...]) -> tuple[Channel, ...]:
        """The channels, each with the messages named on it but not listed after its own."""
        by_channel_id = {
            self._channel_ids[channel]: tuple(messages.values())
            for channel, messages in self._unlisted.items()
            if channel in self._channel_ids
        }
        if not by_channel_id:
            return channels
        return tuple(
            replace(c, messages=c.messages + by_channel_id[c.id]) if c.id in by_channel_id else c
            for c in channels
        )

    def reply(self, raw: Any, channel: SpecMap | None) -> Reply | None:
        reply = self.resolve(raw)
        if reply is None:
            return None
        address = self.resolve(reply.get("address"))
        reply_channel_id, reply_channel = (
            self.channel_ref(reply["channel"]) if "channel" in reply else (None, channel)
        )
        messages = reply.get("messages")
        return Reply(
            channel_id=reply_channel_id,
            address_location=_text(address, "location"),
            address_description=_text(address, "description"),
            message_keys=self.message_refs(messages, reply_channel)
            if messages is not None
            else tuple(self._message_keys.get(id(reply_channel), {}).values()),
        )

    # -- shared ------------------------------------------------------------------------------

    def with_traits(self, obj: SpecMap, *, trait_wins: bool) -> SpecMap:
        """Apply `traits` with JSON Merge Patch: 2.x traits win, 3.x the object wins."""
        traits = [t for t in (self.resolve(t) for t in _list(obj, "traits")) if t is not None]
        if not traits:
            return obj
        merged = _copy(obj)
        del merged["traits"]
        for trait in traits:
            merged = _merge(merged, trait) if trait_wins else _merge(trait, merged, like=merged)
        return merged

    def message(self, key: str, raw: SpecMap) -> Message:
        message = self.with_traits(raw, trait_wins=self.major == 2)
        self.reserved_bindings(message, "message")
        payload, schema_format, payload_source = self.payload(message)
        headers = message.get("headers")
        self.example_checks.message(
            message,
            payload=self._schema_and_format(message.get("payload"), _text(message, "schemaFormat")),
            headers=self._schema_and_format(headers, ""),
        )
        correlation = self.resolve(message.get("correlationId"))
        return Message(
            key=key,
            origin=f"{raw.source.display}#{raw.pointer}",
            name=_text(message, "name"),
            title=_text(message, "title"),
            summary=_text(message, "summary"),
            description=_text(message, "description"),
            content_type=_text(message, "contentType") or self.default_content_type,
            headers=self.schema(self._unwrap_multi_format(headers)[0]) if headers else None,
            payload=payload,
            schema_format=schema_format,
            payload_source=payload_source,
            correlation_id=CorrelationId(
                _text(correlation, "location"), _text(correlation, "description")
            )
            if correlation
            else None,
            examples=self.examples(message),
            deprecated=message.get("deprecated") is True,
        )

    def payload(self, message: SpecMap) -> tuple[Schema | None, str, Any]:
        """The payload schema, its format, and its source when it is not a JSON Schema."""
        if "payload" not in message:
            return None, _text(message, "schemaFormat"), None
        value, schema_format = self._unwrap_multi_format(message["payload"])
        schema_format = schema_format or _text(message, "schemaFormat")
        if not schema_format.startswith(_JSON_SCHEMA_FORMATS):
            # Avro, Protobuf, RAML...: shown as written, not as a property table.
            return None, schema_format, to_plain(self.ws.deref(value))
        return self.schema(value), schema_format, None

    def _schema_and_format(self, value: Any, default_format: str) -> tuple[Any, str]:
        """A message's payload or headers as written, and its schema format."""
        schema, schema_format = self._unwrap_multi_format(value)
        return schema, schema_format or default_format

    def _unwrap_multi_format(self, value: Any) -> tuple[Any, str]:
        """3.x Multi Format Schema Object `{schemaFormat, schema}`: the schema and its format."""
        if self.major == 3:
            resolved = self.resolve(value)
            if resolved is not None and "schema" in resolved and "schemaFormat" in resolved:
                return resolved["schema"], _text(resolved, "schemaFormat")
        return value, ""

    def schema(self, value: Any) -> Schema:
        return self.schemas.build(value)

    def examples(self, message: SpecMap) -> tuple[MessageExample, ...]:
        result = []
        for raw in _list(message, "examples"):
            example = self.resolve(raw)
            if example is None:
                continue
            try:
                source, _ = bounded_copy(example)
            except TooLargeError:
                result.append(MessageExample(name=_text(example, "name"), too_large=True))
                continue
            if "payload" in example or "headers" in example:
                result.append(
                    MessageExample(
                        name=_text(example, "name"),
                        summary=_text(example, "summary"),
                        headers=source.get("headers", MISSING),
                        payload=source.get("payload", MISSING),
                        source=source,
                    )
                )
            else:  # 2.0.0 examples were bare payloads
                result.append(MessageExample(payload=source, source=source))
        return tuple(result)

    def parameters(self, raw: Any) -> tuple[Parameter, ...]:
        result = []
        for name, value in _items(self.resolve(raw)):
            parameter = self.resolve(value)
            if parameter is None:
                result.append(Parameter(name=name))
                continue
            if self.major == 2:
                schema = self.schema(parameter["schema"]) if "schema" in parameter else None
                if "schema" in parameter:
                    self.example_checks.schema_values(parameter["schema"], f"/parameters/{name}")
            else:
                self.example_checks.values_as_string(
                    parameter, f"/parameters/{name}"
                )  # 3.x parameters carry enum/default/examples themselves, always strings
                schema = Schema(
                    type="string",
                    enum=tuple(_list(parameter, "enum")),
                    default=parameter.get("default", MISSING),
                    examples=tuple(_list(parameter, "examples")),
                )
            result.append(
                Parameter(
                    name=name,
                    description=_text(parameter, "description"),
                    schema=schema,
                    location=_text(parameter, "location"),
                )
            )
        return tuple(result)

    def _snippet(self, binding: SpecMap) -> tuple[Any, bool]:
        """The binding for the copyable YAML, refs resolved if that stays small.

        Otherwise it is shown as written; None when even that is too large to show.
        """
        try:
            return bounded_copy(binding, deref=self.ws.deref)
        except TooLargeError:
            pass
        try:
            return bounded_copy(binding)
        except TooLargeError:
            return None, False

    def reserved_bindings(self, obj: SpecMap, kind: str) -> None:
        """Report content in a server, operation or message `ws` binding (reserved, empty)."""
        bindings = self.resolve(obj.get("bindings"))
        if bindings is not None:
            checks.empty_ws_binding(bindings, kind, self.ws)

    def protocols(self, channel: SpecMap) -> tuple[str, ...]:
        bindings = self.resolve(channel.get("bindings"))
        return tuple(k for k in bindings or () if not k.startswith(("x-", "$")))

    def ws_binding(self, channel: SpecMap) -> WsBinding | None:
        """The channel's `ws` binding; a mis-keyed one is read too, with a warning."""
        bindings = self.resolve(channel.get("bindings"))
        if bindings is None:
            return None
        key = "ws" if "ws" in bindings else next((k for k in MISKEYED_WS if k in bindings), None)
        if key is None:
            return None
        if key != "ws":
            self.diagnostics.warning(
                bindings,
                f"WebSocket binding under `{key}`: the AsyncAPI key is `ws`; read as `ws`",
                key=key,
                hint=f"rename `{key}:` to `ws:`",
                code="AWD201",
            )
        binding = self.resolve(bindings[key])
        if binding is None:
            return WsBinding(None, None, None, None, declared_key=key, snippet={})
        checks.ws_channel_binding(binding, self.ws)
        for part in ("query", "headers"):
            if part in binding:
                self.example_checks.schema_values(binding[part], f"/{part}")
        if "query" in binding:
            checks.query_secrets(binding["query"], self.ws)
        snippet, resolved = self._snippet(binding)
        return WsBinding(
            method=_text(binding, "method") or None,
            query=self.schema(binding["query"]) if "query" in binding else None,
            headers=self.schema(binding["headers"]) if "headers" in binding else None,
            binding_version=_text(binding, "bindingVersion") or None,
            declared_key=key,
            snippet=snippet,
            snippet_resolved=resolved or self.ws.is_ref(bindings[key]),
            extensions=tuple((k, to_plain(v)) for k, v in binding.items() if k.startswith("x-")),
        )


def _split_query(url: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A URL or pathname without its query string, and the query's `name=value` pairs."""
    path, _, query = url.partition("?")
    pairs = (pair.partition("=") for pair in query.split("&") if pair)
    return path, tuple((name, value) for name, _, value in pairs if name)


def _list(obj: Any, key: str) -> list[Any]:
    value = obj.get(key) if isinstance(obj, dict) else None
    return list(value) if isinstance(value, list) else []


def _scheme(name: str, scheme: SpecMap) -> SecurityScheme:
    """Where a scheme's credential travels on the WebSocket handshake."""
    kind = _text(scheme, "type")
    location, parameter = "", ""
    if kind == "httpApiKey":
        location, parameter = _text(scheme, "in"), _text(scheme, "name")
    elif kind in ("http", "oauth2", "openIdConnect"):
        location, parameter = "header", "Authorization"
    return SecurityScheme(
        name=name,
        type=kind,
        location=location if location in ("header", "query", "cookie") else "",
        parameter=parameter,
        scheme=_text(scheme, "scheme") or ("bearer" if kind in ("oauth2", "openIdConnect") else ""),
        bearer_format=_text(scheme, "bearerFormat"),
        description=_text(scheme, "description"),
    )


def _list_of(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _copy(obj: SpecMap) -> SpecMap:
    """A shallow copy that keeps the original's place in its file, for diagnostics."""
    copied = SpecMap(obj)
    copied.source, copied.pointer = obj.source, obj.pointer
    copied.line, copied.column, copied.marks = obj.line, obj.column, obj.marks
    copied.yaml11_keys = obj.yaml11_keys
    return copied


def _merge(target: SpecMap, patch: SpecMap, *, like: SpecMap | None = None) -> SpecMap:
    """RFC 7386 JSON Merge Patch: objects merge deeply, `null` deletes, anything else replaces.

    The result reports its position as `like` (default: `target`), the object being described.
    """
    merged = _copy(like if like is not None else target)
    merged.clear()
    merged.update(target)
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, SpecMap) and isinstance(merged.get(key), SpecMap):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
