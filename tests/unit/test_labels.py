"""The message catalog: every shipped language translates every English label, with the same
`{parts}`; theme codes find their language; a site's labels file is checked, its errors say
where and what to change."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.page.labels import (
    ENGLISH,
    SHIPPED,
    LabelsError,
    labels_for,
    language_of,
    placeholders,
    read_labels_file,
    shipped_texts,
)

if TYPE_CHECKING:
    from pathlib import Path

TRANSLATIONS = [language for language in SHIPPED if language != ENGLISH]
ENGLISH_TEXTS = shipped_texts(ENGLISH)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_shipped_language_has_exactly_the_english_keys(language: str) -> None:
    texts = shipped_texts(language)
    assert sorted(set(ENGLISH_TEXTS) - set(texts)) == [], "keys not translated"
    assert sorted(set(texts) - set(ENGLISH_TEXTS)) == [], "keys English does not have"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_translation_keeps_the_placeholders_of_its_english_label(language: str) -> None:
    texts = shipped_texts(language)
    changed = {
        key: (sorted(placeholders(english)), sorted(placeholders(texts[key])))
        for key, english in ENGLISH_TEXTS.items()
        if key in texts and placeholders(english) != placeholders(texts[key])
    }
    assert changed == {}


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_translation_keeps_the_code_spans_of_its_english_label(language: str) -> None:
    """`bindingVersion`, `ws`, `address`: protocol and spec words stay as the field writes them."""
    texts = shipped_texts(language)
    changed = {
        key: english
        for key, english in ENGLISH_TEXTS.items()
        if sorted(_code_spans(english)) != sorted(_code_spans(texts[key]))
    }
    assert changed == {}


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_no_translation_is_empty(language: str) -> None:
    assert [key for key, text in shipped_texts(language).items() if not text.strip()] == []


@pytest.mark.parametrize(
    ("code", "language"),
    [
        # Material for MkDocs' `theme.language` codes of the shipped languages
        ("en", "en"),
        ("de", "de"),
        ("de-CH", "de"),
        ("fr", "fr"),
        ("es", "es"),
        ("pt-BR", "pt_BR"),
        ("pt", "pt_BR"),
        ("ja", "ja"),
        ("zh", "zh_Hans"),
        ("zh-Hans", "zh_Hans"),
        # locales (`theme.locale`, mkdocs-static-i18n's `locale`) and our own file names
        ("zh_CN", "zh_Hans"),
        ("zh_Hans", "zh_Hans"),
        ("pt_BR", "pt_BR"),
        ("de_AT", "de"),
        # not shipped: English, the fallback (Traditional Chinese is not Simplified)
        ("zh-TW", "en"),
        ("zh-Hant", "en"),
        ("it", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_theme_language_codes_resolve_to_the_shipped_file(code: str | None, language: str) -> None:
    assert language_of(code) == language
    assert labels_for(code).language == language


def test_a_language_falls_back_to_english_for_a_key_it_lacks() -> None:
    labels = labels_for("de", {"de": {}})
    assert labels.query_parameters == "Query-Parameter"
    assert labels_for("it").query_parameters == "Query parameters"


def test_the_site_file_overrides_a_label_and_adds_a_language(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text("de:\n  live_console: Konsole\nit:\n  handshake: Stretta di mano\n", "utf-8")
    overrides = read_labels_file(path, shown_as="labels.yaml")
    german = labels_for("de", overrides)
    assert (german.live_console, german.handshake) == ("Konsole", "Handshake")
    italian = labels_for("it", overrides)
    assert (italian.language, italian.handshake, italian.payload) == (
        "it",
        "Stretta di mano",
        "Payload",
    )
    assert german.digest != labels_for("de").digest  # the page cache tells them apart


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "de:\n  live_console: Konsole\n  live_consol: Konsole\n",
            "labels.yaml:3: unknown label 'live_consol' under 'de'.",
        ),
        (
            "de:\n  example_n: Beispiel {nummer}\n",
            "labels.yaml:2: the label 'example_n' uses {nummer}, which the plugin does not fill;"
            " the English one is: Example {number}",
        ),
        ("de:\n  headers: [Header]\n", "labels.yaml:2: the label 'headers' must be a text"),
        ("- de\n", "labels.yaml:1: expected a mapping of languages"),
        ("de: Header\n", "labels.yaml:1: expected a mapping of labels under `de`"),
        ("de:\n  headers: [Header\n", "labels.yaml:3: the labels file is not valid YAML"),
    ],
)
def test_a_labels_file_error_names_the_file_the_line_and_the_fix(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LabelsError) as raised:
        read_labels_file(path, shown_as="labels.yaml")
    assert str(raised.value).startswith(message)


def _code_spans(text: str) -> list[str]:
    return text.split("`")[1::2]
