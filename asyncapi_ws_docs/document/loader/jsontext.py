"""Strict JSON, for the files YAML refuses (tabs, ...), read into the same nodes.

The `json` module keeps no positions, so every node of such a file is at line 1, column 1;
the loader says so once, in an INFO diagnostic. Numbers resolve as YAML 1.2 ones would, so
a spec reads the same whichever reader read it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.document.diagnostics import Diagnostic, Level
from asyncapi_ws_docs.document.loader.nodes import (
    NO_KEYS,
    SpecFloat,
    SpecList,
    SpecMap,
    escape_pointer_token,
    pack_position,
)
from asyncapi_ws_docs.document.loader.refusals import (
    DUPLICATE_KEY,
    MAX_DEPTH,
    TOO_DEEP,
    TOO_DEEP_HINT,
    refuse_file,
)
from asyncapi_ws_docs.document.loader.scalars import keep_text, plain_scalar

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.loader.nodes import Source


def load_json(text: str, source: Source, diagnostics: list[Diagnostic]) -> Any:
    """Strict JSON, for what YAML refuses (tabs, ...): every position is then line 1, column 1."""
    duplicates: list[tuple[SpecMap, str]] = []

    def mapping(pairs: list[tuple[str, Any]]) -> SpecMap:
        result = SpecMap()
        for key, value in pairs:
            if key in result:
                duplicates.append((result, key))
            result[key] = value
        return result

    def constant(text: str) -> SpecFloat:  # NaN, Infinity, -Infinity
        return keep_text(SpecFloat(text), text)

    root = json.loads(
        text,
        object_pairs_hook=mapping,
        parse_int=plain_scalar,
        parse_float=plain_scalar,
        parse_constant=constant,
    )
    if isinstance(root, SpecMap):
        _locate(root, source)
    for where, key in duplicates:
        pointer = f"{where.pointer}/{escape_pointer_token(key)}"
        message = f"duplicate key '{key}'; JSON readers keep only the last one"
        diagnostics.append(
            Diagnostic(Level.WARNING, source.display, 1, 1, pointer, message, code=DUPLICATE_KEY)
        )
    return root


def _locate(root: SpecMap, source: Source) -> None:
    """Give json's output the SpecMap/SpecList attributes, with a stack, not recursion."""
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        node, pointer = stack.pop()
        if pointer.count("/") >= MAX_DEPTH:
            refuse_file(source.display, TOO_DEEP, TOO_DEEP_HINT, 1, 1)
        node.source, node.pointer, node.line, node.column = source, pointer, 1, 1
        is_map = isinstance(node, SpecMap)
        first = pack_position(1, 1)
        node.marks = dict.fromkeys(node, first) if is_map else [first] * len(node)
        if is_map:
            node.yaml11_keys = NO_KEYS  # JSON keys are always quoted
        for key in list(node) if is_map else range(len(node)):
            if type(node[key]) is list:
                node[key] = SpecList(node[key])
            if isinstance(node[key], (SpecMap, SpecList)):
                stack.append((node[key], f"{pointer}/{escape_pointer_token(key)}"))
