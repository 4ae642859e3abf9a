"""Small helpers for unit tests: write spec files into a temporary folder and load them."""

from __future__ import annotations

import functools
import textwrap
from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.document.readers import load_spec
from asyncapi_ws_docs.page.links import Linker
from tests.conftest import CORPUS_DIR

if TYPE_CHECKING:
    from pathlib import Path

    from asyncapi_ws_docs.document.diagnostics import Diagnostics
    from asyncapi_ws_docs.document.model import Spec


def write(folder: Path, files: dict[str, str]) -> None:
    """Write dedented files below `folder`."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def load(folder: Path, text: str, **more_files: str) -> tuple[Spec, Diagnostics]:
    """Load `text` as `spec.yaml` (other files by keyword, `_` for `/` in names)."""
    write(
        folder,
        {"spec.yaml": text, **{k.replace("__", "/") + ".yaml": v for k, v in more_files.items()}},
    )
    spec, diagnostics = load_spec(folder / "spec.yaml", roots=[folder], display_base=folder)
    assert spec is not None, [d.format() for d in diagnostics]
    return spec, diagnostics


NO_MESSAGES = "AWD503"
"""The info on a channel without messages: most small specs of the tests have none."""


def messages_of(diagnostics: Diagnostics, *, ignore: tuple[str, ...] = (NO_MESSAGES,)) -> list[str]:
    """Formatted diagnostics, for readable assertions (without the codes in `ignore`)."""
    return [d.format() for d in diagnostics if d.code not in ignore]


@functools.cache
def corpus_spec(name: str) -> Spec:
    """A document of the shared corpus, loaded once per test session (skipped where missing)."""
    path = CORPUS_DIR / name
    if not path.is_file():
        pytest.skip(f"the spec corpus is missing: {path}")
    spec, diagnostics = load_spec(path, roots=[path.parent], display_base=path.parent)
    assert spec is not None, [d.format() for d in diagnostics]
    return spec


def linker(spec: Spec) -> Linker:
    """The links of a spec's generated pages."""
    return Linker(
        [c.id for c in spec.channels], {c.id: [m.key for m in c.messages] for c in spec.channels}
    )


V3 = "asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\n"
"""The head of a small 3.0 spec; tests add `servers:`, `channels:` and the rest."""
V2 = "asyncapi: 2.6.0\ninfo: {title: T, version: '1'}\n"
"""The head of a small 2.6 spec."""
CHANNEL_C = "channels:\n  c:\n    address: /c\n"
"""A 3.x channel `c` at `/c`: the one channel most rule tests need, its fields added below it."""
