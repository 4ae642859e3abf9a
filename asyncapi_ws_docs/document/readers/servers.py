"""Pieces of servers and security schemes that both versions' readers compose the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from asyncapi_ws_docs.document.model import SecurityScheme
from asyncapi_ws_docs.document.readers.fields import field_text

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.loader import SpecMap

Query = tuple[tuple[str, str], ...]
"""A query string's `name=value` pairs, in order."""


class ServerLocation(NamedTuple):
    """Where a server is: 2.x writes one `url`, 3.x a `host` and a `pathname`."""

    url: str
    host: str
    pathname: str
    query: Query
    """The query string found in the `url` or `pathname`, which belongs in the `ws` binding."""


def split_query(url: str) -> tuple[str, Query]:
    """A URL or pathname without its query string, and the query's `name=value` pairs."""
    path, _, query = url.partition("?")
    pairs = (pair.partition("=") for pair in query.split("&") if pair)
    return path, tuple((name, value) for name, _, value in pairs if name)


def security_scheme(name: str, scheme: SpecMap) -> SecurityScheme:
    """Where a scheme's credential travels on the WebSocket handshake."""
    kind = field_text(scheme, "type")
    location, parameter = "", ""
    if kind == "httpApiKey":
        location, parameter = field_text(scheme, "in"), field_text(scheme, "name")
    elif kind in ("http", "oauth2", "openIdConnect"):
        location, parameter = "header", "Authorization"
    return SecurityScheme(
        name=name,
        type=kind,
        location=location if location in ("header", "query", "cookie") else "",
        parameter=parameter,
        scheme=field_text(scheme, "scheme")
        or ("bearer" if kind in ("oauth2", "openIdConnect") else ""),
        bearer_format=field_text(scheme, "bearerFormat"),
        description=field_text(scheme, "description"),
    )
