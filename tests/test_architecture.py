"""The core stays free of Qt, and every public function says what it does."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reader"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.core
@pytest.mark.parametrize("path", sorted((PACKAGE / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_module_does_not_import_qt(path: Path) -> None:
    assert not {"PySide6", "shiboken6", "PyQt5", "PyQt6"} & _imports(path)


@pytest.mark.core
def test_importing_the_core_loads_no_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pkgutil, importlib, reader.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'reader.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(any(name.startswith('PySide6') for name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


#: Qt virtual methods with all-lower-case names that our classes override (Qt documents them).
QT_OVERRIDES = frozenset({"data", "flags", "paint", "redo", "undo", "run", "event", "sort", "accept", "reject"})


def _public_functions_without_docstring(path: Path) -> list[str]:
    """Module-level functions and classes, and methods of classes, that are public and undocumented.

    Functions nested inside functions are private by nature; Qt overrides (camelCase) are documented by Qt.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    missing = []
    defs = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    candidates = [node for node in tree.body if isinstance(node, defs)]
    for node in list(candidates):
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            candidates.extend(child for child in node.body if isinstance(child, defs))
    for node in candidates:
        if node.name.startswith("_"):
            continue
        if not isinstance(node, ast.ClassDef) and (node.name != node.name.lower() or node.name in QT_OVERRIDES):
            continue
        if ast.get_docstring(node) is None:
            missing.append(f"{path.name}:{node.lineno} {node.name}")
    return missing


@pytest.mark.core
def test_public_functions_have_docstrings() -> None:
    missing = [m for path in sorted(PACKAGE.rglob("*.py")) for m in _public_functions_without_docstring(path)]
    assert missing == []
