"""Delegates of the deck table: tone-coloured pinyin, a status chooser, and a multi-line editor for long text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QComboBox,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.core.store.words import ENTRY_STATUSES, WordStatus
from reader.ui.deck.model import STATUS_LABELS, DeckRole

AnyIndex = QModelIndex | QPersistentModelIndex
#: Horizontal padding inside a cell, matching the style's text margin closely enough.
PADDING = 4


def _draw_cell_without_text(
    delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
) -> QStyleOptionViewItem:
    """Draw the cell's background, selection and focus as the style does, but no text; return the options used.

    The delegates that call this draw their own text on top (coloured syllables, a bold word).
    """
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    widget = opt.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
    return opt


class PinyinDelegate(QStyledItemDelegate):
    """Paints a reading as tone-marked syllables, each in its tone's colour (tones 1–4 and neutral)."""

    def __init__(self, tones: Callable[[], tuple[QColor, ...] | None], parent: QObject | None = None) -> None:
        """``tones()`` returns the colours of tones 1–4 and neutral, or ``None`` when tone colours are off."""
        super().__init__(parent)
        self._tones = tones

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = _draw_cell_without_text(self, painter, option, index)
        pairs: list[tuple[str, int]] = index.data(DeckRole.SYLLABLES) or []
        if not pairs:
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        plain = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        tones = self._tones()
        rect = QRect(opt.rect).adjusted(PADDING, 0, -PADDING, 0)
        metrics = opt.fontMetrics
        baseline = rect.top() + (rect.height() + metrics.ascent() - metrics.descent()) // 2
        space = metrics.horizontalAdvance(" ")
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setFont(opt.font)
        x = rect.left()
        for text, tone in pairs:
            painter.setPen(tones[min(max(tone, 1), 5) - 1] if tones and not selected else plain)
            painter.drawText(x, baseline, text)
            x += metrics.horizontalAdvance(text) + space
            if x > rect.right():
                break
        painter.restore()


class SentenceDelegate(QStyledItemDelegate):
    """Paints the sentence with the word in bold, cut so that the word stays in sight however long the sentence."""

    #: Share of the cell the text before the word may take when the sentence does not fit.
    BEFORE_SHARE = 0.3

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = _draw_cell_without_text(self, painter, option, index)
        parts: tuple[str, str, str] | None = index.data(DeckRole.SENTENCE_PARTS)
        if not parts:
            return
        before, word, after = parts
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        bold = QFont(opt.font)
        bold.setBold(True)
        normal_metrics, bold_metrics = QFontMetrics(opt.font), QFontMetrics(bold)
        rect = QRect(opt.rect).adjusted(PADDING, 0, -PADDING, 0)
        baseline = rect.top() + (rect.height() + normal_metrics.ascent() - normal_metrics.descent()) // 2
        room = rect.width() - bold_metrics.horizontalAdvance(word)
        if normal_metrics.horizontalAdvance(before + after) > room:
            budget = int(max(0, room) * self.BEFORE_SHARE)
            before = normal_metrics.elidedText(before, Qt.TextElideMode.ElideLeft, budget) if before else ""
        x = rect.left()
        painter.setFont(opt.font)
        painter.drawText(x, baseline, before)
        x += normal_metrics.horizontalAdvance(before)
        painter.setFont(bold)
        painter.drawText(x, baseline, word)
        x += bold_metrics.horizontalAdvance(word)
        painter.setFont(opt.font)
        painter.drawText(x, baseline, normal_metrics.elidedText(after, Qt.TextElideMode.ElideRight, rect.right() - x))
        painter.restore()


class _EditingDelegate(QStyledItemDelegate):
    """A delegate whose editor can save and close itself (a choice made, Enter pressed)."""

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class StatusDelegate(_EditingDelegate):
    """Edits a status with a drop-down of the statuses a deck entry can have; the choice is saved at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        combo = QComboBox(parent)
        for status in ENTRY_STATUSES:
            combo.addItem(STATUS_LABELS[status], status.value)  # a StrEnum comes back from Qt as a plain str
        combo.activated.connect(lambda _index, c=combo: self._commit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            status = index.data(DeckRole.STATUS)
            editor.setCurrentIndex(max(0, editor.findData(str(status))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox) and editor.currentData():
            status = WordStatus(editor.currentData())
            if status != index.data(DeckRole.STATUS):
                model.setData(index, status, Qt.ItemDataRole.EditRole)


class MultiLineEditor(QPlainTextEdit):
    """A plain-text editor for a table cell: Enter saves, Shift+Enter starts a new line, Esc cancels."""

    commit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.commit_requested.emit()
            return
        super().keyPressEvent(event)


class MultiLineDelegate(_EditingDelegate):
    """Edits a definition or note over several lines, in an editor taller than the row."""

    #: Lines of text the editor shows at least.
    EDITOR_LINES = 5

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        editor = MultiLineEditor(parent)
        editor.setTabChangesFocus(True)
        editor.setToolTip("Enter saves; Shift+Enter starts a new line; Esc cancels")
        editor.commit_requested.connect(lambda e=editor: self._commit(e))
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText()
            if text != (index.data(Qt.ItemDataRole.EditRole) or ""):
                model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        rect = QRect(option.rect)
        rect.setHeight(max(rect.height(), option.fontMetrics.lineSpacing() * self.EDITOR_LINES + 12))
        parent = editor.parentWidget()
        if parent is not None and rect.bottom() > parent.height():
            rect.moveBottom(max(rect.height(), option.rect.bottom()))
        editor.setGeometry(rect)
