"""The `bindings` of servers, channels, operations and messages, the same in 2.x and 3.x.

Only the channel's `ws` binding carries anything (the handshake's method, query and headers);
the specification reserves the server, operation and message ones and wants them empty. Other
protocols' bindings are only listed by name, so a page can say what else a channel speaks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.document import checks
from asyncapi_ws_docs.document.model import WsBinding
from asyncapi_ws_docs.document.readers.fields import as_map, field_text
from asyncapi_ws_docs.document.schemas import TooLargeError, bounded_copy, to_plain

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.examplechecks import ExampleChecker
    from asyncapi_ws_docs.document.loader import SpecMap
    from asyncapi_ws_docs.document.refs import Workspace
    from asyncapi_ws_docs.document.schemas import SchemaBuilder

MISKEYED_WS = ("websockets", "websocket", "wss")
"""Binding keys authors use for WebSockets by mistake; the specification's key is `ws`."""


def check_reserved_bindings(obj: SpecMap, kind: str, workspace: Workspace) -> None:
    """Report content in a server, operation or message `ws` binding (reserved, empty)."""
    bindings = as_map(workspace.deref(obj.get("bindings")))
    if bindings is not None:
        checks.empty_ws_binding(bindings, kind, workspace)


def protocols(channel: SpecMap, workspace: Workspace) -> tuple[str, ...]:
    """The protocols a channel has bindings for (extensions and references aside)."""
    bindings = as_map(workspace.deref(channel.get("bindings")))
    return tuple(k for k in bindings or () if not k.startswith(("x-", "$")))


def ws_binding(
    channel: SpecMap,
    workspace: Workspace,
    schemas: SchemaBuilder,
    example_checks: ExampleChecker,
) -> WsBinding | None:
    """The channel's `ws` binding; a mis-keyed one is read too, with a warning."""
    bindings = as_map(workspace.deref(channel.get("bindings")))
    if bindings is None:
        return None
    key = "ws" if "ws" in bindings else next((k for k in MISKEYED_WS if k in bindings), None)
    if key is None:
        return None
    if key != "ws":
        workspace.diagnostics.report(
            bindings,
            f"WebSocket binding under `{key}`: the AsyncAPI key is `ws`; read as `ws`",
            key=key,
            hint=f"rename `{key}:` to `ws:`",
            code="AWD201",
        )
    binding = as_map(workspace.deref(bindings[key]))
    if binding is None:
        return WsBinding(None, None, None, None, declared_key=key, snippet={})
    checks.ws_channel_binding(binding, workspace)
    for part in ("query", "headers"):
        if part in binding:
            example_checks.schema_values(binding[part], f"/{part}")
    if "query" in binding:
        checks.query_secrets(binding["query"], workspace)
    snippet, resolved = _snippet(binding, workspace)
    return WsBinding(
        method=field_text(binding, "method") or None,
        query=schemas.build(binding["query"]) if "query" in binding else None,
        headers=schemas.build(binding["headers"]) if "headers" in binding else None,
        binding_version=field_text(binding, "bindingVersion") or None,
        declared_key=key,
        snippet=snippet,
        snippet_resolved=resolved or workspace.is_ref(bindings[key]),
        extensions=tuple((k, to_plain(v)) for k, v in binding.items() if k.startswith("x-")),
    )


def _snippet(binding: SpecMap, workspace: Workspace) -> tuple[Any, bool]:
    """The binding for the copyable YAML, refs resolved if that stays small.

    Otherwise it is shown as written; None when even that is too large to show.
    """
    try:
        return bounded_copy(binding, deref=workspace.deref)
    except TooLargeError:
        pass
    try:
        return bounded_copy(binding)
    except TooLargeError:
        return None, False
