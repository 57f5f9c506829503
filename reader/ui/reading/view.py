"""The reading view: paragraphs with pinyin above every word and English beside (or below) each one.

A custom scroll area over an :class:`~reader.ui.reading.model.ArticleModel`. Each row is laid out by
:func:`~reader.ui.reading.layout.layout_row` and painted by :class:`~reader.ui.reading.painter.RowPainter`; layouts
are cached per row for the current width, and rows never seen get an estimated height, refined a few rows at a
time while the event loop is idle. Only rows on screen are laid out before a paint, so opening a long article,
resizing and scrolling cost what the screen shows, not what the article holds. The scroll position is kept as
"row N, so many pixels into it", so refined heights above the screen never make the text jump.
"""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass
from itertools import accumulate

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from reader.core.find import FindMatch
from reader.core.model import Block
from reader.ui.reading.layout import Box, LayoutContext, RowLayout, TranslationInfo, estimate_height, layout_row
from reader.ui.reading.model import ArticleModel
from reader.ui.reading.painter import Highlight, RowPainter, RowState
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


class ReadingView(QAbstractScrollArea):
    """Shows an article; emits signals when the learner activates words, selects text or scrolls."""

    word_activated = Signal(int, int)  # row, box: a click or Enter on a word
    word_focused = Signal(int, int)  # row, box: keyboard focus moved
    selection_changed = Signal()
    context_menu_requested = Signal(QPoint)  # global position
    top_row_changed = Signal(int)  # the paragraph at the top of the screen changed (reading position)

    def __init__(self, context: LayoutContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReadingView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.context = context
        self.colors: Colors = colors()
        self.model: ArticleModel | None = None
        self.translation_info: dict[int, TranslationInfo] = {}
        self.highlights: list[Highlight] = []
        self.found: list[FindMatch] = []
        self.current_found = -1
        self.bookmarked_rows: set[int] = set()
        #: What to do when no article is open, drawn in the middle of the empty pane.
        self.empty_hint = ""
        self._painter = RowPainter()
        self._layouts: dict[int, RowLayout] = {}
        self._boxes: dict[int, list[Box]] = {}  # per row, kept across widths: only positions change
        self._heights: list[float] = []
        self._exact: list[bool] = []
        self._offsets: list[float] = [DOCUMENT_MARGIN]
        self._offsets_dirty = False
        self._layout_width = 0.0
        self._hover: WordRef | None = None
        self._hover_sentence: tuple[int, int] | None = None
        self._focus: WordRef | None = None
        self._anchor: WordRef | None = None  # selection start
        self._cursor: WordRef | None = None  # selection end
        self._press: WordRef | None = None
        self._dragging = False
        self._last_top = -1
        self._refine_timer = QTimer(self)
        self._refine_timer.setSingleShot(True)
        self._refine_timer.setInterval(0)
        self._refine_timer.timeout.connect(self._refine_some)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # -- model ---------------------------------------------------------------------------------------------------

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
        self._hover = self._focus = self._anchor = self._cursor = None
        self._hover_sentence = None
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

    # -- geometry ------------------------------------------------------------------------------------------------

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

    def show_span(self, start: int, end: int, *, select: bool = False) -> None:
        """Scroll to the words covering ``start``..``end`` (article offsets), selecting them if asked."""
        words = self.words_in_span(start, end)
        if not words:
            return
        first, last = words
        self.ensure_visible(first)
        if select:
            self.select_range(first, last)
            self.set_focus_word(first)
        self.viewport().update()

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
            self._recompute_offsets()
            self._update_scroll_range()
            bar = self.verticalScrollBar()
            bar.blockSignals(True)
            bar.setValue(int(self.row_top(top_row) + offset))
            bar.blockSignals(False)
            if not all(self._exact):
                self._refine_timer.start()

    # -- events --------------------------------------------------------------------------------------------------

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

    def _paint_empty_hint(self, painter: QPainter) -> None:
        if not self.empty_hint:
            return
        area = self.viewport().rect().adjusted(40, 40, -40, -40)
        painter.setPen(self.colors.muted)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.empty_hint)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.colors.background)
        if self.row_count() == 0:
            self._paint_empty_hint(painter)
            painter.end()
            return
        self._prepare_visible()
        scroll = self.verticalScrollBar().value()
        clip_top, clip_bottom = event.rect().top(), event.rect().bottom()
        selection = self.selection_range()
        for row in self.visible_rows():
            top = self.row_top(row) - scroll
            layout = self.layout_for(row)
            if top + layout.height < clip_top or top > clip_bottom:
                continue
            found = [m for m in self.found if m.block == row]
            current = self.found[self.current_found] if 0 <= self.current_found < len(self.found) else None
            state = RowState(
                found=[(m.start, m.end) for m in found if m.translation_span is None],
                current_found=(current.start, current.end) if current and current.block == row else None,
                found_english=[(m.sentence, *m.translation_span) for m in found if m.translation_span is not None],
                bookmarked=row in self.bookmarked_rows,
                hover=self._hover.box if self._hover and self._hover.row == row else None,
                hover_sentence=self._hover_sentence[1]
                if self._hover_sentence and self._hover_sentence[0] == row
                else None,
                focus=self._focus.box if self._focus and self._focus.row == row and self.hasFocus() else None,
                selection=selection,
                highlights=self.highlights,
            )
            painter.save()
            painter.translate(0, top)
            self._painter.paint(painter, layout, self.context, self.colors, state)
            painter.restore()
        painter.end()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._set_hover(None, None)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._show_cue_time(event)
            return True
        return super().viewportEvent(event)

    def _show_cue_time(self, event: QHelpEvent) -> None:
        """On hover over a subtitle cue, show its time span (kept from the subtitle file)."""
        _, sentence = self.hit_test(QPointF(event.pos()))
        cue = self._block(sentence[0]).cue if sentence is not None else None
        if cue is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPos(), cue.label(), self.viewport())

    # -- hit testing ---------------------------------------------------------------------------------------------

    def hit_test(self, pos: QPointF) -> tuple[WordRef | None, tuple[int, int] | None]:
        """The word under ``pos`` (viewport coordinates), and the (row, sentence) under it, Chinese or English."""
        if self.row_count() == 0:
            return None, None
        y = pos.y() + self.verticalScrollBar().value()
        row = self.row_at(y)
        layout = self.layout_for(row)
        local_y = y - self.row_top(row)
        local_x = pos.x() - layout.chinese_x
        if 0 <= local_x <= layout.chinese_width and 0 <= local_y < layout.chinese_height:
            line_index = min(int(local_y // layout.line_height), len(layout.lines) - 1)
            line = layout.lines[line_index]
            for index in range(line.first, line.last):
                box = layout.boxes[index]
                if box.x <= local_x < box.x + box.width:
                    return WordRef(row, index), (row, box.sentence)
            return None, None
        if layout.translation is not None and pos.x() >= layout.translation_x:
            point = QPointF(pos.x() - layout.translation_x, local_y - layout.translation_y)
            for line_number in range(layout.translation.lineCount()):
                text_line = layout.translation.lineAt(line_number)
                if text_line.rect().contains(point):
                    cursor = text_line.xToCursor(point.x())
                    for sentence, (start, length) in enumerate(layout.sentence_ranges):
                        if start <= cursor < start + length:
                            return None, (row, sentence)
        return None, None

    def _set_hover(self, word: WordRef | None, sentence: tuple[int, int] | None) -> None:
        if word == self._hover and sentence == self._hover_sentence:
            return
        rows = {ref.row for ref in (self._hover, word) if ref is not None}
        rows |= {pair[0] for pair in (self._hover_sentence, sentence) if pair is not None}
        self._hover, self._hover_sentence = word, sentence
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if word and self._is_word(word) else Qt.CursorShape.ArrowCursor
        )
        for row in rows:
            self._update_row(row)

    def _update_row(self, row: int) -> None:
        if 0 <= row < self.row_count():
            top = int(self.row_top(row) - self.verticalScrollBar().value())
            height = int(self._heights[row]) + 2
            self.viewport().update(QRect(0, top, self.viewport().width(), height))

    def _is_word(self, ref: WordRef) -> bool:
        return self.layout_for(ref.row).boxes[ref.box].han

    # -- mouse ---------------------------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        word, sentence = self.hit_test(event.position())
        if self._dragging and word is not None and word != self._cursor:
            self._cursor = word
            self.selection_changed.emit()
            self.viewport().update()
        elif self._press is not None and word is not None and word != self._press:
            self._dragging = True
            self._anchor, self._cursor = self._press, word
            self.selection_changed.emit()
            self.viewport().update()
        self._set_hover(word, sentence)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        word, _ = self.hit_test(event.position())
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and word is not None:
            self._anchor = self._anchor or self._focus or word
            self._cursor = word
            self.selection_changed.emit()
            self.viewport().update()
            return
        had_selection = self.has_selection()
        self._press = word
        self._dragging = False
        self._anchor = self._cursor = None
        if had_selection:
            self.selection_changed.emit()
            self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        word, _ = self.hit_test(event.position())
        press, self._press = self._press, None
        if self._dragging:
            self._dragging = False
            return
        if word is not None and word == press and self._is_word(word):
            self.set_focus_word(word)
            self.word_activated.emit(word.row, word.box)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        word, _ = self.hit_test(QPointF(event.pos()))
        if word is not None and not self.has_selection():
            self.set_focus_word(word)
        self.context_menu_requested.emit(event.globalPos())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.ignore()  # the main window zooms
            return
        super().wheelEvent(event)

    # -- keyboard ------------------------------------------------------------------------------------------------

    def set_focus_word(self, ref: WordRef | None) -> None:
        """Move the keyboard focus to ``ref``."""
        old, self._focus = self._focus, ref
        for changed in (old, ref):
            if changed is not None:
                self._update_row(changed.row)
        if ref is not None:
            self.ensure_visible(ref)
            self.word_focused.emit(ref.row, ref.box)

    @property
    def focus_word(self) -> WordRef | None:
        """The word with the keyboard focus."""
        return self._focus

    def step_word(self, ref: WordRef, step: int) -> WordRef | None:
        """The next (``step`` 1) or previous (-1) Chinese word after ``ref``, across paragraphs."""
        row, box = ref.row, ref.box
        while True:
            box += step
            layout = self.layout_for(row)
            if box < 0:
                row -= 1
                if row < 0:
                    return None
                box = len(self.layout_for(row).boxes)
                continue
            if box >= len(layout.boxes):
                row += 1
                if row >= self.row_count():
                    return None
                box = -1
                continue
            if layout.boxes[box].han:
                return WordRef(row, box)

    def _vertical_word(self, ref: WordRef, direction: int) -> WordRef | None:
        """The word on the line above (-1) or below (1) nearest to ``ref`` horizontally."""
        layout = self.layout_for(ref.row)
        box = layout.boxes[ref.box]
        x = box.x + box.width / 2
        row, line_index = ref.row, box.line + direction
        while True:
            if line_index < 0:
                row -= 1
                if row < 0:
                    return None
                line_index = len(self.layout_for(row).lines) - 1
            elif line_index >= len(self.layout_for(row).lines):
                row += 1
                if row >= self.row_count():
                    return None
                line_index = 0
            layout = self.layout_for(row)
            line = layout.lines[line_index]
            candidates = [i for i in range(line.first, line.last) if layout.boxes[i].han]
            if candidates:
                best = min(candidates, key=lambda i: abs(layout.boxes[i].x + layout.boxes[i].width / 2 - x))
                return WordRef(row, best)
            line_index += direction

    def first_word(self) -> WordRef | None:
        """The first Chinese word on screen."""
        for row in self.visible_rows():
            for index, box in enumerate(self.layout_for(row).boxes):
                if box.han:
                    return WordRef(row, index)
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        moves = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: 2, Qt.Key.Key_Up: -2}
        if key in moves and self.row_count():
            current = self._focus or self.first_word()
            if current is None:
                return
            step = moves[Qt.Key(key)]
            target = (
                current
                if self._focus is None
                else (self.step_word(current, step) if abs(step) == 1 else self._vertical_word(current, step // 2))
            )
            if target is None:
                return
            if shift:
                self._anchor = self._anchor or current
                self._cursor = target
                self.selection_changed.emit()
            elif self.has_selection():
                self.clear_selection()
            self.set_focus_word(target)
            self.viewport().update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._focus is not None:
            self.word_activated.emit(self._focus.row, self._focus.box)
            return
        if key == Qt.Key.Key_Escape and self.has_selection():
            self.clear_selection()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            QApplication.clipboard().setText(self.selected_text() or self._focused_text())
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._focus is not None:
            self._update_row(self._focus.row)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._focus is not None:
            self._update_row(self._focus.row)

    # -- selection -----------------------------------------------------------------------------------------------

    def has_selection(self) -> bool:
        """True if a span of words is selected."""
        return self._anchor is not None and self._cursor is not None

    def clear_selection(self) -> None:
        """Deselect."""
        if self.has_selection():
            self._anchor = self._cursor = None
            self.selection_changed.emit()
            self.viewport().update()

    def selection_words(self) -> tuple[WordRef, WordRef] | None:
        """First and last selected word, in reading order."""
        if self._anchor is None or self._cursor is None:
            return None
        return (min(self._anchor, self._cursor), max(self._anchor, self._cursor))

    def selection_range(self) -> tuple[int, int] | None:
        """The selected span as offsets into the article text."""
        words = self.selection_words()
        if words is None:
            return None
        first, last = words
        start = self.layout_for(first.row).boxes[first.box].start
        end = self.layout_for(last.row).boxes[last.box].end
        return start, end

    def select_range(self, first: WordRef, last: WordRef) -> None:
        """Select from ``first`` to ``last`` (used by tests and by Find)."""
        self._anchor, self._cursor = first, last
        self.selection_changed.emit()
        self.viewport().update()

    def selected_text(self) -> str:
        """The selected text."""
        span = self.selection_range()
        if span is None or self.model is None:
            return ""
        return self.model.article.text[span[0] : span[1]]

    def _focused_text(self) -> str:
        if self._focus is None:
            return ""
        return self.layout_for(self._focus.row).boxes[self._focus.box].text
