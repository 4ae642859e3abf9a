"""`asyncapi-ws-docs pages`: block pages in the plugin's layout, kept in step with the specs.

The command owns the files it marks, and only those: a re-run changes nothing when nothing
changed, removes the page of a channel that is gone, and never writes over or deletes a file
someone wrote by hand. Bad input stops it before it writes anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import yaml

from asyncapi_ws_docs.cli import main
from tests.integration.test_build import SPEC

if TYPE_CHECKING:
    from pathlib import Path

CONFIG = """\
site_name: Pages
markdown_extensions:
  - asyncapi_ws_docs.markdown
extra_css: [assets/asyncapi-ws-docs.css]
extra_javascript: [assets/asyncapi-ws-console.js]
watch: [asyncapi]
"""
NEW_CHANNEL = """\
  prices:
    address: /prices
    messages:
      tick: {payload: {type: number}}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "asyncapi").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "asyncapi" / "rt.yaml").write_text(SPEC)
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pages(*args: str) -> int:
    return main(["pages", "asyncapi/rt.yaml", "--out", "docs/ref", *args])


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file below `folder` with its text and modification time."""
    return {
        path.relative_to(folder).as_posix(): (path.read_text(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def with_channel(spec: str) -> str:
    return spec.replace("operations:\n", NEW_CHANNEL + "operations:\n")


def test_the_pages_follow_the_plugins_layout(project: Path, capsys) -> None:
    assert pages() == 0
    ref = project / "docs" / "ref"
    assert sorted(p.relative_to(ref).as_posix() for p in ref.rglob("*.md")) == [
        "channels/acks.md",
        "channels/real-time-updates.md",
        "index.md",
    ]
    channel = (ref / "channels" / "real-time-updates.md").read_text()
    assert channel.startswith("---\n")
    front_matter, block = channel.split("\n---\n", 1)
    meta = yaml.safe_load(front_matter.removeprefix("---\n"))
    assert meta["title"] == "realTimeUpdates"
    assert meta["generated_by"] == "asyncapi-ws-docs pages --out docs/ref"
    assert "```asyncapi-ws\nspec: asyncapi/rt.yaml\nshow: channel\n" in block
    assert "channel: realTimeUpdates\nlayout: pages\nheading: 1\n```" in block
    overview = yaml.safe_load((ref / "index.md").read_text().split("\n---\n")[0][4:])
    assert overview == {
        "title": "Realtime",
        "description": "Live data with a `|` pipe.",
        "render_macros": False,
        "generated_by": "asyncapi-ws-docs pages --out docs/ref",
    }
    assert (project / "docs" / "assets" / "asyncapi-ws-docs.css").is_file()
    assert "wrote docs/ref/channels/acks.md" in capsys.readouterr().out


def test_a_rerun_changes_nothing(project: Path, capsys) -> None:
    assert pages() == 0
    before = snapshot(project / "docs")
    capsys.readouterr()
    assert pages() == 0
    assert snapshot(project / "docs") == before
    assert capsys.readouterr().out.startswith("5 file(s) already up to date\n")
    assert pages("--check") == 0


def test_a_removed_channel_loses_its_page_and_a_new_one_gains_one(project: Path) -> None:
    spec = project / "asyncapi" / "rt.yaml"
    spec.write_text(with_channel(SPEC))
    assert pages() == 0
    assert (project / "docs" / "ref" / "channels" / "prices.md").is_file()
    spec.write_text(SPEC)
    assert pages() == 0
    assert not (project / "docs" / "ref" / "channels" / "prices.md").exists()
    assert (project / "docs" / "ref" / "channels" / "acks.md").is_file()


def test_runs_for_two_folders_leave_each_others_pages_alone(project: Path) -> None:
    assert pages() == 0
    assert main(["pages", "asyncapi/rt.yaml", "--out", "docs"]) == 2  # docs/index.md is ours
    (project / "docs" / "index.md").unlink()
    assert main(["pages", "asyncapi/rt.yaml", "--out", "docs"]) == 0
    assert (project / "docs" / "ref" / "channels" / "acks.md").is_file()
    assert (project / "docs" / "channels" / "acks.md").is_file()


def test_a_hand_written_file_is_left_alone_and_named(project: Path, capsys) -> None:
    notes = project / "docs" / "ref" / "channels" / "notes.md"
    notes.parent.mkdir(parents=True)
    notes.write_text("# Our notes on the channels\n")
    assert pages() == 0
    assert pages() == 0
    assert notes.read_text() == "# Our notes on the channels\n"
    assert "left alone (not written by this command):\n  docs/ref/channels/notes.md" in (
        capsys.readouterr().out
    )


def test_check_fails_after_a_spec_change_that_adds_a_channel(project: Path, capsys) -> None:
    assert pages() == 0
    (project / "asyncapi" / "rt.yaml").write_text(with_channel(SPEC))
    before = snapshot(project / "docs")
    capsys.readouterr()
    assert pages("--check") == 1
    out = capsys.readouterr().out
    assert "missing: docs/ref/channels/prices.md" in out
    assert "differs: docs/ref/index.md" not in out  # the overview's block reads the spec itself
    assert snapshot(project / "docs") == before


def test_check_names_a_page_edited_by_hand(project: Path, capsys) -> None:
    assert pages() == 0
    page = project / "docs" / "ref" / "index.md"
    page.write_text(page.read_text().replace("title:", "title: edited #"))
    assert pages("--check") == 1
    assert "differs: docs/ref/index.md" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "args", "message"),
    [
        (
            lambda p: (p / "asyncapi" / "rt.yaml").write_text("asyncapi: 3.0.0\ninfo: [unclosed\n"),
            [],
            "asyncapi/rt.yaml cannot be read:\nasyncapi/rt.yaml:3:1: error[AWD001]: /: YAML syntax error",
        ),
        (lambda _: None, ["--out", "../elsewhere"], "--out ../elsewhere is outside the docs"),
        (lambda _: None, ["--out", "site/ref"], "--out site/ref is outside the docs folder (docs)"),
        (
            lambda p: (
                (p / "docs" / "ref").mkdir()
                or (p / "docs" / "ref" / "index.md").write_text("# Ours\n")
            ),
            [],
            "these files were not written by this command, and pages must go there: "
            "docs/ref/index.md. Move them, or choose another --out.",
        ),
        (
            lambda p: (p / "mkdocs.yml").write_text("site_name: [unclosed\n"),
            [],
            "mkdocs.yml: not valid YAML",
        ),
        (
            lambda p: (p / "mkdocs.yml").write_text(
                "site_name: x\nplugins:\n  - asyncapi-ws-docs:\n      clients: [telnet]\n"
            ),
            [],
            "mkdocs.yml: the asyncapi-ws-docs plugin's `clients` must be a list of websocat,",
        ),
    ],
    ids=[
        "spec-does-not-parse",
        "out-outside-project",
        "out-outside-docs",
        "name-clash",
        "bad-config",
        "bad-option",
    ],
)
def test_bad_input_says_what_is_wrong_exits_2_and_writes_nothing(
    project: Path, capsys, change, args: list[str], message: str
) -> None:
    change(project)
    before = snapshot(project)
    assert main(["pages", "asyncapi/rt.yaml", "--out", "docs/ref", *args]) == 2
    out = capsys.readouterr().out
    assert message in out
    assert out.endswith("Nothing was written.\n")
    assert "Traceback" not in out
    assert snapshot(project) == before


def test_a_missing_spec_file_is_bad_input(project: Path, capsys) -> None:
    assert main(["pages", "asyncapi/nowhere.yaml", "--out", "docs/ref"]) == 2
    assert "asyncapi/nowhere.yaml: no such spec file" in capsys.readouterr().out


def test_the_plugins_options_in_mkdocs_yml_reach_the_blocks(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        """\
site_name: Tags
theme:
  name: material
