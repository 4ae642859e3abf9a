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
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, AnyStr, NoReturn, TypeAlias, TypeVar

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from asyncapi_ws_docs.spec.diagnostics import Diagnostic, Level, SpecError

try:  # libyaml's parser, ~10x faster than PyYAML's Python one, when PyYAML was built with it
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover
    _CParser = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

UNREADABLE, DUPLICATE_KEY, READ_NOTE = "AWD001", "AWD010", "AWD011"
"""The codes of the loader's rules (see `diagnostics.RULES`)."""

MAX_DEPTH = 128
"""Deepest nesting accepted. Real AsyncAPI documents stay far below; deeper input is hostile."""

MAX_EXPANDED_NODES = 2_000_000
"""Most nodes a document may have once its aliases are expanded (billion-laughs guard)."""


@dataclass(frozen=True)
class Source:
    """The file a node was read from: `path` is absolute, `display` is what messages show."""

    path: Path
    display: str


def escape_pointer_token(token: str | int) -> str:
    """Escape one JSON pointer token (RFC 6901: `~` is `~0`, `/` is `~1`)."""
    return str(token).replace("~", "~0").replace("/", "~1")


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


class SpecMap(dict[str, Any]):
    """A mapping read from a spec file, with its place in that file."""

    __slots__ = ("column", "line", "marks", "pointer", "source", "yaml11_keys")

    source: Source
    pointer: str
    line: int
    column: int
    marks: dict[str, int]
    yaml11_keys: frozenset[str]
    """Keys written unquoted that YAML 1.1 tools would read as booleans (`on`, `yes`...)."""

    def position_of(self, key: str | int | None = None) -> tuple[str, int, int, str]:
        """Return (file, line, column, pointer) of this mapping, or of its entry `key`."""
        if key is None:
            return self.source.display, self.line, self.column, self.pointer
        packed = self.marks.get(str(key))
        line, column = (self.line, self.column) if packed is None else unpack_position(packed)
        return self.source.display, line, column, f"{self.pointer}/{escape_pointer_token(key)}"


class SpecList(list[Any]):
    """A sequence read from a spec file, with its place in that file."""

    __slots__ = ("column", "line", "marks", "pointer", "source")

    source: Source
    pointer: str
    line: int
    column: int
    marks: list[int]

    def position_of(self, key: str | int | None = None) -> tuple[str, int, int, str]:
        """Return (file, line, column, pointer) of this list, or of its item `key`."""
        if key is None or not isinstance(key, int) or not 0 <= key < len(self.marks):
            return self.source.display, self.line, self.column, self.pointer
        line, column = unpack_position(self.marks[key])
        return self.source.display, line, column, f"{self.pointer}/{key}"


Located: TypeAlias = SpecMap | SpecList

_COLUMN_BITS = 32
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


def pack_position(line: int, column: int) -> int:
    """A (line, column) pair as one int, the form `marks` keeps."""
    return line << _COLUMN_BITS | column


def unpack_position(packed: int) -> tuple[int, int]:
    """The (line, column) of a packed position."""
    return packed >> _COLUMN_BITS, packed & _COLUMN_MASK


class SpecInt(int):
    """An integer scalar that remembers how the author wrote it."""

    text: str


class SpecFloat(float):
    """A float scalar that remembers how the author wrote it (`1.10` stays "1.10")."""

    text: str


@dataclass(frozen=True)
class LoadedFile:
    """A parsed file: its root mapping, its content hash and the problems found while reading."""

    source: Source
    root: SpecMap
    digest: str
    diagnostics: tuple[Diagnostic, ...]


_Event: TypeAlias = Any  # PyYAML's events carry untyped attributes
_Anchor: TypeAlias = "tuple[Any, int, str | None]"  # value, size once expanded, text as a key
_OPEN: _Anchor = (None, 0, None)  # a collection still being read: an alias to it is a cycle
_N = TypeVar("_N", SpecInt, SpecFloat)
_LIBYAML = _CParser is not None  # tests switch this off to exercise the pure-Python parser
_TAG = "tag:yaml.org,2002:"
_TYPED: dict[str, Any] = {"int": SpecInt, "bool": bool, "null": type(None)}  # what !!x must be
_TYPED["float"] = (SpecInt, SpecFloat)
_MISSING = object()
_EMPTY_HINT = "An AsyncAPI document is a mapping that starts with a line like `asyncapi: 3.0.0`."
_DEPTH_HINT = "Real documents are far shallower; move deep schemas to components and `$ref`."
_SYNTAX_HINT = "Check the indentation and quoting on this line and the one before it."
_TAB_HINT = "Indent with spaces: YAML does not allow tabs for indentation."
_SYNTAX_HINTS = {  # keyed by the start of the parser's problem, which libyaml words differently
    "mapping values are n": "Quote a value that contains ': ', or fix the indentation.",
    "did not find expecte": "Close the quote or bracket that starts here, or fix the indentation.",
}
_DEPTH = f"nesting is deeper than {MAX_DEPTH} levels"

