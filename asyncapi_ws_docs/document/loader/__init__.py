"""Read one YAML or JSON file into plain Python data that remembers where each node came from.

CONTRACT (see tests/unit/test_loader.py):

- `load_file(path, display=...)` returns a `LoadedFile` or raises `SpecError` (never another
  exception) for: unreadable file, empty file, not UTF-8, binary (NUL bytes), YAML/JSON syntax
  error (with line and column), several YAML documents in one stream, top level not a mapping,
  alias expansion past `MAX_EXPANDED_NODES`, nesting deeper than `MAX_DEPTH`.
- Mappings become `SpecMap` (a dict), sequences `SpecList` (a list). Each knows its `source`,
  its JSON `pointer` inside the file, its own 1-based `line`/`column`, and the positions of its
  keys (`SpecMap.marks[key]`) or items (`SpecList.marks[index]`), 1-based, packed into one
  int each (`pack_position`, `unpack_position`): a tuple per node cost a fifth of a model's memory.
- Scalars follow the YAML 1.2 core schema: only true/false (any case variant listed by 1.2)
  are booleans, `on`/`yes`/`no`/`off` stay strings; null/~/empty are None; ints and floats per
  1.2 are `SpecInt`/`SpecFloat`, which compare equal to int/float and keep the author's text in
  `.text` (`version: 1.10` keeps "1.10"). Quoted scalars are always strings. Mapping keys are
  always strings (a key written `1` or `true` becomes "1" / "true").
- Duplicate keys in a mapping: the last wins (as YAML tools do) and a WARNING diagnostic is
  returned in `LoadedFile.diagnostics` at the second occurrence.
- A UTF-8 byte-order mark is skipped with an INFO diagnostic.
- Aliases are shared, never copied: the same anchored node yields the same Python object.

This module decodes the bytes and picks the reader; the rest is in its modules: `nodes` (the
node types and their positions), `scalars` (YAML 1.2 scalar resolution), `yamlevents` (YAML
from parser events), `jsontext` (the strict JSON fallback), `refusals` (codes and limits).
The public names above are all importable from here.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

import yaml

from asyncapi_ws_docs.document.diagnostics import Diagnostic, Level, SpecError
from asyncapi_ws_docs.document.loader.jsontext import load_json
from asyncapi_ws_docs.document.loader.nodes import (
    LoadedFile,
    Located,
    Source,
    SpecFloat,
    SpecInt,
    SpecList,
    SpecMap,
    escape_pointer_token,
    pack_position,
    unpack_position,
)
from asyncapi_ws_docs.document.loader.refusals import (
    DUPLICATE_KEY,
    MAX_DEPTH,
    MAX_EXPANDED_NODES,
    NOT_A_DOCUMENT_HINT,
    READ_NOTE,
    TOO_DEEP,
    TOO_DEEP_HINT,
    UNREADABLE,
    position_in,
    refuse_file,
)
from asyncapi_ws_docs.document.loader.scalars import YAML_11_BOOLEANS
from asyncapi_ws_docs.document.loader.yamlevents import (
    LIBYAML_AVAILABLE,
    parse_yaml,
    refuse_syntax_error,
)

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "DUPLICATE_KEY",
    "MAX_DEPTH",
    "MAX_EXPANDED_NODES",
    "READ_NOTE",
    "UNREADABLE",
    "YAML_11_BOOLEANS",
    "LoadedFile",
    "Located",
    "Source",
    "SpecError",
    "SpecFloat",
    "SpecInt",
    "SpecList",
    "SpecMap",
    "escape_pointer_token",
    "load_file",
    "pack_position",
    "unpack_position",
]

_LIBYAML = LIBYAML_AVAILABLE  # tests switch this off to exercise the pure-Python parser


def load_file(path: Path, *, display: str) -> LoadedFile:
    """Read and parse `path` (YAML 1.2 or JSON). Raises `SpecError` when it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        refuse_file(display, message, "Check the path and the file's permissions.")
    source, diagnostics = Source(path.resolve(), display), list[Diagnostic]()
    root = _parse(_decode(raw, display, diagnostics), source, diagnostics)
    if not isinstance(root, SpecMap):
        kind = "a list" if isinstance(root, list) else "empty" if root is None else "a single value"
        line, column = (root.line, root.column) if isinstance(root, SpecList) else (1, 1)
        message = f"the top level is {kind}, but an AsyncAPI document is a mapping"
        refuse_file(display, message, NOT_A_DOCUMENT_HINT, line, column)
    return LoadedFile(source, root, hashlib.sha256(raw).hexdigest(), tuple(diagnostics))


def _decode(raw: bytes, display: str, diagnostics: list[Diagnostic]) -> str:
    """The file's text: UTF-8 only, a byte-order mark skipped, binary and empty files refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        refuse_file(display, "the file is UTF-16 encoded", "Save it as UTF-8.", 1, 1)
    if (nul := raw.find(b"\x00")) >= 0:
        message = "the file contains NUL bytes: it is binary, not YAML or JSON"
        where = position_in(raw, nul, b"\n")
        refuse_file(display, message, "Check that the path names the spec.", *where)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"the file is not UTF-8: byte 0x{raw[error.start]:02X} at offset {error.start}"
        refuse_file(display, message, "Save it as UTF-8.", *position_in(raw, error.start, b"\n"))
    if text.startswith("\ufeff"):
        note = "the file starts with a UTF-8 byte-order mark; it was skipped"
        hint = "Save it without one."
        diagnostics.append(Diagnostic(Level.INFO, display, 1, 1, "", note, hint, READ_NOTE))
        text = text[1:]
    if not text.strip():
        refuse_file(display, "the file is empty", NOT_A_DOCUMENT_HINT, 1, 1)
    return text


def _parse(text: str, source: Source, diagnostics: list[Diagnostic]) -> Any:
    """YAML first, even for JSON (JSON is YAML 1.2), so that positions are known."""
    found: list[Diagnostic] = []  # kept only if YAML succeeds, or JSON would repeat them
    try:
        root = parse_yaml(text, source, found, libyaml=_LIBYAML)
    except yaml.YAMLError as error:
        if source.path.suffix.lower() != ".json":
            refuse_syntax_error(error, text, source.display)
        reason = str(error).replace("\n", " ")
    else:
        diagnostics += found
        return root
    try:
        root = load_json(text, source, diagnostics)
    except RecursionError:
        refuse_file(source.display, TOO_DEEP, TOO_DEEP_HINT, 1, 1)
    except json.JSONDecodeError as error:
        hint = "Check for a missing comma, quote or bracket just before this position."
        message = f"JSON syntax error: {error.msg}"
        refuse_file(source.display, message, hint, error.lineno, error.colno)
    note = f"read as strict JSON, so positions are not known (the YAML reader said: {reason})"
    diagnostics.append(Diagnostic(Level.INFO, source.display, 1, 1, "", note, code=READ_NOTE))
    return root
