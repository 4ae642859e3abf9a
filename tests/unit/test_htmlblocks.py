"""Setting the plugin's own HTML blocks aside while Python-Markdown converts a page."""

from __future__ import annotations

import markdown
import pytest

from asyncapi_ws_docs.site.htmlblocks import HTMLBlocks

BLOCKS = HTMLBlocks("n0nce")

TABLE = '<div class="asyncapi-table"><table>\n<tr><td>x</td></tr>\n</table></div>'


def converted(text: str) -> str:
    return markdown.markdown(text, extensions=["md_in_html", "tables", "pymdownx.superfences"])


def test_a_closed_block_between_blank_lines_is_replaced_by_a_placeholder() -> None:
    page = f"# Title\n\n{TABLE}\n\nAfter."
    set_aside = BLOCKS.set_aside(page)
    assert set_aside.markdown == "# Title\n\n<!--asyncapi-ws-docs:n0nce:0-->\n\nAfter."
    assert set_aside.blocks == (TABLE,)


def test_putting_the_blocks_back_restores_the_markdown() -> None:
    page = f'{TABLE}\n\ntext\n\n<p class="x">one</p>\n\n<ul>\n<li>a</li>\n</ul>'
    set_aside = BLOCKS.set_aside(page)
    assert len(set_aside.blocks) == 3
    assert BLOCKS.put_back(set_aside.markdown, set_aside.blocks) == page


def test_converting_with_blocks_set_aside_gives_the_same_html() -> None:
    page = f'# Title\n\n{TABLE}\n\nSome *text*.\n\n<p class="a">x &amp; y</p>\n\n```yaml\na: 1\n```'
    set_aside = BLOCKS.set_aside(page)
    assert BLOCKS.put_back(converted(set_aside.markdown), set_aside.blocks) == converted(page)


@pytest.mark.parametrize(
    "page",
    [
        pytest.param("```html\n\n<div>in a fence</div>\n\n```", id="inside a fenced code block"),
        pytest.param("    ```\n\n<div>x</div>\n\n    ```", id="inside an indented fence"),
        pytest.param("text\n<div>x</div>\n", id="no blank line before"),
        pytest.param("<div>x</div>\ntext", id="no blank line after"),
        pytest.param("<div>x</div> tail", id="text after the closing tag"),
        pytest.param("<div>\n<div>x</div>", id="not closed"),
        pytest.param("<div>\n\n</div>", id="a blank line inside"),
        pytest.param('<div markdown="1">*x*</div>', id="markdown attribute"),
        pytest.param("<div><!-- c --></div>", id="a comment"),
        pytest.param("<span>x</span>", id="not a block-level tag"),
        pytest.param("    <div>x</div>", id="indented"),
    ],
)
def test_anything_markdown_might_not_keep_verbatim_stays_in_the_markdown(page: str) -> None:
    assert BLOCKS.set_aside(page).blocks == ()
    assert BLOCKS.set_aside(page).markdown == page


def test_a_fence_closes_only_with_the_same_character_and_at_least_its_length() -> None:
    page = "````\n```\n\n<div>x</div>\n\n````\n\n<div>y</div>"
    assert BLOCKS.set_aside(page).blocks == ("<div>y</div>",)


def test_placeholders_of_another_nonce_are_left_alone() -> None:
    other = HTMLBlocks("other").set_aside("<div>x</div>")
    assert BLOCKS.put_back(other.markdown, ("<b>no</b>",)) == other.markdown


def test_a_page_that_already_holds_a_placeholder_is_kept_whole() -> None:
    page = f"<!--asyncapi-ws-docs:n0nce:0-->\n\n{TABLE}"
    assert BLOCKS.set_aside(page).blocks == ()


CONSOLE = '<div class="asyncapi-console" id="c">\n<p>needs JavaScript</p>\n</div>'


def test_held_blocks_keep_their_placeholders_until_the_final_page() -> None:
    page = f"# Title\n\n{TABLE}\n\n## Live console\n\n{CONSOLE}\n\nAfter."
    set_aside = BLOCKS.set_aside(page)
    html, late = BLOCKS.hold(
        converted(set_aside.markdown), set_aside.blocks, lambda block: "asyncapi-console" in block
    )
    assert TABLE in html
    assert "needs JavaScript" not in html
    assert '<h2 id="live-console">' in html or "<h2>Live console</h2>" in html
    assert BLOCKS.put_back(html, late) == converted(page)


def test_a_held_block_can_take_the_heading_before_it_along() -> None:
    page = f"# Title\n\n{TABLE}\n\n## Live console\n\n{CONSOLE}\n\nAfter."
    set_aside = BLOCKS.set_aside(page)
    html, late = BLOCKS.hold(
        converted(set_aside.markdown),
        set_aside.blocks,
        lambda block: "asyncapi-console" in block,
        with_heading=True,
    )
    assert "Live console" not in html
    assert TABLE in html
    assert "<p>After.</p>" in html
    assert BLOCKS.put_back(html, late) == converted(page)
