"""A channel's conversation as rows of a sequence diagram: the flow model the writers draw.

A WebSocket channel is one connection: a handshake, then messages both ways, some of them
answers to others. `channel_flow` lays out what the spec's conversation model
(`document.conversation`) says travels over the channel, as the *client* sees it: requests with
their replies under them, what the server pushes on its own, and what nobody is said to send,
cut to fit about one screen. It decides no direction: every arrow's sender comes from the model.
`svg` and `mermaid` write the flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from asyncapi_ws_docs.document.conversation import other
from asyncapi_ws_docs.page.labels import ENGLISH_LABELS, Labels

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from asyncapi_ws_docs.document.conversation import Conversation, Exchange, Perspective, Side
    from asyncapi_ws_docs.document.model import Channel, Spec
    from asyncapi_ws_docs.page.links import Linker

Kind = Literal["message", "request", "reply", "stream", "more", "undirected"]

MAX_ROWS = 12
"""Message rows drawn at most: past that the diagram groups the rest ("and 40 more"), so a
channel of 48 messages still fits about one screen."""


# -- The flow model ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Arrow:
    """One row of the diagram: a message from `sender`, or a note across both lifelines."""

    sender: Side
    label: str
    kind: Kind = "message"
    href: str = ""
    """`#anchor` of the message's section on this page, or "" for no link."""
    note: str = ""
    """A short remark under the label: "on channel pong"."""
    key: str = ""
    """The message key, or "" for rows that are not one message (handshake, "more")."""


@dataclass(frozen=True)
class Handshake:
    """The upgrade request and its answer."""

    method: str
    path: str
    query: tuple[str, ...]
    headers: tuple[str, ...]

    def request_line(self) -> str:
        """`GET /v1/{venue}?depth&format`: the method, the path and the required query names."""
        query = f"?{'&'.join(self.query)}" if self.query else ""
        return f"{self.method} {self.path}{query}"


@dataclass(frozen=True)
class Flow:
    """A channel's conversation, top to bottom, as the client sees it.

    `exchanges` are requests (each followed by its replies) and messages sent without a
    reply, in document order; `streams` what the server pushes on its own, any number of
    times; `undirected` messages of the channel that no operation names, so nobody says who
    sends them. Each list is already cut to fit `MAX_ROWS`; a cut one ends with a `more` row.
    """

    id: str
    title: str
    perspective: Perspective
    application_name: str
    handshake: Handshake
    exchanges: tuple[Arrow, ...] = ()
    streams: tuple[Arrow, ...] = ()
    undirected: tuple[Arrow, ...] = ()
    client_kinds: int = 0
    server_kinds: int = 0
    pairs: int = 0
    undirected_kinds: int = 0
    hidden: int = 0
    labels: Labels = ENGLISH_LABELS
    """The language of the diagram's words."""

    def side(self, side: Side) -> str:
        """`client` or `server` in the diagram's language, as a word in a sentence."""
        return self.labels[f"side_{side}"]

    @property
    def summary(self) -> str:
        """One line for the overview: "client → 2 kinds · server → 3 kinds · 1 request/reply"."""
        say = self.labels
        counts: tuple[tuple[Side, int], ...] = (
            ("client", self.client_kinds),
            ("server", self.server_kinds),
        )
        parts = [
            say.fill(
                "flow_kinds_one" if count == 1 else "flow_kinds", side=self.side(side), count=count
            )
            for side, count in counts
            if count
        ]
        if self.pairs:
            parts.append(
                say.fill("flow_pairs_one" if self.pairs == 1 else "flow_pairs", count=self.pairs)
            )
        if self.undirected_kinds:
            count = self.undirected_kinds
            parts.append(
                say.fill("flow_undirected_one" if count == 1 else "flow_undirected", count=count)
            )
        return " · ".join(parts) or say.flow_none

    @property
    def note(self) -> str:
        """How to read the arrows: which end the document describes, and why."""
        view = self.perspective
        app = view.application
        return self.labels.fill(
            "diagram_note",
            application=self.side(app),
            reason=self.labels.fill(f"why_{view.rule}_{app}", subject=view.subject),
            other=self.side(other(app)),
        )


