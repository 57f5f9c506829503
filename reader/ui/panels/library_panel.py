"""The library sidebar: articles with title, source, date, reading progress and vocabulary coverage."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.store.library import ArticleSort, ArticleSummary
from reader.ui.context import AppContext

_Index = QModelIndex | QPersistentModelIndex


class LibraryRoles(IntEnum):
    """Named data roles of :class:`LibraryModel`."""

    SUMMARY = Qt.ItemDataRole.UserRole + 1
    ARTICLE_ID = Qt.ItemDataRole.UserRole + 2
    COVERAGE = Qt.ItemDataRole.UserRole + 3


class LibraryModel(QAbstractListModel):
    """The articles of the library, as listed by :meth:`Library.list_articles`."""

    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        self.summaries: list[ArticleSummary] = []
        self.coverage: dict[int, float] = {}
        self.sort_order = ArticleSort.OPENED
        self.filter_text = ""

    def reload(self) -> None:
        """Read the list again from the library."""
        self.beginResetModel()
        self.summaries = self.app.library.list_articles(self.sort_order, text=self.filter_text)
        try:
            found = self.app.words.coverage_by_article([s.id for s in self.summaries])
            self.coverage = {article_id: value.percent for article_id, value in found.items()}
        except Exception:  # coverage is a nicety: an error here must not hide the library
            self.coverage = {}
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.summaries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.summaries):
            return None
        summary = self.summaries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.title
        if role == Qt.ItemDataRole.ToolTipRole:
            source = summary.source.path or "pasted text"
            return f"{summary.title}\n{source}\n{summary.char_count:,} characters · {summary.progress:.0%} read"
        if role == LibraryRoles.SUMMARY:
            return summary
        if role == LibraryRoles.ARTICLE_ID:
            return summary.id
        if role == LibraryRoles.COVERAGE:
            return self.coverage.get(summary.id)
        return None

    def row_of(self, article_id: int) -> int:
        """The row showing ``article_id``, or -1."""
        return next((row for row, s in enumerate(self.summaries) if s.id == article_id), -1)


class LibraryDelegate(QStyledItemDelegate):
    """Paints a library row: title, a line of details, and a thin progress bar."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, int(height * 2.9 + 10))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        summary: ArticleSummary | None = index.data(LibraryRoles.SUMMARY)
        if summary is None:
            return
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = QColor(text_color)
        muted.setAlpha(150)
        rect = option.rect.adjusted(8, 5, -8, -5)
        title_font = QFont(option.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_color)
        line = option.fontMetrics.height()
        title = painter.fontMetrics().elidedText(summary.title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(option.font)
        painter.setPen(muted)
        details = [summary.source.kind if summary.source.path is None else summary.source.path.rsplit("/", 1)[-1]]
        details.append(summary.imported_at.strftime("%Y-%m-%d"))
        details.append(f"{summary.char_count:,} chars")
        coverage = index.data(LibraryRoles.COVERAGE)
        if coverage is not None:
            details.append(f"{coverage:.0f}% known")
        detail = painter.fontMetrics().elidedText(" · ".join(details), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            QRect(rect.left(), rect.top() + line + 2, rect.width(), line), Qt.AlignmentFlag.AlignLeft, detail
        )
        bar = QRect(rect.left(), rect.bottom() - 3, rect.width(), 3)
        painter.fillRect(bar, QColor(muted.red(), muted.green(), muted.blue(), 40))
        done = QRect(bar.left(), bar.top(), int(bar.width() * summary.progress), bar.height())
        painter.fillRect(done, palette.color(QPalette.ColorRole.Highlight) if not selected else text_color)
        painter.restore()


class LibraryPanel(QWidget):
    """Search field, sort order and the list of articles; asks the main window to open one."""

    open_requested = Signal(int)
    reimport_requested = Signal(int)

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.model = LibraryModel(app)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter articles…")
        self.filter.setClearButtonEnabled(True)
        self.sort = QComboBox(self)
        for label, sort in (
            ("Recently opened", ArticleSort.OPENED),
            ("Recently imported", ArticleSort.IMPORTED),
            ("Title", ArticleSort.TITLE),
            ("Progress", ArticleSort.PROGRESS),
            ("Length", ArticleSort.LENGTH),
        ):
            self.sort.addItem(label, sort)
        self.list = QListView(self)
        self.list.setObjectName("LibraryList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(LibraryDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.sort)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(200)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.sort.currentIndexChanged.connect(self._apply_sort)
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        self.list.customContextMenuRequested.connect(self._context_menu)
        app.hub.library_changed.connect(self.reload)
        app.hub.article_changed.connect(lambda _id: self._refresh_keep_selection())
        app.hub.article_opened.connect(self._opened)
        app.hub.word_status_changed.connect(self._refresh_keep_selection)

    def reload(self) -> None:
        """Re-read the library and keep the current article selected."""
        self._refresh_keep_selection()

    def _refresh_keep_selection(self) -> None:
        current = self.current_article()
        self.model.reload()
        if current is not None:
            self.select_article(current)

    def _opened(self, article_id: int) -> None:
        """An article was opened: re-sort (it is now the most recent) and select it."""
        self.model.reload()
        self.select_article(article_id)

    def current_article(self) -> int | None:
        """The selected article's id."""
        index = self.list.currentIndex()
        return index.data(LibraryRoles.ARTICLE_ID) if index.isValid() else None

    def select_article(self, article_id: int) -> None:
        """Select the row of ``article_id`` without opening it."""
        row = self.model.row_of(article_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))

    def _apply_filter(self) -> None:
        self.model.filter_text = self.filter.text().strip()
        self._refresh_keep_selection()

    def _apply_sort(self) -> None:
        self.model.sort_order = self.sort.currentData()
        self._refresh_keep_selection()

    def _activated(self, index: QModelIndex) -> None:
        article_id = index.data(LibraryRoles.ARTICLE_ID)
        if article_id is not None:
            self.open_requested.emit(int(article_id))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        if not index.isValid():
            return
        article_id = int(index.data(LibraryRoles.ARTICLE_ID))
        menu = QMenu(self)
        actions: list[tuple[str, Any]] = [
            ("Open", lambda: self.open_requested.emit(article_id)),
            ("Rename…", lambda: self.rename(article_id)),
            ("Tags…", lambda: self.edit_tags(article_id)),
            ("Re-import from File", lambda: self.reimport_requested.emit(article_id)),
            ("Delete…", lambda: self.delete(article_id)),
        ]
        for label, slot in actions:
            action = QAction(label, menu)
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def rename(self, article_id: int) -> None:
        """Ask for a new title."""
        summary = self.app.library.get_summary(article_id)
        title, accepted = QInputDialog.getText(self, "Rename Article", "Title:", text=summary.title)
        if accepted and title.strip():
            self.app.library.rename(article_id, title.strip())
            self.app.hub.article_changed.emit(article_id)

    def edit_tags(self, article_id: int) -> None:
        """Ask for the article's tags (comma-separated)."""
        summary = self.app.library.get_summary(article_id)
        text, accepted = QInputDialog.getText(
            self, "Article Tags", "Tags (separated by commas):", text=", ".join(summary.tags)
        )
        if accepted:
            self.app.library.set_tags(article_id, [tag.strip() for tag in text.split(",") if tag.strip()])
            self.app.hub.article_changed.emit(article_id)

    def delete(self, article_id: int) -> None:
        """Delete an article after confirming; ask separately about its highlights and bookmarks."""
        summary = self.app.library.get_summary(article_id)
        annotations = self.app.library.annotation_count(article_id)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Delete Article")
        box.setText(f"Delete “{summary.title}” from the library?")
        keep = None
        if annotations:
            box.setInformativeText(
                f"It has {annotations} highlight(s), note(s) or bookmark(s). Keep them (they come back if you import "
                "the same text again) or delete them too?"
            )
            keep = box.addButton("Delete, Keep Highlights", QMessageBox.ButtonRole.AcceptRole)
            everything = box.addButton("Delete Everything", QMessageBox.ButtonRole.DestructiveRole)
        else:
            everything = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked not in (keep, everything) or clicked is None:
            return
        self.app.library.delete_article(article_id, with_annotations=clicked is everything)
        self.app.hub.library_changed.emit()
