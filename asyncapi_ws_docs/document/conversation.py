"""Who sends what, and what answers what: the conversation of a spec, decided once.

Operations say what *the application* does: 3.x `send` and 2.x `subscribe` (which the model
reads as `send`) mean the application sends; 3.x `receive` and 2.x `publish` mean it receives.
Whether a `send` goes from the server to the client or the other way depends on which end the
application is, and WebSocket documents are written from both ends. `conversation` decides that
end once per spec (`perspective`, or the `application` option a user gives) and reads every
operation into traffic between the two ends: the messages each end sends on each channel, and
each request with its replies.

This is the one place that decides direction. The diagram, the live console, the operations
section, the overview's Flow column, the mock server and the change rules read it; none of them
looks at `action` for itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from collections.abc import Iterable

    from asyncapi_ws_docs.document.model import Channel, Operation, Spec

Side = Literal["client", "server"]
SIDES: tuple[Side, ...] = get_args(Side)

_CLIENT_WORDS = frozenset(
    {"subscribe", "unsubscribe", "ping", "login", "auth", "authenticate", "request"}
)
"""Operation words of what a client says to a WebSocket API (`subscribeToTicker`, `sendPing`,
`streamManagementRequest`): the server receives these."""


def other(side: Side) -> Side:
    """The end across the connection."""
    return "server" if side == "client" else "client"


def side_of(value: object) -> Side | None:
    """The side an `application` option names (`server`, `client`, any case); None for none.

    Raises `ValueError` with the accepted values for anything else.
    """
    if value is None or value == "":
        return None
    text = str(value).strip().lower()
    if text not in SIDES:
        message = f"`application: {value}` is not one of server, client"
        raise ValueError(message)
    return "client" if text == "client" else "server"


_REASONS = {
    "option_server": "the `application: server` option says so",
    "option_client": "the `application: client` option says so",
    "title_server": "its title says “{subject}”",
    "title_client": "its title says “{subject}”",
    "replies_server": "it receives the requests it replies to",
    "replies_client": "it sends requests and receives their replies",
    "words_server": "it receives “{subject}”, as servers do",
    "words_client": "it sends “{subject}”, as clients do",
    "v2_server": "as 2.x reads it: clients publish to the server",
    "default_server": "nothing in it says otherwise",
}
"""The rules' reasons in English; page/labels/en.yaml has the same as `why_` labels."""


@dataclass(frozen=True)
class Perspective:
    """The end of the connection the document describes (its "application"), and why."""

    application: Side
    rule: str
    """The rule that decided: `option`, `title`, `replies`, `words`, `v2` or `default`. Pages
    say it in their language (the labels `why_<rule>_<application>`); `reason` in English."""
    subject: str = ""
    """What the rule read, quoted by its reason: a title's word, an operation's name."""

    @property
    def reason(self) -> str:
        """Why, in English (for messages; pages use their language's `why_` labels)."""
        return _REASONS[f"{self.rule}_{self.application}"].format(subject=self.subject)

    def sender(self, action: str) -> Side:
        """Who sends a message of an operation with this `action` (`send` or `receive`)."""
        return self.application if action == "send" else other(self.application)


def perspective(spec: Spec, application: Side | None = None) -> Perspective:
    """Decide which end the document describes, so every message goes from its real sender.

    `application`, when given, is the user's word for it (a spec entry's, a block's or a
    command's `application` option) and wins. Otherwise the first rule that tells decides:

    1. the title says so: "client" or "server" as a word (not both);
    2. the request/reply operations: a WebSocket client asks and the server answers, so an
       application whose `reply` operations all `receive` is the server, one whose all `send`
       is the client;
    3. the operations named after what clients say (`subscribe`, `unsubscribe`, `ping`,
       `login`, `auth`, `request`): the application that receives them is the server, the
       one that sends them the client;
    4. otherwise the server: a WebSocket API is usually documented by its provider, and 2.x
       documents read `publish` as what clients publish to it (asyncapi/spec#253).

    The Kraken and Gemini examples of the AsyncAPI spec describe the server (`receivePing`,
    `sendMarketData`); the generator's Postman and Slack fixtures describe a client.
    """
    if application is not None:
        return Perspective(application, "option")
    for rule in (_by_title, _by_replies, _by_client_words):
        found = rule(spec)
        if found is not None:
            return found
    if spec.major == 2:
        return Perspective("server", "v2")
    return Perspective("server", "default")


