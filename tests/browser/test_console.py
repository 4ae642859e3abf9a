"""The live console of a channel page, against real WebSocket servers, in a real browser.

One `websockets` server on 127.0.0.1 plays several APIs, told apart by the path:

- `/echo/...`: sends every frame back as it came;
- `/secure`: closes with 1008 unless the query has `token=s3cret`, then says `welcome`;
- `/proto`: accepts the subprotocol `chat.v2` when offered;
- `/updates`: answers any frame with an `update` message the spec can recognise.

It records each handshake (path and headers), each frame it received and each close code, so
the tests check what really went over the wire. A site is built with Material (with
`navigation.instant`) from a spec whose server is that loopback server, and served on
loopback. Every wait is bounded: `expect` by the browser fixtures' timeouts, the server's
records by `wait_for` below.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from websockets.exceptions import ConnectionClosed
from websockets.sync.server import serve

from tests.browser.conftest import wait_for_instant_navigation
from tests.browser.server import LoopbackSite
from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from playwright.sync_api import Page
    from websockets.sync.server import ServerConnection

    from .conftest import PageProblems

pytestmark = pytest.mark.browser

WAIT_S = 5.0
ECHO_EXAMPLE = {"type": "ping", "n": 1}
SUBSCRIBE_EXAMPLE = {"type": "subscribe", "widgets": ["w-1"]}
UPDATE_FRAME = {"type": "update", "widgetId": "w-1", "value": 42}


@dataclass
class Recorded:
    """What the loopback server saw."""

    handshakes: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    frames: list[str | bytes] = field(default_factory=list)
    closes: list[int | None] = field(default_factory=list)

    def clear(self) -> None:
        self.handshakes.clear()
        self.frames.clear()
        self.closes.clear()


def wait_for(condition: Callable[[], Any], what: str) -> Any:
    """Poll the server's records for at most `WAIT_S` seconds."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    pytest.fail(f"the server never saw {what} within {WAIT_S} s", pytrace=False)


