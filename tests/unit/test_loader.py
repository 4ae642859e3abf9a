"""The loader reads one YAML 1.2 or JSON file into located data, or refuses it with one clear error.

Each test states one behaviour. Hostile inputs (alias bombs, deep nesting) run in a separate
process with a timeout, so a regression shows as a failure, not as a hung or crashed suite.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asyncapi_ws_docs.document import loader
from asyncapi_ws_docs.document.diagnostics import Diagnostic, Level, SpecError
from asyncapi_ws_docs.document.loader import (
    MAX_DEPTH,
    LoadedFile,
    SpecFloat,
    SpecInt,
    SpecList,
    SpecMap,
    load_file,
    unpack_position,
)

REPO_ROOT = Path(__file__).parents[2]


def positions(node: SpecMap | SpecList) -> dict[str, tuple[int, int]] | list[tuple[int, int]]:
    """The (line, column) of each key or item of a node (the loader keeps them packed)."""
    if isinstance(node, SpecMap):
        return {key: unpack_position(mark) for key, mark in node.marks.items()}
    return [unpack_position(mark) for mark in node.marks]


def load(tmp_path: Path, text: str | bytes, name: str = "spec.yaml") -> LoadedFile:
    path = tmp_path / name
    data = text if isinstance(text, bytes) else textwrap.dedent(text).encode()
    path.write_bytes(data)
    return load_file(path, display=name)


def refused(tmp_path: Path, text: str | bytes, name: str = "spec.yaml") -> Diagnostic:
    with pytest.raises(SpecError) as caught:
        load(tmp_path, text, name)
    diagnostic = caught.value.diagnostic
    assert diagnostic.level is Level.ERROR
    assert diagnostic.file == name
    return diagnostic


def run_isolated(path: Path) -> subprocess.CompletedProcess[str]:
    """Load `path` in a fresh interpreter; print the diagnostic if it is refused."""
    code = (
        "import sys, pathlib\n"
        "from asyncapi_ws_docs.document.loader import load_file, SpecError\n"
        "try:\n"
        "    load_file(pathlib.Path(sys.argv[1]), display='hostile.yaml')\n"
        "except SpecError as error:\n"
        "    print(error)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=20,
        env=env,
        check=False,
    )


# --- YAML 1.2 scalars -------------------------------------------------------------------------


def test_yaml_1_1_booleans_stay_strings_as_keys_and_values(tmp_path: Path) -> None:
    root = load(tmp_path, "on: yes\noff: no\ny: n\nYes: On\nflag: true\nshout: FALSE\n").root
    assert root == {"on": "yes", "off": "no", "y": "n", "Yes": "On", "flag": True, "shout": False}
    assert root["flag"] is True
    assert root["shout"] is False


def test_version_1_10_keeps_its_text_and_equals_1_1(tmp_path: Path) -> None:
    version = load(tmp_path, "info:\n  version: 1.10\n").root["info"]["version"]
    assert isinstance(version, SpecFloat)
    assert version == 1.1
    assert version.text == "1.10"


def test_binding_version_0_1_0_is_a_string(tmp_path: Path) -> None:
    root = load(tmp_path, "bindingVersion: 0.1.0\nasyncapi: 3.0.0\n").root
    assert root == {"bindingVersion": "0.1.0", "asyncapi": "3.0.0"}
    assert type(root["bindingVersion"]) is str


def test_null_words_and_empty_values_are_none(tmp_path: Path) -> None:
    root = load(tmp_path, "a: null\nb: Null\nc: NULL\nd: ~\ne:\nf: nil\n").root
    assert root == {"a": None, "b": None, "c": None, "d": None, "e": None, "f": "nil"}


def test_numbers_follow_the_yaml_1_2_core_schema(tmp_path: Path) -> None:
    root = load(
        tmp_path,
        "dec: 012\nneg: -7\nplus: +5\nhex: 0x1F\noct: 0o17\nexp: 1e3\nhalf: .5\n"
        "inf: -.inf\nnan: .NaN\nsexagesimal: 1:30\nunderscore: 1_000\nold_octal: 0o9\n",
    ).root
    assert root["dec"] == 12
    assert root["dec"].text == "012"
    assert (root["neg"], root["plus"], root["hex"], root["oct"]) == (-7, 5, 31, 15)
    assert all(isinstance(root[k], SpecInt) for k in ("dec", "neg", "plus", "hex", "oct"))
    assert (root["exp"], root["half"], root["inf"]) == (1000.0, 0.5, -math.inf)
    assert isinstance(root["exp"], SpecFloat)
    assert math.isnan(root["nan"])
    assert root["nan"].text == ".NaN"
    assert (root["sexagesimal"], root["underscore"], root["old_octal"]) == ("1:30", "1_000", "0o9")


def test_quoted_scalars_are_always_strings(tmp_path: Path) -> None:
    root = load(tmp_path, "a: 'true'\nb: \"1.0\"\nc: 'null'\nd: \"\"\n").root
    assert root == {"a": "true", "b": "1.0", "c": "null", "d": ""}


def test_explicit_standard_tags_are_honoured(tmp_path: Path) -> None:
    text = "s: !!str 4\nf: !!float 5\ni: !!int '7'\nb: !!bool true\nn: !!null ''\nc: !custom x\n"
    root = load(tmp_path, text).root
    assert root == {"s": "4", "f": 5.0, "i": 7, "b": True, "n": None, "c": "x"}
    assert isinstance(root["f"], SpecFloat)
    assert root["f"].text == "5"


def test_a_tag_that_does_not_fit_its_value_is_refused(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, "a: 1\nport: !!int eighty\n")
    assert "'eighty' is tagged !!int" in diagnostic.message
    assert (diagnostic.line, diagnostic.column) == (2, 7)


def test_non_string_keys_become_their_source_text(tmp_path: Path) -> None:
    root = load(tmp_path, "1: a\ntrue: b\nnull: c\n~: d\n1.0: e\n0x1F: f\n").root
    assert list(root) == ["1", "true", "null", "~", "1.0", "0x1F"]


# --- positions and pointers -------------------------------------------------------------------


CHANNELS = """\
asyncapi: 3.0.0
channels:
  /v1/chat:
    address: /v1/chat
    messages:
      - name: hello
      - name: bye
        tags: [a, b]
  a~b:
    address: x
