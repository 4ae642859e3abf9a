"""The Changes page and the history badges, in real MkDocs builds of a real git repository.

The repository holds three tagged versions of a small spec (v1.0.0, v1.1.0, v1.2.0); the site
lists them with `changes: {tags: "v*"}`. The page shows each version newest first, its changes
grouped by channel and linked to anchors that exist in the built HTML; channel pages and
messages carry "added in" and "changed in" badges. A shallow clone (`git clone --depth 1`, as
CI makes) still builds, with a warning that names what is missing and how to fetch it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import textwrap
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from asyncapi_ws_docs.cli import main
from asyncapi_ws_docs.site.versions import (
    DiffPolicy,
    resolve_versions,
    spec_history,
    versions_option,
)

if TYPE_CHECKING:
    from pathlib import Path

    from asyncapi_ws_docs.changes.history import ChangeHistory
    from asyncapi_ws_docs.changes.revision import Revision
    from tests.conftest import MkDocsBuild

V1 = textwrap.dedent("""\
    asyncapi: 3.0.0
    info: {title: Chat, version: '1.0.0'}
    channels:
      room:
        address: /room
        messages:
          say: {payload: {type: object, properties: {text: {type: string}}}}
          heard: {payload: {type: object, properties: {text: {type: string}}}}
      lobby:
        address: /lobby
        messages:
          hello: {payload: {type: string}}
    operations:
      toServer:
        action: receive
        channel: {$ref: '#/channels/room'}
        messages: [{$ref: '#/channels/room/messages/say'}]
      toClient:
        action: send
        channel: {$ref: '#/channels/room'}
        messages: [{$ref: '#/channels/room/messages/heard'}]
      greet:
        action: send
        channel: {$ref: '#/channels/lobby'}
        messages: [{$ref: '#/channels/lobby/messages/hello'}]
    """)
V2 = (
    V1.replace("version: '1.0.0'", "version: '1.1.0'")
    .replace(
        "  lobby:\n",
        "  alerts:\n    address: /alerts\n    messages:\n"
        "      alert: {payload: {type: string}}\n  lobby:\n",
    )
    .replace("      heard:", "      typing: {payload: {type: object}}\n      heard:")
)
"""A new channel (`alerts`) and a new message (`typing`) of `room`."""
V3 = (
    V2.replace("version: '1.1.0'", "version: '2.0.0'")
    .replace(
        "say: {payload: {type: object, properties: {text: {type: string}}}}",
        "say: {payload: {type: object, required: [room], "
        "properties: {text: {type: string}, room: {type: string}}}}",
    )
    .replace(
        "  lobby:\n    address: /lobby\n    messages:\n      hello: {payload: {type: string}}\n", ""
    )
    .replace(
        "  greet:\n    action: send\n    channel: {$ref: '#/channels/lobby'}\n"
        "    messages: [{$ref: '#/channels/lobby/messages/hello'}]\n",
        "",
    )
)
"""Breaking: `say` requires `room`, and the `lobby` channel is gone."""
assert V2.count("alerts:") == 1
assert "typing" in V2
assert "lobby" not in V3

CONFIG = textwrap.dedent("""\
    site_name: Chat
    plugins:
      - asyncapi-ws-docs:
          specs: [asyncapi/chat.yaml]
          changes: {tags: "v*"}
          cache_dir: ""
    """)


def git(cwd: Path, *arguments: str) -> str:
    """Run git in `cwd` as a user would, with a fixed identity (CI has none)."""
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(
        ["git", *arguments], cwd=cwd, env=environment, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit_version(repo: Path, spec: str, tag: str) -> None:
    """Write the spec, commit it and tag the commit."""
    (repo / "asyncapi" / "chat.yaml").write_text(spec, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"Release {tag}")
    git(repo, "tag", tag)


def make_repository(repo: Path, config: str = CONFIG) -> Path:
    """A git repository with a site and three tagged versions of its spec."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (repo / "asyncapi").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text(config, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    for spec, tag in ((V1, "v1.0.0"), (V2, "v1.1.0"), (V3, "v1.2.0")):
        commit_version(repo, spec, tag)
    return repo