@pytest.fixture(scope="module")
def ws_server() -> Iterator[tuple[int, Recorded]]:
    """The loopback WebSocket server; yields its port and its records."""
    recorded = Recorded()

    def handler(connection: ServerConnection) -> None:
        request = connection.request
        assert request is not None
        recorded.handshakes.append((request.path, dict(request.headers.raw_items())))
        path = urlsplit(request.path)
        try:
            if path.path == "/secure" and parse_qs(path.query).get("token") != ["s3cret"]:
                connection.close(1008, "token required")
                return
            if path.path == "/secure":
                connection.send("welcome")
            for frame in connection:
                recorded.frames.append(frame)
                if path.path == "/updates":
                    connection.send(json.dumps(UPDATE_FRAME))
                else:
                    connection.send(frame)
        except ConnectionClosed:
            pass
        finally:
            recorded.closes.append(connection.close_code)

    def select(connection: ServerConnection, offered: Any) -> Any:
        return "chat.v2" if "chat.v2" in offered else None

    server = serve(handler, "127.0.0.1", 0, select_subprotocol=select, compression=None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.socket.getsockname()[1], recorded
    server.shutdown()
    thread.join(timeout=5)


SPEC = """\
asyncapi: 3.0.0
info: {{title: Console test, version: '1'}}
servers:
  local:
    host: '127.0.0.1:{{port}}'
    protocol: ws
    variables:
      port: {{default: '{port}'}}
channels:
  echo:
    address: /echo/{{room}}
    parameters:
      room: {{enum: [lobby, kitchen]}}
    messages:
      ping:
        name: ping
        payload:
          type: object
          properties:
            type: {{const: ping}}
            n: {{type: integer}}
        examples:
          - name: first
            payload: {echo}
    bindings:
      ws:
        query:
          type: object
          required: [clientId]
          properties:
            clientId: {{type: string, default: abc}}
            depth: {{type: integer, examples: [5]}}
  secure:
    address: /secure
    messages:
      hello: {{payload: {{type: string}}, examples: [{{payload: hi}}]}}
  proto:
    address: /proto
    messages:
      chat: {{payload: {{type: string}}, examples: [{{payload: hello}}]}}
    bindings:
      ws:
        headers:
          type: object
          properties:
            Sec-WebSocket-Protocol: {{type: string, default: chat.v2}}
  updates:
    address: /updates
    messages:
      subscribe:
        name: subscribe
        payload: {{type: object, properties: {{type: {{const: subscribe}}}}}}
        examples: [{{name: one, payload: {subscribe}}}]
      update:
        name: update
        title: Widget update
        payload: {{type: object, properties: {{type: {{enum: [update]}}}}}}
operations:
  sendPing: {{action: receive, channel: {{$ref: '#/channels/echo'}}}}
  sayHello:
    action: receive
    channel: {{$ref: '#/channels/secure'}}
    security: [{{$ref: '#/components/securitySchemes/token'}}]
  chat: {{action: receive, channel: {{$ref: '#/channels/proto'}}}}
  subscribe:
    action: receive
    channel: {{$ref: '#/channels/updates'}}
    messages: [{{$ref: '#/channels/updates/messages/subscribe'}}]
    reply:
      messages: [{{$ref: '#/channels/updates/messages/update'}}]
  pushUpdates:
    action: send
    channel: {{$ref: '#/channels/updates'}}
    messages: [{{$ref: '#/channels/updates/messages/update'}}]
components:
  securitySchemes:
    token: {{type: httpApiKey, in: query, name: token, description: The API token.}}
"""


def _site(build: Callable[..., Path], folder: Path, spec: str, *, theme: str) -> Iterator[str]:
    site_dir = folder / "site"
    with LoopbackSite(site_dir) as url:
        (folder / "docs" / "api").mkdir(parents=True)
        (folder / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
        (folder / "api.yaml").write_text(spec, encoding="utf-8")
        (folder / "mkdocs.yml").write_text(
            f"site_name: Console\nsite_url: {url}\ntheme:\n{theme}"
            "plugins:\n  - search\n  - asyncapi-ws-docs:\n      specs:\n        - path: api.yaml\n"
            "          output: api\n      cache_dir: ''\n",
            encoding="utf-8",
        )
        build(folder / "mkdocs.yml", site_dir)
        yield url


def spec_on_port(port: int) -> str:
    """The spec above, its server on `port`."""
    return SPEC.format(
        port=port, echo=json.dumps(ECHO_EXAMPLE), subscribe=json.dumps(SUBSCRIBE_EXAMPLE)
    )


MATERIAL = (
    "  name: material\n  font: false\n  features: [navigation.instant]\n"
    "  palette: {scheme: default}\n"
)


@pytest.fixture(scope="module")
def console_site(
    ws_server: tuple[int, Recorded],
    tmp_path_factory: pytest.TempPathFactory,
    mkdocs_build: Callable[..., Path],
) -> Iterator[str]:
    """The test spec's pages, built with Material and `navigation.instant`, served."""
    spec = spec_on_port(ws_server[0])
    yield from _site(mkdocs_build, tmp_path_factory.mktemp("console"), spec, theme=MATERIAL)


CLIENT_SIDE = REPO_ROOT / "tests" / "data" / "conversation" / "client-side.yaml"


@pytest.fixture(scope="module")
def client_side_site(
    ws_server: tuple[int, Recorded],
    tmp_path_factory: pytest.TempPathFactory,
    mkdocs_build: Callable[..., Path],
) -> Iterator[str]:
    """A spec written from the client's side, its server the loopback one (which echoes)."""
    spec = CLIENT_SIDE.read_text(encoding="utf-8").replace(
        "production: {host: api.example.com, protocol: wss}",
        f"local: {{host: '127.0.0.1:{ws_server[0]}', protocol: ws}}",
    )
    yield from _site(mkdocs_build, tmp_path_factory.mktemp("client-side"), spec, theme=MATERIAL)


@pytest.fixture
def server(ws_server: tuple[int, Recorded]) -> Recorded:
    recorded = ws_server[1]
    recorded.clear()
    return recorded


def open_console(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("button", name="Connect", exact=True)).to_be_enabled()


def connect(page: Page) -> None:
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.get_by_role("button", name="Send")).to_be_enabled()


def assert_no_problems(problems: PageProblems) -> None:
    assert problems.console_errors == []
    assert problems.failed_requests == []


def test_echo_sends_the_example_exactly_and_disconnects(
    page: Page, console_site: str, server: Recorded, page_problems: PageProblems
) -> None:
    open_console(page, console_site + "api/channels/echo/")
    connect(page)
    page.get_by_role("button", name="Send").click()

    wire = json.dumps(ECHO_EXAMPLE, indent=2)
    assert wait_for(lambda: server.frames, "the example") == [wire]
    log = page.get_by_role("log")
    expect(log.locator(".asyncapi-console-sent pre")).to_have_text(wire)
    expect(log.locator(".asyncapi-console-received pre")).to_have_text(wire)
    size = len(wire.encode())
    expect(log.locator(".asyncapi-console-received")).to_contain_text(f"received, text, {size} B")

    page.get_by_role("button", name="Disconnect").click()
    assert wait_for(lambda: server.closes, "a close") == [1000]
    expect(log).to_contain_text("Closed: 1000 normal closure")
    expect(page.get_by_role("button", name="Connect", exact=True)).to_be_enabled()
    assert_no_problems(page_problems)


def test_handshake_carries_prefilled_values_and_the_readers_change(
    page: Page, console_site: str, server: Recorded, ws_server: tuple[int, Recorded]
) -> None:
    open_console(page, console_site + "api/channels/echo/")
    url = page.get_by_label("URL")
    base = f"ws://127.0.0.1:{ws_server[0]}/echo/lobby"
    expect(url).to_have_value(f"{base}?clientId=abc&depth=5")

    page.get_by_label("clientId (required)").fill("reader 7")
    expect(url).to_have_value(f"{base}?clientId=reader%207&depth=5")
    connect(page)
    path, _ = wait_for(lambda: server.handshakes, "a handshake")[0]
    assert path == "/echo/lobby?clientId=reader%207&depth=5"


def test_a_missing_token_closes_with_1008_in_words_and_the_token_is_accepted(
    page: Page, console_site: str, server: Recorded, page_problems: PageProblems
) -> None:
    open_console(page, console_site + "api/channels/secure/")
    page.get_by_role("button", name="Connect", exact=True).click()
    log = page.get_by_role("log")
    expect(log).to_contain_text("1008 policy violation: token required")
    expect(log).to_contain_text("the spec requires token")

    page.get_by_label("token (required)").fill("s3cret")
    connect(page)
    expect(log.locator(".asyncapi-console-received pre")).to_have_text("welcome")
    assert server.handshakes[-1][0] == "/secure?token=s3cret"
    # The credential goes to the server only: not to the URL field, the log or the page's URL.
    expect(page.get_by_label("URL")).not_to_have_value(re.compile("s3cret"))
    expect(log).not_to_contain_text("s3cret")
    assert "s3cret" not in page.url
    assert_no_problems(page_problems)


def test_the_negotiated_subprotocol_is_shown(
    page: Page, console_site: str, server: Recorded
) -> None:
    open_console(page, console_site + "api/channels/proto/")
    expect(page.get_by_label("Subprotocol (Sec-WebSocket-Protocol)")).to_have_value("chat.v2")
    connect(page)
    expect(page.get_by_role("status").filter(has_text="Connected")).to_have_text(
        "Connected (subprotocol chat.v2)"
    )
    expect(page.get_by_role("log")).to_contain_text("Subprotocol: chat.v2")
    assert server.handshakes[-1][1].get("Sec-WebSocket-Protocol") == "chat.v2"


def test_a_recognised_reply_is_labelled_and_linked(
    page: Page, console_site: str, server: Recorded
) -> None:
    open_console(page, console_site + "api/channels/updates/")
    expect(page.get_by_text("Expected reply: Widget update")).to_be_visible()
    connect(page)
    page.get_by_role("button", name="Send").click()
    received = page.get_by_role("log").locator(".asyncapi-console-received")
    expect(received).to_contain_text("the expected reply to subscribe")
    label = received.get_by_role("link", name="Widget update")
    expect(label).to_have_attribute("href", "#message-update")
    assert wait_for(lambda: server.frames, "the subscribe frame") == [
        json.dumps(SUBSCRIBE_EXAMPLE, indent=2)
    ]


def test_instant_navigation_then_connect_from_the_next_page(
    page: Page, console_site: str, server: Recorded, page_problems: PageProblems
) -> None:
    open_console(page, console_site + "api/channels/echo/")
    wait_for_instant_navigation(page)
    page.evaluate("window.__samePage = true")
    page.get_by_role("navigation").get_by_role("link", name="updates").first.click()
    expect(page).to_have_url(re.compile("/api/channels/updates/$"))
    expect(page.get_by_label("URL")).to_have_value(re.compile("/updates$"))
    assert page.evaluate("window.__samePage") is True, "the page was reloaded, not swapped"
    assert page.locator("[data-asyncapi-console] form").count() == 1
    connect(page)
    assert wait_for(lambda: server.handshakes, "a handshake")[-1][0] == "/updates"
    assert_no_problems(page_problems)


def test_binary_frames_are_typed_as_hex_or_base64(
    page: Page, console_site: str, server: Recorded
) -> None:
    open_console(page, console_site + "api/channels/echo/")
    connect(page)
    page.get_by_label("Frame").select_option(label="Binary, as hex")
    page.get_by_label("Message", exact=True).fill("ca fe 00")
    page.get_by_role("button", name="Send").click()
    page.get_by_label("Frame").select_option(label="Binary, as base64")
    page.get_by_label("Message", exact=True).fill("aGk=")
    page.get_by_role("button", name="Send").click()
    assert wait_for(lambda: len(server.frames) == 2 and server.frames, "two frames") == [
        b"\xca\xfe\x00",
        b"hi",
    ]
    received = page.get_by_role("log").locator(".asyncapi-console-received")
    expect(received.first).to_contain_text("received, binary, 3 B")
    expect(received.last.locator("pre")).to_have_text("68 69")


def test_a_failed_handshake_is_explained_honestly(page: Page, console_site: str) -> None:
    open_console(page, console_site + "api/channels/echo/")
    url = page.get_by_label("URL")
    url.fill("ws://127.0.0.1:9/echo")  # the discard port: nothing listens there
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.get_by_role("log")).to_contain_text("the browser does not say which")


