"""File ▸ Lines Left Out…: every line the import of the open article's file left out, and why.

An importer leaves out a download site's lines, watermarks, ``====`` rules, a table of contents, a subtitle file's
header; the library keeps that list (:mod:`reader.core.store.dropped`) so the learner can check that nothing of
the text was lost. The dialog is a read-only table (line number, reason, text) for the open article, or for its
whole book when it is a chapter.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.store.books import Books
from reader.core.store.dropped import DroppedLog, LoggedLine
from reader.ui.actions import make_action
from reader.ui.context import AppContext

_COLUMNS = ("Line", "Reason", "Text")


def summary_text(source: str, lines: list[LoggedLine]) -> str:
    """One sentence saying how many lines of ``source`` were left out, by reason (most frequent first)."""
    if not lines:
        return f"Nothing was left out of {source}: every line of the file is in the text."
    reasons = Counter(line.reason for line in lines).most_common()
    counts = ", ".join(f"{count} {reason}" for reason, count in reasons)
    noun = "line was" if len(lines) == 1 else "lines were"
    return f"{len(lines)} {noun} left out of {source}: {counts}."


class LeftOutDialog(QDialog):
    """A read-only table of the lines left out of one import (a non-modal tool window)."""

    def __init__(self, source: str, lines: list[LoggedLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LeftOutDialog")
        self.setWindowTitle(f"Lines Left Out — {source}")
        self.resize(760, 480)
        self.summary = QLabel(summary_text(source, lines), self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(len(lines), len(_COLUMNS), self)
        self.table.setObjectName("LeftOutTable")
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, line in enumerate(lines):
            # EPUB and web pages have no line numbers (0): the cell stays empty rather than saying "line 0".
            cells = (str(line.line) if line.line else "", line.reason, line.text)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    @classmethod
    def open_for(cls, app: AppContext, article_id: int, parent: QWidget | None = None) -> LeftOutDialog:
        """Show the lines left out of the file ``article_id`` came from (its whole book's, for a chapter)."""
        for existing in parent.findChildren(cls) if parent is not None else []:
            existing.close()  # one at a time: the table is for the article now open
        lines = DroppedLog(app.library.store).for_article(article_id)
        dialog = cls(_source_name(app, article_id), lines, parent)
        dialog.show()
        dialog.raise_()
        return dialog


def _source_name(app: AppContext, article_id: int) -> str:
    """The name the learner knows the import by: its book's title, else the article's title."""
    books = Books(app.library)
    book_id = books.book_of(article_id)
    if book_id is not None:
        return f"“{books.get_book(book_id).title}”"
    return f"“{app.library.get_summary(article_id).title}”"


class LeftOutLines(QObject):
    """Owns the File ▸ Lines Left Out… action, enabled while an article of the library is open."""

    def __init__(self, app: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.app = app
        self.window = parent
        self.article_id: int | None = None
        self.action = make_action(
            parent,
            "Lines &Left Out…",
            self.show_dialog,
            tip="List the lines the import left out of the open article's file (site lines, watermarks, rules)",
        )
        self.action.setEnabled(False)
        app.hub.article_opened.connect(self.article_opened)

    def article_opened(self, article_id: int) -> None:
        """Follow the article the window shows (-1: none from the library)."""
        self.article_id = article_id if article_id >= 0 else None
        self.action.setEnabled(self.article_id is not None)

    def show_dialog(self) -> None:
        """Open the table of left-out lines for the open article."""
        if self.article_id is not None:
            LeftOutDialog.open_for(self.app, self.article_id, self.window)
