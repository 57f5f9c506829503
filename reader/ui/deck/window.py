"""The vocabulary deck window: every saved word in a searchable, sortable, editable table with a detail pane.

Open it with :meth:`DeckWindow.open_for` (one window per main window, raised if already open). The table pages
lazily over the store (see :mod:`reader.ui.deck.model`), so 50,000 entries open and filter as fast as fifty.
Edits, deletions, status and tag changes are undoable with the window's own undo stack (Ctrl+Z, Ctrl+Shift+Z);
after each the window emits ``deck_changed`` and ``word_status_changed`` on the hub, and it refreshes (keeping
the selection) when anyone else emits them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSignalBlocker,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QCloseEvent, QFontMetrics, QGuiApplication, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.dictionary.entries import hsk_label
from reader.core.errors import ReaderError
from reader.core.model import BLOCK_SEPARATOR, Article
from reader.core.pinyin.styles import format_reading
from reader.core.store.deck import DeckEntry, DeckQuery, EntryEdit
from reader.core.store.words import ENTRY_STATUSES, WordStatus
from reader.ui.actions import make_action
from reader.ui.context import AppContext
from reader.ui.deck.delegates import MultiLineDelegate, PinyinDelegate, SentenceDelegate, StatusDelegate
from reader.ui.deck.detail import DeckDetailPane
from reader.ui.deck.filters import DeckFilterBar
from reader.ui.deck.model import (
    COLUMN_TITLES,
    EDITABLE_FIELDS,
    SORT_COLUMNS,
    STATUS_LABELS,
    DeckColumn,
    DeckTableModel,
)
from reader.ui.theme import colors, default_cjk_family
from reader.ui.view_actions import CallbackCommand

log = logging.getLogger(__name__)

#: Dispatcher task that finds the paragraph of an entry's article.
OPEN_TASK = "deck-open-source"
#: How long the "Deleted … — Undo" message stays, in milliseconds.
UNDO_MESSAGE_MS = 15_000
_COLUMN_WIDTHS = {
    DeckColumn.WORD: 96,
    DeckColumn.TRADITIONAL: 86,
    DeckColumn.PINYIN: 120,
    DeckColumn.DEFINITION: 260,
    DeckColumn.SENTENCE: 280,
    DeckColumn.STATUS: 96,
    DeckColumn.TAGS: 110,
    DeckColumn.NOTE: 140,
    DeckColumn.SOURCE: 160,
    DeckColumn.ADDED: 92,
}


def count_text(shown: int, total: int, filtered: bool) -> str:
    """The count under the filter bar: ``1,234 of 50,000 words`` (filtered) or ``50,000 words``."""
    noun = "word" if total == 1 else "words"
    return f"{shown:,} of {total:,} {noun}" if filtered else f"{total:,} {noun}"


def entries_text(count: int) -> str:
    """``1 entry``, ``3 entries``."""
    return f"{count:,} entr{'y' if count == 1 else 'ies'}"


def block_at(article: Article, position: int | None) -> int:
    """The index of the block holding character ``position`` of the article's text (-1 if unknown)."""
    if position is None or position < 0 or not article.blocks:
        return -1
    for index, block in enumerate(article.blocks):
        if position < block.end + len(BLOCK_SEPARATOR):
            return index
    return len(article.blocks) - 1  # the text got shorter since the word was saved: show the end


