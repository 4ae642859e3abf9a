"""The mock server, driven by a real WebSocket client (`websockets`) over loopback.

Against our own examples (docs/asyncapi/realtime.yaml and chat.yaml, 3.0 and 2.6), corpus specs
(Kraken's request/reply over many channels at one path, Gemini's 2.6 market data) and a small
spec of our own for binary frames and generated values. Each server is shared by its module and
every wait is bounded: `recv` by `WAIT_S`, a push by waiting for its frame, never a sleep.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from asyncapi_ws_docs.mock import mock_server
from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

WAIT_S = 5.0
REALTIME = REPO_ROOT / "docs" / "asyncapi" / "realtime.yaml"
CHAT = REPO_ROOT / "docs" / "asyncapi" / "chat.yaml"
CLIENT_ID = "3f2c8a4e-9b1d-4c7e-8f6a-2d5b9e0c1a47"
BEARER = {"Authorization": "Bearer anything"}


@pytest.fixture(scope="module")
def ours() -> Iterator[str]:
    """Our two example specs on one mock, pushing every 0.2 s."""
    with mock_server(REALTIME, CHAT, interval=0.2, seed=1) as url:
        yield url


@pytest.fixture(scope="module")
def kraken(corpus_dir: Path) -> Iterator[str]:
    with mock_server(
        corpus_dir / "spec-examples__kraken-websocket-request-reply-multiple-channels-asyncapi.yml",
        interval=0,
    ) as url:
        yield url


@pytest.fixture(scope="module")
def gemini(corpus_dir: Path) -> Iterator[str]:
    with mock_server(corpus_dir / "spec-examples__websocket-gemini.yml", interval=0.2) as url:
        yield url


def refusal(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """The HTTP status and body of a refused handshake."""
    with pytest.raises(InvalidStatus) as refused:
        connect(url, additional_headers=headers, open_timeout=WAIT_S)
    response = refused.value.response
    return response.status_code, response.body.decode()


def receive(ws: ClientConnection, wanted: Callable[[Any], bool]) -> Any:
    """The first frame (JSON when it parses) for which `wanted` holds; pushes are skipped."""
    while True:
        frame = ws.recv(timeout=WAIT_S)
        value: Any = frame
        if isinstance(frame, str):
            try:
                value = json.loads(frame)
            except ValueError:
                value = frame
        if wanted(value):
            return value


def field_is(name: str, value: Any) -> Callable[[Any], bool]:
    return lambda frame: isinstance(frame, dict) and frame.get(name) == value


# -- The handshake --------------------------------------------------------------------------


def test_an_unknown_path_is_refused_with_404_listing_the_paths_served(ours: str) -> None:
    status, body = refusal(ours + "/nowhere")
    assert status == 404
    assert "No channel is served at /nowhere" in body
    for path in ("/v1/updates", "/v1/prices/{symbol}", "/ws/{version}/rooms/{roomId}"):
        assert f"  {path}\n" in body


def test_an_address_parameter_outside_its_enum_is_refused(ours: str) -> None:
    status, body = refusal(ours + "/v1/prices/dogeusd", BEARER)
    assert status == 404
    assert "symbol 'dogeusd' is not one of btcusd, ethusd, soleur" in body


def test_a_missing_credential_is_refused_with_401_naming_where_it_goes(ours: str) -> None:
    status, body = refusal(ours + f"/v1/updates?clientId={CLIENT_ID}")
    assert status == 401
    assert "header Authorization: a credential of the security scheme bearerToken" in body


def test_a_missing_required_query_parameter_is_refused_with_what_the_spec_expects(
    ours: str,
) -> None:
    status, body = refusal(ours + "/v1/updates", BEARER)
    assert status == 400
    assert "the required query parameter clientId is missing" in body
    assert "string uuid: Unique client identifier" in body


def test_a_query_value_against_its_schema_is_refused_with_the_rule(gemini: str) -> None:
    status, body = refusal(gemini + "/v1/marketdata/btcusd?heartbeat=maybe")
    assert status == 400
    assert "heartbeat='maybe' is wrong: 'maybe' is not of type 'boolean'" in body


def test_a_browser_is_let_in_without_the_headers_it_cannot_send(ours: str) -> None:
    with connect(
        ours + f"/v1/updates?clientId={CLIENT_ID}",
        origin="http://127.0.0.1:8000",  # type: ignore[arg-type]
        open_timeout=WAIT_S,
    ) as ws:
        assert receive(ws, field_is("type", "update"))["type"] == "update"


# -- Frames ---------------------------------------------------------------------------------


def test_a_request_gets_the_reply_paired_by_example_name_with_its_correlation_id(
    ours: str,
) -> None:
    with connect(ours + f"/v1/updates?clientId={CLIENT_ID}", additional_headers=BEARER) as ws:
        request = {"type": "subscribe", "requestId": "req-7", "widgets": ["w-1a2b3c4d"]}
        ws.send(json.dumps(request))
        reply = receive(ws, field_is("type", "subscribed"))
    assert reply["requestId"] == "req-7"


def test_a_reply_on_another_channel_at_the_same_path_carries_the_correlation_id(
    kraken: str,
) -> None:
    with connect(kraken + "/") as ws:
        ws.send(json.dumps({"event": "ping", "reqid": 42}))
        pong = receive(ws, lambda frame: isinstance(frame, dict))
        ws.send(json.dumps({"event": "subscribe", "reqid": 7, "subscription": {"name": "ohlc"}}))
        status = receive(ws, field_is("event", "subscriptionStatus"))
    assert pong["event"] == "pong"
    assert pong["reqid"] == 42
    assert status["reqid"] == 7


def test_pushes_come_on_connect_and_then_every_interval_cycling_the_examples(gemini: str) -> None:
    with connect(gemini + "/v1/marketdata/btcusd?heartbeat=true") as ws:
        kinds = [receive(ws, lambda frame: isinstance(frame, dict))["type"] for _ in range(4)]
    assert kinds == ["update", "heartbeat", "update", "heartbeat"]


def test_an_invalid_frame_gets_an_error_frame_naming_the_message_field_and_rule(
    ours: str,
) -> None:
    with connect(ours + f"/v1/updates?clientId={CLIENT_ID}", additional_headers=BEARER) as ws:
        ws.send(json.dumps({"type": "subscribe", "requestId": "r", "widgets": [5]}))
        error = receive(ws, lambda frame: isinstance(frame, dict) and "error" in frame)
        assert error == {
            "error": "This frame is not a valid 'Subscribe request' message: /widgets/0: "
            "5 is not of type 'string'",
            "message": "subscribe",
            "field": "/widgets/0",
            "rule": "5 is not of type 'string'",
        }
        ws.ping().wait(WAIT_S)  # still open: the reader corrects the frame and sends again


def test_a_frame_that_is_no_message_closes_with_1007_and_the_messages_expected(
    kraken: str,
) -> None:
    with connect(kraken + "/") as ws:
        ws.send(json.dumps({"hello": "world"}))
        with pytest.raises(ConnectionClosed):
            receive(ws, lambda _frame: False)
    assert ws.close_code == 1007
    assert ws.close_reason == "matches no message; a client sends: ping, subscribe, unsubscribe"


def test_a_2x_spec_is_served_on_each_server_pathname_with_that_servers_security(
    ours: str,
) -> None:
    with connect(ours + "/ws/v1/presence", open_timeout=WAIT_S):  # `local`: no security
        pass
    status, body = refusal(ours + "/ws/v2/presence")  # `production`, {version} v2: an API key
    assert (status, "header X-Api-Key") == (401, body.splitlines()[1].strip()[:16])
    with connect(ours + "/ws/v2/presence", additional_headers={"X-Api-Key": "k"}):
        pass
    assert refusal(ours + "/ws/v3/presence")[0] == 404


BINARY_SPEC = """\
asyncapi: 3.0.0
info: {title: Files, version: '1'}
channels:
  files:
    address: /files
    messages:
      chunk: {contentType: application/octet-stream, payload: {type: string, format: binary}}
      status:
        payload:
          type: object
          required: [id, at, size]
          properties:
            id: {type: string, format: uuid}
            at: {type: string, format: date-time}
            size: {type: integer, minimum: 1, maximum: 9}
