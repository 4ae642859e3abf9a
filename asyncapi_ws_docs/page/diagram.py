"""A channel's conversation as a sequence diagram: a flow model, and SVG and Mermaid writers.

A WebSocket channel is one connection: a handshake, then messages both ways, some of them
answers to others. `channel_flow` reads that from the model (who sends what, which replies
follow which requests) as the *client* sees it; `svg` draws it as inline SVG at build time
(no script, no network, it follows the theme's palette through `currentColor`), and `mermaid`
writes the same diagram as Mermaid source, for readers who paste it elsewhere.

Nothing here knows about MkDocs or Markdown. Text is escaped for XML (and against Jinja-running
plugins) here; the template only places the finished markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from asyncapi_ws_docs.page.text import escape_html

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from asyncapi_ws_docs.page.links import Linker
    from asyncapi_ws_docs.spec.model import Channel, Operation, Spec

Side = Literal["client", "server"]
Kind = Literal["message", "request", "reply", "stream", "more", "undirected"]

MODES = ("svg", "mermaid", "off")
"""What the `diagram` option may ask for: inline SVG (default), a Mermaid block, or nothing."""

MAX_ROWS = 12
"""Message rows drawn at most: past that the diagram groups the rest ("and 40 more"), so a
channel of 48 messages still fits about one screen."""

_CLIENT_WORDS = frozenset(
    {"subscribe", "unsubscribe", "ping", "login", "auth", "authenticate", "request"}
)
"""Operation words of what a client says to a WebSocket API (`subscribeToTicker`, `sendPing`,
`streamManagementRequest`): the server receives these."""


_SIDES: tuple[Side, Side] = ("client", "server")


def _other(side: Side) -> Side:
    return "server" if side == "client" else "client"


def mode_of(value: object) -> str:
    """The diagram mode an option value asks for: `false`/`off` give "off"; else checked."""
    if value is False or (isinstance(value, str) and value.lower() in ("false", "off", "no")):
        return "off"
    text = str(value).lower()
    if text not in MODES:
        message = f"`diagram: {value}` is not one of svg, mermaid, false"
        raise ValueError(message)
    return text


# -- Which end the document describes ----------------------------------------------------------


@dataclass(frozen=True)
class Perspective:
    """The end of the connection the document describes (its "application"), and why."""

    application: Side
    reason: str

    def sender(self, action: str) -> Side:
        """Who sends a message of an operation with this `action` (`send` or `receive`)."""
        return self.application if action == "send" else _other(self.application)


def perspective(spec: Spec) -> Perspective:
    """Decide which end the document describes, so arrows point the way messages travel.

    Operations say what *the application* does: 3.x `send` and 2.x `subscribe` (which the
    model reads as `send`: "messages produced by the application") mean the application
    sends; 3.x `receive` and 2.x `publish` mean it receives. Whether a `send` goes from the
    server to the client or the other way depends on which end the application is, and
    WebSocket documents are written from both: the Kraken and Gemini examples of the AsyncAPI
    spec describe the server (`receivePing`, `sendMarketData`), the generator's Postman and
    Slack fixtures describe a client. The first rule that tells decides:

    1. the title says so: "client" or "server" as a word (not both);
    2. the request/reply operations: a WebSocket client asks and the server answers, so an
       application whose `reply` operations all `receive` is the server, one whose all `send`
       is the client;
    3. the operations named after what clients say (`subscribe`, `unsubscribe`, `ping`,
       `login`, `auth`, `request`): the application that receives them is the server, the
       one that sends them the client;
    4. otherwise the server: a WebSocket API is usually documented by its provider, and 2.x
       documents read `publish` as what clients publish to it (asyncapi/spec#253).
    """
    for rule in (_by_title, _by_replies, _by_client_words):
        found = rule(spec)
        if found is not None:
            return found
    if spec.major == 2:
        return Perspective("server", "as 2.x reads it: clients publish to the server")
    return Perspective("server", "nothing in it says otherwise")


def _by_title(spec: Spec) -> Perspective | None:
    words = set(_words(spec.info.title))
    if ("client" in words) == ("server" in words):
        return None
    side: Side = "client" if "client" in words else "server"
    return Perspective(side, f"its title says “{side}”")


def _by_replies(spec: Spec) -> Perspective | None:
    actions = {op.action for op in spec.operations if op.reply is not None}
    if actions == {"receive"}:
        return Perspective("server", "it receives the requests it replies to")
    if actions == {"send"}:
        return Perspective("client", "it sends requests and receives their replies")
    return None


def _by_client_words(spec: Spec) -> Perspective | None:
    saying = [op for op in spec.operations if _CLIENT_WORDS & set(_operation_words(op))]
    actions = {op.action for op in saying}
    if len(actions) != 1:
        return None
    name = saying[0].id or saying[0].title
    if actions == {"receive"}:
        return Perspective("server", f"it receives “{name}”, as servers do")
    return Perspective("client", f"it sends “{name}”, as clients do")


def _words(text: str) -> list[str]:
    """Lower-case words of an id or a title: `subscribeToTicker` gives subscribe, to, ticker."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)
    return re.findall(r"[a-z]+", spaced.lower())


def _operation_words(operation: Operation) -> list[str]:
    return _words(f"{operation.id} {operation.title}")


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

    @property
    def summary(self) -> str:
        """One line for the overview: "client → 2 kinds · server → 3 kinds · 1 request/reply"."""
        parts = [
            f"{side} → {count} kind{'s' if count != 1 else ''}"
            for side, count in (("client", self.client_kinds), ("server", self.server_kinds))
            if count
        ]
        if self.pairs:
            parts.append(f"{self.pairs} request/repl{'ies' if self.pairs != 1 else 'y'}")
        if self.undirected_kinds:
            count = self.undirected_kinds
            parts.append(f"{count} kind{'s' if count != 1 else ''} with no direction declared")
        return " · ".join(parts) or "no messages declared"

    @property
    def note(self) -> str:
        """How to read the arrows: which end the document describes, and why."""
        app = self.perspective.application
        return (
            f"Arrows point the way messages travel. This document describes the {app} "
            f"({self.perspective.reason}): what it sends goes to the {_other(app)}."
        )


class _FlowBuilder:
    """Reads one channel's operations into rows (see `channel_flow`)."""

    def __init__(
        self, spec: Spec, channel: Channel, links: Linker, view: Perspective, *, linked: bool
    ) -> None:
        self.spec = spec
        self.channel = channel
        self.links = links
        self.view = view
        self.linked = linked
        self.exchanges: list[list[Arrow]] = []
        self.streams: list[list[Arrow]] = []
        self.replies_of: dict[tuple[str, tuple[str, ...]], list[Arrow]] = {}
        self.drawn: set[tuple[Side, str]] = set()
        self.named: set[str] = set()
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
            "" if here else f"on channel {channel_id}",
            key,
        )

    def operation(self, operation: Operation) -> None:
        """One operation of the channel: plain messages, or a request and its replies."""
        here = self.channel.id
        sender = self.view.sender(operation.action)
        keys = [k for k in dict.fromkeys(operation.message_keys) if (sender, k) not in self.drawn]
        self.named.update(operation.message_keys)
        self.kinds[sender].update((here, k) for k in operation.message_keys)
        self.drawn.update((sender, k) for k in keys)
        reply = operation.reply
        if reply is None:
            kind: Kind = "stream" if sender == "server" else "message"
            blocks = self.streams if kind == "stream" else self.exchanges
            blocks.extend([self.message(sender, here, k, kind)] for k in keys)
            return
        self.pairs += 1
        requests = [self.message(sender, here, k, "request") for k in keys]
        target = reply.channel_id or here
        answerer = _other(sender)
        self.kinds[answerer].update((target, k) for k in reply.message_keys)
        if target == here:
            self.named.update(reply.message_keys)
        shared = self.replies_of.get((target, reply.message_keys))
        if shared is not None:  # the same replies as an earlier request: one block for both
            first_reply = next((i for i, a in enumerate(shared) if a.kind == "reply"), len(shared))
            shared[first_reply:first_reply] = requests
            return
        replies = [self.message(answerer, target, k, "reply") for k in reply.message_keys]
        if target != here:  # the reply's section is on the other channel's page
            anchor = self.links.anchor(here, "operation", operation.id or operation.keyword)
            replies = [_with_href(a, self.href(here, anchor, a.label)) for a in replies]
        block = [*requests, *replies]
        self.replies_of[(target, reply.message_keys)] = block
        self.exchanges.append(block)

    def answered_here(self, operation: Operation) -> None:
        """A request made on another channel whose replies arrive on this one."""
        here = self.channel.id
        sender = self.view.sender(operation.action)
        answerer = _other(sender)
        keys = operation.reply.message_keys if operation.reply is not None else ()
        self.named.update(keys)
        self.kinds[answerer].update((here, k) for k in keys)
        requests = [
            self.message(sender, operation.channel_id, k, "request") for k in operation.message_keys
        ] or [
            Arrow(
                sender,
                operation.id or operation.keyword,
                "request",
                note=f"on channel {operation.channel_id}",
            )
        ]
        self.exchanges.append(
            [*requests, *(self.message(answerer, here, k, "reply") for k in keys)]
        )

    def build(self) -> Flow:
        channel = self.channel
        for operation in self.spec.operations_of(channel):
            self.operation(operation)
        for operation in self.spec.replies_to(channel):
            self.answered_here(operation)
        undirected = [
            [self.message("client", channel.id, m.key, "undirected")]
            for m in channel.messages
            if m.key not in self.named
        ]
        (exchanges, streams, undirected_rows), hidden = _fit(
            [_split(self.exchanges), self.streams, undirected]
        )
        return Flow(
            id=self.links.anchor(channel.id, "asyncapi-diagram"),
            title=channel.title or channel.id,
            perspective=self.view,
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
        )


