"""AsyncAPI 3.x documents become the version-neutral model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.document.readers import load_spec

from .helpers import load, messages_of, write

if TYPE_CHECKING:
    from pathlib import Path

FEED = """\
    asyncapi: 3.1.0
    info: {title: Feed, version: 2.0.0}
    servers:
      production: {host: api.example.com, protocol: wss, pathname: /v1}
      schemed: {host: 'wss://other.example.com', protocol: wss}
    channels:
      updates:
        address: /updates
        servers: [{$ref: '#/servers/production'}]
        messages:
          update: {$ref: '#/components/messages/update'}
          ping: {payload: {type: string}}
      acks:
        address: null
        messages:
          ack: {payload: {type: object}}
    operations:
      sendUpdate:
        action: send
        channel: {$ref: '#/channels/updates'}
        messages: [{$ref: '#/channels/updates/messages/update'}]
        traits: [{summary: from trait, description: trait text}]
        summary: own summary
      receiveAll:
        action: receive
        channel: {$ref: '#/channels/updates'}
        reply:
          channel: {$ref: '#/channels/acks'}
          address: {location: '$message.header#/replyTo', description: Where acks go.}
    components:
      messages:
        update:
          name: update
          traits: [{contentType: application/x-trait, title: Trait title}]
          title: Own title
          payload:
            schemaFormat: application/vnd.aai.asyncapi+json;version=3.0.0
            schema: {type: object, properties: {price: {type: number}}}
"""


def test_channel_id_is_the_key_and_address_may_be_null(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, FEED)
    assert [(c.id, c.address) for c in spec.channels] == [("updates", "/updates"), ("acks", None)]


def test_server_url_is_protocol_host_and_pathname(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, FEED)
    assert spec.servers[0].url == "wss://api.example.com/v1"


def test_a_scheme_inside_host_is_not_added_twice(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, FEED)
    assert spec.servers[1].url == "wss://other.example.com"


def test_channel_servers_are_named_by_reference(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, FEED)
    updates = spec.channels[0]
    assert updates.server_names == ("production",)
    assert [s.name for s in spec.servers_of(updates)] == ["production"]
    assert [s.name for s in spec.servers_of(spec.channels[1])] == ["production", "schemed"]


def test_operation_messages_are_keys_of_the_channel_messages(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, FEED)
    assert spec.operations[0].message_keys == ("update",)


def test_an_operation_without_messages_means_all_channel_messages(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, FEED)
    assert spec.operations[1].message_keys == ("update", "ping")


def test_in_3x_the_object_wins_over_its_traits(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, FEED)
    send = spec.operations[0]
    assert (send.summary, send.description) == ("own summary", "trait text")
    update = spec.channels[0].messages[0]
    assert (update.title, update.content_type) == ("Own title", "application/x-trait")


def test_reply_names_its_channel_and_address(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, FEED)
    reply = spec.operations[1].reply
    assert reply is not None
    assert reply.channel_id == "acks"
    assert reply.address_location == "$message.header#/replyTo"
    assert reply.message_keys == ("ack",)


def test_multi_format_schema_object_is_unwrapped(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, FEED)
    payload = spec.channels[0].messages[0].payload
    assert payload is not None
    assert [p.name for p in payload.properties] == ["price"]


def test_2x_action_words_in_3x_are_reported(tmp_path: Path) -> None:
    _, diagnostics = load(
        tmp_path,
        """\
        asyncapi: 3.0.0
        info: {title: T, version: '1'}
        channels: {c: {address: /c}}
        operations:
          op:
            action: publish
            channel: {$ref: '#/channels/c'}
        """,
    )
    assert messages_of(diagnostics) == [
        "spec.yaml:6:5: warning[AWD110]: /operations/op/action: operation action 'publish' is neither "
        "`send` nor `receive` Hint: 3.x replaced 2.x `subscribe`/`publish` with `send`/`receive`"
        " (2.x `subscribe` is 3.x `send`)"
    ]


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("asyncapi: 1.2.0", "AsyncAPI version '1.2.0' is not supported"),
        ("asyncapi: 3.0", "`asyncapi: 3.0` must be a version string"),
        ("asyncapi: banana", "AsyncAPI version 'banana' is not supported"),
        ("openapi: 3.0.0", "this file has no `asyncapi` field"),
    ],
)
def test_unsupported_or_missing_versions_are_errors_naming_the_file(
    tmp_path: Path, first_line: str, expected: str
) -> None:
    write(tmp_path, {"spec.yaml": f"{first_line}\ninfo: {{title: T, version: '1'}}\n"})
    spec, diagnostics = load_spec(tmp_path / "spec.yaml", roots=[tmp_path], display_base=tmp_path)
    assert spec is None
    (diagnostic,) = diagnostics
    assert diagnostic.file == "spec.yaml"
    assert expected in diagnostic.message


def test_missing_info_is_a_warning_and_the_file_name_is_the_title(tmp_path: Path) -> None:
    spec, diagnostics = load(tmp_path, "asyncapi: 3.0.0\n")
    assert spec.info.title == "spec"
    assert "no `info` object" in messages_of(diagnostics)[0]
