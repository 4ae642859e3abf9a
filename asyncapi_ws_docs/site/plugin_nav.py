"""The navigation of large specs: channel pages grouped into sections (see `navgroups`)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from asyncapi_ws_docs.site.navgroups import NavGroup, group_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure import StructureItem
    from mkdocs.structure.nav import Navigation

log = get_plugin_logger("asyncapi_ws_docs.site.plugin")


def group_section(nav: Navigation, pages: list[tuple[str, str]], size: int) -> bool:
    """Group one spec's channel pages where they are the children of one section.

    That is where MkDocs puts them when `nav` is not configured. A hand-written `nav` that
    places them elsewhere (or leaves them out) is left as it is.
    """
    if len(pages) <= size:
        return False
    addresses = dict(pages)
    placed = [page for page in pages_of(nav.items) if page.file.src_uri in addresses]
    parents = {id(page.parent) for page in placed}
    if len(placed) <= size or len(parents) != 1:
        return False
    parent = placed[0].parent
    siblings = parent.children if parent is not None else nav.items
    by_key = {page.file.src_uri: page for page in placed}
    groups = group_pages(
        [(page.file.src_uri, addresses[page.file.src_uri]) for page in placed], size=size
    )
    grouped = [_nav_item(member, by_key, parent) for member in groups]
    moved = {id(page) for page in placed}
    first = next(index for index, item in enumerate(siblings) if id(item) in moved)
    rest = [item for item in siblings if id(item) not in moved]
    rest[first:first] = grouped
    siblings[:] = rest
    return True


def _nav_item(
    member: str | NavGroup, pages: dict[str, Page], parent: Section | None
) -> StructureItem:
    """A navigation item for a page key or a group, with parent links set."""
    if isinstance(member, str):
        item: StructureItem = pages[member]
    else:
        # Themes print section titles as they are: an address is text, not HTML.
        item = Section(html.escape(member.title), [])
        item.children = [_nav_item(child, pages, item) for child in member.members]
    item.parent = parent
    return item


def pages_of(items: list[StructureItem]) -> list[Page]:
    """The pages of a navigation, in order (MkDocs' own helper is private)."""
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages.extend(pages_of(item.children))
    return pages


def prune_material_nav(config: MkDocsConfig) -> None:
    """Turn on Material's `navigation.prune`: each page then renders only the open sections.

    Not with `navigation.expand`, which opens every section (Material says the two conflict).
    """
    if config.theme.name != "material":
        return
    features = config.theme.get("features") or []
    if "navigation.prune" not in features and "navigation.expand" not in features:
        config.theme["features"] = [*features, "navigation.prune"]
        log.info("Channel pages are grouped in the navigation: navigation.prune is on.")
