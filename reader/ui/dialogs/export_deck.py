"""The Export Deck dialog: Anki (two CSV layouts or a package), a spreadsheet CSV, or Pleco flashcards.

Open it with :meth:`ExportDeckDialog.export`. The dialog says which Anki note type each file fills, which entries
go in (all, the deck window's current filter, by status/tag/article, only those changed since the last export in
that format) and how many; after the save dialog, the file is written on a worker thread (temporary file renamed
into place, see :mod:`reader.core.export`), and the dialog ends with the file's path and the number of entries.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.export import (
    AnkiLayout,
    ExportFormat,
    ExportOptions,
    ExportResult,
    FormOrder,
    describe_layout,
    export_deck,
)
from reader.core.export.anki_csv import DEFAULT_DECK_NAME
from reader.core.export.pleco import DEFAULT_CATEGORY
from reader.core.store.deck import DeckQuery
from reader.ui.context import AppContext
from reader.ui.deck.filters import apply_choices, describe_query, fill_article_combo, fill_tag_combo, make_status_combo
from reader.ui.widgets import ChoiceCombo, ProgressRow, WorkDialog, run_dialog
from reader.ui.workers import Job

#: Dispatcher task name of the export.
EXPORT_TASK = "deck-export"


@dataclass(frozen=True)
class ExportChoice:
    """One entry of the format drop-down: a label, the format, the Anki CSV layout (if any), and what it is for."""

    key: str
    label: str
    format: ExportFormat
    layout: AnkiLayout
    description: str


CHOICES = (
    ExportChoice(
        "anki-basic",
        "Anki text file — stock “Basic” note type",
        ExportFormat.ANKI_CSV,
        AnkiLayout.BASIC,
        describe_layout(AnkiLayout.BASIC) + " In Anki: File ▸ Import…, choose the file, Import.",
    ),
    ExportChoice(
        "anki-reader",
        "Anki text file — “Reader Chinese” note type",
        ExportFormat.ANKI_CSV,
        AnkiLayout.READER,
        describe_layout(AnkiLayout.READER),
    ),
    ExportChoice(
        "anki-apkg",
        "Anki package (.apkg) with its own note type",
        ExportFormat.ANKI_APKG,
        AnkiLayout.READER,
        "A package that brings its own “Reader Chinese” note type (fields Hanzi, Pinyin, Meaning, Sentence, "
        "Translation, Source, Notes; tone-coloured pinyin), so nothing needs mapping: in Anki, File ▸ Import….",
    ),
    ExportChoice(
        "csv",
        "Spreadsheet (CSV)",
        ExportFormat.CSV,
        AnkiLayout.BASIC,
        "Every field of every entry, one row each with a header row (UTF-8), for LibreOffice, Excel or Numbers.",
    ),
    ExportChoice(
        "pleco",
        "Pleco flashcards",
        ExportFormat.PLECO,
        AnkiLayout.BASIC,
        "Pleco's flashcard text file (word, pinyin, meaning; no sentence): in Pleco, Import Cards, in the "
        "category below.",
    ),
)
_REIMPORT_NOTE = " Exporting again later updates the notes Anki already has instead of duplicating them."


class ExportDeckDialog(WorkDialog):
    """Choose a format and the entries, then write the file in the background."""

    export_finished = Signal(object)  # the ExportResult
    export_failed = Signal(str)  # one sentence

    def __init__(self, app: AppContext, parent: QWidget | None = None, preset_query: DeckQuery | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle("Export Deck")
        self.setObjectName("ExportDeckDialog")
        self.preset_query = preset_query
        #: The last export written by this dialog.
        self.result_value: ExportResult | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_format())
        layout.addWidget(self._build_entries())
        layout.addWidget(self._build_options())
        self.progress = ProgressRow(self)
        layout.addWidget(self.progress)
        self.message = QLabel(self)
        self.message.setObjectName("ExportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.export_button = QPushButton("Export…", self)
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.choose_and_export)
        self.close_button.clicked.connect(self._close_clicked)
        layout.addWidget(self.buttons)
        self._restore_choices()
        self._format_changed()
        self.resize(620, self.sizeHint().height())

    @classmethod
    def export(
        cls, app: AppContext, parent: QWidget | None = None, preset_query: DeckQuery | None = None
    ) -> tuple[ExportResult | None, bool]:
        """Show the dialog; return the export written (``None`` if none) and whether it closed after one."""
        dialog = cls(app, parent, preset_query)
        return run_dialog(dialog, lambda: dialog.result_value)

    # -- construction --------------------------------------------------------------------------------------------

    def _build_format(self) -> QGroupBox:
        group = QGroupBox("Format", self)
        self.format_combo = QComboBox(group)
        for choice in CHOICES:
            self.format_combo.addItem(choice.label, choice.key)
        self.format_combo.currentIndexChanged.connect(lambda _index: self._format_changed())
        self.format_note = QLabel(group)
        self.format_note.setObjectName("ExportFormatNote")
        self.format_note.setWordWrap(True)
        box = QVBoxLayout(group)
        box.addWidget(self.format_combo)
        box.addWidget(self.format_note)
        return group

    def _build_entries(self) -> QGroupBox:
        group = QGroupBox("Entries", self)
        deck = self.app.deck
        self.all_radio = QRadioButton("All entries", group)
        self.filter_radio = QRadioButton(group)
        self.choose_radio = QRadioButton("Only these:", group)
        self.scope = QButtonGroup(group)
        for radio in (self.all_radio, self.filter_radio, self.choose_radio):
            self.scope.addButton(radio)
            radio.toggled.connect(lambda _on: self._update_scope())
        self.status_combo = make_status_combo(group)
        self.tag_combo = QComboBox(group)
        self.article_combo = QComboBox(group)
        self.article_combo.setMaximumWidth(240)
        fill_tag_combo(self.tag_combo, deck)
        fill_article_combo(self.article_combo, deck)
        for combo in (self.status_combo, self.tag_combo, self.article_combo):
            combo.currentIndexChanged.connect(lambda _index: self.update_count())
        self.since_check = QCheckBox(group)
        self.since_check.toggled.connect(lambda _on: self.update_count())
        self.count_label = QLabel(group)
        self.count_label.setObjectName("ExportCount")
        grid = QGridLayout(group)
        grid.addWidget(self.all_radio, 0, 0, 1, 4)
        grid.addWidget(self.filter_radio, 1, 0, 1, 4)
        grid.addWidget(self.choose_radio, 2, 0)
        grid.addWidget(self.status_combo, 2, 1)
        grid.addWidget(self.tag_combo, 2, 2)
        grid.addWidget(self.article_combo, 2, 3)
        grid.addWidget(self.since_check, 3, 0, 1, 4)
        grid.addWidget(self.count_label, 4, 0, 1, 4)
        grid.setColumnStretch(3, 1)
        filtered = self.preset_query is not None and describe_query(self.preset_query) != "all entries"
        if filtered and self.preset_query is not None:
            title = self._article_title(self.preset_query.article_id)
            self.filter_radio.setText(f"The deck window's filter: {describe_query(self.preset_query, title)}")
            self.filter_radio.setChecked(True)
        else:
            self.filter_radio.hide()
            self.all_radio.setChecked(True)
        return group

    def _article_title(self, article_id: int | None) -> str:
        if article_id is None:
            return ""
        return next((title for aid, title, _n in self.app.deck.sources() if aid == article_id), "")

    def _build_options(self) -> QGroupBox:
        group = QGroupBox("Options", self)
        self.deck_name = QLineEdit(DEFAULT_DECK_NAME, group)
        self.deck_name.setToolTip("The Anki deck the cards go into (created if missing; use :: for a sub-deck)")
        self.pleco_category = QLineEdit(DEFAULT_CATEGORY, group)
        self.pleco_category.setToolTip("The Pleco flashcard category the cards are filed under")
        # Which form of a word leads (the other goes beside it): by default the script the word was read in.
        self.form_order = ChoiceCombo(
            group,
            [
                ("The script I read it in", FormOrder.AS_READ),
                ("Simplified (學習 beside it)", FormOrder.SIMPLIFIED),
                ("Traditional (学习 beside it)", FormOrder.TRADITIONAL),
            ],
            FormOrder.AS_READ,
        )
        self.form_order.setToolTip("Which characters a card shows first; the other form of the word goes beside them")
        self.options_form = QFormLayout(group)
        self.options_form.addRow("Anki deck:", self.deck_name)
        self.options_form.addRow("Pleco category:", self.pleco_category)
        self.options_form.addRow("Characters first:", self.form_order)
        self.options_group = group
        return group

    def _restore_choices(self) -> None:
        settings = self.app.settings
        index = self.format_combo.findData(str(settings.value("export/format", CHOICES[0].key)))
        self.format_combo.setCurrentIndex(max(0, index))
        self.deck_name.setText(str(settings.value("export/deck_name", DEFAULT_DECK_NAME)) or DEFAULT_DECK_NAME)
        self.pleco_category.setText(str(settings.value("export/pleco_category", DEFAULT_CATEGORY)) or DEFAULT_CATEGORY)
        try:
            order = FormOrder(str(settings.value("export/form_order", FormOrder.AS_READ.value)))
        except ValueError:
            order = FormOrder.AS_READ
        self.form_order.setCurrentIndex(list(FormOrder).index(order))  # the combo lists FormOrder in order

    def _save_choices(self, path: Path) -> None:
        settings = self.app.settings
        settings.setValue("export/format", self.choice().key)
        settings.setValue("export/deck_name", self.deck_name.text().strip())
        settings.setValue("export/pleco_category", self.pleco_category.text().strip())
        settings.setValue("export/form_order", self.form_order.current_value().value)
        settings.setValue("export/folder", str(path.parent))

    # -- the choices ---------------------------------------------------------------------------------------------

    def choice(self) -> ExportChoice:
        """The format chosen."""
        key = self.format_combo.currentData()
        return next((choice for choice in CHOICES if choice.key == key), CHOICES[0])

    def set_choice(self, key: str) -> None:
        """Choose a format by key (``anki-basic``, ``anki-reader``, ``anki-apkg``, ``csv``, ``pleco``)."""
        index = self.format_combo.findData(key)
        if index < 0:
            raise ValueError(f"unknown export choice {key!r}")
        self.format_combo.setCurrentIndex(index)

    def _format_changed(self) -> None:
        choice = self.choice()
        anki = choice.format in (ExportFormat.ANKI_CSV, ExportFormat.ANKI_APKG)
        self.format_note.setText(choice.description + (_REIMPORT_NOTE if anki else ""))
        self.options_form.setRowVisible(self.deck_name, anki)
        self.options_form.setRowVisible(self.pleco_category, choice.format is ExportFormat.PLECO)
        self.options_form.setRowVisible(self.form_order, anki or choice.format is ExportFormat.CSV)
        self.options_group.setVisible(anki or choice.format in (ExportFormat.PLECO, ExportFormat.CSV))
        last = self.app.deck.last_export(choice.format.value)
        if last is None:
            self.since_check.setText("Only entries added or changed since the last export (none yet: all of them)")
        else:
            when = last.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.since_check.setText(
                f"Only entries added or changed since the last {choice.format.value} export ({when}, "
                f"{last.entry_count:,} entries)"
            )
        self.update_count()

    def _update_scope(self) -> None:
        choosing = self.choose_radio.isChecked()
        for combo in (self.status_combo, self.tag_combo, self.article_combo):
            combo.setEnabled(choosing)
        self.update_count()

    def query(self) -> DeckQuery:
        """The entries chosen (before the "since the last export" cut-off)."""
        if self.filter_radio.isChecked() and self.preset_query is not None:
            return replace(self.preset_query, limit=None, offset=0)
        if self.choose_radio.isChecked():
            return apply_choices(DeckQuery(), self.status_combo, self.tag_combo, self.article_combo)
        return DeckQuery()

    def since(self) -> datetime | None:
        """The cut-off of "since the last export", or ``None`` (unchecked, or no earlier export)."""
        if not self.since_check.isChecked():
            return None
        last = self.app.deck.last_export(self.choice().format.value)
        return last.started_at if last else None

    def entry_count(self) -> int:
        """How many entries the export would write now."""
        return self.app.deck.count(replace(self.query(), changed_since=self.since()))

    def update_count(self) -> None:
        """Say how many entries will be written."""
        if not hasattr(self, "count_label"):
            return
        count = self.entry_count()
        noun = "entry" if count == 1 else "entries"
        self.count_label.setText(f"<b>{count:,} {noun}</b> will be exported." if count else "No entry matches.")
        if hasattr(self, "export_button"):
            self.export_button.setEnabled(not self._busy)

    def options(self) -> ExportOptions:
        """Deck name, CSV layout and Pleco category as chosen; pinyin written as Preferences say."""
        return ExportOptions(
            deck_name=self.deck_name.text().strip() or DEFAULT_DECK_NAME,
            anki_layout=self.choice().layout,
            pleco_category=self.pleco_category.text().strip() or DEFAULT_CATEGORY,
            form_order=self.form_order.current_value(),
            pinyin_style=self.app.view_settings.pinyin_style,
        )

    # -- exporting -----------------------------------------------------------------------------------------------

    def suggested_path(self) -> Path:
        """Where the save dialog starts: the last export folder and a name saying what the file is."""
        folder = Path(str(self.app.settings.value("export/folder", str(Path.home()))))
        choice = self.choice()
        stem = {"anki-basic": "reader-deck-anki", "anki-reader": "reader-deck-anki-reader"}.get(
            choice.key, f"reader-deck-{choice.key}"
        )
        return folder / f"{stem}{choice.format.suffix}"

    def choose_and_export(self) -> None:
        """Ask where to save, then export (the Export… button)."""
        choice = self.choice()
        suffix = choice.format.suffix
        kind = "Anki package" if choice.format is ExportFormat.ANKI_APKG else "File"
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export Deck", str(self.suggested_path()), f"{kind} (*{suffix});;All files (*)"
        )
        if path:
            target = Path(path)
            if not target.suffix:
                target = target.with_suffix(suffix)
            self.start_export(target)

    def start_export(self, path: Path) -> None:
        """Write the chosen entries to ``path`` on a worker thread; :attr:`export_finished` fires when done."""
        if self._busy:
            return
        choice = self.choice()
        query = self.query()
        since = self.since_check.isChecked()
        options = self.options()
        deck = self.app.deck
        count = self.entry_count()
        self._save_choices(Path(path))

        def work(job: Job) -> ExportResult:
            job.progress(0, 0, f"Writing {count:,} entries to {Path(path).name}…")
            return export_deck(deck, choice.format, Path(path), query, since_last_export=since, options=options)

        self._set_busy(True, f"Writing {count:,} entries to {Path(path).name}…")
        self.app.dispatcher.start(EXPORT_TASK, work, on_finished=self._finished, on_failed=self._failed)

    @property
    def busy(self) -> bool:
        """True while a file is being written."""
        return self._busy

    def _set_busy(self, busy: bool, label: str = "") -> None:
        self._busy = busy
        if busy:
            self.progress.busy(label)
        else:
            self.progress.finish()
        self.export_button.setEnabled(not busy)
        self.format_combo.setEnabled(not busy)
        if busy:
            self._show_message("")

    def _finished(self, result: ExportResult) -> None:
        self._set_busy(False)
        self.result_value = result
        noun = "entry" if result.count == 1 else "entries"
        since = f" (changed since {result.since.astimezone():%Y-%m-%d %H:%M})" if result.since else ""
        self._show_message(f"Wrote {result.count:,} {noun}{since} to {result.path}.")
        self._format_changed()  # the "since the last export" line now names this export
        self.export_finished.emit(result)
        self._close_if_pending()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self._show_message(message, error=True)
        self.export_failed.emit(message)
        self._close_if_pending()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c5221f;" if error else "")
        self.message.setText(text)
