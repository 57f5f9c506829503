"""The library sidebar: books with their chapters and single articles, with progress and vocabulary coverage."""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QHideEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.store.books import Books, BookSummary, LibraryEntry
from reader.core.store.library import ArticleSort
from reader.ui.context import AppContext
from reader.ui.workers import Job

log = logging.getLogger(__name__)
_Index = QModelIndex | QPersistentModelIndex
#: The dispatcher's name for the filter's search of the articles' text.
FILTER_TASK = "library-filter"


class LibraryRoles(IntEnum):
    """Named data roles of :class:`LibraryModel`."""

    SUMMARY = Qt.ItemDataRole.UserRole + 1  # an ArticleSummary, or a BookSummary for a book's row
    ARTICLE_ID = Qt.ItemDataRole.UserRole + 2  # None for a book's row
    COVERAGE = Qt.ItemDataRole.UserRole + 3
    BOOK_ID = Qt.ItemDataRole.UserRole + 4  # the book of a book's row or of a chapter


#: ``internalId`` of a top-level row; a chapter's row carries its book's row + 1.
_TOP = 0


def _ids_of(entries: list[LibraryEntry]) -> list[int]:
    """Every article and chapter id of ``entries``, in order."""
    ids: list[int] = []
    for entry in entries:
        if isinstance(entry, BookSummary):
            ids += [chapter.id for chapter in entry.chapters]
        else:
            ids.append(entry.id)
    return ids


def _shape(entries: list[LibraryEntry]) -> list[tuple[str, int, tuple[int, ...]]]:
    """The rows of a list: which book or article each top-level row is, and a book's chapters in order."""
    return [
        ("book", e.id, tuple(c.id for c in e.chapters)) if isinstance(e, BookSummary) else ("article", e.id, ())
        for e in entries
    ]


class LibraryModel(QAbstractItemModel):
    """The library as a tree: books with their chapters in reading order, and single articles.

    Top-level rows are :class:`BookSummary` and :class:`ArticleSummary` entries sorted together
    (:meth:`Books.list_entries`); a book's children are its chapters. One column.
    """

    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        self.books = Books(app.library)
        self.entries: list[LibraryEntry] = []
        self.coverage: dict[int, float] = {}
        self.sort_order = ArticleSort.OPENED
        self.filter_text = ""
        self.content_match: set[int] = set()  # articles whose text matches the filter (found by a worker)

    def reload(self) -> None:
        """Read the list again from the library.

        When the rows stay the same (opening the next chapter of the book on top changes only that chapter's
        position and date) only the changed rows are redrawn: no reset, so no repaint of the whole list.
        """
        entries = self.books.list_entries(self.sort_order, text=self.filter_text, match=self.content_match)
        try:
            found = self.app.words.coverage_by_article(_ids_of(entries))
            coverage = {article_id: value.percent for article_id, value in found.items()}
        except Exception:  # coverage is a nicety: an error here must not hide the library
            coverage = {}
        if _shape(entries) == _shape(self.entries):
            old_entries, old_coverage = self.entries, self.coverage
            self.entries, self.coverage = entries, coverage
            for index in self._changed_rows(old_entries, old_coverage):
                self.dataChanged.emit(index, index)
            return
        self.beginResetModel()
        self.entries, self.coverage = entries, coverage
        self.endResetModel()

    def _changed_rows(self, old: list[LibraryEntry], old_coverage: dict[int, float]) -> list[QModelIndex]:
        """The indexes whose entry or coverage differs from ``old`` (same shape as the entries now)."""
        changed: list[QModelIndex] = []
        for row, (before, now) in enumerate(zip(old, self.entries, strict=True)):
            if before != now:
                changed.append(self.index(row))
            if isinstance(before, BookSummary) and isinstance(now, BookSummary):
                for chapter_row, (was, chapter) in enumerate(zip(before.chapters, now.chapters, strict=True)):
                    if was != chapter or old_coverage.get(chapter.id) != self.coverage.get(chapter.id):
                        changed.append(self.index(chapter_row, 0, self.index(row)))
            elif old_coverage.get(now.id) != self.coverage.get(now.id):
                changed.append(self.index(row))
        return changed

    def article_ids(self) -> list[int]:
        """Every article and chapter listed, in order."""
        return _ids_of(self.entries)

    # -- the tree -------------------------------------------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The index of a book or article (``parent`` invalid) or of a chapter (``parent`` its book's row)."""
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < len(self.entries) else QModelIndex()
        if parent.internalId() != _TOP:
            return QModelIndex()
        book = self.entries[parent.row()] if parent.row() < len(self.entries) else None
        if not isinstance(book, BookSummary) or row >= len(book.chapters):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """A chapter's book row; top-level rows have no parent."""
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, _TOP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.entries)
        if parent.internalId() != _TOP or parent.row() >= len(self.entries):
            return 0
        entry = self.entries[parent.row()]
        return len(entry.chapters) if isinstance(entry, BookSummary) else 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def summary_at(self, index: _Index) -> LibraryEntry | None:
        """The book, chapter or article of a row."""
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self.entries[index.row()] if index.row() < len(self.entries) else None
        book = self.entries[int(index.internalId()) - 1]
        return book.chapters[index.row()] if isinstance(book, BookSummary) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        summary = self.summary_at(index)
        if summary is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(summary)
        if role == LibraryRoles.SUMMARY:
            return summary
        if role == LibraryRoles.ARTICLE_ID:
            return None if isinstance(summary, BookSummary) else summary.id
        if role == LibraryRoles.BOOK_ID:
            return summary.id if isinstance(summary, BookSummary) else summary.book_id
        if role == LibraryRoles.COVERAGE:
            return None if isinstance(summary, BookSummary) else self.coverage.get(summary.id)
        return None

    def index_of(self, article_id: int) -> QModelIndex:
        """The row showing ``article_id`` (a single article or a chapter), or an invalid index."""
        for row, entry in enumerate(self.entries):
            if isinstance(entry, BookSummary):
                for chapter_row, chapter in enumerate(entry.chapters):
                    if chapter.id == article_id:
                        return self.index(chapter_row, 0, self.index(row))
            elif entry.id == article_id:
                return self.index(row)
        return QModelIndex()

    def book_index(self, book_id: int) -> QModelIndex:
        """The row of a book, or an invalid index."""
        for row, entry in enumerate(self.entries):
            if isinstance(entry, BookSummary) and entry.id == book_id:
                return self.index(row)
        return QModelIndex()

    def row_of(self, article_id: int) -> int:
        """The row showing ``article_id`` among its siblings, or -1."""
        index = self.index_of(article_id)
        return index.row() if index.isValid() else -1


