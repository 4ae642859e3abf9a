"""Every real-world document of `../shared/corpus` builds, and its handshakes show.

The expected names come from an independent reading of each file (PyYAML's `BaseLoader`, which
keeps every key as text), not from the plugin's own model.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from bs4 import BeautifulSoup

from asyncapi_ws_docs.links import unique_slugs
from tests.conftest import CORPUS_DIR

if TYPE_CHECKING:
    from pathlib import Path

DOCUMENTS = (
    sorted(p.name for p in CORPUS_DIR.glob("*") if p.suffix in {".yaml", ".yml", ".json"})
    if CORPUS_DIR.is_dir()
    else []
)


def resolve_local(document: dict[str, Any], value: Any) -> Any:
    """Follow local `#/...` references (the corpus's handshakes use no others)."""
    seen = 0
    while isinstance(value, dict) and isinstance(value.get("$ref"), str) and seen < 20:
        node: Any = document
        for token in value["$ref"].removeprefix("#/").split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        value, seen = node, seen + 1
    return value


def expected_handshakes(path: Path) -> dict[str, dict[str, Any]]:
    """Channel id -> {method, names} for every channel with a `ws` binding."""
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506
    result = {}
    for channel_id, raw in (document.get("channels") or {}).items():
        channel = resolve_local(document, raw)
        bindings = resolve_local(document, channel.get("bindings") or {})
        ws = resolve_local(document, bindings.get("ws"))
        if not isinstance(ws, dict):
            continue
        names = []
        for part in ("headers", "query"):
            schema = resolve_local(document, ws.get(part) or {})
            names += list((schema.get("properties") or {}).keys())
        result[channel_id] = {"method": ws.get("method"), "names": names}
    return result


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, mkdocs_build) -> Path:
    """One site with every corpus document under `<document stem>/`."""
    project = tmp_path_factory.mktemp("corpus")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Corpus\n")
    specs = "".join(
        f"        - path: {corpus_dir / name}\n          output: {name.rsplit('.', 1)[0]}\n"
        for name in DOCUMENTS
    )
    (project / "mkdocs.yml").write_text(
        "site_name: Corpus\ntheme: {name: mkdocs}\nplugins:\n  - search\n"
        f"  - asyncapi-ws-docs:\n      allowed_roots: [{corpus_dir}]\n      specs:\n{specs}"
    )
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    return mkdocs_build(project / "mkdocs.yml", project / "site")


def test_the_corpus_is_there() -> None:
    assert len(DOCUMENTS) >= 19


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_builds_with_each_handshake_on_its_channel_page(
    corpus_site: Path, corpus_dir: Path, name: str
) -> None:
    output = corpus_site / name.rsplit(".", 1)[0]
    assert (output / "index.html").exists()
    document = yaml.load((corpus_dir / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506
    channel_ids = list((document.get("channels") or {}).keys())
    slugs = dict(zip(channel_ids, unique_slugs(channel_ids, fallback="root"), strict=True))
    for channel_id in channel_ids:
        assert (output / "channels" / slugs[channel_id] / "index.html").exists(), channel_id
    for channel_id, handshake in expected_handshakes(corpus_dir / name).items():
        page = output / "channels" / slugs[channel_id] / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        tables = soup.select(".asyncapi-headers, .asyncapi-query")
        shown = " ".join(t.get_text(" ") for t in tables)
        for field in handshake["names"]:
            assert field in shown, (channel_id, field)
        facts = soup.select_one(".asyncapi-handshake-facts").get_text(" ")
        assert (handshake["method"] or "not specified") in facts