"""


def test_mapping_knows_its_position_and_the_positions_of_its_keys(tmp_path: Path) -> None:
    chat = load(tmp_path, CHANNELS).root["channels"]["/v1/chat"]
    assert isinstance(chat, SpecMap)
    assert (chat.line, chat.column) == (4, 5)
    assert positions(chat) == {"address": (4, 5), "messages": (5, 5)}
    assert chat.position_of("messages")[1:3] == (5, 5)
    assert chat.source.display == "spec.yaml"


def test_pointers_escape_slash_and_tilde_in_keys(tmp_path: Path) -> None:
    channels = load(tmp_path, CHANNELS).root["channels"]
    assert channels.pointer == "/channels"
    assert channels["/v1/chat"].pointer == "/channels/~1v1~1chat"
    assert channels["a~b"].pointer == "/channels/a~0b"
    assert channels.position_of("/v1/chat") == ("spec.yaml", 3, 3, "/channels/~1v1~1chat")


def test_an_item_in_a_nested_list_has_its_pointer_and_position(tmp_path: Path) -> None:
    messages = load(tmp_path, CHANNELS).root["channels"]["/v1/chat"]["messages"]
    assert isinstance(messages, SpecList)
    assert messages.pointer == "/channels/~1v1~1chat/messages"
    assert positions(messages) == [(6, 9), (7, 9)]
    bye = messages[1]
    assert bye.pointer == "/channels/~1v1~1chat/messages/1"
    assert bye["tags"].pointer == "/channels/~1v1~1chat/messages/1/tags"
    assert positions(bye["tags"]) == [(8, 16), (8, 19)]
    assert messages.position_of(1) == ("spec.yaml", 7, 9, "/channels/~1v1~1chat/messages/1")


def test_the_root_has_the_empty_pointer(tmp_path: Path) -> None:
    root = load(tmp_path, CHANNELS).root
    assert (root.pointer, root.line, root.column) == ("", 1, 1)
    assert root.source.path == (tmp_path / "spec.yaml").resolve()


def test_aliases_share_one_object(tmp_path: Path) -> None:
    root = load(tmp_path, "base: &b {type: string}\none: *b\ntwo: *b\n").root
    assert root["one"] is root["base"]
    assert root["two"] is root["base"]
    assert root["one"].pointer == "/base"


def test_merge_keys_merge_like_pyyaml(tmp_path: Path) -> None:
    text = "base: &b {a: 1, b: 2}\nmore: &m {c: 3}\nd:\n  b: 20\n  <<: [*b, *m]\n  e: 5\n"
    derived = load(tmp_path, text).root["d"]
    assert derived == {"a": 1, "b": 20, "c": 3, "e": 5}
    assert list(derived) == ["a", "b", "c", "e"]
    assert positions(derived)["a"] == (1, 11)
    assert positions(derived)["b"] == (4, 3)


def test_a_quoted_merge_key_is_an_ordinary_key(tmp_path: Path) -> None:
    root = load(tmp_path, "base: &b {a: 1}\nd: {'<<': *b}\n").root
    assert root["d"] == {"<<": {"a": 1}}


def test_duplicate_key_keeps_the_last_and_warns_at_the_second(tmp_path: Path) -> None:
    loaded = load(tmp_path, "info:\n  title: A\n  version: 1\n  title: B\n")
    assert loaded.root["info"] == {"title": "B", "version": 1}
    assert positions(loaded.root["info"])["title"] == (4, 3)
    (warning,) = loaded.diagnostics
    assert warning.level is Level.WARNING
    assert (warning.line, warning.column, warning.pointer) == (4, 3, "/info/title")
    assert "duplicate key 'title' (first at line 2)" in warning.message


def test_digest_is_the_sha256_of_the_raw_bytes(tmp_path: Path) -> None:
    data = b"asyncapi: 3.0.0\n"
    assert load(tmp_path, data).digest == hashlib.sha256(data).hexdigest()


# --- JSON -------------------------------------------------------------------------------------


def test_a_json_file_is_read_with_positions(tmp_path: Path) -> None:
    text = '{\n  "asyncapi": "3.0.0",\n  "info": {"version": 1.10, "tags": [1, "x"]}\n}\n'
    loaded = load(tmp_path, text, "spec.json")
    info = loaded.root["info"]
    assert positions(loaded.root)["info"] == (3, 3)
    assert info.pointer == "/info"
    assert info["version"].text == "1.10"
    assert positions(info["tags"]) == [(3, 38), (3, 41)]
    assert loaded.diagnostics == ()


def test_a_json_file_with_a_bom_is_read_and_the_bom_reported(tmp_path: Path) -> None:
    loaded = load(tmp_path, b'\xef\xbb\xbf{"asyncapi": "3.0.0"}', "spec.json")
    assert loaded.root == {"asyncapi": "3.0.0"}
    assert positions(loaded.root)["asyncapi"] == (1, 2)
    (note,) = loaded.diagnostics
    assert note.level is Level.INFO
    assert "byte-order mark" in note.message


def test_json_that_yaml_refuses_is_read_as_strict_json(tmp_path: Path) -> None:
    text = b'\t{"a": {"b/c": [{"d": 1}, 2.50]}, "a": {"x": [true]}, "e": {"k": 1, "k": 2}}'
    loaded = load(tmp_path, text, "spec.json")
    root = loaded.root
    assert root == {"a": {"x": [True]}, "e": {"k": 2}}
    assert isinstance(root["a"]["x"], SpecList)
    assert root["a"]["x"].pointer == "/a/x"
    assert (root["a"].line, root["a"].column) == (1, 1)
    assert positions(root["e"]) == {"k": (1, 1)}
    levels = sorted((d.level, d.pointer) for d in loaded.diagnostics)
    assert levels == [(Level.INFO, ""), (Level.WARNING, "/a"), (Level.WARNING, "/e/k")]


def test_strict_json_keeps_number_text(tmp_path: Path) -> None:
    root = load(tmp_path, b'\t{"v": 1.10, "n": -3}', "spec.json").root
    assert (root["v"].text, root["n"].text) == ("1.10", "-3")
    assert isinstance(root["n"], SpecInt)


def test_invalid_json_reports_the_json_position(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, b'\t{\n"a": 1\n"b": 2}', "spec.json")
    assert diagnostic.message == "JSON syntax error: Expecting ',' delimiter"
    assert (diagnostic.line, diagnostic.column) == (3, 1)


# --- files that cannot be read ----------------------------------------------------------------


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_file(tmp_path / "nope.yaml", display="nope.yaml")
    assert "cannot read the file: No such file or directory" in caught.value.diagnostic.message


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_file(tmp_path, display="folder")
    assert "cannot read the file" in caught.value.diagnostic.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n\t\n", "the file is empty"),
        (b"# only a comment\n\n# another\n", "the file holds only comments"),
    ],
)
def test_an_empty_file_is_refused(tmp_path: Path, text: bytes, message: str) -> None:
    diagnostic = refused(tmp_path, text)
    assert diagnostic.message == message
    assert "asyncapi: 3.0.0" in diagnostic.hint


def test_nul_bytes_mean_a_binary_file(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, b"a: 1\nb: \x00\x01\x02")
    assert "NUL bytes" in diagnostic.message
    assert "binary" in diagnostic.message
    assert (diagnostic.line, diagnostic.column) == (2, 4)


def test_a_file_that_is_not_utf8_names_the_byte_and_line(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, b"a: 1\nname: caf\xe9\n")
    assert diagnostic.message == "the file is not UTF-8: byte 0xE9 at offset 14"
    assert (diagnostic.line, diagnostic.column) == (2, 10)
    assert "UTF-8" in diagnostic.hint


def test_a_utf16_file_is_refused_with_a_hint(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, "a: 1\n".encode("utf-16"))
    assert "UTF-16" in diagnostic.message


def test_a_yaml_syntax_error_has_its_line_column_and_a_hint(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, "info:\n  title: a: b\n")
    assert diagnostic.message.startswith("YAML syntax error: mapping values are not allowed")
    assert (diagnostic.line, diagnostic.column) == (2, 11)
    assert "Quote a value that contains ': '" in diagnostic.hint


def test_an_unclosed_quote_names_where_it_started(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, "a: 1\nb: 'open\nc: 2\n")
    assert "while scanning a quoted scalar at line 2" in diagnostic.message


def test_tab_indentation_gets_a_tab_hint(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, "info:\n\ttitle: x\n")
    assert diagnostic.line == 2
    assert "tabs" in diagnostic.hint


def test_a_control_character_is_located(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, "a: 1\nb: x\x07y\n")
    assert diagnostic.message == "character U+0007 is not allowed in YAML"
    assert (diagnostic.line, diagnostic.column) == (2, 5)


def test_a_stream_of_three_documents_is_refused(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, "a: 1\n---\nb: 2\n---\nc: 3\n")
    assert diagnostic.message == "found 3 documents; an AsyncAPI file holds one"
    assert diagnostic.line == 2
    assert "---" in diagnostic.hint


@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [("- a\n- b\n", "a list", 1), ("just text\n", "a single value", 1), ("---\n", "empty", 1)],
)
def test_a_top_level_that_is_not_a_mapping_is_refused(
    tmp_path: Path, text: str, kind: str, line: int
) -> None:
    diagnostic = refused(tmp_path, text)
    assert diagnostic.message == f"the top level is {kind}, but an AsyncAPI document is a mapping"
    assert diagnostic.line == line


def test_an_undefined_alias_is_refused(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, "a: 1\nb: *missing\n")
    assert diagnostic.message == "alias *missing has no anchor &missing before it"
    assert diagnostic.line == 2


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, "a: &loop\n  b: *loop\n")
    assert "(a cycle)" in diagnostic.message
    assert (diagnostic.line, diagnostic.column, diagnostic.pointer) == (2, 6, "/a")


def test_a_mapping_as_a_key_is_refused(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, "a: 1\n? [x, y]\n: 2\n")
    assert "keys must be strings" in diagnostic.message
    assert diagnostic.line == 2


# --- hostile input ----------------------------------------------------------------------------


def nested_mappings(levels: int) -> str:
    return "".join(f"{' ' * depth}k{depth}:\n" for depth in range(levels)) + " " * levels + "x\n"


def test_nesting_up_to_max_depth_is_accepted(tmp_path: Path) -> None:
    root = load(tmp_path, nested_mappings(MAX_DEPTH)).root
    assert root.pointer == ""


def test_nesting_past_max_depth_names_the_line(tmp_path: Path) -> None:
    diagnostic = refused(tmp_path, nested_mappings(MAX_DEPTH + 5))
    assert diagnostic.message == f"nesting is deeper than {MAX_DEPTH} levels"
    assert diagnostic.line == MAX_DEPTH + 1
    assert diagnostic.pointer == "/" + "/".join(f"k{depth}" for depth in range(MAX_DEPTH))


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param("deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n", id="flow"),
        pytest.param("deep.yaml", "a:\n  " + "- " * 5000 + "x\n", id="block"),
        pytest.param("deep.yaml", nested_mappings(5000), id="indented"),
        pytest.param("deep.json", '{"a": ' + "[" * 5000 + "]" * 5000 + "}", id="json"),
        pytest.param("deep.json", '\t{"a": ' + "[" * 5000 + "]" * 5000 + "}", id="strict-json"),
    ],
)
def test_5000_levels_of_nesting_are_refused_without_recursion_error(
    tmp_path: Path, name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_isolated(path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0
    assert f"nesting is deeper than {MAX_DEPTH} levels" in result.stdout


def test_an_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = run_isolated(path)
    assert time.monotonic() - started < 10
    assert "Traceback" not in result.stderr
    assert "more than 2,000,000 nodes once aliases are expanded" in result.stdout
    assert "alias bomb" in result.stdout
    assert "hostile.yaml:7:" in result.stdout  # 9**7 nodes: the seventh line is too many


def test_the_pure_python_parser_gives_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = load(tmp_path, CHANNELS).root
    monkeypatch.setattr(loader, "_LIBYAML", False)
    slow = load(tmp_path, CHANNELS).root
    assert slow == fast
    assert positions(slow["channels"]["/v1/chat"]["messages"]) == [(6, 9), (7, 9)]
    deep = refused(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert deep.message == f"nesting is deeper than {MAX_DEPTH} levels"


ODD_PIECES = [*"ab1.:-[]{},&*!?|>'\"#%~\n \t", "<<", "&a", "*a", "!!int ", "---\n", "\x85"]


@pytest.mark.parametrize(
    "text",
    ["[", "{a: 1", "a: *", "a: &", "? : :", "%YAML 9.9\n--- a", "a: !!binary x", "- [a, {b: }]"],
)
def test_odd_input_is_loaded_or_refused_never_crashes(tmp_path: Path, text: str) -> None:
    with contextlib.suppress(SpecError):  # any other exception fails the test
        load(tmp_path, text)


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.sampled_from(ODD_PIECES), max_size=40).map("".join))
def test_any_text_is_loaded_or_refused_with_a_spec_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder, contextlib.suppress(SpecError):
        load(Path(folder), text.encode())
