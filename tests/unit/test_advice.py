"""Security advice from the spec itself, and a channel without messages: one spec per pattern."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .helpers import CHANNEL_C, V2, V3, load, messages_of

if TYPE_CHECKING:
    from pathlib import Path

WSS_HINT = (
    " Hint: use `wss://` (protocol `wss`) for any server that receives credentials, as the "
    "WebSockets binding's best practices say"
)
LOG_HINT = (
    " Hint: query strings end up in server, proxy and browser-history logs; prefer a short-lived "
    "one-time ticket in the URL, the credential in the first message, or the "
    "`Sec-WebSocket-Protocol` header"
)
MESSAGE = "    messages: {m: {payload: {type: string}}}\n"


def found(tmp_path: Path, text: str) -> list[str]:
    _, diagnostics = load(tmp_path, text)
    return messages_of(diagnostics, ignore=())


def test_a_security_scheme_on_a_plain_ws_server_is_a_warning(tmp_path: Path) -> None:
    spec = (
        V3
        + """\
servers:
  dev:
    host: dev.example.com
    protocol: ws
    security: [{$ref: '#/components/securitySchemes/bearer'}]
channels:
  c:
    address: /c
"""
        + MESSAGE
        + """\
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
"""
    )
    assert found(tmp_path, spec) == [
        "spec.yaml:7:5: warning[AWD501]: /servers/dev/security: server 'dev' is plain `ws://`, "
        "yet credentials go to it unencrypted: security scheme `bearer` (http, header "
        "`Authorization`)" + WSS_HINT
    ]


def test_a_credential_header_of_a_channel_names_the_channel(tmp_path: Path) -> None:
    spec = (
        V2
        + """\
servers:
  sandbox: {url: 'ws://sandbox.example.com/ws', protocol: ws}
  production: {url: 'wss://example.com/ws', protocol: wss}
channels:
  /feed:
    bindings:
      ws:
        headers: {type: object, properties: {Authorization: {type: string}}}
    subscribe: {message: {payload: {type: string}}}
"""
    )
    assert found(tmp_path, spec) == [
        "spec.yaml:4:13: warning[AWD501]: /servers/sandbox/url: server 'sandbox' is plain "
        "`ws://`, yet credentials go to it unencrypted: header `Authorization` (channel "
        "'/feed')" + WSS_HINT
    ]


def test_a_channel_restricted_to_wss_servers_and_localhost_are_fine(tmp_path: Path) -> None:
    spec = (
        V3
        + """\
servers:
  local: {host: 'localhost:8080', protocol: ws}
  plain: {host: plain.example.com, protocol: ws}
  secure: {host: example.com, protocol: wss}
channels:
  c:
    address: /c
    servers: [{$ref: '#/servers/secure'}, {$ref: '#/servers/local'}]
    bindings:
      ws:
        headers: {type: object, properties: {X-Api-Key: {type: string}, Sec-WebSocket-Key: {type: string}}}
"""
        + MESSAGE
    )
    assert found(tmp_path, spec) == []


def test_a_token_in_the_query_string_is_an_info_with_the_alternatives(tmp_path: Path) -> None:
    spec = (
        V3
        + CHANNEL_C
        + """\
    bindings:
      ws:
        query: {type: object, properties: {access_token: {type: string}, depth: {type: integer}}}
"""
        + MESSAGE
    )
    assert found(tmp_path, spec) == [
        "spec.yaml:8:44: info[AWD502]: /channels/c/bindings/ws/query/properties/access_token: "
        "query parameter `access_token` looks like a secret, sent in the URL" + LOG_HINT
    ]


def test_an_api_key_scheme_in_the_query_is_an_info(tmp_path: Path) -> None:
    spec = (
        V2
        + """\
servers:
  prod: {url: 'wss://example.com', protocol: wss, security: [{key: []}]}
channels:
  /c:
    subscribe: {message: {payload: {type: string}}}
components:
  securitySchemes:
    key: {type: httpApiKey, name: apikey, in: query}
"""
    )
    assert found(tmp_path, spec) == [
        "spec.yaml:10:43: info[AWD502]: /components/securitySchemes/key/in: the API key `apikey` "
        "is sent in the query string" + LOG_HINT
    ]


def test_a_channel_without_messages_is_an_info(tmp_path: Path) -> None:
    spec = V3 + "channels:\n  empty:\n    address: /empty\n  full:\n    address: /full\n" + MESSAGE
    assert found(tmp_path, spec) == [
        "spec.yaml:4:3: info[AWD503]: /channels/empty: channel 'empty' documents no messages "
        "Hint: list what the client sends and receives in the channel's messages (3.x "
        "`messages`, 2.x `publish`/`subscribe` `message`)"
    ]


def test_diagnostics_come_out_in_file_order(tmp_path: Path) -> None:
    # The plaintext warning is found last (after the whole model), but its server comes first.
    spec = (
        V3
        + """\
servers:
  dev: {host: dev.example.com, protocol: ws}
channels:
  c:
    address: /c
    bindings:
      ws:
        method: PUT
        headers: {type: object, properties: {Authorization: {type: string}}}
"""
    )
    lines = [int(m.split(":")[1]) for m in found(tmp_path, spec)]
    assert len(lines) == 3
    assert lines == sorted(lines)