# YAML 1.2 core schema, applied by hand: PyYAML's resolver is YAML 1.1 (`on`, `yes` are True)
# and runs several regexes per scalar. Exact words cost one dict lookup, and only scalars that
# can start a number meet a regex.
_WORDS: dict[str, Any] = dict.fromkeys(("", "~", "null", "Null", "NULL"))
_WORDS.update(dict.fromkeys(("true", "True", "TRUE"), True))
_WORDS.update(dict.fromkeys(("false", "False", "FALSE"), False))
_NUMBER_START = frozenset("0123456789+-.")
_NUMBER = re.compile(
    r"(?P<int>[-+]?[0-9]+)|(?P<int0>0o[0-7]+|0x[0-9a-fA-F]+)"
    r"|(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<special>[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
)
# The characters YAML accepts; only searched after a reader error, to point at the culprit.
_NOT_PRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


_NO_KEYS: frozenset[str] = frozenset()


_MAX_INT_TEXT = 1000
"""Longest integer kept as a number (a 0x... of 1000 digits is still far below Python's limit)."""


def _keep(number: _N, text: str) -> _N:
    number.text = text
    return number


def _plain(text: str) -> Any:
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
        return _keep(SpecInt(int(text, 10 if kind == "int" else 0)), text)
    # float() reads "inf"/"-INF"/"NaN" but not YAML's leading dot
    return _keep(SpecFloat(text if kind == "float" else text.replace(".", "")), text)


def _fail(display: str, message: str, hint: str, line: int = 0, column: int = 0) -> NoReturn:
    """Refuse the file as a whole (so the pointer is the root's)."""
    raise SpecError(Diagnostic(Level.ERROR, display, line, column, "", message, hint, UNREADABLE))


def _position(data: AnyStr, offset: int, newline: AnyStr) -> tuple[int, int]:
    """1-based line and column of `offset` in `data`."""
    return data.count(newline, 0, offset) + 1, offset - data.rfind(newline, 0, offset)


class _PyParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python event parser, for a PyYAML built without libyaml."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)


class _Frame:
    """A mapping or list whose end event has not arrived yet."""

    __slots__ = ("anchor", "container", "has_merge", "is_map", "key", "size")

    def __init__(self, container: Located, anchor: str | None) -> None:
        self.container: Any = container  # Any: the hot path trusts `is_map` over isinstance
        self.anchor = anchor
        self.is_map = isinstance(container, SpecMap)
        self.key: str | None = None if self.is_map else "-"  # None: the mapping awaits a key
        self.has_merge = False
        self.size = 1  # nodes at and below this one once aliases are expanded (counted only)


