"""Generate synthetic AsyncAPI WebSocket specs for the benchmark.

    python bench/generate.py                       # 2.6.0 and 3.0.0 at 100, 500, 2000 channels
    python bench/generate.py --channels 50 --versions 3.0.0 --check

Writes `bench/specs/<version>-<channels>.yaml` (a gitignored folder). The output is
deterministic: channel `i` depends only on `--seed` and `i`, so the first 100 channels of the
500-channel spec are the 100-channel spec's channels.

Every channel looks like a channel of a real market-data API: an id such as
`marketData.btcusd.trades`, an address such as `/v1/market/{venue}/btcusd/trades` whose
parameter is a shared `$ref`, a `ws` binding with 3 headers and 3 query parameters (each with a
description, examples and mostly an enum), 2 operations (the server's updates, the client's
control commands) and 2 messages whose payloads have about 15 properties (a nested object and
an array of objects, shared `components.schemas` through `$ref`), message and operation traits,
a correlation id and examples.
"""

from __future__ import annotations

import argparse
import random
import sys
import uuid
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
SPECS = BENCH / "specs"
VERSIONS = ("2.6.0", "3.0.0")
DEFAULT_CHANNELS = (100, 500, 2000)
DEFAULT_SEED = 20240601

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

_OPENINGS = (
    "Streams {what} for `{symbol}` on the selected venue.",
    "Pushes every change of the {what} of `{symbol}` as it happens.",
    "Live {what} of `{symbol}`, one connection per venue.",
    "Real-time {what} for the `{symbol}` instrument.",
)
_MIDDLES = (
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
_CLOSINGS = (
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


class _Channel:
    """Everything that differs between channels, drawn from the seed and the channel's index."""

    def __init__(self, index: int, seed: int) -> None:
        self.rng = random.Random(f"{seed}:{index}")  # noqa: S311 (test data, not secrets)
        self.area, self.area_path, self.area_words = AREAS[index % len(AREAS)]
        self.stream = STREAMS[(index // len(AREAS)) % len(STREAMS)]
        self.symbol = SYMBOLS[index // (len(AREAS) * len(STREAMS))]
        self.id = f"{self.area}.{self.symbol}.{self.stream}"
        self.address = f"/v1/{self.area_path}/{{venue}}/{self.symbol}/{self.stream}"
        self.key = camel(self.area, self.symbol, self.stream)
        self.what = f"{self.area_words} {self.stream}"
        self.scope = f"{self.area_path}:{self.rng.choice(('read', 'trade'))}"

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def description(self) -> str:
        rng = self.rng
        values = {
            "what": self.what,
            "symbol": self.symbol,
            "throttle": rng.choice((50, 100, 250, 500)),
            "anchor": self.area_path,
            "scope": self.scope,
            "tier": rng.choice(("real-time", "delayed", "best effort")),
            "latency": rng.choice(("not delayed", "delayed by 15 minutes", "sampled every second")),
            "idle": rng.choice((30, 60, 120)),
        }
        paragraphs = [
            rng.choice(_OPENINGS).format(**values),
            rng.choice(_MIDDLES).format(**values),
            rng.choice(_CLOSINGS).format(**values),
        ]
        return "\n\n".join(paragraphs) + "\n"

    def decimal(self, low: float, high: float) -> str:
        return f"{self.rng.uniform(low, high):.2f}"

    # -- the ws binding ---------------------------------------------------------------------

    def ws_binding(self) -> Obj:
        rng = self.rng
        depths = sorted(rng.sample((1, 5, 10, 25, 50, 100, 500), 4))
        return {
            "method": "GET",
            "headers": {
                "type": "object",
                "required": ["Authorization"],
                "properties": {
                    "Authorization": {
                        "type": "string",
                        "pattern": "^Bearer [A-Za-z0-9._~+/-]+=*$",
                        "description": f"OAuth 2 access token with the `{self.scope}` scope, as "
                        "`Bearer <token>`. Tokens expire after one hour; the connection stays "
                        "open after expiry.",
                        "examples": [f"Bearer eyJhbGciOiJFUzI1NiJ9.{self.key}.sig"],
                    },
                    "X-Client-Version": {
                        "type": "string",
                        "enum": ["2024.4", "2025.1", "2025.2"],
                        "default": "2025.2",
                        "description": "Version of the client SDK. Older versions receive "
                        f"{self.stream} frames in the legacy layout.",
                        "examples": [rng.choice(("2025.1", "2025.2"))],
                    },
                    "X-Request-Id": {
                        "type": "string",
                        "format": "uuid",
                        "description": "Id of the handshake for support requests; echoed in "
                        "the `101 Switching Protocols` response.",
                        "examples": [self.uuid()],
                    },
                },
            },
            "query": {
                "type": "object",
                "properties": {
                    "depth": {
                        "type": "integer",
                        "enum": depths,
                        "default": depths[1],
                        "description": f"Number of {self.stream} entries in the snapshot and "
                        "in each `entries` array.",
                        "examples": [depths[-1]],
                    },
                    "format": {
                        "type": "string",
                        "enum": ["json", "msgpack"],
                        "default": "json",
                        "description": "Frame encoding: `json` text frames or `msgpack` binary "
                        "frames.",
                        "examples": ["msgpack"],
                    },
                    "heartbeat": {
                        "type": "integer",
                        "enum": [0, 15, 30, 60],
                        "default": 30,
                        "description": "Seconds between two `heartbeat` frames; `0` turns "
                        f"them off for this {self.what} stream.",
                        "examples": [rng.choice((15, 60))],
                    },
                },
            },
            "bindingVersion": "0.1.0",
        }

    # -- payloads ---------------------------------------------------------------------------

    def update_payload(self) -> Obj:
        ref = _schema_ref
        return {
            "type": "object",
            "required": ["type", "channel", "seq", "ts", "data"],
            "properties": {
                "type": {
                    "type": "string",
                    "enum": ["snapshot", "update"],
                    "description": "`snapshot` for the first frame, `update` afterwards.",
                },
                "channel": {"type": "string", "enum": [self.id]},
                "seq": {
                    "type": "integer",
                    "minimum": 0,
                    "description": f"Sequence number of the frame on this {self.stream} "
                    "stream; it grows by one per frame.",
                },
                "ts": ref("Timestamp"),
                "symbol": ref("Symbol"),
                "venue": ref("Venue"),
                "data": {
                    "type": "object",
                    "description": f"The latest {self.stream} values of `{self.symbol}`.",
                    "required": ["price", "size"],
                    "properties": {
                        "price": ref("Decimal"),
                        "size": ref("Decimal"),
                        "side": ref("Side"),
                        f"{self.stream.removesuffix('s')}Id": {
                            "type": "string",
                            "pattern": "^[A-Z0-9]{12}$",
                            "description": "Id assigned by the venue.",
                        },
                        "flags": {
                            "type": "array",
                            "uniqueItems": True,
                            "items": {
                                "type": "string",
                                "enum": ["auction", "block", "odd-lot", "cross"],
                            },
                        },
                    },
                },
                "entries": {
                    "type": "array",
                    "maxItems": 500,
                    "description": "Price levels, best first; at most `depth` of them.",
                    "items": {
                        "type": "object",
                        "required": ["price", "size"],
                        "properties": {
                            "price": ref("Decimal"),
                            "size": ref("Decimal"),
                            "count": {"type": "integer", "minimum": 1},
                            "updatedAt": ref("Timestamp"),
                        },
                    },
                },
                "meta": ref("StreamMeta"),
            },
        }

    def control_payload(self) -> Obj:
        ref = _schema_ref
        return {
            "type": "object",
            "required": ["type", "requestId", "action"],
            "properties": {
                "type": {"type": "string", "enum": ["control"]},
                "requestId": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 36,
                    "description": "Chosen by the client; the server echoes it in the next "
                    f"`{self.key}Update`.",
                },
                "action": {
                    "type": "string",
                    "enum": ["subscribe", "unsubscribe", "resize", "pause", "resume"],
                    "description": "`resize` changes `options.depth` without a new handshake.",
                },
                "symbol": ref("Symbol"),
                "options": {
                    "type": "object",
                    "properties": {
                        "depth": {"type": "integer", "enum": [1, 10, 50, 100]},
                        "throttleMs": {"type": "integer", "minimum": 0, "maximum": 5000},
                        "format": {"type": "string", "enum": ["json", "msgpack"]},
                        "includeSnapshot": {"type": "boolean", "default": True},
                    },
                },
                "filters": {
                    "type": "array",
                    "maxItems": 8,
                    "items": {
                        "type": "object",
                        "required": ["field", "op", "value"],
                        "properties": {
                            "field": {"type": "string", "enum": ["price", "size", "side"]},
                            "op": {"type": "string", "enum": ["eq", "gt", "lt"]},
                            "value": {"type": "string"},
                        },
                    },
                },
                "client": ref("ClientInfo"),
                "sentAt": ref("Timestamp"),
            },
        }

    # -- messages ---------------------------------------------------------------------------

    def update_message(self, major: int) -> Obj:
        price = self.decimal(10, 70000)
        message: Obj = {
            "name": f"{self.key}Update",
            "title": f"{self.symbol.upper()} {self.stream} update",
            "summary": f"A change of the {self.what} of `{self.symbol}`.",
            "contentType": "application/json",
            "traits": [{"$ref": "#/components/messageTraits/envelope"}],
            "payload": self.update_payload(),
            "examples": [
                {
                    "name": "update",
                    "summary": f"One {self.stream} update.",
                    "headers": {"messageId": self.uuid(), "sentAt": "2025-03-14T09:26:53Z"},
                    "payload": {
                        "type": "update",
                        "channel": self.id,
                        "seq": self.rng.randint(1, 10**6),
                        "ts": "2025-03-14T09:26:53.120Z",
                        "symbol": self.symbol,
                        "venue": self.rng.choice(VENUES),
                        "data": {"price": price, "size": self.decimal(0, 5), "side": "buy"},
                        "entries": [
                            {"price": price, "size": self.decimal(0, 5), "count": 3},
                            {"price": price, "size": self.decimal(0, 5), "count": 1},
                        ],
                    },
                }
            ],
        }
        if major == 2:
            message = {"messageId": f"{self.key}Update", **message}
        return message

    def control_message(self, major: int) -> Obj:
        message: Obj = {
            "name": f"{self.key}Control",
            "title": f"{self.symbol.upper()} {self.stream} control",
            "summary": "Change what this connection streams.",
            "description": f"Sent by the client on `{self.id}`. The server answers with a "
            f"`snapshot` frame once the change applies.",
            "traits": [{"$ref": "#/components/messageTraits/clientCommand"}],
            "correlationId": {"$ref": "#/components/correlationIds/requestId"},
            "payload": self.control_payload(),
            "examples": [
                {
                    "name": "resize",
                    "summary": "Ask for a deeper book.",
                    "payload": {
                        "type": "control",
                        "requestId": f"req-{self.rng.randint(1, 9999)}",
                        "action": "resize",
                        "options": {"depth": 50, "includeSnapshot": True},
                    },
                }
            ],
        }
        if major == 2:
            message = {"messageId": f"{self.key}Control", **message}
        return message


def _schema_ref(name: str) -> Obj:
    return {"$ref": f"#/components/schemas/{name}"}


# -- shared parts ---------------------------------------------------------------------------


def _info(channels: int, version: str) -> Obj:
    return {
        "title": f"Market Streams API ({channels} channels)",
        "version": "4.2.0",
        "description": (
            "Real-time market, order and account streams over WebSocket.\n\n"
            "Every channel is one WebSocket connection:\n\n"
            "1. open it with the handshake shown on the channel's page;\n"
            "2. read the `snapshot`, then `update` frames;\n"
            "3. send `control` frames to change the subscription.\n\n"
            f"Synthetic AsyncAPI {version} document generated by `bench/generate.py`."
        ),
        "contact": {"name": "Streaming team", "email": "streaming@example.com"},
        "license": {"name": "Apache 2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0"},
    }


def _servers(major: int) -> Obj:
    region: Obj = {
        "enum": ["eu-west-1", "us-east-1", "ap-northeast-1"],
        "default": "eu-west-1",
        "description": "Region closest to the client; all regions serve the same data.",
    }
    port: Obj = {
        "enum": ["8080", "9090"],
        "default": "8080",
        "description": "`8080` runs the current release, `9090` the next one.",
    }
    security: list[Obj] = (
        [{"bearerToken": []}]
        if major == 2
        else [{"$ref": "#/components/securitySchemes/bearerToken"}]
    )
    if major == 2:
        return {
            "production": {
                "url": "wss://{region}.stream.example.com/ws",
                "protocol": "wss",
                "description": "Production cluster. TLS only.",
                "variables": {"region": region},
                "security": security,
            },
            "sandbox": {
                "url": "ws://sandbox.example.com:{port}/ws",
                "protocol": "ws",
                "description": "Sandbox with test data, reset every night at 00:00 UTC.",
                "variables": {"port": port},
            },
        }
    return {
        "production": {
            "host": "{region}.stream.example.com",
            "pathname": "/ws",
            "protocol": "wss",
            "title": "Production",
            "description": "Production cluster. TLS only.",
            "variables": {"region": region},
            "security": security,
        },
        "sandbox": {
            "host": "sandbox.example.com:{port}",
            "pathname": "/ws",
            "protocol": "ws",
            "title": "Sandbox",
            "description": "Sandbox with test data, reset every night at 00:00 UTC.",
            "variables": {"port": port},
        },
    }


def _components(major: int) -> Obj:
    venue_parameter: Obj = (
        {
            "description": "Venue (MIC code) whose data the connection streams.",
            "schema": {"type": "string", "enum": list(VENUES), "default": VENUES[0]},
        }
        if major == 2
        else {
            "description": "Venue (MIC code) whose data the connection streams.",
            "enum": list(VENUES),
            "default": VENUES[0],
            "examples": [VENUES[1]],
        }
    )
    operation_traits = {
        area: {
            "description": f"Part of the {words} streams. Needs a token with a "
            f"`{path}:read` or `{path}:trade` scope.",
            "tags": [{"name": area}],
        }
        for area, path, words in AREAS
    }
    return {
        "securitySchemes": {
            "bearerToken": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "JWT",
                "description": "Access token sent in the `Authorization` header of the handshake.",
            }
        },
        "parameters": {"venue": venue_parameter},
        "schemas": {
            "Timestamp": {
                "type": "string",
                "format": "date-time",
                "description": "UTC time with millisecond precision.",
                "examples": ["2025-03-14T09:26:53.120Z"],
            },
            "Decimal": {
                "type": "string",
                "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
                "description": "A decimal number as a string, to keep its precision.",
                "examples": ["64000.10"],
            },
            "Symbol": {
                "type": "string",
                "pattern": "^[a-z]{3,5}[a-z]{3,4}$",
                "description": "Instrument symbol, base then quote currency, in lower case.",
                "examples": ["btcusd"],
            },
            "Side": {"type": "string", "enum": ["buy", "sell"]},
            "Venue": {"type": "string", "enum": list(VENUES)},
            "StreamMeta": {
                "type": "object",
                "description": "Diagnostics about the stream itself.",
                "properties": {
                    "lagMs": {"type": "integer", "minimum": 0},
                    "node": {"type": "string"},
                    "replayed": {"type": "boolean", "default": False},
                },
            },
            "ClientInfo": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "maxLength": 64},
                    "version": {"type": "string"},
                    "platform": {"type": "string", "enum": ["web", "ios", "android", "server"]},
                },
            },
        },
        "messageTraits": {
            "envelope": {
                "headers": {
                    "type": "object",
                    "required": ["messageId", "sentAt"],
                    "properties": {
                        "messageId": {
                            "type": "string",
                            "format": "uuid",
                            "description": "Unique id of this frame, for deduplication.",
                        },
                        "sentAt": {
                            "type": "string",
                            "format": "date-time",
                            "description": "When the server sent the frame (UTC).",
                        },
                    },
                },
                "tags": [{"name": "envelope"}],
            },
            "clientCommand": {
                "contentType": "application/json",
                "tags": [{"name": "command"}],
            },
        },
        "operationTraits": operation_traits,
        "correlationIds": {
            "requestId": {
                "description": "The `requestId` the client chose, echoed by the server.",
                "location": "$message.payload#/requestId",
            }
        },
    }


