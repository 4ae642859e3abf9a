"""The conversation model: which end a document describes, and who sends what on each channel.

It is the one place that decides direction; the diagram, the console and the operations section
read it, so they agree on every corpus document and on documents written from a client's side.
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.document.conversation import (
    Conversation,
    Side,
    conversation,
    perspective,
    side_of,
)
from asyncapi_ws_docs.page.clients import client_snippets
from asyncapi_ws_docs.page.console import ConsoleView, console_view
from asyncapi_ws_docs.page.diagram import channel_flow
from asyncapi_ws_docs.page.render import PageRenderer
from asyncapi_ws_docs.page.text import TextRenderer
from asyncapi_ws_docs.page.views import ViewBuilder, ViewOptions
from tests.conftest import CORPUS_DIR, REPO_ROOT

from .helpers import corpus_spec, linker, load

if TYPE_CHECKING:
    from pathlib import Path

    from asyncapi_ws_docs.document.model import Spec

CLIENT_SIDE = (REPO_ROOT / "tests" / "data" / "conversation" / "client-side.yaml").read_text(
    encoding="utf-8"
)
"""A 3.0 document written from the client's side: its request/reply operation is a `send`, its
title names neither end."""


def corpus_names() -> list[str]:
    return sorted(p.name for p in CORPUS_DIR.glob("*.y*ml")) + sorted(
        p.name for p in CORPUS_DIR.glob("*.json")
    )


def console_of(spec: Spec, channel_id: str, talk: Conversation) -> ConsoleView:
    channel = spec.channel(channel_id)
    assert channel is not None
    return console_view(spec, channel, linker(spec), talk.of(channel_id))


def drawn_from_the_client(spec: Spec, channel_id: str, talk: Conversation) -> tuple[set[str], bool]:
    """Keys of this channel's messages the diagram draws from the client; whether it was cut."""
    channel = spec.channel(channel_id)
    assert channel is not None
    flow = channel_flow(spec, channel, linker(spec), talk, linked=False)
    rows = (*flow.exchanges, *flow.streams)
    keys = {a.key for a in rows if a.sender == "client" and a.key and not a.note}
    return keys, flow.hidden > 0


# -- which end the document describes -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "application"),
    [
        ("generator-ws-fixtures__asyncapi-postman-echo.yml", "client"),  # title: "... Client"
        ("glee-examples__crypto-websockets-server__asyncapi.yaml", "server"),  # "... server"
        ("spec-examples__kraken-websocket-request-reply-multiple-channels-asyncapi.yml", "server"),
        ("exchange-collection__krakenfutures_ws_asyncapi.yaml", "client"),  # sends subscribeTo...
        ("spec-examples__slack-rtm.yml", "server"),  # 2.x with nothing else to tell
        ("spec-examples__websocket-gemini-asyncapi.yml", "server"),  # sendMarketData
    ],
)
def test_the_documented_end_is_read_from_title_replies_and_operation_names(
    name: str, application: str
) -> None:
    assert perspective(corpus_spec(name)).application == application


def test_a_title_naming_the_client_wins_over_the_replies(tmp_path: Path) -> None:
    spec, _ = load(
        tmp_path,
        """\
        asyncapi: 3.0.0
        info: {title: Socket Mode Client, version: '1'}
        channels:
          root: {address: /, messages: {event: {payload: {type: object}}}}
        operations:
          onEvent:
            action: receive
            channel: {$ref: '#/channels/root'}
            reply: {channel: {$ref: '#/channels/root'}}
        """,
    )

    view = perspective(spec)

    assert (view.application, view.reason) == ("client", "its title says “client”")
    assert view.sender("receive") == "server"


# -- who sends what --------------------------------------------------------------------------


def test_a_client_side_document_gives_the_client_its_requests_and_the_server_the_rest(
    tmp_path: Path,
) -> None:
    spec, _ = load(tmp_path, CLIENT_SIDE)

    talk = conversation(spec)
    prices = talk.of("prices")

    assert (talk.application, talk.perspective.reason) == (
        "client",
        "it sends requests and receives their replies",
    )
    assert prices.sends("client") == ("subscribe",)
    assert prices.sends("server") == ("subscribed", "tick", "heartbeat")
    assert prices.senders_of("tick") == ("server",)
    assert prices.answers_to("subscribe", "client") == (("prices", "subscribed"),)
    assert prices.undirected == ()


def test_the_console_offers_what_the_diagram_draws_from_the_client(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CLIENT_SIDE)
    talk = conversation(spec)

    console = console_of(spec, "prices", talk)

    assert [m.message.label for m in console.messages] == ["Subscribe request"]
    assert [r.label for r in console.messages[0].replies] == ["Subscribed"]
    assert console.messages_note == ""
    assert [r.message.key for r in console.recognizers][:3] == ["subscribed", "tick", "heartbeat"]
    assert drawn_from_the_client(spec, "prices", talk) == ({"subscribe"}, False)


def test_the_connection_snippets_send_what_the_client_sends(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CLIENT_SIDE)
    channel = spec.channel("prices")
    assert channel is not None

    (python,) = client_snippets(spec, channel, conversation(spec).of("prices"), clients=["python"])

    assert '{"op": "subscribe"}' in python.code


