"""Start the GUI: the application object, the crash hook, the store, the services and the main window."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from reader import __version__
from reader.core.crashlog import write_crash_log
from reader.core.errors import ReaderError, StoreError
from reader.core.paths import UserPaths, resolve_user_paths
from reader.core.services import build_services
from reader.core.store.backup import backup_if_due, list_backups, recovery_choices, restore_backup, start_fresh
from reader.core.store.corrections import load_corrections
from reader.core.store.db import Store, open_store
from reader.core.store.library import Library
from reader.core.store.reading_corrections import load_reading_corrections
from reader.ui.context import AppContext
from reader.ui.main_window import MainWindow
from reader.ui.settings import load_view_settings, settings_store
from reader.ui.theme import apply_theme, has_cjk_font
from reader.ui.workers import Job

log = logging.getLogger(__name__)

#: Milliseconds the window waits, once closed, for background work to stop before the process ends anyway.
SHUTDOWN_WAIT_MS = 3000
#: Daily backups kept.
KEEP_BACKUPS = 7
#: Seconds a thread may hold the interpreter lock when another waits (Python's default is 0.005).
GIL_SWITCH_INTERVAL_S = 0.0005


def run_gui(data_dir: str | None = None, files: list[Path] | None = None, debug: bool = False) -> int:
    """Run the application until its window closes; return the exit status."""
    QCoreApplication.setOrganizationName("Reader")
    QCoreApplication.setApplicationName("Reader")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    paths = resolve_user_paths(data_dir).ensure()
    install_crash_hook(paths)
    store = open_store_or_recover(paths)
    if store is None:
        return 2
    window = build_main_window(paths, store)
    window.show()
    keep_gui_responsive(window)
    QTimer.singleShot(0, lambda: start_session(window, files or []))
    return shut_down(window, store, int(app.exec()))


def shut_down(window: MainWindow, store: Store, status: int) -> int:
    """After the window closed: cancel background work, close the store; end the process if work will not stop."""
    window.app.dispatcher.cancel_all()
    if not window.app.dispatcher.wait(SHUTDOWN_WAIT_MS):
        # A worker is stuck inside one long call that cannot see Cancel. Its thread would keep the process alive
        # (measured: 7 minutes after the window closed). Every committed change is already on disk (SQLite,
        # synchronous=FULL) and the worker's open transaction, if any, is rolled back by SQLite on next open.
        log.warning("a background task did not stop within %d ms; ending the process", SHUTDOWN_WAIT_MS)
        logging.shutdown()
        os._exit(status)
    window.app.services.translator.close()
    store.close()
    return status


def keep_gui_responsive(window: MainWindow) -> None:
    """Tune the interpreter for a GUI with Python workers: short lock hand-overs, full collections only when idle.

    Workers (jieba, the pinyin engine) run Python code: with a 1 ms switch interval the GUI thread gets the
    interpreter lock back sooner, so painting does not wait 5 ms per call behind a busy worker.
    """
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    window.collector = IdleGarbageCollector(window, lambda: window.app.dispatcher.busy)


def build_main_window(paths: UserPaths, store: Store) -> MainWindow:
    """Create the services, the shared context and the main window (not shown)."""
    settings = settings_store(paths.home)
    view_settings = load_view_settings(settings)
    apply_theme(view_settings.theme)
    services = build_services(paths)
    load_corrections(store, services.segmenter)  # the learner's merges and splits, before any article is segmented
    load_reading_corrections(store, services.analyzer, paths.home)  # and the readings they corrected
    context = AppContext(paths, services, store, settings, view_settings)
    return MainWindow(context)


def start_session(window: MainWindow, files: list[Path]) -> None:
    """After the window shows: warm up the segmenter, back up the database, open what the user expects."""
    app = window.app
    services = app.services

    def warm_up(job: Job) -> None:
        services.initialize(progress=lambda done, total: job.progress(done, total, "Preparing the dictionary…"))
        backup_if_due(app.store, app.paths.backups, keep=KEEP_BACKUPS)

    def warmed_up(_result: object) -> None:
        app.hub.progress.emit("", 1, 1)
        collector = getattr(window, "collector", None)
        if collector is not None:
            collector.freeze_now()  # jieba's and the dictionary's objects never need scanning again

    if not has_cjk_font():
        window.statusBar().showMessage(
            "No Chinese font is installed: characters may show as boxes. Install one (for example Noto Sans CJK) "
            "and choose it in View ▸ Chinese Font…",
            30_000,
        )
    app.dispatcher.start(
        "warm-up",
        warm_up,
        on_failed=window.show_error,
        on_progress=lambda done, total, message: app.hub.progress.emit(message, done, total),
        on_finished=warmed_up,
    )
    window.library_panel.reload()
    if files:
        window.files.open_files(files)
        return
    resume = article_to_resume(app.library)
    if resume is not None:
        window.controller.open_article(resume)
    elif not app.library.list_articles():
        window.files.open_sample()  # first start


def article_to_resume(library: Library) -> int | None:
    """Return the article the learner touched last: the last one opened, or one imported since (``reader import``)."""
    last = library.last_opened()
    articles = library.list_articles()  # newest import first
    newest = articles[0] if articles else None
    if newest is None:
        return None
    if last is None:
        return newest.id
    opened_at = library.get_summary(last.article_id).opened_at
    if newest.opened_at is None and opened_at is not None and newest.imported_at > opened_at:
        return newest.id
    return last.article_id


class IdleGarbageCollector(QObject):
    """Run Python's full garbage collection only when the learner is not doing anything.

    A full collection walks every object (the tokens and word boxes of a long article are hundreds of thousands) and
    pauses every thread for 70–400 ms (measured: bench/RESULTS.md, "Translation in the GUI"). Automatic collection of
    the young generations stays on; the oldest generation is collected here, after a quiet moment: no input for a
    while and no background work running (a chapter still being analysed or translated would freeze with it).
    """

    def __init__(self, parent: QObject, busy: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self._busy = busy
        gc.freeze()  # everything loaded at start-up stays put: never scan it again
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, 1_000_000)  # the oldest generation: only here
        self._last_input = time.monotonic()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(IDLE_GC_CHECK_MS)
        self._timer.timeout.connect(self._maybe_collect)
        self._timer.start()
        self._collected = time.monotonic()

    @staticmethod
    def freeze_now() -> None:
        """Move everything alive now out of the collector's sight (call once the start-up data is loaded)."""
        gc.collect()
        gc.freeze()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def _maybe_collect(self) -> None:
        now = time.monotonic()
        quiet = now - self._last_input >= IDLE_BEFORE_GC_S and not self._busy()
        if quiet and now - self._collected >= MIN_GC_INTERVAL_S:
            gc.collect()
            self._collected = now


