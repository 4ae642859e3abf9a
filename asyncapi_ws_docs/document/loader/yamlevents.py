"""YAML read from the parser's events into `SpecMap`/`SpecList`, without PyYAML's composer.

PyYAML's composer recurses (RecursionError on deep input) and its resolver and constructor
follow YAML 1.1 and are slow; raw events avoid all of that, and PyYAML's node graph too. The
events come from libyaml when PyYAML was built with it, else from PyYAML's Python parser.
This module also guards against hostile input (cyclic aliases, alias bombs, deep nesting),
applies merge keys, and turns the parser's errors into diagnostics a person can act on.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

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

from asyncapi_ws_docs.document.diagnostics import Diagnostic, Level, SpecError
from asyncapi_ws_docs.document.loader.nodes import (
    COLUMN_BITS,
    NO_KEYS,
    Located,
    SpecFloat,
    SpecInt,
    SpecList,
    SpecMap,
    escape_pointer_token,
    unpack_position,
)
from asyncapi_ws_docs.document.loader.refusals import (
    DUPLICATE_KEY,
    MAX_DEPTH,
    MAX_EXPANDED_NODES,
    NOT_A_DOCUMENT_HINT,
    TOO_DEEP,
    TOO_DEEP_HINT,
    UNREADABLE,
    position_in,
    refuse_file,
)
from asyncapi_ws_docs.document.loader.scalars import YAML_11_BOOLEANS, keep_text, plain_scalar

try:  # libyaml's parser, ~10x faster than PyYAML's Python one, when PyYAML was built with it
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover
    _CParser = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from collections.abc import Callable

    from asyncapi_ws_docs.document.loader.nodes import Source

LIBYAML_AVAILABLE = _CParser is not None
"""Whether PyYAML was built with libyaml, whose parser `parse_yaml` then prefers."""

_Event: TypeAlias = Any  # PyYAML's events carry untyped attributes
_Anchor: TypeAlias = "tuple[Any, int, str | None]"  # value, size once expanded, text as a key
_OPEN: _Anchor = (None, 0, None)  # a collection still being read: an alias to it is a cycle
_TAG = "tag:yaml.org,2002:"
_TYPED: dict[str, Any] = {"int": SpecInt, "bool": bool, "null": type(None)}  # what !!x must be
_TYPED["float"] = (SpecInt, SpecFloat)
_SYNTAX_HINT = "Check the indentation and quoting on this line and the one before it."
_TAB_HINT = "Indent with spaces: YAML does not allow tabs for indentation."
_SYNTAX_HINTS = {  # keyed by the start of the parser's problem, which libyaml words differently
    "mapping values are n": "Quote a value that contains ': ', or fix the indentation.",
    "did not find expecte": "Close the quote or bracket that starts here, or fix the indentation.",
}
# The characters YAML accepts; only searched after a reader error, to point at the culprit.
_NOT_PRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def parse_yaml(text: str, source: Source, diagnostics: list[Diagnostic], *, libyaml: bool) -> Any:
    """The one document of `text`. Raises `yaml.YAMLError` on a syntax error, else `SpecError`.

    `libyaml` picks libyaml's parser (when available) over PyYAML's pure-Python one.
    """
    next_event: Callable[[], _Event] = (_CParser(text) if libyaml else _PyParser(text)).get_event
    next_event()  # StreamStartEvent
    if type(next_event()) is StreamEndEvent:
        refuse_file(source.display, "the file holds only comments", NOT_A_DOCUMENT_HINT, 1, 1)
    root = _Builder(source, diagnostics).build(next_event)
    next_event()  # DocumentEndEvent
    count, line = 1, 0
    while (kind := type(event := next_event())) is not StreamEndEvent:  # only to count them
        if kind is DocumentStartEvent:
            count, line = count + 1, line or event.start_mark.line + 1
    if count > 1:
        message = f"found {count} documents; an AsyncAPI file holds one"
        hint = "Remove the `---` separators, or split the documents into separate files."
        refuse_file(source.display, message, hint, line, 1)
    return root


def refuse_syntax_error(error: yaml.YAMLError, text: str, display: str) -> NoReturn:
    """Refuse the file for a YAML syntax error, at its position and with a hint to fix it."""
    mark = getattr(error, "problem_mark", None)
    if not isinstance(error, yaml.MarkedYAMLError) or mark is None:
        _refuse_reader_error(error, text, display)
    problem = error.problem or "invalid YAML"
    if "maximum nesting depth" in problem:  # libyaml scans `[[[...` ahead up to 1000 levels
        refuse_file(display, TOO_DEEP, TOO_DEEP_HINT, mark.line + 1, mark.column + 1)
    message = f"YAML syntax error: {problem}"
    if error.context and error.context_mark is not None:
        message += f" ({error.context} at line {error.context_mark.line + 1})"
    lines = text.split("\n", mark.line + 1)
    culprit = lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""
    hint = _TAB_HINT if culprit == "\t" else _SYNTAX_HINTS.get(problem[:20], _SYNTAX_HINT)
    refuse_file(display, message, hint, mark.line + 1, mark.column + 1)


def _refuse_reader_error(error: yaml.YAMLError, text: str, display: str) -> NoReturn:
    bad = _NOT_PRINTABLE.search(text)  # the reader's offsets are in bytes: find it ourselves
    if bad is None:
        refuse_file(display, f"YAML syntax error: {error}", _SYNTAX_HINT)
    message = f"character U+{ord(bad.group()):04X} is not allowed in YAML"
    hint = "Remove it, or write it as an escape inside a double-quoted string."
    refuse_file(display, message, hint, *position_in(text, bad.start(), "\n"))


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
    """Turns one document's events into SpecMap/SpecList with an explicit stack, no recursion."""

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
            value = plain_scalar(text) if event.implicit[0] else text
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1, text)
        return value, 1

    def _tagged(self, event: _Event) -> Any:
        tag, text = event.tag, event.value
        name = tag.removeprefix(_TAG)
        wanted = _TYPED.get(name) if tag.startswith(_TAG) else None
        if wanted is None:
            return text  # !!str, the `!` tag and tags we do not know keep the text as written
        value: Any = plain_scalar(text)
        if not isinstance(value, wanted):
            self._refuse(event, f"{text[:40]!r} is tagged !!{name} but is not a YAML 1.2 {name}")
        return keep_text(SpecFloat(value), text) if name == "float" else value

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
            self._refuse(event, TOO_DEEP, TOO_DEEP_HINT, pointer)
        container.source, container.pointer = self.source, pointer
        container.line, container.column = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(container, SpecMap):
            container.marks, container.yaml11_keys = {}, NO_KEYS
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
        marks[key] = line << COLUMN_BITS | column  # pack_position, inlined: once per node
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
            parent.container.marks.append(line << COLUMN_BITS | column)  # pack_position

    def _close(self, frame: _Frame) -> Any:
        if frame.has_merge:
            _merge_keys(frame.container)
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


def _merge_keys(mapping: SpecMap) -> None:
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
