"""Markdown in linear time, and an import that can be cancelled while it parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.importers import import_path
from reader.core.importers.markdown_document import INLINE_SLICE, render_markdown
from reader.core.importers.progress import ImportCancelledError, ImportMonitor

pytestmark = pytest.mark.core


@pytest.mark.timeout(60)  # a hang guard, not a speed figure (those are in bench/RESULTS.md)
@pytest.mark.parametrize(
    "tail",
    [
        "[" * 50_000,  # unclosed link brackets: quadratic (past 120 s) in Python-Markdown
        "*" * 50_000,  # unclosed emphasis markers
        "<" * 50_000,  # unclosed HTML tags
        "`" * 50_000,  # unclosed code spans
        "[甲](" * 20_000,  # unclosed link destinations
    ],
)
def test_pathological_markdown_imports_promptly(tail: str, tmp_path: Path) -> None:
    path = tmp_path / "bomb.md"
    path.write_text("中文测试。" + tail, encoding="utf-8")
    source = import_path(path)
    assert "中文测试" in source.sections[0].blocks[0].text


def test_footnotes_tables_and_definition_lists_are_read() -> None:
    html = render_markdown("正文[^1]。\n\n|甲|乙|\n|-|-|\n|一|二|\n\n词语\n: 解释\n\n[^1]: 注释。\n")
    assert "<table>" in html and "<dl>" in html and "注释" in html


def test_cancel_stops_the_parse_between_slices() -> None:
    polls: list[int] = []

    def cancelled() -> bool:
        polls.append(1)
        return len(polls) > 3

    text = "中文。" * (INLINE_SLICE * 2)  # one long paragraph: several slices
    with pytest.raises(ImportCancelledError):
        render_markdown(text, ImportMonitor(cancelled=cancelled))
    assert len(polls) == 4
