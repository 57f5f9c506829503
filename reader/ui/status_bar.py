"""The main window's status bar: messages, a progress bar for background work, and a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QPushButton, QStatusBar, QWidget

from reader.ui.article_controller import ArticleController


class MainStatusBar(QStatusBar):
    """Shows what runs in the background; Cancel stops an import first, else the translation."""

    def __init__(self, controller: ArticleController, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller = controller
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
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        controller.importing.connect(self.importing)

    def _cancel_clicked(self) -> None:
        """Cancel what the status bar shows: an import first, else the translation."""
        if self._import_running:
            self.controller.cancel_import()
        else:
            self.controller.cancel_translation()
        self.cancel_button.hide()

    def importing(self, running: bool) -> None:
        """An import started or ended: it can be cancelled while it runs."""
        self._import_running = running
        self.cancel_button.setVisible(running or self._translating)

    def translating(self, running: bool) -> None:
        """The translation started or ended: it can be cancelled while it runs."""
        self._translating = running
        self.cancel_button.setVisible(self._translating or self._import_running)

    def show_status(self, message: str) -> None:
        """Show ``message`` until the next one (an empty message clears the bar)."""
        if message:
            self.showMessage(message)
        else:
            self.clearMessage()

    def busy(self, busy: bool) -> None:
        """Show a working bar while any background work runs; when none runs, nothing is left to cancel."""
        if busy:
            self.progress.setRange(0, 0)
            self.progress.show()
            return
        self.progress.hide()
        self._import_running = self._translating = False
        self.cancel_button.hide()

    def show_progress(self, message: str, done: int, total: int) -> None:
        """Background work reports progress: a determinate bar and its message (hidden when done)."""
        # QProgressBar.setValue and showMessage repaint at once, and a repaint flushes the whole window (the
        # reading view too) while a worker holds the interpreter lock: with updates off they only schedule a paint.
        self.setUpdatesEnabled(False)
        try:
            if total > 0 and done >= total:
                self.progress.hide()
                self.clearMessage()
                return
            if self.progress.maximum() != max(0, total):
                self.progress.setRange(0, max(0, total))
            self.progress.setValue(done)
            self.progress.show()
            if message and self.currentMessage() != message:
                self.showMessage(message)
        finally:
            self.setUpdatesEnabled(True)