def test_placeholders_and_mixed_content_are_said_before_trying(
    page: Page, console_site: str
) -> None:
    open_console(page, console_site + "api/channels/echo/")
    url = page.get_by_label("URL")
    url.fill("ws://127.0.0.1/echo/{room}")
    expect(page.get_by_role("status").filter(has_text="Fill in")).to_have_text(
        "Fill in {room} in the URL: the spec gives no value for it."
    )
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.get_by_role("log")).to_contain_text("Fill in {room}")


@pytest.fixture(scope="module")
def narrow_site(
    ws_server: tuple[int, Recorded],
    tmp_path_factory: pytest.TempPathFactory,
    mkdocs_build: Callable[..., Path],
) -> Iterator[str]:
    """The same spec with MkDocs' own theme."""
    spec = spec_on_port(ws_server[0])
    yield from _site(
        mkdocs_build,
        tmp_path_factory.mktemp("mkdocs"),
        spec,
        theme="  name: mkdocs\n  highlightjs: false\n",
    )


def test_mkdocs_theme_at_360_px(
    page: Page, narrow_site: str, server: Recorded, page_problems: PageProblems
) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    open_console(page, narrow_site + "api/channels/echo/")
    connect(page)
    page.get_by_label("Message", exact=True).press("Control+Enter")
    assert wait_for(lambda: server.frames, "the example")
    # The console fits the column: nothing in it is wider than the screen or scrolls sideways.
    right, overflow = page.evaluate(
        "() => { const c = document.querySelector('.asyncapi-console');"
        " return [c.getBoundingClientRect().right, c.scrollWidth - c.clientWidth]; }"
    )
    assert right <= 360
    assert overflow <= 0
    assert_no_problems(page_problems)


