"""Block pages: the plugin's layout as files with blocks, which files are ours, and the plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from asyncapi_ws_docs.document.model import Channel, Info, Spec
from asyncapi_ws_docs.document.readers import load_spec
from asyncapi_ws_docs.page.pages import spec_pages
from asyncapi_ws_docs.site.blockpages import (
    ASSET_MARKER,
    BlockSettings,
    block_pages,
    config_advice,
    is_ours,
    marker,
    package_assets,
    plan_sync,
)
from asyncapi_ws_docs.site.embed import parse_request
from asyncapi_ws_docs.site.siteconfig import SiteConfig
from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from pathlib import Path


def example(name: str) -> Spec:
    spec, _ = load_spec(
        REPO_ROOT / "docs" / "asyncapi" / f"{name}.yaml", roots=[REPO_ROOT], display_base=REPO_ROOT
    )
    assert spec is not None
    return spec


def blocks_of(markdown: str) -> str:
    """The block's option lines: up to the fence that closes it, a line of its own.

    (A value may hold backticks: only a line that starts with the fence closes it.)
    """
    return markdown.split("```asyncapi-ws\n", 1)[1].split("\n```\n", 1)[0] + "\n"


def test_paths_and_titles_are_the_plugins() -> None:
    for name in ("realtime", "chat"):
        spec = example(name)
        plugin = spec_pages(spec, output="reference/x")
        ours = block_pages(
            spec, spec_ref=f"docs/asyncapi/{name}.yaml", folder="reference/x", out="docs"
        )
        assert [(p.path, p.title, p.address) for p in ours] == [
            (p.path, p.title, p.address) for p in plugin
        ]
        # The front matter (title, description) too: the plugin's lines, plus the marker.
        for mine, theirs in zip(ours, plugin, strict=True):
            plugin_lines = theirs.markdown.split("\n---\n")[0].splitlines()
            assert set(plugin_lines) <= set(mine.markdown.splitlines())


def test_each_page_is_one_block_that_parses_back() -> None:
    pages = block_pages(
        example("chat"), spec_ref="docs/asyncapi/chat.yaml", folder="chat", out="docs/chat"
    )
    channel = parse_request(blocks_of(pages[1].markdown))
    assert (channel.spec, channel.show, channel.channel) == (
        "docs/asyncapi/chat.yaml",
        "channel",
        "/rooms/{roomId}",
    )
    assert (channel.layout, channel.heading) == ("pages", 1)
    assert parse_request(blocks_of(pages[0].markdown)).show == "overview"


def test_settings_of_the_plugin_are_written_only_when_they_differ_from_the_default() -> None:
    assert BlockSettings().options() == []
    assert BlockSettings(console=True, diagram="svg").options() == []
    assert BlockSettings(clients=("go",), console=False, diagram=False).options() == [
        ("clients", ["go"]),
        ("console", False),
        ("diagram", False),
    ]


@settings(max_examples=150, deadline=None)
@given(channel_id=st.text(min_size=1, max_size=40))
def test_any_channel_id_survives_the_block_options(channel_id: str) -> None:
    spec = Spec(
        source="s.yaml",
        version="3.0.0",
        info=Info(title="t", version="1"),
        channels=(Channel(id=channel_id, address=None),),
    )
    page = block_pages(spec, spec_ref="s.yaml", folder="", out="docs")[1]
    assert parse_request(blocks_of(page.markdown)).channel == channel_id
    front_matter = yaml.safe_load(page.markdown.split("\n---\n")[0].removeprefix("---\n"))
    assert front_matter["generated_by"] == "asyncapi-ws-docs pages --out docs"


def test_only_the_marker_in_the_front_matter_makes_a_file_ours(tmp_path: Path) -> None:
    ours = tmp_path / "ours.md"
    ours.write_text(f"---\ntitle: x\n{marker('docs/ref')}\n---\n\nText\n")
    quoted = tmp_path / "quoted.md"
    quoted.write_text(f"---\ntitle: x\n---\n\n{marker('docs/ref')}\n")
    plain = tmp_path / "plain.md"
    plain.write_text("# Ours\n")
    css = tmp_path / "a.css"
    css.write_text(f"{ASSET_MARKER}\nbody {{}}\n")
    assert [is_ours(p) for p in (ours, quoted, plain, css, tmp_path / "none.md")] == [
        True,
        False,
        False,
        True,
        False,
    ]


def test_the_plan_sorts_files_into_new_changed_removed_clashing_and_kept(tmp_path: Path) -> None:
    out = tmp_path / "ref"
    (out / "channels").mkdir(parents=True)
    marked = f"---\n{marker('docs/ref')}\n---\n"
    (out / "index.md").write_text(marked)  # ours, to change
    (out / "channels" / "same.md").write_text(marked + "same\n")  # ours, unchanged
    (out / "channels" / "gone.md").write_text(marked)  # ours, no longer wanted
    (out / "channels" / "mine.md").write_text("# Mine\n")  # a user's, where a page goes
    (out / "notes.md").write_text("# Notes\n")  # a user's, elsewhere
    (out / "v2").mkdir()
    (out / "v2" / "index.md").write_text(f"---\n{marker('docs/ref/v2')}\n---\n")  # another run's
    (tmp_path / "style.css").write_text("/* my own */\n")  # a user's own stylesheet
    plan = plan_sync(
        {
            out / "index.md": marked + "new text\n",
            out / "channels" / "same.md": marked + "same\n",
            out / "channels" / "mine.md": marked,
            out / "channels" / "new.md": marked,
        },
        {tmp_path / "style.css": "x"},
        out="docs/ref",
        out_dir=out,
        folders=[out],
    )
    assert list(plan.new) == [out / "channels" / "new.md"]
    assert list(plan.changed) == [out / "index.md"]
    assert plan.unchanged == [out / "channels" / "same.md"]
    assert plan.removed == [out / "channels" / "gone.md"]
    assert plan.clashes == [out / "channels" / "mine.md"]
    assert plan.kept == [tmp_path / "style.css", out / "notes.md"]
    assert not plan.up_to_date


def test_the_packages_assets_carry_the_marker() -> None:
    assets = package_assets()
    assert "assets/asyncapi-ws-docs.css" in assets
    assert all(text.startswith(ASSET_MARKER + "\n") for text in assets.values())


def test_advice_names_only_what_is_missing(tmp_path: Path) -> None:
    complete = SiteConfig(
        path=tmp_path / "mkdocs.yml",
        docs_dir=tmp_path / "docs",
        extensions={"asyncapi_ws_docs.markdown": {}},
        extra_css=("assets/asyncapi-ws-docs.css",),
        watch=("specs",),
    )
    assets = ["assets/asyncapi-ws-docs.css"]
    assert config_advice(complete, spec_folders=["specs/v1"], assets=assets) == []
    advice = config_advice(complete, spec_folders=["docs/asyncapi"], assets=assets)
    assert advice == [
        "Reload pages when a spec changes (`serve` rebuilds a page when its Markdown changes, "
        "and block pages read the spec at every build):\nwatch:\n- docs/asyncapi"
    ]
