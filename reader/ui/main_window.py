"""The main window: it builds the library sidebar, reading view, word panel, menus and status bar, and wires them.

The work is done elsewhere: the actions are declared in :mod:`reader.ui.main_actions` and placed by
:mod:`reader.ui.main_menu`; files are opened by :class:`~reader.ui.file_opening.FileOpener`, the View menu is
carried out by :class:`~reader.ui.view_options.ViewOptions`, backups and checks by
:class:`~reader.ui.maintenance.Maintenance`; the title and statistics are an
:class:`~reader.ui.article_header.ArticleHeader`, the progress and Cancel a
:class:`~reader.ui.status_bar.MainStatusBar`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QModelIndex, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from reader.ui.annotation_actions import AnnotationActions
from reader.ui.article_controller import ArticleController
from reader.ui.article_header import ArticleHeader
from reader.ui.book_navigation import BookNavigation
from reader.ui.characters import CharacterActions
from reader.ui.context import AppContext
from reader.ui.deck.window import DeckWindow
from reader.ui.dialogs.export_deck import ExportDeckDialog
from reader.ui.dialogs.known_words import KnownWordsDialog
from reader.ui.dialogs.left_out import LeftOutLines
from reader.ui.dialogs.library_search import LibrarySearchDialog
from reader.ui.dialogs.pack_manager import PackManagerDialog
from reader.ui.file_opening import FileOpener
from reader.ui.find_bar import FindBar
from reader.ui.main_actions import MainActions
from reader.ui.main_menu import MainMenu
from reader.ui.maintenance import Maintenance
from reader.ui.pack_hint import PackHintBar
from reader.ui.panels.annotations_panel import BookmarksPanel, HighlightsPanel
from reader.ui.panels.library_panel import LibraryPanel
from reader.ui.panels.word_panel import WordPanel
from reader.ui.reading.model import ArticleModel
from reader.ui.reading.view import ReadingView, WordRef
from reader.ui.settings import save_view_settings
from reader.ui.status_bar import MainStatusBar
from reader.ui.view_options import ViewOptions
from reader.ui.word_actions import WordActions

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Reader's main window."""

    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        self.setWindowTitle("Reader")
        self.setAcceptDrops(True)
        self.collector: QObject | None = None  # the idle garbage collector run_gui attaches
        self.model = ArticleModel()
        self.controller = ArticleController(app, self.model, self)
        self.characters = CharacterActions(self, app.settings, app.view_settings.characters)
        self.view_options = ViewOptions(self)
        self.view = ReadingView(self.view_options.layout_context(), self)
        self.view.set_model(self.model)
        self.view.empty_hint = (
            "No article is open. Choose one in the Library on the left, or open a file (File ▸ Open…), "
            "paste text (File ▸ Paste as New Article) or drop a file here."
        )
        self.header = ArticleHeader(app, self.controller, self.model, self)
        self.undo_stack = QUndoStack(self)
        self.word_actions = WordActions(app, self.view, self.controller, self.undo_stack, self)
        self.annotation_actions = AnnotationActions(app, self.view, self.controller, self.undo_stack, self)
        self.find_bar = FindBar(self.view, self)
        self.book_navigation = BookNavigation(app, self)
        self.left_out = LeftOutLines(app, self)
        self.files = FileOpener(app, self.controller, self)
        self.maintenance = Maintenance(app, self.controller, self)
        self.menus = MainMenu(self)
        self._build_central()
        self._build_docks()
        self.main_actions = MainActions(self, app.view_settings)
        self.maintenance.check_action = self.main_actions["check"]
        self.menus.build()
        self.toolbar = self.menus.toolbar
        self.status = MainStatusBar(self.controller, self)
        self.setStatusBar(self.status)
        self._connect()
        self._restore_window_state()

    # -- construction --------------------------------------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.find_bar)
        self.pack_hint = PackHintBar(central)
        layout.addWidget(self.pack_hint)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        self.library_panel = LibraryPanel(self.app, self)
        self.library_dock = QDockWidget("Library", self)
        self.library_dock.setObjectName("LibraryDock")
        self.library_dock.setWidget(self.library_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.setObjectName("SideTabs")
        self.side_tabs.setDocumentMode(True)
        self.word_panel = WordPanel(self.app, self.view.context.body.font.family(), self)
        self.side_tabs.addTab(self.word_panel, "Word")
        self.highlights_panel = HighlightsPanel(self.annotation_actions, self)
        self.side_tabs.addTab(self.highlights_panel, "Notes")
        self.bookmarks_panel = BookmarksPanel(self.app, self)
        self.side_tabs.addTab(self.bookmarks_panel, "Bookmarks")
        self.side_tabs.addTab(self.book_navigation.panel, "Contents")
        self.side_dock = QDockWidget("Details", self)
        self.side_dock.setObjectName("SideDock")
        self.side_dock.setWidget(self.side_tabs)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.side_dock)
        self.resizeDocks([self.library_dock, self.side_dock], [260, 300], Qt.Orientation.Horizontal)

    def _connect(self) -> None:
        hub = self.app.hub
        controller = self.controller
        self.library_panel.open_requested.connect(controller.open_article)
        controller.article_shown.connect(self._article_shown)
        controller.analysis_done.connect(self.header.update_stats)
        controller.error.connect(self.show_error)
        controller.looks_japanese.connect(self.files.confirm_japanese)
        controller.translation_state.connect(self._translation_state)
        self.pack_hint.open_packs_requested.connect(self.main_actions["packs"].trigger)
        self.view.top_row_changed.connect(controller.top_block_changed)
        self.view.top_row_changed.connect(self._visible_rows_changed)
        self.model.dataChanged.connect(self._rows_changed)
        self.model.modelReset.connect(self._model_reset)
        hub.status_message.connect(self.status.show_status)
        hub.progress.connect(self.status.show_progress)
        hub.translations_ready.connect(self._translations_changed)
        hub.word_status_changed.connect(controller.reload_statuses)
        hub.word_status_changed.connect(self.header.update_stats)
        hub.open_article_requested.connect(controller.open_article)
        self.app.dispatcher.busy_changed.connect(self.status.busy)
        self.word_actions.card_shown.connect(self.word_panel.show_card)
        self.highlights_panel.jump_requested.connect(self._jump_to_highlight)
        self.view.context_menu_requested.connect(self._view_menu)
        self.library_panel.reimport_requested.connect(self.maintenance.reimport)
        self.characters.changed.connect(self.view_options.characters_changed)

    # -- window state --------------------------------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        settings = self.app.settings
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                available = screen.availableGeometry()
                self.resize(int(available.width() * 0.9), int(available.height() * 0.9))
                self.move(available.center() - self.rect().center())
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.flush()
        settings = self.app.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        save_view_settings(settings, self.app.view_settings)
        self.app.dispatcher.cancel_all()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.files.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.files.drop(event)

    # -- the open article ----------------------------------------------------------------------------------------

    def _article_shown(self, article_id: int) -> None:
        article = self.model.article
        try:
            summary = self.app.library.get_summary(article_id)
            title = summary.title
        except Exception:
            title = article.title or "Untitled"
        self.setWindowTitle(f"{title} — Reader")
        self.library_panel.select_article(article_id)
        self.app.settings.setValue("session/last_article", article_id)
        shown = self.characters.form
        self.characters.set_article(article_id)
        self.word_actions.article_title = title  # new deck entries name their source by it
        self.header.set_title(title, self.characters.form)
        if self.characters.form is not shown:
            self.view.relayout(self.view_options.layout_context())
        block, offset = self.controller.pending_position or (0, 0)
        if block > 0 or offset > 0:
            QTimer.singleShot(0, lambda: self.view.scroll_to_row(block))
        self.view.setFocus()
        self.pack_hint.show_if(self.controller.needs_pack())
        self.header.update_stats()
        self.app.hub.article_opened.emit(article_id)

    def _visible_rows_changed(self, _row: int) -> None:
        self.controller.set_visible_rows(list(self.view.visible_rows()))

    def _jump_to_highlight(self, start: int, end: int) -> None:
        self.view.show_span(start, end, select=True)

    def _rows_changed(self, first: QModelIndex, last: QModelIndex, *_roles: object) -> None:
        self._refresh_translation_info(first.row(), last.row())

    def _model_reset(self) -> None:
        self._refresh_translation_info(0, self.model.rowCount() - 1)

    def _refresh_translation_info(self, first: int, last: int) -> None:
        for row in range(max(0, first), min(last, self.model.rowCount() - 1) + 1):
            self.view.translation_info[row] = self.controller.translation_info(row)

    def _translation_state(self, state: str) -> None:
        self.status.translating(state == "translating")
        self.pack_hint.show_if(self.controller.needs_pack())
        if self.model.rowCount():
            self._refresh_translation_info(0, self.model.rowCount() - 1)
            self.view.invalidate_rows(0, self.model.rowCount() - 1)

    def _translations_changed(self) -> None:
        """A pack was installed or removed: translate the open article again with what is there now."""
        self.controller.cancel_translation()
        self.controller.translate()

    # -- words and dialogs ---------------------------------------------------------------------------------------

    def look_up_focused(self) -> None:
        """Open the focused word's entry (Enter)."""
        ref = self.view.focus_word
        if ref is not None:
            self.view.word_activated.emit(ref.row, ref.box)

    def _view_menu(self, position: QPoint) -> None:
        """The reading view's context menu: word, highlight and bookmark actions."""
        menu = QMenu(self)
        menu.addAction(self.main_actions["look_up"])
        menu.addActions(self.word_actions.context_actions())
        menu.addAction(self.word_actions.act_merge)
        menu.addAction(self.word_actions.act_split)
        menu.addSeparator()
        highlight = menu.addMenu("Highlight")
        highlight.addActions(self.annotation_actions.colour_actions)
        menu.addActions(self.annotation_actions.actions()[:3])
        menu.addSeparator()
        menu.addAction(self.main_actions["copy"])
        menu.exec(position)

    def copy_selection(self) -> None:
        """Copy the selection (or the focused word)."""
        text = self.view.selected_text()
        ref: WordRef | None = self.view.focus_word
        if not text and ref is not None:
            text = self.view.layout_for(ref.row).boxes[ref.box].text
        if text:
            QGuiApplication.clipboard().setText(text)

    def search_library(self) -> None:
        """Open the library search window."""
        LibrarySearchDialog.open_for(self.app, self)

    def language_packs(self) -> None:
        """Manage translation language packs."""
        PackManagerDialog.manage(self.app, self)

    def open_deck(self) -> None:
        """Show the deck window."""
        DeckWindow.open_for(self.app, self)

    def export_deck(self) -> None:
        """Export the deck (format and entries chosen in the dialog)."""
        ExportDeckDialog.export(self.app, self)

    def import_known_words(self) -> None:
        """Mark known words from HSK levels, a word list or an Anki export."""
        KnownWordsDialog.run(self.app, self)

    def show_error(self, message: str) -> None:
        """Tell the user something went wrong, in one sentence."""
        self.statusBar().clearMessage()
        QMessageBox.warning(self, "Reader", message)
