"""The live console's data: where to connect, what a browser can send, what to send first."""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.document.conversation import conversation
from asyncapi_ws_docs.document.readers import load_spec
from asyncapi_ws_docs.page.console import ConsoleView, binary_input, console_view
from asyncapi_ws_docs.page.render import PageRenderer
from asyncapi_ws_docs.page.text import TextRenderer
from asyncapi_ws_docs.page.views import ViewBuilder, ViewOptions
from tests.conftest import REPO_ROOT

from .helpers import linker, load

if TYPE_CHECKING:
    from pathlib import Path

    from asyncapi_ws_docs.document.model import Spec

SPEC = """\
    asyncapi: 3.0.0
    info: {title: Market, version: '1'}
    servers:
      production: {host: api.example.com, protocol: wss, pathname: /v1}
      sandbox:
        host: 'sandbox.example.com:{port}'
        protocol: ws
        variables: {port: {enum: ['8080', '9090']}}
      open:
        host: '{tenant}.example.com'
        protocol: wss
        variables: {tenant: {description: Your tenant.}}
      broker: {host: mq.example.com, protocol: mqtt}
    channels:
      prices:
        address: /prices/{symbol}
        parameters:
          symbol: {enum: [btcusd, ethusd], examples: [ethusd]}
        messages:
          control:
            name: control
            payload:
              type: object
              properties:
                action: {type: string, enum: [pause, resume]}
            examples:
              - name: pause
                payload: {action: pause}
          tick:
            name: tick
            title: Price tick
            payload:
              type: object
              required: [type]
              properties:
                type: {const: tick}
                price: {type: number}
          blob:
            name: blob
            contentType: application/octet-stream
            payload: {type: string}
            examples: [{payload: 'CAFEBABE'}]
        bindings:
          ws:
            headers:
              type: object
              required: [Authorization]
              properties:
                Authorization: {type: string}
                Sec-WebSocket-Protocol: {type: string, enum: [prices.v1]}
            query:
              type: object
              required: [depth]
              properties:
                depth: {type: integer, default: 10, examples: [5]}
                access_token: {type: string, examples: [abc123]}
    operations:
      control:
        action: receive
        channel: {$ref: '#/channels/prices'}
        messages: [{$ref: '#/channels/prices/messages/control'}, {$ref: '#/channels/prices/messages/blob'}]
        reply:
          messages: [{$ref: '#/channels/prices/messages/tick'}]
        security: [{$ref: '#/components/securitySchemes/key'}]
      ticks:
        action: send
        channel: {$ref: '#/channels/prices'}
        messages: [{$ref: '#/channels/prices/messages/tick'}]
    components:
      securitySchemes:
        key: {type: httpApiKey, in: query, name: apiKey}
"""


def view_of(spec: Spec, channel_id: str, *, link_messages: bool = True) -> ConsoleView:
    channel = spec.channel(channel_id)
    assert channel is not None
    traffic = conversation(spec).of(channel_id)
    return console_view(spec, channel, linker(spec), traffic, link_messages=link_messages)


@pytest.fixture
def console(tmp_path: Path) -> ConsoleView:
    spec, _ = load(tmp_path, SPEC)
    return view_of(spec, "prices")


def test_servers_are_the_ws_ones_with_placeholders_filled_default_enum_example(
    console: ConsoleView,
) -> None:
    assert [(s.name, s.url, s.secure) for s in console.servers] == [
        ("production", "wss://api.example.com/v1/prices/btcusd", True),
        ("open", "wss://{tenant}.example.com/prices/btcusd", True),
        ("sandbox", "ws://sandbox.example.com:8080/prices/btcusd", False),
    ]


def test_query_fields_prefill_defaults_and_keep_secrets_empty(console: ConsoleView) -> None:
    fields = {f.name: f for f in console.query}
    assert fields["depth"].value == "10"
    assert fields["depth"].required
    assert not fields["depth"].secret
    # A secret-looking name is a credential field: never prefilled with the spec's example.
    assert fields["access_token"].secret
    assert fields["access_token"].value == ""
    assert fields["apiKey"].credential == "key"
    assert fields["apiKey"].secret


def test_the_subprotocol_is_a_field_and_other_headers_cannot_be_sent(console: ConsoleView) -> None:
    assert console.subprotocol is not None
    assert console.subprotocol.value == "prices.v1"
    assert [(h.name, h.required) for h in console.headers] == [("Authorization", True)]
    assert "Sec-WebSocket-Protocol" in console.headers_note
    assert "access_token query parameter" in console.alternative
    assert "subprotocol" in console.alternative