class DeckWindow(QMainWindow):
    """The deck: search, filter, sort, edit in place, delete with undo, export, and jump to a word's article."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.app = app
        self.setWindowTitle("Vocabulary Deck — Reader")
        self.setObjectName("DeckWindow")
        self.undo_stack = QUndoStack(self)
        self.family = app.view_settings.font_family or default_cjk_family()
        self.model = DeckTableModel(app.deck, self.family, self)
        self._stale = False  # the deck changed while the window was hidden
        self._notifying = False  # our own hub signals: refresh once, not per signal
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self._build_central()
        self.follow_pinyin_style()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self.model.set_query(self.filters.query(DeckQuery()))
        self._after_reload()
        self._restore_state()

    @classmethod
    def open_for(cls, app: AppContext, parent: QWidget | None = None) -> DeckWindow:
        """Show the deck window of ``parent`` (created the first time, raised afterwards) and return it."""
        existing = parent.findChild(cls) if parent is not None else None
        window = existing or cls(app, parent)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    # -- construction --------------------------------------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget(self)
        self.filters = DeckFilterBar(self.app.deck, central)
        self.count_label = QLabel(central)
        self.count_label.setObjectName("DeckCount")
        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        top.addWidget(self.count_label)
        self.table = self._build_table(central)
        self.detail = DeckDetailPane(colors, self.family, lambda: self.app.view_settings.tone_colors, central)
        self.detail.setMinimumWidth(220)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([900, 320])
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.resize(1280, 720)

    def _build_table(self, parent: QWidget) -> QTableView:
        table = QTableView(parent)
        table.setObjectName("DeckTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Double-click and Enter open the article; F2 or a click on a selected row edits.
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vertical = table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(QFontMetrics(self.model.word_font).height() + 10)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for column, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setStretchLastSection(False)
        header.setSortIndicator(SORT_COLUMNS[self.model.query.sort], Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        table.setSortingEnabled(True)
        tones = lambda: colors().tones if self.app.view_settings.tone_colors else None  # noqa: E731
        self.pinyin_delegate = PinyinDelegate(tones, table)
        self.status_delegate = StatusDelegate(table)
        self.text_delegate = MultiLineDelegate(table)
        self.sentence_delegate = SentenceDelegate(table)
        table.setItemDelegateForColumn(DeckColumn.SENTENCE, self.sentence_delegate)
        table.setItemDelegateForColumn(DeckColumn.PINYIN, self.pinyin_delegate)
        table.setItemDelegateForColumn(DeckColumn.STATUS, self.status_delegate)
        table.setItemDelegateForColumn(DeckColumn.DEFINITION, self.text_delegate)
        table.setItemDelegateForColumn(DeckColumn.NOTE, self.text_delegate)
        return table

    def _build_actions(self) -> None:
        table_actions: list[QAction] = []

        def on_table(action: QAction) -> QAction:
            """Keys that mean something else in the search field only act when the table has the focus."""
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            table_actions.append(action)
            return action

        self.act_export = make_action(
            self,
            "&Export Deck…",
            self.export,
            "Ctrl+E",
            tip="Write the deck (or the filtered entries) for Anki or Pleco",
        )
        self.act_known = make_action(
            self, "&Import Known Words…", self.import_known, tip="Mark words you know: HSK levels, word lists, Anki"
        )
        self.act_close = make_action(self, "&Close", self.close, QKeySequence.StandardKey.Close)
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts(QKeySequence.StandardKey.Redo)  # the platform's key, as in the main window
        self.act_delete = on_table(
            make_action(self, "&Delete", self.delete_selected, tip="Remove the selected entries from the deck")
        )
        self.act_delete.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")])
        self.act_copy = on_table(make_action(self, "&Copy", self.copy_selected, QKeySequence.StandardKey.Copy))
        self.act_find = make_action(self, "&Find…", self.focus_search, QKeySequence.StandardKey.Find)
        self.act_open = on_table(
            make_action(self, "&Open in Article", self.open_source, "Return", tip="Show the word where you found it")
        )
        self.act_open.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.status_actions = {
            status: make_action(
                self, f"Mark as &{STATUS_LABELS[status]}", lambda s=status: self.set_status(s), f"Ctrl+{number}"
            )
            for number, status in enumerate(ENTRY_STATUSES, start=1)
        }
        self.act_add_tag = make_action(self, "&Add Tag…", self.add_tag)
        self.act_remove_tag = make_action(self, "&Remove Tag…", self.remove_tag)
        self.act_edit_definition = make_action(
            self, "Edit &Definition", lambda: self.edit_column(DeckColumn.DEFINITION)
        )
        self.act_edit_note = make_action(self, "Edit &Note", lambda: self.edit_column(DeckColumn.NOTE))
        self.act_edit_tags = make_action(self, "Edit Ta&gs", lambda: self.edit_column(DeckColumn.TAGS))
        self.table.addActions(table_actions)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_export, self.act_known])
        file_menu.addSeparator()
        file_menu.addAction(self.act_close)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_copy, self.act_delete])
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_find)
        self.entry_menu = bar.addMenu("E&ntry")
        self._fill_entry_menu(self.entry_menu)

    def _fill_entry_menu(self, menu: QMenu) -> None:
        menu.addAction(self.act_open)
        menu.addSeparator()
        menu.addActions(list(self.status_actions.values()))
        menu.addSeparator()
        menu.addActions([self.act_add_tag, self.act_remove_tag])
        menu.addSeparator()
        menu.addActions([self.act_edit_definition, self.act_edit_note, self.act_edit_tags])

    def _build_status_bar(self) -> None:
        self.undo_label = QLabel(self)
        self.undo_label.setObjectName("DeckUndoMessage")
        self.undo_label.setTextFormat(Qt.TextFormat.RichText)
        self.undo_label.linkActivated.connect(lambda _link: self.undo_stack.undo())
        self.undo_label.hide()
        self.statusBar().addWidget(self.undo_label, 1)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MESSAGE_MS)
        self._undo_timer.timeout.connect(self.undo_label.hide)

    def _connect(self) -> None:
        hub = self.app.hub
        hub.deck_changed.connect(self._hub_changed)
        hub.word_status_changed.connect(self._hub_changed)
        self.filters.changed.connect(self.apply_filters)
        self.model.edited.connect(self._edited)
        self.model.failed.connect(self.show_message)
        self.model.modelReset.connect(self._update_count)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda index: self.open_source(index.row()))
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._header_menu)
        self.detail.open_requested.connect(self.open_source)

    # -- window state --------------------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = self.app.settings
        for key, restore in (
            ("deck/geometry", self.restoreGeometry),
            ("deck/header", self.table.horizontalHeader().restoreState),
            ("deck/splitter", self.splitter.restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = self.app.settings
        settings.setValue("deck/geometry", self.saveGeometry())
        settings.setValue("deck/header", self.table.horizontalHeader().saveState())
        settings.setValue("deck/splitter", self.splitter.saveState())
        self.app.dispatcher.cancel(OPEN_TASK)
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    # -- filtering and refreshing --------------------------------------------------------------------------------

    def current_query(self) -> DeckQuery:
        """The query the table shows: search, status, tag and article filters, and the sort order."""
        return self.model.query

    def apply_filters(self) -> None:
        """List the entries matching the filter bar (keeping the sort order and, where possible, the selection)."""
        query = self.filters.query(self.model.query)
        if query != self.model.query:
            self._keeping_selection(lambda: self.model.set_query(query), keep_scroll=False)

    def refresh(self) -> None:
        """Read the deck again (someone changed it), keeping the filter, the sort order and the selection."""
        self._refresh_timer.stop()
        self._stale = False
        self.filters.refresh_choices()
        query = self.filters.query(self.model.query)  # a chosen tag may have disappeared
        if query != self.model.query:
            self.model.query = query
        self._keeping_selection(self.model.reload, keep_scroll=True)

    def _keeping_selection(self, reload: Callable[[], object], *, keep_scroll: bool) -> None:
        selected = self.selected_ids()
        current = self._current_id()
        scroll = self.table.verticalScrollBar().value()
        reload()
        if self.table.selectionModel().hasSelection() or not selected:
            self._after_reload()
            return
        found = self.select_ids(selected, current=current)
        if keep_scroll and not found:
            self.table.verticalScrollBar().setValue(scroll)
        self._after_reload()

    def _after_reload(self) -> None:
        self._update_count()
        self._selection_changed()

    def _hub_changed(self) -> None:
        if self._notifying:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._refresh_timer.start()

    def _update_count(self) -> None:
        self.count_label.setText(count_text(len(self.model.ids), self.model.total, self.model.filtered))

    # -- selection -----------------------------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """Ids of the selected entries, in table order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.ids[row] for row in rows if row < len(self.model.ids)]

    def selected_entries(self) -> list[DeckEntry]:
        """The selected entries, in table order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [entry for row in rows if (entry := self.model.entry(row)) is not None]

    def _current_id(self) -> int | None:
        row = self.table.currentIndex().row()
        return self.model.ids[row] if 0 <= row < len(self.model.ids) else None

    def select_ids(self, ids: list[int], *, current: int | None = None) -> int:
        """Select the rows of these entries (those the filter shows); return how many were found."""
        rows = sorted(row for row in (self.model.row_of(i) for i in ids) if row >= 0)
        selection = QItemSelection()
        last = len(DeckColumn) - 1
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        model = self.table.selectionModel()
        if rows:
            current_row = self.model.row_of(current) if current is not None else -1
            current_row = current_row if current_row >= 0 else rows[0]
            model.setCurrentIndex(self.model.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(self.model.index(current_row, 0))
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return len(rows)

    def follow_pinyin_style(self) -> None:
        """Write pinyin in the table, the detail pane and copies as Preferences say (tone marks, numbers, zhuyin)."""
        style = self.app.view_settings.pinyin_style
        self.model.set_pinyin_style(style)
        if self.detail.pinyin_style is not style:
            self.detail.pinyin_style = style
            if self.detail.entry is not None:
                self._selection_changed()

    def show_entries(self, word: str, ids: list[int]) -> None:
        """Select the entries ``ids`` of ``word``; if the filters hide them, clear the filters and search the word."""
        if self.select_ids(ids, current=ids[0] if ids else None):
            return
        for combo in (self.filters.status_combo, self.filters.tag_combo, self.filters.article_combo):
            combo.setCurrentIndex(0)
        self.filters.set_search(word)
        self.select_ids(ids, current=ids[0] if ids else None)

    def _selection_changed(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        entries = self.selected_entries()[:1] if count == 1 else []
        hsk = ""
        dictionary = getattr(self.app.services, "dictionary", None)
        if entries and dictionary is not None and dictionary.ready:
            try:
                hsk = hsk_label(dictionary.hsk_level(entries[0].simplified))
            except Exception:  # a nicety: never let the dictionary break the pane
                log.debug("HSK level lookup failed", exc_info=True)
        if self.model.total == 0:
            self.detail.setHtml(
                "<p>Your deck is empty.</p><p>In the reading window, click a word and press <b>A</b> "
                "(or “Add to Deck” in its pop-up): it is saved here with its sentence and translation.</p>"
            )
        else:
            self.detail.show_entries(entries, count, hsk)
        has_selection = count > 0
        for action in (
            self.act_delete,
            self.act_copy,
            self.act_add_tag,
            self.act_remove_tag,
            *self.status_actions.values(),
        ):
            action.setEnabled(has_selection)
        single = count == 1
        for action in (self.act_open, self.act_edit_definition, self.act_edit_note, self.act_edit_tags):
            action.setEnabled(single)

    # -- changing entries ----------------------------------------------------------------------------------------

    def _edited(self, edit: EntryEdit) -> None:
        """An inline edit was saved: put it on the undo stack and tell the rest of the application."""
        column = next(
            (c for c, name in EDITABLE_FIELDS.items() if getattr(edit.before, name) != getattr(edit.after, name)), None
        )
        label = COLUMN_TITLES[column].lower() if column is not None else "entry"
        deck = self.app.deck

        statuses = edit.before.status != edit.after.status

        def redo() -> None:
            deck.restore([edit.after])
            self._select_after_undo([edit.after.id], statuses=statuses)

        def undo() -> None:
            deck.restore([edit.before])
            self._select_after_undo([edit.before.id], statuses=statuses)

        self.undo_stack.push(
            CallbackCommand(f"Edit {label} of {edit.before.simplified}", self._guarded(redo), self._guarded(undo))
        )
        self._notify(statuses=statuses)
        self.show_message(f"Saved the {label} of {edit.after.simplified}.")

    def delete_selected(self) -> None:
        """Delete the selected entries (undoable: Ctrl+Z or the status bar's Undo brings them back, same ids)."""
        ids = self.selected_ids()
        if not ids:
            return
        deck = self.app.deck
        current = self._current_id()
        row = self.table.currentIndex().row()
        try:
            deleted = deck.delete(ids)
        except ReaderError as error:
            self.show_message(str(error))
            return
        text = entries_text(len(deleted))

        def redo() -> None:
            deck.delete(ids)
            self._notify(statuses=True)
            self._show_undo(f"Deleted {text}")

        def undo() -> None:
            deck.restore(deleted)
            self._select_after_undo([entry.id for entry in deleted], statuses=True, current=current)
            self.show_message(f"Restored {text}.")

        self.undo_stack.push(CallbackCommand(f"Delete {text}", self._guarded(redo), self._guarded(undo)))
        self._notify(statuses=True)
        if self.model.ids:
            next_row = min(max(row, 0), len(self.model.ids) - 1)
            self.table.setCurrentIndex(self.model.index(next_row, 0))
        self._show_undo(f"Deleted {text}")

    def set_status(self, status: WordStatus) -> None:
        """Give the selected entries one status (undoable)."""
        ids = self.selected_ids()
        if not ids:
            return
        deck = self.app.deck
        try:
            before = deck.set_status(ids, status)
        except ReaderError as error:
            self.show_message(str(error))
            return
        if not before:
            self.show_message(f"Already {STATUS_LABELS[status].lower()}.")
            return
        text = entries_text(len(before))

        def redo() -> None:
            deck.set_status([entry.id for entry in before], status)
            self._notify(statuses=True)

        def undo() -> None:
            deck.restore(before)
            self._select_after_undo([entry.id for entry in before], statuses=True)

        self.undo_stack.push(
            CallbackCommand(f"Mark {text} as {STATUS_LABELS[status]}", self._guarded(redo), self._guarded(undo))
        )
        self._notify(statuses=True)
        self.show_message(f"Marked {text} as {STATUS_LABELS[status].lower()}.")

    def add_tag(self, tag: str | None = None) -> None:
        """Add a tag to the selected entries (asks for it unless given; undoable)."""
        self._change_tags(tag, adding=True)

    def remove_tag(self, tag: str | None = None) -> None:
        """Remove a tag from the selected entries (asks for it unless given; undoable)."""
        self._change_tags(tag, adding=False)

    def _change_tags(self, tag: str | None, *, adding: bool) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if tag is None:
            tag = self._ask_tag(adding)
            if not tag:
                return
        deck = self.app.deck
        add, remove = ([tag], []) if adding else ([], [tag])
        try:
            before = deck.tag(ids, add=add, remove=remove)
        except ReaderError as error:
            self.show_message(str(error))
            return
        text = entries_text(len(before))
        verb = "Tagged" if adding else "Untagged"
        if not before:
            self.show_message("No entry changed.")
            return

        def redo() -> None:
            deck.tag([entry.id for entry in before], add=add, remove=remove)
            self._notify(statuses=False)

        def undo() -> None:
            deck.restore(before)
            self._select_after_undo([entry.id for entry in before], statuses=False)

        label = f"{'Add' if adding else 'Remove'} tag {tag}"
        self.undo_stack.push(CallbackCommand(label, self._guarded(redo), self._guarded(undo)))
        self._notify(statuses=False)
        self.show_message(f"{verb} {text} “{tag}”.")

    def _ask_tag(self, adding: bool) -> str:
        if adding:
            tags = [tag for tag, _count in self.app.deck.all_tags()]
        else:
            tags = sorted({tag for entry in self.selected_entries() for tag in entry.tags}, key=str.casefold)
            if not tags:
                self.show_message("The selected entries have no tags.")
                return ""
        title = "Add Tag" if adding else "Remove Tag"
        label = "Tag to add to the selected entries:" if adding else "Tag to remove from the selected entries:"
        tag, accepted = QInputDialog.getItem(self, title, label, tags, 0, adding)
        return tag.strip() if accepted else ""

    def edit_column(self, column: DeckColumn) -> None:
        """Start editing ``column`` of the current row."""
        row = self.table.currentIndex().row()
        if row >= 0:
            index = self.model.index(row, column)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def _guarded(self, action: Callable[[], None]) -> Callable[[], None]:
        """Run an undo or redo step; a refusal from the store becomes a message, never an exception in Qt."""

        def run() -> None:
            try:
                action()
            except ReaderError as error:
                self.show_message(str(error))

        return run

    def _select_after_undo(self, ids: list[int], *, statuses: bool, current: int | None = None) -> None:
        self._notify(statuses=statuses)
        self.select_ids(ids, current=current)

    def _notify(self, *, statuses: bool) -> None:
        """Tell the application the deck changed (and maybe word statuses), then refresh once."""
        self._notifying = True
        try:
            self.app.hub.deck_changed.emit()
            if statuses:
                self.app.hub.word_status_changed.emit()
        finally:
            self._notifying = False
        self.refresh()

    # -- other actions -------------------------------------------------------------------------------------------

    def open_source(self, row: int | None = None) -> None:
        """Open the article the entry in ``row`` (default: the current row) came from, at the word's paragraph."""
        if not isinstance(row, int):
            row = self.table.currentIndex().row()
        entry = self.model.entry(row)
        if entry is None:
            return
        if entry.article_id is None:
            where = f"“{entry.article_title}” is" if entry.article_title else "The article of this word is"
            self.show_message(f"{where} not in the library any more.")
            return
        article_id, position = entry.article_id, entry.position
        library = self.app.library

        def work(_job: object) -> int:
            return block_at(library.load_article(article_id), position)

        self.app.dispatcher.start(
            OPEN_TASK, work, on_finished=lambda block: self._open(article_id, block), on_failed=self.show_message
        )

    def _open(self, article_id: int, block: int) -> None:
        self.app.hub.open_article_requested.emit(article_id, block)
        parent = self.parentWidget()
        if parent is not None:
            parent.window().raise_()
            parent.window().activateWindow()

    def copy_selected(self) -> None:
        """Copy the selected entries as lines of word, pinyin and meaning (tab-separated)."""
        style = self.model.pinyin_style
        lines = [
            f"{e.simplified}\t{format_reading(e.pinyin, style)}\t{'; '.join(e.definition.splitlines())}"
            for e in self.selected_entries()
        ]
        if lines:
            QGuiApplication.clipboard().setText("\n".join(lines))

    def focus_search(self) -> None:
        """Put the cursor in the search field."""
        self.filters.search_field.setFocus()
        self.filters.search_field.selectAll()

    def export(self) -> None:
        """Open the export dialog, offering the table's current filter as a choice."""
        from reader.ui.dialogs.export_deck import ExportDeckDialog

        result, _accepted = ExportDeckDialog.export(self.app, self, self.current_query())
        if result is not None:
            self.show_message(f"Exported {entries_text(result.count)} to {result.path}.")

    def import_known(self) -> None:
        """Open the Import Known Words dialog."""
        from reader.ui.dialogs.known_words import KnownWordsDialog

        KnownWordsDialog.run(self.app, self)

    def show_message(self, text: str) -> None:
        """A short message in the window's status bar."""
        self.undo_label.hide()
        self.statusBar().showMessage(text, 10_000)

    def _show_undo(self, text: str) -> None:
        self.statusBar().clearMessage()
        self.undo_label.setText(f"{text} — <a href='undo'>Undo</a>")
        self.undo_label.show()
        self._undo_timer.start()

    def _table_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        self._fill_entry_menu(menu)
        menu.addSeparator()
        menu.addActions([self.act_copy, self.act_delete])
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _header_menu(self, position: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in DeckColumn:
            action = menu.addAction(COLUMN_TITLES[column])
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != DeckColumn.WORD)
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(position))

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        """Keep the header's arrow on the sorted column when a column the store cannot sort by is clicked."""
        if column in [c.value for c in SORT_COLUMNS.values()]:
            return
        header = self.table.horizontalHeader()
        sorted_order = Qt.SortOrder.DescendingOrder if self.model.query.descending else Qt.SortOrder.AscendingOrder
        with QSignalBlocker(header):
            header.setSortIndicator(self.sort_column(), sorted_order)
        header.viewport().update()

    def sort_by(self, column: DeckColumn, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the table by ``column`` (as a click on its header does)."""
        self.table.sortByColumn(column, order)

    def sort_column(self) -> DeckColumn:
        """The column the table is sorted by."""
        return SORT_COLUMNS[self.model.query.sort]

    def row_index(self, row: int, column: DeckColumn = DeckColumn.WORD) -> QModelIndex:
        """The model index of a cell (for callers that drive the table)."""
        return self.model.index(row, column)
