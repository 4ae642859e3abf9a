"""Render view models into Markdown pages with Jinja templates the user can override."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2

from asyncapi_ws_docs.page.labels import Labels, labels_for
from asyncapi_ws_docs.page.text import (
    code_html,
    code_span,
    escape_html,
    escape_html_wrap,
    escape_markdown,
    fenced,
    plain_text,
    safe_url,
)

if TYPE_CHECKING:
    from pathlib import Path

    from asyncapi_ws_docs.page.links import Link
    from asyncapi_ws_docs.page.xrefs import CrossReference


@jinja2.pass_context
def _heading(context: jinja2.runtime.Context, offset: int = 0) -> str:
    """The `#`s of a heading `offset` levels below the template's `level` (at most 6)."""
    return "#" * min(6, int(context["level"]) + offset)


def link_markdown(link: Link) -> str:
    """A `Link` as Markdown: `[label](href)`, or just the label when it points nowhere."""
    label = escape_markdown(link.label)
    return f"[{label}]({link.href})" if link.href else label


def _fill(label: str, **parts: object) -> str:
    """A label with its `{parts}` filled in (`labels.example_n | fill(number=2)`)."""
    return label.format_map(parts)


def front_matter(text: str) -> str:
    """A YAML scalar for the page title in front matter.

    Themes print the title unescaped (Material in `<title>`, the header and the nav), so it is
    HTML-escaped here. As an ASCII-only JSON string it is valid YAML whatever it holds: a
    control character can never make MkDocs drop the front matter (and `render_macros: false`
    with it).
    """
    return json.dumps(html.escape(" ".join(str(text).split()), quote=True), ensure_ascii=True)


class PageRenderer:
    """Renders pages from the package's templates, or from the user's overrides of them."""

    def __init__(self, *, custom_templates: Path | None = None) -> None:
        """Create the template environment; `custom_templates` is searched first."""
        loaders: list[jinja2.BaseLoader] = []
        if custom_templates is not None:
            loaders.append(jinja2.FileSystemLoader(custom_templates))
        loaders.append(jinja2.PackageLoader("asyncapi_ws_docs.page", "templates"))
        # Markdown output: autoescape is off and every value is escaped explicitly for the
        # context it lands in (`md` for Markdown text, `html` for HTML, `code` for code).
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=False,  # noqa: S701
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            md=escape_markdown,
            html=escape_html,
            html_wrap=escape_html_wrap,
            code=code_html,
            tick=code_span,
            plain=plain_text,
            fence=fenced,
            front_matter=front_matter,
            url=safe_url,
            link=link_markdown,
            fill=_fill,
        )
        self.env.globals["heading"] = _heading

    def render(self, template: str, *, labels: Labels | None = None, **context: Any) -> str:
        """Render one template with view models as context, in the language of `labels`."""
        return self.env.get_template(template).render(labels=labels or labels_for(None), **context)


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: `path` is relative to the docs folder, with `/`.

    `address` is the channel's address (or its id, when it has none) on a channel page, and ""
    on an overview: the navigation groups the channel pages of large specs by it.
    `references`: the cross-reference identifiers that point into the page (`xrefs.py`), when
    the site resolves them.
    """

    path: str
    markdown: str
    title: str
    address: str = ""
    references: tuple[CrossReference, ...] = ()
    raw: bool = False
    """A file published as it is (the Markdown twin, `llms.py`), not a page of the site."""
