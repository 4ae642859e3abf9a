"""A spec's history (`changes.history`) and the options that list its versions (`site.versions`).

The history is what the Changes page and the badges read: each step the changes from one
version to the next, newest first, and per channel or message the version that added it and
the latest one that changed it. The options are read the same way by the plugin and by the
`pages` command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.changes import Severity
from asyncapi_ws_docs.changes.history import change_history
from asyncapi_ws_docs.page.history import badges, sentence_markdown
from asyncapi_ws_docs.page.labels import labels_for
from asyncapi_ws_docs.site.versions import (
    DiffPolicy,
    OptionError,
    VersionsOption,
    diff_policy,
    resolve_versions,
    versions_option,
)
from tests.unit.test_diff_rules import revision, spec

if TYPE_CHECKING:
    from pathlib import Path

NEWS = "news: {payload: {type: string}}"
NEWS_SENT = (
    "news: {action: send, channel: {$ref: '#/channels/c'}, "
    "messages: [{$ref: '#/channels/c/messages/news'}]}"
)
OTHER = "d: {address: /d}"


def three_versions(tmp_path: Path) -> list[tuple[str, object]]:
    """v1: the skeleton; v2: channel `d` and message `news` added; v3: `up` requires `id`."""
    v1 = spec()
    v2 = spec(more_channels=OTHER, more_messages=NEWS, more_operations=NEWS_SENT)
    v3 = v2.replace(
        "up: {payload: {type: object, properties: {a: {type: string}}}}",
        "up: {payload: {type: object, required: [id], properties: {id: {type: string}}}}",
    )
    assert v3 != v2
    return [
        ("v3", revision(tmp_path, "v3.yaml", v3)),
        ("v2", revision(tmp_path, "v2.yaml", v2)),
        ("v1", revision(tmp_path, "v1.yaml", v1)),
    ]


def test_each_step_is_one_version_against_the_one_before_newest_first(tmp_path: Path) -> None:
    history = change_history(three_versions(tmp_path))  # type: ignore[arg-type]
    assert [(step.label, step.since) for step in history.steps] == [("v3", "v2"), ("v2", "v1")]
    assert {c.code for c in history.steps[0].changes} >= {"AWD611"}
    assert {c.code for c in history.steps[1].changes} == {"AWD630", "AWD623"}


def test_a_working_tree_that_changes_nothing_has_no_step_of_its_own(tmp_path: Path) -> None:
    versions = three_versions(tmp_path)
    history = change_history([("", versions[0][1]), *versions])  # type: ignore[list-item]
    assert [step.label for step in history.steps] == ["v3", "v2"]


def test_an_empty_older_step_is_kept(tmp_path: Path) -> None:
    versions = three_versions(tmp_path)
    history = change_history([*versions, ("v0", versions[-1][1])])  # type: ignore[list-item]
    assert [(step.label, len(step.changes)) for step in history.steps][-1] == ("v1", 0)


def test_added_in_names_the_version_that_added_a_channel_or_message(tmp_path: Path) -> None:
    history = change_history(three_versions(tmp_path))  # type: ignore[arg-type]
    assert history.added_in("d") == "v2"
    assert history.added_in("c", "news") == "v2"
    assert history.added_in("c") is None  # there from the start
    assert history.added_in("c", "up") is None


def test_changed_in_names_the_latest_version_that_changed_it(tmp_path: Path) -> None:
    history = change_history(three_versions(tmp_path))  # type: ignore[arg-type]
    assert history.changed_in("c", "up") == "v3"
    assert history.changed_in("c") == "v3"  # a channel changes with its messages
    assert history.changed_in("c", "down") is None
    assert history.changed_in("d") is None  # added, not changed since
    assert history.changed_in("c", "news") is None


def test_rules_left_out_change_no_badge(tmp_path: Path) -> None:
    ignored = ["AWD611", "AWD633", "AWD635", "AWD636"]
    history = change_history(three_versions(tmp_path), ignore=ignored)  # type: ignore[arg-type]
    assert history.changed_in("c", "up") is None
    severities = {"AWD623": Severity.INFO}
    kept = change_history(three_versions(tmp_path), severities=severities)  # type: ignore[arg-type]
    assert {str(c.severity) for c in kept.steps[1].changes} == {"info"}


def test_badges_say_added_and_changed_in_the_pages_language(tmp_path: Path) -> None:
    history = change_history(three_versions(tmp_path))  # type: ignore[arg-type]
    english = labels_for(None)
    assert [(b.kind, b.text) for b in badges(history, english, "d")] == [("added", "added in v2")]
    assert [b.text for b in badges(history, english, "c", "up")] == ["changed in v3"]
    assert badges(None, english, "c") == ()
    german = labels_for("de")
    assert [b.text for b in badges(history, german, "d")] == ["hinzugefügt in v2"]


def test_a_sentence_shows_what_it_quotes_as_code_and_escapes_the_rest() -> None:
    markdown = sentence_markdown("Message `<b>` of channel `c*` was *added*.")
    assert markdown == r"Message <code>&lt;b&gt;</code> of channel <code>c*</code> was \*added\*\."
    assert sentence_markdown("An odd ` backtick.") == r"An odd \` backtick\."


# -- The options -----------------------------------------------------------------------------


def test_versions_are_refs_or_files_newest_first_or_tags_matching_a_pattern() -> None:
    assert versions_option(["v1.2.0", "old/chat.yaml"]) == VersionsOption(
        ("v1.2.0", "old/chat.yaml")
    )
    assert versions_option({"tags": "v*"}) == VersionsOption(tags="v*")
    assert versions_option({"tags": "v*", "limit": 3}) == VersionsOption(tags="v*", limit=3)
    assert not versions_option(None)
    assert not versions_option([])
    assert not versions_option(value=False)


@pytest.mark.parametrize(
    "value", ["v1.2.0", [1], {"tag": "v*"}, {"tags": ""}, {"tags": "v*", "limit": -1}, [""]]
)
def test_a_wrongly_written_versions_option_says_how_to_write_it(value: object) -> None:
    with pytest.raises(OptionError, match=r"list of git refs or files.*tags matching a pattern"):
        versions_option(value, "specs[0].changes")


def test_the_diff_section_takes_known_codes_and_levels() -> None:
    policy = diff_policy({"ignore": ["AWD633"], "severity": {"AWD623": "info"}})
    assert policy == DiffPolicy(("AWD633",), {"AWD623": Severity.INFO})
    assert diff_policy(None) == DiffPolicy()
    with pytest.raises(OptionError, match="AWD999"):
        diff_policy({"ignore": ["AWD999"]})
    with pytest.raises(OptionError, match="is not a severity"):
        diff_policy({"severity": {"AWD623": "fatal"}})
    with pytest.raises(OptionError, match="takes `ignore"):
        diff_policy({"fail_on": "warning"})


def test_a_listed_file_is_a_version_and_outside_git_a_ref_is_reported(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(spec(), encoding="utf-8")
    resolved = resolve_versions(
        VersionsOption(("old.yaml", "v1.0.0")), spec="new.yaml", project_dir=tmp_path
    )
    assert resolved is not None
    assert [v.label for v in resolved.versions] == ["old.yaml"]
    [warning] = list(resolved.diagnostics)
    assert warning.code == "AWD701"
    assert "`v1.0.0` not found: this folder is not a git clone" in warning.format()
    assert warning.format().startswith("mkdocs.yml: warning[AWD701]: changes of new.yaml: ")
    assert resolve_versions(VersionsOption(), spec="new.yaml", project_dir=tmp_path) is None
