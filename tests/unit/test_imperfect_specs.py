"""Imperfect specs lose nothing: each pattern from `tests/data/imperfect/` and what its page says.

Hand-written specs name messages their channel does not list, leave a channel's address out when
the server URL is the whole endpoint, and write query strings into server URLs. The pages show
all of it, say it one way everywhere (table, example request, snippets), and keep the warning.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.document.readers import load_spec
from asyncapi_ws_docs.page.pages import spec_pages
from asyncapi_ws_docs.page.text import TextRenderer
from asyncapi_ws_docs.page.views import ViewBuilder, ViewOptions
from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.model import Spec
    from asyncapi_ws_docs.page.views import ChannelView

DATA = REPO_ROOT / "tests" / "data" / "imperfect"


def load(name: str) -> tuple[Spec, list[str]]:
    spec, diagnostics = load_spec(DATA / name, roots=[DATA], display_base=DATA)
    assert spec is not None
    return spec, [d.format() for d in diagnostics]


def channel_view(name: str, channel_id: str) -> ChannelView:
    spec, _ = load(name)
    channel = spec.channel(channel_id)
    assert channel is not None
    return ViewBuilder(spec, TextRenderer()).channel(channel)


def page(name: str, channel_slug: str) -> str:
    spec, _ = load(name)
    pages = spec_pages(spec, output="x", options=ViewOptions(clients=("websocat", "python")))
    return next(p.markdown for p in pages if p.path == f"x/channels/{channel_slug}.md")


# -- messages an operation or a reply names, that the channel does not list ---------------------


def test_unlisted_messages_are_shown_on_the_channel_after_its_own() -> None:
    view = channel_view("unlisted-replies.yaml", "orders")
    assert [(m.key, m.listed) for m in view.messages] == [
        ("placeOrder", True),
        ("orderAccepted", False),
        ("orderRejected", False),
        ("cancelOrder", False),
    ]


def test_an_unlisted_message_says_which_operations_name_it() -> None:
    rejected = channel_view("unlisted-replies.yaml", "orders").messages[2]
    assert [link.label for link in rejected.named_by] == ["placeOrder", "cancelOrder"]
    assert "*Not listed in the channel's `messages`*: named by [placeOrder]" in page(
        "unlisted-replies.yaml", "orders"
    )


def test_unlisted_messages_are_still_warned_about_once_per_reference() -> None:
    _, diagnostics = load("unlisted-replies.yaml")
    assert [re.sub(r" Hint: .*", "", d) for d in diagnostics] == [
        f"unlisted-replies.yaml:{line}: warning[AWD111]: {pointer}: message '{key}' is not one of the "
        "messages of channel 'orders'"
        for line, pointer, key in [
            ("25:11", "/operations/placeOrder/reply/messages/0/$ref", "orderAccepted"),
            ("26:11", "/operations/placeOrder/reply/messages/1/$ref", "orderRejected"),
            ("32:9", "/operations/cancelOrder/messages/0/$ref", "cancelOrder"),
            ("35:11", "/operations/cancelOrder/reply/messages/0/$ref", "orderRejected"),
        ]
    ]


def test_every_in_page_link_of_a_channel_page_has_its_anchor() -> None:
    markdown = page("unlisted-replies.yaml", "orders")
    anchors = set(re.findall(r'id="([^"]+)"', markdown))
    targets = set(re.findall(r"\]\(#([^)]+)\)", markdown))
    assert targets
    assert targets <= anchors


def test_an_unlisted_message_whose_key_is_taken_gets_a_key_of_its_own(tmp_path) -> None:
    text = (DATA / "unlisted-replies.yaml").read_text(encoding="utf-8")
    # The channel lists a different message under the key `orderAccepted`.
    text = text.replace(
        "      placeOrder:\n        $ref: '#/components/messages/placeOrder'\n",
        "      placeOrder:\n        $ref: '#/components/messages/placeOrder'\n"
        "      orderAccepted:\n        payload: {type: string}\n",
        1,
    )
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    spec, _ = load_spec(tmp_path / "spec.yaml", roots=[tmp_path], display_base=tmp_path)
    assert spec is not None
    keys = [m.key for m in spec.channels[0].messages]
    assert keys[:3] == ["placeOrder", "orderAccepted", "orderAccepted-2"]
    assert spec.operations[0].reply is not None
    assert spec.operations[0].reply.message_keys == ("orderAccepted-2", "orderRejected")


# -- a channel with no address: the server URL is the endpoint ---------------------------------


@pytest.mark.parametrize(("channel_id", "written"), [("market", "absent"), ("private", "null")])
def test_a_channel_without_address_connects_to_the_server_url(
    channel_id: str, written: str
) -> None:
    view = channel_view("no-address.yaml", channel_id)
    assert view.address_missing == written
    assert [u.url for u in view.handshake.urls] == ["wss://stream.example.com/ws"]
    assert view.handshake.request.startswith("GET /ws HTTP/1.1\nHost: stream.example.com\n")
    assert view.handshake.clients is not None
    assert all(
        "wss://stream.example.com/ws" in s.code for s in view.handshake.clients.snippets if s.code
    )


@pytest.mark.parametrize(
    ("slug", "said"), [("market", "(`address` is absent)"), ("private", "(`address: null`)")]
)
def test_the_page_says_how_the_spec_leaves_the_address_out(slug: str, said: str) -> None:
    markdown = page("no-address.yaml", slug)
    assert "Clients connect to the server URL itself: the document gives this channel no " in (
        markdown
    )
    assert said in markdown
    assert "no connection URL can be shown" not in markdown


# -- a query string in a server's pathname or url ---------------------------------------------


def test_server_url_query_parameters_join_the_query_table_with_the_variable_facts() -> None:
    query = channel_view("server-query.yaml", "prices").handshake.query
    assert query is not None
    rows = {row.name: row for row in query.rows}
    assert list(rows) == ["apikey", "format", "symbol"]
    assert rows["apikey"].description_html == "Your API key, from the dashboard."
    assert (rows["apikey"].default, rows["apikey"].allowed) == ("demo", "demo, live")
    assert rows["format"].allowed == "json"
    assert rows["apikey"].note == "in the URL of server production"


def test_server_url_query_stays_after_the_address_with_one_question_mark() -> None:
    handshake = channel_view("server-query.yaml", "prices").handshake
    url = handshake.urls[0].url
    assert url == "wss://ws.example.com/ws/v3/prices?apikey={apikey}&format=json&symbol={symbol}"
    target = handshake.request.split("\n", 1)[0]
    assert target == "GET /ws/v3/prices?apikey=<TOKEN>&format=json&symbol=<string> HTTP/1.1"
    assert handshake.clients is not None
    for snippet in handshake.clients.snippets:
        assert "wss://ws.example.com/ws/v3/prices?apikey=<TOKEN>&format=json&symbol=<string>" in (
            snippet.code
        ), snippet.key


def test_a_query_string_in_a_server_url_is_warned_about_with_a_hint() -> None:
    _, diagnostics = load("server-query.yaml")
    assert len(diagnostics) == 1
    assert diagnostics[0].startswith(
        "server-query.yaml:8:5: warning[AWD306]: /servers/production/pathname: the server's `pathname` "
        "holds a query string; its parameters (`apikey`, `format`) are shown as query "
        "parameters of the handshake Hint: end the server URL at the path and declare them in "
        "the channel's `ws` binding"
    )


def test_a_2x_server_url_with_a_query_string_reads_the_same(tmp_path) -> None:
    (tmp_path / "spec.yaml").write_text(
        "asyncapi: 2.6.0\ninfo: {title: t, version: '1'}\nservers:\n"
        "  prod: {url: 'wss://ws.example.com/v1?token={token}', protocol: wss,"
        " variables: {token: {description: A token.}}}\n"
        "channels:\n  /feed: {subscribe: {message: {payload: {type: string}}}}\n",
        encoding="utf-8",
    )
    spec, diagnostics = load_spec(tmp_path / "spec.yaml", roots=[tmp_path], display_base=tmp_path)
    assert spec is not None
    assert (
        "/servers/prod/url: the server's `url` holds a query string"
        in diagnostics.items[0].format()
    )
    view = ViewBuilder(spec, TextRenderer()).channel(spec.channels[0])
    assert view.handshake.urls[0].url == "wss://ws.example.com/v1/feed?token={token}"
    assert ViewBuilder(spec, TextRenderer()).overview().servers[0].url == (
        "wss://ws.example.com/v1?token={token}"
    )


# -- the channel's id ---------------------------------------------------------------------------


def test_a_titled_channel_shows_its_id() -> None:
    markdown = page("unlisted-replies.yaml", "orders")
    assert '# <a id="channel"></a>Order stream' in markdown
    assert "Channel <code>orders</code> of [Unlisted replies](../index.md)" in markdown


def test_an_untitled_channel_does_not_repeat_its_id() -> None:
    assert "Channel of [Whole\\-endpoint servers]" in page("no-address.yaml", "market")


def test_the_overview_lists_an_address_less_channel_with_no_address() -> None:
    spec, _ = load("no-address.yaml")
    overview = next(p.markdown for p in spec_pages(spec, output="x") if p.path == "x/index.md")
    assert "| [market](channels/market.md) | *none* |" in overview
