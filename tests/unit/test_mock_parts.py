"""The mock server's parts without a network: routes, generated values, correlation ids, and
the console's "Mock server" choice."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.conversation import conversation
from asyncapi_ws_docs.document.model import Property, Schema
from asyncapi_ws_docs.mock.answers import with_correlation_id
from asyncapi_ws_docs.mock.api import load as load_mock
from asyncapi_ws_docs.mock.generate import MAX_DEPTH, generate
from asyncapi_ws_docs.mock.routes import match, routes_of, shadowed
from asyncapi_ws_docs.page.console import console_view
from asyncapi_ws_docs.page.labels import ENGLISH_LABELS
from tests.conftest import REPO_ROOT

from .helpers import linker, load

if TYPE_CHECKING:
    from pathlib import Path

CHAT = REPO_ROOT / "docs" / "asyncapi" / "chat.yaml"


def seeded(seed: object) -> random.Random:
    """The generator the mock makes per connection (mock data, not secrets)."""
    return random.Random(str(seed))  # noqa: S311


def test_a_literal_path_is_matched_before_a_templated_one_that_also_fits() -> None:
    routes = routes_of(load_mock([CHAT])[0])
    templates = [route.template for route in routes]
    assert "/ws/v1/presence" in templates
    assert "/ws/{version}/presence" in templates
    found = match(routes, "/ws/v1/presence/")
    assert found is not None
    assert found[0].template == "/ws/v1/presence"
    templated = match(routes, "/ws/v2/rooms/general")
    assert templated is not None
    assert templated[1] == {"version": "v2", "roomId": "general"}


def test_generated_values_take_what_the_schema_states_first() -> None:
    rng = seeded(0)
    assert generate(Schema(type="string", const="x", examples=("y",)), rng) == "x"
    assert generate(Schema(type="string", examples=("y",), default="z"), rng) == "y"
    assert generate(Schema(type="integer", default=4), rng) == 4
    assert generate(Schema(type="string", enum=("a",)), rng) == "a"
    assert generate(Schema(type="integer", constraints=(("minimum", 5), ("maximum", 5))), rng) == 5


def test_a_recursive_schema_is_generated_to_a_bounded_depth() -> None:
    node = Schema(type="object")
    for _ in range(MAX_DEPTH + 4):  # deeper than the generator goes
        node = Schema(type="object", properties=(Property("child", node, required=True),))
    value = generate(node, seeded(0))
    depth = 0
    while isinstance(value, dict):
        value = value["child"]
        depth += 1
    assert depth == MAX_DEPTH
    assert value is None


def test_the_same_seed_generates_the_same_values() -> None:
    schema = Schema(
        type="object",
        properties=(
            Property("id", Schema(type="string", format="uuid"), required=True),
            Property("n", Schema(type="number"), required=True),
        ),
    )
    assert generate(schema, seeded("7:1")) == generate(schema, seeded("7:1"))
    assert generate(schema, seeded("7:1")) != generate(schema, seeded("8:1"))


def test_the_correlation_id_is_copied_to_its_pointer_in_the_reply() -> None:
    request = {"meta": {"id": "r-9"}, "type": "get"}
    reply = with_correlation_id({"type": "got"}, request, "$message.payload#/meta/id")
    assert reply == {"type": "got", "meta": {"id": "r-9"}}
    # A header location is left alone: a frame carries the payload only.
    assert with_correlation_id({"a": 1}, request, "$message.header#/id") == {"a": 1}
    # A request without the id leaves the reply as it is.
    assert with_correlation_id({"a": 1}, {}, "$message.payload#/meta/id") == {"a": 1}


SPEC = """\
    asyncapi: 3.0.0
    info: {title: Rooms, version: '1'}
    servers:
      prod: {host: 'api.example.com', pathname: /v2, protocol: wss}
    channels:
      room:
        address: /rooms/{room}
        parameters:
          room: {enum: [lobby, kitchen], default: kitchen}
"""


def test_the_console_offers_the_mock_at_the_path_it_serves_the_channel(tmp_path: Path) -> None:
    spec, _ = load(tmp_path, SPEC)
    channel = spec.channels[0]
    view = console_view(
        spec,
        channel,
        linker(spec),
        conversation(spec).of(channel.id),
        mock="ws://127.0.0.1:8765/",
    )
    assert [(s.name, s.url, s.secure) for s in view.servers] == [
        ("prod", "wss://api.example.com/v2/rooms/kitchen", True),
        (ENGLISH_LABELS.console_mock_server, "ws://127.0.0.1:8765/v2/rooms/kitchen", False),
    ]
    plain = console_view(spec, channel, linker(spec), conversation(spec).of(channel.id))
    assert [s.name for s in plain.servers] == ["prod"]


def test_a_path_two_specs_share_is_served_by_the_first_and_the_other_noted() -> None:
    routes = [route for loaded in load_mock([CHAT, CHAT]) for route in routes_of(loaded)]
    notes = shadowed(sorted(routes, key=lambda route: len(route.names)))
    assert len(notes) == len(routes) // 2
    assert notes[0].endswith("has the same path, and comes first")
