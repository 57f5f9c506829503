"""The Import Known Words dialog: mark as known the words of HSK levels, a word list, or a column of an Anki export.

Open it with :meth:`KnownWordsDialog.run`. Whenever the choice changes, a worker reads the words (the dictionary's
HSK 3.0 lists, the file) and the dialog says how many will be marked known and how many keep their status because
they are in the deck or already marked. Importing runs on a worker too (:func:`reader.core.known_words.import_known`
marks only words still unknown), then ``app.hub.word_status_changed`` is emitted; the import can be undone from
the dialog.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.chars import has_han
from reader.core.dictionary import HSK_BAND, Dictionary
from reader.core.errors import InputError
from reader.core.known_words import (
    ImportResult,
    TablePreview,
    hsk_words,
    import_known,
    preview_table,
    read_anki_export,
    read_word_list,
)
from reader.core.store.deck import Deck
from reader.core.store.words import WordStatus, WordStatuses
from reader.ui.context import AppContext
from reader.ui.dialogs.known_sources import KnownSources, Source
from reader.ui.widgets import ProgressRow, WorkDialog, run_dialog
from reader.ui.workers import Job

PREVIEW_TASK = "known-words-preview"
IMPORT_TASK = "known-words-import"
#: Milliseconds between the last change of the choice and the preview.
PREVIEW_DELAY_MS = 250
#: Rows of an Anki export shown to choose the column.
PREVIEW_ROWS = 6


@dataclass(frozen=True)
class KnownPreview:
    """What an import would do: the words read and how many of them would change."""

    words: list[str]
    label: str  # where the words come from, for messages ("HSK 1–3", "words.txt")
    to_mark: int  # still unknown: will be marked known
    in_deck: int  # in the deck: keep their deck status
    already: int  # already known or ignored (not in the deck)
    table: TablePreview | None = None  # the first rows of an Anki export
    problem: str = ""  # why no word can be read (the Anki column holds no Chinese), shown instead of counts


def summarize(words: list[str], label: str, statuses: WordStatuses, deck: Deck) -> KnownPreview:
    """Count what importing ``words`` would change (call it on a worker: one query each for statuses and deck)."""
    found = statuses.statuses(words)
    in_deck = deck.words_in_deck(words)
    to_mark = sum(1 for word in words if found[word] is WordStatus.UNKNOWN and word not in in_deck)
    return KnownPreview(words, label, to_mark, len(in_deck), len(words) - to_mark - len(in_deck))


def preview_text(preview: KnownPreview) -> str:
    """``1,204 words will be marked known; 37 are in your deck and keep their status; 12 are already known.``"""
    noun = "word" if preview.to_mark == 1 else "words"
    parts = [f"<b>{preview.to_mark:,} {noun} will be marked known</b>"]
    if preview.in_deck:
        keep = "is in your deck and keeps its" if preview.in_deck == 1 else "are in your deck and keep their"
        parts.append(f"{preview.in_deck:,} {keep} status")
    if preview.already:
        verb = "is" if preview.already == 1 else "are"
        parts.append(f"{preview.already:,} {verb} already known or ignored")
    read = "word" if len(preview.words) == 1 else "words"
    return f"{'; '.join(parts)} ({len(preview.words):,} {read} in {preview.label})."


def levels_label(levels: list[int]) -> str:
    """``HSK 1–3``, ``HSK 2, 4``, ``HSK 7–9``."""
    names = ["7–9" if level >= HSK_BAND else str(level) for level in levels]
    runs = len(levels) > 1 and levels == list(range(levels[0], levels[-1] + 1)) and levels[-1] < HSK_BAND
    return f"HSK {levels[0]}–{levels[-1]}" if runs else "HSK " + ", ".join(names)


class KnownWordsDialog(WorkDialog):
    """Choose a source of known words, see what it would change, import it (and undo that if need be)."""

    preview_ready = Signal(object)  # KnownPreview
    preview_failed = Signal(str)
    import_finished = Signal(object)  # ImportResult
    import_failed = Signal(str)

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle("Import Known Words")
        self.setObjectName("KnownWordsDialog")
        #: The last import done in this dialog (``None`` if none, or if it was undone).
        self.result_value: ImportResult | None = None
        self.preview: KnownPreview | None = None
        self._own_dictionary: Dictionary | None = None
        self._dictionary_lock = threading.Lock()
        self._anki_file: Path | None = None  # the file whose columns the column drop-down lists
        self._generation = 0  # counts changes of the choice, so that a late preview of an old choice is dropped
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Mark the words you already know, so the reading view underlines only new words and the coverage of "
            "each article is right. Words in your deck keep their status.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.sources = KnownSources(app.settings, self)
        layout.addWidget(self.sources)
        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("KnownPreview")
        self.preview_label.setWordWrap(True)
        layout.addWidget(self.preview_label)
        self.progress = ProgressRow(self)
        layout.addWidget(self.progress)
        self.message = QLabel(self)
        self.message.setObjectName("KnownMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(self._build_buttons())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.sources.changed.connect(self._choice_changed)
        self._update_enabled()
        self.resize(640, 560)
        self._timer.start()  # the first preview (HSK 1–3), unless the caller changes the choice first

    @classmethod
    def run(cls, app: AppContext, parent: QWidget | None = None) -> tuple[ImportResult | None, bool]:
        """Show the dialog; return the import done (``None`` if none) and whether it closed after one."""
        dialog = cls(app, parent)
        return run_dialog(dialog, lambda: dialog.result_value)

    # -- construction --------------------------------------------------------------------------------------------

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("Mark as Known", self)
        self.import_button.setDefault(True)
        self.undo_button = QPushButton("Undo Import", self)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.hide()  # after addButton, which shows it
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.start_import)
        self.undo_button.clicked.connect(self.undo_import)
        self.close_button.clicked.connect(self._close_clicked)
        return buttons

    # -- the choice ----------------------------------------------------------------------------------------------

    def _choice_changed(self) -> None:
        self._generation += 1
        self.preview = None
        self._update_enabled()
        self._timer.start()

    def _update_enabled(self) -> None:
        self.sources.update_enabled()
        ready = self.preview is not None and self.preview.to_mark > 0
        self.import_button.setEnabled(ready and not self._busy)

    def _reader(self) -> Callable[[Job], tuple[list[str], str, TablePreview | None]]:
        """A function, for a worker, that reads the words of the current choice (and an Anki file's first rows)."""
        source = self.sources.source()
        if source is Source.HSK:
            levels = self.sources.hsk_levels()
            if not levels:
                raise InputError("Tick at least one HSK level.")
            return lambda job: (hsk_words(levels, self._words_of_level(job)), levels_label(levels), None)
        if not self.sources.file_path():
            raise InputError("Choose a file first.")
        path = Path(self.sources.file_path())
        if source is Source.WORD_LIST:
            return lambda _job: (read_word_list(path), path.name, None)
        column = self.sources.anki_column() if self._anki_file == path else None

        def read_anki(_job: Job) -> tuple[list[str], str, TablePreview | None]:
            table = preview_table(path, PREVIEW_ROWS)
            chosen = column if column is not None else _default_column(table)
            label = f"column {chosen + 1} of {path.name}"
            try:
                return read_anki_export(path, chosen + 1), label, table
            except InputError as error:  # keep the table on screen so that another column can be picked
                raise _ColumnProblemError(str(error), label, table) from error

        return read_anki

    def _words_of_level(self, job: Job) -> Callable[[int], list[str]]:
        """The words of one HSK level, from the application's dictionary (opened, or compiled, on first use)."""
        dictionary = self._dictionary()
        if not dictionary.ready:
            job.progress(0, 0, "Preparing the dictionary (the first time takes a few seconds)…")
            dictionary.open(lambda done, total: job.progress(done, total, "Preparing the dictionary…"))
        return lambda level: [item.word for item in dictionary.hsk_words([min(level, HSK_BAND)])]

    def _dictionary(self) -> Dictionary:
        shared = getattr(self.app.services, "dictionary", None)
        if shared is not None:
            return shared
        with self._dictionary_lock:
            if self._own_dictionary is None:
                self._own_dictionary = Dictionary.for_paths(self.app.paths)
            return self._own_dictionary

    # -- preview -------------------------------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Read the chosen words on a worker and say what importing them would change (:attr:`preview_ready`)."""
        self._timer.stop()
        self.preview = None
        self._update_enabled()
        try:
            read = self._reader()
        except InputError as error:
            self._preview_failed(str(error))
            return
        statuses, deck = self.app.words, self.app.deck

        def work(job: Job) -> KnownPreview:
            try:
                words, label, table = read(job)
            except _ColumnProblemError as problem:
                return KnownPreview([], problem.label, 0, 0, 0, problem.table, str(problem))
            summary = summarize(words, label, statuses, deck)
            return KnownPreview(summary.words, label, summary.to_mark, summary.in_deck, summary.already, table)

        self.preview_label.setText("Reading the words…")
        self.preview_label.setStyleSheet("")
        generation = self._generation
        self.app.dispatcher.start(
            PREVIEW_TASK,
            work,
            on_finished=lambda preview: self._previewed(preview, generation),
            on_failed=lambda message: self._preview_failed(message, generation),
            on_progress=self._progress,
            owner=self,  # closing cancels the preview, but a result already on its way still arrives
        )

    def _previewed(self, preview: KnownPreview, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return  # the choice changed meanwhile; its own preview follows
        self._hide_progress()
        if preview.table is not None:
            self._show_table(preview.table, Path(self.sources.anki_path.text().strip()))
        if preview.problem:
            self._preview_failed(preview.problem)
            return
        self.preview = preview
        self.preview_label.setStyleSheet("")
        self.preview_label.setText(preview_text(preview))
        self._update_enabled()
        self.preview_ready.emit(preview)

    def _show_table(self, table: TablePreview, path: Path) -> None:
        if self._anki_file == path:
            return
        self._anki_file = path
        self.sources.show_table(table, _default_column(table))

    def _preview_failed(self, message: str, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return
        self._hide_progress()
        self.preview = None
        self.preview_label.setStyleSheet("color: #c5221f;")
        self.preview_label.setText(message)
        self._update_enabled()
        self.preview_failed.emit(message)

    def _progress(self, done: int, total: int, message: str) -> None:
        self.progress.show_progress(message, done, total)

    def _hide_progress(self) -> None:
        self.progress.finish()

    # -- importing -----------------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while an import runs."""
        return self._busy

    def start_import(self) -> None:
        """Mark the previewed words known on a worker; :attr:`import_finished` fires when done."""
        if self._busy or self.preview is None:
            return
        words, label = self.preview.words, self.preview.label
        statuses = self.app.words

        def work(job: Job) -> tuple[ImportResult, str]:
            job.progress(0, 0, f"Marking the words of {label} as known…")
            return import_known(statuses, words), label

        self._busy = True
        self._update_enabled()
        self._progress(0, 0, f"Marking the words of {label} as known…")
        self.app.dispatcher.start(IMPORT_TASK, work, on_finished=self._imported, on_failed=self._import_failed)

    def _imported(self, outcome: tuple[ImportResult, str]) -> None:
        result, label = outcome
        self._busy = False
        self._hide_progress()
        self.result_value = result
        noun = "word" if result.marked_known == 1 else "words"
        self.message.setStyleSheet("")
        self.message.setText(f"Marked {result.marked_known:,} {noun} of {label} as known.")
        self.undo_button.setVisible(result.marked_known > 0)
        if result.marked_known:
            self.app.hub.word_status_changed.emit()
        self.import_finished.emit(result)
        self._close_if_pending()
        if self._close_with is None:
            self.refresh_preview()

    def _import_failed(self, message: str) -> None:
        self._busy = False
        self._hide_progress()
        self.message.setStyleSheet("color: #c5221f;")
        self.message.setText(message)
        self._update_enabled()
        self.import_failed.emit(message)
        self._close_if_pending()

    def undo_import(self) -> None:
        """Put back the statuses the last import changed."""
        result = self.result_value
        if result is None or self._busy:
            return
        self.app.words.undo(result.change)
        self.result_value = None
        self.undo_button.hide()
        self.message.setStyleSheet("")
        self.message.setText(f"Undone: {result.marked_known:,} words are unknown again.")
        self.app.hub.word_status_changed.emit()
        self.refresh_preview()

    # -- closing -------------------------------------------------------------------------------------------------

    def _before_close(self) -> None:
        self._timer.stop()
        self.app.dispatcher.cancel(PREVIEW_TASK)
        if self._own_dictionary is not None:
            self._own_dictionary.close()
            self._own_dictionary = None


class _ColumnProblemError(InputError):
    """The chosen column of an Anki export holds no Chinese; carries the file's first rows to choose another."""

    def __init__(self, message: str, label: str, table: TablePreview) -> None:
        super().__init__(message)
        self.label = label
        self.table = table


def _default_column(table: TablePreview) -> int:
    """The first note field with Chinese in the first rows, else the first note field.

    Anki's exports put GUID, note type and deck columns first; the word is usually in the first field, but a
    "Recognition" note may start with the English.
    """
    meta = {"GUID", "Note type", "Deck", "Tags"}
    fields = [i for i, name in enumerate(table.columns) if name not in meta]
    for index in fields:
        if any(index < len(row) and has_han(row[index]) for row in table.rows):
            return index
    return fields[0] if fields else 0
