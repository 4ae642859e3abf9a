"""One test per rule: a small spec, and the exact diagnostic with its line and column."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .helpers import CHANNEL_C, V2, V3, load, messages_of

if TYPE_CHECKING:
    from pathlib import Path


def diagnostics_for(tmp_path: Path, text: str) -> list[str]:
    _, diagnostics = load(tmp_path, text)
    return messages_of(diagnostics)


def ws_channel(binding: str) -> str:
    return V3 + CHANNEL_C + "    bindings:\n      ws:\n" + binding


@pytest.mark.parametrize(
    ("binding", "expected"),
    [
        (
            "        method: PUT\n",
            "spec.yaml:8:9: warning[AWD203]: /channels/c/bindings/ws/method: handshake method 'PUT' is "
            "not allowed Hint: write `method: GET` (or POST); WebSocket handshakes are GET requests",
        ),
        (
            "        method: POST\n",
            "spec.yaml:8:9: info[AWD204]: /channels/c/bindings/ws/method: `method: POST` is allowed by "
            "the binding, but RFC 6455 clients send GET Hint: browsers and common libraries "
            "cannot open a WebSocket with POST",
        ),
        (
            "        foo: 1\n",
            "spec.yaml:8:9: warning[AWD202]: /channels/c/bindings/ws/foo: `foo` is not a field of the "
            "`ws` channel binding Hint: the binding has `method`, `query`, `headers`, "
            "`bindingVersion` and `x-` extensions only",
        ),
        (
            "        bindingVersion: '0.2.0'\n",
            "spec.yaml:8:9: warning[AWD205]: /channels/c/bindings/ws/bindingVersion: `ws` binding version "
            "'0.2.0' is not supported; the page shows it as 0.1.0 Hint: write "
            "`bindingVersion: '0.1.0'`, the only version of the WebSockets binding",
        ),
        (
            "        query: {type: array, items: {type: string}}\n",
            "spec.yaml:8:16: warning[AWD206]: /channels/c/bindings/ws/query: the `ws` binding's `query` "
            "must be an object schema with `properties` Hint: write "
            "`query: {type: object, properties: {name: {type: string}}}`",
        ),
        (
            "        headers:\n          type: object\n          properties:\n            on: {type: string}\n",
            "spec.yaml:11:13: warning[AWD207]: /channels/c/bindings/ws/headers/properties/on: header "
            "name `on` is a boolean to YAML 1.1 tools (PyYAML and others read it as true/false) "
            "Hint: quote it: `'on':`",
        ),
    ],
    ids=["method", "post", "unknown field", "version", "query not object", "yaml 1.1 name"],
)
def test_ws_channel_binding_rules(tmp_path: Path, binding: str, expected: str) -> None:
    assert diagnostics_for(tmp_path, ws_channel(binding)) == [expected]


def test_a_quoted_yaml_11_word_is_fine(tmp_path: Path) -> None:
    binding = "        query:\n          type: object\n          properties:\n            'yes': {type: string}\n"
    assert diagnostics_for(tmp_path, ws_channel(binding)) == []


def test_allof_properties_count_as_properties(tmp_path: Path) -> None:
    binding = "        headers: {allOf: [{type: object, properties: {A: {type: string}}}]}\n"
    assert diagnostics_for(tmp_path, ws_channel(binding)) == []


@pytest.mark.parametrize("kind", ["server", "operation", "message"])
def test_server_operation_and_message_ws_bindings_must_be_empty(tmp_path: Path, kind: str) -> None:
    text = {
        "server": V3
        + "servers:\n  s:\n    host: h\n    protocol: ws\n    bindings:\n      ws: {method: GET}\n",
        "operation": V3
        + "channels: {c: {address: /c}}\noperations:\n  o:\n    action: send\n    channel: {$ref: '#/channels/c'}\n    bindings:\n      ws: {type: request}\n",
        "message": V3
        + "channels:\n  c:\n    address: /c\n    messages:\n      m:\n        bindings:\n          ws: {bindingVersion: 0.1.0}\n",
    }[kind]
    (message,) = diagnostics_for(tmp_path, text)
    assert f"the `ws` {kind} binding must be empty, but has" in message


def test_x_extensions_in_reserved_bindings_are_fine(tmp_path: Path) -> None:
    text = (
        V3
        + "servers:\n  s:\n    host: h\n    protocol: ws\n    bindings:\n      ws: {x-note: ok}\n"
    )
    assert diagnostics_for(tmp_path, text) == []


def test_address_with_a_query_string(tmp_path: Path) -> None:
    text = V3 + "channels:\n  c:\n    address: /c?token={token}\n    parameters: {token: {}}\n"
    assert diagnostics_for(tmp_path, text) == [
        "spec.yaml:5:5: warning[AWD301]: /channels/c/address: channel address '/c?token={token}' holds "
        "a query string Hint: AsyncAPI forbids query parameters in addresses; declare them in "
        "the `ws` binding's `query` schema"
    ]


def test_2x_channel_key_that_is_a_full_url(tmp_path: Path) -> None:
    text = V2 + "channels:\n  wss://api.example.com/feed: {}\n"
    assert diagnostics_for(tmp_path, text) == [
        "spec.yaml:4:3: warning[AWD302]: /channels/wss:~1~1api.example.com~1feed: channel address "
        "'wss://api.example.com/feed' is a full URL Hint: put the scheme and host in a server, "
        "and keep the path here"
    ]


def test_3x_host_with_a_scheme(tmp_path: Path) -> None:
    text = V3 + "servers:\n  s:\n    host: wss://api.example.com\n    protocol: wss\n"
    assert diagnostics_for(tmp_path, text) == [
        "spec.yaml:5:5: warning[AWD303]: /servers/s/host: server host 'wss://api.example.com' includes "
        "a scheme Hint: write `host: api.example.com` and `protocol: wss`"
    ]


def test_address_parameters_undeclared_and_unused(tmp_path: Path) -> None:
    text = V3 + "channels:\n  c:\n    address: /rooms/{roomId}\n    parameters:\n      other: {}\n"
    assert diagnostics_for(tmp_path, text) == [
        "spec.yaml:5:5: warning[AWD304]: /channels/c/address: address parameter `roomId` is not declared "
        "in `parameters` Hint: add `parameters: {roomId: {description: ...}}`",
        "spec.yaml:7:7: warning[AWD305]: /channels/c/parameters/other: parameter `other` is declared but "
        "the address '/rooms/{roomId}' does not use it Hint: use `{other}` in the address, or "
        "remove the parameter",
    ]


def test_operation_messages_must_belong_to_the_operation_channel(tmp_path: Path) -> None:
    text = (
        V3
        + "channels:\n  a:\n    address: /a\n    messages: {m: {payload: {type: string}}}\n"
        + "  b:\n    address: /b\n    messages: {n: {payload: {type: string}}}\n"
        + "operations:\n  o:\n    action: send\n    channel: {$ref: '#/channels/a'}\n"
        + "    messages: [{$ref: '#/channels/b/messages/n'}]\n"
    )
    assert diagnostics_for(tmp_path, text) == [
        "spec.yaml:14:17: warning[AWD111]: /operations/o/messages/0/$ref: message 'n' is not one of the "
        "messages of channel 'a' Hint: reference the message through the channel, as "
        "`#/channels/<channel>/messages/<message>`, and list it in the channel's `messages`"
    ]


def test_3x_address_without_a_leading_slash_shows_the_url_it_makes(tmp_path: Path) -> None:
    text = (
        V3
        + "servers:\n  s:\n    host: example.com\n    pathname: /ws/v1\n    protocol: wss\n"
        + "channels:\n  book:\n    address: book\n"
    )
    assert diagnostics_for(tmp_path, text) == [
        "spec.yaml:10:5: warning[AWD307]: /channels/book/address: channel address 'book' does not "
        "start with `/`: the handshake URL joins it to the server's as written, "
        "`wss://example.com/ws/v1book` Hint: write `/book` if it is a path under the server's; an "
        "address that is not a path (a topic or feed name) belongs in the messages, not in the URL"
    ]


def test_2x_channel_name_without_a_leading_slash(tmp_path: Path) -> None:
    text = (
        V2
        + "servers:\n  s: {url: 'ws://localhost:8000', protocol: ws}\nchannels:\n  post/liked: {}\n"
    )
    assert diagnostics_for(tmp_path, text) == [
        "spec.yaml:6:3: warning[AWD307]: /channels/post~1liked: channel address 'post/liked' does not "
        "start with `/`: the handshake URL joins it to the server's as written, "
        "`ws://localhost:8000post/liked` Hint: write `/post/liked` if it is a path under the "
        "server's; an address that is not a path (a topic or feed name) belongs in the messages, "
        "not in the URL"
    ]


@pytest.mark.parametrize("address", ["/book", "", "wss://example.com/book"])
def test_rooted_empty_and_full_url_addresses_are_not_reported_as_relative(
    tmp_path: Path, address: str
) -> None:
    text = V3 + f"channels:\n  c:\n    address: '{address}'\n"
    assert not [d for d in diagnostics_for(tmp_path, text) if "AWD307" in d]