class _Builder:
    """Turns one document's events into SpecMap/SpecList with an explicit stack, no recursion.

    PyYAML's composer recurses (RecursionError on deep input) and its resolver and constructor
    follow YAML 1.1 and are slow; raw events avoid all of that, and PyYAML's node graph too.
    """

    def __init__(self, source: Source, diagnostics: list[Diagnostic]) -> None:
        self.source = source
        self.diagnostics = diagnostics
        self.anchors: dict[str, _Anchor] = {}
        self.stack: list[_Frame] = []

    def build(self, next_event: Callable[[], _Event]) -> Any:
        """Consume the events of the document's root node and return its value."""
        stack = self.stack
        while True:
            event = next_event()
            kind = type(event)
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                self._open(event, SpecMap() if kind is MappingStartEvent else SpecList())
                continue
            if kind is ScalarEvent or kind is AliasEvent:
                if stack and stack[-1].key is None:
                    self._key(stack[-1], event)
                    continue
                value, size = (
                    self._scalar(event) if kind is ScalarEvent else self._anchor(event)[:2]
                )
                line, column = event.start_mark.line + 1, event.start_mark.column + 1
            else:  # the end of a mapping or sequence
                frame = stack.pop()
                value, size = self._close(frame), frame.size
                line, column = value.line, value.column
            if not stack:
                return value
            self._add(stack[-1], value, size, line, column)

    def _scalar(self, event: _Event) -> tuple[Any, int]:
        text = event.value
        if event.tag is not None:
            value = self._tagged(event)
        else:  # implicit[0]: plain and untagged; quoted scalars are strings
            value = _plain(text) if event.implicit[0] else text
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1, text)
        return value, 1

    def _tagged(self, event: _Event) -> Any:
        tag, text = event.tag, event.value
        name = tag.removeprefix(_TAG)
        wanted = _TYPED.get(name) if tag.startswith(_TAG) else None
        if wanted is None:
            return text  # !!str, the `!` tag and tags we do not know keep the text as written
        value: Any = _plain(text)
        if not isinstance(value, wanted):
            self._refuse(event, f"{text[:40]!r} is tagged !!{name} but is not a YAML 1.2 {name}")
        return _keep(SpecFloat(value), text) if name == "float" else value

    def _anchor(self, event: _Event) -> _Anchor:
        entry = self.anchors.get(event.anchor)
        if entry is None:
            self._refuse(event, f"alias *{event.anchor} has no anchor &{event.anchor} before it")
        if entry is _OPEN:
            self._refuse(event, f"alias *{event.anchor} is inside the node it names (a cycle)")
        return entry

    def _open(self, event: _Event, container: Located) -> None:
        stack = self.stack
        pointer = ""
        if stack:
            parent = stack[-1]
            if parent.key is None:
                self._refuse(event, "a mapping or list cannot be a key; keys must be strings")
            token = parent.key if parent.is_map else len(parent.container)
            pointer = f"{parent.container.pointer}/{escape_pointer_token(token)}"
        if len(stack) >= MAX_DEPTH:
            self._refuse(event, _DEPTH, _DEPTH_HINT, pointer)
        container.source, container.pointer = self.source, pointer
        container.line, container.column = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(container, SpecMap):
            container.marks, container.yaml11_keys = {}, _NO_KEYS
        else:
            container.marks = []
        if event.anchor is not None:
            self.anchors[event.anchor] = _OPEN
        stack.append(_Frame(container, event.anchor))

    def _key(self, frame: _Frame, event: _Event) -> None:
        if type(event) is AliasEvent:
            key = self._anchor(event)[2]
            if key is None:
                self._refuse(event, "an alias to a mapping or list cannot be a key")
        else:
            key = event.value  # a key written `1` or `true` stays the text "1" / "true"
            plain = event.tag is None and event.implicit[0]
            frame.has_merge |= key == "<<" and plain
            if plain and key in YAML_11_BOOLEANS:
                container = frame.container
                container.yaml11_keys = container.yaml11_keys | {key}
            if event.anchor is not None:
                self.anchors[event.anchor] = (key, 1, key)
        marks = frame.container.marks
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        if key in marks:
            pointer = f"{frame.container.pointer}/{escape_pointer_token(key)}"
            first = unpack_position(marks[key])[0]
            message = f"duplicate key '{key}' (first at line {first}); YAML keeps only the last one"
            hint = "Remove one of them, or merge their contents."
            where = (self.source.display, line, column, pointer)
            self.diagnostics.append(Diagnostic(Level.WARNING, *where, message, hint, DUPLICATE_KEY))
        marks[key] = line << _COLUMN_BITS | column  # pack_position, inlined: once per node
        frame.key = key

    def _add(self, parent: _Frame, value: Any, size: int, line: int, column: int) -> None:
        parent.size += size  # sizes add up the tree, so the root's total is checked here too
        if parent.size > MAX_EXPANDED_NODES:
            message = f"more than {MAX_EXPANDED_NODES:,} nodes once aliases are expanded"
            hint = "Aliases of aliases make an alias bomb, refused without expanding it."
            where = (self.source.display, line, column, parent.container.pointer)
            raise SpecError(Diagnostic(Level.ERROR, *where, message, hint, UNREADABLE))
        if parent.is_map:
            parent.container[parent.key] = value
            parent.key = None
        else:
            parent.container.append(value)
            parent.container.marks.append(line << _COLUMN_BITS | column)  # pack_position

    def _close(self, frame: _Frame) -> Any:
        if frame.has_merge:
            _merge(frame.container)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.size, None)
        return frame.container

    def _refuse(self, event: _Event, message: str, hint: str = "", pointer: str = "") -> NoReturn:
        """Refuse the file at `event`, inside `pointer` or else the innermost open collection."""
        if not pointer and self.stack:
            pointer = self.stack[-1].container.pointer
        mark = event.start_mark
        where = (self.source.display, mark.line + 1, mark.column + 1, pointer)
        raise SpecError(Diagnostic(Level.ERROR, *where, message, hint, UNREADABLE))


