"""PDF tables: each ruled table cell becomes one marked line (one block), whatever its wrapping.

Pages are built from text runs and rulings as pypdf's visitors report them (PDF points, y upwards), so every
row is one layout a real PDF writer produces.
"""

from __future__ import annotations

import pytest

from reader.core.importers.pdf_tables import (
    Rule,
    Run,
    Table,
    TableCell,
    _rules_of_box,
    join_across_pages,
    table_page_text,
)
from reader.core.repair import CELL_MARK, repair_text

pytestmark = pytest.mark.core

SIZE = 10.0


def grid(xs: list[float], ys: list[float]) -> list[Rule]:
    """A full grid: a vertical ruling at every x over all rows, a horizontal one at every y over all columns."""
    return [Rule(False, x, min(ys), max(ys)) for x in xs] + [Rule(True, y, min(xs), max(xs)) for y in ys]


def run(x: float, y: float, text: str) -> Run:
    return Run(x, y, SIZE, text)


def cells_of(text: str | None) -> list[str] | None:
    """The cell lines of a page's text, without their mark."""
    if text is None:
        return None
    return [line.removeprefix(CELL_MARK) for line in text.split("\n") if line.startswith(CELL_MARK)]


TWO_BY_TWO = grid([0, 100, 300], [200, 180, 120])
# The right-hand cell of the second row spans two columns' worth of rows: rulings in the right column only.
ROWSPAN = [
    Rule(False, 0, 100, 200),
    Rule(False, 100, 100, 200),
    Rule(False, 300, 100, 200),
    Rule(True, 200, 0, 300),
    Rule(True, 180, 0, 300),
    Rule(True, 160, 100, 300),
    Rule(True, 140, 100, 300),
    Rule(True, 100, 0, 300),
]
# HTML-style cells, each with its own border, 1.5 points apart (cellspacing).
SPACED = [
    rule
    for left, right, top, bottom in [
        (0, 98.5, 200, 181.5),
        (100, 300, 200, 181.5),
        (0, 98.5, 180, 120),
        (100, 300, 180, 120),
    ]
    for rule in grid([left, right], [top, bottom])
]


@pytest.mark.parametrize(
    ("rules", "runs", "expected"),
    [
        # A cell wrapped over three lines is one cell; cells come row by row, left to right.
        (
            TWO_BY_TWO,
            [
                run(5, 185, "项目"),
                run(105, 185, "说明"),
                run(5, 165, "工业互联网"),
                run(105, 165, "随着数字经济加速发展，"),
                run(105, 150, "工业互联网已应用于45个"),
                run(105, 135, "国民经济大类"),
            ],
            ["项目", "说明", "工业互联网", "随着数字经济加速发展，工业互联网已应用于45个国民经济大类"],
        ),
        # An underline (a link) inside a cell ends in the open: it does not cut the cell in two.
        (
            [*TWO_BY_TWO, Rule(True, 158, 105, 160)],
            [
                run(5, 185, "年代"),
                run(105, 185, "1945"),
                run(5, 165, "计算机"),
                run(105, 165, "电脑"),
                run(105, 150, "（ENIAC）"),
            ],
            ["年代", "1945", "计算机", "电脑（ENIAC）"],
        ),
        # A cell spanning several rows (rowspan) keeps its wrapped lines together; it comes with its first row.
        (
            ROWSPAN,
            [
                run(5, 185, "门类"),
                run(105, 185, "公司"),
                run(5, 165, "农、林、牧、"),
                run(105, 165, "隆平高科"),
                run(5, 150, "渔业(A)"),
                run(105, 145, "登海种业"),
                run(105, 125, "众兴菌业"),
            ],
            ["门类", "公司", "农、林、牧、渔业(A)", "隆平高科", "登海种业", "众兴菌业"],
        ),
        # Latin words wrapped in a cell keep a space between them.
        (
            TWO_BY_TWO,
            [
                run(5, 185, "英文"),
                run(105, 185, "中文"),
                run(5, 165, "Machine"),
                run(5, 150, "learning"),
                run(105, 165, "机器学习"),
            ],
            ["英文", "中文", "Machine learning", "机器学习"],
        ),
        # Cells drawn with their own borders a little apart still make one table.
        (
            SPACED,
            [run(5, 185, "项目"), run(105, 185, "说明"), run(5, 165, "一"), run(105, 165, "二")],
            ["项目", "说明", "一", "二"],
        ),
        # A framed box of text (one column) is not a table.
        (grid([0, 300], [200, 180, 120]), [run(5, 185, "注意"), run(5, 165, "这是一段加框的说明文字。")], None),
        # Rulings with no text in them (a drawing, an empty form) are not a table.
        (TWO_BY_TWO, [run(5, 300, "正文在表格上面。")], None),
        # No rulings at all: the page is left to pypdf.
        ([], [run(5, 185, "项目"), run(105, 185, "说明")], None),
    ],
)
def test_cells(rules: list[Rule], runs: list[Run], expected: list[str] | None) -> None:
    assert cells_of(table_page_text(runs, rules)) == expected


