"""Codes on every diagnostic, `--ignore`, and the command's JSON, GitHub and SARIF output."""

from __future__ import annotations

import ast
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from asyncapi_ws_docs import cli
from asyncapi_ws_docs.document.diagnostics import RULES, Diagnostics, Level

from .helpers import write

PACKAGE = Path(__file__).resolve().parents[2] / "asyncapi_ws_docs"
SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif" / "sarif-schema-2.1.0.json"

SPEC = """\
asyncapi: 3.0.0
info: {title: T, version: '1'}
servers:
  dev: {host: dev.example.com, protocol: ws}
channels:
  c:
    address: /c
    bindings:
      ws:
        method: POST
        headers: {type: object, properties: {Authorization: {type: string, default: 3}}}
"""


def run_check(tmp_path: Path, *options: str) -> tuple[int, str]:
    write(tmp_path, {"spec.yaml": SPEC})
    out = io.StringIO()
    args = cli._parser().parse_args(["check", *options, str(tmp_path / "spec.yaml")])
    status = cli.check(
        args.specs,
        roots=[tmp_path],
        strict=args.strict,
        output_format=args.format,
        ignore=args.ignore,
        out=out,
    )
    return status, out.getvalue()


def test_every_rule_has_a_unique_code_and_a_summary() -> None:
    assert all(code == rule.code and rule.summary and rule.name for code, rule in RULES.items())
    assert len({rule.name for rule in RULES.values()}) == len(RULES)


class _Place:
    def position_of(self, key: str | int | None = None) -> tuple[str, int, int, str]:
        return ("api.yaml", 3, 5, f"/channels/{key}")


@pytest.mark.parametrize("code", sorted(RULES))
def test_a_reported_problem_takes_its_level_from_its_rule(code: str) -> None:
    diagnostics = Diagnostics()
    diagnostics.report(_Place(), "something", key="chat", code=code)
    (reported,) = diagnostics
    assert (reported.level, reported.code, reported.pointer) == (
        RULES[code].level,
        code,
        "/channels/chat",
    )


def test_every_diagnostic_the_package_reports_names_its_code() -> None:
    """Each `Diagnostic(...)` and `diagnostics.report(...)` passes a code."""
    missing = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            reporting = name == "Diagnostic" or (
                name in {"warning", "info", "error", "report"}
                and "diagnostics" in ast.unparse(node.func)
            )
            # `*where` is (file, line, column, pointer); `**fields` (a cache entry) holds them all.
            positional = sum(4 if isinstance(a, ast.Starred) else 1 for a in node.args)
            has_code = positional >= 8 or any(k.arg in {"code", None} for k in node.keywords)
            if reporting and not has_code and path.name != "diagnostics.py":
                missing.append(f"{path.name}:{node.lineno}")
    assert missing == []


def test_text_output_shows_codes_in_file_order(tmp_path: Path) -> None:
    status, text = run_check(tmp_path)
    codes = [line.split(": ")[1] for line in text.splitlines()]
    assert codes == ["warning[AWD501]", "info[AWD503]", "info[AWD204]", "warning[AWD401]"]
    assert status == 0


def test_ignore_leaves_rules_out_and_strict_counts_what_is_left(tmp_path: Path) -> None:
    assert run_check(tmp_path, "--strict")[0] == 1
    status, text = run_check(
        tmp_path, "--strict", "--ignore", "AWD501", "--ignore", "AWD401", "--ignore", "AWD503"
    )
    assert [line.split(": ")[1] for line in text.splitlines()] == ["info[AWD204]"]
    assert status == 0


@pytest.mark.parametrize(
    ("code", "problem"),
    [("AWD999", "unknown code(s) AWD999"), ("AWD001", "AWD001 are errors")],
)
def test_ignore_refuses_unknown_and_error_codes(
    code: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", "--ignore", code, "spec.yaml"])
    assert exit_info.value.code == 2
    assert problem in capsys.readouterr().err


def test_json_and_github_output_carry_the_code(tmp_path: Path) -> None:
    _, text = run_check(tmp_path, "--format", "json")
    assert [item["code"] for item in json.loads(text)] == ["AWD501", "AWD503", "AWD204", "AWD401"]
    _, text = run_check(tmp_path, "--format", "github")
    assert text.splitlines()[0].startswith("::warning file=")
    assert ",line=4,col=32,title=AWD501::" in text.splitlines()[0]


def test_sarif_output_is_valid_sarif_2_1_0(tmp_path: Path) -> None:
    status, text = run_check(tmp_path, "--format", "sarif")
    log = json.loads(text)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    errors = [e.message for e in Draft4Validator(schema).iter_errors(log)]
    assert errors == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(RULES)
    first = run["results"][0]
    assert first["ruleId"] == "AWD501"
    assert rules[first["ruleIndex"]]["id"] == "AWD501"
    assert first["level"] == "warning"
    location = first["locations"][0]["physicalLocation"]
    assert location["region"] == {"startLine": 4, "startColumn": 32}
    assert location["artifactLocation"]["uri"].endswith("spec.yaml")
    assert {r["level"] for r in run["results"]} == {"warning", "note"}
    assert status == 0


def test_sarif_leaves_out_an_unknown_position() -> None:
    from asyncapi_ws_docs.document.diagnostics import Diagnostic  # noqa: PLC0415

    log = cli.sarif([Diagnostic(Level.ERROR, "nope.yaml", 0, 0, "", "cannot read", code="AWD001")])
    (result,) = log["runs"][0]["results"]  # type: ignore[index]
    assert "region" not in result["locations"][0]["physicalLocation"]
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert list(Draft4Validator(schema).iter_errors(log)) == []
