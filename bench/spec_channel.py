"""One channel of the synthetic spec: its ws binding, payloads and messages.

Everything that differs between channels is drawn from a random generator seeded with the seed
and the channel's index, in a fixed order, so channel `i` is the same in every spec size.
"""

from __future__ import annotations

import random
import uuid
from typing import TYPE_CHECKING

from spec_words import AREAS, CLOSINGS, MIDDLES, OPENINGS, STREAMS, SYMBOLS, VENUES, camel

if TYPE_CHECKING:
    from spec_words import Obj


class Channel:
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
            rng.choice(OPENINGS).format(**values),
            rng.choice(MIDDLES).format(**values),
            rng.choice(CLOSINGS).format(**values),
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
        ref = schema_ref
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
        ref = schema_ref
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


def schema_ref(name: str) -> Obj:
    return {"$ref": f"#/components/schemas/{name}"}
