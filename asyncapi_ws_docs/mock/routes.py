"""Which channel a handshake's path is for: each channel served at the path of its URL.

The path is the page's (`handshake.channel_path`): the server's pathname and the channel's
address, or the address alone in a spec with no server. `{placeholders}` (address parameters,
server variables in a pathname) match one path segment, and the value must be one the spec
allows: in the parameter's `enum`, matching its `pattern`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import unquote

from asyncapi_ws_docs.page.handshake import Credential, channel_path, credentials, websocket_servers

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.conversation import Conversation
    from asyncapi_ws_docs.document.model import Channel, Server, Spec
    from asyncapi_ws_docs.document.refs import Workspace

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class LoadedSpec:
    """A spec as the mock serves it: the model, its conversation, and its workspace.

    Frames are validated against the schemas as written, `$ref`s resolved through the workspace.
    """

    path: str
    spec: Spec
    traffic: Conversation
    workspace: Workspace


@dataclass(frozen=True)
class Route:
    """One path the mock serves, and the channels of a spec at that path.

    Several channels at one path are one connection (Kraken's `ping`, `pong`, `subscribe`... are
    all at `/`): a frame may be any of their messages, and a reply on any of them arrives on it.
    """

    loaded: LoadedSpec
    channels: tuple[Channel, ...]
    server: Server | None
    template: str
    """The path with its `{placeholders}`, as the pages show it: `/v1/prices/{symbol}`."""
    pattern: re.Pattern[str]
    names: tuple[str, ...]
    credentials: tuple[tuple[Credential, ...], ...]
    """Per channel, the credentials its security schemes ask for on this route's server."""

    @property
    def channel_ids(self) -> tuple[str, ...]:
        """The ids of the channels served here."""
        return tuple(channel.id for channel in self.channels)


def routes_of(loaded: LoadedSpec) -> list[Route]:
    """The paths of every WebSocket channel of a spec, one per distinct server pathname.

    A channel is served when one of its servers is `ws`/`wss`, or when the spec has no
    servers at all (the address is then the whole path).
    """
    spec = loaded.spec
    at: dict[str, tuple[list[Channel], Server | None]] = {}
    for channel in spec.channels:
        servers: list[Server | None] = list(websocket_servers(spec, channel))
        if not spec.servers:
            servers = [None]
        for server in servers:
            template = channel_path(server, channel) or "/"
            channels, _ = at.setdefault(template, ([], server))
            if channel not in channels:
                channels.append(channel)
    found = [
        _route(loaded, tuple(channels), server, template)
        for template, (channels, server) in at.items()
    ]
    # A literal path before a templated one that also matches it: `/ws/v1` before `/ws/{version}`.
    return sorted(found, key=lambda route: len(route.names))


def _route(
    loaded: LoadedSpec, channels: tuple[Channel, ...], server: Server | None, template: str
) -> Route:
    names: list[str] = []
    parts: list[str] = []
    last = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        parts.append("([^/]+)")
        names.append(match.group(1))
        last = match.end()
    parts.append(re.escape(template[last:]))
    pattern = re.compile("".join(parts))
    # The page's rule for credentials, read for this server alone: each path is one server's.
    on_server = replace(loaded.spec, servers=(server,)) if server is not None else loaded.spec
    asked = tuple(tuple(credentials(on_server, channel)) for channel in channels)
    return Route(loaded, channels, server, template, pattern, tuple(names), asked)


def match(routes: list[Route], path: str) -> tuple[Route, dict[str, str]] | None:
    """The first route whose template matches `path` (no query string), with the values."""
    trimmed = path if path == "/" else path.rstrip("/")
    for route in routes:
        found = route.pattern.fullmatch(trimmed)
        if found is not None:
            return route, {n: unquote(v) for n, v in zip(route.names, found.groups(), strict=True)}
    return None


def value_problem(route: Route, values: dict[str, str]) -> str:
    """What is wrong with a placeholder's value ("" when nothing is): enum, then pattern."""
    allowed = {p.name: p.schema for c in route.channels for p in c.parameters}
    variables = {v.name: v for v in (route.server.variables if route.server else ())}
    for name, value in values.items():
        schema = allowed.get(name)
        enum = [str(v) for v in schema.enum] if schema else []
        if not enum and name in variables:
            enum = list(variables[name].enum)
        if enum and value not in enum:
            return f"{name} '{value}' is not one of {', '.join(enum)}"
        pattern = dict(schema.constraints).get("pattern") if schema else None
        if isinstance(pattern, str) and re.search(pattern, value) is None:
            return f"{name} '{value}' does not match the pattern {pattern}"
    return ""


def shadowed(routes: list[Route]) -> list[str]:
    """A note for each route another spec serves at the same path first: it is never reached."""
    first: dict[str, Route] = {}
    notes = []
    for route in routes:
        earlier = first.setdefault(route.template, route)
        if earlier is not route:
            notes.append(
                f"{route.template}: {', '.join(route.channel_ids)} of {route.loaded.path} is not "
                f"served: {earlier.loaded.path} has the same path, and comes first"
            )
    return notes


def served_urls(routes: list[Route], base: str) -> list[tuple[str, str, str]]:
    """(spec, channels, URL) for each route: the table the command prints first."""
    return [(r.loaded.path, ", ".join(r.channel_ids), f"{base}{r.template}") for r in routes]