def channel_flow(
    spec: Spec,
    channel: Channel,
    links: Linker,
    *,
    view: Perspective | None = None,
    linked: bool = True,
) -> Flow:
    """The conversation on `channel`: messages in their direction, replies under requests.

    `view` is the spec's `perspective` (computed when not given); `linked`: the channel's
    message sections are on the same page, so labels link to them. A message several
    operations share appears once per direction; requests with the same replies share one
    block, the replies under the last request.
    """
    return _FlowBuilder(spec, channel, links, view or perspective(spec), linked=linked).build()


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


def _fit(parts: list[list[list[Arrow]]]) -> tuple[list[tuple[Arrow, ...]], int]:
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
            more = Arrow(left[0].sender, f"and {len(left)} more, listed below", "more", first)
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


# -- SVG ---------------------------------------------------------------------------------------

FONT = 13
SMALL = 11
CHAR = 0.6
"""Width of a character in ems, on the wide side: labels are cut before they could overflow."""
BOX_W = 112
SIDE = 62
"""Distance from the edge of the picture to a lifeline."""
MIN_GAP, MAX_GAP = 216, 260
"""The space between the lifelines: at most 384 units in all, so at 360 px text stays 11 px."""
ROW = 30
SCALE = 1.25
"""The largest scale on wide screens (CSS px per unit): 13-unit text at most about 16 px."""


