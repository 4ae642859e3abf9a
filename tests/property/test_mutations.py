"""Mutated real-world documents are read and rendered, or refused, but never crash.

Each example takes one document of the corpus as plain data, applies one to five mutations
(drop a key, change a value's type, put odd strings into keys and values, insert `$ref`s of
every kind, empty a subtree), writes the result as YAML and runs the whole core on it:
`load_spec`, then `spec_pages`. The property: nothing escapes but the project's own
diagnostics, and a spec that is refused says why with an error.

The examples are derandomized (the same ones every run) and bounded to about 300 over the
corpus; how many ran goes to `test-artifacts/property-run.txt`.
"""

from __future__ import annotations

import copy
import json
import math
import tempfile
import time
from collections import Counter, deque
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from asyncapi_ws_docs.document.diagnostics import Diagnostic, Level
from asyncapi_ws_docs.document.readers import load_spec
from asyncapi_ws_docs.page.pages import spec_pages
from tests.conftest import CORPUS_DIR

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

DOCUMENTS = (
    sorted(p.name for p in CORPUS_DIR.glob("*") if p.suffix in {".yaml", ".yml", ".json"})
    if CORPUS_DIR.is_dir()
    else []
)

TOTAL_EXAMPLES = 300
EXAMPLES_PER_DOCUMENT = math.ceil(TOTAL_EXAMPLES / max(len(DOCUMENTS), 1))

ODD_STRINGS = (
    "",
    " ",
    "x" * 10_000,
    "ünïcödé ✓ 漢字 🚀 \u202eevil\u202c",
    "{{ x }}",
    "{% raw %}{{ config }}",
    "<script>alert(1)</script>",
    "|",
    "a | b |",
    "`code`",
    "```",
    "~1",
    "~0~1/",
    "a/b~c",
    "\x01\x07\x08\x0b\x0c\x1b[31m\x7f\x85\x9f",
    "line\u2028separator\r\nand\ttab",
    "\ufeff",
    "#",
    "-",
    ": ",
    "&anchor *alias !!int",
    "null",
    "true",
    "0x1F",
    "1e999",
    "[link](javascript:alert(1))",
    "%ZZ",
    "../",
    "<!-- --> ]]>",
    "\\",
)
"""Strings that break naive escaping: Markdown, HTML, Jinja, YAML, JSON pointers, controls."""

MISSING_REFS = (
    "#",
    "#/",
    "",
    "#/nowhere",
    "#/components/schemas/DoesNotExist",
    "#components",
    "#/channels/~2",
    "#/%ZZ",
    "#/info/title/deeper",
    "#/servers/999",
    "missing.yaml",
    "missing.yaml#/X",
    "./sub/missing.json#/a/b",
    "../missing.yaml#/X",
    "spec.yaml#/info",
    ".",
    "/etc/passwd",
    "file:///etc/passwd",
    "http://example.com/x.yaml#/X",
    "https://example.com/",
)
"""References that point nowhere, outside, remote, at folders, or at the whole document."""

TYPES = ("str", "int", "float", "bool", "none", "list", "dict")
MUTATIONS = ("insert $ref", "swap type", "odd key", "odd value", "empty subtree", "drop key")

Slot = tuple[Any, ...]
"""The path of a value from the root: mapping keys and list indexes."""

RUNS: Counter[str] = Counter()
"""Examples run, per document, and what came of them and which mutations they made."""


@cache
def plain_document(name: str) -> Any:
    """A corpus document as plain data, read by PyYAML or json (not by the project's loader)."""
    path = CORPUS_DIR / name
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


def slots(document: Any) -> list[Slot]:
    """Every path to a value below the root, breadth first."""
    found: list[Slot] = []
    queue: deque[tuple[Slot, Any]] = deque([((), document)])
    while queue:
        path, node = queue.popleft()
        if isinstance(node, dict):
            children: Iterable[tuple[Any, Any]] = node.items()
        elif isinstance(node, list):
            children = enumerate(node)
        else:
            continue
        for key, child in children:
            found.append((*path, key))
            queue.append(((*path, key), child))
    return found


def parent_of(document: Any, slot: Slot) -> Any:
    node = document
    for key in slot[:-1]:
        node = node[key]
    return node


def pointer(slot: Slot) -> str:
    """The JSON pointer (as a `$ref` fragment) of a path."""
    return "#" + "".join(f"/{str(k).replace('~', '~0').replace('/', '~1')}" for k in slot)


def type_name(value: Any) -> str:
    if value is None:
        return "none"
    return {bool: "bool", int: "int", float: "float", str: "str", list: "list", dict: "dict"}.get(
        type(value), "str"
    )


def odd_strings() -> st.SearchStrategy[str]:
    no_surrogates_or_nul = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
    return st.sampled_from(ODD_STRINGS) | st.text(no_surrogates_or_nul, max_size=24)


