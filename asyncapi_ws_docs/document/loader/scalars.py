"""Plain scalars resolved by the YAML 1.2 core schema, applied by hand.

PyYAML's resolver is YAML 1.1 (`on`, `yes` are True) and runs several regexes per scalar.
Here exact words cost one dict lookup, and only scalars that can start a number meet a regex.
JSON numbers are YAML 1.2 numbers, so the JSON reader resolves them here too.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from asyncapi_ws_docs.document.loader.nodes import SpecFloat, SpecInt

YAML_11_BOOLEANS = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
    ]
)
"""Plain words YAML 1.1 readers (PyYAML among them) turn into booleans; YAML 1.2 keeps them."""

_N = TypeVar("_N", SpecInt, SpecFloat)
_MISSING = object()
_WORDS: dict[str, Any] = dict.fromkeys(("", "~", "null", "Null", "NULL"))
_WORDS.update(dict.fromkeys(("true", "True", "TRUE"), True))
_WORDS.update(dict.fromkeys(("false", "False", "FALSE"), False))
_NUMBER_START = frozenset("0123456789+-.")
_NUMBER = re.compile(
    r"(?P<int>[-+]?[0-9]+)|(?P<int0>0o[0-7]+|0x[0-9a-fA-F]+)"
    r"|(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<special>[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
)

_MAX_INT_TEXT = 1000
"""Longest integer kept as a number (a 0x... of 1000 digits is still far below Python's limit)."""


def keep_text(number: _N, text: str) -> _N:
    """`number`, remembering `text` as the way the author wrote it."""
    number.text = text
    return number


def plain_scalar(text: str) -> Any:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema."""
    word = _WORDS.get(text, _MISSING)
    if word is not _MISSING:
        return word
    match = _NUMBER.fullmatch(text) if text[0] in _NUMBER_START else None
    if match is None:
        return text
    kind = match.lastgroup
    if kind in ("int", "int0"):
        # Python refuses to print integers past 4300 decimal digits (json.dumps, yaml.dump
        # would fail later), and no spec means such a number: keep it as its text.
        if len(text) > _MAX_INT_TEXT:
            return text
        return keep_text(SpecInt(int(text, 10 if kind == "int" else 0)), text)
    # float() reads "inf"/"-INF"/"NaN" but not YAML's leading dot
    return keep_text(SpecFloat(text if kind == "float" else text.replace(".", "")), text)
