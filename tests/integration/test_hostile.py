"""Hostile spec files meet the command line: each is refused, or read, with a clear message.

Every input is written into a temporary folder and checked by `asyncapi-ws-docs check` in a
fresh interpreter with a timeout, so a hang, a crash or a runaway allocation fails one test
instead of the suite. The interpreter has no network (any attempt is recorded and refused) and
reports, on its last stderr line, the time `main` took and the process's peak memory. The
numbers of all inputs go to `test-artifacts/hostile-inputs.md` at the end of the module.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

TIMEOUT = 20
"""Seconds a check may take before it counts as a hang."""

QUICK = 5.0
"""Seconds that inputs refused early, or never fetched, must stay under (inside `main`)."""

MODEST_MEMORY_KIB = 300 * 1024
"""Peak memory an input that should be refused before expanding must stay under."""

MINIMAL = "asyncapi: 3.0.0\ninfo: {title: Hostile, version: '1'}\n"

MEASURE = textwrap.dedent(
    """
    import json, resource, sys, time

    def measure(start, attempts):
        # ru_maxrss survives exec: on Linux it starts at the forking parent's (pytest's) peak.
        # VmHWM is the high-water mark of this process's own memory.
        stats = {
            "seconds": time.perf_counter() - start,
            "ru_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "network": attempts,
        }
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                hwm = next(line for line in status if line.startswith("VmHWM:"))
            stats["peak_kib"] = int(hwm.split()[1])
        except (OSError, StopIteration):
            stats["peak_kib"] = stats["ru_maxrss_kib"]
        return stats
    """
)
"""Timing and peak memory of the wrapper's own process, as a dict for its JSON line."""

WRAPPER = MEASURE + textwrap.dedent(
    """
    import socket

    attempts = []

    def no_network(*args, **kwargs):
        attempts.append(repr(args[:2]))
        raise OSError("network access attempted by a hostile-input test")

    socket.socket.connect = no_network
    socket.socket.connect_ex = no_network
    socket.create_connection = no_network
    socket.getaddrinfo = no_network

    from asyncapi_ws_docs.cli import main

    start = time.perf_counter()
    try:
        status = main(sys.argv[1:])
    finally:
        print(json.dumps(measure(start, attempts)), file=sys.stderr)
    sys.exit(status)
    """
)

RENDER_WRAPPER = MEASURE + textwrap.dedent(
    """
    from pathlib import Path

    from asyncapi_ws_docs.document.readers import load_spec
    from asyncapi_ws_docs.page.pages import spec_pages

    spec_path, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    start = time.perf_counter()
    try:
        spec, diagnostics = load_spec(
            spec_path, roots=[spec_path.parent], display_base=spec_path.parent
        )
        for diagnostic in diagnostics:
            print(diagnostic.format())
        for page in spec_pages(spec, output="") if spec is not None else ():
            target = out / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.markdown, encoding="utf-8")
    finally:
        print(json.dumps(measure(start, [])), file=sys.stderr)
    sys.exit(0 if spec is not None else 1)
    """
)


@dataclass(frozen=True)
class Measurement:
    """One hostile input: how the check ended, how long `main` took, the peak memory."""

    name: str
    size_bytes: int
    status: int
    seconds: float
    peak_kib: int
    ru_maxrss_kib: int
    wall_seconds: float
    """The whole subprocess as the test saw it: interpreter start, imports, `main`, exit."""


MEASUREMENTS: list[Measurement] = []


@dataclass(frozen=True)
class Run:
    """What one check printed and how it ended."""

    status: int
    stdout: str
    stderr: str
    seconds: float
    peak_kib: int

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    def errors_about(self, file: str) -> list[str]:
        """The `FILE:LINE:COLUMN: error: ...` lines that name `file`."""
        pattern = re.compile(rf"^{re.escape(file)}:\d+:\d+: error\[AWD001\]: ")
        return [line for line in self.lines if pattern.match(line)]

    def warnings_about(self, file: str) -> list[str]:
        """The `FILE:LINE:COLUMN: warning: ...` lines that name `file`."""
        pattern = re.compile(rf"^{re.escape(file)}:\d+:\d+: warning\[AWD\d+\]: ")
        return [line for line in self.lines if pattern.match(line)]


