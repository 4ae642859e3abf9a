"""Forgiving reads of spec nodes, shared by the readers of both versions.

Authors write every kind of value where the specification wants a mapping, a list or a
string. The readers never fail on that: a field of the wrong kind reads as absent (no
mapping, no entries, an empty list, empty text), and the rules in `checks` say what is wrong.
"""

from __future__ import annotations

from typing import Any

from asyncapi_ws_docs.document.loader import SpecMap
from asyncapi_ws_docs.document.schemas import scalar_text


def as_map(value: Any) -> SpecMap | None:
    """`value` if it is a mapping read from the spec, else `None`."""
    return value if isinstance(value, SpecMap) else None


def entries(value: Any) -> list[tuple[str, Any]]:
    """The (key, value) pairs of a mapping; none for anything else."""
    return list(value.items()) if isinstance(value, dict) else []


def as_list(value: Any) -> list[Any]:
    """The items of a list; none for anything else."""
    return list(value) if isinstance(value, list) else []


def list_field(obj: Any, key: str) -> list[Any]:
    """The items of the list at `obj[key]`; none if `obj` is no mapping or that is no list."""
    value = obj.get(key) if isinstance(obj, dict) else None
    return list(value) if isinstance(value, list) else []


def field_text(obj: SpecMap | None, key: str) -> str:
    """The field `obj[key]` as text, "" when it or `obj` is absent."""
    return scalar_text(obj.get(key)) if obj is not None else ""