def _width(text: str, size: int = FONT) -> float:
    return len(text) * size * CHAR


def _cut(text: str, room: float, size: int = FONT) -> tuple[str, bool]:
    """`text` cut with an ellipsis to fit `room` units; and whether it was cut."""
    fits = max(4, int(room / (size * CHAR)))
    return (text, False) if len(text) <= fits else (text[: fits - 1].rstrip() + "…", True)


class _Svg:
    """Writes one flow as SVG, top to bottom."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        rows = [*flow.exchanges, *flow.streams, *flow.undirected]
        shake = flow.handshake
        wanted = max(
            [
                _width(f"{shake.method} {shake.path}"),
                _width(f"?{'&'.join(shake.query)}"),
                *(max(_width(a.label), _width(a.note, SMALL)) for a in rows if a.kind != "more"),
            ]
        )
        self.gap = min(MAX_GAP, max(MIN_GAP, wanted + 40))
        self.width = self.gap + 2 * SIDE
        self.client_x = SIDE
        self.server_x = SIDE + self.gap
        self.y = 8.0
        self.out: list[str] = []

    def x(self, side: Side) -> float:
        return self.client_x if side == "client" else self.server_x

    def text(  # noqa: PLR0913 (keyword-only look of one label)
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: int = FONT,
        room: float | None = None,
        href: str = "",
        extra: str = "",
    ) -> None:
        """A centred label, cut to `room` with the whole text in a `<title>`; linked if `href`."""
        shown, cut = _cut(text, room if room is not None else self.gap - 24, size)
        title = f"<title>{escape_html(text)}</title>" if cut else ""
        size_attr = "" if size == FONT else f' font-size="{size}"'
        element = (
            f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="middle"{size_attr}{extra}>'
            f"{title}{escape_html(shown)}</text>"
        )
        if href:
            # `xlink:href`, not `href`: Material's instant navigation rewrites every `[href]`
            # of a page by assigning to its `href` property, read-only on an SVG link (an
            # error on every page). Chromium then keeps the link focusable but names no role.
            element = f'<a role="link" xlink:href="{escape_html(href)}">{element}</a>'
        self.out.append(element)

    def arrow(self, sender: Side, y: float, *, dashed: bool = False, faint: bool = False) -> None:
        start, end = self.x(sender), self.x(_other(sender))
        step = 9 if end > start else -9
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        look = ' class="asyncapi-d-faint" opacity="0.6"' if faint else ""
        self.out.append(
            f'<g{look}><line x1="{_n(start)}" y1="{_n(y)}" x2="{_n(end - step)}" y2="{_n(y)}" '
            f'stroke="currentColor" stroke-width="1.5"{dash}/>'
            f'<path d="M{_n(end)} {_n(y)}l{_n(-step)} -4.5v9z" stroke="none"/></g>'
        )

    def message_row(self, arrow: Arrow) -> None:
        """A labelled arrow; a reply dashed; a `more` or undirected row as centred text."""
        middle = (self.client_x + self.server_x) / 2
        if arrow.kind == "more":
            self.text(
                middle, self.y + 16, arrow.label, href=arrow.href, extra=' font-style="italic"'
            )
            self.y += 24
            return
        if arrow.kind == "undirected":
            self.text(middle, self.y + 16, arrow.label, href=arrow.href)
            self.y += 24
            return
        extra = self.labelled(middle, self.y + 13, arrow)
        faint = arrow.kind == "request" and bool(arrow.note)  # a request on another channel
        self.arrow(arrow.sender, self.y + 20 + extra, dashed=arrow.kind == "reply", faint=faint)
        self.y += ROW + extra

    def labelled(self, x: float, y: float, arrow: Arrow) -> float:
        """An arrow's label, and its note in small type on a line of its own; the height."""
        self.text(x, y, arrow.label, href=arrow.href)
        if not arrow.note:
            return 0
        self.text(x, y + 13, arrow.note, size=SMALL, extra=' opacity="0.8"')
        return 13

    def heads(self) -> None:
        """The two participants, the documented one with its title when that is short."""
        app = self.flow.perspective.application
        for side in _SIDES:
            x = self.x(side)
            self.out.append(
                f'<rect class="asyncapi-d-box" x="{_n(x - BOX_W / 2)}" y="{_n(self.y)}" '
                f'width="{BOX_W}" height="40" rx="6" fill="none" stroke="currentColor"/>'
            )
            name = side.capitalize()
            self.text(
                x,
                self.y + (18 if side == app else 25),
                name,
                room=BOX_W - 12,
                extra=' font-weight="bold"',
            )
            if side == app:
                self.text(
                    x,
                    self.y + 33,
                    self.flow.application_name,
                    size=SMALL,
                    room=BOX_W - 12,
                    extra=' opacity="0.8"',
                )
        self.y += 48

    def handshake(self) -> None:
        middle = (self.client_x + self.server_x) / 2
        shake = self.flow.handshake
        lines = [f"{shake.method} {shake.path}"]
        if shake.query:
            lines.append(f"?{'&'.join(shake.query)}")
        for index, line in enumerate(lines):
            self.text(middle, self.y + 13 + 16 * index, line, extra=' font-family="monospace"')
        y = self.y + 13 + 16 * len(lines)
        if shake.headers:
            self.text(
                middle,
                y,
                f"headers: {', '.join(shake.headers)}",
                size=SMALL,
                extra=' opacity="0.8"',
            )
            y += 14
        self.arrow("client", y - 6)
        self.y = y + 2
        self.text(middle, self.y + 13, "101 Switching Protocols")
        self.arrow("server", self.y + 20, dashed=True)
        self.y += ROW
        self.divider("WebSocket open")

    def divider(self, label: str) -> None:
        """A rule across both lifelines with a label in a gap in its middle."""
        middle = (self.client_x + self.server_x) / 2
        half = _width(label, SMALL) / 2 + 6
        y = self.y + 10
        for x1, x2 in ((8, middle - half), (middle + half, self.width - 8)):
            self.out.append(
                f'<line x1="{_n(x1)}" y1="{_n(y)}" x2="{_n(x2)}" y2="{_n(y)}" '
                'stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="2 3"/>'
            )
        self.text(middle, y + 4, label, size=SMALL, extra=' opacity="0.8"')
        self.y += 22

    def frame(self, label: str, rows: tuple[Arrow, ...]) -> None:
        """Rows inside a box with a tab (`repeats`, as in UML's `loop` fragments)."""
        top = self.y
        self.y += 22
        for row in rows:
            self.message_row(row)
        height = self.y - top + 4
        tab = _width(label, SMALL) + 14
        self.out.insert(
            self.frame_at,
            f'<rect class="asyncapi-d-frame" x="6" y="{_n(top)}" width="{_n(self.width - 12)}" '
            f'height="{_n(height)}" rx="4" fill="none" stroke="currentColor" '
            'stroke-opacity="0.45"/>'
            f'<path d="M6 {_n(top + 16)}h{_n(tab)}l6 -6v-10" fill="none" stroke="currentColor" '
            'stroke-opacity="0.45"/>',
        )
        self.out.append(
            f'<text x="12" y="{_n(top + 12)}" font-size="{SMALL}" font-weight="bold">'
            f"{escape_html(label)}</text>"
        )
        self.y += 10

    def write(self) -> str:
        flow = self.flow
        self.heads()
        lifelines_at = len(self.out)
        self.handshake()
        for row in flow.exchanges:
            self.message_row(row)
        if flow.streams:
            self.frame_at = len(self.out)
            self.frame("repeats", flow.streams)
        if flow.undirected:
            self.frame_at = len(self.out)
            self.frame("direction not declared", flow.undirected)
        if not (flow.exchanges or flow.streams or flow.undirected):
            self.text(
                (self.client_x + self.server_x) / 2,
                self.y + 16,
                "No messages are declared.",
                extra=' font-style="italic"',
            )
            self.y += 24
        bottom = self.y + 6
        self.out.insert(
            lifelines_at,
            "".join(
                f'<line class="asyncapi-d-life" x1="{_n(x)}" y1="56" x2="{_n(x)}" '
                f'y2="{_n(bottom)}" stroke="currentColor" stroke-opacity="0.35" '
                'stroke-dasharray="4 4"/>'
                for x in (self.client_x, self.server_x)
            ),
        )
        height = bottom + 8
        ident = escape_html(flow.id)
        svg_open = (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'class="asyncapi-diagram-svg" '
            f'role="img" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
            f'viewBox="0 0 {_n(self.width)} {_n(height)}" width="100%" '
            f'style="max-width: {_n(self.width * SCALE)}px" font-size="{FONT}" '
            'fill="currentColor">'
        )
        title = escape_html(f"Message flow of channel {flow.title}")
        return "\n".join(
            [
                svg_open,
                f'<title id="{ident}-title">{title}</title>',
                f'<desc id="{ident}-desc">{escape_html(describe(flow))}</desc>',
                *self.out,
                "</svg>",
            ]
        )

    frame_at = 0


