"""Size limits that keep the code readable at once (issue 16): no class in reader/ui over 400 lines, no function in
reader/ over 60 lines. Lines are counted from the ``class``/``def`` line to the last line of the body (Python's AST).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "reader"
MAX_CLASS_LINES = 400  # classes in reader/ui
MAX_FUNCTION_LINES = 60  # functions and methods anywhere in reader/


def _length(node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    end = node.end_lineno if node.end_lineno is not None else node.lineno
    return end - node.lineno + 1


def oversized(source: str, name: str) -> list[str]:
    """The classes (if ``name`` is under reader/ui) and functions of one module that are over the limits."""
    found = []
    for node in ast.walk(ast.parse(source, filename=name)):
        if isinstance(node, ast.ClassDef) and name.startswith("reader/ui/") and _length(node) > MAX_CLASS_LINES:
            found.append(f"{name}: class {node.name} has {_length(node)} lines (at most {MAX_CLASS_LINES})")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _length(node) > MAX_FUNCTION_LINES:
            found.append(f"{name}: function {node.name} has {_length(node)} lines (at most {MAX_FUNCTION_LINES})")
    return found


@pytest.mark.parametrize(
    ("source", "name", "expected"),
    [
        ("def f():\n" + "    x = 1\n" * 59, "reader/core/a.py", 0),  # 60 lines with the def line: allowed
        ("def f():\n" + "    x = 1\n" * 60, "reader/core/a.py", 1),  # 61 lines: too long
        ("class C:\n    def f(self):\n" + "        x = 1\n" * 60, "reader/a.py", 1),  # a method is a function
        ("class C:\n" + "    x = 1\n" * 400, "reader/core/a.py", 0),  # a 401-line class outside reader/ui
        ("class C:\n" + "    x = 1\n" * 400, "reader/ui/a.py", 1),  # the same class in reader/ui: too long
        ("class C:\n" + "    x = 1\n" * 399, "reader/ui/a.py", 0),  # 400 lines: allowed
    ],
)
def test_the_counter_finds_what_is_too_long(source: str, name: str, expected: int) -> None:
    assert len(oversized(source, name)) == expected


def test_no_class_in_reader_ui_over_400_lines_and_no_function_over_60() -> None:
    offenders = [
        line
        for path in sorted(PACKAGE.rglob("*.py"))
        for line in oversized(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE.parent).as_posix())
    ]
    assert offenders == [], "too long:\n" + "\n".join(offenders)
