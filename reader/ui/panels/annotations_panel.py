"""Side panels listing the open article's highlights and notes, and the bookmarks of the whole library."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent
from PySide6.QtWidgets import QInputDialog, QLabel, QListView, QMenu, QPushButton, QVBoxLayout, QWidget

from reader.core.store.annotations import HIGHLIGHT_COLOURS, Bookmark
from reader.core.store.annotations import Highlight as StoredHighlight
from reader.ui.annotation_actions import AnnotationActions
from reader.ui.context import AppContext
from reader.ui.theme import colors

_Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class ItemRoles(IntEnum):
    """Named data roles of the annotation list models."""

    ITEM = Qt.ItemDataRole.UserRole + 1


class ItemListModel(QAbstractListModel, Generic[T]):
    """A list of stored items (highlights or bookmarks), each shown as text by ``describe``."""

    def __init__(self, describe: Callable[[T], ItemView]) -> None:
        super().__init__()
        self.items: list[T] = []
        self._describe = describe

    def set_items(self, items: list[T]) -> None:
        """Show ``items``."""
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == ItemRoles.ITEM:
            return item
        view = self._describe(item)
        if role == Qt.ItemDataRole.DisplayRole:
            return view.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return view.tooltip
        if role == Qt.ItemDataRole.DecorationRole:
            return view.colour
        return None


@dataclass(frozen=True)
class ItemView:
    """How a list row shows an item."""

    text: str
    tooltip: str = ""
    colour: QColor | None = None


def describe_highlight(item: StoredHighlight) -> ItemView:
    """A highlight as a list row: its quote (and note), a swatch of its colour."""
    quote = item.quote if len(item.quote) <= 60 else item.quote[:60] + "…"
    lines = [("(text changed) " if item.orphaned else "") + quote]
    if item.note.strip():
        lines.append("✎ " + item.note.strip())
    colour = QColor(colors().highlights[HIGHLIGHT_COLOURS.index(item.colour)])
    colour.setAlpha(255)
    tooltip = f"{item.quote}\n\n{item.note}" if item.note else item.quote
    return ItemView("\n".join(lines), tooltip, colour)


def describe_bookmark(item: Bookmark) -> ItemView:
    """A bookmark as a list row: its label (or the paragraph's start) and where it is."""
    head = item.label or item.snippet
    return ItemView(f"{head}\n{item.article_title} · ¶{item.block_index + 1}", item.snippet)


class _ItemListPanel(QWidget, Generic[T]):
    """A list of annotations with a hint in its place while it is empty; a click or Enter picks one.

    ``picked`` is what a click or Enter on an item does; ``fill_menu`` adds the item's context-menu actions.
    """

    def __init__(
        self,
        describe: Callable[[T], ItemView],
        name: str,
        empty_text: str,
        parent: QWidget | None,
        *,
        picked: Callable[[T], None],
        fill_menu: Callable[[QMenu, T], None],
    ) -> None:
        super().__init__(parent)
        self._picked = picked
        self._fill_menu = fill_menu
        self.model: ItemListModel[T] = ItemListModel(describe)
        self.list = QListView(self)
        self.list.setObjectName(name)
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.empty = QLabel(empty_text, self)
        self.empty.setWordWrap(True)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(4, 4, 4, 4)
        self.box.addWidget(self.empty)
        self.box.addWidget(self.list, 1)
        self.list.clicked.connect(lambda index: self._picked(index.data(ItemRoles.ITEM)))
        self.list.activated.connect(lambda index: self._picked(index.data(ItemRoles.ITEM)))
        self.list.customContextMenuRequested.connect(self._menu)

    def show_items(self, items: list[T]) -> None:
        """Show ``items``, or the hint if there are none."""
        self.model.set_items(items)
        self.empty.setVisible(not items)

    def _menu(self, pos: QPoint) -> None:
        """Show the context menu of the item at ``pos``."""
        index = self.list.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        self._fill_menu(menu, index.data(ItemRoles.ITEM))
        menu.exec(self.list.viewport().mapToGlobal(pos))


class HighlightsPanel(_ItemListPanel[StoredHighlight]):
    """Lists the open article's highlights; click jumps to one, the context menu edits or removes it."""

    jump_requested = Signal(int, int)  # start, end in the article text

    def __init__(self, actions: AnnotationActions, parent: QWidget | None = None) -> None:
        empty = "No highlights yet. Select text and press Ctrl+1…Ctrl+5 to highlight it."
        super().__init__(
            describe_highlight, "HighlightsList", empty, parent, picked=self._jump_to, fill_menu=self._highlight_menu
        )
        self.annotation_actions = actions
        export = QPushButton("Export as Markdown…", self)
        export.clicked.connect(actions.export_markdown)
        self.box.addWidget(export)
        actions.highlights_loaded.connect(self.show_items)
        self.list.doubleClicked.connect(lambda index: actions.edit_note_of(index.data(ItemRoles.ITEM)))
        self.list.installEventFilter(self)

    def _jump_to(self, item: StoredHighlight) -> None:
        if not item.orphaned:
            self.jump_requested.emit(item.start, item.end)

    def _highlight_menu(self, menu: QMenu, item: StoredHighlight) -> None:
        note = QAction("Edit Note…", menu)
        note.triggered.connect(lambda: self.annotation_actions.edit_note_of(item))
        menu.addAction(note)
        colour_menu = menu.addMenu("Colour")
        for name in HIGHLIGHT_COLOURS:
            action = QAction(name.title(), colour_menu)
            action.triggered.connect(lambda _checked=False, c=name: self.annotation_actions.set_colour(item, c))
            colour_menu.addAction(action)
        remove = QAction("Remove", menu)
        remove.triggered.connect(lambda: self.annotation_actions.remove(item))
        menu.addAction(remove)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        is_key = watched is self.list and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
        if is_key and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.list.currentIndex().isValid():
            self.annotation_actions.remove(self.list.currentIndex().data(ItemRoles.ITEM))
            return True
        return super().eventFilter(watched, event)


class BookmarksPanel(_ItemListPanel[Bookmark]):
    """Lists every bookmark; a click opens its article at the bookmarked paragraph."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        empty = "No bookmarks yet. Press Ctrl+D to bookmark the paragraph you are reading."
        super().__init__(
            describe_bookmark, "BookmarksList", empty, parent, picked=self._open, fill_menu=self._bookmark_menu
        )
        self.app = app
        app.hub.bookmarks_changed.connect(self.reload)
        app.hub.library_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        """Read the bookmarks again."""
        self.show_items([b for b in self.app.annotations.list_bookmarks() if not b.orphaned])

    def _open(self, item: Bookmark) -> None:
        self.app.hub.open_article_requested.emit(item.article_id, item.block_index)

    def _bookmark_menu(self, menu: QMenu, item: Bookmark) -> None:
        label = QAction("Edit Label…", menu)
        label.triggered.connect(lambda: self._edit_label(item))
        remove = QAction("Remove", menu)
        remove.triggered.connect(lambda: self._remove(item))
        menu.addActions([label, remove])

    def _edit_label(self, item: Bookmark) -> None:
        text, accepted = QInputDialog.getText(self, "Bookmark Label", "Label:", text=item.label)
        if accepted:
            self.app.annotations.set_bookmark_label(item.id, text.strip())
            self.app.hub.bookmarks_changed.emit()

    def _remove(self, item: Bookmark) -> None:
        self.app.annotations.delete_bookmark(item.id)
        self.app.hub.bookmarks_changed.emit()