def _n(value: float) -> str:
    """A coordinate without needless decimals: `12`, `12.5`."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def svg(flow: Flow) -> str:
    """The flow as an inline SVG element (one line per element, no blank line).

    It scales to its container (`viewBox`, `width="100%"`, a `max-width`), draws in
    `currentColor` so it follows the page's light or dark palette, and is an image with an
    accessible name and description (`role="img"`, `<title>`, `<desc>`, ids from `flow.id`).
    Labels link to the messages' sections on the page.
    """
    return _Svg(flow).write()


def _names(rows: Iterable[Arrow]) -> str:
    return ", ".join(row.label for row in rows)


def describe(flow: Flow) -> str:
    """The diagram in words, for its `<desc>` (screen readers read it)."""
    shake = flow.handshake
    headers = f" (required headers: {', '.join(shake.headers)})" if shake.headers else ""
    opening = f"The client opens the WebSocket with {shake.request_line()}{headers}"
    sentences = [f"{opening}; the server answers 101 Switching Protocols."]
    for block in _blocks(flow.exchanges):
        first = block[0]
        if first.kind == "more":
            sentences.append(f"{first.label.capitalize()}.")
            continue
        requests = [a for a in block if a.kind != "reply"]
        replies = [a for a in block if a.kind == "reply"]
        sentence = f"The {first.sender} sends {_names(requests)}"
        if replies:
            sentence += f"; the {replies[0].sender} replies {_names(replies)}"
            if replies[0].note:
                sentence += f" {replies[0].note}"
        sentences.append(sentence + ".")
    if flow.streams:
        sentences.append(f"The server sends, any number of times: {_list(flow.streams)}.")
    if flow.undirected:
        sentences.append(f"No operation says who sends: {_list(flow.undirected)}.")
    return " ".join(sentences)


def _list(rows: tuple[Arrow, ...]) -> str:
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


# -- Mermaid -----------------------------------------------------------------------------------

_MERMAID_ESCAPES = {
    "#": "#35;",
    ";": "#59;",
    "<": "#60;",
    ">": "#62;",
    "&": "#38;",
    '"': "#34;",
    "%": "#37;",
    "{": "#123;",
    "}": "#125;",
    "`": "#96;",
}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID_ESCAPES)) + "]")


def _mermaid_text(text: str) -> str:
    """Text for a Mermaid label: one line, with Mermaid's `#code;` entities for its syntax."""
    one_line = " ".join(text.split())
    return _MERMAID_SPECIAL.sub(lambda match: _MERMAID_ESCAPES[match[0]], one_line)