def test_text_outside_the_table_is_kept_exactly_and_the_table_sits_where_it_is_drawn() -> None:
    runs = [
        run(5, 300, "表格前的一段话，"),
        run(5, 300, "\n"),
        run(5, 285, "分两行。"),
        run(5, 285, "\n"),
        run(5, 185, "项目"),
        run(5, 185, "\n"),
        run(105, 185, "说明"),
        run(5, 165, "一"),
        run(105, 165, "二"),
        run(105, 165, "\n"),
        run(5, 50, "表格后的话。"),
    ]
    text = table_page_text(runs, TWO_BY_TWO)
    mark = CELL_MARK
    assert text == f"表格前的一段话，\n分两行。\n\n\n{mark}项目\n{mark}说明\n{mark}一\n{mark}二\n\n表格后的话。"


@pytest.mark.parametrize(
    ("box", "stroked", "count"),
    [
        ((0, 100, 300, 100.8), False, 1),  # a thin filled rectangle is a ruling
        ((0, 100, 0.5, 300), False, 1),  # ... vertical too
        ((0, 100, 300, 120), False, 0),  # a shaded row background is not a border
        ((0, 100, 300, 120), True, 4),  # a stroked rectangle is a cell border: its four edges
        ((0, 100, 3, 103), True, 0),  # a dot or a tiny square draws no ruling
    ],
)
def test_rules_of_box(box: tuple[float, float, float, float], stroked: bool, count: int) -> None:
    assert len(_rules_of_box(*box, stroked=stroked)) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Short cells stay apart and are paragraphs, not headings (a heading guess would swallow its neighbours).
        (f"{CELL_MARK}项目\n{CELL_MARK}说明\n{CELL_MARK}工业互联网", ["项目", "说明", "工业互联网"]),
        # A cell that ends mid-word (农业 cut as 农 / 业) is not joined to the next cell.
        (f"{CELL_MARK}农\n{CELL_MARK}业务范围", ["农", "业务范围"]),
        # Text before a table keeps its own repair; the cell after it stays apart.
        (
            f"随着数字经济加速发展，工业互联网已应用于\n45个国民经济大类。\n\n{CELL_MARK}项目\n{CELL_MARK}说明",
            ["随着数字经济加速发展，工业互联网已应用于45个国民经济大类。", "项目", "说明"],
        ),
    ],
)
def test_repair_keeps_each_cell_one_paragraph(text: str, expected: list[str]) -> None:
    blocks = [block for article in repair_text(text).articles for block in article.blocks]
    assert [block.text for block in blocks] == expected
    assert all(block.kind.value == "paragraph" for block in blocks[-2:])


LONG_TEXT = "表格下面还有一段很长的正文。" * 5


