"""The mock server itself, on the `websockets` library's asyncio API.

`process_request` runs the handshake checks (`handshake.check`) before the upgrade, so a refusal
is a real HTTP response with a body. A connection let in then gets the channel's pushes (on
connect, then every `interval` seconds; `0` turns them off), and each frame it sends is read
(`frames.read_frame`) and answered (`answers`). One log line per connection and per frame:
time, connection number, direction, size, and the message it was recognised as.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
import weakref
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

from asyncapi_ws_docs.mock.answers import outgoing, push_payload, pushed_messages, reply_payload
from asyncapi_ws_docs.mock.frames import read_frame
from asyncapi_ws_docs.mock.handshake import Handshake, Verdict, check
from asyncapi_ws_docs.mock.routes import routes_of
from asyncapi_ws_docs.mock.validation import Validator

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from websockets.asyncio.server import Server, ServerConnection
    from websockets.http11 import Request, Response
    from websockets.typing import Subprotocol

    from asyncapi_ws_docs.document.model import Message
    from asyncapi_ws_docs.mock.routes import LoadedSpec, Route

IN, OUT = "in ", "out"


class MockServer:
    """Serves the WebSocket channels of some specs, as they say."""

    def __init__(
        self,
        specs: Sequence[LoadedSpec],
        *,
        interval: float = 3.0,
        seed: int | None = None,
        log: Callable[[str], None] = print,
    ) -> None:
        """Serve `specs`; push every `interval` seconds; `seed` for repeatable values."""
        # Literal paths first across all specs, as within one (`routes_of`).
        self.routes: list[Route] = sorted(
            (route for loaded in specs for route in routes_of(loaded)),
            key=lambda route: len(route.names),
        )
        self.validators = {loaded.path: Validator(loaded.workspace) for loaded in specs}
        self.interval = interval
        self.seed = seed
        self.log = log
        self._numbers = itertools.count(1)
        # Weak: a handshake let in by the checks may still fail, and never reach the handler.
        self._verdicts: weakref.WeakKeyDictionary[ServerConnection, tuple[int, Verdict]] = (
            weakref.WeakKeyDictionary()
        )

    async def start(self, host: str, port: int) -> Server:
        """Listen; raises `OSError` when the port is taken."""
        return await serve(
            self._handler,
            host,
            port,
            process_request=self._process_request,
            select_subprotocol=_first_offered,
            max_size=2**20,
        )

    def _rng(self, number: int) -> random.Random:
        """One generator per connection, for the values it makes up.

        With a seed, connection N makes the same values every run, however connections
        interleave.
        """
        if self.seed is None:
            return random.Random()  # noqa: S311 (mock data, not secrets)
        return random.Random(f"{self.seed}:{number}")  # noqa: S311

    async def _process_request(
        self, connection: ServerConnection, request: Request
    ) -> Response | None:
        number = next(self._numbers)
        parts = urlsplit(request.path)
        handshake = Handshake(
            path=parts.path or "/",
            query=parse_qs(parts.query, keep_blank_values=True),
            headers={name.lower(): value for name, value in request.headers.raw_items()},
        )
        verdict = check(self.routes, handshake, self.validators)
        if verdict.route is None:
            first_line = verdict.text.splitlines()[0] if verdict.text else ""
            self._line(number, "   ", f"refused {verdict.status.value}: {first_line}")
            return connection.respond(verdict.status, verdict.text)
        self._verdicts[connection] = (number, verdict)
        return None

    async def _handler(self, connection: ServerConnection) -> None:
        number, verdict = self._verdicts.pop(connection)
        route = verdict.route
        assert route is not None  # noqa: S101 (refused handshakes never reach the handler)
        notes = "".join(f"; {note}" for note in verdict.notes)
        channels = ", ".join(route.channel_ids)
        self._line(number, "   ", f"connected to {channels} ({route.template}){notes}")
        rng = self._rng(number)
        pushes = asyncio.create_task(self._push(connection, number, route, rng))
        try:
            async for frame in connection:
                await self._answer(connection, number, route, frame, rng)
        except ConnectionClosed:
            pass
        finally:
            pushes.cancel()
            code = connection.close_code
            self._line(number, "   ", f"closed {code if code is not None else ''}".rstrip())

    async def _answer(
        self,
        connection: ServerConnection,
        number: int,
        route: Route,
        frame: str | bytes,
        rng: random.Random,
    ) -> None:
        reading = read_frame(route, frame, self.validators[route.loaded.path])
        self._line(number, IN, f"{_size(frame)}  {reading.label}")
        if reading.close is not None:
            await connection.close(*reading.close)
            return
        if reading.invalid is not None:
            await self._send(connection, number, reading.error_frame(), "error frame")
            return
        message = reading.message
        assert message is not None  # noqa: S101 (one of the three is set)
        if isinstance(frame, bytes):
            await self._send(connection, number, frame, f"{message.key} (echo)")
            return
        reply = reply_payload(route, message, reading.value, rng)
        if reply is not None:
            await self._send(connection, number, outgoing(reply[0], reply[1]), reply[0].key)

    async def _push(
        self, connection: ServerConnection, number: int, route: Route, rng: random.Random
    ) -> None:
        messages = pushed_messages(route)
        if not messages or self.interval <= 0:
            return
        for tick in itertools.count():
            for message in messages:
                await self._push_one(connection, number, message, tick, rng)
            await asyncio.sleep(self.interval)

    async def _push_one(
        self,
        connection: ServerConnection,
        number: int,
        message: Message,
        tick: int,
        rng: random.Random,
    ) -> None:
        frame = outgoing(message, push_payload(message, tick, rng))
        await self._send(connection, number, frame, message.key)

    async def _send(
        self, connection: ServerConnection, number: int, frame: str | bytes, label: str
    ) -> None:
        await connection.send(frame)
        self._line(number, OUT, f"{_size(frame)}  {label}")

    def _line(self, number: int, direction: str, text: str) -> None:
        now = time.time()
        stamp = time.strftime("%H:%M:%S", time.localtime(now)) + f".{int(now * 1000) % 1000:03d}"
        self.log(f"{stamp}  #{number:<4} {direction}  {text}")


def _size(frame: str | bytes) -> str:
    size = len(frame) if isinstance(frame, bytes) else len(frame.encode("utf-8"))
    kind = "binary" if isinstance(frame, bytes) else "text"
    return f"{size:>6} B {kind:<6}"


def _first_offered(
    _connection: ServerConnection, subprotocols: Sequence[Subprotocol]
) -> Subprotocol | None:
    """Accept the first subprotocol the client offers.

    Browsers fail a handshake that offered subprotocols and got none back.
    """
    return subprotocols[0] if subprotocols else None