def _by_title(spec: Spec) -> Perspective | None:
    words = set(_words(spec.info.title))
    if ("client" in words) == ("server" in words):
        return None
    side: Side = "client" if "client" in words else "server"
    return Perspective(side, "title", side)


def _by_replies(spec: Spec) -> Perspective | None:
    actions = {op.action for op in spec.operations if op.reply is not None}
    if actions == {"receive"}:
        return Perspective("server", "replies")
    if actions == {"send"}:
        return Perspective("client", "replies")
    return None


def _by_client_words(spec: Spec) -> Perspective | None:
    saying = [op for op in spec.operations if _CLIENT_WORDS & set(_words(f"{op.id} {op.title}"))]
    actions = {op.action for op in saying}
    if len(actions) != 1:
        return None
    name = saying[0].id or saying[0].title
    if actions == {"receive"}:
        return Perspective("server", "words", name)
    return Perspective("client", "words", name)


def _words(text: str) -> list[str]:
    """Lower-case words of an id or a title: `subscribeToTicker` gives subscribe, to, ticker."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    return re.findall(r"[a-z]+", spaced.lower())


# -- The traffic -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """The replies to a request: where they arrive and which messages they are."""

    channel_id: str
    """The channel the replies arrive on (the request's own when the spec names none)."""
    message_keys: tuple[str, ...]
    address: str = ""
    """A runtime expression for a dynamic reply address (`$message.header#/replyTo`), or ""."""
    correlation_id: str = ""
    """Where request and reply carry the id that pairs them (`$message.payload#/reqid`): the
    request message's `correlationId`, else the reply's; "" when the spec gives none."""


@dataclass(frozen=True)
class Exchange:
    """One operation read as traffic: who sends which messages on which channel, and the answer.

    `message_keys` may name messages the channel does not list (the model keeps them, marked
    `listed=False`); they are still sent.
    """

    operation: Operation
    sender: Side
    answer: Answer | None = None

    @property
    def channel_id(self) -> str:
        """The channel the messages are sent on."""
        return self.operation.channel_id

    @property
    def message_keys(self) -> tuple[str, ...]:
        """The messages sent."""
        return self.operation.message_keys

    @property
    def receiver(self) -> Side:
        """The end the messages go to, which sends the replies."""
        return other(self.sender)


@dataclass(frozen=True)
class ChannelConversation:
    """What travels over one channel's connection, each message with its sender.

    `exchanges` are the channel's operations in document order; `answered_here` the requests
    made on other channels whose replies arrive on this one. `sent` gives, per side, the keys of
    the messages that side sends on this channel (requests, plain messages and replies, in the
    order they are first named); `undirected` the channel's messages no operation names, so the
    spec says nobody sends them.
    """

    channel_id: str
    exchanges: tuple[Exchange, ...] = ()
    answered_here: tuple[Exchange, ...] = ()
    sent: dict[Side, tuple[str, ...]] = field(default_factory=dict)
    undirected: tuple[str, ...] = ()

    def sends(self, side: Side) -> tuple[str, ...]:
        """Keys of the messages `side` sends on this channel."""
        return self.sent.get(side, ())

    def senders_of(self, key: str) -> tuple[Side, ...]:
        """Who sends message `key` on this channel: none, one side, or both."""
        return tuple(side for side in SIDES if key in self.sends(side))

    def requests(self, side: Side) -> tuple[Exchange, ...]:
        """The channel's requests `side` makes (operations with an answer)."""
        return tuple(e for e in self.exchanges if e.sender == side and e.answer is not None)

    def answers_to(self, key: str, side: Side) -> tuple[tuple[str, str], ...]:
        """The replies `side` can expect after sending `key` here: `(channel id, key)` pairs."""
        found = [
            (exchange.answer.channel_id, reply)
            for exchange in self.requests(side)
            if key in exchange.message_keys and exchange.answer is not None
            for reply in exchange.answer.message_keys
        ]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Conversation:
    """A spec's conversation: which end it describes, and the traffic of every channel."""

    perspective: Perspective
    channels: dict[str, ChannelConversation]

    @property
    def application(self) -> Side:
        """The end the document describes."""
        return self.perspective.application

    def of(self, channel_id: str) -> ChannelConversation:
        """The conversation on one channel (an empty one for a channel the spec lacks)."""
        return self.channels.get(channel_id) or ChannelConversation(channel_id)

    def sender(self, operation: Operation) -> Side:
        """Who sends the messages of `operation`."""
        return self.perspective.sender(operation.action)


def conversation(spec: Spec, application: Side | None = None) -> Conversation:
    """Read every operation of `spec` into traffic between its two ends, once.

    `application` overrides which end the document describes (see `perspective`).
    """
    view = perspective(spec, application)
    exchanges = [_exchange(spec, operation, view) for operation in spec.operations]
    own: dict[str, list[Exchange]] = {}
    elsewhere: dict[str, list[Exchange]] = {}
    for exchange in exchanges:
        own.setdefault(exchange.channel_id, []).append(exchange)
        answer = exchange.answer
        if answer is not None and answer.channel_id != exchange.channel_id:
            elsewhere.setdefault(answer.channel_id, []).append(exchange)
    return Conversation(
        view,
        {
            channel.id: _channel(channel, own.get(channel.id, []), elsewhere.get(channel.id, []))
            for channel in spec.channels
        },
    )


def _exchange(spec: Spec, operation: Operation, view: Perspective) -> Exchange:
    sender = view.sender(operation.action)
    reply = operation.reply
    if reply is None:
        return Exchange(operation, sender)
    target = reply.channel_id or operation.channel_id
    correlation = _correlation_id(
        spec, [(operation.channel_id, operation.message_keys), (target, reply.message_keys)]
    )
    return Exchange(
        operation, sender, Answer(target, reply.message_keys, reply.address_location, correlation)
    )


def _correlation_id(spec: Spec, where: Iterable[tuple[str, tuple[str, ...]]]) -> str:
    """The first correlation id location of the messages named, requests before replies."""
    for channel_id, keys in where:
        channel = spec.channel(channel_id)
        by_key = {m.key: m for m in channel.messages} if channel is not None else {}
        for key in keys:
            message = by_key.get(key)
            if message is not None and message.correlation_id is not None:
                return message.correlation_id.location
    return ""


def _channel(
    channel: Channel, own: list[Exchange], answered_here: list[Exchange]
) -> ChannelConversation:
    """The traffic of one channel: its own exchanges, and replies arriving from elsewhere."""
    sent: dict[Side, dict[str, None]] = {side: {} for side in SIDES}
    for exchange in own:
        sent[exchange.sender].update(dict.fromkeys(exchange.message_keys))
        answer = exchange.answer
        if answer is not None and answer.channel_id == channel.id:
            sent[exchange.receiver].update(dict.fromkeys(answer.message_keys))
    for exchange in answered_here:
        if exchange.answer is not None:
            sent[exchange.receiver].update(dict.fromkeys(exchange.answer.message_keys))
    named = {key for keys in sent.values() for key in keys}
    return ChannelConversation(
        channel.id,
        exchanges=tuple(own),
        answered_here=tuple(answered_here),
        sent={side: tuple(keys) for side, keys in sent.items()},
        undirected=tuple(m.key for m in channel.messages if m.key not in named),
    )