def test_dark_palette_colours_the_fields(page: Page, console_site: str) -> None:
    open_console(page, console_site + "api/channels/echo/")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    background = page.get_by_label("URL").evaluate("el => getComputedStyle(el).backgroundColor")
    channels = [int(part) for part in re.findall(r"\d+", background)[:3]]
    assert sum(channels) < 3 * 128, f"the URL field stays light on the dark palette: {background}"


INJECTION = REPO_ROOT / "tests" / "data" / "injection" / "asyncapi.yaml"


@pytest.fixture(scope="module")
def injection_site(
    tmp_path_factory: pytest.TempPathFactory, mkdocs_build: Callable[..., Path]
) -> Iterator[str]:
    spec = INJECTION.read_text(encoding="utf-8")
    yield from _site(mkdocs_build, tmp_path_factory.mktemp("hostile"), spec, theme=MATERIAL)


def test_hostile_spec_text_stays_text_in_the_console(
    page: Page, injection_site: str, page_problems: PageProblems
) -> None:
    page.goto(injection_site + "api/channels/script-window-pwned-1-script/", wait_until="load")
    expect(page.get_by_role("button", name="Connect", exact=True)).to_be_enabled()
    url = page.get_by_label("URL")
    expect(url).to_have_value(re.compile(re.escape("<script>window.__pwned=1</script>")))
    console = page.locator("[data-asyncapi-console]")
    assert console.locator("script, img, svg, iframe").count() == 0
    page.get_by_role(
        "button", name="Connect", exact=True
    ).click()  # a hostile URL: refused, said in words
    expect(page.get_by_role("log")).not_to_be_empty()
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # The spec's sanitized `<img src=x>` 404s; anything else would be the console's fault.
    assert [e for e in page_problems.console_errors if "Failed to load resource" not in e] == []


