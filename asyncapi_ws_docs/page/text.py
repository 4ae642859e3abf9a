"""Turn untrusted spec text into safe page text.

Descriptions in AsyncAPI are CommonMark. They are rendered to HTML once, here, and sanitized
with nh3 (an allow-list sanitizer), so a `<script>` or an `onclick=` written in a spec never
reaches a reader's browser, and a `|` or a backtick never breaks the table it lands in.
Names and values are escaped for the Markdown or HTML context they go into.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any

import markdown
import nh3
import yaml

from asyncapi_ws_docs.document.schemas import scalar_text, to_plain

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!>~|])")
_BACKTICK_RUNS = re.compile(r"`+")

_ALLOWED_TAGS = set(nh3.ALLOWED_TAGS) | {
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
    "kbd",
    "sup",
    "sub",
}
_ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def escape_html(text: str) -> str:
    """Escape text for HTML content or attribute values.

    Braces and pipes become entities too: Jinja-processing plugins that run over page Markdown
    then never see `{{` in spec text, and a `|` cannot split a Markdown table cell.
    """
    return (
        html.escape(text, quote=True)
        .replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("|", "&#124;")
    )


WRAP_LONGER_THAN = 20
"""Values longer than this get break opportunities at their punctuation (`escape_html_wrap`)."""

# Where a long value may break: after these characters (not inside a run of them, so `://` and
# `", "` stay whole), and before a dot. CSS breaks anywhere else only where it must.
_BREAK_POINTS = re.compile(r"(?<=[/,&?=_:;\-])(?![/,&?=_:;\-\s])|(?<=\w)(?=\.)")


def escape_html_wrap(text: str) -> str:
    """`escape_html`, with `<wbr>` where a long URL, UUID or JSON value may wrap.

    `<wbr>` is a break opportunity only: nothing is added to the text a reader copies.
    """
    if len(text) <= WRAP_LONGER_THAN:
        return escape_html(text)
    return "<wbr>".join(escape_html(part) for part in _BREAK_POINTS.split(text))


def safe_url(url: str) -> str:
    """The URL escaped for an `href`, if it is http(s) or mailto; else "" (never `javascript:`)."""
    scheme = url.strip().split(":", 1)[0].lower() if ":" in url else ""
    return escape_html(url.strip()) if scheme in _ALLOWED_URL_SCHEMES else ""


def escape_markdown(text: str) -> str:
    """Escape text for inline Markdown (headings, table cells, link labels): shows as written."""
    one_line = " ".join(text.split())
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(one_line, quote=False))
    # Braces and pipes as entities: no `{{`/`{%` for Jinja-running plugins, no cell split.
    return escaped.replace("\\|", "&#124;").replace("\\{", "&#123;").replace("\\}", "&#125;")


def code_html(text: str) -> str:
    """Inline code as HTML: safe in Markdown tables (a `|` cannot split the cell)."""
    return f"<code>{escape_html(text)}</code>"


def fenced(code: str, language: str = "") -> str:
    """A fenced code block whose fence is longer than any backtick run inside the code."""
    longest = max((len(run) for run in _BACKTICK_RUNS.findall(code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{code.rstrip()}\n{fence}"


def plain_text(text: str) -> str:
    """Text on one line for a Markdown file that is read, not rendered (the Markdown twin).

    Only `|` is escaped, so that a table cell holds it; nothing else is, so tools read the
    spec's words as written.
    """
    return " ".join(text.split()).replace("|", "\\|")


def code_span(text: str) -> str:
    """Inline code in Markdown, its backtick fence longer than any run inside (one line)."""
    one_line = " ".join(text.split())
    fence = "`" * (max((len(run) for run in _BACKTICK_RUNS.findall(one_line)), default=0) + 1)
    pad = " " if one_line.startswith("`") or one_line.endswith("`") else ""
    return f"{fence}{pad}{one_line}{pad}{fence}"


class TextRenderer:
    """Renders description Markdown to sanitized HTML, each distinct text once."""

    def __init__(self, *, sanitize: bool = True) -> None:
        """Create a renderer; `sanitize=False` keeps the authors' raw HTML (trusted specs only)."""
        self.sanitize = sanitize
        self._markdown = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"])
        self.block = lru_cache(maxsize=4096)(self._block)

    def _block(self, text: str) -> str:
        if not text.strip():
            return ""
        rendered = self._markdown.reset().convert(text)
        if self.sanitize:
            rendered = nh3.clean(
                rendered,
                tags=_ALLOWED_TAGS,
                url_schemes=_ALLOWED_URL_SCHEMES,
                link_rel="noopener noreferrer",
            )
        # Brace and pipe entities: see `escape_html`. Rendered HTML holds no Jinja on purpose.
        return rendered.replace("{", "&#123;").replace("}", "&#125;").replace("|", "&#124;")

    def inline(self, text: str) -> str:
        """A description for a table cell: one paragraph loses its `<p>` wrapper."""
        rendered = self.block(text)
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return rendered[3:-4]
        return rendered


def value_text(value: Any) -> str:
    """A value from a spec as a reader should see it: scalars as written, the rest as JSON."""
    if isinstance(value, dict | list):
        return json.dumps(to_plain(value), ensure_ascii=False, separators=(", ", ": "))
    if value is None:
        return "null"
    return scalar_text(value)


def yaml_text(data: Any) -> str:
    """YAML that `yaml.safe_load` turns back into `data` (block style, keys in spec order)."""
    return yaml.dump(
        to_plain(data),
        Dumper=_SafeDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )


# libyaml's emitter writes the same YAML as PyYAML's pure-Python one, about ten times faster.
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def first_sentence(text: str) -> str:
    """The first sentence of a description's first paragraph, on one line."""
    first = text.strip().split("\n\n", 1)[0].replace("\n", " ")
    match = re.match(r"(.+?[.!?])(\s|$)", first)
    return match.group(1) if match else first
