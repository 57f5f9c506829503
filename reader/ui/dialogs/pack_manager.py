"""The Language Packs dialog: the installed Argos packs, installing, downloading and removing them, the cache.

Open it with :meth:`PackManagerDialog.manage`. Everything that reads the pack folders, unpacks, downloads or
touches the translation cache runs on ``app.dispatcher``; the GUI thread only shows results. One operation runs
at a time; an install or download can be cancelled and then leaves nothing behind (the core unpacks and
downloads into temporary files and moves them into place last). After a pack is installed or removed the
translator is reloaded (on the worker) and ``app.hub.translations_ready`` is emitted.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.textio import format_size
from reader.core.translation.download import DEFAULT_TIMEOUT, IndexEntry, download_pack, fetch_index, find_entry
from reader.core.translation.errors import DownloadError
from reader.core.translation.packs import install_pack, remove_pack, version_key
from reader.core.translation.translator import Translator
from reader.ui.article_controller import TRANSLATE_TASK
from reader.ui.context import AppContext
from reader.ui.dialogs.pack_list_model import PackColumn, PackListModel, PackRow, PackState, scan_state
from reader.ui.workers import Job

log = logging.getLogger(__name__)

#: Dispatcher task names: the pack operation (install, download, remove, clear cache) and the folder scan.
OPERATION_TASK = "pack-manager"
SCAN_TASK = "pack-manager-scan"
#: The open article's translation task (ArticleController.translate). It is stopped before a pack changes, because
#: its model would be reloaded from a folder being replaced or removed; ``translations_ready`` restarts it.
ARTICLE_TRANSLATION_TASK = TRANSLATE_TASK
#: Settings key of the folder the last pack file was chosen from.
FOLDER_SETTING = "packs/folder"

_STYLE = """
#PackBanner { border-radius: 6px; padding: 8px 10px; }
#PackBanner[state="ok"] { background: rgba(24, 128, 56, 0.12); border: 1px solid rgba(24, 128, 56, 0.45); }
#PackBanner[state="missing"] { background: rgba(217, 130, 0, 0.14); border: 1px solid rgba(217, 130, 0, 0.55); }
#PackBanner[state="scanning"] { border: 1px solid rgba(128, 128, 128, 0.4); }
#PackMessage[kind="error"] { color: #c5221f; }
#PackListEmpty { border: 1px dashed rgba(128, 128, 128, 0.5); border-radius: 6px; color: #808080; }
"""


@dataclass(frozen=True)
class OperationResult:
    """What a finished operation reports: one sentence for the user and the packs as they are now."""

    message: str
    state: PackState
    touched_packs: bool
    #: The folder name of a pack to select in the list afterwards (the one just installed).
    select: str | None = None


class PackManagerDialog(QDialog):
    """List, install, download and remove Argos language packs; clear the translation cache."""

    refreshed = Signal()  # the list, banner and cache figures show a new scan

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.translator: Translator = app.services.translator
        self.setWindowTitle("Language Packs")
        self.setObjectName("PackManagerDialog")
        self.setStyleSheet(_STYLE)
        #: True once a pack was installed or removed (or found changed on disk) while the dialog was open.
        self.changed = False
        #: The last scan shown, or ``None`` before the first one arrives.
        self.state: PackState | None = None
        #: Seconds to wait for the package server before giving up.
        self.timeout = DEFAULT_TIMEOUT
        self._operation = ""  # "install", "download", "remove" or "clear-cache" while one runs
        self._cancel = threading.Event()
        self._close_with: int | None = None  # the dialog result to close with once the operation stops
        self._paused_translation = False  # the open article's translation was stopped for an operation
        self.model = PackListModel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_banner())
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_pack_buttons())
        layout.addLayout(self._build_progress())
        self.message = QLabel(self)
        self.message.setObjectName("PackMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        layout.addWidget(self._build_cache())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)  # Close ends the dialog normally; Esc and the title bar reject
        layout.addWidget(buttons)
        self.resize(760, 480)
        self._update_buttons()
        self.refresh()

    @classmethod
    def manage(cls, app: AppContext, parent: QWidget | None = None) -> tuple[bool, bool]:
        """Show the dialog; return whether a pack was installed or removed, and whether it closed with Close."""
        dialog = cls(app, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        changed = dialog.changed
        dialog.deleteLater()
        return changed, accepted

    # -- construction --------------------------------------------------------------------------------------------

    def _build_banner(self) -> QFrame:
        self.banner_frame = QFrame(self)
        self.banner_frame.setObjectName("PackBanner")
        self.banner_frame.setProperty("state", "scanning")
        self.banner = QLabel("Looking for installed language packs…", self.banner_frame)
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        box = QVBoxLayout(self.banner_frame)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.banner)
        return self.banner_frame

    def _build_table(self) -> QWidget:
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        self.table = QTableView(holder)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PackColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel(
            "No language packs are installed yet.\nUse “Download Chinese→English Pack” or “Install from File…” below.",
            holder,
        )
        self.empty_label.setObjectName("PackListEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.list_stack = QStackedWidget(holder)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)
        self.folder_label = QLabel(holder)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.list_stack)
        box.addWidget(self.folder_label)
        return holder

    def _build_pack_buttons(self) -> QHBoxLayout:
        self.install_button = QPushButton("Install from File…", self)
        self.install_button.setToolTip("Install a language pack from a .argosmodel file on this computer")
        self.install_button.clicked.connect(self.choose_file_to_install)
        self.download_button = QPushButton("Download Chinese→English Pack", self)
        self.download_button.setToolTip("Download the pack from the Argos Translate package index (needs internet)")
        self.download_button.clicked.connect(self.download_chinese_english)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setToolTip("Delete the selected pack from this computer")
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.install_button)
        row.addWidget(self.download_button)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        return row

    def _build_progress(self) -> QHBoxLayout:
        self.progress_label = QLabel(self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel_operation)
        row = QHBoxLayout()
        row.addWidget(self.progress_label, 1)
        row.addWidget(self.progress_bar)
        row.addWidget(self.cancel_button)
        for widget in (self.progress_label, self.progress_bar, self.cancel_button):
            widget.hide()
        return row

    def _build_cache(self) -> QGroupBox:
        group = QGroupBox("Translation cache", self)
        self.cache_label = QLabel(group)
        self.cache_label.setWordWrap(True)
        self.clear_cache_button = QPushButton("Clear Translation Cache", group)
        self.clear_cache_button.setToolTip("Forget every machine translation; sentences are translated again")
        self.clear_cache_button.clicked.connect(self.clear_cache)
        row = QHBoxLayout(group)
        row.addWidget(self.cache_label, 1)
        row.addWidget(self.clear_cache_button)
        return group

    # -- state ---------------------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while an install, download, removal or cache clearing runs."""
        return bool(self._operation)

    def refresh(self) -> None:
        """Scan the pack folders and the cache again (on a worker); :attr:`refreshed` fires when shown."""
        translator = self.translator
        self.app.dispatcher.start(
            SCAN_TASK, lambda _job: scan_state(translator), on_finished=self._scanned, on_failed=self._scan_failed
        )

    def _scanned(self, state: PackState) -> None:
        self._apply_state(state, touched_packs=False)

    def _scan_failed(self, message: str) -> None:
        self._show_message(message, error=True)
        self._close_if_pending()

    def _apply_state(self, state: PackState, *, touched_packs: bool) -> None:
        """Show ``state``; tell the application if the installed packs changed."""
        previous = self.state
        self.state = state
        if touched_packs or state.reloaded or (previous is not None and previous.keys != state.keys):
            self.changed = True
            self._paused_translation = False
            self.app.hub.translations_ready.emit()
        elif self._paused_translation and not self.busy:
            self._paused_translation = False
            self.app.hub.translations_ready.emit()  # nothing changed, but the stopped translation must resume
        selected = self.selected_pack()
        self.model.set_rows(state.packs)
        self.list_stack.setCurrentWidget(self.table if state.packs else self.empty_label)
        self._reselect(selected.info.name if selected is not None else None)
        self._show_banner(state)
        self._show_folder(state)
        self._show_cache(state)
        self._update_buttons()
        self.refreshed.emit()
        self._close_if_pending()

    def _show_banner(self, state: PackState) -> None:
        pack = state.in_use
        if pack is not None:
            self.banner_frame.setProperty("state", "ok")
            self.banner.setText(
                "<b>Machine translation is on.</b> Chinese is translated into English on this computer, "
                f"without internet.<br>Pack in use: <b>{escape(pack.name)}</b>, version {escape(pack.version or '?')}."
            )
        else:
            self.banner_frame.setProperty("state", "missing")
            self.banner.setText(
                "<b>No Chinese→English language pack is installed, so machine translation is unavailable.</b><br>"
                "Articles you add show no English beside their paragraphs; the bundled sample article still shows "
                "its reference translation. Download the pack (needs internet once, then works offline) or "
                "install a <i>.argosmodel</i> file you already have."
            )
        self._restyle(self.banner_frame)

    def _show_folder(self, state: PackState) -> None:
        count = len(state.packs)
        listed = "No language packs are installed" if not count else f"{count} pack{'s' * (count != 1)} installed"
        self.folder_label.setText(
            f"{listed} in {_display_path(state.packages_dir)} (shared with Argos Translate, so packs installed "
            "with argospm appear here too; not in Reader's data folder)."
        )

    def _show_cache(self, state: PackState) -> None:
        if state.cache_count is None:
            self.cache_label.setText("Machine translations are not cached.")
        elif state.cache_count == 0:
            self.cache_label.setText("The cache is empty: no machine translation is stored.")
        else:
            size = f" ({format_size(state.cache_bytes)} on disk)" if state.cache_bytes else ""
            self.cache_label.setText(
                f"{state.cache_count:,} translated sentence{'s' * (state.cache_count != 1)} cached{size}, "
                "so they are never translated twice."
            )

    def selected_pack(self) -> PackRow | None:
        """The pack selected in the list, or ``None``."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.pack_row(rows[0].row()) if rows else None

    def select_pack(self, name: str) -> bool:
        """Select the pack whose folder is ``name``; return whether it is listed."""
        return self._reselect(name)

    def _reselect(self, name: str | None) -> bool:
        for row in range(self.model.rowCount()):
            pack = self.model.pack_row(row)
            if pack is not None and pack.info.name == name:
                self.table.selectRow(row)
                return True
        self.table.clearSelection()
        return False

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.busy
        selected = self.selected_pack()
        self.install_button.setEnabled(idle)
        self.download_button.setEnabled(idle)
        self.remove_button.setEnabled(idle and selected is not None and selected.removable)
        cached = self.state is not None and bool(self.state.cache_count)
        self.clear_cache_button.setEnabled(idle and cached)

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("kind", "error" if error else "info")
        self.message.setText(text)
        self._restyle(self.message)

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        """Re-apply the style sheet after a dynamic property changed."""
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # -- running operations --------------------------------------------------------------------------------------

    def _start(
        self,
        operation: str,
        work: Callable[[Job, threading.Event], Any],
        on_finished: Callable[[Any], None],
        label: str,
        *,
        cancellable: bool = True,
    ) -> None:
        """Run ``work(job, cancel_event)`` as the dialog's one operation, with progress and a Cancel button."""
        self._operation = operation
        self._cancel = cancel = threading.Event()
        self._show_message("")
        self.progress_label.setText(label)
        self.progress_bar.setRange(0, 0)
        for widget in (self.progress_label, self.progress_bar):
            widget.show()
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.setEnabled(True)
        self._update_buttons()
        self.app.dispatcher.start(
            OPERATION_TASK,
            lambda job: work(job, cancel),
            on_finished=on_finished,
            on_failed=self._operation_failed,
            on_progress=self._progress,
        )

    def _stop_article_translation(self) -> None:
        """Stop the open article's translation before packs change under it (see ARTICLE_TRANSLATION_TASK)."""
        dispatcher = self.app.dispatcher
        if dispatcher.is_running(ARTICLE_TRANSLATION_TASK):
            dispatcher.cancel(ARTICLE_TRANSLATION_TASK)
            self._paused_translation = True

    def _end_operation(self) -> None:
        self._operation = ""
        for widget in (self.progress_label, self.progress_bar, self.cancel_button):
            widget.hide()
        self._update_buttons()

    def _progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        else:
            self.progress_bar.setRange(0, 0)
        if message:
            self.progress_label.setText(message)

    def _operation_succeeded(self, result: OperationResult) -> None:
        self._end_operation()
        self._show_message(result.message)
        self._apply_state(result.state, touched_packs=result.touched_packs)
        if result.select is not None:
            self.select_pack(result.select)

    def _operation_failed(self, message: str) -> None:
        cancelled = self._cancel.is_set()
        self._end_operation()
        self._show_message(message, error=not cancelled)
        self.refresh()  # a failed or cancelled operation changes nothing, but show what is on disk now

    def cancel_operation(self) -> None:
        """Stop the running install or download (the Cancel button); nothing half-done is kept."""
        if not self.busy:
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText("Cancelling…")

    def done(self, result: int) -> None:
        """Close the dialog; while an operation runs, cancel it first and close once it has stopped."""
        if self.busy:
            self._close_with = result
            self.cancel_operation()
            return
        self.app.dispatcher.cancel(SCAN_TASK)
        if self._paused_translation:
            self._paused_translation = False
            self.app.hub.translations_ready.emit()
        super().done(result)

    def _close_if_pending(self) -> None:
        if self._close_with is not None and not self.busy:
            result, self._close_with = self._close_with, None
            self.done(result)

    # -- installing from a file ----------------------------------------------------------------------------------

    def choose_file_to_install(self) -> None:
        """Ask for a .argosmodel file and install it (the Install from File… button)."""
        settings = self.app.settings
        downloads = Path.home() / "Downloads"
        start = str(settings.value(FOLDER_SETTING, str(downloads if downloads.is_dir() else Path.home())))
        name, _ = QFileDialog.getOpenFileName(
            self, "Install Language Pack", start, "Argos language packs (*.argosmodel);;All files (*)"
        )
        if name:
            settings.setValue(FOLDER_SETTING, str(Path(name).parent))
            self.install_file(Path(name))

    def install_file(self, path: Path) -> None:
        """Check and install the pack file ``path`` on a worker, with progress and cancel."""
        if self.busy:
            return
        translator = self.translator

        def work(job: Job, cancel: threading.Event) -> OperationResult:
            pack = install_pack(
                path,
                translator.settings,
                progress=_byte_progress(job, f"Installing {path.name}…"),
                cancelled=lambda: cancel.is_set() or job.cancelled(),
            )
            translator.reload()
            return OperationResult(
                f"Installed {pack.languages} version {pack.version or '?'} ({pack.name}).",
                scan_state(translator),
                touched_packs=True,
                select=pack.name,
            )

        self._stop_article_translation()
        self._start("install", work, self._operation_succeeded, f"Checking {path.name}…")

    # -- downloading ---------------------------------------------------------------------------------------------

    def download_chinese_english(self) -> None:
        """Find the Chinese→English pack in the package index, confirm its size, download and install it."""
        if self.busy:
            return
        url = self.translator.settings.index_url
        timeout = self.timeout
        from_code, to_code = self.translator.from_code, self.translator.to_code

        def work(job: Job, cancel: threading.Event) -> IndexEntry:
            entry = find_entry(fetch_index(url, timeout=timeout), from_code, to_code)
            if entry is None:
                raise DownloadError(f"The package index at {url} offers no Chinese→English pack.")
            return entry

        self._start("download", work, self._index_fetched, "Looking up the Chinese→English pack in the index…")

    def _index_fetched(self, entry: IndexEntry) -> None:
        self._end_operation()
        if self._close_with is not None:
            self._close_if_pending()
            return
        installed = self.state.in_use if self.state is not None else None
        if installed is not None and version_key(installed.version) >= version_key(entry.version):
            self._show_message(
                f"The newest Chinese→English pack (version {entry.version or '?'}) is already installed."
            )
            return
        size = format_size(entry.size) if entry.size else "size not given by the index"
        answer = QMessageBox.question(
            self,
            "Download Language Pack",
            f"Download the {entry.languages} pack, version {entry.version or '?'} ({size})?\n\n"
            "It is installed as soon as it has arrived, and translates offline from then on.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.download_entry(entry)
        else:
            self._show_message("Nothing was downloaded.")

    def download_entry(self, entry: IndexEntry) -> None:
        """Download ``entry``'s pack file on a worker (streamed, with progress, cancel and timeout), then install it."""
        if self.busy:
            return
        translator = self.translator
        timeout = self.timeout

        def work(job: Job, cancel: threading.Event) -> OperationResult:
            settings = translator.settings

            def cancelled() -> bool:
                return cancel.is_set() or job.cancelled()

            path = download_pack(
                entry,
                settings.downloads_dir,
                progress=_byte_progress(job, f"Downloading {entry.languages} {entry.version}…"),
                cancelled=cancelled,
                timeout=timeout,
            )
            try:
                pack = install_pack(path, settings, progress=_byte_progress(job, "Installing…"), cancelled=cancelled)
            finally:
                path.unlink(missing_ok=True)
            translator.reload()
            return OperationResult(
                f"Downloaded and installed {pack.languages} version {pack.version or '?'} ({pack.name}).",
                scan_state(translator),
                touched_packs=True,
                select=pack.name,
            )

        size = f" ({format_size(entry.size)})" if entry.size else ""
        self._stop_article_translation()
        self._start("download", work, self._operation_succeeded, f"Connecting to download {entry.code}{size}…")

    # -- removing ------------------------------------------------------------------------------------------------

    def remove_selected(self) -> None:
        """Ask for confirmation, then remove the selected pack (the Remove button)."""
        selected = self.selected_pack()
        if selected is None or not selected.removable or self.busy:
            return
        info = selected.info
        consequence = ""
        if selected.in_use:
            others = [
                row
                for row in (self.state.packs if self.state is not None else ())
                if row is not selected and (row.info.from_code, row.info.to_code) == (info.from_code, info.to_code)
            ]
            if not others:
                consequence = (
                    "\n\nMachine translation from Chinese will be unavailable until you install a pack again; "
                    "the bundled sample keeps its reference translation."
                )
        answer = QMessageBox.question(
            self,
            "Remove Language Pack",
            f"Remove {info.name} ({info.languages}, version {info.version or '?'}, "
            f"{format_size(selected.size_bytes)}) from this computer?{consequence}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(info.name)

    def remove(self, name: str) -> None:
        """Remove the installed pack whose folder is ``name``, on a worker (no confirmation)."""
        if self.busy:
            return
        translator = self.translator

        def work(job: Job, cancel: threading.Event) -> OperationResult:
            removed = remove_pack(name, translator.settings)
            translator.reload()
            names = ", ".join(f"{pack.name} ({pack.languages})" for pack in removed)
            return OperationResult(f"Removed {names}.", scan_state(translator), touched_packs=True)

        self._stop_article_translation()
        self._start("remove", work, self._operation_succeeded, f"Removing {name}…", cancellable=False)

    # -- the cache -----------------------------------------------------------------------------------------------

    def clear_cache(self) -> None:
        """Ask for confirmation, then delete every cached machine translation (on a worker)."""
        state = self.state
        if self.busy or state is None or not state.cache_count:
            return
        answer = QMessageBox.question(
            self,
            "Clear Translation Cache",
            f"Forget {state.cache_count:,} cached machine translation{'s' * (state.cache_count != 1)}?\n\n"
            "Translations already shown in your articles stay; new sentences are translated again.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.clear_cache_now()

    def clear_cache_now(self) -> None:
        """Empty the translation cache on a worker (no confirmation)."""
        translator = self.translator
        cache = translator.cache
        if self.busy or cache is None:
            return

        def work(job: Job, cancel: threading.Event) -> OperationResult:
            deleted = cache.clear()
            return OperationResult(
                f"Cleared {deleted:,} cached translation{'s' * (deleted != 1)}.",
                scan_state(translator),
                touched_packs=False,
            )

        self._start("clear-cache", work, self._operation_succeeded, "Clearing the cache…", cancellable=False)


def _display_path(path: Path) -> str:
    """``path`` with the home folder written as ``~``, as people recognise it."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def _byte_progress(job: Job, label: str) -> Callable[[int, int], None]:
    """A core progress callback (bytes) that reports KiB to the GUI (Qt's int is 32 bits) with a readable label."""

    def report(done: int, total: int) -> None:
        where = f"{format_size(done)} of {format_size(total)}" if total else format_size(done)
        job.progress(done // 1024, total // 1024, f"{label} {where}")

    return report