def test_a_client_side_spec_offers_the_clients_request_and_expects_its_reply(
    page: Page, client_side_site: str, server: Recorded, page_problems: PageProblems
) -> None:
    open_console(page, client_side_site + "api/channels/prices/")
    picker = page.get_by_label("Example")
    expect(picker.locator("option")).to_have_text(["Subscribe request: btc", "Your own message"])
    expect(page.get_by_text("Expected reply: Subscribed")).to_be_visible()

    connect(page)
    page.get_by_role("button", name="Send").click()

    assert wait_for(lambda: server.frames, "the request") == [
        json.dumps({"op": "subscribe"}, indent=2)
    ]
    assert_no_problems(page_problems)


@pytest.fixture(scope="module")
def german_site(
    ws_server: tuple[int, Recorded],
    tmp_path_factory: pytest.TempPathFactory,
    mkdocs_build: Callable[..., Path],
) -> Iterator[str]:
    """The test spec's pages in German (`theme.language: de`), the same loopback server."""
    spec = spec_on_port(ws_server[0])
    theme = MATERIAL + "  language: de\n"
    yield from _site(mkdocs_build, tmp_path_factory.mktemp("german"), spec, theme=theme)


def test_a_german_reader_drives_the_console_by_its_german_names(
    page: Page, german_site: str, server: Recorded, page_problems: PageProblems
) -> None:
    """Controls are found by role and their German accessible name, as a screen reader says it."""
    response = page.goto(german_site + "api/channels/echo/", wait_until="load")
    assert response is not None
    assert response.status == 200
    connect_button = page.get_by_role("button", name="Verbinden", exact=True)
    expect(connect_button).to_be_enabled()
    expect(page.get_by_role("button", name="Connect", exact=True)).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="Nicht verbunden")).to_be_visible()
    expect(page.get_by_role("combobox", name="Beispiel")).to_be_visible()
    expect(page.get_by_role("combobox", name="Frame")).to_have_value("text")
    page.get_by_role("textbox", name="clientId (erforderlich)").fill("leser 7")

    connect_button.click()
    send = page.get_by_role("button", name="Senden", exact=True)
    expect(send).to_be_enabled()
    path, _ = wait_for(lambda: server.handshakes, "a handshake")[0]
    assert path == "/echo/lobby?clientId=leser%207&depth=5"
    expect(page.get_by_role("status").filter(has_text="Verbunden")).to_be_visible()

    send.click()
    wire = json.dumps(ECHO_EXAMPLE, indent=2)
    assert wait_for(lambda: server.frames, "the example") == [wire]
    log = page.get_by_role("log", name="Protokoll")
    expect(log).to_contain_text(f"gesendet, Text, {len(wire.encode())} B")
    expect(log.locator(".asyncapi-console-received")).to_contain_text("empfangen, Text")

    page.get_by_role("button", name="Trennen", exact=True).click()
    assert wait_for(lambda: server.closes, "a close") == [1000]
    expect(log).to_contain_text("Geschlossen: 1000")
    page.get_by_role("button", name="Protokoll leeren").click()
    expect(log).to_be_empty()
    expect(connect_button).to_be_enabled()
    assert_no_problems(page_problems)
