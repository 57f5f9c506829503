"""Looking after the library from the main window: back up, restore, check the database, re-import, new CC-CEDICT.

The long parts run on the dispatcher's workers; this controller asks the questions and shows the answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from reader.core.errors import ReaderError
from reader.core.store.annotations import ReanchorReport
from reader.core.store.backup import backup_now, list_restorable, restore_backup
from reader.core.store.maintenance import CheckReport, check_database
from reader.core.usecases.reimport import reimport_from_source
from reader.ui.article_controller import ArticleController
from reader.ui.context import AppContext
from reader.ui.workers import Job

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class Maintenance(QObject):
    """File ▸ Back Up, Restore, Check Database and Load CC-CEDICT, and the library's Re-import."""

    def __init__(self, app: AppContext, controller: ArticleController, window: MainWindow) -> None:
        super().__init__(window)
        self.app = app
        self.controller = controller
        self.window = window
        self.check_action: QAction | None = None  # disabled while a check runs
        self.check_report: QMessageBox | None = None

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

        app.dispatcher.start("reimport", work, on_finished=done, on_failed=self.window.show_error)

    def back_up_now(self) -> None:
        """Copy the database to the backups folder (on a worker)."""
        app = self.app
        app.dispatcher.start(
            "backup",
            lambda job: backup_now(app.store, app.paths.backups),
            on_finished=lambda path: app.hub.status_message.emit(f"Backed up to {path}."),
            on_failed=self.window.show_error,
        )

    def check_database(self) -> None:
        """Check the database and rebuild the search index on a worker, then show the report."""
        app = self.app
        self._checking(True)
        app.dispatcher.start(
            "check-database",
            lambda job: check_database(app.store),
            on_finished=self._show_check_report,
            on_failed=self._check_failed,
        )

    def _checking(self, running: bool) -> None:
        if self.check_action is not None:
            self.check_action.setEnabled(not running)

    def _show_check_report(self, report: CheckReport) -> None:
        self._checking(False)
        icon = QMessageBox.Icon.Information if report.sound else QMessageBox.Icon.Warning
        self.check_report = QMessageBox(
            icon, "Check Database", report.summary(), QMessageBox.StandardButton.Ok, self.window
        )
        self.check_report.open()  # not exec(): the window stays responsive and the box closes with its own button

    def _check_failed(self, message: str) -> None:
        self._checking(False)
        self.window.show_error(message)

    def restore_backup(self) -> None:
        """Pick a backup; it replaces the library and deck when Reader next starts (the current file is kept)."""
        backups = list_restorable(self.app.paths.backups, self.app.paths.database)
        if not backups:
            self.window.show_error(
                "There are no backups yet (Reader makes one a day; File ▸ Back Up Library Now makes one now)."
            )
            return
        labels = [backup.label for backup in backups]
        title = "Restore a Backup"
        choice, accepted = QInputDialog.getItem(self.window, title, "Backup to restore:", labels, 0, False)
        if not accepted:
            return
        answer = QMessageBox.question(
            self.window,
            title,
            "Reader will close, restore this backup and keep your current database beside it (nothing is deleted). "
            "Restore now?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._restore(backups[labels.index(choice)].path)

    def _restore(self, backup: Path) -> None:
        """Stop all work, close the store, put the backup in place and quit."""
        self.controller.flush()
        self.app.dispatcher.cancel_all()
        self.app.dispatcher.wait(5000)
        self.app.store.close()
        try:
            moved = restore_backup(backup, self.app.paths.database)
        except ReaderError as error:
            self.window.show_error(str(error))
            return
        QMessageBox.information(
            self.window,
            "Restore a Backup",
            f"Restored. The previous database was kept as {moved}. Reader will now close.",
        )
        QApplication.quit()

    def load_cedict(self) -> None:
        """Replace the dictionary with a newer CC-CEDICT file (validated, compiled on a worker)."""
        dictionary = self.app.services.dictionary
        if dictionary is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Load CC-CEDICT", str(Path.home()), "CC-CEDICT (cedict_ts.u8 *.u8 *.txt);;All files (*)"
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
            on_failed=self.window.show_error,
            on_progress=self._cedict_progress,
        )

    def _cedict_progress(self, done: int, total: int, message: str) -> None:
        self.app.hub.progress.emit(message, done, total)

    def _cedict_loaded(self, message: str) -> None:
        self.app.hub.progress.emit("", 1, 1)
        self.app.hub.status_message.emit(message)