def run_python(
    name: str, spec: Path, code: str, *args: str, cwd: Path, timeout: float = TIMEOUT
) -> Run:
    """Run `code` with `args` in a fresh interpreter in `cwd`; record its measurement.

    Fails the calling test on a hang, a traceback or a network attempt: no hostile input may
    cause any of them, whatever else the test checks.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=cwd,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        size = spec.stat().st_size
        MEASUREMENTS.append(Measurement(name, size, -1, timeout, 0, 0, timeout))
        pytest.fail(f"{name}: no answer within {timeout} s (a hang)")
    stats = stats_of(done.stderr)
    wall = time.perf_counter() - started
    size, status = spec.stat().st_size, done.returncode
    seconds, peak, maxrss = stats["seconds"], stats["peak_kib"], stats["ru_maxrss_kib"]
    MEASUREMENTS.append(Measurement(name, size, status, seconds, peak, maxrss, wall))
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert stats["network"] == [], f"{name} tried to reach the network: {stats['network']}"
    return Run(done.returncode, done.stdout, done.stderr, stats["seconds"], stats["peak_kib"])


def stats_of(stderr: str) -> dict[str, Any]:
    """The wrapper's JSON line: the last stderr line that is a JSON object with `seconds`."""
    for line in reversed(stderr.splitlines()):
        if line.startswith("{"):
            stats = json.loads(line)
            if "seconds" in stats:
                return stats
    pytest.fail(f"the wrapper printed no measurements; stderr:\n{stderr[-3000:]}")


def check(
    name: str, spec: Path, *options: str, cwd: Path | None = None, timeout: float = TIMEOUT
) -> Run:
    """`asyncapi-ws-docs check [options] spec`, run in the spec's folder unless `cwd` is given."""
    folder = cwd or spec.parent
    argument = spec.relative_to(folder).as_posix()
    return run_python(name, spec, WRAPPER, "check", *options, argument, cwd=folder, timeout=timeout)


def render(name: str, spec: Path, pages: Path) -> Run:
    """`load_spec` and `spec_pages` on `spec`, each page written below `pages`."""
    return run_python(name, spec, RENDER_WRAPPER, str(spec), str(pages), cwd=spec.parent)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


@pytest.fixture(scope="module", autouse=True)
def measurements_table(
    artifacts_dir: Path, request: pytest.FixtureRequest
) -> Iterator[list[Measurement]]:
    """After the module: the table of inputs, seconds and peak memory, in the artifacts."""
    yield MEASUREMENTS
    rows = [
        "| input | size | exit | seconds in `main` | wall seconds | peak memory (VmHWM) "
        "| ru_maxrss |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {m.name} | {m.size_bytes:,} B | {m.status if m.status >= 0 else 'killed'} "
            f"| {m.seconds:.3f} "
            f"| {m.wall_seconds:.2f} "
            f"| {m.peak_kib:,} KiB ({m.peak_kib / 1024:.0f} MiB) | {m.ru_maxrss_kib:,} KiB |"
            for m in MEASUREMENTS
        ),
    ]
    note = (
        "\n\nWall seconds include starting Python and importing the package."
        " Peak memory is the process's own high-water mark (`VmHWM`). `ru_maxrss` is shown"
        " for comparison: on Linux it survives `exec`, so it starts at the peak of the pytest"
        " process that forked the check.\n"
    )
    table = "\n".join(rows)
    heading = "# Hostile inputs: `asyncapi-ws-docs check` in a fresh interpreter\n\n"
    (artifacts_dir / "hostile-inputs.md").write_text(heading + table + note, encoding="utf-8")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("-", "hostile inputs (test-artifacts/hostile-inputs.md)")
        reporter.write_line(table)


# --- files that cannot be read at all -----------------------------------------------------------


def test_a_yaml_syntax_error_is_reported_at_its_line(tmp_path: Path) -> None:
    spec = write(tmp_path / "syntax.yaml", MINIMAL + "channels:\n  c:\n address: /c\n")
    run = check("YAML syntax error", spec)
    assert run.status == 1
    [error] = run.errors_about("syntax.yaml")
    assert error.startswith("syntax.yaml:5:2: error[AWD001]: ")
    assert "YAML syntax error" in error


