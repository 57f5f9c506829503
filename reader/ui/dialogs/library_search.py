"""Search the whole library (Ctrl+Shift+F): Chinese text, pinyin, English translations and notes, in context."""

from __future__ import annotations

import html
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.store.search import SearchHit
from reader.ui.context import AppContext
from reader.ui.widgets import show_one

MAX_HITS = 200


class LibrarySearchDialog(QDialog):
    """Type to search; activating a result opens its article at the sentence (a non-modal tool window)."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle("Search Library")
        self.setObjectName("LibrarySearchDialog")
        self.resize(720, 520)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Search all articles: 一带一路, fazhan, fa1zhan3, English words or notes")
        self.field.setClearButtonEnabled(True)
        self.scope = QComboBox(self)
        for label, scope in (
            ("Everything", "all"),
            ("Chinese and pinyin", "chinese"),
            ("English only", "translation"),
            ("Notes only", "notes"),
        ):
            self.scope.addItem(label, scope)
        self.results = QListWidget(self)
        self.results.setObjectName("LibrarySearchResults")
        self.results.setWordWrap(True)
        self.status = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.field, 1)
        top.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.search)
        self.field.textChanged.connect(self._text_changed)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.results.itemActivated.connect(self._open)
        self.results.itemClicked.connect(self._open)
        self.hits: list[SearchHit] = []

    @classmethod
    def open_for(cls, app: AppContext, parent: QWidget | None = None) -> LibrarySearchDialog:
        """Show the dialog (one per window; raised if already open)."""
        dialog = show_one(cls, parent, lambda: cls(app, parent))
        dialog.field.setFocus()
        dialog.field.selectAll()
        return dialog

    def _text_changed(self, _text: str) -> None:
        self._timer.start()  # debounce: search once typing pauses

    def _scope_changed(self, _index: int) -> None:
        self.search()

    def hideEvent(self, event: QHideEvent) -> None:
        """Stop a pending search: a closed dialog must not query a store that may be closed by then."""
        self._timer.stop()
        super().hideEvent(event)

    def search(self) -> None:
        """Run the query and list the hits with their sentence."""
        query = self.field.text().strip()
        self.results.clear()
        if not query:
            self.status.setText("")
            return
        started = time.perf_counter()
        self.hits = self.app.search.search(query, limit=MAX_HITS, scope=self.scope.currentData())
        elapsed = (time.perf_counter() - started) * 1000
        for hit in self.hits:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, hit)
            label = QLabel(_hit_html(hit))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(4, 3, 4, 3)
            item.setSizeHint(label.sizeHint())
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        plural = "" if len(self.hits) == 1 else "s"
        self.status.setText(f"{len(self.hits)} result{plural} in {elapsed:.0f} ms" if self.hits else "No results")

    def _open(self, item: QListWidgetItem) -> None:
        hit: SearchHit = item.data(Qt.ItemDataRole.UserRole)
        self.app.hub.open_article_requested.emit(hit.article_id, hit.block_index)


def _hit_html(hit: SearchHit) -> str:
    """Title, then the sentence with the match in bold (or the English sentence for a translation hit)."""
    if hit.in_translation or hit.note is not None:
        text = html.escape(hit.translation or hit.note or "")
        sentence = html.escape(hit.sentence)
        body = f"{'Note: ' if hit.note is not None else ''}{text}<br><span style='color:gray'>{sentence}</span>"
    else:
        start, end = hit.match_start, hit.match_end
        sentence = hit.sentence
        body = (
            html.escape(sentence[:start])
            + "<b><u>"
            + html.escape(sentence[start:end])
            + "</u></b>"
            + html.escape(sentence[end:])
        )
    return f"<span style='color:gray'>{html.escape(hit.title)} · ¶{hit.block_index + 1}</span><br>{body}"
