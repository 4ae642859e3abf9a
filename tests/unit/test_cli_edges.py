"""The command line at its edges: a spec file that is not there, and a reader that goes away."""

from __future__ import annotations

import io
import json
import shlex
import subprocess
import sys
from typing import TYPE_CHECKING

from asyncapi_ws_docs.cli import check

if TYPE_CHECKING:
    from pathlib import Path


def checked(tmp_path: Path, output_format: str) -> tuple[int, str]:
    out = io.StringIO()
    status = check([tmp_path / "nope.yaml"], roots=[tmp_path], output_format=output_format, out=out)
    return status, out.getvalue().replace(str(tmp_path) + "/", "")


def test_a_missing_file_is_reported_without_a_made_up_line_column_or_pointer(
    tmp_path: Path,
) -> None:
    status, text = checked(tmp_path, "text")
    assert status == 1
    assert text.startswith("nope.yaml: error[AWD001]: cannot read the file: ")
    assert ":0:0" not in text
    assert ": /:" not in text


def test_a_missing_file_is_a_github_annotation_on_the_file(tmp_path: Path) -> None:
    _, text = checked(tmp_path, "github")
    assert text.startswith("::error file=nope.yaml,title=AWD001::cannot read the file: ")


def test_a_missing_file_has_no_line_or_column_in_json(tmp_path: Path) -> None:
    _, text = checked(tmp_path, "json")
    [item] = json.loads(text)
    assert (item["line"], item["column"], item["pointer"]) == (None, None, "")


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    # Enough output to fill the pipe: the command is still writing when `head` leaves.
    missing = [f"m{n}.yaml" for n in range(3000)]
    command = [sys.executable, "-m", "asyncapi_ws_docs.cli", "check", "--format", "json"]
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {shlex.join(command + missing)} | head -3"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.splitlines() == ["[", "  {", f'    "file": "{missing[0]}",']
    assert result.stderr == ""
    assert result.returncode == 1
