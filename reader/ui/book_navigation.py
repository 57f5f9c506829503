"""Reading a book: the table of contents panel and the Next/Previous Chapter actions.

When the open article is a chapter of a book, the Contents panel lists the book's chapters in reading order
with how far each is read (the open one selected), and View ▸ Next Chapter (Ctrl+PgDown) and Previous Chapter
(Ctrl+PgUp) move through the book — the keys of e-book readers such as Calibre's viewer, and on macOS Qt maps
Ctrl to ⌘. A chapter opens at its saved position. For a single article the actions are disabled and the panel
says so. Everything goes through the hub: ``article_opened`` in, ``open_article_requested`` out.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.store.books import Books, BookSummary
from reader.ui.actions import make_action
from reader.ui.context import AppContext

_NO_BOOK = (
    "The open article is not part of a book. Books (EPUB, or a novel with chapter headings) list their chapters here."
)


class ContentsPanel(QWidget):
    """The table of contents of the open book: its title, progress and chapters; click one to open it."""

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ContentsPanel")
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setText(_NO_BOOK)
        self.list = QListWidget(self)
        self.list.setObjectName("ContentsList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.book: BookSummary | None = None
        self.current: int | None = None
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)

    def show_book(self, book: BookSummary | None, current: int | None) -> None:
        """List ``book``'s chapters with ``current`` (an article id) selected; ``None`` for a single article."""
        same_rows = self._rows_of(book) == self._rows_of(self.book) and book is not None
        self.book, self.current = book, current
        if book is None:
            self.list.clear()
            self.heading.setText(_NO_BOOK)
            self.heading.setToolTip("")
            return
        self.heading.setToolTip(book.blurb or "")
        author = f" — {book.author}" if book.author else ""
        self.heading.setText(
            f"{book.title}{author}\n{book.chapters_read} of {len(book.chapters)} chapters read · "
            f"{book.progress:.0%} of the book"
        )
        if same_rows:
            self._update_items(book, current)  # the next chapter of the same book: no new list of hundreds of rows
        else:
            self._fill(book, current)
        if self.list.currentItem() is not None:
            self.list.scrollToItem(self.list.currentItem(), QAbstractItemView.ScrollHint.PositionAtCenter)

    @staticmethod
    def _rows_of(book: BookSummary | None) -> list[tuple[int, str, str | None]]:
        return [(c.id, c.title, c.chapter_part) for c in book.chapters] if book is not None else []

    def _fill(self, book: BookSummary, current: int | None) -> None:
        self.list.clear()
        part = None
        for chapter in book.chapters:
            if chapter.chapter_part and chapter.chapter_part != part:
                part = chapter.chapter_part
                header = QListWidgetItem(part)
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                self.list.addItem(header)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, chapter.id)
            self.list.addItem(item)
        self._update_items(book, current)

    def _update_items(self, book: BookSummary, current: int | None) -> None:
        """Write each chapter row's text, tip and boldness (the rows already stand in reading order)."""
        chapters = iter(enumerate(book.chapters, 1))
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) is None:
                continue  # a part's header row
            number, chapter = next(chapters)
            read = " ✓" if chapter.progress >= 0.95 else f"  {chapter.progress:.0%}" if chapter.progress > 0 else ""
            item.setText(f"{number}. {chapter.title}{read}")
            item.setToolTip(f"{chapter.title}\n{chapter.char_count:,} characters · {chapter.progress:.0%} read")
            if item.font().bold() != (chapter.id == current):
                font = QFont(item.font())
                font.setBold(chapter.id == current)
                item.setFont(font)
            if chapter.id == current:
                self.list.setCurrentItem(item)

    def showEvent(self, event: QShowEvent) -> None:
        """Bring the open chapter into view when the panel appears."""
        super().showEvent(event)
        if self.list.currentItem() is not None:
            self.list.scrollToItem(self.list.currentItem(), QAbstractItemView.ScrollHint.PositionAtCenter)

    def _clicked(self, item: QListWidgetItem) -> None:
        article_id = item.data(Qt.ItemDataRole.UserRole)
        if article_id is not None and article_id != self.current:
            self.open_requested.emit(int(article_id))


