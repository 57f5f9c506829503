"""The reading view: paragraphs with pinyin above every word and English beside (or below) each one.

A :class:`~reader.ui.reading.rows.RowScrollArea` over an :class:`~reader.ui.reading.model.ArticleModel`, which
keeps the geometry; this class paints, hit-tests, and handles the mouse, keyboard and selection. Each row is laid out by
:func:`~reader.ui.reading.layout.layout_row` and painted by :class:`~reader.ui.reading.painter.RowPainter`; layouts
are cached per row for the current width, and rows never seen get an estimated height, refined a few rows at a
time while the event loop is idle. Only rows on screen are laid out before a paint, so opening a long article,
resizing and scrolling cost what the screen shows, not what the article holds. The scroll position is kept as
"row N, so many pixels into it", so refined heights above the screen never make the text jump.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from reader.core.find import FindMatch
from reader.ui.reading.layout import LayoutContext
from reader.ui.reading.painter import Highlight, RowPainter, RowState
from reader.ui.reading.rows import RowScrollArea, WordRef


class ReadingView(RowScrollArea):
    """Shows an article; emits signals when the learner activates words, selects text or scrolls."""

    word_activated = Signal(int, int)  # row, box: a click or Enter on a word
    word_focused = Signal(int, int)  # row, box: keyboard focus moved
    selection_changed = Signal()
    context_menu_requested = Signal(QPoint)  # global position

    def __init__(self, context: LayoutContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("ReadingView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.highlights: list[Highlight] = []
        self.found: list[FindMatch] = []
        self.current_found = -1
        self.bookmarked_rows: set[int] = set()
        #: What to do when no article is open, drawn in the middle of the empty pane.
        self.empty_hint = ""
        self._painter = RowPainter()
        self._hover: WordRef | None = None
        self._hover_sentence: tuple[int, int] | None = None
        self._focus: WordRef | None = None
        self._anchor: WordRef | None = None  # selection start
        self._cursor: WordRef | None = None  # selection end
        self._press: WordRef | None = None
        self._dragging = False

    def _forget_marks(self) -> None:
        self._hover = self._focus = self._anchor = self._cursor = None
        self._hover_sentence = None

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
