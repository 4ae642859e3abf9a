"""Every real-world document of `../shared/corpus` builds, and its handshakes show.

The expected names come from an independent reading of each file (PyYAML's `BaseLoader`, which
keeps every key as text), not from the plugin's own model.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from bs4 import BeautifulSoup

from asyncapi_ws_docs.page.links import unique_slugs
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


def operation_ids(path: Path) -> list[str]:
    """The operation ids a block's `operation:` option takes (3.x keys, 2.x `operationId`s)."""
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506
    if str(document.get("asyncapi", "")).startswith("3"):
        return list((document.get("operations") or {}).keys())
    return [
        operation["operationId"]
        for channel in (document.get("channels") or {}).values()
        for keyword in ("subscribe", "publish")
        if isinstance(operation := resolve_local(document, channel.get(keyword)), dict)
        and operation.get("operationId")
    ]


def embedding_page(spec: Path) -> str:
    """A hand-written page that embeds the whole spec, then each of its operations."""
    blocks = [f"```asyncapi-ws\nspec: {spec}\nshow: spec\n```\n"]
    blocks += [
        f"```asyncapi-ws\nspec: {spec}\nshow: operation\noperation: {op}\n```\n"
        for op in operation_ids(spec)
    ]
    return "# Embedded\n\n" + "\n".join(blocks)


CANARY = "canary.md"
"""A page with one link MkDocs cannot resolve: proof that the build reports such links."""


@dataclass
class CorpusBuild:
    site: Path
    records: list[logging.LogRecord]


class _Collect(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.INFO)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def corpus_build(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, mkdocs_build
) -> CorpusBuild:
    """One site with every corpus document under `<document stem>/`, generated and embedded.

    MkDocs reports a link to a missing anchor at INFO by default; the site's `validation`
    raises every link check to a warning, and the build's log is kept for the tests to read.
    """
    project = tmp_path_factory.mktemp("corpus")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Corpus\n")
    (project / "docs" / CANARY).write_text("# Canary\n\n[nowhere](#no-such-anchor)\n")
    for name in DOCUMENTS:
        page = project / "docs" / "embedded" / f"{name.rsplit('.', 1)[0]}.md"
        page.parent.mkdir(exist_ok=True)
        page.write_text(embedding_page(corpus_dir / name), encoding="utf-8")
    specs = "".join(
        f"        - path: {corpus_dir / name}\n          output: {name.rsplit('.', 1)[0]}\n"
        for name in DOCUMENTS
    )
    (project / "mkdocs.yml").write_text(
        "site_name: Corpus\ntheme: {name: mkdocs}\n"
        "validation:\n"
        "  links: {not_found: warn, anchors: warn, unrecognized_links: warn}\n"
        "markdown_extensions: [toc, tables, pymdownx.superfences, asyncapi_ws_docs.markdown]\n"
        "plugins:\n  - search\n"
        f"  - asyncapi-ws-docs:\n      allowed_roots: [{corpus_dir}]\n      specs:\n{specs}"
    )
    mkdocs_logger = logging.getLogger("mkdocs")
    records: list[logging.LogRecord] = []
    handler = _Collect(records)
    mkdocs_logger.setLevel(logging.INFO)
    mkdocs_logger.addHandler(handler)
    try:
        site = mkdocs_build(project / "mkdocs.yml", project / "site")
    finally:
        mkdocs_logger.removeHandler(handler)
    return CorpusBuild(site, records)


@pytest.fixture(scope="module")
def corpus_site(corpus_build: CorpusBuild) -> Path:
    return corpus_build.site


def test_no_page_of_the_corpus_has_a_link_mkdocs_cannot_resolve(
    corpus_build: CorpusBuild,
) -> None:
    problems = [
        r.getMessage()
        for r in corpus_build.records
        if r.levelno >= logging.WARNING and "link" in r.getMessage()
    ]
    canary = [p for p in problems if f"'{CANARY}'" in p]
    assert len(canary) == 1, "the build no longer reports unresolved anchors"
    assert [p for p in problems if p not in canary] == []


def test_the_corpus_builds_without_a_broken_block(corpus_build: CorpusBuild) -> None:
    assert [
        r.getMessage() for r in corpus_build.records if "asyncapi-ws block" in r.getMessage()
    ] == []


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
