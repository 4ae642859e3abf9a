"""`asyncapi-ws-docs diff OLD NEW`: the command as CI runs it, in every format.

Exit 0 when no change breaks clients, 1 when one does (or a warning, with `--fail-on
warning`), 2 for input it cannot read, with a message naming the file and never a traceback.
A version can be read from git (`REF:PATH`): the tests make real repositories.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from asyncapi_ws_docs.changes import CHANGE_RULES
from asyncapi_ws_docs.cli import main
from tests.conftest import CORPUS_DIR

SARIF_SCHEMA = Path(__file__).parents[1] / "data" / "sarif" / "sarif-schema-2.1.0.json"

OLD = textwrap.dedent("""\
    asyncapi: 3.0.0
    info: {title: Chat, version: '1.0.0'}
    servers:
      prod: {host: chat.example.com, protocol: wss}
    channels:
      room:
        address: /room
        messages:
          say: {payload: {type: object, properties: {text: {type: string}}}}
          heard: {payload: {type: object, properties: {text: {type: string}}}}
      lobby:
        address: /lobby
    operations:
      toServer:
        action: receive
        channel: {$ref: '#/channels/room'}
        messages: [{$ref: '#/channels/room/messages/say'}]
      toClient:
        action: send
        channel: {$ref: '#/channels/room'}
        messages: [{$ref: '#/channels/room/messages/heard'}]
    """)
NEW = (
    OLD.replace(
        "say: {payload: {type: object, properties: {text: {type: string}}}}",
        "say: {payload: {type: object, required: [room], "
        "properties: {text: {type: string}, room: {type: string}}}}",
    )
    .replace("  lobby:\n    address: /lobby\n", "")
    .replace("title: Chat,", "title: Chat, description: Talk,")
)
"""Two breaking changes (a new required field clients send, a removed channel)."""
SAFE = OLD.replace("version: '1.0.0'", "version: '1.1.0'")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "old.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(NEW, encoding="utf-8")
    (tmp_path / "safe.yaml").write_text(SAFE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    try:
        status = main(["diff", *arguments])
    except SystemExit as stop:  # argparse's usage errors
        status = int(stop.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_text_names_each_change_and_exits_1_on_breaking(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "old.yaml", "new.yaml")
    assert status == 1
    lines = out.splitlines()  # worst first, then by channel
    assert lines[0].startswith("old.yaml:11:3: breaking[AWD601]: Channel `lobby` was removed")
    assert lines[1].startswith("new.yaml:9:")
    assert "breaking[AWD611]" in lines[1]
    assert "Payload field `room` of message `say` of channel `room`" in lines[1]
    assert lines[-1] == "old.yaml → new.yaml: 2 breaking, 0 warnings, 0 info"


def test_spec_text_cannot_send_control_characters_to_the_terminal(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "escape.yaml").write_text(
        OLD.replace("address: /lobby", 'address: "/lobby\\e[2J"'), encoding="utf-8"
    )
    for output_format in ("text", "markdown", "github"):
        _, out, _ = run(capsys, "old.yaml", "escape.yaml", "--format", output_format)
        assert "\x1b" not in out
        assert "lobby\\x1b[2J" in out


def test_no_breaking_change_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "old.yaml", "safe.yaml")
    assert status == 0
    assert "info[AWD635]: The API version changed from 1.0.0 to 1.1.0." in out


def test_fail_on_warning_counts_warnings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The server's message losing its only field: a warning for clients that read it.
    fewer = OLD.replace(
        "heard: {payload: {type: object, properties: {text: {type: string}}}}",
        "heard: {payload: {type: object}}",
    )
    (project / "fewer.yaml").write_text(fewer, encoding="utf-8")
    assert run(capsys, "old.yaml", "fewer.yaml")[0] == 0
    status, out, _ = run(capsys, "old.yaml", "fewer.yaml", "--fail-on", "warning")
    assert status == 1
    assert "warning[AWD622]" in out


def test_json_lists_changes_with_severity_code_location_and_message(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "old.yaml", "new.yaml", "--format", "json")
    document = json.loads(out)
    assert status == 1
    assert document["summary"] == {"breaking": 2, "warning": 0, "info": 0}
    first = document["changes"][1]
    assert first["severity"] == "breaking"
    assert first["code"] == "AWD611"
    assert first["rule"] == "client-field-required"
    assert first["location"]["file"] == "new.yaml"
    assert first["location"]["line"] == 9
    assert (
        first["location"] | {"channel": "room", "message": "say", "field": "room"}
        == (first["location"])
    )
    assert first["message"].endswith("clients that leave it out fail.")


def test_markdown_is_a_pull_request_comment(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "old.yaml", "new.yaml", "--format", "markdown")
    assert out.startswith(
        "<!-- asyncapi-ws-docs diff -->\n### API changes: `old.yaml` → `new.yaml`"
    )
    assert "**2 breaking, 0 warnings, 0 info**: this change breaks clients." in out
    assert "#### Breaking (2)\n\n| Change | Where | Rule |\n| --- | --- | --- |\n" in out
    assert "| `new.yaml:9:" in out
    assert "| `AWD611` client-field-required |" in out
    _, none, _ = run(capsys, "old.yaml", "old.yaml", "--format", "markdown")
    assert none.endswith("No change a client would notice.\n")
    _, info, _ = run(capsys, "old.yaml", "safe.yaml", "--format", "markdown")
    assert "**0 breaking, 0 warnings, 1 info**: this change breaks no client." in info
    assert "<details><summary>Info (1)</summary>\n\n| Change | Where | Rule |" in info
    assert info.endswith("| `AWD635` version-changed |\n\n</details>\n")


def test_a_long_markdown_comment_is_cut_to_fit_github(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = OLD.split("channels:")[0]
    many = "".join(f"  c{number}: {{address: /c{number}}}\n" for number in range(150))
    (project / "many.yaml").write_text(f"{head}channels:\n{many}", encoding="utf-8")
    (project / "none.yaml").write_text(f"{head}channels: {{}}\n", encoding="utf-8")
    _, out, _ = run(capsys, "many.yaml", "none.yaml", "--format", "markdown")
    assert "#### Breaking (150)" in out
    assert out.count("| `AWD601` channel-removed |") == 100
    assert "…and 50 more: `asyncapi-ws-docs diff` lists them all." in out


def test_github_annotations_point_at_files_and_lines(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "old.yaml", "new.yaml", "--format", "github")
    first, second = out.splitlines()
    assert first.startswith("::error file=old.yaml,line=11,col=3,title=AWD601 channel-removed::")
    assert second.startswith("::error file=new.yaml,line=9,col=")
    assert ",title=AWD611 client-field-required::Payload field `room`" in second


def test_sarif_is_valid_sarif_2_1_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "old.yaml", "new.yaml", "--format", "sarif")
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert [e.message for e in Draft4Validator(schema).iter_errors(log)] == []
    run_log = log["runs"][0]
    rules = run_log["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(CHANGE_RULES)
    first = run_log["results"][1]
    assert first["ruleId"] == "AWD611"
    assert rules[first["ruleIndex"]]["id"] == "AWD611"
    assert first["level"] == "error"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "new.yaml"
    assert location["region"]["startLine"] == 9
    assert status == 1


def test_ignore_and_severity_change_the_verdict(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, "old.yaml", "new.yaml", "--ignore", "AWD601", "--severity", "AWD611=warning"
    )
    assert status == 0
    assert out.splitlines() == [
        out.splitlines()[0],
        "old.yaml → new.yaml: 0 breaking, 1 warning, 0 info",
    ]
    assert "warning[AWD611]" in out


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--ignore", "AWD699"], "unknown change code(s) AWD699"),
        (["--ignore", "AWD501"], "unknown change code(s) AWD501"),
        (["--severity", "AWD601=fatal"], "`fatal` is not a severity"),
        (["--severity", "AWD601"], "write CODE=LEVEL"),
    ],
)
def test_unknown_codes_and_levels_are_refused(
    project: Path, capsys: pytest.CaptureFixture[str], options: list[str], said: str
) -> None:
    status, _, err = run(capsys, "old.yaml", "new.yaml", *options)
    assert status == 2
    assert said in err


def test_require_version_bump(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "old.yaml", "new.yaml", "--require-version-bump")
    assert status == 1
    assert (
        "breaking[AWD640]: There are breaking changes but `info.version` went from 1.0.0 to 1.0.0"
        in out
    )
    bumped = NEW.replace("version: '1.0.0'", "version: '2.0.0'")
    (project / "bumped.yaml").write_text(bumped, encoding="utf-8")
    _, out, _ = run(capsys, "old.yaml", "bumped.yaml", "--require-version-bump")
    assert "AWD640" not in out


def test_a_missing_file_exits_2_naming_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "old.yaml", "gone.yaml")
    assert status == 2
    assert out == ""
    assert err.startswith("asyncapi-ws-docs diff: gone.yaml: error[AWD001]: cannot read the file")


def test_a_broken_file_exits_2_naming_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "broken.yaml").write_text("asyncapi: 3.0.0\ninfo: [unclosed\n", encoding="utf-8")
    status, _, err = run(capsys, "old.yaml", "broken.yaml")
    assert status == 2
    assert err.startswith("asyncapi-ws-docs diff: broken.yaml:")
    assert "Traceback" not in err
    (project / "v1.yaml").write_text("asyncapi: 1.2.0\ninfo: {}\n", encoding="utf-8")
    status, _, err = run(capsys, "v1.yaml", "old.yaml")
    assert status == 2
    assert "v1.yaml:1:1: error[AWD002]" in err


# -- Versions read from git ------------------------------------------------------------------


def git(folder: Path, *arguments: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.com"]
    subprocess.run(["git", *identity, *arguments], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose spec takes its payload from another file, in two commits."""
    api = tmp_path / "api"
    api.mkdir()
    common = "Say: {type: object, properties: {text: {type: string}}}\n"
    spec = OLD.replace(
        "say: {payload: {type: object, properties: {text: {type: string}}}}",
        "say: {payload: {$ref: './common.yaml#/Say'}}",
    )
    (api / "common.yaml").write_text(common, encoding="utf-8")
    (api / "asyncapi.yaml").write_text(spec, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    git(tmp_path, "tag", "v1")
    stricter = "Say: {type: object, properties: {text: {type: string, maxLength: 10}}}\n"
    (api / "common.yaml").write_text(stricter, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "second")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_version_from_git_follows_its_references_at_that_revision(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "v1:api/asyncapi.yaml", "api/asyncapi.yaml")
    assert status == 1
    (line, summary) = out.splitlines()
    assert line.startswith("api/common.yaml:1:")
    assert "breaking[AWD612]" in line
    assert "maxLength 10" in line
    assert summary == "v1:api/asyncapi.yaml → api/asyncapi.yaml: 1 breaking, 0 warnings, 0 info"
    status, out, _ = run(capsys, "HEAD~1:api/asyncapi.yaml", "HEAD:api/asyncapi.yaml")
    assert status == 1
    assert out.startswith("HEAD:api/common.yaml:1:")
    assert run(capsys, "v1:api/asyncapi.yaml", "HEAD~1:api/asyncapi.yaml")[0] == 0


def test_a_removal_in_a_past_revision_is_annotated_on_the_file_without_a_line(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = repository / "api" / "asyncapi.yaml"
    spec.write_text(spec.read_text().replace("  lobby:\n    address: /lobby\n", ""))
    _, out, _ = run(capsys, "HEAD:api/asyncapi.yaml", "api/asyncapi.yaml", "--format", "github")
    (removal,) = [line for line in out.splitlines() if "AWD601" in line]
    assert removal.startswith("::error file=api/asyncapi.yaml,title=AWD601 channel-removed::")
    assert removal.endswith("(at HEAD:api/asyncapi.yaml:11:3)")


def test_a_missing_ref_or_path_exits_2_with_a_clear_message(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "v9:api/asyncapi.yaml", "api/asyncapi.yaml")
    assert status == 2
    assert err.startswith("asyncapi-ws-docs diff: git has no `v9`; a shallow clone lacks")
    status, _, err = run(capsys, "v1:api/other.yaml", "api/asyncapi.yaml")
    assert status == 2
    assert "git has no `v1:api/other.yaml`" in err
    assert "shallow" not in err


def test_outside_a_repository_ref_path_exits_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "HEAD:old.yaml", "new.yaml")
    assert status == 2
    assert "not a git repository" in err


def test_the_installed_command_never_shows_a_traceback(project: Path) -> None:
    for arguments in (["old.yaml", "nope.yaml"], ["HEAD:old.yaml", "new.yaml"]):
        done = subprocess.run(
            [sys.executable, "-m", "asyncapi_ws_docs.cli", "diff", *arguments],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("asyncapi-ws-docs diff: ")


# -- Real specs ------------------------------------------------------------------------------

REPO = Path(__file__).parents[2]
PAIRS = [
    # The same API in AsyncAPI 2.0, 2.6 and 3.0 (the spec's own Gemini example).
    ("spec-examples-2.0.0__websocket-gemini.yml", "spec-examples__websocket-gemini.yml", 0),
    ("spec-examples__websocket-gemini.yml", "spec-examples__websocket-gemini-asyncapi.yml", 0),
    ("spec-examples__websocket-gemini-asyncapi.yml", "spec-examples__websocket-gemini.yml", 0),
    # Two ends of one Glee example (a 2.4 client, a 3.0 server): not one document rewritten.
    (
        "glee-examples-2.4.0__crypto-websockets-client__asyncapi.yaml",
        "glee-examples__crypto-websockets-server__asyncapi.yaml",
        None,
    ),
    # Slack's RTM API (2.6) and its Socket Mode client (3.0): two APIs, compared all the same.
    ("spec-examples__slack-rtm.yml", "generator-ws-fixtures__asyncapi-slack-client.yml", None),
]


@pytest.mark.parametrize(("old", "new", "expected"), PAIRS, ids=lambda v: str(v)[:30])
def test_corpus_pairs_compare_without_error(
    capsys: pytest.CaptureFixture[str], old: str, new: str, expected: int | None
) -> None:
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"the spec corpus is missing: {CORPUS_DIR}")
    for output_format in ("text", "json", "markdown", "github", "sarif"):
        status, out, _ = run(
            capsys, str(CORPUS_DIR / old), str(CORPUS_DIR / new), "--format", output_format
        )
        assert status in {0, 1}
        assert out or output_format == "github"  # no change, no annotation
        if expected is not None:
            assert status == expected, out


def test_the_repository_example_specs_compare_without_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The docs' chat (2.6) and realtime (3.0) specs are two APIs: their diff says so."""
    folder = REPO / "docs" / "asyncapi"
    status, out, _ = run(capsys, str(folder / "chat.yaml"), str(folder / "realtime.yaml"))
    assert status == 1
    assert "breaking[AWD601]: Channel `/presence` was removed" in out