def test_an_empty_file_is_reported_as_empty(tmp_path: Path) -> None:
    run = check("empty file", write(tmp_path / "empty.yaml", b""))
    assert run.status == 1
    [error] = run.errors_about("empty.yaml")
    assert error.startswith("empty.yaml:1:1: error[AWD001]: ")
    assert "the file is empty" in error


def test_a_file_of_only_whitespace_and_comments_is_reported_as_holding_no_document(
    tmp_path: Path,
) -> None:
    spec = write(tmp_path / "comments.yaml", "  \n# asyncapi: 3.0.0\n\n    \n   # nothing else\n")
    run = check("whitespace and comments only", spec)
    assert run.status == 1
    [error] = run.errors_about("comments.yaml")
    assert "only comments" in error


def test_a_latin1_file_is_reported_as_not_utf8_at_the_byte(tmp_path: Path) -> None:
    spec = write(tmp_path / "latin1.yaml", (MINIMAL + "x-city: Zürich\n").encode("latin-1"))
    run = check("Latin-1 bytes (not UTF-8)", spec)
    assert run.status == 1
    [error] = run.errors_about("latin1.yaml")
    assert error.startswith("latin1.yaml:3:10: error[AWD001]: ")
    assert "not UTF-8" in error
    assert "0xFC" in error


