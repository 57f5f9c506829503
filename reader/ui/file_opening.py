"""Opening texts from the main window: File ▸ Open…, Open Recent, the sample, the clipboard and dropped files."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QSettings
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from reader.core.importers import SUPPORTED_SUFFIXES
from reader.core.paths import SAMPLE_ARTICLE
from reader.ui.article_controller import ArticleController
from reader.ui.context import AppContext

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

MAX_RECENT_FILES = 10


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The local files in a drag-and-drop."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def recent_files(settings: QSettings) -> list[str]:
    """The files opened last, newest first."""
    return [p for p in (settings.value("recent/files") or []) if isinstance(p, str)]


class FileOpener(QObject):
    """Asks for files (or takes them dropped or pasted) and hands them to the article controller to import."""

    def __init__(self, app: AppContext, controller: ArticleController, window: MainWindow) -> None:
        super().__init__(window)
        self.app = app
        self.controller = controller
        self.window = window
        self.recent_menu: QMenu | None = None

    def open_dialog(self) -> None:
        """Ask for files and import them."""
        patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED_SUFFIXES))
        start = str(self.app.settings.value("recent/folder", str(Path.home())))
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Open", start, f"Texts Reader can open ({patterns});;All files (*)"
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
            self.window,
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
            self.window.show_error("The clipboard holds no text to paste.")
            return
        self.controller.import_text(text)

    def _remember_recent(self, path: Path) -> None:
        settings = self.app.settings
        recent = [p for p in recent_files(settings) if p != str(path)]
        settings.setValue("recent/files", [str(path), *recent][:MAX_RECENT_FILES])
        settings.setValue("recent/folder", str(path.parent))

    def attach_recent_menu(self, menu: QMenu) -> None:
        """Fill ``menu`` with the recent files each time it opens."""
        self.recent_menu = menu
        menu.aboutToShow.connect(self._fill_recent_menu)

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        assert menu is not None
        menu.clear()
        recent = recent_files(self.app.settings)
        for path in recent:
            action = QAction(Path(path).name, menu)
            action.setStatusTip(path)
            action.triggered.connect(partial(self._open_recent, path))
            menu.addAction(action)
        if not recent:
            empty = QAction("No Recent Files", menu)
            empty.setEnabled(False)
            menu.addAction(empty)

    def _open_recent(self, path: str, _checked: bool = False) -> None:
        self.open_files([Path(path)])

    def drag_enter(self, event: QDragEnterEvent) -> None:
        """Accept a drag that carries files."""
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        """Open dropped files, or make an article of dropped text."""
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)
        elif event.mimeData().hasText():
            self.controller.import_text(event.mimeData().text())
