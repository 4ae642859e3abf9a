"""The message catalog: every label the pages write, in each language the plugin ships.

English (`en.yaml`) is the source: it holds every key, and a language's missing key falls back
to it. The other files translate it. A site's own file (the `labels` option) overrides or adds
labels per language; `read_labels_file` checks it against the English keys and placeholders.
Templates read a label as an attribute (`labels.query_parameters`) or, for a key made of
parts, by lookup (`labels["frame_" ~ message.frame]`); a label with `{parts}` is filled with
the `fill` filter.
"""

from __future__ import annotations

import functools
import hashlib
import json
import string
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

ENGLISH = "en"
SHIPPED = ("en", "de", "fr", "es", "pt_BR", "ja", "zh_Hans")
"""The languages the package ships, by the names of their files."""

# Language codes as MkDocs themes and mkdocs-static-i18n write them, to the shipped file that
# serves them: Material says `pt-BR` and `zh`, a locale says `zh_CN`.
_ALIASES = {
    "pt": "pt_BR",
    "pt-br": "pt_BR",
    "pt_br": "pt_BR",
    "zh": "zh_Hans",
    "zh-hans": "zh_Hans",
    "zh_hans": "zh_Hans",
    "zh-cn": "zh_Hans",
    "zh_cn": "zh_Hans",
    "zh-sg": "zh_Hans",
    "zh_sg": "zh_Hans",
}
# Traditional Chinese is a written language of its own: English (or a site's file) serves it,
# not Simplified Chinese.
_TRADITIONAL = {"zh-hant", "zh-tw", "zh-hk", "zh-mo"}


class LabelsError(ValueError):
    """A labels file the plugin cannot use; the message names the file, line and the fix."""


@dataclass(frozen=True, eq=False)
class Labels:
    """The labels of one language, read as attributes or by key.

    `digest` identifies the texts (for page caches): two `Labels` with the same digest write
    the same pages.
    """

    language: str
    texts: Mapping[str, str]

    def __getattr__(self, key: str) -> str:
        """The label `key`; an unknown key is a programming error, named in the message."""
        if key.startswith("__") or key == "texts":  # copy and pickle probe dunders first
            raise AttributeError(key)
        try:
            return self.texts[key]
        except KeyError:
            message = f"no label {key!r} in the catalog (asyncapi_ws_docs/page/labels/en.yaml)"
            raise AttributeError(message) from None

    def __getitem__(self, key: str) -> str:
        """The label `key` (for keys templates make of parts)."""
        return self.__getattr__(key)

    def fill(self, key: str, **parts: object) -> str:
        """The label `key` with its `{parts}` filled in."""
        return self.__getattr__(key).format_map(parts)

    @functools.cached_property
    def digest(self) -> str:
        """A hash of the language and every text."""
        data = json.dumps([self.language, sorted(self.texts.items())], ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()

    def as_dict(self, prefix: str) -> dict[str, str]:
        """The labels whose keys start with `prefix`, without it (the console's JSON)."""
        return {k[len(prefix) :]: v for k, v in self.texts.items() if k.startswith(prefix)}


def language_of(code: str | None) -> str:
    """The shipped language for a theme's or locale's code; English for one not shipped.

    `de`, `de-CH` and `de_AT` are German; `pt-BR` is `pt_BR`; `zh`, `zh-CN` are `zh_Hans`;
    `zh-TW` and `zh-Hant` are not.
    """
    if not code:
        return ENGLISH
    lowered = code.strip().lower()
    if lowered.replace("_", "-") in _TRADITIONAL:
        return ENGLISH
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    for shipped in SHIPPED:
        if lowered == shipped.lower():
            return shipped
    base = lowered.replace("-", "_").split("_", 1)[0]
    return _ALIASES.get(base, base if base in SHIPPED else ENGLISH)


@functools.cache
def shipped_texts(language: str) -> Mapping[str, str]:
    """The texts of a shipped language's file, as written (no fallback)."""
    source = resources.files(__package__).joinpath(f"{language}.yaml").read_text("utf-8")
    data = yaml.safe_load(source)
    return {str(key): str(value) for key, value in data.items()}


def labels_for(
    language: str | None, overrides: Mapping[str, Mapping[str, str]] | None = None
) -> Labels:
    """The labels of `language` (a theme's code): shipped texts over English, then the site's.

    `overrides` is what `read_labels_file` returned: per language, labels that replace or add
    to the shipped ones. A language the package does not ship can be added that way (`it`).
    """
    overrides = overrides or {}
    wanted = (language or ENGLISH).strip()
    chosen = wanted if wanted in overrides else language_of(wanted)
    texts = dict(shipped_texts(ENGLISH))
    if chosen in SHIPPED and chosen != ENGLISH:
        texts.update(shipped_texts(chosen))
    texts.update(overrides.get(chosen, {}))
    return Labels(chosen, texts)


ENGLISH_LABELS = labels_for(None)
"""The English labels: the default wherever no language is said."""


def placeholders(text: str) -> set[str]:
    """The names of the `{parts}` of a label."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def read_labels_file(path: Path, *, shown_as: str) -> dict[str, dict[str, str]]:
    """A site's labels file: per language (`de:`), labels by key. Checked against English.

    Raises:
        LabelsError: the file cannot be read, is not YAML of that shape, names a label the
            catalog does not have, or changes a label's `{parts}`; the message says where.
    """
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
    except (OSError, UnicodeDecodeError) as error:
        message = f"{shown_as}: the labels file cannot be read: {error}"
        raise LabelsError(message) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        message = f"{shown_as}{line}: the labels file is not valid YAML: {error}"
        raise LabelsError(message) from error
    if root is None:
        return {}
    english = shipped_texts(ENGLISH)
    result: dict[str, dict[str, str]] = {}
    for language, section in _mapping(root, shown_as, "languages (`de:`, `fr:`...)"):
        labels = result.setdefault(language, {})
        for key, value_node in _mapping(section, shown_as, f"labels under `{language}`"):
            where = f"{shown_as}:{value_node.start_mark.line + 1}"
            if key not in english:
                message = (
                    f"{where}: unknown label '{key}' under '{language}'. The keys are those of "
                    "asyncapi_ws_docs/page/labels/en.yaml: correct the key or remove it."
                )
                raise LabelsError(message)
            if not isinstance(value_node, yaml.ScalarNode):
                message = f"{where}: the label '{key}' must be a text: write it on the key's line."
                raise LabelsError(message)
            value = str(value_node.value)
            extra = placeholders(value) - placeholders(english[key])
            if extra:
                message = (
                    f"{where}: the label '{key}' uses {{{', '.join(sorted(extra))}}}, which the "
                    f"plugin does not fill; the English one is: {english[key]}"
                )
                raise LabelsError(message)
            labels[key] = value
    return result


def _mapping(node: yaml.Node, shown_as: str, what: str) -> list[tuple[str, yaml.Node]]:
    """The entries of a YAML mapping node; anything else is an error naming its line."""
    if not isinstance(node, yaml.MappingNode):
        message = f"{shown_as}:{node.start_mark.line + 1}: expected a mapping of {what}."
        raise LabelsError(message)
    return [(str(key.value), value) for key, value in node.value]
