"""The `asyncapi-ws` block: its options, where it is recognised, and what it renders."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import markdown
import pytest

from asyncapi_ws_docs.site.embed import EmbedError, parse_request
from tests.conftest import REPO_ROOT

REALTIME = "docs/asyncapi/realtime.yaml"


def convert(text: str) -> str:
    md = markdown.Markdown(
        extensions=["asyncapi_ws_docs.markdown", "fenced_code", "tables", "toc"],
        extension_configs={"asyncapi_ws_docs.markdown": {"base_dir": str(REPO_ROOT)}},
    )
    return md.convert(text)


def block(options: str, fence: str = "```") -> str:
    return f"{fence}asyncapi-ws\n{options}\n{fence}\n"


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ("", "the block needs `spec: path/to/asyncapi.yaml`"),
        ("channel: x", "the block needs `spec"),
        ("spec: a.yaml\nshow: everything", "`show: everything` is not one of"),
        ("spec: a.yaml\nshow: handshake", "`show: handshake` needs `channel: <channel id>`"),
        ("spec: a.yaml\nheading: 9", "`heading` must be a number from 1 to 6"),
        ("spec: a.yaml\ncolour: red", "unknown option(s) colour"),
        ("spec: [unclosed", "not `key: value` lines"),
    ],
)
def test_block_options_that_cannot_work_say_what_to_write(options: str, error: str) -> None:
    with pytest.raises(EmbedError, match=re.escape(error)):
        parse_request(options)


def test_show_defaults_from_what_the_block_names() -> None:
    assert parse_request("spec: a.yaml").show == "spec"
    assert parse_request("spec: a.yaml\nchannel: c").show == "channel"
    assert parse_request("spec: a.yaml\nchannel: c\nmessage: m").show == "message"
    assert parse_request("spec: a.yaml\noperation: o").show == "operation"


def test_a_handshake_block_becomes_tables_and_headings() -> None:
    html = convert(
        "# Page\n\n" + block(f"spec: {REALTIME}\nchannel: realTimeUpdates\nshow: handshake")
    )
    assert '<h2 id="handshake">Handshake</h2>' in html
    assert "asyncapi-headers" in html
    assert "Authorization" in html


def test_the_heading_option_sets_the_level_of_the_piece() -> None:
    html = convert(
        block(f"spec: {REALTIME}\nchannel: realTimeUpdates\nshow: handshake\nheading: 4")
    )
    assert "<h4" in html.split("Handshake")[0]
    assert '<h5 id="headers">Headers</h5>' in html


def test_blocks_inside_other_fences_are_left_alone() -> None:
    html = convert("````markdown\n" + block("spec: nowhere.yaml") + "````\n")
    assert "spec: nowhere.yaml" in html
    assert "asyncapi-embed-error" not in html


def test_a_block_in_an_indented_context_keeps_its_indentation() -> None:
    text = "- item\n\n    " + block(f"spec: {REALTIME}\nshow: binding-versions").replace(
        "\n", "\n    "
    )
    html = convert(text)
    assert "<li>" in html
    assert "Binding versions" in html


def test_examples_false_leaves_message_examples_out() -> None:
    options = f"spec: {REALTIME}\nchannel: realTimeUpdates\nmessage: update"
    assert "language-yaml" in convert(block(options))
    assert "language-yaml" not in convert(block(options + "\nexamples: false"))


def test_two_pieces_of_one_spec_on_one_page_get_distinct_anchors() -> None:
    options = f"spec: {REALTIME}\nchannel: realTimeUpdates\nmessage: update"
    html = convert(block(options) + "\n" + block(options))
    ids = re.findall(r'<a id="([^"]+)"', html)
    assert ids == [
        "realtime-real-time-updates-message-update",
        "realtime-2-real-time-updates-message-update",
    ]


def test_a_missing_channel_is_shown_in_place_and_logged_with_the_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    html = convert(
        "# Page\n\nBefore.\n\n" + block(f"spec: {REALTIME}\nchannel: nope") + "\nAfter.\n"
    )
    assert "asyncapi-embed-error" in html
    assert "<p>After.</p>" in html
    (record,) = caplog.records
    assert record.name == "mkdocs.plugins.asyncapi_ws_docs.markdown"
    assert record.getMessage().startswith("page:5: asyncapi-ws block: no channel 'nope' in")


def test_a_missing_spec_file_says_where_it_looked(caplog: pytest.LogCaptureFixture) -> None:
    html = convert(block("spec: docs/asyncapi/nope.yaml"))
    assert "spec file &#x27;docs/asyncapi/nope.yaml&#x27; not found" in html
    assert str(Path(REPO_ROOT)) in caplog.text


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ("spec: a.yaml\nlayout: sideways", "`layout: sideways` is not one of inline, pages"),
        ("spec: a.yaml\nlayout: pages", "`layout: pages` is for one page of a spec's generated"),
        ("spec: a.yaml\nclients: websocat", "`clients` must be a list"),
        ("spec: a.yaml\nclients: [telnet]", "unknown client(s) telnet in `clients`"),
        ("spec: a.yaml\ndownload: 'javascript:alert(1)'", "`download` must be a relative link"),
        ("spec: a.yaml\ndownload: /etc/passwd", "`download` must be a relative link"),
        ("spec: a.yaml\ndownload: a b.yaml", "`download` must be a relative link"),
    ],
)
def test_layout_clients_and_download_options_that_cannot_work(options: str, error: str) -> None:
    with pytest.raises(EmbedError, match=re.escape(error)):
        parse_request(options)


def test_a_pages_layout_channel_block_reads_like_the_plugins_channel_page() -> None:
    html = convert(block(f"spec: {REALTIME}\nchannel: realTimeUpdates\nlayout: pages\nheading: 1"))
    assert '<a id="channel"></a>' in html  # no prefix: the page holds this channel only
    assert 'id="message-update"' in html
    assert 'href="../index.md"' in html  # back to the overview beside it


def test_a_pages_layout_overview_block_links_to_the_channel_pages_and_the_download() -> None:
    html = convert(
        block(f"spec: {REALTIME}\nshow: overview\nlayout: pages\ndownload: ../realtime.yaml")
    )
    assert 'href="channels/real-time-updates.md"' in html
    assert '<a href="../realtime.yaml">realtime.yaml</a>' in html
    assert '<a id="overview"></a>' in html


def test_the_clients_option_chooses_the_connection_snippets() -> None:
    html = convert(
        block(f"spec: {REALTIME}\nchannel: realTimeUpdates\nshow: handshake\nclients: [python]")
    )
    assert "Python (websockets)" in html
    assert "websocat" not in html.split('id="try-it"')[1].split('id="binding"')[0]
    none = convert(
        block(f"spec: {REALTIME}\nchannel: realTimeUpdates\nshow: handshake\nclients: []")
    )
    assert "Python (websockets)" not in none


def test_a_piece_is_normalized_like_the_page_around_it() -> None:
    """Python-Markdown expands tabs and drops STX/ETX in a page's text before blocks run: the
    piece gets the same, so a block reads as the plugin's page does (Go snippets use tabs)."""
    html = convert(
        block(f"spec: {REALTIME}\nchannel: realTimeUpdates\nshow: handshake\nclients: [go]")
    )
    assert "github.com/coder/websocket" in html
    assert "\t" not in html
