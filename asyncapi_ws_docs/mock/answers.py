"""What the mock sends: replies to requests, and the server's own messages, pushed.

**Replies.** A recognised frame that is a request (an `Exchange` the client makes, whose answer
arrives on this channel) gets one reply, the first way that works:

1. the reply example with the name of the request example the frame equals (`twoWidgets` and
   `twoWidgets`), as authors pair them;
2. the reply example whose single-valued fields (`const`, `enum`) match the frame's most
   (`channel: book` asked, `channel: book` answered);
3. the first reply example; else a reply generated from its schema (`generate`), its enum
   fields taking the frame's values where allowed.

The request's correlation id (`correlationId.location`, `$message.payload#/requestId`) is then
copied into it: a client matches the reply by it. A location in the headers is left alone, as
a frame carries a payload only.

**Pushes.** The messages the server sends on the channel that are no reply to a client's
request, once on connect and then every interval, each time the next of their examples (or a
newly generated value where there are none).
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.document.model import MISSING
from asyncapi_ws_docs.document.refs import unescape_pointer_token
from asyncapi_ws_docs.mock.generate import generate
from asyncapi_ws_docs.page.clients import frame_of, wire_text

if TYPE_CHECKING:
    import random

    from asyncapi_ws_docs.document.conversation import Answer, Exchange
    from asyncapi_ws_docs.document.model import Message, Schema
    from asyncapi_ws_docs.mock.routes import Route

PAYLOAD_LOCATION = "$message.payload#"


def _answer_messages(route: Route, answer: Answer) -> list[Message]:
    if answer.channel_id not in route.channel_ids:
        return []  # replies on another connection: a mock client has only this one
    channel = route.loaded.spec.channel(answer.channel_id)
    by_key = {m.key: m for m in channel.messages} if channel is not None else {}
    return [by_key[key] for key in answer.message_keys if key in by_key]


def _client_requests(route: Route) -> list[Exchange]:
    """The requests a client makes at the route's path, each once."""
    found: dict[int, Exchange] = {}
    for channel in route.channels:
        traffic = route.loaded.traffic.of(channel.id)
        for exchange in (*traffic.requests("client"), *traffic.answered_here):
            if exchange.sender == "client" and exchange.answer is not None:
                found.setdefault(id(exchange), exchange)
    return list(found.values())


def reply_payload(
    route: Route, request: Message, value: Any, rng: random.Random
) -> tuple[Message, Any] | None:
    """The reply to send for a request frame `value`, its correlation id copied; None for none."""
    for exchange in _client_requests(route):
        answer = exchange.answer
        if answer is None or request.key not in exchange.message_keys:
            continue
        replies = _answer_messages(route, answer)
        if not replies:
            continue
        message, payload = _choose(request, value, replies, rng)
        return message, with_correlation_id(payload, value, answer.correlation_id)
    return None


def _choose(
    request: Message, value: Any, replies: list[Message], rng: random.Random
) -> tuple[Message, Any]:
    named = next(
        (
            e.name
            for e in request.examples
            if e.name and e.payload is not MISSING and e.payload == value
        ),
        "",
    )
    examples = [
        (message, example)
        for message in replies
        for example in message.examples
        if example.payload is not MISSING
    ]
    for message, example in examples:
        if named and example.name == named:
            return message, copy.deepcopy(example.payload)
    scored = [
        (_agreement(m.payload, e.payload, value), index) for index, (m, e) in enumerate(examples)
    ]
    if scored:
        best, index = max(scored, key=lambda pair: (pair[0], -pair[1]))
        message, example = examples[index if best > 0 else 0]
        return message, copy.deepcopy(example.payload)
    message = replies[0]
    return message, _taking_values(message.payload, generate(message.payload, rng), value)


def _single_valued(schema: Schema | None) -> list[tuple[str, tuple[Any, ...]]]:
    """The top-level properties whose values the schema lists (`const`, `enum`)."""
    if schema is None:
        return []
    return [
        (p.name, (p.schema.const,) if p.schema.const is not MISSING else p.schema.enum)
        for p in schema.properties
        if p.schema.const is not MISSING or p.schema.enum
    ]


def _agreement(schema: Schema | None, payload: Any, value: Any) -> int:
    """How many listed-value fields the reply example and the request frame share."""
    if not isinstance(payload, dict) or not isinstance(value, dict):
        return 0
    return sum(
        1
        for name, _ in _single_valued(schema)
        if name in value and name in payload and payload[name] == value[name]
    )


def _taking_values(schema: Schema | None, payload: Any, value: Any) -> Any:
    """A generated reply with the request's values where the reply's enum allows them."""
    if isinstance(payload, dict) and isinstance(value, dict):
        for name, allowed in _single_valued(schema):
            if name in value and value[name] in allowed:
                payload[name] = value[name]
    return payload


def with_correlation_id(payload: Any, request: Any, location: str) -> Any:
    """`payload` with the request's correlation id at `location` (payload locations only)."""
    if not location.startswith(PAYLOAD_LOCATION):
        return payload
    tokens = [unescape_pointer_token(t) for t in location[len(PAYLOAD_LOCATION) :].split("/")[1:]]
    found = _at(request, tokens)
    if found is MISSING or not tokens:
        return payload
    target = payload
    for token in tokens[:-1]:
        if not isinstance(target, dict):
            return payload
        target = target.setdefault(token, {})
    if isinstance(target, dict):
        target[tokens[-1]] = found
    return payload


def _at(value: Any, tokens: list[str]) -> Any:
    for token in tokens:
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return MISSING
    return value


def pushed_messages(route: Route) -> list[Message]:
    """The server's own messages on the channel: what it sends that answers no request."""
    replies = {
        key
        for exchange in _client_requests(route)
        if exchange.answer is not None
        for key in exchange.answer.message_keys
    }
    found: dict[str, Message] = {}
    for channel in route.channels:
        by_key = {m.key: m for m in channel.messages}
        for key in route.loaded.traffic.of(channel.id).sends("server"):
            if key not in replies and key in by_key:
                found.setdefault(key, by_key[key])
    return list(found.values())


def push_payload(message: Message, tick: int, rng: random.Random) -> Any:
    """The message's example for this tick (cycling), or one generated."""
    examples = [e.payload for e in message.examples if e.payload is not MISSING]
    if examples:
        return copy.deepcopy(examples[tick % len(examples)])
    return generate(message.payload, rng)


def outgoing(message: Message, payload: Any) -> str | bytes:
    """The frame for a payload: text in the page's wire form, or bytes for a binary message."""
    if frame_of(message.content_type) != "binary":
        # Compact: Python's JSON encoder is several times slower indented, and the console
        # pretty-prints what it receives anyway.
        return wire_text(message.content_type, payload, indent=None)
    if isinstance(payload, bytes):
        return payload
    text = payload if isinstance(payload, str) else json.dumps(payload)
    try:
        return bytes.fromhex(text)
    except ValueError:
        pass
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return text.encode("utf-8")
