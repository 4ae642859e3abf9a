"""From a spec to the Markdown pages of its reference: one overview, one page per channel."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, TypeGuard

from asyncapi_ws_docs.render import GeneratedPage, PageRenderer
from asyncapi_ws_docs.text import TextRenderer
from asyncapi_ws_docs.views import ViewBuilder, ViewOptions, first_sentence

if TYPE_CHECKING:
    from asyncapi_ws_docs.links import Link
    from asyncapi_ws_docs.model import Channel, Spec


def default_output(spec_path: str) -> str:
    """Where a spec's pages go when nothing says: a folder named after the file (`chat`)."""
    return PurePosixPath(spec_path).stem


def is_folder_inside(output: object) -> TypeGuard[str]:
    """Whether a spec's `output` names a folder inside the docs (`reference/chat`)."""
    return isinstance(output, str) and ".." not in PurePosixPath(output).parts


def overview_description(spec: Spec) -> str:
    """The overview page's one-line description (front matter): the spec's first sentence."""
    return first_sentence(spec.info.description)


def channel_description(channel: Channel) -> str:
    """A channel page's one-line description: its summary, else its first sentence."""
    return channel.summary or first_sentence(channel.description)


def spec_pages(  # noqa: PLR0913 (keyword-only options)
    spec: Spec,
    *,
    output: str,
    renderer: PageRenderer | None = None,
    text: TextRenderer | None = None,
    download: Link | None = None,
    options: ViewOptions | None = None,
) -> list[GeneratedPage]:
    """The pages of one spec, under `output` (a folder path relative to the docs root).

    The overview is `<output>/index.md`; channel `x` is `<output>/channels/<slug of x>.md`.
    """
    renderer = renderer or PageRenderer()
    views = ViewBuilder(spec, text or TextRenderer(), download=download, options=options)
    base = output.strip("/")
    prefix = f"{base}/" if base else ""
    overview = views.overview()
    pages = [
        GeneratedPage(
            f"{prefix}index.md",
            renderer.render(
                "page_overview.md.jinja", spec=overview, description=overview_description(spec)
            ),
            overview.title,
        )
    ]
    for channel in spec.channels:
        view = views.channel(channel)
        pages.append(
            GeneratedPage(
                prefix + views.channel_path(channel.id),
                renderer.render(
                    "page_channel.md.jinja",
                    channel=view,
                    description=channel_description(channel),
                ),
                view.title,
                channel.address or channel.id,
            )
        )
    return pages