class _Ids(HTMLParser):
    """The ids of an HTML page, and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))


def parsed(path: Path) -> _Ids:
    page = _Ids()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, mkdocs_build: MkDocsBuild) -> Path:
    """The site of the repository, built once for the module."""
    repo = make_repository(tmp_path_factory.mktemp("history") / "repo")
    return mkdocs_build(repo / "mkdocs.yml", repo / "site", strict=True)


def test_the_changes_page_lists_each_version_newest_first(site: Path) -> None:
    html = (site / "chat" / "changes" / "index.html").read_text(encoding="utf-8")
    newest, older = html.index('id="version-v1-2-0"'), html.index('id="version-v1-1-0"')
    assert newest < older
    assert 'id="version-v1-0-0"' not in html  # the oldest version has nothing before it
    assert "since v1.1.0" in html
    assert "since v1.0.0" in html


def test_each_version_groups_its_changes_by_channel_with_their_severity(site: Path) -> None:
    html = (site / "chat" / "changes" / "index.html").read_text(encoding="utf-8")
    v2 = html[html.index('id="version-v1-2-0"') : html.index('id="version-v1-1-0"')]
    room, lobby = v2.index(">room<"), v2.index("Channel lobby (removed)")
    assert room < lobby  # channels of the spec first, channels that are gone last
    assert "asyncapi-severity-breaking" in v2[room:lobby]  # `say` now requires `room`
    assert "AWD611" in v2[room:lobby]
    assert "AWD601" in v2[lobby:]
    assert "2 breaking" in v2
    v1 = html[html.index('id="version-v1-1-0"') :]
    assert "AWD630" in v1  # the `alerts` channel was added
    assert "asyncapi-severity-info" in v1


def test_every_link_of_the_changes_page_reaches_an_existing_anchor(site: Path) -> None:
    page = site / "chat" / "changes" / "index.html"
    links = [link for link in parsed(page).links if "channels/" in link or link.startswith("../")]
    assert any("#message-say" in link for link in links)
    for link in links:
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve()
        target = target / "index.html" if target.is_dir() else target
        assert target.is_file(), link
        if anchor:
            assert anchor in parsed(target).ids, link


def test_the_overview_links_the_changes_page_and_the_nav_lists_it(site: Path) -> None:
    overview = (site / "chat" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="changes/"[^>]*>Changes<', overview)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="chat/changes/"' in home  # in the navigation


def test_channel_pages_and_messages_carry_added_and_changed_badges(site: Path) -> None:
    alerts = (site / "chat" / "channels" / "alerts" / "index.html").read_text(encoding="utf-8")
    assert '<span class="asyncapi-chip asyncapi-added">added in v1.1.0</span>' in alerts
    room = (site / "chat" / "channels" / "room" / "index.html").read_text(encoding="utf-8")
    badges = room[: room.index('id="message-say"')]
    assert "changed in v1.2.0" in badges  # the channel: `say` changed in it
    assert "added in" not in badges
    say = room[room.index('id="message-say"') : room.index('id="message-typing"')]
    assert "changed in v1.2.0" in say
    typing = room[room.index('id="message-typing"') : room.index('id="message-heard"')]
    assert "added in v1.1.0" in typing
    heard = room[room.index('id="message-heard"') :]
    assert "asyncapi-added" not in heard
    assert "asyncapi-changed" not in heard


def test_a_shallow_clone_builds_with_a_warning_naming_the_missing_versions(
    tmp_path: Path, mkdocs_build: MkDocsBuild, caplog: pytest.LogCaptureFixture
) -> None:
    listed = CONFIG.replace('changes: {tags: "v*"}', "changes: [v1.2.0, v1.1.0, v1.0.0]")
    repo = make_repository(tmp_path / "repo", listed)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    caplog.set_level(logging.WARNING, logger="mkdocs")
    site = mkdocs_build(clone / "mkdocs.yml", clone / "site")
    warnings = [r.getMessage() for r in caplog.records if "AWD701" in r.getMessage()]
    assert len(warnings) == 1
    assert "`v1.1.0`, `v1.0.0` not found" in warnings[0]
    assert "shallow" in warnings[0]
    assert "fetch-depth: 0" in warnings[0]
    assert "git fetch --unshallow --tags" in warnings[0]
    assert "`v1.2.0`" not in warnings[0].split(" not found")[0]  # that one is in the clone
    assert (site / "chat" / "changes" / "index.html").is_file()
    assert (site / "chat" / "channels" / "room" / "index.html").is_file()


def test_a_shallow_clone_warns_that_older_tags_are_missing(
    tmp_path: Path, mkdocs_build: MkDocsBuild, caplog: pytest.LogCaptureFixture
) -> None:
    repo = make_repository(tmp_path / "repo")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    caplog.set_level(logging.WARNING, logger="mkdocs")
    mkdocs_build(clone / "mkdocs.yml", clone / "site")
    warnings = [r.getMessage() for r in caplog.records if "AWD701" in r.getMessage()]
    assert len(warnings) == 1
    assert "tags matching `v*`" in warnings[0]
    assert "shallow" in warnings[0]


def builds_rendered(caplog: pytest.LogCaptureFixture) -> list[bool]:
    """For each build logged so far, whether the spec's pages were rendered (not cached)."""
    said = [r.getMessage() for r in caplog.records if "pages in" in r.getMessage()]
    return ["(rendered)" in message for message in said]


