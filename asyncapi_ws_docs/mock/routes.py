"""Which channel a handshake's path is for: each channel served at the path of its URL.

The path is the page's (`handshake.channel_path`): the server's pathname and the channel's
address, or the address alone in a spec with no server. `{placeholders}` (address parameters,
server variables in a pathname) match one path segment, and the value must be one the spec
allows: in the parameter's `enum`, matching its `pattern`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from asyncapi_ws_docs.page.handshake import channel_path, websocket_servers

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
    """One path the mock serves: a channel of a spec, on one server (or none)."""

    loaded: LoadedSpec
    channel: Channel
    server: Server | None
    template: str
    """The path with its `{placeholders}`, as the pages show it: `/v1/prices/{symbol}`."""
    pattern: re.Pattern[str]
    names: tuple[str, ...]


def routes_of(loaded: LoadedSpec) -> list[Route]:
    """The paths of every WebSocket channel of a spec, one per distinct server pathname.

    A channel is served when one of its servers is `ws`/`wss`, or when the spec has no
    servers at all (the address is then the whole path).
    """
    spec = loaded.spec
    found: list[Route] = []
    for channel in spec.channels:
        servers: list[Server | None] = list(websocket_servers(spec, channel))
        if not spec.servers:
            servers = [None]
        seen: set[str] = set()
        for server in servers:
            template = channel_path(server, channel) or "/"
            if template not in seen:
                seen.add(template)
                found.append(_route(loaded, channel, server, template))
    return found


def _route(loaded: LoadedSpec, channel: Channel, server: Server | None, template: str) -> Route:
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
    return Route(loaded, channel, server, template, pattern, tuple(names))


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
    allowed = {p.name: p.schema for p in route.channel.parameters}
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


def served_urls(routes: list[Route], base: str) -> list[tuple[str, str, str]]:
    """(spec, channel, URL) for each route: the table the command prints first."""
    return [(r.loaded.path, r.channel.id, f"{base}{r.template}") for r in routes]
