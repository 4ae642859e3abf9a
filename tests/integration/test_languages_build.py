"""Real builds in another language: a German site (`theme.language: de`) writes none of the
plugin's English words, and mkdocs-static-i18n's languages each get their own, in one build."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment

from asyncapi_ws_docs.page.labels import labels_for, placeholders

REPO = Path(__file__).parents[2]
BUNDLED = REPO / "docs" / "asyncapi"
FILES = {
    "docs/asyncapi/realtime.yaml": (BUNDLED / "realtime.yaml").read_text(encoding="utf-8"),
    "docs/asyncapi/common/schemas.yaml": (BUNDLED / "common" / "schemas.yaml").read_text(
        encoding="utf-8"
    ),
}
PAGES = [
    "api/index.html",
    "api/channels/prices/index.html",
    "api/channels/real-time-updates/index.html",
]
ENGLISH = labels_for("en")
GERMAN = labels_for("de")


def config(language: str = "de", *, plugins: str = "") -> str:
    """Material in `language`, the bundled realtime spec with console and SVG diagram."""
    return (
        "site_name: Test\n"
        f"theme: {{name: material, font: false, language: {language}}}\n"
        "markdown_extensions:\n  - pymdownx.superfences\n"
        "  - pymdownx.tabbed: {alternate_style: true}\n"
        "plugins:\n  - search\n  - asyncapi-ws-docs:\n"
        "      specs: [{path: docs/asyncapi/realtime.yaml, output: api}]\n"
        "      ignore: [AWD501]  # the bundled spec's sandbox is plain ws on purpose\n"
        f"{plugins}"
    )


def english_fragments() -> dict[str, list[str]]:
    """Per label the German site must not show, its words: the text between its `{parts}` and
    code spans, without Markdown and HTML, that says something (a word of three letters)."""
    fragments = {}
    for key, english in ENGLISH.texts.items():
        if english == GERMAN.texts[key]:
            continue  # the same in German ("Handshake", "Server", "URL")
        text = re.sub(r"`[^`]*`|<code>.*?</code>", "\n", english)
        text = re.sub(r"<[^>]+>|\*", "", text)
        for name in placeholders(english):
            text = text.replace(f"{{{name}}}", "\n")
        words = [part.strip(" .,:;()") for part in text.split("\n")]
        fragments[key] = [w for w in words if re.search(r"[A-Za-z]{3}", w)]
    return fragments


def folded(text: str) -> str:
    """Text compared with the spec's: whitespace folded, quotes and backticks left out."""
    return " ".join(re.sub(r"[\"'`]", "", text).split()).strip(" .,:;")


SPEC_TEXT = folded(" ".join(FILES.values()))


def mermaid_words(source: str) -> list[str]:
    """The words of a Mermaid source a reader sees: titles, participants' names, messages."""
    lines = [line.strip() for line in source.splitlines()]
    return [re.split(r"^title |: | as ", line, maxsplit=1)[-1] for line in lines[1:]]


def our_text(html: str) -> list[str]:
    """The article's text, SVG's and code blocks' included, but for what the spec wrote: its
    names and values (inline code), its titles, descriptions and examples."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    texts = []
    for node in article.find_all(string=True):
        if isinstance(node, Comment):
            continue
        if node.find_parent("code") and not node.find_parent("pre"):
            continue
        lines = mermaid_words(node) if node.startswith("sequenceDiagram") else [str(node)]
        texts += [" ".join(line.split()) for line in lines]
    return [text for text in texts if folded(text) and folded(text) not in SPEC_TEXT]


def english_in(texts: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, words in english_fragments().items():
        for word in words:
            # A word in double quotes is a key or a string of the spec's JSON example.
            pattern = re.compile(rf"(?<![\w.\"-]){re.escape(word)}(?![\w\"-])")
            hits = [text for text in texts if pattern.search(text)]
            if hits:
                found.setdefault(key, []).append(f"{word!r} in {hits[0]!r}")
    return found


def console_labels(html: str) -> dict[str, str]:
    section = BeautifulSoup(html, "html.parser").select_one("[data-asyncapi-console]")
    assert section is not None
    return dict(json.loads(str(section["data-asyncapi-console"]))["labels"])


def test_a_german_site_shows_none_of_the_plugins_english_labels(build_site) -> None:
    site = build_site(config("de"), FILES, strict=True)
    for page in PAGES:
        html = (site / page).read_text(encoding="utf-8")
        assert english_in(our_text(html)) == {}, page
    channel = (site / PAGES[1]).read_text(encoding="utf-8")
    assert console_labels(channel) == GERMAN.as_dict("script_")
    assert "Live-Konsole" in channel
    assert "Nachrichtenfluss des Kanals" in channel  # the diagram's title


def test_the_same_site_in_english_shows_them(build_site) -> None:
    """The check above can fail: built in English, the same pages show those labels."""
    site = build_site(config("en"), FILES, strict=True)
    html = (site / PAGES[1]).read_text(encoding="utf-8")
    found = english_in(our_text(html))
    assert {"channel_parameters", "live_console", "diagram_title", "websocat_type_messages"} <= set(
        found
    )
    assert len(found) > 50  # of the 220-odd labels German writes otherwise


def test_mkdocs_static_i18n_writes_each_language_in_its_own_words(
    build_site, missing_prerequisite
) -> None:
    """Two languages in one `mkdocs build --strict`: the plugin reads the language each of
    mkdocs-static-i18n's builds is making, and writes its pages into that language's folder."""
    if importlib.util.find_spec("mkdocs_static_i18n") is None:
        missing_prerequisite("mkdocs-static-i18n is missing: pip install -e '.[test,i18n]'")
    i18n = (
        "  - i18n:\n      docs_structure: suffix\n      languages:\n"
        "        - {locale: en, name: English, default: true, build: true}\n"
        "        - {locale: de, name: Deutsch, build: true}\n"
    )
    home = {
        "docs/index.md": "# Home\n\nSee [the API](api/index.md).\n",
        "docs/index.de.md": "# Startseite\n\nSiehe [die API](api/index.md).\n",
    }
    site = build_site(config("en", plugins=i18n), {**FILES, **home}, strict=True)

    for page in PAGES:
        english, german = site / page, site / "de" / page
        assert english_in(our_text(german.read_text(encoding="utf-8"))) == {}, page
        assert english_in(our_text(english.read_text(encoding="utf-8"))) != {}, page
    channel = (site / PAGES[1]).read_text(encoding="utf-8")
    german_channel = (site / "de" / PAGES[1]).read_text(encoding="utf-8")
    assert console_labels(channel) == ENGLISH.as_dict("script_")
    assert console_labels(german_channel) == GERMAN.as_dict("script_")
    assert '<html lang="de"' in german_channel
    assert "Live console" in channel
    assert "Live-Konsole" in german_channel
    german_home = BeautifulSoup((site / "de/index.html").read_text(encoding="utf-8"), "html.parser")
    assert german_home.select_one('article a[href="api/"]') is not None  # de/api/, its own
