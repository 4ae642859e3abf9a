"""Specs are read again only when a file they were read from changed."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.cache import SpecCache

from .helpers import write

if TYPE_CHECKING:
    from pathlib import Path

SPEC = (
    "asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\n"
    "channels:\n  c:\n    address: /c\n    bindings: {ws: {headers: {$ref: 'other.yaml#/A'}}}\n"
)


def setup(tmp_path: Path) -> tuple[SpecCache, Path]:
    write(tmp_path, {"spec.yaml": SPEC, "other.yaml": "A: {type: object, properties: {}}\n"})
    return SpecCache(), tmp_path / "spec.yaml"


def load(cache: SpecCache, path: Path) -> None:
    spec, _ = cache.load(path, roots=[path.parent], display_base=path.parent)
    assert spec is not None


def test_an_unchanged_spec_is_not_read_again(tmp_path: Path) -> None:
    cache, path = setup(tmp_path)
    load(cache, path)
    load(cache, path)
    assert cache.loads == 1


def test_touching_a_file_without_changing_it_does_not_read_the_spec_again(tmp_path: Path) -> None:
    cache, path = setup(tmp_path)
    load(cache, path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    load(cache, path)
    assert cache.loads == 1


def test_changing_a_file_reached_through_a_ref_reads_the_spec_again(tmp_path: Path) -> None:
    cache, path = setup(tmp_path)
    load(cache, path)
    (tmp_path / "other.yaml").write_text("A: {type: object, properties: {X: {}}}\n")
    load(cache, path)
    assert cache.loads == 2


def test_cache_knows_every_file_a_spec_was_read_from(tmp_path: Path) -> None:
    cache, path = setup(tmp_path)
    load(cache, path)
    assert {p.name for p in cache.files()} == {"spec.yaml", "other.yaml"}
