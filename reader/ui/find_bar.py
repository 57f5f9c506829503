"""The Find bar (Ctrl+F): hanzi, pinyin with or without tones, or English; all matches marked, next/previous."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.core.find import FindMatch, find_in_article
from reader.ui.reading.view import ReadingView


class FindLineEdit(QLineEdit):
    """Enter: next match; Shift+Enter: previous; Esc: close."""

    step = Signal(int)
    escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        elif event.key() == Qt.Key.Key_Escape:
            self.escape.emit()
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    """Searches the open article and marks the matches in the reading view."""

    def __init__(self, view: ReadingView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self.view = view
        self.field = FindLineEdit(self)
        self.field.setPlaceholderText("Find: 学习, xuexi, xue2xi2 or an English word")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setMinimumWidth(90)
        previous = QToolButton(self)
        previous.setText("▲")
        previous.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        following = QToolButton(self)
        following.setText("▼")
        following.setToolTip("Next match (Enter, F3)")
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.matches: list[FindMatch] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.search)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.step.connect(self.step)
        self.field.escape.connect(self.close_bar)
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        close.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        """Show the bar with the selection (if any) as the query."""
        selected = self.view.selected_text()
        if selected and "\n" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        """Hide the bar and clear the marks."""
        self._timer.stop()  # a search typed just before closing must not mark the view again
        self.hide()
        self.matches = []
        self.view.found = []
        self.view.current_found = -1
        self.view.viewport().update()
        self.view.setFocus()

    def search(self) -> None:
        """Find the query in the open article and mark every match."""
        model = self.view.model
        query = self.field.text()
        self.matches = find_in_article(model.article, query) if model is not None and query.strip() else []
        self.view.found = self.matches
        self.view.current_found = -1
        if self.matches:
            self._go(self._first_visible())
        else:
            self.count.setText("No matches" if query.strip() else "")
            self.view.viewport().update()

    def _first_visible(self) -> int:
        rows = self.view.visible_rows()
        top = rows.start if rows else 0
        return next((index for index, match in enumerate(self.matches) if match.block >= top), 0)

    def step(self, direction: int) -> None:
        """Move to the next (1) or previous (-1) match, wrapping around."""
        if not self.isVisible():
            self.open_bar()
            return
        if not self.matches:
            return
        self._go((self.view.current_found + direction) % len(self.matches))

    def _go(self, index: int) -> None:
        self.view.current_found = index
        match = self.matches[index]
        self.view.show_span(match.start, match.end)
        self.count.setText(f"{index + 1} of {len(self.matches)}" + (" (English)" if match.translation_span else ""))
        self.view.viewport().update()
