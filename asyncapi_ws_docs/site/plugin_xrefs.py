"""Cross-references with mkdocs-autorefs: every channel, message and operation gets a name.

When the site has autorefs (listed in `plugins`, or created by mkdocstrings), the plugin hands
it each identifier of `page.xrefs` with the page and anchor it points to, the way mkdocstrings
registers its objects; `[the order desk][orders:desk]` then links from any page. Without
autorefs nothing of this runs and the pages stay as they were.

Registered in `on_nav`, when every generated file has its `Page` and before autorefs resolves
references (`on_env`, priority -50): so the order of the two plugins in `mkdocs.yml` does not
matter. The anchors are those `page.links.Linker` wrote into the pages.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from asyncapi_ws_docs.page.xrefs import CrossReference

SpecReferences = list[tuple[str, "tuple[CrossReference, ...]"]]
"""One spec's generated pages that carry identifiers: (the page's `src_uri`, its identifiers)."""


class Autorefs(Protocol):
    """What the plugin uses of mkdocs-autorefs' `AutorefsPlugin` (1.4)."""

    def register_anchor(
        self,
        page: Page,
        identifier: str,
        anchor: str | None = None,
        *,
        title: str | None = None,
        primary: bool = True,
    ) -> None:
        """Map `identifier` to `page`'s URL with `#anchor`."""


def autorefs_of(config: MkDocsConfig) -> Autorefs | None:
    """The site's autorefs plugin, or None when the site has none.

    Asked in `on_files`, after every plugin's `on_config`: mkdocstrings adds autorefs to
    `config.plugins` in its own, which may run after ours.
    """
    plugin = config.plugins.get("autorefs")
    return plugin if callable(getattr(plugin, "register_anchor", None)) else None


def register(autorefs: Autorefs, specs: Sequence[SpecReferences], files: Files) -> None:
    """Register every spec's identifiers; unqualified ones where a channel id is unique.

    The unqualified names (`desk`, `desk:update`) are aliases (`primary=False`): a heading of
    the same id elsewhere in the site, which autorefs registers as primary, keeps its name.
    """
    specs_of_channel = Counter(
        channel_id
        for spec in specs
        for channel_id in {ref.channel_id for _, refs in spec for ref in refs}
    )
    for spec in specs:
        for src_uri, references in spec:
            file = files.get_file_from_path(src_uri)
            page = file.page if file is not None else None
            if page is None:
                continue
            for ref in references:
                autorefs.register_anchor(page, ref.identifier, ref.anchor, title=ref.title)
                if ref.unqualified and specs_of_channel[ref.channel_id] == 1:
                    autorefs.register_anchor(
                        page, ref.unqualified, ref.anchor, title=ref.title, primary=False
                    )
