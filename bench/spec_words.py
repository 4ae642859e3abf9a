"""The words and names the synthetic specs are made of.

Areas, streams, symbols and venues (which together name every channel), the sentences the
channels' descriptions are drawn from, and `camel` for the keys built from them. `Obj` is the
type of a JSON-like object in the spec.
"""

from __future__ import annotations

from typing import Any

Obj = dict[str, Any]

AREAS: tuple[tuple[str, str, str], ...] = (
    # (channel id prefix, address segment, words for text)
    ("marketData", "market", "market data"),
    ("orders", "orders", "order"),
    ("account", "account", "account"),
    ("derivatives", "derivatives", "derivatives"),
    ("risk", "risk", "risk"),
    ("reference", "reference", "reference data"),
    ("analytics", "analytics", "analytics"),
    ("news", "news", "news"),
)
STREAMS = (
    "trades",
    "book",
    "ticker",
    "candles",
    "quotes",
    "fills",
    "positions",
    "balances",
    "funding",
    "liquidations",
    "status",
    "alerts",
)
BASES = (
    "btc",
    "eth",
    "sol",
    "ada",
    "xrp",
    "dot",
    "ltc",
    "bch",
    "link",
    "avax",
    "atom",
    "uni",
    "xlm",
    "etc",
    "doge",
    "trx",
    "near",
    "algo",
    "fil",
    "apt",
)
QUOTES = ("usd", "eur", "usdt", "gbp", "jpy")
SYMBOLS = tuple(base + quote for quote in QUOTES for base in BASES)
VENUES = ("xnys", "xlon", "xtks", "bats", "edgx", "arca")
MAX_CHANNELS = len(AREAS) * len(STREAMS) * len(SYMBOLS)

OPENINGS = (
    "Streams {what} for `{symbol}` on the selected venue.",
    "Pushes every change of the {what} of `{symbol}` as it happens.",
    "Live {what} of `{symbol}`, one connection per venue.",
    "Real-time {what} for the `{symbol}` instrument.",
)
MIDDLES = (
    (
        "Right after the handshake the server sends a `snapshot`, then an `update` for every "
        "change; apply updates in `seq` order and drop any whose `seq` is not the next one."
    ),
    (
        "The first frame is a full snapshot. Later frames carry only what changed since the "
        "previous frame, so a client that misses one must reconnect."
    ),
    (
        "Updates are batched every {throttle} ms at most; send a `control` message with "
        "`action: resize` to change the depth without reconnecting."
    ),
    (
        "Frames are JSON text frames unless `format=msgpack` was asked for in the handshake, in "
        "which case they are binary frames."
    ),
)
CLOSINGS = (
    (
        "See the [rate limits](https://docs.example.com/limits#{anchor}) before opening many "
        "connections."
    ),
    (
        "Requires a token with the `{scope}` scope:\n\n- `read` scopes see public data;\n"
        "- `trade` scopes see the account's own orders too."
    ),
    "This channel is **{tier}**: its {what} are {latency}.",
    "Connections idle for more than {idle} seconds are closed with code `4408`.",
)


def camel(*parts: str) -> str:
    """`camel("marketData", "btcusd", "trades")` → `marketDataBtcusdTrades`."""
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])