class BookNavigation(QObject):
    """Owns the Contents panel and the chapter actions, following the article the window shows."""

    def __init__(self, app: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.app = app
        self.books = Books(app.library)
        self.article_id: int | None = None
        self._refresh_pending = False
        self.panel = ContentsPanel(parent)
        self.act_next = make_action(
            parent, "Next C&hapter", self.next_chapter, "Ctrl+PgDown", tip="Open the next chapter of the book"
        )
        self.act_previous = make_action(
            parent,
            "Previous Chapte&r",
            self.previous_chapter,
            "Ctrl+PgUp",
            tip="Open the previous chapter of the book",
        )
        self.act_contents = make_action(
            parent,
            "Table of &Contents",
            self.show_contents,
            "Ctrl+Shift+O",
            tip="List the chapters of the open book",
        )
        self.act_next.setEnabled(False)
        self.act_previous.setEnabled(False)
        self.panel.open_requested.connect(self._open)
        app.hub.article_opened.connect(self.article_opened)
        app.hub.article_changed.connect(self._article_changed)
        app.hub.library_changed.connect(self.refresh_soon)

    def actions(self) -> list[QAction]:
        """The actions for the View menu, in menu order."""
        return [self.act_contents, self.act_previous, self.act_next]

    def article_opened(self, article_id: int) -> None:
        """The window shows ``article_id``: enable the actions that apply, and list its book on the next turn."""
        self.article_id = article_id if article_id >= 0 else None
        self.act_previous.setEnabled(
            self.article_id is not None and self.books.neighbour(self.article_id, -1) is not None
        )
        self.act_next.setEnabled(self.article_id is not None and self.books.neighbour(self.article_id, 1) is not None)
        self.refresh_soon()  # a long table of contents waits until the chapter is drawn

    def _article_changed(self, article_id: int) -> None:
        if self.panel.book is not None and any(c.id == article_id for c in self.panel.book.chapters):
            self.refresh_soon()  # its progress or title changed

    def refresh_soon(self) -> None:
        """Refresh on the next turn of the event loop, once however many changes arrive in this one."""
        if not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self.refresh)

    def refresh(self) -> None:
        """Read the open article's book again (chapters, progress) and update the panel and actions."""
        self._refresh_pending = False
        article_id = self.article_id
        book_id = self.books.book_of(article_id) if article_id is not None else None
        try:
            book = self.books.get_book(book_id) if book_id is not None else None
        except Exception:  # the book was deleted meanwhile: show the article as a single one
            book = None
        self.panel.show_book(book, article_id)
        ids = [chapter.id for chapter in book.chapters] if book is not None else []
        position = ids.index(article_id) if article_id in ids else -1
        self.act_previous.setEnabled(position > 0)
        self.act_next.setEnabled(0 <= position < len(ids) - 1)

    def next_chapter(self) -> None:
        """Open the chapter after the open one."""
        self._step(1)

    def previous_chapter(self) -> None:
        """Open the chapter before the open one."""
        self._step(-1)

    def _step(self, step: int) -> None:
        if self.article_id is None:
            return
        target = self.books.neighbour(self.article_id, step)
        if target is None:
            self.app.hub.status_message.emit("This is the last chapter." if step > 0 else "This is the first chapter.")
            return
        self._open(target)

    def _open(self, article_id: int) -> None:
        self.app.hub.open_article_requested.emit(article_id, -1)

    def show_contents(self) -> None:
        """Show the Contents panel: select its tab and show the dock it sits in."""
        widget = self.panel.parentWidget()
        while widget is not None:
            if isinstance(widget, QTabWidget) and widget.indexOf(self.panel) >= 0:
                widget.setCurrentWidget(self.panel)
            if isinstance(widget, QDockWidget):
                widget.show()
                widget.raise_()
            widget = widget.parentWidget()
        self.panel.list.setFocus()
