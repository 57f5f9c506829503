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
from functools import partial

from PySide6.QtCore import QByteArray, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMenu, QSplitter, QVBoxLayout, QWidget

from reader.core.dictionary.entries import hsk_label
from reader.core.model import BLOCK_SEPARATOR, Article
from reader.core.pinyin.styles import format_reading
from reader.core.store.deck import DeckQuery
from reader.core.store.words import ENTRY_STATUSES
from reader.ui.actions import make_action
from reader.ui.context import AppContext
from reader.ui.deck.detail import DeckDetailPane
from reader.ui.deck.editing import DeckEditor, entries_text
from reader.ui.deck.filters import DeckFilterBar
from reader.ui.deck.model import STATUS_LABELS, DeckColumn, DeckTableModel
from reader.ui.deck.table import DeckTable
from reader.ui.theme import colors, default_cjk_family
from reader.ui.widgets import show_one

log = logging.getLogger(__name__)

#: Dispatcher task that finds the paragraph of an entry's article.
OPEN_TASK = "deck-open-source"
#: How long the "Deleted … — Undo" message stays, in milliseconds.
UNDO_MESSAGE_MS = 15_000


def count_text(shown: int, total: int, filtered: bool) -> str:
    """The count under the filter bar: ``1,234 of 50,000 words`` (filtered) or ``50,000 words``."""
    noun = "word" if total == 1 else "words"
    return f"{shown:,} of {total:,} {noun}" if filtered else f"{total:,} {noun}"


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
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self._build_central()
        self.follow_pinyin_style()
        self.editor = DeckEditor(self)
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
        return show_one(cls, parent, lambda: cls(app, parent))

    # -- construction --------------------------------------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget(self)
        self.filters = DeckFilterBar(self.app.deck, central)
        self.count_label = QLabel(central)
        self.count_label.setObjectName("DeckCount")
        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        top.addWidget(self.count_label)
        self.table = DeckTable(self.app, self.model, central)
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
            make_action(self, "&Delete", self.editor.delete_selected, tip="Remove the selected entries from the deck")
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
                self, f"Mark as &{STATUS_LABELS[status]}", partial(self.editor.set_status, status), f"Ctrl+{number}"
            )
            for number, status in enumerate(ENTRY_STATUSES, start=1)
        }
        self.act_add_tag = make_action(self, "&Add Tag…", self.editor.add_tag)
        self.act_remove_tag = make_action(self, "&Remove Tag…", self.editor.remove_tag)
        self.act_edit_definition = make_action(
            self, "Edit &Definition", partial(self.editor.edit_column, DeckColumn.DEFINITION)
        )
        self.act_edit_note = make_action(self, "Edit &Note", partial(self.editor.edit_column, DeckColumn.NOTE))
        self.act_edit_tags = make_action(self, "Edit Ta&gs", partial(self.editor.edit_column, DeckColumn.TAGS))
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
        self.model.edited.connect(self.editor.edited)
        self.model.failed.connect(self.show_message)
        self.model.modelReset.connect(self._update_count)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda index: self.open_source(index.row()))
        self.table.customContextMenuRequested.connect(self._table_menu)
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
        selected = self.table.selected_ids()
        current = self.table.current_id()
        scroll = self.table.verticalScrollBar().value()
        reload()
        if self.table.selectionModel().hasSelection() or not selected:
            self._after_reload()
            return
        found = self.table.select_ids(selected, current=current)
        if keep_scroll and not found:
            self.table.verticalScrollBar().setValue(scroll)
        self._after_reload()

    def _after_reload(self) -> None:
        self._update_count()
        self._selection_changed()

    def _hub_changed(self) -> None:
        if self.editor.notifying:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._refresh_timer.start()

    def _update_count(self) -> None:
        self.count_label.setText(count_text(len(self.model.ids), self.model.total, self.model.filtered))

    # -- selection -----------------------------------------------------------------------------------------------

    def show_entries(self, word: str, ids: list[int]) -> None:
        """Select the entries ``ids`` of ``word``; if the filters hide them, clear the filters and search the word."""
        if self.table.select_ids(ids, current=ids[0] if ids else None):
            return
        for combo in (self.filters.status_combo, self.filters.tag_combo, self.filters.article_combo):
            combo.setCurrentIndex(0)
        self.filters.set_search(word)
        self.table.select_ids(ids, current=ids[0] if ids else None)

    def _selection_changed(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        entries = self.table.selected_entries()[:1] if count == 1 else []
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
            OPEN_TASK,
            work,
            on_finished=lambda block: self._open(article_id, block),
            on_failed=self.show_message,
            owner=self,
        )

    def _open(self, article_id: int, block: int) -> None:
        self.app.hub.open_article_requested.emit(article_id, block)
        parent = self.parentWidget()
        if parent is not None:
            parent.window().raise_()
            parent.window().activateWindow()

    def follow_pinyin_style(self) -> None:
        """Write pinyin in the table, the detail pane and copies as Preferences say (tone marks, numbers, zhuyin)."""
        style = self.app.view_settings.pinyin_style
        self.model.set_pinyin_style(style)
        if self.detail.pinyin_style is not style:
            self.detail.pinyin_style = style
            if self.detail.entry is not None:
                self._selection_changed()

    def copy_selected(self) -> None:
        """Copy the selected entries as lines of word, pinyin and meaning (tab-separated)."""
        style = self.model.pinyin_style
        lines = [
            f"{e.simplified}\t{format_reading(e.pinyin, style)}\t{'; '.join(e.definition.splitlines())}"
            for e in self.table.selected_entries()
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

    def show_undo(self, text: str) -> None:
        """Say what was just done, with an Undo link, for a few seconds."""
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
