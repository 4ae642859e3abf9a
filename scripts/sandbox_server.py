# ruff: noqa: INP001  (a standalone script, not part of a package)
"""A local sandbox of the docs' example API (docs/asyncapi/realtime.yaml), for the live console.

Usage::

    pip install websockets
    python scripts/sandbox_server.py [--port 8765]

Then serve the docs over http (``mkdocs serve``), open *Real-time updates* or *Prices*, and
set the console's URL to ``ws://127.0.0.1:8765/v1/updates?clientId=...`` (or
``/v1/prices/btcusd``). It listens on 127.0.0.1 only and answers as the spec says:

- ``/v1/updates``: a ``subscribe`` gets its ``subscribed`` reply (same ``requestId``), then one
  ``update`` per widget;
- ``/v1/prices/<symbol>``: an ``orderBookSnapshot`` on connect; a ``priceControl`` gets a
  ``priceTick``; ``ping`` gets ``ping``;
- anything else is echoed.

The spec requires an ``Authorization`` header, which a browser cannot send: this sandbox does
not ask for it, as a sandbox for browser readers should not.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timezone
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _updates(message: Any) -> list[Any]:
    if not isinstance(message, dict) or message.get("type") != "subscribe":
        return [message]
    widgets = [w for w in message.get("widgets", []) if isinstance(w, str)]
    replies: list[Any] = [
        {"type": "subscribed", "requestId": message.get("requestId"), "status": "ok"}
    ]
    replies += [
        {
            "type": "update",
            "data": {
                "widgetId": widget,
                "values": [{"metric": "cpu", "value": 42.0}],
                "updatedAt": _now(),
            },
        }
        for widget in widgets
    ]
    return replies


def _prices(symbol: str, message: Any) -> list[Any]:
    if message == "ping":
        return ["ping"]
    if isinstance(message, dict) and "action" in message:
        return [
            {"symbol": symbol, "price": "64000.10", "size": "0.25", "side": "buy", "ts": _now()}
        ]
    return [message]


def handler(connection: ServerConnection) -> None:
    """Answer one connection as the example spec describes."""
    path = (connection.request.path if connection.request else "/").split("?", 1)[0]
    symbol = path.rsplit("/", 1)[-1]
    try:
        if path.startswith("/v1/prices/"):
            book = {"symbol": symbol, "sequence": 1, "bids": [], "asks": []}
            connection.send(json.dumps({"type": "snapshot", "book": book}))
        for frame in connection:
            if isinstance(frame, bytes):
                connection.send(frame)
                continue
            try:
                message: Any = json.loads(frame)
            except ValueError:
                message = frame
            answers = (
                _prices(symbol, message)
                if path.startswith("/v1/prices/")
                else (_updates(message) if path == "/v1/updates" else [message])
            )
            for answer in answers:
                connection.send(answer if isinstance(answer, str) else json.dumps(answer))
    except ConnectionClosed:
        pass


def main() -> None:
    """Serve until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with serve(handler, "127.0.0.1", args.port) as server:
        print(f"Sandbox on ws://127.0.0.1:{args.port}/v1/updates and /v1/prices/<symbol>")  # noqa: T201
        server.serve_forever()


if __name__ == "__main__":
    main()