operations:
  upload: {action: receive, channel: {$ref: '#/channels/files'}, messages: [{$ref: '#/channels/files/messages/chunk'}]}
  report: {action: send, channel: {$ref: '#/channels/files'}, messages: [{$ref: '#/channels/files/messages/status'}]}
"""


@pytest.fixture(scope="module")
def files_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mock") / "files.yaml"
    path.write_text(BINARY_SPEC, encoding="utf-8")
    return path


def test_binary_frames_are_echoed_as_binary(files_spec: Path) -> None:
    with mock_server(files_spec, interval=0) as url, connect(url + "/files") as ws:
        ws.send(b"\x00\x01\xfe")
        assert ws.recv(timeout=WAIT_S) == b"\x00\x01\xfe"


def first_generated(spec: Path, seed: int) -> Any:
    with mock_server(spec, interval=60, seed=seed) as url, connect(url + "/files") as ws:
        return json.loads(ws.recv(timeout=WAIT_S))


def test_generated_values_follow_the_schema_and_the_seed_repeats_them(files_spec: Path) -> None:
    first, again, other = (first_generated(files_spec, seed) for seed in (3, 3, 4))
    assert first == again
    assert first != other
    assert set(first) == {"id", "at", "size"}
    assert 1 <= first["size"] <= 9
    assert len(first["id"]) == 36


def test_the_example_test_on_the_mock_page_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/mock.md's example, run as written from the docs folder (`asyncapi/realtime.yaml`)."""
    text = (REPO_ROOT / "docs" / "mock.md").read_text(encoding="utf-8")
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(REPO_ROOT / "docs")
    namespace: dict[str, Any] = {}
    exec(compile(code, "docs/mock.md", "exec"), namespace)  # noqa: S102 (our own docs)
    namespace["test_the_client_gets_its_subscription_confirmed"]()
