"""A snippet filled into its highlighted template is byte for byte the snippet highlighted whole.

`SnippetHTML` highlights each client's template once and puts each channel's values (URL,
header values, first message) into the template's string tokens. That is only right if the
result is exactly what Pygments (through pymdownx.highlight) gives for the final code: checked
here for every channel of the corpus, and for hostile values (quotes, backslashes, `%` and `{}`
formatting, HTML, line breaks, the placeholder itself) put into a real handshake.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from asyncapi_ws_docs.document.conversation import conversation
from asyncapi_ws_docs.document.readers import load_spec as _load_spec
from asyncapi_ws_docs.page.clients import SnippetHTML, client_snippets, snippets_for
from asyncapi_ws_docs.page.handshake import Connection, connection
from asyncapi_ws_docs.page.highlight import CodeHighlighter

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
CORPUS_SPECS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".yml", ".yaml", ".json"))


def load_spec(path: Path):  # type: ignore[no-untyped-def]
    return _load_spec(path, roots=[CORPUS], display_base=CORPUS)


HIGHLIGHTER = CodeHighlighter({"pymdownx.highlight": {}, "pymdownx.superfences": {}})


def _check(writer: SnippetHTML, snippets: tuple) -> int:  # type: ignore[type-arg]
    """Assert every snippet's HTML equals the whole highlight; return how many were filled."""
    filled = 0
    for snippet in snippets:
        if not snippet.code:
            continue
        before = writer.highlighted
        html = writer.code_html(snippet)
        assert html == HIGHLIGHTER.html(snippet.code, snippet.language), snippet.key
        filled += writer.highlighted == before
    return filled


@pytest.mark.parametrize("path", CORPUS_SPECS, ids=lambda p: p.name)
def test_every_corpus_snippet_is_highlighted_as_whole(path: Path) -> None:
    spec, _ = load_spec(path)
    if spec is None:
        pytest.skip("not a spec the loader reads")
    writer = SnippetHTML(HIGHLIGHTER.html, tabbed=True)
    for channel in spec.channels:
        _check(writer, client_snippets(spec, channel, conversation(spec).of(channel.id)))


def test_templates_are_reused_across_channels() -> None:
    spec, _ = load_spec(CORPUS / "exchange-collection__krakenfutures_ws_asyncapi.yaml")
    assert spec is not None
    writer = SnippetHTML(HIGHLIGHTER.html, tabbed=True)
    total = filled = 0
    for channel in spec.channels:
        snippets = client_snippets(spec, channel, conversation(spec).of(channel.id))
        total += sum(1 for s in snippets if s.code)
        filled += _check(writer, snippets)
    assert total > 0
    assert filled >= total / 2  # most snippets cost no Pygments run


_SPEC, _ = load_spec(CORPUS / "exchange-collection__krakenfutures_ws_asyncapi.yaml")
assert _SPEC is not None
BASE: Connection = connection(_SPEC, _SPEC.channels[0])

PIECES = [
    *"aZ09 -_./:?&=#%{}[]()<>\"'\\`$@!*+,;|^~\t\n\r",
    *("zzAsyncapiWsSlot1zz", "{}", "%s", "{0}", "\\n", "&amp;", "</span>", "é", "\u2028"),
]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
SAFE_LOOKING = st.from_regex(r"[A-Za-z0-9 _./:?&=-]{0,20}", fullmatch=True)
VALUES = st.one_of(HOSTILE, SAFE_LOOKING)
MESSAGES = st.one_of(
    VALUES,
    st.dictionaries(st.sampled_from(["op", "id", "%s", "{}"]), VALUES, max_size=3).map(
        lambda d: json.dumps(d, ensure_ascii=False)
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(url=VALUES, header=VALUES, message=MESSAGES)
@example(url="", header="", message="\t")  # a tab: Pygments expands it by its column
def test_hostile_values_are_highlighted_as_whole(url: str, header: str, message: str) -> None:
    handshake = dataclasses.replace(
        BASE,
        url=f"wss://example.com/{url}",
        headers=(("Authorization", header), ("X-Other", "fixed")),
        required_headers=(),
    )
    writer = SnippetHTML(HIGHLIGHTER.html, tabbed=True)
    # Twice: the second time every template comes from the cache.
    for _ in range(2):
        _check(writer, snippets_for(handshake, message))