def _tooltip(summary: LibraryEntry) -> str:
    if isinstance(summary, BookSummary):
        author = f"\n{summary.author}" if summary.author else ""
        return (
            f"{summary.title}{author}\n{len(summary.chapters)} chapters · {summary.chapters_read} read · "
            f"{summary.progress:.0%} of the book"
        )
    source = summary.source.path or "pasted text"
    return f"{summary.title}\n{source}\n{summary.char_count:,} characters · {summary.progress:.0%} read"


def _details(summary: LibraryEntry, coverage: float | None) -> list[str]:
    """The second line of a row: what the entry is, how long, how far read."""
    if isinstance(summary, BookSummary):
        details = [summary.author] if summary.author else []
        details.append(f"{summary.chapters_read}/{len(summary.chapters)} chapters read")
        details.append(f"{summary.char_count:,} chars")
        return details
    if summary.book_id is not None:
        details = [summary.chapter_part] if summary.chapter_part else []
        details += [f"{summary.char_count:,} chars", f"{summary.progress:.0%} read"]
    else:
        details = [summary.source.kind if summary.source.path is None else summary.source.path.rsplit("/", 1)[-1]]
        details.append(summary.imported_at.strftime("%Y-%m-%d"))
        details.append(f"{summary.char_count:,} chars")
    if coverage is not None:
        details.append(f"{coverage:.0f}% known")
    return details