class _FlowBuilder:
    """Lays one channel's exchanges out as rows (see `channel_flow`)."""

    def __init__(  # noqa: PLR0913 (keyword-only settings of one diagram)
        self,
        spec: Spec,
        channel: Channel,
        links: Linker,
        talk: Conversation,
        *,
        linked: bool,
        labels: Labels,
    ) -> None:
        self.spec = spec
        self.labels = labels
        self.channel = channel
        self.links = links
        self.talk = talk
        self.linked = linked
        self.exchanges: list[list[Arrow]] = []
        self.streams: list[list[Arrow]] = []
        self.replies_of: dict[tuple[str, tuple[str, ...]], list[Arrow]] = {}
        self.drawn: set[tuple[Side, str]] = set()
        self.kinds: dict[Side, set[tuple[str, str]]] = {"client": set(), "server": set()}
        self.pairs = 0
        self._labels: dict[str, dict[str, str]] = {}

    def label(self, channel_id: str, key: str) -> str:
        """The name a reader knows a message by (its title, name or key)."""
        if channel_id not in self._labels:
            channel = self.spec.channel(channel_id)
            messages = channel.messages if channel is not None else ()
            self._labels[channel_id] = {m.key: m.label for m in messages}
        return self._labels[channel_id].get(key, key)

    def href(self, channel_id: str, anchor: str, label: str) -> str:
        """`#anchor` when the anchor is on this page (the SVG is HTML: no `.md` links)."""
        if not self.linked:
            return ""
        link = self.links.to_anchor(label, channel_id, anchor, here=self.channel.id)
        return link.href if link.href.startswith("#") else ""

    def message(self, sender: Side, channel_id: str, key: str, kind: Kind) -> Arrow:
        here = channel_id == self.channel.id
        return Arrow(
            sender,
            self.label(channel_id, key),
            kind,
            self.href(channel_id, self.links.message_anchor(channel_id, key), key),
            "" if here else self.labels.fill("on_channel", channel=channel_id),
            key,
        )

    def exchange(self, exchange: Exchange) -> None:
        """One operation of the channel: plain messages, or a request and its replies."""
        here = self.channel.id
        sender = exchange.sender
        keys = [k for k in dict.fromkeys(exchange.message_keys) if (sender, k) not in self.drawn]
        self.kinds[sender].update((here, k) for k in exchange.message_keys)
        self.drawn.update((sender, k) for k in keys)
        answer = exchange.answer
        if answer is None:
            kind: Kind = "stream" if sender == "server" else "message"
            blocks = self.streams if kind == "stream" else self.exchanges
            blocks.extend([self.message(sender, here, k, kind)] for k in keys)
            return
        self.pairs += 1
        requests = [self.message(sender, here, k, "request") for k in keys]
        target = answer.channel_id
        self.kinds[exchange.receiver].update((target, k) for k in answer.message_keys)
        shared = self.replies_of.get((target, answer.message_keys))
        if shared is not None:  # the same replies as an earlier request: one block for both
            first_reply = next((i for i, a in enumerate(shared) if a.kind == "reply"), len(shared))
            shared[first_reply:first_reply] = requests
            return
        replies = [self.message(exchange.receiver, target, k, "reply") for k in answer.message_keys]
        if target != here:  # the reply's section is on the other channel's page
            operation = exchange.operation
            anchor = self.links.anchor(here, "operation", operation.id or operation.keyword)
            replies = [_with_href(a, self.href(here, anchor, a.label)) for a in replies]
        block = [*requests, *replies]
        self.replies_of[(target, answer.message_keys)] = block
        self.exchanges.append(block)

    def answered_here(self, exchange: Exchange) -> None:
        """A request made on another channel whose replies arrive on this one."""
        here = self.channel.id
        sender = exchange.sender
        keys = exchange.answer.message_keys if exchange.answer is not None else ()
        self.kinds[exchange.receiver].update((here, k) for k in keys)
        operation = exchange.operation
        requests = [
            self.message(sender, exchange.channel_id, k, "request") for k in exchange.message_keys
        ] or [
            Arrow(
                sender,
                operation.id or operation.keyword,
                "request",
                note=self.labels.fill("on_channel", channel=exchange.channel_id),
            )
        ]
        self.exchanges.append(
            [*requests, *(self.message(exchange.receiver, here, k, "reply") for k in keys)]
        )

    def build(self) -> Flow:
        channel = self.channel
        traffic = self.talk.of(channel.id)
        for exchange in traffic.exchanges:
            self.exchange(exchange)
        for exchange in traffic.answered_here:
            self.answered_here(exchange)
        undirected = [
            [self.message("client", channel.id, key, "undirected")] for key in traffic.undirected
        ]
        (exchanges, streams, undirected_rows), hidden = _fit(
            [_split(self.exchanges), self.streams, undirected], self.labels
        )
        return Flow(
            id=self.links.anchor(channel.id, "asyncapi-diagram"),
            title=channel.title or channel.id,
            perspective=self.talk.perspective,
            application_name=self.spec.info.title,
            handshake=_handshake(channel),
            exchanges=exchanges,
            streams=streams,
            undirected=undirected_rows,
            client_kinds=len(self.kinds["client"]),
            server_kinds=len(self.kinds["server"]),
            pairs=self.pairs,
            undirected_kinds=len(undirected),
            hidden=hidden,
            labels=self.labels,
        )


def channel_flow(  # noqa: PLR0913 (keyword-only settings of one diagram)
    spec: Spec,
    channel: Channel,
    links: Linker,
    talk: Conversation,
    *,
    linked: bool = True,
    labels: Labels = ENGLISH_LABELS,
) -> Flow:
    """The conversation on `channel`: messages in their direction, replies under requests.

    `talk` is the spec's conversation (`document.conversation.conversation`), which says who sends
    what; `linked`: the channel's message sections are on the same page, so labels link to
    them. A message several operations share appears once per direction; requests with the
    same replies share one block, the replies under the last request.
    """
    return _FlowBuilder(spec, channel, links, talk, linked=linked, labels=labels).build()