#: How often the idle collector looks, how long the learner must have been idle, and the least time between runs.
IDLE_GC_CHECK_MS = 2000
IDLE_BEFORE_GC_S = 3.0
MIN_GC_INTERVAL_S = 30.0
_INPUT_EVENTS = frozenset(
    {QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.Resize}
)


def open_store_or_recover(paths: UserPaths, choose: RecoveryChoice | None = None) -> Store | None:
    """Open the database; if it is locked, read-only or damaged, say so and offer a way out (never deleting it).

    ``choose(message, choices)`` returns one of ``choices`` (from :func:`recovery_choices`: ``"restore"`` and
    ``"fresh"`` only for a damaged file, ``"retry"``, ``"close"``); by default it asks the user in a dialog.
    Restoring or starting fresh moves the bad file aside first.
    """
    choose = choose or ask_recovery
    while True:
        try:
            return open_store(paths.database)
        except StoreError as error:
            backups = list_backups(paths.backups)
            choices = recovery_choices(error, bool(backups))
            choice = choose(str(error), choices)
            if choice == "close" or choice not in choices:
                return None
            try:
                if choice == "restore":
                    restore_backup(backups[0].path, paths.database)
                elif choice == "fresh":
                    start_fresh(paths.database)
            except ReaderError as problem:
                QMessageBox.warning(None, "Reader", str(problem))


RecoveryChoice = Callable[[str, tuple[str, ...]], str]

_RECOVERY_BUTTONS = {
    "restore": ("Restore Latest Backup", QMessageBox.ButtonRole.AcceptRole),
    "fresh": ("Start Fresh", QMessageBox.ButtonRole.DestructiveRole),
    "retry": ("Try Again", QMessageBox.ButtonRole.ResetRole),
}


def ask_recovery(message: str, choices: tuple[str, ...]) -> str:
    """Ask what to do about a database that cannot be opened, offering only ``choices`` (and Close)."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Reader")
    box.setText(message)
    if "fresh" in choices:
        box.setInformativeText(
            "Restoring a backup or starting fresh moves the current file aside (it is never deleted), so nothing "
            "is lost."
        )
    buttons: dict[QAbstractButton, str] = {}
    for choice in choices:
        if choice in _RECOVERY_BUTTONS:
            text, role = _RECOVERY_BUTTONS[choice]
            buttons[box.addButton(text, role)] = choice
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return buttons.get(box.clickedButton(), "close")


def install_crash_hook(paths: UserPaths) -> None:
    """Show a crash dialog and write the traceback to the log folder instead of vanishing."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        log.error("unhandled exception\n%s", details)
        try:
            crash_file = write_crash_log(paths.logs, details)
        except OSError:
            crash_file = Path("(the log could not be written)")
        if QApplication.instance() is None:
            return
        box = QMessageBox()
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Reader — Unexpected Error")
        box.setText("Something went wrong. Your library and deck are safe; you can keep working.")
        box.setInformativeText(f"Details were saved to {crash_file}.")
        box.setDetailedText(details)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    sys.excepthook = hook
