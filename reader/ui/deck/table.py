"""The deck window's table: columns, delegates, sorting by the store's columns, and selection by entry id."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from reader.core.store.deck import DeckEntry
from reader.ui.context import AppContext
from reader.ui.deck.delegates import MultiLineDelegate, PinyinDelegate, SentenceDelegate, StatusDelegate
from reader.ui.deck.model import COLUMN_TITLES, SORT_COLUMNS, DeckColumn, DeckTableModel
from reader.ui.theme import colors

_COLUMN_WIDTHS = {
    DeckColumn.WORD: 96,
    DeckColumn.TRADITIONAL: 86,
    DeckColumn.PINYIN: 120,
    DeckColumn.DEFINITION: 260,
    DeckColumn.SENTENCE: 280,
    DeckColumn.STATUS: 96,
    DeckColumn.TAGS: 110,
    DeckColumn.NOTE: 140,
    DeckColumn.SOURCE: 160,
    DeckColumn.ADDED: 92,
}


class DeckTable(QTableView):
    """The table of deck entries; a right click on the header shows or hides columns."""

    def __init__(self, app: AppContext, model: DeckTableModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.app = app
        self.deck_model = model
        self.setObjectName("DeckTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Double-click and Enter open the article; F2 or a click on a selected row edits.
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(QFontMetrics(model.word_font).height() + 10)
        self._build_header()
        self._build_delegates()

    def _build_header(self) -> None:
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for column, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setStretchLastSection(False)
        header.setSortIndicator(SORT_COLUMNS[self.deck_model.query.sort], Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        header.customContextMenuRequested.connect(self._header_menu)
        self.setSortingEnabled(True)

    def _build_delegates(self) -> None:
        self.pinyin_delegate = PinyinDelegate(self._tones, self)
        self.status_delegate = StatusDelegate(self)
        self.text_delegate = MultiLineDelegate(self)
        self.sentence_delegate = SentenceDelegate(self)
        self.setItemDelegateForColumn(DeckColumn.SENTENCE, self.sentence_delegate)
        self.setItemDelegateForColumn(DeckColumn.PINYIN, self.pinyin_delegate)
        self.setItemDelegateForColumn(DeckColumn.STATUS, self.status_delegate)
        self.setItemDelegateForColumn(DeckColumn.DEFINITION, self.text_delegate)
        self.setItemDelegateForColumn(DeckColumn.NOTE, self.text_delegate)

    def _tones(self) -> tuple[QColor, ...] | None:
        """The tone colours for the pinyin column, or None when tone colours are off."""
        return colors().tones if self.app.view_settings.tone_colors else None

    # -- sorting -------------------------------------------------------------------------------------------------

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        """Keep the header's arrow on the sorted column when a column the store cannot sort by is clicked."""
        if column in [c.value for c in SORT_COLUMNS.values()]:
            return
        header = self.horizontalHeader()
        sorted_order = Qt.SortOrder.DescendingOrder if self.deck_model.query.descending else Qt.SortOrder.AscendingOrder
        with QSignalBlocker(header):
            header.setSortIndicator(self.sort_column(), sorted_order)
        header.viewport().update()

    def sort_by(self, column: DeckColumn, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the table by ``column`` (as a click on its header does)."""
        self.sortByColumn(column, order)

    def sort_column(self) -> DeckColumn:
        """The column the table is sorted by."""
        return SORT_COLUMNS[self.deck_model.query.sort]

    def _header_menu(self, position: QPoint) -> None:
        header = self.horizontalHeader()
        menu = QMenu(self)
        for column in DeckColumn:
            action = menu.addAction(COLUMN_TITLES[column])
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != DeckColumn.WORD)
            action.toggled.connect(partial(self._show_column, column))
        menu.exec(header.mapToGlobal(position))

    def _show_column(self, column: DeckColumn, on: bool) -> None:
        self.horizontalHeader().setSectionHidden(column, not on)

    # -- selection -----------------------------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """Ids of the selected entries, in table order."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [self.deck_model.ids[row] for row in rows if row < len(self.deck_model.ids)]

    def selected_entries(self) -> list[DeckEntry]:
        """The selected entries, in table order."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [entry for row in rows if (entry := self.deck_model.entry(row)) is not None]

    def current_id(self) -> int | None:
        """The id of the entry in the current row (None without one)."""
        row = self.currentIndex().row()
        return self.deck_model.ids[row] if 0 <= row < len(self.deck_model.ids) else None

    def select_ids(self, ids: list[int], *, current: int | None = None) -> int:
        """Select the rows of these entries (those the filter shows); return how many were found."""
        model = self.deck_model
        rows = sorted(row for row in (model.row_of(i) for i in ids) if row >= 0)
        selection = QItemSelection()
        last = len(DeckColumn) - 1
        for row in rows:
            selection.select(model.index(row, 0), model.index(row, last))
        selection_model = self.selectionModel()
        if rows:
            current_row = model.row_of(current) if current is not None else -1
            current_row = current_row if current_row >= 0 else rows[0]
            selection_model.setCurrentIndex(model.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(model.index(current_row, 0))
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return len(rows)

    def row_index(self, row: int, column: DeckColumn = DeckColumn.WORD) -> QModelIndex:
        """The model index of a cell (for callers that drive the table)."""
        return self.deck_model.index(row, column)