# -- whole documents ------------------------------------------------------------------------


def build_spec(version: str, channels: int, *, seed: int = DEFAULT_SEED) -> Obj:
    """The spec as plain data."""
    if not 1 <= channels <= MAX_CHANNELS:
        raise ValueError(f"channels must be between 1 and {MAX_CHANNELS}")
    major = int(version.split(".", 1)[0])
    components = _components(major)
    messages: Obj = {}
    spec: Obj = {
        "asyncapi": version,
        "id": "urn:example:market-streams",
        "info": _info(channels, version),
        "defaultContentType": "application/json",
        "servers": _servers(major),
        "channels": {},
    }
    operations: Obj = {}
    for index in range(channels):
        ch = _Channel(index, seed)
        messages[f"{ch.key}Update"] = ch.update_message(major)
        messages[f"{ch.key}Control"] = ch.control_message(major)
        update_ref = {"$ref": f"#/components/messages/{ch.key}Update"}
        control_ref = {"$ref": f"#/components/messages/{ch.key}Control"}
        trait = [{"$ref": f"#/components/operationTraits/{ch.area}"}]
        bindings = {"ws": ch.ws_binding()}
        parameters = {"venue": {"$ref": "#/components/parameters/venue"}}
        if major == 2:
            spec["channels"][ch.address] = {
                "description": ch.description(),
                "parameters": parameters,
                "bindings": bindings,
                "subscribe": {
                    "operationId": f"send{ch.key[:1].upper()}{ch.key[1:]}Update",
                    "summary": f"{ch.what.capitalize()} the server pushes.",
                    "traits": trait,
                    "message": update_ref,
                },
                "publish": {
                    "operationId": f"receive{ch.key[:1].upper()}{ch.key[1:]}Control",
                    "summary": "Control commands from the client.",
                    "traits": trait,
                    "message": control_ref,
                },
            }
            continue
        spec["channels"][ch.id] = {
            "address": ch.address,
            "title": f"{ch.symbol.upper()} {ch.what}",
            "summary": f"{ch.what.capitalize()} of `{ch.symbol}`.",
            "description": ch.description(),
            "parameters": parameters,
            "messages": {"update": update_ref, "control": control_ref},
            "bindings": bindings,
        }
        channel_ref = {"$ref": f"#/channels/{ch.id}"}
        cap = ch.key[:1].upper() + ch.key[1:]
        operations[f"send{cap}Update"] = {
            "action": "send",
            "channel": channel_ref,
            "summary": f"{ch.what.capitalize()} the server pushes.",
            "messages": [{"$ref": f"#/channels/{ch.id}/messages/update"}],
            "traits": trait,
        }
        operations[f"receive{cap}Control"] = {
            "action": "receive",
            "channel": dict(channel_ref),
            "summary": "Control commands from the client.",
            "messages": [{"$ref": f"#/channels/{ch.id}/messages/control"}],
            "traits": [dict(t) for t in trait],
        }
    if major == 3:
        spec["operations"] = operations
    components["messages"] = messages
    spec["components"] = components
    return spec


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block-style YAML without anchors, like a hand-written file."""

    def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002
        return True


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    """Multi-line descriptions as literal blocks (`|`), the way people write them."""
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_text)


def spec_yaml(version: str, channels: int, *, seed: int = DEFAULT_SEED) -> str:
    """The spec as YAML text."""
    header = (
        f"# Synthetic AsyncAPI {version} document with {channels} WebSocket channels.\n"
        f"# Generated by bench/generate.py (seed {seed}); do not edit by hand.\n"
    )
    body = yaml.dump(
        build_spec(version, channels, seed=seed),
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=100,
    )
    return header + body


def spec_path(version: str, channels: int, folder: Path = SPECS) -> Path:
    """Where the spec of this version and size is written."""
    return folder / f"{version}-{channels}.yaml"


def write_spec(
    version: str, channels: int, *, folder: Path = SPECS, seed: int = DEFAULT_SEED
) -> Path:
    """Write the spec (skipped when the file already holds the same text); return its path."""
    path = spec_path(version, channels, folder)
    text = spec_yaml(version, channels, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
    return path


def check_spec(path: Path) -> list[str]:
    """Problems the plugin's loader and `asyncapi-ws-docs check` report; empty when clean."""
    from asyncapi_ws_docs.cli import main as cli_main  # noqa: PLC0415
    from asyncapi_ws_docs.spec.build import load_spec  # noqa: PLC0415 (generation alone needs no plugin)

    folder = path.parent
    spec, diagnostics = load_spec(path, roots=[folder], display_base=folder)
    # The sandbox is plain `ws://` on purpose, with the channels' Authorization header: the
    # plaintext-credentials advice (AWD501) is expected there.
    problems = [d.format() for d in diagnostics if d.code != "AWD501"]
    if spec is None:
        problems.append(f"{path}: the plugin could not read the spec")
    status = cli_main(["check", "--strict", "--ignore", "AWD501", "--root", str(folder), str(path)])
    if status != 0:
        problems.append(f"{path}: `asyncapi-ws-docs check --strict` exited with {status}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Generate (and optionally check) the specs; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--channels", type=int, nargs="+", default=list(DEFAULT_CHANNELS))
    parser.add_argument("--versions", nargs="+", default=list(VERSIONS), choices=VERSIONS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=SPECS, help="folder (default bench/specs)")
    parser.add_argument(
        "--check", action="store_true", help="load each spec with the plugin and fail on problems"
    )
    args = parser.parse_args(argv)
    failed = False
    for version in args.versions:
        for channels in args.channels:
            path = write_spec(version, channels, folder=args.out, seed=args.seed)
            size = path.stat().st_size / 1e6
            print(f"{path}: {channels} channels, {size:.1f} MB", flush=True)
            if args.check:
                problems = check_spec(path)
                for problem in problems:
                    print(f"  {problem}")
                failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
