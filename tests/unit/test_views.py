"""What the pages show: handshake URLs, the example request, snippets, tables, escaping."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from asyncapi_ws_docs import page as page_package
from asyncapi_ws_docs.page.handshake import METHOD_NOT_SET
from asyncapi_ws_docs.page.links import slugify
from asyncapi_ws_docs.page.pages import spec_pages
from asyncapi_ws_docs.page.text import TextRenderer
from asyncapi_ws_docs.page.views import ViewBuilder

from .helpers import load

if TYPE_CHECKING:
    from asyncapi_ws_docs.page.views import ChannelView

V3 = """\
    asyncapi: 3.0.0
    info: {title: Market, version: '1'}
    servers:
      production: {host: api.example.com, protocol: wss, pathname: /v1}
      sandbox:
        host: 'sandbox.example.com:{port}'
        protocol: ws
        variables: {port: {default: '8080', enum: ['8080', '9090']}}
      broker: {host: mq.example.com, protocol: mqtt}
    channels:
      prices:
        address: /prices/{symbol}
        parameters:
          symbol: {enum: [btcusd, ethusd], default: btcusd, description: The pair.}
        bindings:
          ws:
            method: GET
            headers:
              type: object
              required: [Authorization]
              properties:
                Authorization: {type: string, description: 'Bearer token: `a|b`'}
            query:
              type: object
              required: [clientId]
              properties:
                clientId: {type: string, format: uuid, examples: [3f2c]}
                depth: {type: integer, default: 10, minimum: 1}
                heartbeat: {$ref: '#/components/schemas/Flag'}
            bindingVersion: '0.1.0'
    components:
      schemas:
        Flag: {type: boolean, default: false}
