"""A scroll area over the rows of an article: per-row layouts cached for the current width, estimated heights
refined while the event loop is idle, and a scroll position kept as "row N, so many pixels into it".

:class:`~reader.ui.reading.view.ReadingView` builds on it with painting, the mouse, the keyboard and the selection.
"""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass
from itertools import accumulate

from PySide6.QtCore import QModelIndex, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from reader.core.model import Block
from reader.ui.reading.layout import Box, LayoutContext, RowLayout, TranslationInfo, estimate_height, layout_row
from reader.ui.reading.model import ArticleModel
from reader.ui.theme import Colors, colors

#: Seconds of layout work per idle tick when refining heights in the background.
IDLE_BUDGET_S = 0.008
#: Space above the first paragraph, in pixels.
DOCUMENT_MARGIN = 14.0


@dataclass(frozen=True, order=True)
class WordRef:
    """A word of the article: its row and box index in that row's layout."""

    row: int
    box: int


class RowScrollArea(QAbstractScrollArea):
    """Lays out and scrolls the paragraphs of an :class:`ArticleModel`; only rows on screen are laid out first."""

    top_row_changed = Signal(int)  # the paragraph at the top of the screen changed (reading position)

    def __init__(self, context: LayoutContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.context = context
        self.colors: Colors = colors()
        self.model: ArticleModel | None = None
        self.translation_info: dict[int, TranslationInfo] = {}
        self._layouts: dict[int, RowLayout] = {}
        self._boxes: dict[int, list[Box]] = {}  # per row, kept across widths: only positions change
        self._heights: list[float] = []
        self._exact: list[bool] = []
        self._offsets: list[float] = [DOCUMENT_MARGIN]
        self._offsets_dirty = False
        self._layout_width = 0.0
        self._last_top = -1
        self._refine_timer = QTimer(self)
        self._refine_timer.setSingleShot(True)
        self._refine_timer.setInterval(0)
        self._refine_timer.timeout.connect(self._refine_some)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    def _forget_marks(self) -> None:
        """Another article is shown: forget what subclasses mark on words (hover, focus, selection)."""

    # -- model and geometry --------------------------------------------------------------------------------------

    def set_model(self, model: ArticleModel) -> None:
        """Show ``model``'s article; follows its resets and data changes."""
        if self.model is not None:
            self.model.modelReset.disconnect(self._reset)
            self.model.dataChanged.disconnect(self._rows_changed)
        self.model = model
        model.modelReset.connect(self._reset)
        model.dataChanged.connect(self._rows_changed)
        self._reset()

    def _reset(self) -> None:
        self._layouts.clear()
        self._boxes.clear()
        count = self.row_count()
        width = self._content_width()
        show_pinyin = self._show_pinyin_row()
        self._heights = [estimate_height(self._block(row), self.context, width, show_pinyin) for row in range(count)]
        self._exact = [False] * count
        self._recompute_offsets()
        self._forget_marks()
        self._last_top = -1
        self.verticalScrollBar().setValue(0)
        self._update_scroll_range()
        self._schedule_refine()
        self.viewport().update()

    def _rows_changed(self, first: QModelIndex, last: QModelIndex, roles: object = None) -> None:
        self.invalidate_rows(first.row(), last.row())

    def invalidate_rows(self, first: int, last: int) -> None:
        """Lay out rows ``first``..``last`` again (their words, pinyin or translation changed)."""
        for row in range(first, last + 1):
            self._layouts.pop(row, None)
            self._boxes.pop(row, None)
            if 0 <= row < len(self._exact):
                self._exact[row] = False
        self._prepare_visible()
        self._schedule_refine()
        self.viewport().update()

    def relayout(self, context: LayoutContext | None = None) -> None:
        """Drop every layout (fonts or display settings changed) and keep the reading position."""
        top, offset = self._anchor_position()
        if context is not None:
            self.context = context
        self.colors = colors()
        self._layouts.clear()
        self._boxes.clear()
        self._exact = [False] * self.row_count()
        self._layout_width = 0.0
        self.scroll_to_row(top, offset)
        self._schedule_refine()

    def row_count(self) -> int:
        """Number of paragraphs shown."""
        return self.model.rowCount() if self.model is not None else 0

    def _block(self, row: int) -> Block:
        assert self.model is not None
        return self.model.block(row)

    def _content_width(self) -> float:
        return float(max(200, self.viewport().width()))

    def _show_pinyin_row(self) -> bool:
        return self.context.settings.pinyin_mode.value != "off"

    def layout_for(self, row: int) -> RowLayout:
        """The layout of ``row`` at the current width (computed and cached on first use)."""
        layout = self._layouts.get(row)
        if layout is None:
            info = self.translation_info.get(row, TranslationInfo())
            block = self._block(row)
            layout = layout_row(
                block, self.context, self._content_width(), info, self._show_pinyin_row(), self._boxes.get(row)
            )
            self._layouts[row] = layout
            self._boxes[row] = layout.boxes
            if abs(self._heights[row] - layout.height) > 0.5 or not self._exact[row]:
                self._heights[row] = layout.height
                self._exact[row] = True
                self._offsets_dirty = True
        return layout

    def _recompute_offsets(self) -> None:
        self._offsets = [DOCUMENT_MARGIN, *(DOCUMENT_MARGIN + y for y in accumulate(self._heights))]
        self._offsets_dirty = False

    def row_top(self, row: int) -> float:
        """Y of the top of ``row`` in document coordinates."""
        if self._offsets_dirty:
            self._recompute_offsets()
        return self._offsets[row]

    def row_at(self, y: float) -> int:
        """The row at document ``y`` (clamped to the rows that exist)."""
        if self._offsets_dirty:
            self._recompute_offsets()
        row = bisect.bisect_right(self._offsets, y) - 1
        return max(0, min(row, self.row_count() - 1))

    def _anchor_position(self) -> tuple[int, float]:
        """The row at the top of the screen and how far into it the screen starts."""
        if self.row_count() == 0:
            return 0, 0.0
        value = float(self.verticalScrollBar().value())
        row = self.row_at(value)
        return row, value - self.row_top(row)

    def _update_scroll_range(self) -> None:
        bar = self.verticalScrollBar()
        total = self.row_top(self.row_count()) if self.row_count() else 0.0
        viewport_height = self.viewport().height()
        bar.blockSignals(True)
        bar.setRange(0, max(0, int(total - viewport_height + 40)))
        bar.setPageStep(max(1, viewport_height - 40))
        bar.setSingleStep(max(8, int(self.context.body.height * 1.6)))
        bar.blockSignals(False)

    def _prepare_visible(self) -> None:
        """Lay out the rows on screen (exact heights) and keep the top row where it was."""
        count = self.row_count()
        if count == 0:
            return
        width = self._content_width()
        if width != self._layout_width:
            self._layouts.clear()
            self._exact = [False] * count
            self._layout_width = width
        top_row, offset = self._anchor_position()
        row = top_row
        y = -offset
        while row < count and y < self.viewport().height():
            y += self.layout_for(row).height
            row += 1
        if self._offsets_dirty:
            self._keep_anchor(top_row, offset)

    def _keep_anchor(self, top_row: int, offset: float) -> None:
        """After heights changed, put ``top_row`` back at the top of the screen, ``offset`` pixels into it, silently."""
        self._recompute_offsets()
        self._update_scroll_range()
        bar = self.verticalScrollBar()
        bar.blockSignals(True)
        bar.setValue(int(self.row_top(top_row) + offset))
        bar.blockSignals(False)

    def visible_rows(self) -> range:
        """Rows at least partly on screen."""
        count = self.row_count()
        if count == 0:
            return range(0)
        value = self.verticalScrollBar().value()
        first = self.top_row()
        last = self.row_at(value + self.viewport().height())
        return range(first, min(count, last + 1))

    def top_row(self) -> int:
        """The paragraph at the top of the screen (a row with only a sliver still showing does not count)."""
        if self.row_count() == 0:
            return 0
        return self.row_at(self.verticalScrollBar().value() + 4.0)

    def scroll_to_row(self, row: int, offset: float = 0.0) -> None:
        """Put ``row`` (``offset`` pixels into it) at the top of the screen."""
        if self.row_count() == 0:
            return
        row = max(0, min(row, self.row_count() - 1))
        for candidate in range(max(0, row - 2), min(self.row_count(), row + 3)):
            self.layout_for(candidate)
        self._recompute_offsets()
        self._update_scroll_range()
        self.verticalScrollBar().setValue(int(self.row_top(row) + offset))
        self._prepare_visible()
        self.viewport().update()

    def ensure_visible(self, ref: WordRef) -> None:
        """Scroll so that the word ``ref`` is on screen."""
        rect = self.word_rect(ref)
        if rect.top() < 0:
            self.verticalScrollBar().setValue(int(self.verticalScrollBar().value() + rect.top() - 20))
        elif rect.bottom() > self.viewport().height():
            delta = rect.bottom() - self.viewport().height() + 20
            self.verticalScrollBar().setValue(int(self.verticalScrollBar().value() + delta))

    def words_in_span(self, start: int, end: int) -> tuple[WordRef, WordRef] | None:
        """The first and last boxes covering the article span ``start``..``end``."""
        if self.model is None:
            return None
        rows = [row for row, block in enumerate(self.model.article.blocks) if block.start < end and block.end > start]
        if not rows:
            return None
        first_layout, last_layout = self.layout_for(rows[0]), self.layout_for(rows[-1])
        first_box = next((i for i, b in enumerate(first_layout.boxes) if b.end > start), 0)
        last_box = next((i for i in range(len(last_layout.boxes) - 1, -1, -1) if last_layout.boxes[i].start < end), 0)
        return WordRef(rows[0], first_box), WordRef(rows[-1], last_box)

    def word_rect(self, ref: WordRef) -> QRectF:
        """The word's box in viewport coordinates."""
        layout = self.layout_for(ref.row)
        box = layout.boxes[ref.box]
        top = self.row_top(ref.row) - self.verticalScrollBar().value()
        line = layout.lines[box.line]
        return QRectF(layout.chinese_x + box.x, top + line.y, box.width, layout.line_height)

    def _schedule_refine(self) -> None:
        if not self._refine_timer.isActive():
            self._refine_timer.start()

    def _refine_some(self) -> None:
        """Lay out a few unseen rows so the scroll bar matches the article (runs when the loop is idle)."""
        if self.row_count() == 0 or self._content_width() != self._layout_width:
            if self.row_count():
                self._prepare_visible()
                self._schedule_refine()
            return
        top_row, offset = self._anchor_position()
        deadline = time.perf_counter() + IDLE_BUDGET_S
        changed = False
        for row, exact in enumerate(self._exact):
            if exact:
                continue
            self.layout_for(row)
            changed = True
            if time.perf_counter() > deadline:
                break
        if changed:
            self._keep_anchor(top_row, offset)
            if not all(self._exact):
                self._refine_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        top_row, offset = self._anchor_position()
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            fraction = offset / max(1.0, self._heights[top_row]) if self.row_count() else 0.0
            self._prepare_visible()
            if self.row_count():
                self.scroll_to_row(top_row, fraction * self._heights[top_row])
        self._update_scroll_range()
        self._schedule_refine()

    def _on_scrolled(self, value: int) -> None:
        self._prepare_visible()
        self.viewport().update()
        top = self.top_row()
        if top != self._last_top:
            self._last_top = top
            self.top_row_changed.emit(top)