def test_client_messages_with_examples_in_wire_form_and_expected_replies(
    console: ConsoleView,
) -> None:
    control, blob = console.messages
    assert control.message.key == "control"
    assert control.message.anchor == "message-control"
    assert control.frame == "text"
    assert [(e.title, e.text, e.encoding) for e in control.examples] == [
        ("pause", json.dumps({"action": "pause"}, indent=2), "text")
    ]
    assert [r.label for r in control.replies] == ["Price tick"]
    assert blob.frame == "binary"
    assert [(e.text, e.encoding) for e in blob.examples] == [("CAFEBABE", "hex")]


def test_recognizers_come_from_const_and_single_enum_properties(console: ConsoleView) -> None:
    assert [(r.message.key, r.match) for r in console.recognizers] == [
        ("tick", (("type", "tick"),))
    ]
    assert console.recognizers[0].message.anchor == "message-tick"


def test_alone_the_console_links_no_message_sections(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, SPEC)
    console = view_of(spec, "prices", link_messages=False)
    assert {m.message.anchor for m in console.messages} == {""}
    assert console.recognizers[0].message.anchor == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CAFE babe", ("CAFE babe", "hex")),
        ("aGVsbG8=", ("aGVsbG8=", "base64")),
        ("hé!", ("68 c3 a9 21", "hex")),
    ],
)
def test_binary_examples_become_hex_or_base64(text: str, expected: tuple[str, str]) -> None:
    assert binary_input(text) == expected


def test_the_data_attribute_cannot_end_its_element_or_open_a_template_tag(tmp_path: Path) -> None:
    spec, _ = load(
        tmp_path,
        """\
        asyncapi: 3.0.0
        info: {title: T, version: '1'}
        servers: {s: {host: 'h.example.com', protocol: wss}}
        channels:
          c:
            address: /c
            messages:
              m:
                payload: {type: string}
                examples: [{payload: '</script><!-- {{ x }} {% y %} {# z #} &amp;'}]
        """,
    )
    channel = ViewBuilder(spec, TextRenderer()).channel(spec.channels[0])
    page = PageRenderer().render("page_channel.md.jinja", channel=channel, description="")
    attribute = re.search(r"data-asyncapi-console='([^']*)'", page)
    assert attribute is not None
    assert not re.search(r"[<>]|\{\{|\{%|\{#", attribute[1])
    data = json.loads(html.unescape(attribute[1]))
    assert data["messages"][0]["examples"][0]["text"] == (
        "</script><!-- {{ x }} {% y %} {# z #} &amp;"
    )


def test_the_injection_spec_passes_through_as_data() -> None:
    path = REPO_ROOT / "tests" / "data" / "injection" / "asyncapi.yaml"
    spec, _ = load_spec(path, roots=[path.parent], display_base=path.parent)
    assert spec is not None
    for channel in spec.channels:
        data = json.loads(view_of(spec, channel.id).data_json)
        assert isinstance(data["servers"], list)


CORPUS_SHAPES = [
    ("spec-examples__websocket-gemini.yml", "wss://api.gemini.com/v1/marketdata/btcusd"),
    ("generator-ws-fixtures__asyncapi-postman-echo.yml", "wss://ws.postman-echo.com/raw/"),
]


@pytest.mark.parametrize(("name", "url"), CORPUS_SHAPES)
def test_corpus_specs_give_a_console(corpus_dir: Path, name: str, url: str) -> None:
    spec, _ = load_spec(corpus_dir / name, roots=[corpus_dir], display_base=corpus_dir)
    assert spec is not None
    view = view_of(spec, spec.channels[0].id)
    assert view.servers[0].url == url
    assert json.loads(view.data_json)["servers"][0]["url"] == url


def test_the_channel_page_has_the_section_and_the_option_turns_it_off(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, SPEC)
    renderer = PageRenderer()
    channel = spec.channels[0]
    on = ViewBuilder(spec, TextRenderer()).channel(channel)
    off = ViewBuilder(spec, TextRenderer(), options=ViewOptions(console=False)).channel(channel)
    assert off.console is None
    page = renderer.render("page_channel.md.jinja", channel=on, description="")
    assert "## Live console" in page
    assert (
        """<div class="asyncapi-console" id="console" data-asyncapi-console='{"servers":[""" in page
    )
    assert "needs JavaScript" in page
    assert "Live console" not in renderer.render(
        "page_channel.md.jinja", channel=off, description=""
    )
