"""Whatever a page holds, setting its HTML blocks aside never changes the HTML it converts to.

Pages are assembled from fragments that sit near the edges of the rule: blocks with and without
blank lines around them, unclosed and nested tags, comments, `markdown` attributes, fenced code
(with blank lines and HTML inside), highlighted code with blank lines in its `<pre>`, content
tabs (Markdown and HTML), placeholders written by hand, and text.
"""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from asyncapi_ws_docs.site.htmlblocks import HTMLBlocks

EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.highlight",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.details",
]

FRAGMENTS = [
    '<div class="asyncapi-table"><table>\n<tr><td>a &amp; b</td></tr>\n</table></div>',
    '<p class="asyncapi-badges"><span>GET</span></p>',
    "<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
    "<div>\n<div>nested</div>\n</div>",
    "<div>unclosed",
    "</div>",
    "<div><!-- comment --></div>",
    '<div markdown="1">\n*emphasis*\n</div>',
    "<div>x</div> tail",
    "<details><summary>s</summary>\n<p>d</p>\n</details>",
    "```html\n<div>in a fence</div>\n\n<p>still</p>\n```",
    "````\n```\n<div>x</div>\n````",
    '=== "Tab"\n\n    <div>in a tab</div>\n\n    ```bash\n    echo\n    ```',
    "    <div>indented</div>",
    "# Heading",
    "Some *text* with `code` and <span>inline</span>.",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "!!! note\n    <div>in an admonition</div>",
    "<!--asyncapi-ws-docs:n0nce:0-->",
    "<!--asyncapi-ws-docs:other:1-->",
    "<pre>\n\n</pre>",
    '<div class="language-python highlight"><pre><span></span><code>a\n\n<span>b</span>\n</code></pre></div>',
    '<div class="tabbed-set" data-tabs="1:1"><input id="t-1" name="t" type="radio" />'
    '<div class="tabbed-labels"><label for="t-1">A</label></div>\n<div class="tabbed-content">\n'
    '<div class="tabbed-block">\n<div class="highlight"><pre><code>x\n\ny\n</code></pre></div>\n'
    "</div>\n</div>\n</div>",
    "<div><pre>unclosed\n\n*text*",
    "<table>\n<tr><td>|</td></tr>\n</table>",
]

pages = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(["\n", "\n\n", "\n\n\n"])),
    min_size=1,
    max_size=8,
).map(lambda parts: "".join(fragment + gap for fragment, gap in parts))


def converted(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


@settings(max_examples=150, deadline=None)
@given(pages)
def test_setting_blocks_aside_keeps_the_html(page: str) -> None:
    blocks = HTMLBlocks("n0nce")
    set_aside = blocks.set_aside(page)
    assert blocks.put_back(set_aside.markdown, set_aside.blocks) == page
    assert blocks.put_back(converted(set_aside.markdown), set_aside.blocks) == converted(page)
