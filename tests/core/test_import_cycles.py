"""Reader's modules import one another without cycles, and the store does not reach up into what uses it.

The graph is built from the source with :mod:`ast` (nothing is imported): an edge for every ``import`` and
``from … import`` of a ``reader`` module, including imports inside functions (they run too, only later), but not
those under ``if TYPE_CHECKING:`` (they never run). Importing ``a.b.c`` also runs the packages ``a.b`` and ``a``,
so those count as edges too, except the importing module's own packages (Python has them loaded already).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "reader"


def _module_name(path: Path, root: Path = ROOT) -> str:
    """``reader/core/store/deck.py`` -> ``reader.core.store.deck``; a package's ``__init__.py`` -> the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: everywhere except the body of ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                yield from _import_nodes(child) if not isinstance(child, ast.Import | ast.ImportFrom) else [child]
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _import_nodes(node)


def _absolute(module: str, node: ast.ImportFrom, modules: dict[str, Path]) -> str:
    """The absolute module name of a ``from`` import, resolving leading dots against ``module``."""
    if not node.level:
        return node.module or ""
    is_package = modules[module].name == "__init__.py"
    base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def _targets(module: str, node: ast.Import | ast.ImportFrom, modules: dict[str, Path]) -> set[str]:
    """The ``reader`` modules an import statement names (``from pkg import mod`` names ``pkg.mod``)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    source = _absolute(module, node, modules)
    names = {f"{source}.{alias.name}" for alias in node.names}
    return {source} | {name for name in names if name in modules}


def _with_packages(module: str, target: str, modules: dict[str, Path]) -> set[str]:
    """``target`` and its parent packages, less the packages ``module`` itself belongs to."""
    parts = target.split(".")
    found = {".".join(parts[:end]) for end in range(1, len(parts) + 1)}
    own = {".".join(module.split(".")[:end]) for end in range(1, len(module.split(".")))}
    return {name for name in found - own if name in modules and name != module}


def import_graph(modules: dict[str, Path] = MODULES) -> dict[str, set[str]]:
    """Each module of ``modules`` and the modules of ``modules`` its import statements run."""
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        edges: set[str] = set()
        for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(module, node, modules):
                edges |= _with_packages(module, target, modules)
        graph[module] = edges
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_through(graph, component) for component in components]


def _cycle_through(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """A concrete path ``a -> b -> … -> a`` inside a strongly connected ``component`` (for the failure message)."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for other in sorted(graph[node] & members):
            if other == start:
                return paths[node] + [start]
            if other not in paths:
                paths[other] = paths[node] + [other]
                queue.append(other)
    return component


@pytest.mark.core
@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": set()}, []),  # a plain dependency
        ({"a": {"b"}, "b": {"a"}}, [["a", "b", "a"]]),  # two modules importing each other
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c", "a"]]),  # a longer loop, d outside it
    ],
)
def test_find_cycles_reports_each_loop(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert find_cycles(graph) == expected


@pytest.mark.core
def test_the_graph_sees_function_imports_and_packages_but_not_type_checking(tmp_path: Path) -> None:
    sources = {
        "pkg/__init__.py": "",
        "pkg/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import b\n",
        "pkg/b.py": "def later():\n    from .sub import c\n",
        "pkg/sub/__init__.py": "",
        "pkg/sub/c.py": "import pkg.a\n",
    }
    for name, text in sources.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    modules = {_module_name(path, tmp_path): path for path in tmp_path.rglob("*.py")}
    graph = import_graph(modules)
    assert graph["pkg.a"] == set()  # the TYPE_CHECKING import never runs
    assert graph["pkg.b"] == {"pkg.sub", "pkg.sub.c"}  # a function's import, with the package it runs
    assert graph["pkg.sub.c"] == {"pkg.a"}  # its own packages are loaded already


@pytest.mark.core
def test_reader_has_no_import_cycles() -> None:
    cycles = find_cycles(import_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in cycles)


#: What the store may not import: the layers above it, which use the store.
ABOVE_THE_STORE = (
    "reader.core.importers",
    "reader.core.pipeline",
    "reader.core.usecases",
    "reader.ui",
    "reader.commands",
)


@pytest.mark.core
def test_the_store_imports_nothing_from_the_layers_above_it() -> None:
    graph = import_graph()
    upward = {
        f"{module} -> {target}"
        for module, targets in graph.items()
        if module.startswith("reader.core.store")
        for target in targets
        if target.startswith(ABOVE_THE_STORE)
    }
    assert not upward, "the store imports from above it:\n" + "\n".join(sorted(upward))