def test_a_binary_file_is_reported_as_binary(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
    run = check("binary (PNG header and NULs)", write(tmp_path / "image.yaml", png))
    assert run.status == 1
    [error] = run.errors_about("image.yaml")
    assert "NUL bytes" in error
    assert "binary" in error


def test_a_stream_of_three_documents_is_reported_at_the_second(tmp_path: Path) -> None:
    spec = write(tmp_path / "stream.yaml", MINIMAL + "---\nasyncapi: 2.6.0\n---\nthird: 3\n")
    run = check("YAML stream of three documents", spec)
    assert run.status == 1
    [error] = run.errors_about("stream.yaml")
    assert error.startswith("stream.yaml:3:1: error[AWD001]: ")
    assert "found 3 documents" in error


def test_a_top_level_list_is_reported_as_not_a_mapping(tmp_path: Path) -> None:
    spec = write(tmp_path / "list.yaml", "- asyncapi: 3.0.0\n- info: {}\n")
    run = check("top level is a list", spec)
    assert run.status == 1
    [error] = run.errors_about("list.yaml")
    assert "the top level is a list, but an AsyncAPI document is a mapping" in error


def test_a_top_level_scalar_is_reported_as_not_a_mapping(tmp_path: Path) -> None:
    run = check("top level is a scalar", write(tmp_path / "scalar.yaml", "asyncapi 3.0.0\n"))
    assert run.status == 1
    [error] = run.errors_about("scalar.yaml")
    assert "the top level is a single value, but an AsyncAPI document is a mapping" in error


# --- resource exhaustion ------------------------------------------------------------------------


def alias_bomb(levels: int = 9, fan_out: int = 9) -> str:
    """Billion laughs: each level is a list of `fan_out` aliases to the level before."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * fan_out)}]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*l{level - 1}"] * fan_out)
        lines.append(f"l{level}: &l{level} [{aliases}]")
    return "x-bomb:\n" + "".join(f"  {line}\n" for line in lines)


def test_an_alias_bomb_is_refused_quickly_without_expanding_it(tmp_path: Path) -> None:
    spec = write(tmp_path / "bomb.yaml", MINIMAL + alias_bomb())
    run = check("billion laughs (9 levels of 9 aliases)", spec)
    assert run.status == 1
    [error] = run.errors_about("bomb.yaml")
    assert "aliases are expanded" in error
    assert "alias bomb" in error
    assert run.seconds < QUICK
    assert run.peak_kib < MODEST_MEMORY_KIB


DEPTH = 5000


def test_5000_levels_of_block_nesting_are_refused_as_too_deep(tmp_path: Path) -> None:
    indent = 6  # below `components:`, `schemas:`, `Deep:`; one more space per level
    levels = "".join(" " * (indent + level) + "p:\n" for level in range(DEPTH))
    deep = f"{MINIMAL}components:\n  schemas:\n    Deep:\n{levels}{' ' * (indent + DEPTH)}x: 1\n"
    run = check(f"{DEPTH} levels, block style", write(tmp_path / "deep-block.yaml", deep))
    assert run.status == 1
    [error] = run.errors_about("deep-block.yaml")
    assert "nesting is deeper than 128 levels" in error
    assert run.seconds < QUICK


def test_5000_levels_of_flow_nesting_are_refused_as_too_deep(tmp_path: Path) -> None:
    deep = f"{MINIMAL}components:\n  schemas:\n    Deep: {'{p: ' * DEPTH}1{'}' * DEPTH}\n"
    run = check(f"{DEPTH} levels, flow style", write(tmp_path / "deep-flow.yaml", deep))
    assert run.status == 1
    [error] = run.errors_about("deep-flow.yaml")
    assert "nesting is deeper than 128 levels" in error
    assert run.seconds < QUICK


def test_a_10_mb_line_is_read(tmp_path: Path) -> None:
    huge = f"{MINIMAL}channels:\n  c:\n    address: /c\n    description: {'x' * 10_000_000}\n"
    # The channels of these specs have no messages: that info (AWD503) is not what is tested.
    run = check("10 MB single line", write(tmp_path / "huge-line.yaml", huge), "--ignore", "AWD503")
    assert run.status == 0
    assert run.stdout == ""


def test_20000_channels_are_checked_within_the_timeout(tmp_path: Path) -> None:
    channels = "".join(f"  c{i}:\n    address: /c/{i}\n" for i in range(20_000))
    spec = write(tmp_path / "many.yaml", f"{MINIMAL}channels:\n{channels}")
    run = check("20,000 channels", spec, "--ignore", "AWD503")
    assert run.status == 0
    assert run.stdout == ""


# --- files that are read, with a note or warnings -----------------------------------------------


def test_a_json_file_with_a_byte_order_mark_is_read_with_an_info_note(tmp_path: Path) -> None:
    document = {"asyncapi": "3.0.0", "info": {"title": "BOM", "version": "1"}}
    spec = write(tmp_path / "bom.json", "\ufeff" + json.dumps(document))
    run = check("JSON with a UTF-8 byte-order mark", spec)
    assert run.status == 0
    assert run.lines == [
        "bom.json:1:1: info[AWD011]: /: the file starts with a UTF-8 byte-order mark; it was skipped"
        " Hint: Save it without one."
    ]


def test_a_remote_ref_is_reported_and_never_fetched(tmp_path: Path) -> None:
    spec = write(
        tmp_path / "remote.yaml",
        MINIMAL + "channels:\n  c:\n    address: /c\n    messages:\n      m:\n"
        "        payload: {$ref: 'https://example.com/x.yaml#/X'}\n",
    )
    run = check("remote $ref (https://example.com/...)", spec)
    assert run.status == 0
    [warning] = run.warnings_about("remote.yaml")
    assert "remote $ref 'https://example.com/x.yaml#/X' is not followed" in warning
    assert "never fetch from the network" in warning
    assert run.seconds < QUICK


def test_a_relative_ref_leaving_the_root_is_reported_and_not_read(tmp_path: Path) -> None:
    write(tmp_path / "outside.yaml", "X: {type: string}\n")  # exists: refused for where it is
    spec = write(
        tmp_path / "project" / "spec" / "spec.yaml",
        MINIMAL + "channels:\n  c:\n    address: /c\n    messages:\n      m:\n"
        "        payload: {$ref: '../../outside.yaml#/X'}\n",
    )
    run = check("relative $ref leaving --root", spec, "--root", str(spec.parent))
    assert run.status == 0
    [warning] = run.warnings_about("spec.yaml")
    assert "$ref '../../outside.yaml#/X' reaches outside the allowed folders" in warning


def test_a_ref_to_itself_is_reported_as_circular(tmp_path: Path) -> None:
    spec = write(
        tmp_path / "self-ref.yaml",
        MINIMAL + "channels:\n  c:\n    address: /c\n    bindings:\n"
        "      ws: {$ref: '#/components/schemas/X'}\n"
        "components:\n  schemas:\n    X: {$ref: '#/components/schemas/X'}\n",
    )
    run = check("$ref that points at itself", spec)
    assert run.status == 0
    [warning] = run.warnings_about("self-ref.yaml")
    assert warning.startswith("self-ref.yaml:10:9: warning[AWD105]: /components/schemas/X/$ref: ")
    assert "circular $ref '#/components/schemas/X'" in warning


CYCLE = MINIMAL + textwrap.dedent(
    """\
    channels:
      c:
        address: /c
        messages:
          m:
            payload: {$ref: '#/components/schemas/A'}
    components:
      schemas:
        A:
          type: object
          properties:
            b: {$ref: '#/components/schemas/B'}
        B:
          type: object
          properties:
            a: {$ref: '#/components/schemas/A'}
    """
)


def test_a_recursive_schema_through_a_ref_cycle_checks_clean(tmp_path: Path) -> None:
    run = check("$ref cycle A -> B -> A (schema)", write(tmp_path / "cycle.yaml", CYCLE))
    assert run.status == 0
    assert run.stdout == ""


def test_a_recursive_schema_through_a_ref_cycle_renders_with_the_loop_cut(
    tmp_path: Path,
) -> None:
    spec = write(tmp_path / "cycle.yaml", CYCLE)
    pages = tmp_path / "pages"
    run = render("$ref cycle A -> B -> A, rendered", spec, pages)
    assert run.status == 0
    channel = (pages / "channels" / "c.md").read_text(encoding="utf-8")
    assert 'asyncapi-prop-name">b</code>' in channel
    assert '<span class="asyncapi-prop-parent">b.</span>a</code>' in channel
    assert "(recursive: A)" in channel


# --- output formats -----------------------------------------------------------------------------


def test_json_output_gives_the_error_as_data(tmp_path: Path) -> None:
    spec = write(tmp_path / "latin1.yaml", (MINIMAL + "x-city: Zürich\n").encode("latin-1"))
    run = check("Latin-1 bytes, --format json", spec, "--format", "json")
    assert run.status == 1
    [item] = json.loads(run.stdout)
    assert {k: item[k] for k in ("file", "line", "column", "level", "pointer")} == {
        "file": "latin1.yaml",
        "line": 3,
        "column": 10,
        "level": "error",
        "pointer": "",
    }
    assert item["message"] == "the file is not UTF-8: byte 0xFC at offset 62"
    assert item["hint"] == "Save it as UTF-8."


def test_github_output_is_one_error_annotation_with_its_position(tmp_path: Path) -> None:
    spec = write(tmp_path / "latin1.yaml", (MINIMAL + "x-city: Zürich\n").encode("latin-1"))
    run = check("Latin-1 bytes, --format github", spec, "--format", "github")
    assert run.status == 1
    [annotation] = run.lines
    match = re.fullmatch(r"::error file=([^,]+),line=(\d+),col=(\d+),title=(\w+)::(.*)", annotation)
    assert match is not None, annotation
    assert match.groups()[:4] == ("latin1.yaml", "3", "10", "AWD001")
    assert "the file is not UTF-8" in match.group(5)


# --- known bugs: each test states the behaviour wanted, and fails until it is there --------------


def ref_bomb(levels: int = 8, fan_out: int = 9) -> str:
    """`components/schemas` where each level has `fan_out` properties that `$ref` the level below."""
    schemas = ["    L0: {type: string}\n"]
    for level in range(1, levels + 1):
        below = f"{{$ref: '#/components/schemas/L{level - 1}'}}"
        properties = ", ".join(f"p{i}: {below}" for i in range(fan_out))
        schemas.append(f"    L{level}: {{type: object, properties: {{{properties}}}}}\n")
    return "components:\n  schemas:\n" + "".join(schemas)


def test_a_ref_bomb_under_a_ws_binding_is_checked_quickly(tmp_path: Path) -> None:
    spec = write(
        tmp_path / "ref-bomb.yaml",
        MINIMAL + "channels:\n  c:\n    address: /c\n    bindings:\n      ws:\n"
        "        query: {$ref: '#/components/schemas/L8'}\n" + ref_bomb(),
    )
    run = check("$ref bomb (8 levels of 9 refs) under a ws binding", spec, timeout=QUICK)
    assert run.status in (0, 1)
    assert run.seconds < QUICK


def test_a_ref_to_a_list_that_refers_back_to_itself_is_not_a_recursion_error(
    tmp_path: Path,
) -> None:
    spec = write(
        tmp_path / "list-loop.yaml",
        MINIMAL + "channels:\n  c:\n    address: /c\n    bindings:\n      ws:\n"
        "        x-loop: {$ref: '#/components/x-lists/L'}\n"
        "components:\n  x-lists:\n    L: [{$ref: '#/components/x-lists/L'}]\n",
    )
    run = check("$ref to a list that refers back to it (ws binding)", spec)
    assert run.status == 0


def test_a_pointer_token_of_unicode_digits_is_reported_as_not_resolving(tmp_path: Path) -> None:
    spec = write(
        tmp_path / "superscript.yaml",
        MINIMAL + "x-list: [{type: string}]\nchannels:\n  c:\n    address: /c\n    messages:\n"
        "      m:\n        payload: {$ref: '#/x-list/²'}\n",
    )
    run = check("$ref pointer token '²' into a list", spec)
    assert run.status == 0
    [warning] = run.warnings_about("superscript.yaml")
    assert "does not resolve" in warning


def test_a_ref_to_a_file_name_with_a_nul_is_reported_as_unreadable(tmp_path: Path) -> None:
    spec = write(
        tmp_path / "nul-ref.yaml",
        MINIMAL + "channels:\n  c:\n    address: /c\n    messages:\n      m:\n"
        "        payload: {$ref: 'a%00b.yaml#/X'}\n",
    )
    run = check("$ref to 'a%00b.yaml' (a NUL once decoded)", spec)
    assert run.status == 0
    [warning] = run.warnings_about("nul-ref.yaml")
    assert "a%00b.yaml" in warning


HUGE_HEX = "0x" + "f" * 4000
"""An integer of 4,817 decimal digits: Python refuses to print ints past 4,300 digits."""


@pytest.mark.parametrize(
    ("where", "content"),
    [
        (
            "message example",
            f"    messages:\n      m:\n        examples:\n          - payload: {HUGE_HEX}\n",
        ),
        ("ws binding", f"    bindings:\n      ws:\n        x-big: {HUGE_HEX}\n"),
        (
            "schema default",
            f"    messages:\n      m:\n        payload: {{type: array, default: [{HUGE_HEX}]}}\n",
        ),
    ],
)
def test_a_huge_hexadecimal_integer_renders(tmp_path: Path, where: str, content: str) -> None:
    spec = write(
        tmp_path / "huge-int.yaml", f"{MINIMAL}channels:\n  c:\n    address: /c\n{content}"
    )
    pages = tmp_path / "pages"
    run = render(f"0x + 4000 hex digits in a {where}, rendered", spec, pages)
    assert run.status == 0
    assert (pages / "channels" / "c.md").is_file()


def test_a_very_long_channel_id_gives_a_page_the_file_system_accepts(tmp_path: Path) -> None:
    long_id = "x" * 300
    spec = write(tmp_path / "long-id.yaml", f"{MINIMAL}channels:\n  {long_id}:\n    address: /c\n")
    pages = tmp_path / "pages"
    run = render("300-character channel id, rendered", spec, pages)
    assert run.status == 0
    [channel] = (pages / "channels").iterdir()
    assert len(channel.name.encode()) <= 255


def test_an_alias_expanded_example_does_not_make_a_page_thousands_of_times_the_spec(
    tmp_path: Path,
) -> None:
    anchors = alias_bomb(levels=6, fan_out=7).removeprefix("x-bomb:\n")
    payload = "".join(f"            {line}\n" for line in anchors.splitlines())
    spec = write(
        tmp_path / "example-bomb.yaml",
        f"{MINIMAL}channels:\n  c:\n    address: /c\n    messages:\n      m:\n"
        f"        examples:\n          - payload:\n{payload}",
    )
    pages = tmp_path / "pages"
    run = render("aliases: 6 levels of 7 (137k nodes) in an example, rendered", spec, pages)
    assert run.status == 0
    assert (pages / "channels" / "c.md").stat().st_size < 1_000_000
