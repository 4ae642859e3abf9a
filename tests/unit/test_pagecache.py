"""Rendered pages are reused while their files and settings are unchanged, across builds too."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.diagnostics import Diagnostic, Level
from asyncapi_ws_docs.page.render import GeneratedPage
from asyncapi_ws_docs.site import pagecache
from asyncapi_ws_docs.site.pagecache import CachedPages, PageCache, fingerprint
from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from pathlib import Path


def entry(spec: Path) -> CachedPages:
    return CachedPages(
        files={str(spec): hashlib.sha256(spec.read_bytes()).hexdigest()},
        pages=[GeneratedPage("x/index.md", "# X\n", "X")],
        diagnostics=[Diagnostic(Level.WARNING, "spec.yaml", 3, 5, "/a", "careful", "hint")],
    )


def test_pages_are_reused_while_the_spec_is_unchanged(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("a: 1\n")
    cache = PageCache(None)
    key = PageCache.key(spec, "settings")
    cache.put(key, entry(spec))
    assert cache.get(key) is not None
    spec.write_text("a: 2\n")
    assert cache.get(key) is None


def test_a_new_process_reads_pages_and_diagnostics_from_disk(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("a: 1\n")
    folder = tmp_path / ".cache" / "asyncapi-ws-docs"
    key = PageCache.key(spec, "settings")
    PageCache(folder).put(key, entry(spec))
    again = PageCache(folder).get(key)
    assert again == entry(spec)
    assert (folder / ".gitignore").read_text().endswith("*\n")


def test_other_settings_are_another_key(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    assert PageCache.key(spec, "a") != PageCache.key(spec, "b")


def test_a_damaged_entry_is_ignored(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("a: 1\n")
    folder = tmp_path / "cache"
    key = PageCache.key(spec, "s")
    PageCache(folder).put(key, entry(spec))
    (folder / f"{key}.json").write_text("{not json")
    assert PageCache(folder).get(key) is None


def test_template_overrides_change_the_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "t.md.jinja").write_text("one")
    before = fingerprint(tmp_path)
    (tmp_path / "t.md.jinja").write_text("two")
    assert fingerprint(tmp_path) != before
    assert fingerprint(None) == ""


def test_the_package_fingerprint_covers_every_layer_of_the_package() -> None:
    """Cached pages depend on the model and the views as much as on the templates."""
    package = REPO_ROOT / "asyncapi_ws_docs"
    assert pagecache._package() == fingerprint(package, suffixes=(".py", ".jinja", ".css"))