def _with_href(arrow: Arrow, href: str) -> Arrow:
    return Arrow(arrow.sender, arrow.label, arrow.kind, href, arrow.note, arrow.key)


def _handshake(channel: Channel) -> Handshake:
    ws = channel.ws
    query = ws.query if ws is not None else None
    headers = ws.headers if ws is not None else None
    return Handshake(
        method=(ws.method if ws is not None and ws.method else "GET"),
        path=channel.address if channel.address is not None else "(address not known)",
        query=tuple(p.name for p in query.properties if p.required) if query else (),
        headers=tuple(p.name for p in headers.properties if p.required) if headers else (),
    )


_BLOCK = 4
"""Rows of a request and its replies kept together at most when the diagram is cut."""


def _split(blocks: list[list[Arrow]]) -> list[list[Arrow]]:
    """Blocks longer than `_BLOCK` in pieces, so one request with 30 replies can be cut."""
    return [block[i : i + _BLOCK] for block in blocks for i in range(0, len(block), _BLOCK)]


def _fit(parts: list[list[list[Arrow]]], labels: Labels) -> tuple[list[tuple[Arrow, ...]], int]:
    """Each part's rows, cut so that all of them fit `MAX_ROWS` with their "more" rows.

    Parts take whole blocks in turn (a request stays with its replies), so a small part is
    never crowded out by a large one. Returns the rows of each part and how many were left out.
    """
    total = sum(len(block) for part in parts for block in part)
    if total <= MAX_ROWS:
        return [tuple(a for block in part for a in block) for part in parts], 0
    for reserve in range(1, len(parts) + 1):
        taken = _take(parts, MAX_ROWS - reserve)
        cut = sum(1 for part, count in zip(parts, taken, strict=True) if count < len(part))
        if cut <= reserve:
            break
    rows: list[tuple[Arrow, ...]] = []
    hidden = 0
    for part, count in zip(parts, taken, strict=True):
        shown = [a for block in part[:count] for a in block]
        left = [a for block in part[count:] for a in block]
        if left:
            hidden += len(left)
            first = next((a.href for a in left if a.href), "")
            more = Arrow(
                left[0].sender, labels.fill("n_more_below", count=len(left)), "more", first
            )
            shown.append(more)
        rows.append(tuple(shown))
    return rows, hidden


def _take(parts: list[list[list[Arrow]]], budget: int) -> list[int]:
    """How many blocks of each part fit `budget` rows, taking one block per part in turn."""
    taken = [0] * len(parts)
    used = 0
    progress = True
    while progress:
        progress = False
        for index, part in enumerate(parts):
            if taken[index] < len(part) and used + len(part[taken[index]]) <= budget:
                used += len(part[taken[index]])
                taken[index] += 1
                progress = True
    return taken


# -- In words ----------------------------------------------------------------------------------


def _names(rows: Iterable[Arrow]) -> str:
    return ", ".join(row.label for row in rows)


def describe(flow: Flow) -> str:
    """The diagram in words, for its `<desc>` (screen readers read it)."""
    shake = flow.handshake
    say = flow.labels
    headers = (
        say.fill("required_headers", headers=", ".join(shake.headers)) if shake.headers else ""
    )
    sentences = [say.fill("opens_with", request=shake.request_line(), headers=headers)]
    for block in _blocks(flow.exchanges):
        first = block[0]
        if first.kind == "more":
            sentences.append(f"{first.label.capitalize()}.")
            continue
        requests = [a for a in block if a.kind != "reply"]
        replies = [a for a in block if a.kind == "reply"]
        sentence = say.fill("side_sends", side=flow.side(first.sender), names=_names(requests))
        if replies:
            names = _names(replies)
            sentence += say.fill("side_replies", side=flow.side(replies[0].sender), names=names)
            if replies[0].note:
                sentence += f" {replies[0].note}"
        sentences.append(sentence + say.sentence_end)
    if flow.streams:
        sentences.append(say.fill("server_streams", names=message_list(flow.streams)))
    if flow.undirected:
        sentences.append(say.fill("nobody_says", names=message_list(flow.undirected)))
    return " ".join(sentences)


def message_list(rows: tuple[Arrow, ...]) -> str:
    """The labels of a run of rows, with its "and N more" row last: for sentences and notes."""
    names = _names(r for r in rows if r.kind != "more")
    more = next((r.label for r in rows if r.kind == "more"), "")
    return f"{names}, {more}" if names and more else names or more


def _blocks(rows: tuple[Arrow, ...]) -> Iterator[list[Arrow]]:
    """Rows grouped for reading: requests with the replies under them, or messages in a row.

    A run of messages one side sends in a row reads as one sentence ("the client sends a, b").
    """
    block: list[Arrow] = []
    for row in rows:
        last = block[-1] if block else row
        same_run = row.kind == last.kind == "message" and row.sender == last.sender
        continues = row.kind == "reply" or row.kind == last.kind == "request"
        if block and not (same_run or continues):
            yield block
            block = []
        block.append(row)
    if block:
        yield block
