"""Each layer of the package imports only the layers below it: no import circles.

Imports made only for type checking count too: a circle there still means two modules that
each need the other to be understood.
"""

from __future__ import annotations

import ast

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "asyncapi_ws_docs"
KNOWN_CIRCLES: set[frozenset[str]] = set()


def imports_of(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("asyncapi_ws_docs."):
                found.add(node.module.split(".")[1])
            elif node.module == "asyncapi_ws_docs":
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(
                a.name.split(".")[1] for a in node.names if a.name.startswith("asyncapi_ws_docs.")
            )
    return found - {module}


def circles() -> list[list[str]]:
    graph = {path.stem: imports_of(path.stem) for path in PACKAGE.glob("*.py")}
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


def test_no_module_imports_one_that_imports_it_back() -> None:
    unexpected = [c for c in circles() if frozenset(c) not in KNOWN_CIRCLES]
    assert unexpected == []


def test_the_handshake_knows_nothing_of_the_clients() -> None:
    assert "clients" not in imports_of("handshake")
    assert "handshake" in imports_of("clients")
