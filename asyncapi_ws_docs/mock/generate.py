"""Values made up from a schema, for messages the spec gives no example of.

What the spec says wins: `const`, then one of the schema's `examples`, its `default`, one of its
`enum` values; only then a value of its type within its bounds (`minimum`, `minLength`,
`minItems`...), with a few common `format`s. Objects get their required properties and, at
shallow depths, the others; nesting stops at `MAX_DEPTH`. Choices come from the `random.Random`
given, so one `--seed` gives the same values every run.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.document.model import MISSING

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from asyncapi_ws_docs.document.model import Schema

MAX_DEPTH = 6
"""Nesting generated before a value stops at `null`: recursive schemas end, and stay readable."""
OPTIONAL_DEPTH = 2
"""Optional properties are filled in down to this depth: a reply shows its shape, briefly."""

_FORMATS: dict[str, Callable[[random.Random], str]] = {
    "date-time": lambda r: (
        f"2026-01-{r.randint(10, 28)}T{r.randint(10, 23)}:{r.randint(10, 59)}:00Z"
    ),
    "date": lambda r: f"2026-01-{r.randint(10, 28)}",
    "time": lambda r: f"{r.randint(10, 23)}:{r.randint(10, 59)}:00Z",
    "uuid": lambda r: "-".join(
        "".join(r.choice("0123456789abcdef") for _ in range(n)) for n in (8, 4, 4, 4, 12)
    ),
    "email": lambda r: f"user{r.randint(1, 999)}@example.com",
    "uri": lambda r: f"https://example.com/{r.randint(1, 999)}",
    "hostname": lambda _r: "example.com",
    "ipv4": lambda r: f"192.0.2.{r.randint(1, 254)}",
}


def generate(schema: Schema | None, rng: random.Random, depth: int = 0) -> Any:
    """A value `schema` accepts, as far as its keywords say."""
    if schema is None or schema.type == "any":
        return "value"
    stated = _stated(schema, rng)
    if stated is not MISSING:
        return stated
    if depth >= MAX_DEPTH or schema.recursive_ref or schema.truncated:
        return None
    if schema.variants and schema.variants[0][1]:
        return generate(rng.choice(schema.variants[0][1]), rng, depth + 1)
    return _typed(schema, rng, depth)


def _typed(schema: Schema, rng: random.Random, depth: int) -> Any:
    kind = schema.type.split(" | ", 1)[0]
    if kind == "object" or (not kind and schema.properties):
        return _object(schema, rng, depth)
    if kind == "array":
        return _array(schema, rng, depth)
    return _scalar(kind, schema, rng)


def _stated(schema: Schema, rng: random.Random) -> Any:
    if schema.const is not MISSING:
        return schema.const
    if schema.examples:
        return rng.choice(schema.examples)
    if schema.default is not MISSING:
        return schema.default
    if schema.enum:
        return rng.choice(schema.enum)
    return MISSING


def _object(schema: Schema, rng: random.Random, depth: int) -> dict[str, Any]:
    return {
        prop.name: generate(prop.schema, rng, depth + 1)
        for prop in schema.properties
        if prop.required or depth < OPTIONAL_DEPTH
    }


def _array(schema: Schema, rng: random.Random, depth: int) -> list[Any]:
    bounds = dict(schema.constraints)
    low = _int(bounds.get("minItems"), 1)
    high = max(low, min(_int(bounds.get("maxItems"), low + 1), low + 1))
    return [generate(schema.items, rng, depth + 1) for _ in range(rng.randint(low, high))]


def _scalar(kind: str, schema: Schema, rng: random.Random) -> Any:
    bounds = dict(schema.constraints)
    if kind in ("integer", "number"):
        low = _int(bounds.get("minimum"), 0)
        high = max(low, _int(bounds.get("maximum"), low + 100))
        value = rng.randint(low, high)
        return value if kind == "integer" else value + rng.randint(0, 99) / 100
    if kind == "boolean":
        return rng.random() < 0.5  # a fair coin
    if kind == "null":
        return None
    make = _FORMATS.get(schema.format)
    if make is not None:
        return make(rng)
    length = max(_int(bounds.get("minLength"), 1), min(_int(bounds.get("maxLength"), 8), 8))
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(length))


def _int(value: Any, fallback: int) -> int:
    return (
        int(value) if isinstance(value, int | float) and not isinstance(value, bool) else fallback
    )