def mermaid(flow: Flow) -> str:
    """The same diagram as Mermaid `sequenceDiagram` source."""
    app = flow.perspective.application
    names = {side: side.capitalize() for side in ("client", "server")}
    names[app] += f" ({flow.application_name})" if flow.application_name else ""
    lines = [
        "sequenceDiagram",
        f"    title {_mermaid_text(f'Channel {flow.title}')}",
        f"    participant client as {_mermaid_text(names['client'])}",
        f"    participant server as {_mermaid_text(names['server'])}",
    ]
    shake = flow.handshake
    request = shake.request_line()
    if shake.headers:
        request += f" (headers: {', '.join(shake.headers)})"
    lines += [
        f"    client->>server: {_mermaid_text(request)}",
        "    server-->>client: 101 Switching Protocols",
        "    Note over client,server: WebSocket open",
    ]
    lines += _mermaid_rows(flow.exchanges, "    ")
    if flow.streams:
        lines += ["    loop repeats", *_mermaid_rows(flow.streams, "        "), "    end"]
    if flow.undirected:
        names_ = _list(flow.undirected)
        lines.append(
            f"    Note over client,server: direction not declared: {_mermaid_text(names_)}"
        )
    return "\n".join(lines)


def _mermaid_rows(rows: tuple[Arrow, ...], indent: str) -> list[str]:
    lines = []
    for row in rows:
        if row.kind in ("more", "undirected"):
            lines.append(f"{indent}Note over client,server: {_mermaid_text(row.label)}")
            continue
        arrow = "-->>" if row.kind == "reply" else "->>"
        text = f"{row.label} ({row.note})" if row.note else row.label
        lines.append(f"{indent}{row.sender}{arrow}{_other(row.sender)}: {_mermaid_text(text)}")
    return lines
