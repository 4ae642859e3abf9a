"""The package is built in layers, each importing only the layers below it, with no circles.

From the bottom: `document` (read, resolve, check, the model and its conversation), `changes`
(two versions compared by meaning, the change rules), `page` (view models, sections, templates,
assets), `mock`, `site` (what an engine needs: the plugin, the block, files, navigation,
caches), and the front ends at the top of the package (`cli`, `markdown`).
Imports made only for type checking count too: a circle or an upward arrow there still means a
module that needs a higher one to be understood.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from pathlib import Path

PACKAGE = REPO_ROOT / "asyncapi_ws_docs"
LAYERS = ("root", "document", "changes", "page", "mock", "site", "front")
"""Bottom to top. `root` is the package's `__init__` (its version), which any layer may read."""
MAX_LINES = 520
"""About 500 lines: past that a module has seams to split along."""


def module_name(path: Path, package: Path) -> str:
    """`document.model` for `asyncapi_ws_docs/document/model.py`; `page.diagram` for its `__init__`."""
    parts = list(path.relative_to(package).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or "__init__"


def layer_of(module: str) -> str:
    first = module.split(".", 1)[0]
    if module == "__init__":
        return "root"
    return first if first in LAYERS else "front"


def imports_of(path: Path, package: Path) -> set[str]:
    """The package's modules that `path` imports (`from asyncapi_ws_docs.document import model`
    names `document.model` when that is a module, else the package `document`)."""
    modules = {module_name(p, package) for p in package.rglob("*.py")}
    found: set[str] = set()

    def add(dotted: str) -> None:
        name = dotted.removeprefix(package.name).removeprefix(".") or "__init__"
        found.add(name)

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module != package.name and not node.module.startswith(f"{package.name}."):
                continue
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                inner = full.removeprefix(f"{package.name}.")
                add(full if inner in modules else node.module)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(f"{package.name}."):
                    add(alias.name)
    return found - {module_name(path, package)}


def import_graph(package: Path) -> dict[str, set[str]]:
    return {module_name(p, package): imports_of(p, package) for p in package.rglob("*.py")}


def upward_imports(package: Path) -> list[str]:
    """Every import of a module in a higher layer than the importer's, as `a -> b`."""
    rank = {layer: index for index, layer in enumerate(LAYERS)}
    return sorted(
        f"{module} -> {target}"
        for module, targets in import_graph(package).items()
        for target in targets
        if rank[layer_of(target)] > rank[layer_of(module)]
    )


def circles(package: Path) -> list[list[str]]:
    graph = import_graph(package)
    found: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph.get(module, ())):
            if target in path:
                circle = path[path.index(target) :]
                if min(circle) == circle[0] and circle not in found:
                    found.append(circle)
            else:
                visit(target, [*path, target])

    for module in sorted(graph):
        visit(module, [module])
    return found


def test_no_module_imports_one_from_a_higher_layer() -> None:
    assert upward_imports(PACKAGE) == []


def test_no_module_imports_one_that_imports_it_back() -> None:
    assert circles(PACKAGE) == []


def test_an_upward_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "asyncapi_ws_docs"
    for folder in ("document", "page"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "page" / "views.py").write_text("from asyncapi_ws_docs.document.model import Spec\n")
    (package / "document" / "model.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from asyncapi_ws_docs.page import views\n"
    )
    assert upward_imports(package) == ["document.model -> page.views"]
    assert circles(package) == [["document.model", "page.views"]]


def test_most_of_the_code_sits_in_layer_folders() -> None:
    lines = {
        module_name(p, PACKAGE): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    in_layers = sum(n for m, n in lines.items() if layer_of(m) not in ("root", "front"))
    assert in_layers > 0.8 * sum(lines.values())


def test_no_module_is_over_about_500_lines() -> None:
    long = {
        module_name(p, PACKAGE): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_only_the_mkdocs_front_end_imports_mkdocs() -> None:
    """The core runs in a command line, an extension or a test without a site."""
    importers = {
        module_name(p, PACKAGE)
        for p in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "mkdocs")
        or (
            isinstance(node, ast.Import)
            and any(a.name.split(".")[0] == "mkdocs" for a in node.names)
        )
    }
    assert importers <= {
        "site.plugin",
        "site.config",
        "site.plugin_files",
        "site.plugin_nav",
        "site.plugin_xrefs",
    }


def test_the_handshake_knows_nothing_of_the_clients() -> None:
    page = PACKAGE / "page"
    assert "page.clients" not in imports_of(page / "handshake.py", PACKAGE)
    assert "page.handshake" in imports_of(page / "clients.py", PACKAGE)
