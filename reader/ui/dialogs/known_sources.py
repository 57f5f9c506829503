"""The Import Known Words dialog's choice of source: HSK levels, a word list, or one column of an Anki export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QWidget,
)

from reader.core.dictionary import HSK_BAND
from reader.core.known_words import TablePreview

AnyIndex = QModelIndex | QPersistentModelIndex

#: The HSK checkboxes: label and the dictionary level (the dictionary keeps 7–9 as one band, level 7).
HSK_CHOICES = [*((str(level), level) for level in range(1, HSK_BAND)), ("7–9", HSK_BAND)]


class Source(StrEnum):
    """Where the known words come from."""

    HSK = "hsk"
    WORD_LIST = "list"
    ANKI = "anki"


class PreviewModel(QAbstractTableModel):
    """The first rows of an Anki export, with its column names as headers."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preview = TablePreview([], [], "\t")

    def set_preview(self, preview: TablePreview) -> None:
        """Show another file's first rows."""
        self.beginResetModel()
        self.preview = preview
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.preview.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.preview.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and section < len(self.preview.columns):
            return f"{section + 1}: {self.preview.columns[section]}"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) or not index.isValid():
            return None
        row = self.preview.rows[index.row()]
        text = row[index.column()] if index.column() < len(row) else ""
        return text if role == Qt.ItemDataRole.ToolTipRole else " ".join(text.split())[:80]