def replacements(kind: str, old: Any) -> st.SearchStrategy[Any]:
    """Values of type `kind`, some built from the value they replace."""
    return {
        "str": odd_strings() | st.just(str(old)[:80]),
        "int": st.integers(-(2**70), 2**70) | st.sampled_from([0, -1, 1]),
        "float": st.floats(allow_nan=True, allow_infinity=True),
        "bool": st.booleans(),
        "none": st.none(),
        "list": st.sampled_from([[], [copy.deepcopy(old)]]),
        "dict": st.sampled_from([{}, {"value": copy.deepcopy(old)}]),
    }[kind]


def a_slot(data: st.DataObject, document: Any, *, in_mapping: bool = False) -> Slot | None:
    """A path to mutate: shallow ones (the structure) as often as any at all (mostly schemas).

    The `asyncapi` version itself is left alone: without it every document is refused at the
    first check (the unit tests cover that), and the examples would be spent there.
    """
    candidates = [s for s in slots(document) if s != ("asyncapi",)]
    if in_mapping:
        candidates = [s for s in candidates if isinstance(parent_of(document, s), dict)]
    if not candidates:
        return None
    shallow = [s for s in candidates if len(s) <= 4] or candidates
    return data.draw(st.sampled_from(shallow) | st.sampled_from(candidates), label="at")


def a_ref(data: st.DataObject, document: Any, slot: Slot) -> str:
    """A `$ref` to an existing node, to the slot itself or an ancestor, or to nowhere."""
    existing = st.sampled_from(slots(document)).map(pointer)
    own = st.sampled_from([slot[:depth] for depth in range(len(slot) + 1)]).map(pointer)
    return data.draw(existing | own | st.sampled_from(MISSING_REFS), label="$ref")


def mutate(data: st.DataObject, document: Any) -> str:
    """Apply one mutation in place; describe it."""
    kind = data.draw(st.sampled_from(MUTATIONS), label="mutation")
    slot = a_slot(data, document, in_mapping=kind in ("drop key", "odd key"))
    if slot is None:
        return f"{kind}: nothing to mutate"
    parent, key = parent_of(document, slot), slot[-1]
    if kind == "drop key":
        del parent[key]
    elif kind == "odd key":
        parent[data.draw(odd_strings(), label="key")] = parent.pop(key)
    elif kind == "swap type":
        old = parent[key]
        target = data.draw(st.sampled_from([t for t in TYPES if t != type_name(old)]), "to")
        parent[key] = data.draw(replacements(target, old), label=target)
    elif kind == "odd value":
        parent[key] = data.draw(odd_strings(), label="value")
    elif kind == "insert $ref":
        parent[key] = {"$ref": a_ref(data, document, slot)}
    else:
        parent[key] = data.draw(st.sampled_from([{}, []]), label="emptied to")
    RUNS[f"mutation: {kind}"] += 1
    return f"{kind} at {pointer(slot)}"


@pytest.fixture(scope="module", autouse=True)
def run_report(artifacts_dir: Path) -> Iterator[None]:
    """After the module: how many mutated documents ran, and what came of them."""
    started = time.perf_counter()
    yield
    seconds = time.perf_counter() - started
    lines = [
        f"mutated documents run: {RUNS['examples']}",
        f"corpus documents: {len(DOCUMENTS)}, up to {EXAMPLES_PER_DOCUMENT} examples each",
        f"seconds: {seconds:.1f}",
        *(f"{key}: {count}" for key, count in sorted(RUNS.items()) if key != "examples"),
    ]
    (artifacts_dir / "property-run.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("name", DOCUMENTS)
@settings(
    max_examples=EXAMPLES_PER_DOCUMENT,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(data=st.data())
def test_a_mutated_corpus_document_is_rendered_or_refused_never_crashes(
    name: str, data: st.DataObject
) -> None:
    document = copy.deepcopy(plain_document(name))
    count = data.draw(st.integers(1, 5), label="mutations")
    for _ in range(count):
        note(mutate(data, document))
    RUNS["examples"] += 1
    RUNS[f"document: {name}"] += 1
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        path = folder / "spec.yaml"
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")

        spec, diagnostics = load_spec(path, roots=[folder], display_base=folder)
        pages = spec_pages(spec, output="x") if spec is not None else []

    assert all(isinstance(d, Diagnostic) and d.format() for d in diagnostics)
    if spec is None:
        RUNS["outcome: refused"] += 1
        RUNS[f"refused: {diagnostics.items[-1].message[:60]!r}"] += 1
        assert any(d.level is Level.ERROR for d in diagnostics)
    else:
        RUNS["outcome: rendered"] += 1
        assert pages[0].path == "x/index.md"