markdown_extensions:
  - asyncapi_ws_docs.markdown
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - asyncapi-ws-docs:
      enabled: !ENV [ASYNCAPI_DOCS_UNSET_IN_TESTS, true]
      clients: [websocat, python]
      download: false
      specs: [asyncapi/rt.yaml]
"""
    )
    assert pages() == 0
    channel = (project / "docs" / "ref" / "channels" / "acks.md").read_text()
    assert "clients: [websocat, python]\n" in channel
    overview = (project / "docs" / "ref" / "index.md").read_text()
    assert "download" not in overview


def test_a_spec_in_the_docs_folder_is_offered_for_download(project: Path) -> None:
    (project / "docs" / "asyncapi").mkdir()
    (project / "docs" / "asyncapi" / "rt.yaml").write_text(SPEC)
    assert main(["pages", "docs/asyncapi/rt.yaml", "--out", "docs/ref"]) == 0
    overview = (project / "docs" / "ref" / "index.md").read_text()
    assert "download: ../asyncapi/rt.yaml\n" in overview


def test_several_specs_go_to_their_outputs_as_under_the_plugin(project: Path) -> None:
    (project / "asyncapi" / "chat.yaml").write_text(SPEC.replace("Realtime", "Chat"))
    (project / "mkdocs.yml").write_text(
        CONFIG
        + "plugins:\n  - asyncapi-ws-docs:\n      specs: [{path: asyncapi/chat.yaml, output: api/chat}]\n"
    )
    assert main(["pages", "asyncapi/rt.yaml", "asyncapi/chat.yaml", "--out", "docs"]) == 0
    assert (project / "docs" / "rt" / "index.md").is_file()  # the plugin's default: the stem
    assert (project / "docs" / "api" / "chat" / "channels" / "acks.md").is_file()
    assert (project / "docs" / "index.md").read_text() == "# Home\n"


def test_two_specs_for_one_folder_are_bad_input(project: Path, capsys) -> None:
    (project / "other").mkdir()
    (project / "other" / "rt.yaml").write_text(SPEC)
    assert main(["pages", "asyncapi/rt.yaml", "other/rt.yaml", "--out", "docs"]) == 2
    assert "would both write to rt: give one an `output`" in capsys.readouterr().out


def test_the_command_says_what_mkdocs_yml_lacks(project: Path, capsys) -> None:
    assert pages() == 0
    assert "also needs" not in capsys.readouterr().out  # CONFIG has it all
    (project / "mkdocs.yml").write_text(
        "site_name: Bare\nplugins:\n  - asyncapi-ws-docs:\n      specs: [asyncapi/rt.yaml]\n"
        "      custom_templates: overrides\n"
    )
    assert pages() == 0
    out = capsys.readouterr().out
    assert "markdown_extensions:\n  - asyncapi_ws_docs.markdown\n" in out
    assert "custom_templates: overrides" in out
    assert "extra_css:\n- assets/asyncapi-ws-docs.css\n" in out
    assert "watch:\n- asyncapi\n" in out


def test_nav_entries_group_a_large_spec_as_the_plugin_does(project: Path, capsys) -> None:
    channels = "".join(f"  c{n}:\n    address: /{group}/c{n}\n" for n, group in enumerate("aaabbb"))
    (project / "asyncapi" / "big.yaml").write_text(
        f"asyncapi: 3.0.0\ninfo: {{title: Big, version: '1'}}\nchannels:\n{channels}"
    )
    (project / "mkdocs.yml").write_text(
        CONFIG + "plugins:\n  - asyncapi-ws-docs:\n      nav_group_size: 3\n"
    )
    assert main(["pages", "asyncapi/big.yaml", "--out", "docs/big", "--nav"]) == 0
    nav = yaml.safe_load(capsys.readouterr().out.split("nav entries:\n")[1].split("\n\n")[0])
    assert nav == [
        {
            "Big": [
                "big/index.md",
                {"a": ["big/channels/c0.md", "big/channels/c1.md", "big/channels/c2.md"]},
                {"b": ["big/channels/c3.md", "big/channels/c4.md", "big/channels/c5.md"]},
            ]
        }
    ]


def test_the_written_pages_build_strict_with_the_printed_nav(
    project: Path, capsys, mkdocs_build
) -> None:
    assert pages("--nav") == 0
    nav = capsys.readouterr().out.split("nav entries:\n")[1]
    (project / "mkdocs.yml").write_text(
        f"{CONFIG}validation: {{nav: {{omitted_files: warn}}}}\nnav:\n  - index.md\n"
        + "".join(f"  {line}\n" for line in nav.splitlines())
    )
    site = mkdocs_build(project / "mkdocs.yml", project / "site", strict=True)
    page = (site / "ref" / "channels" / "real-time-updates" / "index.html").read_text()
    assert 'id="handshake"' in page
    assert "generated_by" not in page


def test_the_plugin_builds_a_site_that_holds_block_pages_without_a_warning(
    project: Path, mkdocs_build
) -> None:
    """One mkdocs.yml for both engines: MkDocs' plugin lets the block pages stand in."""
    (project / "mkdocs.yml").write_text(
        CONFIG
        + "plugins:\n  - asyncapi-ws-docs:\n      specs: [{path: asyncapi/rt.yaml, output: ref}]\n"
    )
    assert pages() == 0
    site = mkdocs_build(project / "mkdocs.yml", project / "site", strict=True)
    page = (site / "ref" / "channels" / "real-time-updates" / "index.html").read_text()
    assert 'id="handshake"' in page
    assert "asyncapi-ws\n" not in page


def test_a_config_elsewhere_sets_the_project_folder(project: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(project.parent)
    name = project.name
    args = [
        f"{name}/asyncapi/rt.yaml",
        "--out",
        f"{name}/docs/ref",
        "--config",
        f"{name}/mkdocs.yml",
    ]
    assert main(["pages", *args]) == 0
    assert "spec: asyncapi/rt.yaml\n" in (project / "docs" / "ref" / "index.md").read_text()
    assert f"wrote {name}/docs/ref/index.md" in capsys.readouterr().out


def test_spec_warnings_are_pointed_at(project: Path, capsys) -> None:
    (project / "asyncapi" / "rt.yaml").write_text(
        SPEC.replace("      ws:\n        method", "      websockets:\n        method")
    )
    assert pages() == 0
    assert "`asyncapi-ws-docs check asyncapi/rt.yaml` lists them" in capsys.readouterr().out
