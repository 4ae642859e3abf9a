"""AsyncAPI 2.x documents become the version-neutral model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.model import MISSING

from .helpers import load, messages_of

if TYPE_CHECKING:
    from pathlib import Path

CHAT = """\
    asyncapi: 2.6.0
    info: {title: Chat, version: 1.0}
    defaultContentType: application/json
    servers:
      production:
        url: wss://chat.example.com/ws/{version}
        protocol: wss
        variables:
          version: {default: v1, enum: [v1, v2]}
      local: {url: localhost:8080, protocol: ws}
    channels:
      /rooms/{roomId}:
        parameters:
          roomId:
            description: The room.
            schema: {type: string, default: lobby}
        bindings:
          ws:
            method: GET
            headers:
              type: object
              properties:
                on: {type: string}
                yes: {type: string}
            bindingVersion: 0.1.0
        subscribe:
          operationId: sendChat
          message: {$ref: '#/components/messages/chat'}
        publish:
          operationId: receiveChat
          message:
            oneOf:
              - $ref: '#/components/messages/chat'
              - $ref: '#/components/messages/typing'
    components:
      messages:
        chat:
          messageId: chatMessage
          contentType: text/plain
          traits: [{$ref: '#/components/messageTraits/common'}]
          payload: {type: string}
        typing:
          name: typing
          payload: {type: object, properties: {user: {type: string}}}
      messageTraits:
        common:
          contentType: application/x-chat
          summary: from the trait
"""


def test_subscribe_means_the_application_sends_and_publish_that_it_receives(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CHAT)
    actions = {op.keyword: op.action for op in spec.operations}
    assert actions == {"subscribe": "send", "publish": "receive"}


def test_channel_id_and_address_are_the_channel_key(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CHAT)
    (channel,) = spec.channels
    assert channel.id == channel.address == "/rooms/{roomId}"


def test_one_of_messages_all_belong_to_the_channel_once(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CHAT)
    (channel,) = spec.channels
    assert [m.key for m in channel.messages] == ["chatMessage", "typing"]
    receive = next(op for op in spec.operations if op.action == "receive")
    assert receive.message_keys == ("chatMessage", "typing")


def test_in_2x_a_message_trait_wins_over_the_message(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CHAT)
    chat = spec.channels[0].messages[0]
    assert chat.content_type == "application/x-chat"
    assert chat.summary == "from the trait"


def test_content_type_falls_back_to_default_content_type(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CHAT)
    typing = spec.channels[0].messages[1]
    assert typing.content_type == "application/json"


def test_info_version_keeps_the_text_the_author_wrote(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CHAT)
    assert spec.info.version == "1.0"


def test_server_url_keeps_variables_and_gets_a_scheme_when_it_has_none(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CHAT)
    production, local = spec.servers
    assert production.url == "wss://chat.example.com/ws/{version}"
    assert production.variables[0].default == "v1"
    assert production.variables[0].enum == ("v1", "v2")
    assert local.url == "ws://localhost:8080"
    assert local.host == "localhost:8080"


def test_channel_parameter_schema_is_read(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CHAT)
    (parameter,) = spec.channels[0].parameters
    assert parameter.name == "roomId"
    assert parameter.schema is not None
    assert parameter.schema.default == "lobby"


def test_yaml_1_1_boolean_words_stay_header_names(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CHAT)
    ws = spec.channels[0].ws
    assert ws is not None
    assert ws.headers is not None
    assert [p.name for p in ws.headers.properties] == ["on", "yes"]


def test_binding_version_is_text(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CHAT)
    assert spec.channels[0].ws is not None
    assert spec.channels[0].ws.binding_version == "0.1.0"


def test_websockets_key_is_read_as_ws_with_a_warning(tmp_path: Path) -> None:
    spec, diagnostics = load(
        tmp_path,
        """\
        asyncapi: 2.6.0
        info: {title: T, version: '1'}
        channels:
          /feed:
            bindings:
              websockets:
                method: GET
        """,
    )
    ws = spec.channels[0].ws
    assert ws is not None
    assert ws.method == "GET"
    assert ws.declared_key == "websockets"
    assert messages_of(diagnostics) == [
        "spec.yaml:6:7: warning[AWD201]: /channels/~1feed/bindings/websockets: WebSocket binding under "
        "`websockets`: the AsyncAPI key is `ws`; read as `ws` Hint: rename `websockets:` to `ws:`"
    ]


def test_2_0_examples_without_payload_key_are_payloads(tmp_path: Path) -> None:
    spec, _ = load(
        tmp_path,
        """\
        asyncapi: 2.0.0
        info: {title: T, version: '1'}
        channels:
          /:
            subscribe:
              message:
                payload: {type: object}
                examples:
                  - {type: heartbeat}
        """,
    )
    (example,) = spec.channels[0].messages[0].examples
    assert example.payload == {"type": "heartbeat"}
    assert example.headers is MISSING


def test_operation_traits_apply_in_2x(tmp_path: Path) -> None:
    spec, _ = load(
        tmp_path,
        """\
        asyncapi: 2.6.0
        info: {title: T, version: '1'}
        channels:
          /:
            publish:
              summary: own
              traits: [{summary: trait, description: from trait}]
        """,
    )
    (operation,) = spec.operations
    assert (operation.summary, operation.description) == ("trait", "from trait")
