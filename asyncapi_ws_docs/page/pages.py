"""From a spec to the Markdown pages of its reference: one overview, one page per channel."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, TypeGuard

from asyncapi_ws_docs.document.conversation import perspective
from asyncapi_ws_docs.page.history import changes_view
from asyncapi_ws_docs.page.links import CHANGES_PAGE
from asyncapi_ws_docs.page.llms import TWIN, spec_markdown
from asyncapi_ws_docs.page.render import GeneratedPage, PageRenderer
from asyncapi_ws_docs.page.text import TextRenderer, first_sentence
from asyncapi_ws_docs.page.views import ViewBuilder, ViewOptions
from asyncapi_ws_docs.page.xrefs import channel_references, qualifier, with_identifiers

if TYPE_CHECKING:
    from asyncapi_ws_docs.changes.history import ChangeHistory
    from asyncapi_ws_docs.document.model import Channel, Spec
    from asyncapi_ws_docs.page.links import Link
    from asyncapi_ws_docs.page.xrefs import CrossReference


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
    previous: tuple[Spec, list[GeneratedPage]] | None = None,
    cross_references: bool = False,
    llms: bool = False,
) -> list[GeneratedPage]:
    """The pages of one spec, under `output` (a folder path relative to the docs root).

    The overview is `<output>/index.md`; channel `x` is `<output>/channels/<slug of x>.md`;
    with a history (`ViewOptions.history`), the Changes page is `<output>/changes.md`.
    `previous`: an earlier version of the spec and its pages, rendered with the same settings
    (under `mkdocs serve`); the pages of the channels `same_pages` finds unchanged are reused.
    `cross_references`: each channel page shows and carries its identifiers (`xrefs.py`).
    `llms`: the overview links the spec's Markdown twin, the last page (`llms.py`, `raw`).
    """
    renderer = renderer or PageRenderer()
    views = ViewBuilder(spec, text or TextRenderer(), download=download, options=options)
    labels = views.labels
    base = output.strip("/")
    prefix = f"{base}/" if base else ""
    overview = views.overview()
    if llms:
        overview = replace(overview, llms=TWIN)
    pages = [
        GeneratedPage(
            f"{prefix}index.md",
            renderer.render(
                "page_overview.md.jinja",
                labels=labels,
                spec=overview,
                description=overview_description(spec),
            ),
            overview.title,
        )
    ]
    if views.options.history is not None:
        pages.append(changes_page(views, views.options.history, prefix, renderer))
    reusable: dict[str, GeneratedPage] = {}
    if previous is not None:
        unchanged = same_pages(previous[0], spec)
        reusable = {page.path: page for page in previous[1] if page.address}
    for channel in spec.channels:
        path = prefix + views.channel_path(channel.id)
        if previous is not None and channel.id in unchanged and path in reusable:
            pages.append(reusable[path])
            continue
        view = views.channel(channel)
        references: tuple[CrossReference, ...] = ()
        if cross_references:
            view = with_identifiers(view, qualifier(output))
            references = channel_references(view, qualifier(output))
        pages.append(
            GeneratedPage(
                path,
                renderer.render(
                    "page_channel.md.jinja",
                    labels=labels,
                    channel=view,
                    description=channel_description(channel),
                ),
                view.title,
                channel.address or channel.id,
                references,
            )
        )
    if llms:
        twin = spec_markdown(
            spec,
            renderer=renderer,
            text=views.text,
            options=views.options,
            output=output,
            cross_references=cross_references,
        )
        pages.append(GeneratedPage(prefix + TWIN, twin, overview.title, raw=True))
    return pages


def changes_page(
    views: ViewBuilder, history: ChangeHistory, prefix: str, renderer: PageRenderer
) -> GeneratedPage:
    """The Changes page of the spec of `views`, at `<prefix>changes.md`."""
    changes = changes_view(views.spec, history, views.links, views.labels)
    return GeneratedPage(
        f"{prefix}{CHANGES_PAGE}",
        renderer.render("page_changes.md.jinja", labels=views.labels, changes=changes),
        changes.title,
    )


def same_pages(old: Spec, new: Spec) -> set[str]:
    """The ids of the channels whose pages are the same in both versions of a spec.

    A channel page shows its channel, its operations, the spec's info and servers, and of
    other channels only their titles and addresses (links), the messages they share with it
    (by origin) and the operations whose replies arrive on it. So when everything but some
    channels and their operations is equal, and those channels kept their titles, addresses,
    message origins and have no replies on other channels, only their pages (and the
    overview) change. Anything else: an empty set, and every page is rendered anew.
    """
    if (old.version, old.info, old.servers, old.default_content_type) != (
        new.version,
        new.info,
        new.servers,
        new.default_content_type,
    ):
        return set()
    if [c.id for c in old.channels] != [c.id for c in new.channels]:
        return set()
    # Which end the document describes is read from all its operations, and every channel's
    # diagram draws its arrows by it.
    if perspective(old) != perspective(new):
        return set()
    changed = {
        after.id
        for before, after in zip(old.channels, new.channels, strict=True)
        if before != after or old.operations_of(before) != new.operations_of(after)
    }
    for before, after in zip(old.channels, new.channels, strict=True):
        if after.id in changed and not _same_links(old, before, new, after):
            return set()
    ids = {channel.id for channel in new.channels}
    unattached = [[op for op in spec.operations if op.channel_id not in ids] for spec in (old, new)]
    if unattached[0] != unattached[1]:
        return set()
    return ids - changed


def _same_links(old: Spec, before: Channel, new: Spec, after: Channel) -> bool:
    """Whether what other pages show of a changed channel is the same in both versions."""
    if (before.title, before.address) != (after.title, after.address):
        return False
    if [m.origin for m in before.messages] != [m.origin for m in after.messages]:
        return False
    operations = (*old.operations_of(before), *new.operations_of(after))
    return all(
        op.reply is None or op.reply.channel_id in (None, op.channel_id) for op in operations
    )