def test_a_request_carries_the_correlation_id_location_of_its_messages(tmp_path: Path) -> None:
    spec, _ = load(
        tmp_path,
        """\
        asyncapi: 3.0.0
        info: {title: Orders, version: '1'}
        channels:
          desk:
            address: /desk
            messages:
              place: {correlationId: {location: '$message.payload#/reqid'}, payload: {type: object}}
              placed: {payload: {type: object}}
        operations:
          placeOrder:
            action: receive
            channel: {$ref: '#/channels/desk'}
            messages: [{$ref: '#/channels/desk/messages/place'}]
            reply:
              channel: {$ref: '#/channels/desk'}
              messages: [{$ref: '#/channels/desk/messages/placed'}]
        """,
    )

    (request,) = conversation(spec).of("desk").requests("client")

    assert request.answer is not None
    assert (request.sender, request.receiver) == ("client", "server")
    assert request.answer.correlation_id == "$message.payload#/reqid"
    assert request.answer.channel_id == "desk"


def test_a_reply_on_another_channel_is_sent_there_by_the_answering_end() -> None:
    spec = corpus_spec(
        "spec-examples__kraken-websocket-request-reply-multiple-channels-asyncapi.yml"
    )
    talk = conversation(spec)

    (request,) = talk.of("subscribe").requests("client")

    assert request.answer is not None
    assert request.answer.channel_id == "currencyInfo"
    assert request.answer.correlation_id == "$message.payload#/reqid"
    currency_info = talk.of("currencyInfo")
    assert [e.operation.id for e in currency_info.answered_here] == ["subscribe", "unsubscribe"]
    assert currency_info.sends("server") == ("subscriptionStatus", "dummyCurrencyInfo")
    assert talk.of("subscribe").sends("server") == ()


# -- the override ----------------------------------------------------------------------------


def test_the_application_option_puts_a_wrongly_guessed_end_right(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CLIENT_SIDE)

    talk = conversation(spec, "server")

    assert (talk.application, talk.perspective.reason) == (
        "server",
        "the `application: server` option says so",
    )
    assert talk.of("prices").sends("client") == ("subscribed", "tick", "heartbeat")
    console = console_of(spec, "prices", talk)
    assert [m.message.label for m in console.messages] == ["Subscribed", "Price tick", "Heartbeat"]


@pytest.mark.parametrize(
    ("value", "side"), [("client", "client"), ("Server", "server"), (None, None), ("", None)]
)
def test_the_application_option_names_an_end(value: object, side: Side | None) -> None:
    assert side_of(value) == side


def test_an_application_option_naming_no_end_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="`application: browser` is not one of server, client"):
        side_of("browser")


def test_the_override_reaches_the_page_diagram_operations_and_flow_column(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, CLIENT_SIDE)
    views = ViewBuilder(spec, TextRenderer(), options=ViewOptions(application="server"))
    channel = spec.channel("prices")
    assert channel is not None

    page = PageRenderer().render(
        "page_channel.md.jinja", channel=views.channel(channel), description=""
    )

    assert "This document describes the server (the `application: server` option says so)" in (
        html.unescape(page)
    )
    assert "**sends** from the server" not in page
    assert "**sends** to the client" in page
    assert views.overview().channels[0].flow.startswith("client → 3 kinds · server → 1 kind")
    data = re.search(r"data-asyncapi-console='([^']*)'", page)
    assert data is not None
    offered = [m["message"]["key"] for m in json.loads(html.unescape(data[1]))["messages"]]
    assert offered == ["subscribed", "tick", "heartbeat"]


# -- the console and the diagram agree -------------------------------------------------------


@pytest.mark.parametrize("application", [None, "server", "client"])
@pytest.mark.parametrize("name", corpus_names())
def test_the_console_and_the_diagram_agree_on_every_corpus_channel(
    name: str, application: Side | None
) -> None:
    spec = corpus_spec(name)
    talk = conversation(spec, application)
    for channel in spec.channels:
        console = console_of(spec, channel.id, talk)
        drawn, cut = drawn_from_the_client(spec, channel.id, talk)
        offered = {m.message.key for m in console.messages}
        if console.messages_note:  # the spec names nothing a client sends here
            assert drawn == set(), channel.id
        elif cut:
            assert drawn <= offered, channel.id
        else:
            assert offered == drawn, channel.id


@pytest.mark.parametrize(
    ("name", "offered"),
    [
        ("generator-ws-fixtures__asyncapi-postman-echo.yml", ["echo"]),
        ("generator-ws-fixtures__asyncapi-slack-client.yml", ["acknowledge"]),
    ],
)
def test_the_client_fixtures_offer_the_clients_messages_in_the_console(
    name: str, offered: list[str]
) -> None:
    spec = corpus_spec(name)
    talk = conversation(spec)
    (channel,) = spec.channels

    console = console_of(spec, channel.id, talk)

    assert talk.application == "client"
    assert [m.message.key for m in console.messages] == offered
    assert console.messages_note == ""
