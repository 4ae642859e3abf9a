"""What a client's frame is: the message it was recognised as, or why it is none.

The candidates are the messages the conversation model says a client sends on the channel
(`console.client_messages`: the console offers the same ones), and the frame is valid for one
when its payload validates against that message's payload schema (`validation`).

Two outcomes for a frame that is not valid, chosen for a reader watching the console's log:

- It can be *taken for* one message (its single-valued fields, such as `type: subscribe`, say
  so, or the channel has only one message a client sends): the server answers with an **error
  frame**, a JSON object naming the message, the field and the rule broken, and the connection
  stays open, so the reader corrects the text and sends again.
- It looks like none of them: the server closes with **1007** (invalid frame payload data)
  and a reason naming the messages it expected. The console says "Closed: 1007 invalid frame
  payload data: ...", the words a reader needs; 1008 (policy violation) would read as an
  authorization failure.

A binary frame is one of the channel's binary messages (`application/octet-stream`, images...);
on a channel without any it is closed with 1003 (unsupported data).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.page.clients import frame_of
from asyncapi_ws_docs.page.console import ConsoleLink, client_messages, recognize

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.model import Message
    from asyncapi_ws_docs.mock.routes import Route
    from asyncapi_ws_docs.mock.validation import Problem, Validator

CLOSE_UNSUPPORTED = 1003
CLOSE_INVALID = 1007
MAX_REASON_BYTES = 123
"""RFC 6455 leaves 123 bytes of a close frame for the reason."""


@dataclass(frozen=True)
class Reading:
    """A frame as the mock read it: exactly one of `message`, `invalid` or `close` is set."""

    value: Any
    message: Message | None = None
    invalid: tuple[Message, Problem] | None = None
    close: tuple[int, str] | None = None

    @property
    def label(self) -> str:
        """What the log says the frame was."""
        if self.message is not None:
            return self.message.key
        if self.invalid is not None:
            return f"invalid {self.invalid[0].key}: {self.invalid[1].field or '/'}"
        return "no message"

    def error_frame(self) -> str:
        """The JSON object sent back for an invalid frame."""
        assert self.invalid is not None  # noqa: S101 (only called for invalid frames)
        message, problem = self.invalid
        return json.dumps(
            {
                "error": f"This frame is not a valid '{message.label}' message: "
                f"{problem.field or 'the whole payload'}: {problem.rule}",
                "message": message.key,
                "field": problem.field,
                "rule": problem.rule,
            },
            ensure_ascii=False,
        )


def decode(frame: str) -> Any:
    """A text frame's payload: its JSON value, or the text itself (`ping`)."""
    try:
        return json.loads(frame)
    except ValueError:
        return frame


def read_frame(route: Route, frame: str | bytes, validator: Validator) -> Reading:
    """Recognise one frame a client sent on `route`'s channel."""
    candidates = client_candidates(route)
    binary = [m for m in candidates if frame_of(m.content_type) == "binary"]
    if isinstance(frame, bytes):
        if binary:
            return Reading(frame, message=binary[0])
        return Reading(
            frame, close=(CLOSE_UNSUPPORTED, _reason("no binary message is sent here", candidates))
        )
    value = decode(frame)
    texts = sorted(
        (m for m in candidates if m not in binary), key=lambda m: m.payload is None
    )  # a message without a payload schema accepts anything: tried last
    problems: list[tuple[Message, Problem]] = []
    for message in texts:
        problem = validator.problem(message.payload, value, message.schema_format)
        if problem is None:
            return Reading(value, message=message)
        problems.append((message, problem))
    taken = next((pair for pair in problems if _looks_like(pair[0], value)), None)
    if taken is None and len(problems) == 1:
        taken = problems[0]
    if taken is not None:
        return Reading(value, invalid=taken)
    return Reading(value, close=(CLOSE_INVALID, _reason("matches no message", texts)))


def client_candidates(route: Route) -> list[Message]:
    """The messages a client sends at the route's path, by the conversation model.

    Where no channel there says so, every message of its channels, as the console offers.
    """
    directed: dict[str, Message] = {}
    every: dict[str, Message] = {}
    for channel in route.channels:
        messages, said = client_messages(channel, route.loaded.traffic.of(channel.id))
        for message in messages:
            (directed if said else every).setdefault(message.key, message)
    return list((directed or every).values())


def _looks_like(message: Message, value: Any) -> bool:
    """Whether the frame has the values that single the message out (`type: subscribe`)."""
    recognizer = recognize(message, ConsoleLink(message.key, message.label, ""))
    if recognizer is None:
        return False
    for name, expected in recognizer.match:
        if name == "":
            if value != expected:
                return False
        elif not isinstance(value, dict) or value.get(name) != expected:
            return False
    return True


def _reason(what: str, expected: list[Message]) -> str:
    """A close reason within 123 bytes: what happened, and the messages expected."""
    names = ", ".join(m.key for m in expected) or "none"
    text = f"{what}; a client sends: {names}"
    encoded = text.encode("utf-8")
    if len(encoded) <= MAX_REASON_BYTES:
        return text
    return encoded[: MAX_REASON_BYTES - 3].decode("utf-8", "ignore") + "..."
