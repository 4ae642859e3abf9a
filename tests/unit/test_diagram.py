"""The message-flow diagram: who sends what, replies under requests, grouping, SVG, Mermaid."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.document.conversation import conversation
from asyncapi_ws_docs.document.readers import load_spec
from asyncapi_ws_docs.page.diagram import MAX_ROWS, channel_flow, mermaid, mode_of, svg
from asyncapi_ws_docs.page.text import TextRenderer
from asyncapi_ws_docs.page.views import ViewBuilder, ViewOptions
from tests.conftest import CORPUS_DIR, REPO_ROOT

from .helpers import corpus_spec, linker, load

if TYPE_CHECKING:
    from pathlib import Path

    from asyncapi_ws_docs.document.model import Channel, Spec
    from asyncapi_ws_docs.page.diagram import Flow

SVG = "{http://www.w3.org/2000/svg}"
NO_OPERATIONS = REPO_ROOT / "tests" / "data" / "diagrams" / "no-operations.yaml"


def flow_of(spec: Spec, channel_id: str, *, linked: bool = True) -> Flow:
    channel = spec.channel(channel_id)
    assert channel is not None
    return channel_flow(spec, channel, linker(spec), conversation(spec), linked=linked)


def rows(flow: Flow) -> list[tuple[str, str, str, str]]:
    """(sender, label, kind, note) of every row, top to bottom."""
    return [
        (a.sender, a.label, a.kind, a.note)
        for a in (*flow.exchanges, *flow.streams, *flow.undirected)
    ]


def arrows_in_svg(markup: str) -> list[tuple[str, float, float]]:
    """(label, x where its arrow starts, x where it ends) for each labelled arrow of an SVG.

    A label is a `<text>` (maybe in an `<a>`) in full-size type (small ones are notes); its
    arrow is the next `<g>` holding a line, so the test reads the direction from the picture.
    """
    root = ET.fromstring(markup)  # noqa: S314 (our own output)
    found: list[tuple[str, float, float]] = []
    label = ""
    for element in root:
        text = element if element.tag == f"{SVG}text" else element.find(f"{SVG}text")
        if text is not None and element.tag in (f"{SVG}text", f"{SVG}a"):
            if "font-size" in text.attrib:
                continue
            title = text.find(f"{SVG}title")
            full = title.text if title is not None else "".join(text.itertext())
            label = label or (full or "")
        elif element.tag == f"{SVG}g" and label:
            line = element.find(f"{SVG}line")
            path = element.find(f"{SVG}path")
            assert line is not None
            assert path is not None
            tip = float(path.attrib["d"][1:].split(" ")[0])
            found.append((label, float(line.attrib["x1"]), tip))
            label = ""
        else:
            label = ""
    return found


# -- the flow -----------------------------------------------------------------------------------


def test_a_3x_reply_on_the_same_channel_is_a_dashed_arrow_right_under_its_request() -> None:
    flow = flow_of(corpus_spec("generator-ws-fixtures__asyncapi-postman-echo.yml"), "echo")

    assert rows(flow) == [
        ("client", "echo", "request", ""),
        ("server", "echo", "reply", ""),
    ]
    assert flow.summary == "client → 1 kind · server → 1 kind · 1 request/reply"


def test_a_reply_on_another_channel_says_so_and_links_to_the_operation_on_this_page() -> None:
    spec = corpus_spec(
        "spec-examples__kraken-websocket-request-reply-multiple-channels-asyncapi.yml"
    )

    ping = flow_of(spec, "ping")
    pong = flow_of(spec, "pong")

    assert rows(ping) == [
        ("client", "ping", "request", ""),
        ("server", "pong", "reply", "on channel pong"),
    ]
    assert [a.href for a in ping.exchanges] == ["#message-ping", "#operation-receive-ping"]
    # On the reply's own channel, the request made elsewhere comes first, unlinked.
    assert rows(pong) == [
        ("client", "ping", "request", "on channel ping"),
        ("server", "pong", "reply", ""),
    ]
    assert [a.href for a in pong.exchanges] == ["", "#message-pong"]


def test_server_messages_that_answer_nothing_are_a_stream_and_client_ones_one_way() -> None:
    flow = flow_of(
        corpus_spec("spec-examples__kraken-websocket-request-reply-multiple-channels-asyncapi.yml"),
        "heartbeat",
    )

    assert rows(flow) == [("server", "heartbeat", "stream", "")]
    assert "loop repeats" in mermaid(flow)


def test_a_message_several_operations_share_appears_once_per_direction(tmp_path: Path) -> None:
    spec, _ = load(
        tmp_path,
        """\
        asyncapi: 3.0.0
        info: {title: Chat, version: '1'}
        channels:
          room:
            address: /room
            messages:
              chat: {payload: {type: string}}
              typing: {payload: {type: string}}
        operations:
          postChat: {action: receive, channel: {$ref: '#/channels/room'},
                     messages: [{$ref: '#/channels/room/messages/chat'}]}
          postAll: {action: receive, channel: {$ref: '#/channels/room'}}
          relayChat: {action: send, channel: {$ref: '#/channels/room'},
                      messages: [{$ref: '#/channels/room/messages/chat'}]}
        """,
    )

    flow = flow_of(spec, "room")

    assert rows(flow) == [
        ("client", "chat", "message", ""),
        ("client", "typing", "message", ""),
        ("server", "chat", "stream", ""),
    ]
    assert flow.summary == "client → 2 kinds · server → 1 kind"


def test_requests_with_the_same_replies_share_one_block(tmp_path: Path) -> None:
    spec, _ = load(
        tmp_path,
        """\
        asyncapi: 3.0.0
        info: {title: Feed, version: '1'}
        channels:
          feed:
            address: /
            messages:
              subscribe: {payload: {type: object}}
              unsubscribe: {payload: {type: object}}
              status: {payload: {type: object}}
        operations:
          onSubscribe:
            action: receive
            channel: {$ref: '#/channels/feed'}
            messages: [{$ref: '#/channels/feed/messages/subscribe'}]
            reply: {messages: [{$ref: '#/channels/feed/messages/status'}]}
          onUnsubscribe:
            action: receive
            channel: {$ref: '#/channels/feed'}
            messages: [{$ref: '#/channels/feed/messages/unsubscribe'}]
            reply: {messages: [{$ref: '#/channels/feed/messages/status'}]}
        """,
    )

    assert rows(flow_of(spec, "feed")) == [
        ("client", "subscribe", "request", ""),
        ("client", "unsubscribe", "request", ""),
        ("server", "status", "reply", ""),
    ]


def test_a_channel_without_operations_lists_its_messages_without_a_direction() -> None:
    spec, _ = load_spec(NO_OPERATIONS, roots=[REPO_ROOT], display_base=REPO_ROOT)
    assert spec is not None

    flow = flow_of(spec, "notifications")

    assert [(a.label, a.kind) for a in flow.undirected] == [
        ("notification", "undirected"),
        ("acknowledgement", "undirected"),
    ]
    assert flow.summary == "2 kinds with no direction declared"
    assert flow.handshake.request_line() == "GET /notifications/{userId}?token"


def test_a_channel_of_48_messages_is_cut_to_one_screen_with_the_rest_counted() -> None:
    spec = corpus_spec("spec-examples__slack-rtm.yml")
    channel = spec.channels[0]

    flow = flow_of(spec, channel.id)

    drawn = [a for a in (*flow.exchanges, *flow.streams) if a.kind != "more"]
    more = [a for a in (*flow.exchanges, *flow.streams) if a.kind == "more"]
    assert len(drawn) + len(more) <= MAX_ROWS
    assert [a.label for a in more] == [f"and {flow.hidden} more, listed below"]
    assert len(drawn) + flow.hidden == flow.client_kinds + flow.server_kinds == 47
    assert more[0].href.startswith("#message-")  # the first message left out


# -- SVG ----------------------------------------------------------------------------------------


def corpus_channels() -> list[tuple[str, str]]:
    if not CORPUS_DIR.is_dir():
        return []
    return [
        (path.name, channel.id)
        for path in sorted(CORPUS_DIR.iterdir())
        if path.suffix in (".yml", ".yaml", ".json")
        for channel in corpus_spec(path.name).channels
    ]


@pytest.mark.parametrize(("name", "channel_id"), corpus_channels())
def test_every_message_an_operation_names_is_drawn_in_its_direction(
    name: str, channel_id: str
) -> None:
    spec = corpus_spec(name)
    channel = spec.channel(channel_id)
    assert channel is not None
    talk = conversation(spec)
    flow = channel_flow(spec, channel, linker(spec), talk)

    drawn = arrows_in_svg(svg(flow))

    x = {"client": drawn[0][1], "server": drawn[0][2]}  # the handshake: client to server
    assert drawn[1] == ("101 Switching Protocols", x["server"], x["client"])
    shown = {(label, start) for label, start, _ in drawn}
    cut = flow.hidden > 0
    for operation in spec.operations_of(channel):
        sender = talk.sender(operation)
        for key in operation.message_keys:
            label = label_of(channel, key)
            assert (label, x[sender]) in shown or cut, f"{label} from the {sender}"


def label_of(channel: Channel, key: str) -> str:
    return next(m.label for m in channel.messages if m.key == key)


def test_the_svg_is_an_accessible_image_with_ids_unique_to_its_piece() -> None:
    spec = corpus_spec(
        "spec-examples__kraken-websocket-request-reply-multiple-channels-asyncapi.yml"
    )
    views = ViewBuilder(spec, TextRenderer(), placement="piece", prefix="kraken-")
    channel = spec.channel("ping")
    assert channel is not None

    diagram = views.channel(channel).diagram
    assert diagram is not None
    root = ET.fromstring(diagram.svg)  # noqa: S314 (our own output)

    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == "kraken-ping-asyncapi-diagram-title"
    assert root.attrib["aria-describedby"] == "kraken-ping-asyncapi-diagram-desc"
    assert root.attrib["width"] == "100%"
    assert root.attrib["viewBox"].startswith("0 0 ")
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert title.text == "Message flow of channel ping"
    assert desc.text is not None
    assert "the server replies pong on channel pong" in desc.text


def test_hostile_names_stay_text_in_svg_and_mermaid(tmp_path: Path) -> None:
    hostile = '<script>alert(1)</script> & "{{ x }}" ; %% #'
    spec, _ = load(
        tmp_path,
        f"""\
        asyncapi: 3.0.0
        info: {{title: 'T', version: '1'}}
        channels:
          room:
            address: /room
            messages:
              evil: {{name: '{hostile.replace("'", "''")}', payload: {{type: string}}}}
        operations:
          push: {{action: send, channel: {{$ref: '#/channels/room'}}}}
        """,
    )
    flow = flow_of(spec, "room")

    markup = svg(flow)
    root = ET.fromstring(markup)  # noqa: S314 (our own output)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    source = mermaid(flow)

    assert "<script>" not in markup
    assert "{{" not in markup
    assert root.find(f".//{SVG}script") is None
    assert any(text.startswith("<script>") for text in texts)  # shown as written (maybe cut)
    line = next(line for line in source.splitlines() if "server->>client" in line)
    assert line.endswith(
        "#60;script#62;alert(1)#60;/script#62; #38; #34;#123;#123; x #125;#125;#34; #59; #37;#37; #35;"
    )


def test_a_long_name_is_cut_with_the_whole_name_in_a_title(tmp_path: Path) -> None:
    name = "aVeryLongMessageNameThatCannotFitBetweenTheTwoLifelinesOfTheDiagram"
    spec, _ = load(
        tmp_path,
        f"""\
        asyncapi: 3.0.0
        info: {{title: T, version: '1'}}
        channels:
          room: {{address: /room, messages: {{{name}: {{payload: {{type: string}}}}}}}}
        operations:
          push: {{action: send, channel: {{$ref: '#/channels/room'}}}}
        """,
    )

    root = ET.fromstring(svg(flow_of(spec, "room")))  # noqa: S314 (our own output)

    label = next(t for t in root.iter(f"{SVG}text") if t.find(f"{SVG}title") is not None)
    title = label.find(f"{SVG}title")
    assert title is not None
    assert title.text == name
    assert "".join(label.itertext()).endswith("…")


# -- options --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "mode"),
    [("svg", "svg"), ("mermaid", "mermaid"), (False, "off"), ("false", "off"), ("SVG", "svg")],
)
def test_the_diagram_option_reads_svg_mermaid_and_false(value: object, mode: str) -> None:
    assert mode_of(value) == mode


def test_an_unknown_diagram_option_says_what_is_allowed() -> None:
    with pytest.raises(ValueError, match="`diagram: png` is not one of svg, mermaid, false"):
        mode_of("png")


@pytest.mark.parametrize("mode", ["svg", "mermaid", "off"])
def test_each_mode_gives_the_template_what_it_prints(mode: str) -> None:
    spec = corpus_spec("generator-ws-fixtures__asyncapi-postman-echo.yml")
    views = ViewBuilder(spec, TextRenderer(), options=ViewOptions(diagram=mode))

    diagram = views.channel(spec.channels[0]).diagram

    assert diagram is not None
    assert bool(diagram.svg) == (mode == "svg")
    assert diagram.as_mermaid == (mode == "mermaid")
    assert diagram.mermaid.startswith("sequenceDiagram") == (mode != "off")
    assert views.overview().channels[0].flow == (
        "client → 1 kind · server → 1 kind · 1 request/reply"
    )
