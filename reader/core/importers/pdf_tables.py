"""PDF tables: find the cells of ruled tables on a page so that each cell's text becomes one block.

pypdf's plain text layer puts every wrapped line of a cell on a line of its own and runs a row's cells together
(``农、林、牧、渔业 01 农业 000998 隆平高科`` / ``(A)``). Here the page is read with pypdf's visitors instead:
every text piece with its position, and every ruling (a thin filled rectangle, a stroked rectangle's edges, a
stroked line). Only rulings that meet a crossing ruling at both ends form the grid, so a link's underline or a
shaded row never cuts a cell. A run lies in a cell when grid rulings bound it on all four sides; all runs between
the same four rulings form one cell, whatever their lines, so a wrapped cell and a cell spanning several rows
both stay whole. A table needs at least two rows and two columns with text (a framed box is not a table).

Cells come out row by row (top to bottom, then left to right), each on a line of its own marked with
:data:`reader.core.repair.CELL_MARK`, so that text repair keeps it as one paragraph. Text outside the tables is
exactly pypdf's (the visitor's pieces, joined, are pypdf's text), and a page without a table is left untouched.
A row cut by a page break (a wrapped cell stopped mid-sentence, the next page opening with a table in the same
columns) is joined; table text drawn outside the page (pypdf ignores clipping) is dropped.

Borderless tables are looked for in the text left over (:func:`_borderless_tables`): lines split by wide gaps into
pieces that line up under the first line's pieces, with short labels in the first column.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from dataclasses import dataclass
from typing import Any

from reader.core.chars import is_latin_alnum
from reader.core.repair import CELL_MARK, ends_sentence

#: A ruling is at most this thick (points) and at least :data:`MIN_RULE_LENGTH` long.
MAX_RULE_THICKNESS = 2.5
MIN_RULE_LENGTH = 8.0
#: A page is taken to hold a table only if at least this many cells hold text.
MIN_CELLS = 4
#: Cells drawn with their own borders (HTML's ``cellspacing``) stand at most this far (points) apart.
CELL_SPACING = 4.0
#: How far (points) a ruling may miss the text it bounds, for rulings drawn a little short.
TOLERANCE = 2.0


@dataclass(slots=True)
class Run:
    """One piece of text drawn at a point (PDF user space, y upwards) in a font of ``size`` points."""

    x: float
    y: float
    size: float
    text: str
    visible: bool = True  # False when drawn outside the page (pypdf ignores clipping; a viewer shows nothing)


@dataclass(slots=True)
class Rule:
    """A horizontal or vertical ruling from ``start`` to ``end`` along its axis, at ``at`` across it."""

    horizontal: bool
    at: float
    start: float
    end: float

    def spans(self, value: float) -> bool:
        """True if the ruling reaches ``value`` along its axis (within :data:`TOLERANCE`)."""
        return self.start - TOLERANCE <= value <= self.end + TOLERANCE


def _apply(matrix: Any, x: float, y: float) -> tuple[float, float]:
    """Map a point through a PDF matrix ``[a b c d e f]``."""
    a, b, c, d, e, f = (float(value) for value in matrix)
    return a * x + c * y + e, b * x + d * y + f


def _rules_of_box(x0: float, y0: float, x1: float, y1: float, *, stroked: bool) -> list[Rule]:
    """The rulings a rectangle draws: itself if it is thin; its four edges if it is stroked (a cell border).

    A filled rectangle that is not thin is a shaded background, not a border: row shading must not cut cells.
    """
    left, right, bottom, top = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    width, height = right - left, top - bottom
    if height <= MAX_RULE_THICKNESS and width >= MIN_RULE_LENGTH:
        return [Rule(True, (bottom + top) / 2, left, right)]
    if width <= MAX_RULE_THICKNESS and height >= MIN_RULE_LENGTH:
        return [Rule(False, (left + right) / 2, bottom, top)]
    if not stroked or width < MIN_RULE_LENGTH or height < MIN_RULE_LENGTH:
        return []
    return [
        Rule(True, bottom, left, right),
        Rule(True, top, left, right),
        Rule(False, left, bottom, top),
        Rule(False, right, bottom, top),
    ]


#: Path-painting operators that stroke the path (draw its outline) and those that only fill it.
_STROKE = frozenset({b"S", b"s", b"B", b"B*", b"b", b"b*"})
_FILL = frozenset({b"f", b"F", b"f*"})


class _PageReader:
    """Collects a page's text runs and rulings through pypdf's extraction visitors."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.rules: list[Rule] = []
        self._point: tuple[float, float] | None = None
        # The current path until it is painted: rectangles and straight segments, in page coordinates.
        self._boxes: list[tuple[float, float, float, float]] = []
        self._segments: list[tuple[float, float, float, float]] = []

    def text(self, text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        """Record a text run at the position its text and current matrices give."""
        if not text:
            return
        x, y = _apply(cm, *_apply(tm, 0.0, 0.0))
        scale = math.hypot(float(tm[2]), float(tm[3])) * math.hypot(float(cm[2]), float(cm[3]))
        self.runs.append(Run(x, y, abs(float(size)) * scale or 1.0, text))

    def operator(self, operator: bytes, args: Any, cm: Any, tm: Any) -> None:
        """Build the current path from ``re``, ``m`` and ``l``; keep its rulings when it is painted."""
        try:
            if operator == b"re" and len(args) == 4:
                x, y, width, height = (float(value) for value in args)
                self._boxes.append((*_apply(cm, x, y), *_apply(cm, x + width, y + height)))
            elif operator == b"m" and len(args) == 2:
                self._point = _apply(cm, float(args[0]), float(args[1]))
            elif operator == b"l" and len(args) == 2 and self._point is not None:
                end = _apply(cm, float(args[0]), float(args[1]))
                self._segments.append((*self._point, *end))
                self._point = end
            elif operator in _STROKE or operator in _FILL or operator == b"n":
                self._paint(stroked=operator in _STROKE, painted=operator != b"n")
        except (TypeError, ValueError):  # an operand that is not a number: not a ruling
            return

    def _paint(self, *, stroked: bool, painted: bool) -> None:
        """Turn the painted path into rulings (a clipping path, ended by ``n``, draws nothing) and clear it."""
        if painted:
            for box in self._boxes:
                self.rules.extend(_rules_of_box(*box, stroked=stroked))
            for x0, y0, x1, y1 in self._segments:
                if abs(y1 - y0) <= MAX_RULE_THICKNESS and abs(x1 - x0) >= MIN_RULE_LENGTH:
                    self.rules.append(Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
                elif abs(x1 - x0) <= MAX_RULE_THICKNESS and abs(y1 - y0) >= MIN_RULE_LENGTH:
                    self.rules.append(Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
        self._boxes, self._segments, self._point = [], [], None


def read_page(page: Any) -> tuple[list[Run], list[Rule]]:
    """The text runs and rulings of a pypdf page."""
    reader = _PageReader()
    page.extract_text(visitor_text=reader.text, visitor_operand_before=reader.operator)
    try:
        box = page.mediabox
        bottom, top = float(box.bottom), float(box.top)
    except Exception:  # a page without a usable box: take every run as visible
        return reader.runs, reader.rules
    for run in reader.runs:
        run.visible = bottom - run.size <= run.y <= top
    return reader.runs, reader.rules


def _cell_of(run: Run, horizontal: list[Rule], vertical: list[Rule]) -> tuple[float, float, float, float] | None:
    """The (top, left, bottom, right) rulings around a run's middle, or ``None`` if it is not boxed in."""
    x = run.x + 0.5 * run.size  # inside the first character, not on its edge
    y = run.y + 0.3 * run.size  # between baseline and cap height
    left = max((rule.at for rule in vertical if rule.at <= x and rule.spans(y)), default=None)
    right = min((rule.at for rule in vertical if rule.at > x and rule.spans(y)), default=None)
    top = min((rule.at for rule in horizontal if rule.at > y and rule.spans(x)), default=None)
    bottom = max((rule.at for rule in horizontal if rule.at <= y and rule.spans(x)), default=None)
    if left is None or right is None or top is None or bottom is None:
        return None
    return (round(top, 1), round(left, 1), round(bottom, 1), round(right, 1))


def _width(text: str, size: float) -> float:
    """The printed width of ``text`` in a font of ``size`` points, guessed: full-width characters are one em."""
    return sum(size if unicodedata.east_asian_width(char) in "WF" else 0.5 * size for char in text)


def _join_line(runs: list[Run]) -> str:
    """The runs of one line, left to right, with a space where a gap separates them (repair drops it beside hanzi)."""
    runs = sorted(runs, key=lambda run: run.x)
    text = runs[0].text
    for before, run in itertools.pairwise(runs):
        gap = run.x - (before.x + _width(before.text, before.size))
        text = f"{text} {run.text}" if gap > 0.2 * run.size else text + run.text
    return text


def _lines(runs: list[Run]) -> list[tuple[float, str]]:
    """Group runs into lines by baseline (top of the page first): (baseline, text) pairs."""
    ordered = sorted(runs, key=lambda run: -run.y)
    lines: list[list[Run]] = []
    for run in ordered:
        if lines and abs(lines[-1][0].y - run.y) <= 0.4 * max(run.size, lines[-1][0].size):
            lines[-1].append(run)
        else:
            lines.append([run])
    return [(line[0].y, _join_line(line)) for line in lines]


def _join_wrapped(lines: list[str]) -> str:
    """Join a cell's wrapped lines: no space, except between two Latin letters or digits."""
    text = ""
    for line in lines:
        if text and is_latin_alnum(text[-1]) and is_latin_alnum(line[0]):
            text += " "
        text += line
    return text


def _grid_rules(rules: list[Rule]) -> tuple[list[Rule], list[Rule]]:
    """The horizontal and vertical rulings that meet a crossing ruling at both ends: a table's grid.

    An underline (a link, an emphasis) or a decorative rule ends in the open, so it never cuts a cell in two.
    """
    horizontal = [rule for rule in rules if rule.horizontal]
    vertical = [rule for rule in rules if not rule.horizontal]

    def meets(rule: Rule, crossing: list[Rule], end: float) -> bool:
        return any(abs(other.at - end) <= TOLERANCE and other.spans(rule.at) for other in crossing)

    def framed(rule: Rule, crossing: list[Rule]) -> bool:
        return meets(rule, crossing, rule.start) and meets(rule, crossing, rule.end)

    grid_horizontal = [rule for rule in horizontal if framed(rule, vertical)]
    return grid_horizontal, [rule for rule in vertical if framed(rule, horizontal)]


Cell = tuple[float, float, float, float]  # (top, left, bottom, right) rulings


def _near(end: float, start: float, other_end: float, other_start: float) -> bool:
    """True if one cell's edge touches the other's: the same ruling, or two borders :data:`CELL_SPACING` apart."""
    return abs(end - start) <= CELL_SPACING or abs(other_end - other_start) <= CELL_SPACING


def _tables(cells: list[Cell]) -> list[list[Cell]]:
    """Group cells into tables: cells that share a ruling (one's bottom is another's top, or left and right)."""
    parent = list(range(len(cells)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i, (top, left, bottom, right) in enumerate(cells):
        for j in range(i + 1, len(cells)):
            top2, left2, bottom2, right2 = cells[j]
            stacked = _near(bottom, top2, top, bottom2) and left < right2 and left2 < right
            beside = _near(right, left2, left, right2) and bottom < top2 and bottom2 < top
            if stacked or beside:
                parent[root(j)] = root(i)
    groups: dict[int, list[Cell]] = {}
    for index, cell in enumerate(cells):
        groups.setdefault(root(index), []).append(cell)
    return [sorted(group, key=lambda cell: (-cell[0], cell[1])) for group in groups.values()]


@dataclass(slots=True)
class TableCell:
    """One cell's text (its wrapped lines joined), where it sits, and how many lines it filled."""

    top: float
    left: float
    text: str
    lines: int


@dataclass(slots=True)
class Table:
    """A ruled table's cells in reading order: row by row (top to bottom), left to right."""

    cells: list[TableCell]

    def row(self, top: float) -> list[TableCell]:
        """The cells whose top ruling is at ``top``."""
        return [cell for cell in self.cells if cell.top == top]


#: A page as pypdf's text pieces (exactly as pypdf gives them) with tables in place of their cells' pieces.
PageItems = list[str | Table]


def page_items(runs: list[Run], rules: list[Rule], *, columns: set[float] | None = None) -> PageItems | None:
    """The page's text pieces with each table in place of its text, or ``None`` if the page has no table.

    ``runs`` are all the pieces pypdf's visitor was given, in order (together they are exactly pypdf's text).
    Text outside the tables stays as it is; a table comes where its first text is drawn. ``columns`` are the
    column edges of a table that ended the page before: a grid in those columns is a table even if it holds only
    one cell (the rest of a row cut by the page break). Ruled tables come first; borderless tables are looked for
    in the text that is left (see :func:`_borderless_tables`).
    """
    found = _ruled_tables(runs, rules, columns)
    taken = {index for indexes, _ in found for index in indexes}
    found += _borderless_tables(runs, taken)
    if not found:
        return None
    table_of = {index: number for number, (indexes, _) in enumerate(found) for index in indexes}
    items: PageItems = []
    emitted: set[int] = set()
    inside = False  # the last text piece was in a table: whitespace after it belongs to the table
    for index, run in enumerate(runs):
        table = table_of.get(index)
        if table is None:
            if run.text.strip():
                inside = False
            elif inside:
                continue
            items.append(run.text)
            continue
        inside = True
        if table not in emitted:
            emitted.add(table)
            items.append(found[table][1])
    return items


def _ruled_tables(runs: list[Run], rules: list[Rule], columns: set[float] | None) -> list[tuple[set[int], Table]]:
    """The ruled tables on the page: the indexes of the runs each one takes (its text, and its text drawn off the
    page, which is dropped), and the table."""
    horizontal, vertical = _grid_rules(rules)
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    keys = [_cell_of(run, horizontal, vertical) if run.text.strip() else None for run in runs]
    cells: dict[Cell, list[Run]] = {}
    for run, key in zip(runs, keys, strict=True):
        if key is not None and run.visible:  # a table's text drawn off the page belongs to another page
            cells.setdefault(key, []).append(Run(run.x, run.y, run.size, run.text.strip()))
    tables = [table for table in _tables(list(cells)) if _is_grid(table) or _continues(table, columns)]
    if sum(len(table) for table in tables) < MIN_CELLS and not (columns and tables):
        return []
    result = [(set[int](), Table([_table_cell(cell, cells[cell]) for cell in table])) for table in tables]
    table_of = {cell: number for number, table in enumerate(tables) for cell in table}
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in table_of:
            result[table_of[key]][0].add(index)
        elif not runs[index].visible and result:
            result[0][0].add(index)  # off-page text inside a grid: dropped with the first table
    return result


def _table_cell(cell: Cell, runs: list[Run]) -> TableCell:
    lines = [line for _, line in _lines(runs)]
    return TableCell(cell[0], cell[1], _join_wrapped(lines), len(lines))


def _continues(table: list[Cell], columns: set[float] | None) -> bool:
    """True if every cell of ``table`` stands in a column of the table that ended the page before."""
    return bool(columns) and all(any(abs(cell[1] - column) <= TOLERANCE for column in columns or ()) for cell in table)


def render(items: PageItems) -> str:
    """The page's text: pieces as they are, each table cell on a line of its own marked with :data:`CELL_MARK`."""
    pieces: list[str] = []
    for item in items:
        if isinstance(item, Table):
            cell_lines = [CELL_MARK + cell.text for cell in item.cells]
            pieces.append("\n\n" + "\n".join(cell_lines) + "\n\n")  # blank lines part a table from the text
        else:
            pieces.append(item)
    return "".join(pieces)


def table_page_text(runs: list[Run], rules: list[Rule]) -> str | None:
    """The page's text with each table cell on one marked line, or ``None`` if the page holds no ruled table."""
    items = page_items(runs, rules)
    return None if items is None else render(items)


#: Text pieces this short (a page number, a running footer) may stand between a table and the page break.
_EDGE_TEXT_CHARS = 60


def _edge_table(items: PageItems, *, last: bool) -> Table | None:
    """The table that ends (``last``) or starts the page, allowing a few short lines (furniture) beyond it."""
    text = 0
    for item in reversed(items) if last else items:
        if isinstance(item, Table):
            return item
        text += len(item.strip())
        if text > _EDGE_TEXT_CHARS:
            return None
    return None


def join_across_pages(before: PageItems, after: PageItems) -> None:
    """Join a table row cut by a page break: the first row of the next page's table continues the cut cells.

    A row is taken as cut only when one of its cells wrapped (two lines or more) and stops mid-sentence, and the
    next page opens with a table in the same columns; a table that breaks between rows (the usual case, often with
    its header row repeated) is left as two tables.
    """
    last, first = _edge_table(before, last=True), _edge_table(after, last=False)
    if last is None or first is None or not last.cells or not first.cells:
        return
    cut_row = last.row(min(cell.top for cell in last.cells))
    next_row = first.row(first.cells[0].top)
    cut = [cell for cell in cut_row if cell.lines >= 2 and not ends_sentence(cell.text)]
    if not cut:
        return
    joined = []
    for cell in next_row:
        target = next((old for old in cut_row if abs(old.left - cell.left) <= TOLERANCE), None)
        if target is None:
            return  # the columns differ: another table
        joined.append((target, cell))
    if not any(target in cut for target, _ in joined):
        return
    for target, cell in joined:
        target.text = _join_wrapped([target.text, cell.text])
        target.lines += cell.lines
        first.cells.remove(cell)


def columns_of(items: PageItems) -> set[float] | None:
    """The column edges of the table that ends the page, if one does."""
    last = _edge_table(items, last=True)
    return None if last is None else {cell.left for cell in last.cells}


def _is_grid(table: list[Cell]) -> bool:
    """True if the cells make at least two rows and two columns (a framed box of text is not a table)."""
    return len({cell[0] for cell in table}) >= 2 and len({cell[1] for cell in table}) >= 2


#: Two pieces of a line this many ems apart (or more) stand in different columns.
COLUMN_GAP_EMS = 1.5
#: A borderless table has at least this many lines with two cells or more.
MIN_BORDERLESS_ROWS = 3
#: The first column of a borderless table holds labels, not prose: its pieces are at most this many ems wide.
MAX_LABEL_EMS = 12.0
#: Lines of a table follow each other at most this many line heights apart.
MAX_ROW_GAP = 2.5


@dataclass(slots=True)
class _Segment:
    """A piece of a line standing apart from its neighbours: a cell's line in a borderless table."""

    start: float
    end: float
    text: str
    indexes: list[int]


def _segments(runs: list[Run], line: list[int]) -> list[_Segment]:
    """Split a line (run indexes, left to right) where a gap of :data:`COLUMN_GAP_EMS` or more opens."""
    segments: list[_Segment] = []
    for index in line:
        run = runs[index]
        end = run.x + _width(run.text.strip(), run.size)
        if segments and run.x - segments[-1].end < COLUMN_GAP_EMS * run.size:
            last = segments[-1]
            gap = run.x - last.end
            last.text = f"{last.text} {run.text.strip()}" if gap > 0.2 * run.size else last.text + run.text.strip()
            last.end, last.indexes = max(last.end, end), [*last.indexes, index]
        else:
            segments.append(_Segment(run.x, end, run.text.strip(), [index]))
    return segments


def _visible_lines(runs: list[Run], taken: set[int]) -> list[tuple[float, float, list[_Segment]]]:
    """The page's lines of visible text not in a ruled table, top first: (baseline, size, segments)."""
    indexes = sorted(
        (index for index, run in enumerate(runs) if index not in taken and run.visible and run.text.strip()),
        key=lambda index: -runs[index].y,
    )
    lines: list[list[int]] = []
    for index in indexes:
        run = runs[index]
        if lines and abs(runs[lines[-1][0]].y - run.y) <= 0.4 * max(run.size, runs[lines[-1][0]].size):
            lines[-1].append(index)
        else:
            lines.append([index])
    result = []
    for line in lines:
        line.sort(key=lambda index: runs[index].x)
        result.append((runs[line[0]].y, max(runs[index].size for index in line), _segments(runs, line)))
    return result


def _column_of(segment: _Segment, bounds: list[float], size: float) -> int | None:
    """The column (between ``bounds``) that holds the whole segment, give or take half an em, or ``None``."""
    for column in range(len(bounds) - 1):
        if segment.start >= bounds[column] - 0.5 * size and segment.end <= bounds[column + 1] + 0.5 * size:
            return column
    return None


def _borderless_tables(runs: list[Run], taken: set[int]) -> list[tuple[set[int], Table]]:
    """Tables without rulings: lines split into the same columns by wide gaps, below a first line of 2+ cells.

    The first line fixes the columns (the space between two of its pieces is the border). The table goes on
    while every piece of a line fits one column and the lines stay close; a line with text in the first
    column starts a row, a line without continues the cells of the row above (a wrapped cell). Two columns of
    prose (a two-column page) are not a table: the first column must hold short labels.
    """
    lines = _visible_lines(runs, taken)
    tables: list[tuple[set[int], Table]] = []
    start = 0
    while start < len(lines):
        _, size, first = lines[start]
        if len(first) < 2:
            start += 1
            continue
        # Columns start where the first line's pieces start (cells are aligned left; a header may be narrower).
        bounds = [-1e9] + [segment.start for segment in first[1:]] + [1e9]
        end = start + 1
        while end < len(lines):
            y, line_size, segments = lines[end]
            if lines[end - 1][0] - y > MAX_ROW_GAP * 1.2 * max(size, line_size):
                break
            placed = [_column_of(segment, bounds, line_size) for segment in segments]
            if None in placed or len(set(placed)) < len(placed):
                break
            # Columns are aligned: a cell's piece starts where the column's first piece starts. Prose whose
            # pieces happen to stand apart (a link, a wide Latin word) starts them anywhere.
            if any(
                abs(segment.start - first[column].start) > 0.6 * line_size
                for segment, column in zip(segments, placed, strict=True)
                if column is not None and column < len(first)
            ):
                break
            end += 1
        table = _borderless_table(lines[start:end], bounds)
        if table is None:
            start += 1
            continue
        tables.append(table)
        start = end
    return tables


def _borderless_table(
    lines: list[tuple[float, float, list[_Segment]]], bounds: list[float]
) -> tuple[set[int], Table] | None:
    """Rows and cells of the lines of a borderless table, or ``None`` if they do not look like one."""
    multi = sum(1 for _, _, segments in lines if len(segments) >= 2)
    if multi < MIN_BORDERLESS_ROWS:
        return None
    rows: list[tuple[float, dict[int, list[str]]]] = []
    labels: list[float] = []
    indexes: set[int] = set()
    for y, size, segments in lines:
        columns = {_column_of(segment, bounds, size) or 0: segment for segment in segments}
        if 0 in columns or not rows:
            rows.append((y, {}))
        if 0 in columns:
            labels.append((columns[0].end - columns[0].start) / size)
        for column, segment in columns.items():
            rows[-1][1].setdefault(column, []).append(segment.text)
            indexes.update(segment.indexes)
    if sorted(labels)[len(labels) // 2] > MAX_LABEL_EMS:
        return None  # the first column is prose: two columns of text, not a table
    cells = [
        TableCell(y, bounds[column], _join_wrapped(texts), len(texts))
        for y, row in rows
        for column, texts in sorted(row.items())
    ]
    return indexes, Table(cells)
