"""Rules a spec should follow, checked where the builder reads the nodes they are about.

Each rule reports through `Diagnostics` at the node it concerns, with a hint of what to write
instead. The rules come from the WebSockets binding 0.1.0 and the AsyncAPI specification; see
`docs/diagnostics.md` for the list with examples.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.document.loader import SpecMap
from asyncapi_ws_docs.document.model import SUPPORTED_WS_BINDING_VERSIONS
from asyncapi_ws_docs.document.schemas import scalar_text

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.diagnostics import Diagnostics
    from asyncapi_ws_docs.document.model import Channel, SecurityScheme, Server, Spec
    from asyncapi_ws_docs.document.refs import Workspace

WS_CHANNEL_FIELDS = ("method", "query", "headers", "bindingVersion")
WS_METHODS = ("GET", "POST")

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def _is_extension(key: str) -> bool:
    return key.startswith("x-")


def ws_channel_binding(binding: SpecMap, workspace: Workspace) -> None:
    """The `ws` channel binding against version 0.1.0 of the WebSockets binding."""
    diagnostics = workspace.diagnostics
    for key in binding:
        if key not in WS_CHANNEL_FIELDS and not _is_extension(key):
            diagnostics.report(
                binding,
                f"`{key}` is not a field of the `ws` channel binding",
                key=key,
                hint="the binding has `method`, `query`, `headers`, `bindingVersion` and "
                "`x-` extensions only",
                code="AWD202",
            )
    _method(binding, diagnostics)
    version = binding.get("bindingVersion")
    if version is not None and scalar_text(version) not in SUPPORTED_WS_BINDING_VERSIONS:
        diagnostics.report(
            binding,
            f"`ws` binding version '{scalar_text(version)}' is not supported; the page shows it "
            f"as {SUPPORTED_WS_BINDING_VERSIONS[-1]}",
            key="bindingVersion",
            hint=f"write `bindingVersion: '{SUPPORTED_WS_BINDING_VERSIONS[-1]}'`, the only "
            "version of the WebSockets binding",
            code="AWD205",
        )
    for part in ("query", "headers"):
        if part in binding:
            _object_schema(binding, part, workspace)


def _method(binding: SpecMap, diagnostics: Diagnostics) -> None:
    if "method" not in binding:
        return
    method = scalar_text(binding["method"])
    if method not in WS_METHODS:
        diagnostics.report(
            binding,
            f"handshake method '{method}' is not allowed",
            key="method",
            hint="write `method: GET` (or POST); WebSocket handshakes are GET requests",
            code="AWD203",
        )
    elif method == "POST":
        diagnostics.report(
            binding,
            "`method: POST` is allowed by the binding, but RFC 6455 clients send GET",
            key="method",
            hint="browsers and common libraries cannot open a WebSocket with POST",
            code="AWD204",
        )


def _object_schema(binding: SpecMap, part: str, workspace: Workspace) -> None:
    """`query` and `headers` MUST be object schemas with `properties` (binding 0.1.0)."""
    schema = workspace.deref(binding[part])
    if schema is None:
        return  # the reference was reported already
    members = schema.get("allOf") if isinstance(schema, dict) else None
    has_properties = isinstance(schema, dict) and (
        isinstance(schema.get("properties"), dict)
        or any(
            isinstance(m := workspace.deref(member), dict) and isinstance(m.get("properties"), dict)
            for member in (members if isinstance(members, list) else ())
        )
    )
    declared_type = schema.get("type") if isinstance(schema, dict) else None
    if not has_properties or declared_type not in (None, "object"):
        where = schema if isinstance(schema, SpecMap) else binding
        diagnostics_key = None if isinstance(schema, SpecMap) else part
        workspace.diagnostics.report(
            where,
            f"the `ws` binding's `{part}` must be an object schema with `properties`",
            key=diagnostics_key,
            hint=f"write `{part}: {{type: object, properties: {{name: {{type: string}}}}}}`",
            code="AWD206",
        )
        return
    _yaml_11_names(schema, part, workspace)


def _yaml_11_names(schema: SpecMap, part: str, workspace: Workspace) -> None:
    properties = schema.get("properties")
    if not isinstance(properties, SpecMap):
        return
    for name in properties:
        if name in properties.yaml11_keys:
            workspace.diagnostics.report(
                properties,
                f"{'header' if part == 'headers' else 'query parameter'} name `{name}` is a "
                "boolean to YAML 1.1 tools (PyYAML and others read it as true/false)",
                key=name,
                hint=f"quote it: `'{name}':`",
                code="AWD207",
            )


def empty_ws_binding(bindings: SpecMap, kind: str, workspace: Workspace) -> None:
    """Server, operation and message `ws` bindings are reserved and MUST be empty."""
    binding = workspace.deref(bindings.get("ws"))
    if not isinstance(binding, SpecMap):
        return
    for key in binding:
        if not _is_extension(key):
            workspace.diagnostics.report(
                binding,
                f"the `ws` {kind} binding must be empty, but has `{key}`",
                key=key,
                hint="only the channel binding describes the handshake; move it there or remove it",
                code="AWD208",
            )


def channel_address(channel: SpecMap, key: str | None, address: Any, workspace: Workspace) -> None:
    """Addresses are relative paths: no query string, no scheme and host."""
    text = scalar_text(address)
    where, where_key = (channel, key) if key is not None else (channel, None)
    if "?" in text:
        workspace.diagnostics.report(
            where,
            f"channel address '{text}' holds a query string",
            key=where_key,
            hint="AsyncAPI forbids query parameters in addresses; declare them in the "
            "`ws` binding's `query` schema",
            code="AWD301",
        )
    if "://" in text:
        workspace.diagnostics.report(
            where,
            f"channel address '{text}' is a full URL",
            key=where_key,
            hint="put the scheme and host in a server, and keep the path here",
            code="AWD302",
        )


def relative_addresses(
    spec: Spec, places: dict[str, tuple[SpecMap, str]], workspace: Workspace
) -> None:
    """An address without a leading `/` runs into the server's path: `/ws/v1` + `book`.

    Pages show the URL as the spec makes it (the join adds no `/`, as 2.x's "relative to the
    server" and the generator's string joins do); the warning shows it too, so the author sees
    `/ws/v1book` before a reader copies it.
    """
    for channel in spec.channels:
        address = channel.address
        if not address or address.startswith("/") or "://" in address:
            continue
        node, key = places.get(channel.id, (None, ""))
        if node is None:
            continue
        servers = [s for s in spec.servers_of(channel) if s.is_websocket] or spec.servers_of(
            channel
        )
        joined = f"{servers[0].url}{address}" if servers else address
        workspace.diagnostics.report(
            node,
            f"channel address '{address}' does not start with `/`: the handshake URL joins it "
            f"to the server's as written, `{joined}`",
            key=key,
            hint=f"write `/{address}` if it is a path under the server's; an address that is "
            "not a path (a topic or feed name) belongs in the messages, not in the URL",
            code="AWD307",
        )


def server_host(server: SpecMap, workspace: Workspace) -> None:
    """A 3.x `host` is a host (and port), without a scheme."""
    host = scalar_text(server.get("host"))
    if "://" in host:
        scheme = host.split("://", 1)[0]
        workspace.diagnostics.report(
            server,
            f"server host '{host}' includes a scheme",
            key="host",
            hint=f"write `host: {host.split('://', 1)[1]}` and `protocol: {scheme}`",
            code="AWD303",
        )


def server_query(
    server: SpecMap, key: str, query: tuple[tuple[str, str], ...], workspace: Workspace
) -> None:
    """A query string in a server's `url` or `pathname` belongs in the channel's `ws` binding.

    It works (the pages list its parameters with the handshake's), but a URL template is no
    place for a schema: the binding's `query` says each parameter's type, whether it is
    required and what it means.
    """
    if not query:
        return
    names = ", ".join(f"`{name}`" for name, _ in query)
    workspace.diagnostics.report(
        server,
        f"the server's `{key}` holds a query string; its parameters ({names}) are shown as "
        "query parameters of the handshake",
        key=key if key in server else None,
        hint="end the server URL at the path and declare them in the channel's `ws` binding: "
        f"`query: {{type: object, properties: {{{query[0][0]}: {{type: string}}}}}}`",
        code="AWD306",
    )


def address_parameters(
    channel: SpecMap, address: str, parameters: Any, workspace: Workspace
) -> None:
    """Every `{name}` of an address is declared, and every declared parameter is used."""
    used = _PLACEHOLDER.findall(address)
    declared = workspace.deref(parameters) if parameters is not None else None
    declared_names = list(declared) if isinstance(declared, dict) else []
    for name in used:
        if name not in declared_names:
            workspace.diagnostics.report(
                channel,
                f"address parameter `{name}` is not declared in `parameters`",
                key="address" if "address" in channel else None,
                hint=f"add `parameters: {{{name}: {{description: ...}}}}`",
                code="AWD304",
            )
    for name in declared_names:
        if name not in used and isinstance(declared, SpecMap):
            workspace.diagnostics.report(
                declared,
                f"parameter `{name}` is declared but the address '{address}' does not use it",
                key=name,
                hint=f"use `{{{name}}}` in the address, or remove the parameter",
                code="AWD305",
            )


# -- advice from the WebSockets binding's best practices: wss, authentication, no secrets in logs

_CREDENTIAL_NAME = re.compile(
    r"auth|token|secret|passw|api[-_]?key|apikey|access[-_]?key|private[-_]?key|^key$|"
    r"session|cookie|signature|jwt|bearer|credential",
    re.IGNORECASE,
)
_NO_SECRET_SENT = frozenset(("X509", "symmetricEncryption", "asymmetricEncryption"))
"""Security scheme types that send no secret over the connection (certificates, keys kept)."""
_NOT_CREDENTIALS = frozenset(("sec-websocket-key", "sec-websocket-protocol"))
_QUERY_ADVICE = (
    "query strings end up in server, proxy and browser-history logs; prefer a short-lived "
    "one-time ticket in the URL, the credential in the first message, or the "
    "`Sec-WebSocket-Protocol` header"
)


def is_credential_name(name: str) -> bool:
    """Whether a header or query parameter name reads like a credential (a token, a key...)."""
    return name.lower() not in _NOT_CREDENTIALS and _CREDENTIAL_NAME.search(name) is not None


def query_secrets(query: Any, workspace: Workspace) -> None:
    """A query parameter of the handshake named like a secret: an info on logs."""
    schema = workspace.deref(query)
    properties = schema.get("properties") if isinstance(schema, SpecMap) else None
    if not isinstance(properties, SpecMap):
        return
    for name in properties:
        if is_credential_name(name):
            workspace.diagnostics.report(
                properties,
                f"query parameter `{name}` looks like a secret, sent in the URL",
                key=name,
                hint=_QUERY_ADVICE,
                code="AWD502",
            )


def scheme_in_query(scheme: SpecMap, workspace: Workspace) -> None:
    """An `httpApiKey` security scheme `in: query`: an info on logs."""
    if scheme_text(scheme, "type") == "httpApiKey" and scheme_text(scheme, "in") == "query":
        workspace.diagnostics.report(
            scheme,
            f"the API key `{scheme_text(scheme, 'name')}` is sent in the query string",
            key="in",
            hint=_QUERY_ADVICE,
            code="AWD502",
        )


def scheme_text(node: SpecMap, key: str) -> str:
    """A field of a node as text ("" when absent)."""
    return scalar_text(node.get(key))


def no_messages(channels: SpecMap, key: str, channel: Channel, workspace: Workspace) -> None:
    """A channel that documents no message: readers cannot tell what goes over it."""
    if not channel.messages:
        workspace.diagnostics.report(
            channels,
            f"channel '{channel.id}' documents no messages",
            key=key,
            hint="list what the client sends and receives in the channel's messages "
            "(3.x `messages`, 2.x `publish`/`subscribe` `message`)",
            code="AWD503",
        )


def plaintext_credentials(
    servers: list[tuple[Server, SpecMap]], spec: Spec, workspace: Workspace
) -> None:
    """Credentials sent to a plain `ws://` server travel unencrypted: one warning per server."""
    for server, node in servers:
        if not server.url.lower().startswith("ws://") or _is_loopback(server.host):
            continue
        credentials = _credentials_to(server, spec)
        if credentials:
            workspace.diagnostics.report(
                node,
                f"server '{server.name}' is plain `ws://`, yet credentials go to it "
                f"unencrypted: {'; '.join(credentials)}",
                key=next((k for k in ("security", "url", "protocol") if k in node), None),
                hint="use `wss://` (protocol `wss`) for any server that receives credentials, "
                "as the WebSockets binding's best practices say",
                code="AWD501",
            )


def _is_loopback(host: str) -> bool:
    """A server on the developer's own machine: its traffic does not cross a network."""
    name = host.rsplit("@", 1)[-1].lower()
    return name.startswith(("localhost", "127.", "[::1]"))


def _credentials_to(server: Server, spec: Spec) -> list[str]:
    """What credentials a server receives: its schemes, and those of its channels."""
    found: dict[str, set[str]] = {}
    for scheme in server.security:
        if scheme.type not in _NO_SECRET_SENT:
            found.setdefault(_scheme_credential(scheme), set())
    for channel in spec.channels:
        if not channel.server_names or server.name in channel.server_names:
            for credential in _channel_credentials(channel, spec):
                found.setdefault(credential, set()).add(channel.id)
    return [_with_channels(credential, ids) for credential, ids in found.items()]


def _channel_credentials(channel: Channel, spec: Spec) -> list[str]:
    """Its operations' security schemes, and its handshake headers and query named as secrets."""
    credentials = [
        _scheme_credential(scheme)
        for operation in spec.operations_of(channel)
        for scheme in operation.security
        if scheme.type not in _NO_SECRET_SENT
    ]
    ws = channel.ws
    for part, schema in (("header", ws and ws.headers), ("query parameter", ws and ws.query)):
        credentials += [
            f"{part} `{prop.name}`"
            for prop in (schema.properties if schema else ())
            if is_credential_name(prop.name)
        ]
    return credentials


def _scheme_credential(scheme: SecurityScheme) -> str:
    where = {"header": "header", "query": "query parameter", "cookie": "cookie"}.get(
        scheme.location, ""
    )
    carried = f", {where} `{scheme.parameter}`" if where and scheme.parameter else ""
    return f"security scheme `{scheme.name}` ({scheme.type}{carried})"


def _with_channels(credential: str, channel_ids: set[str]) -> str:
    ids = sorted(i for i in channel_ids if i)
    if not ids:
        return credential
    more = f" and {len(ids) - 1} more" if len(ids) > 1 else ""
    return f"{credential} (channel '{ids[0]}'{more})"
