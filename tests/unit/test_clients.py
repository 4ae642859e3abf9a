"""Connection snippets, handshake credentials from `security`, and frame kinds."""

from __future__ import annotations

import ast
import json
from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.document.conversation import conversation
from asyncapi_ws_docs.page.clients import CLIENTS, client_snippets, frame_of
from asyncapi_ws_docs.page.handshake import connection, credentials
from asyncapi_ws_docs.page.text import TextRenderer
from asyncapi_ws_docs.page.views import ViewBuilder

from .helpers import load

if TYPE_CHECKING:
    from pathlib import Path

    from asyncapi_ws_docs.document.conversation import ChannelConversation
    from asyncapi_ws_docs.document.model import Spec

V3 = """\
    asyncapi: 3.0.0
    info: {title: T, version: '1'}
    servers:
      plain: {host: plain.example.com, protocol: ws}
      secure:
        host: api.example.com
        protocol: wss
        security: [{$ref: '#/components/securitySchemes/key'}]
    channels:
      feed:
        address: /feed
        bindings:
          ws:
            headers:
              type: object
              required: [Authorization]
              properties:
                Authorization: {type: string, examples: ['Bearer eyJhbGciOiJIUzI1NiJ9.real']}
        messages:
          sub: {payload: {type: object}, examples: [{payload: {op: subscribe}}]}
    operations:
      subscribe:
        action: receive
        channel: {$ref: '#/channels/feed'}
    components:
      securitySchemes:
        key: {type: httpApiKey, in: query, name: api_key, description: Your API key.}
"""


def traffic(spec: Spec) -> ChannelConversation:
    """The first channel's conversation: who sends what there."""
    return conversation(spec).of(spec.channels[0].id)


def test_snippets_connect_to_the_secure_server_with_credentials_as_placeholders(
    tmp_path: Path,
) -> None:
    spec, _ = load(tmp_path, V3)
    handshake = connection(spec, spec.channels[0])
    assert handshake.url == "wss://api.example.com/feed?api_key=<TOKEN>"
    assert handshake.headers == (("Authorization", "Bearer <TOKEN>"),)
    code = "\n".join(s.code for s in client_snippets(spec, spec.channels[0], traffic(spec)))
    assert "eyJhbGci" not in code  # a real-looking token from the spec is never copied


def test_every_client_gets_a_snippet_sending_the_first_received_message(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, V3)
    snippets = {s.key: s for s in client_snippets(spec, spec.channels[0], traffic(spec))}
    assert list(snippets) == list(CLIENTS)
    assert 'socket.send(JSON.stringify({"op": "subscribe"}))' in snippets["nodejs"].code
    assert 'additional_headers={"Authorization": "Bearer <TOKEN>"},' in snippets["python"].code
    assert 'header.Set("Authorization", "Bearer <TOKEN>")' in snippets["go"].code
    assert '.header("Authorization", "Bearer <TOKEN>")' in snippets["java"].code
    assert 'SetRequestHeader("Authorization", "Bearer <TOKEN>")' in snippets["csharp"].code
    assert "-H 'Authorization: Bearer <TOKEN>'" in snippets["websocat"].code


def test_the_browser_tab_explains_instead_of_code_when_headers_are_required(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, V3)
    browser = next(
        s for s in client_snippets(spec, spec.channels[0], traffic(spec)) if s.key == "javascript"
    )
    assert browser.code == ""
    assert "Browsers cannot send custom handshake headers" in browser.note
    assert "<code>Authorization</code>" in browser.note


def test_the_browser_tab_has_code_when_no_header_is_required(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, V3.replace("required: [Authorization]", "required: []"))
    browser = next(
        s for s in client_snippets(spec, spec.channels[0], traffic(spec)) if s.key == "javascript"
    )
    assert browser.code.startswith('const socket = new WebSocket("wss://api.example.com/feed')


def test_the_chosen_clients_appear_in_the_chosen_order(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, V3)
    snippets = client_snippets(
        spec, spec.channels[0], traffic(spec), clients=["go", "websocat", "cobol"]
    )
    assert [s.key for s in snippets] == ["go", "websocat"]


def test_security_schemes_join_the_handshake_tables_marked_as_such(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, V3)
    (credential,) = credentials(spec, spec.channels[0])
    assert (credential.location, credential.name, credential.value) == (
        "query",
        "api_key",
        "<TOKEN>",
    )
    view = ViewBuilder(spec, TextRenderer()).channel(spec.channels[0])
    assert view.handshake.query is not None
    (row,) = view.handshake.query.rows
    assert (row.name, row.note, row.description_html) == (
        "api_key",
        "security scheme key (httpApiKey)",
        "Your API key.",
    )


def test_2x_security_requirements_name_component_schemes(tmp_path: Path) -> None:
    spec, _ = load(
        tmp_path,
        """\
        asyncapi: 2.6.0
        info: {title: T, version: '1'}
        servers:
          s: {url: 'wss://x.example.com', protocol: wss, security: [{bearer: []}]}
        channels: {/feed: {}}
        components:
          securitySchemes:
            bearer: {type: http, scheme: bearer, bearerFormat: JWT}
        """,
    )
    (credential,) = credentials(spec, spec.channels[0])
    assert (credential.location, credential.name, credential.value) == (
        "header",
        "Authorization",
        "Bearer <TOKEN>",
    )


@pytest.mark.parametrize(
    ("content_type", "frame"),
    [
        ("application/json", "text"),
        ("text/plain", "text"),
        ("application/vnd.api+json", "text"),
        ("application/octet-stream", "binary"),
        ("application/msgpack", "binary"),
        ("application/x-protobuf", "binary"),
        ("avro/binary", "binary"),
        ("", "text"),
        ("application/x-custom", ""),
    ],
)
def test_content_type_says_which_frame_a_message_travels_in(content_type: str, frame: str) -> None:
    assert frame_of(content_type) == frame


def test_the_first_message_is_json_text(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, V3)
    python = next(
        s for s in client_snippets(spec, spec.channels[0], traffic(spec)) if s.key == "python"
    )
    sent = python.code.split("websocket.send(", 1)[1].split(")\n", 1)[0]
    assert json.loads(ast.literal_eval(sent)) == {"op": "subscribe"}
