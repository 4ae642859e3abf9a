"""The handshake checked before the upgrade: the path, credentials, query parameters, headers.

Each refusal is an HTTP response whose body says what is missing or wrong and what the spec
expects, since a client developer reads it (websockets' `InvalidStatus`, curl, the browser's
developer tools):

- an unknown path: 404, listing the paths served;
- an address parameter outside its `enum` or `pattern`: 404 (that resource does not exist);
- no credential of the channel's security schemes where the scheme puts it: 401 (any one of
  several schemes will do; its value is never checked);
- a required query parameter or header of the `ws` binding missing, or one against its schema:
  400.

A browser cannot send handshake headers other than `Sec-WebSocket-Protocol`. A handshake with an
`Origin` header (every browser sends one) is therefore let in without the headers, and the log
says which it lacked: a mock that refused the docs' own console would help nobody.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING

from asyncapi_ws_docs.mock.routes import match, value_problem
from asyncapi_ws_docs.mock.validation import Validator, query_value

if TYPE_CHECKING:
    from collections.abc import Mapping

    from asyncapi_ws_docs.document.model import Channel, Schema
    from asyncapi_ws_docs.mock.routes import Route
    from asyncapi_ws_docs.page.handshake import Credential

SUBPROTOCOL = "sec-websocket-protocol"


@dataclass(frozen=True)
class Handshake:
    """A handshake as the checks see it: path, query (name to values), headers (lower-case)."""

    path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]

    @property
    def from_browser(self) -> bool:
        """Browsers send `Origin`; they cannot send most other headers."""
        return "origin" in self.headers


@dataclass(frozen=True)
class Verdict:
    """The outcome: the route let in (with notes for the log), or a refusal."""

    route: Route | None = None
    values: dict[str, str] = field(default_factory=dict)
    status: HTTPStatus = HTTPStatus.SWITCHING_PROTOCOLS
    text: str = ""
    notes: tuple[str, ...] = ()


def check(routes: list[Route], handshake: Handshake, validators: dict[str, Validator]) -> Verdict:
    """Let the handshake in or refuse it with the first problem found.

    `validators` holds one per spec (by its path), for the query and header schemas.
    """
    found = match(routes, handshake.path)
    if found is None:
        served = "\n".join(f"  {route.template}" for route in routes)
        return Verdict(
            status=HTTPStatus.NOT_FOUND,
            text=f"No channel is served at {handshake.path}. The paths served are:\n{served}\n",
        )
    route, values = found
    if problem := value_problem(route, values):
        text = f"{handshake.path} is not a path of {_named(route.channels[0])}: {problem}.\n"
        return Verdict(status=HTTPStatus.NOT_FOUND, text=text)
    notes: list[str] = []
    for channel, asked in zip(route.channels, route.credentials, strict=True):
        refusal = _credential_refusal(channel, asked, handshake, notes) or _binding_refusal(
            channel, handshake, validators[route.loaded.path], notes
        )
        if refusal is not None:
            return refusal
    return Verdict(route, values, notes=tuple(dict.fromkeys(notes)))


def _named(channel: Channel) -> str:
    return f"channel '{channel.id}'"


def _credential_refusal(
    channel: Channel, found: tuple[Credential, ...], handshake: Handshake, notes: list[str]
) -> Verdict | None:
    if not found:
        return None
    present = [c for c in found if _has(handshake, c.location, c.name)]
    if present:
        return None
    if handshake.from_browser and all(c.location == "header" for c in found):
        names = ", ".join(sorted({c.name for c in found}))
        notes.append(f"a browser cannot send {names}: let in without it")
        return None
    wanted = "\n".join(
        f"  {c.location} {c.name}: a credential of the security scheme {c.scheme.name} "
        f"({c.scheme.type}{' ' + c.scheme.scheme if c.scheme.scheme else ''})"
        for c in found
    )
    return Verdict(
        status=HTTPStatus.UNAUTHORIZED,
        text=f"The {_named(channel)} needs a credential, and the handshake has none. "
        f"Send one of these (any value will do: the mock does not check it):\n{wanted}\n",
    )


def _has(handshake: Handshake, location: str, name: str) -> bool:
    if location == "query":
        return bool(handshake.query.get(name))
    return name.lower() in handshake.headers


def _binding_refusal(
    channel: Channel, handshake: Handshake, validator: Validator, notes: list[str]
) -> Verdict | None:
    ws = channel.ws
    if ws is None:
        return None
    given_query = {name: values[0] for name, values in handshake.query.items() if values}
    for kind, schema, given in (
        ("query parameter", ws.query, given_query),
        ("header", ws.headers, dict(handshake.headers)),
    ):
        problem = _part_problem(kind, schema, given, validator, handshake=handshake, notes=notes)
        if problem:
            return Verdict(
                status=HTTPStatus.BAD_REQUEST,
                text=f"The handshake of {_named(channel)} is not as the spec says: {problem}.\n",
            )
    return None


def _part_problem(  # noqa: PLR0913 (one part of the handshake and where to note a pass)
    kind: str,
    schema: Schema | None,
    given: dict[str, str],
    validator: Validator,
    *,
    handshake: Handshake,
    notes: list[str],
) -> str:
    """The first missing or invalid entry of the query or the headers, as a sentence."""
    headers = kind == "header"
    for prop in schema.properties if schema is not None else ():
        key = prop.name.lower() if headers else prop.name
        value = given.get(key)
        if value is None:
            if not prop.required:
                continue
            if headers and handshake.from_browser and key != SUBPROTOCOL:
                notes.append(f"a browser cannot send the header {prop.name}: let in without it")
                continue
            return f"the required {kind} {prop.name} is missing ({_expected(prop.schema)})"
        problem = validator.problem(prop.schema, query_value(prop.schema, value))
        if problem is not None:
            return f"the {kind} {prop.name}={value!r} is wrong: {problem.rule}"
    return ""


def _expected(schema: Schema | None) -> str:
    """What the spec says of a value, briefly: its type and format, its description."""
    if schema is None:
        return "any value"
    kind = " ".join(part for part in (schema.type, schema.format) if part) or "a value"
    description = " ".join(schema.description.split())
    return f"{kind}: {description}" if description else kind