def _merge(mapping: SpecMap) -> None:
    """Apply a YAML 1.1 merge key `<<` the way PyYAML does.

    YAML 1.2 dropped merge keys, but real specs use them. Merged entries come first, keys
    written in the mapping win, and among several merged mappings the first wins. A `<<` whose
    value is not a mapping or a list of mappings stays an ordinary key.
    """
    value = mapping["<<"]
    sources = value if isinstance(value, SpecList) else [value]
    if not all(isinstance(source, SpecMap) for source in sources):
        return
    del mapping["<<"], mapping.marks["<<"]
    merged: dict[str, Any] = {}
    marks: dict[str, int] = {}
    for source in sources:
        for key, item in source.items():
            if key not in merged:
                merged[key], marks[key] = item, source.marks[key]
    combined = {**merged, **mapping}
    mapping.clear()
    mapping.update(combined)
    mapping.marks = {**marks, **mapping.marks}


def _parse_yaml(text: str, source: Source, diagnostics: list[Diagnostic]) -> Any:
    next_event: Callable[[], _Event] = (_CParser(text) if _LIBYAML else _PyParser(text)).get_event
    next_event()  # StreamStartEvent
    if type(next_event()) is StreamEndEvent:
        _fail(source.display, "the file holds only comments", _EMPTY_HINT, 1, 1)
    root = _Builder(source, diagnostics).build(next_event)
    next_event()  # DocumentEndEvent
    count, line = 1, 0
    while (kind := type(event := next_event())) is not StreamEndEvent:  # only to count them
        if kind is DocumentStartEvent:
            count, line = count + 1, line or event.start_mark.line + 1
    if count > 1:
        message = f"found {count} documents; an AsyncAPI file holds one"
        hint = "Remove the `---` separators, or split the documents into separate files."
        _fail(source.display, message, hint, line, 1)
    return root


def _syntax_error(error: yaml.YAMLError, text: str, display: str) -> NoReturn:
    mark = getattr(error, "problem_mark", None)
    if not isinstance(error, yaml.MarkedYAMLError) or mark is None:
        _reader_error(error, text, display)
    problem = error.problem or "invalid YAML"
    if "maximum nesting depth" in problem:  # libyaml scans `[[[...` ahead up to 1000 levels
        _fail(display, _DEPTH, _DEPTH_HINT, mark.line + 1, mark.column + 1)
    message = f"YAML syntax error: {problem}"
    if error.context and error.context_mark is not None:
        message += f" ({error.context} at line {error.context_mark.line + 1})"
    lines = text.split("\n", mark.line + 1)
    culprit = lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""
    hint = _TAB_HINT if culprit == "\t" else _SYNTAX_HINTS.get(problem[:20], _SYNTAX_HINT)
    _fail(display, message, hint, mark.line + 1, mark.column + 1)


def _reader_error(error: yaml.YAMLError, text: str, display: str) -> NoReturn:
    bad = _NOT_PRINTABLE.search(text)  # the reader's offsets are in bytes: find it ourselves
    if bad is None:
        _fail(display, f"YAML syntax error: {error}", _SYNTAX_HINT)
    message = f"character U+{ord(bad.group()):04X} is not allowed in YAML"
    hint = "Remove it, or write it as an escape inside a double-quoted string."
    _fail(display, message, hint, *_position(text, bad.start(), "\n"))