def page(*tables: list[tuple[float, float, str, int]], footer: str = "") -> list[str | Table]:
    """A page of tables given as (top, left, text, lines) cells, and an optional footer line after them."""
    items: list[str | Table] = [Table([TableCell(*cell) for cell in table]) for table in tables]
    return [*items, footer] if footer else items


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # A wrapped cell stopped mid-sentence by the page break continues in the same column of the next page.
        (
            page([(200, 0, "数字经济", 1), (200, 100, "大力推进5G融合应用，打造网络建设领先、应用场景丰", 3)]),
            page([(400, 100, "富、产业特色鲜明的5G生态体系。", 2), (380, 0, "下一行", 1)]),
            ["数字经济", "大力推进5G融合应用，打造网络建设领先、应用场景丰富、产业特色鲜明的5G生态体系。"],
        ),
        # ... also with a page number between the table and the page break.
        (
            page([(200, 0, "数字经济", 1), (200, 100, "大力推进5G融合应用，打造网络建设领先", 2)], footer="12"),
            page([(400, 100, "的生态体系。", 1)]),
            ["数字经济", "大力推进5G融合应用，打造网络建设领先的生态体系。"],
        ),
        # The table broke between rows (short one-line cells); the next page repeats the header row: no join.
        (
            page([(200, 0, "600467", 1), (200, 100, "好当家", 1)]),
            page([(400, 0, "上市公司代码", 1), (400, 100, "上市公司简称", 1)]),
            ["600467", "好当家"],
        ),
        # A wrapped cell that ends its sentence ended its row: the next page's first row is a new row.
        (
            page([(200, 0, "数字经济", 1), (200, 100, "大力推进5G融合应用，打造网络。", 2)]),
            page([(400, 100, "另一行的说明。", 1)]),
            ["数字经济", "大力推进5G融合应用，打造网络。"],
        ),
        # The next page's table has other columns: another table, no join.
        (
            page([(200, 0, "数字经济", 1), (200, 100, "大力推进5G融合应用，打造网络建设领先", 2)]),
            page([(400, 250, "的生态体系。", 1)]),
            ["数字经济", "大力推进5G融合应用，打造网络建设领先"],
        ),
        # Body text between the table and the page break: the table did not run to the end of the page.
        (
            page([(200, 0, "数字经济", 1), (200, 100, "大力推进5G融合应用，打造网络建设领先", 2)], footer=LONG_TEXT),
            page([(400, 100, "的生态体系。", 1)]),
            ["数字经济", "大力推进5G融合应用，打造网络建设领先"],
        ),
    ],
)
def test_join_across_pages(before: list[str | Table], after: list[str | Table], expected: list[str]) -> None:
    join_across_pages(before, after)
    (first,) = [item for item in before if isinstance(item, Table)]
    assert [cell.text for cell in first.cells] == expected


def line(y: float, *pieces: tuple[float, str]) -> list[Run]:
    """One line of text pieces at baseline ``y``, each (x, text)."""
    return [run(x, y, text) for x, text in pieces]


@pytest.mark.parametrize(
    ("runs", "expected"),
    [
        # Label and value columns set apart by white space; a value wraps (no label on its next lines).
        (
            line(300, (0, "项目"), (100, "说明"))
            + line(285, (0, "工业互联网"), (100, "随着数字经济加速发展，"))
            + line(270, (100, "工业互联网已应用于45个国民经济大类。"))
            + line(255, (0, "数字经济"), (100, "规模超万亿元。"))
            + line(240, (0, "新发展"), (100, "见上文。")),
            [
                "项目",
                "说明",
                "工业互联网",
                "随着数字经济加速发展，工业互联网已应用于45个国民经济大类。",
                "数字经济",
                "规模超万亿元。",
                "新发展",
                "见上文。",
            ],
        ),
        # Two columns of prose (a two-column page): the first column is not labels.
        (
            [
                piece
                for index in range(4)
                for piece in line(300 - 15 * index, (0, "这是左栏里一行很长的正文文字，一直写到栏边"), (250, "右栏"))
            ],
            None,
        ),
        # Fewer than three lines with two pieces: a line with a wide gap in prose is not a table.
        (line(300, (0, "第一章"), (100, "开始")) + line(285, (0, "正文第一行。")) + line(270, (0, "正文。")), None),
        # Pieces that stand apart but do not line up under the first line's columns are not a table.
        (
            line(300, (0, "甲"), (100, "乙"))
            + line(285, (0, "丙"), (140, "丁"))
            + line(270, (0, "戊"), (60, "己"))
            + line(255, (0, "庚"), (180, "辛")),
            None,
        ),
    ],
)
def test_borderless_tables(runs: list[Run], expected: list[str] | None) -> None:
    assert cells_of(table_page_text(runs, [])) == expected
