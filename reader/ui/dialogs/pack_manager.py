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
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.textio import format_size
from reader.core.translation.download import DEFAULT_TIMEOUT, IndexEntry
from reader.core.translation.packs import PackInfo
from reader.core.translation.translator import Translator
from reader.core.usecases.packs import (
    PackOffer,
    StepProgress,
    download_and_install,
    find_download,
    install_file,
    remove,
)
from reader.ui.article_controller import TRANSLATE_TASK
from reader.ui.context import AppContext
from reader.ui.dialogs.pack_list_model import PackListModel, PackRow, PackState, scan_state
from reader.ui.dialogs.pack_widgets import CacheBox, OperationRow, PackBanner, PackListPane, removal_question, restyle
from reader.ui.widgets import ask_yes, run_dialog
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
        self._build()
        self.resize(760, 480)
        self._update_buttons()
        self.refresh()

    @classmethod
    def manage(cls, app: AppContext, parent: QWidget | None = None) -> tuple[bool, bool]:
        """Show the dialog; return whether a pack was installed or removed, and whether it closed with Close."""
        dialog = cls(app, parent)
        return run_dialog(dialog, lambda: dialog.changed)

    # -- construction --------------------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.banner_frame = PackBanner(self)
        self.banner = self.banner_frame.label
        self.pack_list = PackListPane(self.model, self)
        self.table = self.pack_list.table
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
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
        for widget in (self.install_button, self.download_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        self.operation = OperationRow(self)
        self.progress_bar, self.cancel_button = self.operation.bar, self.operation.cancel_button
        self.cancel_button.clicked.connect(self.cancel_operation)
        self.message = QLabel(self)
        self.message.setObjectName("PackMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cache_box = CacheBox(self)
        self.cache_label, self.clear_cache_button = self.cache_box.label, self.cache_box.clear_button
        self.clear_cache_button.clicked.connect(self.clear_cache)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)  # Close ends the dialog normally; Esc and the title bar reject
        layout.addWidget(self.banner_frame)
        layout.addWidget(self.pack_list, 1)
        layout.addLayout(row)
        for part in (self.operation, self.message, self.cache_box, buttons):
            layout.addWidget(part)

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
        self.pack_list.show_state(state)
        self.banner_frame.show_state(state)
        self.cache_box.show_state(state)
        self._update_buttons()
        self.refreshed.emit()
        self._close_if_pending()

    def selected_pack(self) -> PackRow | None:
        """The pack selected in the list, or ``None``."""
        return self.pack_list.selected()

    def select_pack(self, name: str) -> bool:
        """Select the pack whose folder is ``name``; return whether it is listed."""
        return self.pack_list.reselect(name)

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
        restyle(self.message)

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
        self.operation.begin(label, cancellable=cancellable)
        self._update_buttons()
        self.app.dispatcher.start(
            OPERATION_TASK,
            lambda job: work(job, cancel),
            on_finished=on_finished,
            on_failed=self._operation_failed,
            on_progress=self.operation.report,
        )

    def _stop_article_translation(self) -> None:
        """Stop the open article's translation before packs change under it (see ARTICLE_TRANSLATION_TASK)."""
        dispatcher = self.app.dispatcher
        if dispatcher.is_running(ARTICLE_TRANSLATION_TASK):
            dispatcher.cancel(ARTICLE_TRANSLATION_TASK)
            self._paused_translation = True

    def _end_operation(self) -> None:
        self._operation = ""
        self.operation.end()
        self._update_buttons()

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
        self.operation.cancelling()

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
        work = _pack_work(
            translator,
            "Installed",
            lambda progress, cancelled: install_file(path, translator.settings, progress=progress, cancelled=cancelled),
        )
        self._stop_article_translation()
        self._start("install", work, self._operation_succeeded, f"Checking {path.name}…")

    # -- downloading ---------------------------------------------------------------------------------------------

    def download_chinese_english(self) -> None:
        """Find the Chinese→English pack in the package index, confirm its size, download and install it."""
        if self.busy:
            return
        settings = self.translator.settings
        timeout = self.timeout
        from_code, to_code = self.translator.from_code, self.translator.to_code

        def work(job: Job, cancel: threading.Event) -> PackOffer:
            return find_download(settings, from_code, to_code, timeout=timeout)

        self._start("download", work, self._index_fetched, "Looking up the Chinese→English pack in the index…")

    def _index_fetched(self, offer: PackOffer) -> None:
        self._end_operation()
        if self._close_with is not None:
            self._close_if_pending()
            return
        entry = offer.entry
        if offer.up_to_date:
            self._show_message(offer.up_to_date_note)
            return
        size = format_size(entry.size) if entry.size else "size not given by the index"
        if ask_yes(
            self,
            "Download Language Pack",
            f"Download the {entry.languages} pack, version {entry.version or '?'} ({size})?\n\n"
            "It is installed as soon as it has arrived, and translates offline from then on.",
            default_yes=True,
        ):
            self.download_entry(entry)
        else:
            self._show_message("Nothing was downloaded.")

    def download_entry(self, entry: IndexEntry) -> None:
        """Download ``entry``'s pack file on a worker (streamed, with progress, cancel and timeout), then install it."""
        if self.busy:
            return
        translator = self.translator
        timeout = self.timeout
        work = _pack_work(
            translator,
            "Downloaded and installed",
            lambda progress, cancelled: download_and_install(
                entry, translator.settings, progress=progress, cancelled=cancelled, timeout=timeout
            ),
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
        if ask_yes(
            self,
            "Remove Language Pack",
            removal_question(selected, self.state),
            default_yes=False,
        ):
            self.remove(selected.info.name)

    def remove(self, name: str) -> None:
        """Remove the installed pack whose folder is ``name``, on a worker (no confirmation)."""
        if self.busy:
            return
        translator = self.translator

        def work(job: Job, cancel: threading.Event) -> OperationResult:
            removed = remove(name, translator.settings)
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
        if ask_yes(
            self,
            "Clear Translation Cache",
            f"Forget {state.cache_count:,} cached machine translation{'s' * (state.cache_count != 1)}?\n\n"
            "Translations already shown in your articles stay; new sentences are translated again.",
            default_yes=False,
        ):
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


def _pack_work(
    translator: Translator, verb: str, arrive: Callable[[StepProgress, Callable[[], bool]], PackInfo]
) -> Callable[[Job, threading.Event], OperationResult]:
    """Worker code that gets a pack with ``arrive(progress, cancelled)``, then reloads ``translator`` and says so."""

    def work(job: Job, cancel: threading.Event) -> OperationResult:
        pack = arrive(_step_progress(job), lambda: cancel.is_set() or job.cancelled())
        translator.reload()
        return OperationResult(
            f"{verb} {pack.languages} version {pack.version or '?'} ({pack.name}).",
            scan_state(translator),
            touched_packs=True,
            select=pack.name,
        )

    return work


def _step_progress(job: Job) -> StepProgress:
    """A use-case progress callback (bytes) reporting KiB to the GUI (Qt's int is 32 bits) with a readable label."""

    def report(label: str, done: int, total: int) -> None:
        where = f"{format_size(done)} of {format_size(total)}" if total else format_size(done)
        job.progress(done // 1024, total // 1024, f"{label}… {where}")

    return report