def _load_json(text: str, source: Source, diagnostics: list[Diagnostic]) -> Any:
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
        return _keep(SpecFloat(text), text)

    root = json.loads(
        text,
        object_pairs_hook=mapping,
        parse_int=_plain,
        parse_float=_plain,
        parse_constant=constant,
    )
    if isinstance(root, SpecMap):
        _locate_json(root, source)
    for where, key in duplicates:
        pointer = f"{where.pointer}/{escape_pointer_token(key)}"
        message = f"duplicate key '{key}'; JSON readers keep only the last one"
        diagnostics.append(
            Diagnostic(Level.WARNING, source.display, 1, 1, pointer, message, code=DUPLICATE_KEY)
        )
    return root


def _locate_json(root: SpecMap, source: Source) -> None:
    """Give json's output the SpecMap/SpecList attributes, with a stack, not recursion."""
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        node, pointer = stack.pop()
        if pointer.count("/") >= MAX_DEPTH:
            _fail(source.display, _DEPTH, _DEPTH_HINT, 1, 1)
        node.source, node.pointer, node.line, node.column = source, pointer, 1, 1
        is_map = isinstance(node, SpecMap)
        first = pack_position(1, 1)
        node.marks = dict.fromkeys(node, first) if is_map else [first] * len(node)
        if is_map:
            node.yaml11_keys = _NO_KEYS  # JSON keys are always quoted
        for key in list(node) if is_map else range(len(node)):
            if type(node[key]) is list:
                node[key] = SpecList(node[key])
            if isinstance(node[key], (SpecMap, SpecList)):
                stack.append((node[key], f"{pointer}/{escape_pointer_token(key)}"))


def _parse(text: str, source: Source, diagnostics: list[Diagnostic]) -> Any:
    """YAML first, even for JSON (JSON is YAML 1.2), so that positions are known."""
    found: list[Diagnostic] = []  # kept only if YAML succeeds, or JSON would repeat them
    try:
        root = _parse_yaml(text, source, found)
    except yaml.YAMLError as error:
        if source.path.suffix.lower() != ".json":
            _syntax_error(error, text, source.display)
        reason = str(error).replace("\n", " ")
    else:
        diagnostics += found
        return root
    try:
        root = _load_json(text, source, diagnostics)
    except RecursionError:
        _fail(source.display, _DEPTH, _DEPTH_HINT, 1, 1)
    except json.JSONDecodeError as error:
        hint = "Check for a missing comma, quote or bracket just before this position."
        _fail(source.display, f"JSON syntax error: {error.msg}", hint, error.lineno, error.colno)
    note = f"read as strict JSON, so positions are not known (the YAML reader said: {reason})"
    diagnostics.append(Diagnostic(Level.INFO, source.display, 1, 1, "", note, code=READ_NOTE))
    return root


def _decode(raw: bytes, display: str, diagnostics: list[Diagnostic]) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(display, "the file is UTF-16 encoded", "Save it as UTF-8.", 1, 1)
    if (nul := raw.find(b"\x00")) >= 0:
        message = "the file contains NUL bytes: it is binary, not YAML or JSON"
        _fail(display, message, "Check that the path names the spec.", *_position(raw, nul, b"\n"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"the file is not UTF-8: byte 0x{raw[error.start]:02X} at offset {error.start}"
        _fail(display, message, "Save it as UTF-8.", *_position(raw, error.start, b"\n"))
    if text.startswith("\ufeff"):
        note = "the file starts with a UTF-8 byte-order mark; it was skipped"
        hint = "Save it without one."
        diagnostics.append(Diagnostic(Level.INFO, display, 1, 1, "", note, hint, READ_NOTE))
        text = text[1:]
    if not text.strip():
        _fail(display, "the file is empty", _EMPTY_HINT, 1, 1)
    return text


def load_file(path: Path, *, display: str) -> LoadedFile:
    """Read and parse `path` (YAML 1.2 or JSON). Raises `SpecError` when it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        _fail(display, message, "Check the path and the file's permissions.")
    source, diagnostics = Source(path.resolve(), display), list[Diagnostic]()
    root = _parse(_decode(raw, display, diagnostics), source, diagnostics)
    if not isinstance(root, SpecMap):
        kind = "a list" if isinstance(root, list) else "empty" if root is None else "a single value"
        line, column = (root.line, root.column) if isinstance(root, SpecList) else (1, 1)
        message = f"the top level is {kind}, but an AsyncAPI document is a mapping"
        _fail(display, message, _EMPTY_HINT, line, column)
    return LoadedFile(source, root, hashlib.sha256(raw).hexdigest(), tuple(diagnostics))