class LibraryDelegate(QStyledItemDelegate):
    """Paints a library row: title, a line of details, and a thin progress bar."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, int(height * 2.9 + 10))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        summary: LibraryEntry | None = index.data(LibraryRoles.SUMMARY)
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
        details = _details(summary, index.data(LibraryRoles.COVERAGE))
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
    """Filter field, sort order and the library tree; asks the main window to open an article or chapter.

    Clicking a book opens it where the reader left off (the chapter opened last, else the first) and unfolds
    its chapters; the filter finds titles and authors, and text, translations and notes as Search Library does.
    """

    open_requested = Signal(int)
    reimport_requested = Signal(int)
    filtered = Signal()  # the filter's content matches arrived and are shown

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.model = LibraryModel(app)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter: title, text, pinyin, English…")
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
        self.list = QTreeView(self)
        self.list.setObjectName("LibraryList")
        self.list.setModel(self.model)
        self.list.setHeaderHidden(True)
        self.list.setItemDelegate(LibraryDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformRowHeights(True)
        self.list.setIndentation(14)
        self.list.setExpandsOnDoubleClick(False)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.sort)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self._expanded: set[int] = set()  # books unfolded by the reader, kept across reloads
        self._opened_id: int | None = None
        self._reload_pending = False
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(self._filter_edited)
        self.sort.currentIndexChanged.connect(self._apply_sort)
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        self.list.expanded.connect(self._book_expanded)
        self.list.collapsed.connect(self._book_collapsed)
        self.list.customContextMenuRequested.connect(self._context_menu)
        app.hub.library_changed.connect(self.reload)
        app.hub.article_changed.connect(self._article_changed)
        app.hub.article_opened.connect(self._opened)
        app.hub.word_status_changed.connect(self._refresh_keep_selection)

    def hideEvent(self, event: QHideEvent) -> None:
        """Stop the filter's timer so that it never fires into a closed window."""
        self._filter_timer.stop()
        super().hideEvent(event)

    def reload(self) -> None:
        """Re-read the library and keep the current article selected."""
        self._refresh_keep_selection()

    def _article_changed(self, _article_id: int) -> None:
        self._reload_soon()

    def _reload_soon(self) -> None:
        """Reload on the next turn of the event loop, once for all the changes that arrive in this one.

        Opening a chapter changes it (its position) and opens it: one reload of a library of long books, not two,
        and after the reading view has drawn the chapter.
        """
        if not self._reload_pending:
            self._reload_pending = True
            QTimer.singleShot(0, self._reload_pending_now)

    def _reload_pending_now(self) -> None:
        self._reload_pending = False
        if self._opened_id is not None:
            self._reload_opened()
        else:
            self._refresh_keep_selection()

    def _filter_edited(self, _text: str) -> None:
        self._filter_timer.start()

    def _refresh_keep_selection(self) -> None:
        current = self.current_article()
        self.model.reload()
        self._restore_expansion()
        if current is not None:
            self.select_article(current)

    def _restore_expansion(self) -> None:
        for row, entry in enumerate(self.model.entries):
            if isinstance(entry, BookSummary) and (entry.id in self._expanded or self.model.filter_text):
                self.list.setExpanded(self.model.index(row), True)

    def _book_expanded(self, index: QModelIndex) -> None:
        book_id = index.data(LibraryRoles.BOOK_ID)
        if book_id is not None:
            self._expanded.add(int(book_id))

    def _book_collapsed(self, index: QModelIndex) -> None:
        self._expanded.discard(int(index.data(LibraryRoles.BOOK_ID) or 0))

    def _opened(self, article_id: int) -> None:
        """An article was opened: re-sort (it is now the most recent) and select it, after the view has drawn it.

        Deferred to the next turn of the event loop so that the reading view, the Contents tab and this list each
        take their own short turn instead of one long one (a book of hundreds of chapters).
        """
        self._opened_id = article_id
        self._reload_soon()

    def _reload_opened(self) -> None:
        if self._opened_id is None:
            return
        opened, self._opened_id = self._opened_id, None
        self.model.reload()
        self._restore_expansion()
        self.select_article(opened)

    def current_article(self) -> int | None:
        """The selected article's (or chapter's) id; ``None`` when nothing or a book's row is selected."""
        index = self.list.currentIndex()
        return index.data(LibraryRoles.ARTICLE_ID) if index.isValid() else None

    def select_article(self, article_id: int) -> None:
        """Select the row of ``article_id`` without opening it, unfolding its book."""
        index = self.model.index_of(article_id)
        if not index.isValid():
            return
        if index.parent().isValid():
            self.list.setExpanded(index.parent(), True)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)

    def _apply_filter(self) -> None:
        """Filter by title at once; the articles whose text matches are added when a worker has found them."""
        text = self.filter.text().strip()
        self.model.filter_text = text
        self.model.content_match = set()
        self._refresh_keep_selection()
        if not text:
            self.app.dispatcher.cancel(FILTER_TASK)
            return
        search = self.app.search

        def work(job: Job) -> tuple[str, set[int]]:
            return text, search.matching_articles(text)

        self.app.dispatcher.start(
            FILTER_TASK, work, on_finished=self._content_matched, on_failed=self._filter_failed, owner=self
        )

    def _content_matched(self, result: tuple[str, set[int]]) -> None:
        text, ids = result
        if text != self.model.filter_text:
            return  # the filter changed meanwhile; its own search is on its way
        self.model.content_match = ids
        self._refresh_keep_selection()
        self.filtered.emit()

    def _filter_failed(self, message: str) -> None:
        log.warning("library filter: %s", message)  # titles still filter; the text search is a bonus

    def _apply_sort(self) -> None:
        self.model.sort_order = self.sort.currentData()
        self._refresh_keep_selection()

    def _activated(self, index: QModelIndex) -> None:
        summary = index.data(LibraryRoles.SUMMARY)
        if isinstance(summary, BookSummary):
            self.list.setExpanded(index, True)
            chapter = summary.current_chapter
            if chapter is not None:
                self.open_requested.emit(chapter.id)
            return
        article_id = index.data(LibraryRoles.ARTICLE_ID)
        if article_id is not None:
            self.open_requested.emit(int(article_id))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        if not index.isValid():
            return
        summary = index.data(LibraryRoles.SUMMARY)
        menu = QMenu(self)
        if isinstance(summary, BookSummary):
            book_id = summary.id
            actions: list[tuple[str, Any]] = [
                ("Open", lambda: self._activated(index)),
                ("Rename Book…", lambda: self.rename_book(book_id)),
                ("Delete Book…", lambda: self.delete_book(book_id)),
            ]
        else:
            article_id = int(index.data(LibraryRoles.ARTICLE_ID))
            actions = [
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

    def rename_book(self, book_id: int) -> None:
        """Ask for a book's new title."""
        title = self._ask_title("Rename Book", self.model.books.get_book(book_id).title)
        if title:
            self.model.books.rename(book_id, title)
            self.app.hub.library_changed.emit()

    def delete_book(self, book_id: int) -> None:
        """Delete a book and its chapters after confirming; ask separately about highlights and bookmarks."""
        books = self.model.books
        book = books.get_book(book_id)
        self._delete_after_asking(
            "Delete Book",
            f"Delete “{book.title}” and its {len(book.chapters)} chapters from the library?",
            books.annotation_count(book_id),
            lambda with_annotations: books.delete_book(book_id, with_annotations=with_annotations),
        )

    def rename(self, article_id: int) -> None:
        """Ask for a new title."""
        title = self._ask_title("Rename Article", self.app.library.get_summary(article_id).title)
        if title:
            self.app.library.rename(article_id, title)
            self.app.hub.article_changed.emit(article_id)

    def _ask_title(self, caption: str, current: str) -> str:
        """Ask for a new title in place of ``current``; ``""`` if cancelled or left blank."""
        title, accepted = QInputDialog.getText(self, caption, "Title:", text=current)
        return title.strip() if accepted else ""

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
        library = self.app.library
        self._delete_after_asking(
            "Delete Article",
            f"Delete “{library.get_summary(article_id).title}” from the library?",
            library.annotation_count(article_id),
            lambda with_annotations: library.delete_article(article_id, with_annotations=with_annotations),
        )

    def _delete_after_asking(
        self, caption: str, question: str, annotations: int, delete: Callable[[bool], object]
    ) -> None:
        """Ask before deleting, then ``delete(with_annotations)`` unless cancelled, and refresh the library."""
        with_annotations = self._confirm_delete(caption, question, annotations)
        if with_annotations is not None:
            delete(with_annotations)
            self.app.hub.library_changed.emit()

    def _confirm_delete(self, caption: str, question: str, annotations: int) -> bool | None:
        """Ask before deleting: ``None`` to cancel, else whether highlights and bookmarks go too."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(caption)
        box.setText(question)
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
            return None
        return clicked is everything