"""


def channel_view(tmp_path: Path, text: str = V3) -> ChannelView:
    spec, _ = load(tmp_path, text)
    return ViewBuilder(spec, TextRenderer()).channel(spec.channels[0])


def test_3x_url_is_protocol_host_pathname_address_with_required_query(tmp_path: Path) -> None:
    urls = channel_view(tmp_path).handshake.urls
    assert [(u.server, u.url) for u in urls] == [
        ("production", "wss://api.example.com/v1/prices/{symbol}?clientId={clientId}"),
        ("sandbox", "ws://sandbox.example.com:{port}/prices/{symbol}?clientId={clientId}"),
    ]


def test_only_websocket_servers_get_a_url_and_secure_ones_come_first(tmp_path: Path) -> None:
    urls = channel_view(tmp_path).handshake.urls
    assert [u.protocol for u in urls] == ["wss", "ws"]


def test_2x_url_is_server_url_plus_channel_key(tmp_path: Path) -> None:
    view = channel_view(
        tmp_path,
        """\
        asyncapi: 2.6.0
        info: {title: T, version: '1'}
        servers:
          local: {url: 'ws://localhost:8080/ws', protocol: ws}
        channels:
          /echo: {}
        """,
    )
    assert [u.url for u in view.handshake.urls] == ["ws://localhost:8080/ws/echo"]


def test_placeholders_list_server_variables_and_channel_parameters(tmp_path: Path) -> None:
    placeholders = channel_view(tmp_path).handshake.placeholders
    assert [(p.name, p.default, p.allowed) for p in placeholders] == [
        ("port", "8080", "8080, 9090"),
        ("symbol", "btcusd", "btcusd, ethusd"),
    ]


def test_example_request_fills_values_from_examples_defaults_and_placeholders(
    tmp_path: Path,
) -> None:
    request = channel_view(tmp_path).handshake.request
    assert request.splitlines() == [
        "GET /v1/prices/btcusd?clientId=3f2c&depth=10&heartbeat=false HTTP/1.1",
        "Host: api.example.com",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
        "Authorization: Bearer <TOKEN>",
    ]


def test_method_when_absent_says_what_clients_do(tmp_path: Path) -> None:
    view = channel_view(tmp_path, V3.replace("method: GET", "x-note: none"))
    assert view.handshake.method == METHOD_NOT_SET
    assert not view.handshake.method_declared


def test_post_gets_a_note_about_rfc_6455(tmp_path: Path) -> None:
    view = channel_view(tmp_path, V3.replace("method: GET", "method: POST"))
    assert "RFC 6455" in view.handshake.method_note


def test_binding_snippet_is_yaml_equal_to_the_resolved_binding(tmp_path: Path) -> None:
    view = channel_view(tmp_path)
    snippet = yaml.safe_load(view.handshake.snippet)
    spec_data = yaml.safe_load(V3.replace("    ", "", 1).replace("\n    ", "\n"))
    binding = spec_data["channels"]["prices"]["bindings"]["ws"]
    binding["query"]["properties"]["heartbeat"] = spec_data["components"]["schemas"]["Flag"]
    assert snippet == {"ws": binding}
    assert "resolved" in view.handshake.snippet_caption_html


def test_header_and_query_tables_hold_every_declared_field(tmp_path: Path) -> None:
    handshake = channel_view(tmp_path).handshake
    assert handshake.headers is not None
    assert handshake.query is not None
    (authorization,) = handshake.headers.rows
    assert (authorization.name, authorization.type, authorization.required) == (
        "Authorization",
        "string",
        True,
    )
    client_id, depth, heartbeat = handshake.query.rows
    assert (client_id.type, client_id.examples) == ("string (uuid)", "3f2c")
    assert (depth.default, depth.constraints, depth.required) == ("10", "minimum: 1", False)
    assert (heartbeat.type, heartbeat.default) == ("boolean", "false")


def test_pipes_and_backticks_in_descriptions_cannot_break_a_table(tmp_path: Path) -> None:
    handshake = channel_view(tmp_path).handshake
    assert handshake.headers is not None
    assert handshake.headers.rows[0].description_html == "Bearer token: <code>a&#124;b</code>"


def test_script_in_a_description_is_removed(tmp_path: Path) -> None:
    text = TextRenderer()
    rendered = text.block('Hi <script>window.__pwned=1</script><img src=x onerror="alert(1)">')
    assert "<script" not in rendered
    assert "onerror" not in rendered


def test_jinja_syntax_in_spec_text_is_never_left_for_a_template_engine(tmp_path: Path) -> None:
    rendered = TextRenderer().block("{{ config.site_name }} {% raw %}")
    assert "{{" not in rendered
    assert "{%" not in rendered


def test_slugs_are_readable_and_stable() -> None:
    assert slugify("realTimeUpdates") == "real-time-updates"
    assert slugify("/v1/marketdata/{symbol}") == "v1-marketdata-symbol"
    assert slugify("/") == ""


def test_pages_are_an_overview_and_one_page_per_channel(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, V3)
    pages = spec_pages(spec, output="reference/market")
    assert [p.path for p in pages] == [
        "reference/market/index.md",
        "reference/market/channels/prices.md",
    ]
    overview = pages[0].markdown
    assert "[prices](channels/prices.md)" in overview
    assert "| [prices](channels/prices.md) | 0\\.1\\.0 | yes |" in overview


def test_only_http_and_mailto_urls_from_a_spec_become_links(tmp_path: Path) -> None:
    spec, _ = load(
        tmp_path,
        """\
        asyncapi: 3.0.0
        info:
          title: T
          version: '1'
          contact: {name: Ops, url: 'javascript:alert(1)', email: ops@example.com}
          license: {name: MIT, url: 'https://opensource.org/licenses/MIT'}
        """,
    )
    (overview,) = [p.markdown for p in spec_pages(spec, output="t") if p.path == "t/index.md"]
    assert "javascript:" not in overview.replace("url: javascript:alert(1)", "")
    assert 'href="javascript' not in overview
    assert '<a href="mailto:ops@example.com">' in overview
    assert '<a href="https://opensource.org/licenses/MIT">MIT</a>' in overview


def test_message_examples_are_yaml_that_loads_back_to_the_spec_example(tmp_path: Path) -> None:
    example = {"name": "tick", "summary": "A tick.", "payload": {"price": "1.10", "on": True}}
    spec_text = (
        "asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\ndefaultContentType: application/json\n"
        "channels:\n  c:\n    address: /c\n    messages:\n      m:\n        examples:\n"
        "          - name: tick\n            summary: A tick.\n"
        "            payload: {price: '1.10', 'on': true}\n"
    )
    view = channel_view(tmp_path, spec_text)
    (shown,) = view.messages[0].examples
    assert yaml.safe_load(shown.yaml) == example
    assert json.loads(shown.wire) == example["payload"]


def test_a_null_address_connects_to_the_server_url(tmp_path: Path) -> None:
    view = channel_view(tmp_path, V3.replace("address: /prices/{symbol}", "address: null"))
    assert not view.handshake.address_known
    assert view.handshake.address_missing == "null"
    assert view.handshake.urls[0].url == "wss://api.example.com/v1?clientId={clientId}"


def test_no_template_of_ours_reads_the_deprecated_address_known() -> None:
    """`HandshakeView.address_known` is deprecated (docs/templates.md) and kept for overrides."""
    templates = Path(page_package.__file__).parent / "templates"
    readers = [p.name for p in templates.rglob("*.jinja") if "address_known" in p.read_text()]
    assert readers == []