def test_the_page_cache_follows_the_history_a_new_tag_or_a_moved_branch_renders_anew(
    tmp_path: Path, mkdocs_build: MkDocsBuild, caplog: pytest.LogCaptureFixture
) -> None:
    config = CONFIG.replace('cache_dir: ""', "cache_dir: .cache/pages").replace(
        'changes: {tags: "v*"}', "changes: [release, v1.1.0]"
    )
    repo = make_repository(tmp_path / "repo", config)
    git(repo, "branch", "release", "v1.1.0")
    caplog.set_level(logging.INFO, logger="mkdocs")

    def build() -> str:
        mkdocs_build(repo / "mkdocs.yml", repo / "site")
        return (repo / "site" / "chat" / "changes" / "index.html").read_text(encoding="utf-8")

    build()
    build()  # the same history: from the cache
    assert builds_rendered(caplog) == [True, False]
    git(repo, "branch", "-f", "release", "v1.0.0")  # the branch moved; no file changed
    assert 'id="version-release"' in build()
    git(repo, "tag", "v1.3.0", "v1.1.0")
    config_with_tags = config.replace("changes: [release, v1.1.0]", 'changes: {tags: "v1.[13]*"}')
    (repo / "mkdocs.yml").write_text(config_with_tags, encoding="utf-8")
    build()
    build()
    git(repo, "tag", "v1.1.9", "v1.0.0")  # a new tag the pattern takes
    assert 'id="version-v1-1-9"' in build()
    assert builds_rendered(caplog) == [True, False, True, True, False, True]


PAGES_CONFIG = """\
site_name: Chat
markdown_extensions: [asyncapi_ws_docs.markdown]
extra_css: [assets/asyncapi-ws-docs.css]
"""
"""The same site without the plugin, as Zensical builds it: the `pages` command's files."""


def main_content(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one('div[role="main"]')
    assert main is not None
    return main.prettify()


def test_the_pages_command_writes_the_changes_page_the_plugin_writes(
    tmp_path: Path, site: Path, mkdocs_build: MkDocsBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repository(tmp_path / "repo")
    monkeypatch.chdir(repo)
    assert main(["pages", "asyncapi/chat.yaml", "--out", "docs/chat"]) == 0
    written = (repo / "docs" / "chat" / "changes.md").read_text(encoding="utf-8")
    assert "generated_by:" in written.split("\n---\n")[0]  # the command's own file
    (repo / "pages.yml").write_text(PAGES_CONFIG, encoding="utf-8")
    pages_site = mkdocs_build(repo / "pages.yml", repo / "pages-site")
    page = pages_site / "chat" / "changes" / "index.html"
    assert main_content(page) == main_content(site / "chat" / "changes" / "index.html")
    for link in parsed(page).links:
        path, _, anchor = link.partition("#")
        if "channels/" in link and anchor:
            target = (page.parent / path).resolve() / "index.html"
            assert anchor in parsed(target).ids, link
    overview = (pages_site / "chat" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="changes/"[^>]*>Changes<', overview)
    assert main(["pages", "asyncapi/chat.yaml", "--out", "docs/chat", "--check"]) == 0


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ("changes: v1.2.0", "list of git refs or files"),
        ("specs: [{path: asyncapi/chat.yaml, changes: {tag: v1}}]", "specs[0].changes"),
        ("diff: {ignore: [AWD999]}", "unknown change code(s) AWD999"),
        ("diff: {severity: {AWD623: fatal}}", "is not a severity"),
    ],
)
def test_a_wrongly_written_option_is_a_configuration_error_that_says_how(
    build_site, caplog: pytest.LogCaptureFixture, options: str, problem: str
) -> None:
    config = f"site_name: t\nplugins:\n  - asyncapi-ws-docs:\n      specs: [asyncapi/chat.yaml]\n      {options}\n"
    if options.startswith("specs:"):
        config = f"site_name: t\nplugins:\n  - asyncapi-ws-docs:\n      {options}\n"
    with pytest.raises(Abort, match="configuration error"):
        build_site(config, {"asyncapi/chat.yaml": V1})
    assert problem in caplog.text


def test_under_serve_a_version_read_from_git_is_read_once_per_commit(tmp_path: Path) -> None:
    """A commit never changes: an edit of the spec re-reads the working tree, not `v1.0.0`."""
    repo = make_repository(tmp_path / "repo")
    option = versions_option(["v1.1.0", "v1.0.0"])
    resolved = resolve_versions(option, spec="asyncapi/chat.yaml", project_dir=repo)
    assert resolved is not None
    remembered: dict[tuple[str, str, str], Revision] = {}

    def history() -> ChangeHistory:
        found, _ = spec_history(
            resolved, spec="asyncapi/chat.yaml", project_dir=repo, roots=[repo],
            application=None, policy=DiffPolicy(), remembered=remembered,
        )  # fmt: skip
        return found

    first = history()
    kept = dict(remembered)
    assert len(kept) == 2
    (repo / "asyncapi" / "chat.yaml").write_text(V3.replace("/room", "/rooms"), "utf-8")
    second = history()
    assert remembered == kept  # the same revisions, not read again
    assert [s.label for s in first.steps] == ["2.0.0", "v1.1.0"]
    assert "AWD602" in {c.code for c in second.steps[0].changes}