class KnownSources(QGroupBox):
    """The "Words I know" box: three sources with their levels, files and Anki column; ``changed`` on a change."""

    changed = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__("Words I know", parent)
        self._settings = settings
        grid = QGridLayout(self)
        self.hsk_radio = QRadioButton("Every word of these HSK 3.0 levels:", self)
        self.list_radio = QRadioButton("The words of a word list (a text file, one word a line):", self)
        self.anki_radio = QRadioButton("One column of an Anki export (Notes in Plain Text, CSV or TSV):", self)
        self.source_group = QButtonGroup(self)
        for radio in (self.hsk_radio, self.list_radio, self.anki_radio):
            self.source_group.addButton(radio)
        self.hsk_radio.setChecked(True)
        grid.addWidget(self.hsk_radio, 0, 0, 1, 3)
        levels = QHBoxLayout()
        levels.setContentsMargins(24, 0, 0, 0)
        self.level_boxes: dict[int, QCheckBox] = {}
        for label, level in HSK_CHOICES:
            box = QCheckBox(label, self)
            box.setChecked(level <= 3)  # "I know HSK 1–3": the usual starting point
            self.level_boxes[level] = box
            levels.addWidget(box)
        levels.addStretch(1)
        grid.addLayout(levels, 1, 0, 1, 3)
        grid.addWidget(self.list_radio, 2, 0, 1, 3)
        self.list_path, self.list_browse = self._file_row(grid, 3, "Choose a word list", "Text files (*.txt *.csv)")
        grid.addWidget(self.anki_radio, 4, 0, 1, 3)
        self.anki_path, self.anki_browse = self._file_row(
            grid, 5, "Choose an Anki export", "Anki exports (*.txt *.csv *.tsv)"
        )
        column_row = QHBoxLayout()
        column_row.setContentsMargins(24, 0, 0, 0)
        column_row.addWidget(QLabel("Column with the words:", self))
        self.column_combo = QComboBox(self)
        self.column_combo.setMinimumWidth(200)
        column_row.addWidget(self.column_combo)
        column_row.addStretch(1)
        grid.addLayout(column_row, 6, 0, 1, 3)
        self.preview_model = PreviewModel(self)
        self.preview_view = QTableView(self)
        self.preview_view.setObjectName("KnownAnkiPreview")
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.preview_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_view.verticalHeader().hide()
        self.preview_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview_view.horizontalHeader().setDefaultSectionSize(140)
        self.preview_view.setMinimumHeight(140)
        self.preview_view.setToolTip("Click a column to take the words from it")
        grid.addWidget(self.preview_view, 7, 0, 1, 3)
        grid.setColumnStretch(1, 1)

        self._connect_changes()

    def _file_row(self, grid: QGridLayout, row: int, title: str, pattern: str) -> tuple[QLineEdit, QPushButton]:
        field = QLineEdit(self)
        field.setPlaceholderText("No file chosen")
        button = QPushButton("Choose…", self)
        button.clicked.connect(lambda: self._browse(field, title, pattern))
        holder = QHBoxLayout()
        holder.setContentsMargins(24, 0, 0, 0)
        holder.addWidget(field, 1)
        holder.addWidget(button)
        grid.addLayout(holder, row, 0, 1, 3)
        return field, button

    def _connect_changes(self) -> None:
        for radio in (self.hsk_radio, self.list_radio, self.anki_radio):
            radio.toggled.connect(self._changed)
        for box in self.level_boxes.values():
            box.toggled.connect(self._changed)
        for field in (self.list_path, self.anki_path):
            field.textChanged.connect(self._changed)
        self.column_combo.currentIndexChanged.connect(self._column_changed)
        self.preview_view.horizontalHeader().sectionClicked.connect(self.set_anki_column)
        self.preview_view.clicked.connect(self._cell_clicked)

    def _changed(self, *_args: object) -> None:
        self.changed.emit()

    def _cell_clicked(self, index: QModelIndex) -> None:
        self.set_anki_column(index.column())

    def _column_changed(self, _index: int) -> None:
        column = self.anki_column()
        if column is not None:
            self.preview_view.selectColumn(column)
        self.changed.emit()

    def _browse(self, field: QLineEdit, title: str, pattern: str) -> None:
        start = field.text() or str(self._settings.value("known/folder", str(Path.home())))
        path, _filter = QFileDialog.getOpenFileName(self, title, start, f"{pattern};;All files (*)")
        if path:
            self._settings.setValue("known/folder", str(Path(path).parent))
            field.setText(path)
            (self.list_radio if field is self.list_path else self.anki_radio).setChecked(True)

    # -- the choice ----------------------------------------------------------------------------------------------

    def source(self) -> Source:
        """Where the words come from."""
        if self.list_radio.isChecked():
            return Source.WORD_LIST
        if self.anki_radio.isChecked():
            return Source.ANKI
        return Source.HSK

    def hsk_levels(self) -> list[int]:
        """The HSK levels ticked (7 stands for the band 7–9)."""
        return [level for level, box in self.level_boxes.items() if box.isChecked()]

    def set_hsk_levels(self, levels: list[int]) -> None:
        """Tick exactly these HSK levels (8 and 9 tick the band 7–9) and choose the HSK source."""
        wanted = {min(level, HSK_BAND) for level in levels}
        for level, box in self.level_boxes.items():
            box.setChecked(level in wanted)
        self.hsk_radio.setChecked(True)

    def set_word_list(self, path: Path) -> None:
        """Take the words from a word list file."""
        self.list_path.setText(str(path))
        self.list_radio.setChecked(True)

    def set_anki_file(self, path: Path) -> None:
        """Take the words from an Anki export (its columns appear once the preview has read it)."""
        self.anki_path.setText(str(path))
        self.anki_radio.setChecked(True)

    def anki_column(self) -> int | None:
        """The chosen column of the Anki export (0-based), or ``None`` before the file was read."""
        data = self.column_combo.currentData()
        return int(data) if isinstance(data, int) else None

    def set_anki_column(self, column: int) -> None:
        """Take the words from column ``column`` (0-based) of the Anki export."""
        index = self.column_combo.findData(column)
        if index >= 0:
            self.column_combo.setCurrentIndex(index)

    def update_enabled(self) -> None:
        """Enable the controls of the chosen source only."""
        source = self.source()
        for box in self.level_boxes.values():
            box.setEnabled(source is Source.HSK)
        self.list_path.setEnabled(source is Source.WORD_LIST)
        for widget in (self.anki_path, self.column_combo, self.preview_view):
            widget.setEnabled(source is Source.ANKI)

    def file_path(self) -> str:
        """The file typed or chosen for the current source (empty for HSK)."""
        source = self.source()
        if source is Source.HSK:
            return ""
        return (self.list_path if source is Source.WORD_LIST else self.anki_path).text().strip()

    def show_table(self, table: TablePreview, default: int) -> None:
        """List an Anki export's first rows and its columns, ``default`` chosen."""
        self.preview_model.set_preview(table)
        self.column_combo.blockSignals(True)
        self.column_combo.clear()
        for index, name in enumerate(table.columns):
            self.column_combo.addItem(f"{index + 1}: {name}", index)
        self.column_combo.setCurrentIndex(max(0, self.column_combo.findData(default)))
        self.column_combo.blockSignals(False)
        self.preview_view.selectColumn(default)
