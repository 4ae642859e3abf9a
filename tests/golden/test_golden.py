"""Golden files: the Markdown rendered for the example specs, byte for byte.

A change in output shows up as a diff against `tests/golden/expected/`. When the change is
intended, regenerate with `UPDATE_GOLDEN=1 python -m pytest tests/golden` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from asyncapi_ws_docs.document.readers import load_spec
from asyncapi_ws_docs.page.pages import spec_pages
from tests.conftest import REPO_ROOT

EXPECTED = Path(__file__).parent / "expected"
SPECS = ["docs/asyncapi/realtime.yaml", "docs/asyncapi/chat.yaml"]


def rendered(spec_path: str) -> dict[str, str]:
    spec, diagnostics = load_spec(REPO_ROOT / spec_path, roots=[REPO_ROOT], display_base=REPO_ROOT)
    assert spec is not None, [d.format() for d in diagnostics]
    # Only the advice the project's site leaves out (mkdocs.yml `ignore`): the sandbox is plain ws.
    assert [d.format() for d in diagnostics if d.code != "AWD501"] == []
    name = Path(spec_path).stem
    return {page.path: page.markdown for page in spec_pages(spec, output=name)}


@pytest.mark.parametrize("spec_path", SPECS)
def test_rendered_markdown_matches_the_golden_files(spec_path: str) -> None:
    pages = rendered(spec_path)
    folder = EXPECTED / Path(spec_path).stem
    if os.environ.get("UPDATE_GOLDEN"):
        for path, markdown in pages.items():
            target = EXPECTED / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
    expected = {
        p.relative_to(EXPECTED).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.md"))
    }
    assert sorted(pages) == sorted(expected), "pages added or removed"
    for path, markdown in pages.items():
        assert markdown == expected[path], f"{path} differs from its golden file"
