"""The deck window's table model: every entry matching a query, fetched from the store a block of rows at a time.

:meth:`DeckTableModel.set_query` asks the store for the ids of the matching entries in order (one scan, 10–25 ms
for 50,000 entries); rows are read with :meth:`~reader.core.store.deck.Deck.get_many` only when the view asks
for them (a block of :data:`BLOCK` rows at a time), so opening and filtering cost the same whatever the deck's
size. Inline edits go straight to the store; :attr:`DeckTableModel.edited` reports them so the window can put
them on its undo stack.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from reader.core.errors import ReaderError
from reader.core.export.fields import traditional_of
from reader.core.pinyin.styles import PinyinStyle, format_reading, format_syllable, tone_of
from reader.core.store.deck import Deck, DeckEntry, DeckQuery, SortField
from reader.core.store.words import WordStatus

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex

#: Rows read from the store at once when the view needs a row that is not cached.
BLOCK = 128
#: Entries kept in memory; beyond that the cache starts again from the rows on screen.
CACHE_LIMIT = 4096


class DeckColumn(IntEnum):
    """The table's columns, in display order."""

    WORD = 0
    TRADITIONAL = 1
    PINYIN = 2
    DEFINITION = 3
    SENTENCE = 4
    STATUS = 5
    TAGS = 6
    NOTE = 7
    SOURCE = 8
    ADDED = 9


class DeckRole(IntEnum):
    """Named data roles of :class:`DeckTableModel`."""

    ENTRY = Qt.ItemDataRole.UserRole + 1  # the DeckEntry (None while a row is missing)
    ENTRY_ID = Qt.ItemDataRole.UserRole + 2  # the entry's id
    SYLLABLES = Qt.ItemDataRole.UserRole + 3  # [(syllable in the pinyin style, tone 1–5), …] of the reading
    STATUS = Qt.ItemDataRole.UserRole + 4  # the entry's WordStatus
    SENTENCE_PARTS = Qt.ItemDataRole.UserRole + 5  # (before, word, after): the sentence split at the word


COLUMN_TITLES = {
    DeckColumn.WORD: "Word",
    DeckColumn.TRADITIONAL: "Traditional",
    DeckColumn.PINYIN: "Pinyin",
    DeckColumn.DEFINITION: "Definition",
    DeckColumn.SENTENCE: "Sentence",
    DeckColumn.STATUS: "Status",
    DeckColumn.TAGS: "Tags",
    DeckColumn.NOTE: "Note",
    DeckColumn.SOURCE: "Source",
    DeckColumn.ADDED: "Added",
}

#: Columns the store can sort by, and how.
SORT_FIELDS = {
    DeckColumn.WORD: SortField.HANZI,
    DeckColumn.PINYIN: SortField.PINYIN,
    DeckColumn.DEFINITION: SortField.DEFINITION,
    DeckColumn.STATUS: SortField.STATUS,
    DeckColumn.SOURCE: SortField.SOURCE,
    DeckColumn.ADDED: SortField.ADDED,
}
#: The column showing each sort field (the reverse of :data:`SORT_FIELDS`).
SORT_COLUMNS = {field: column for column, field in SORT_FIELDS.items()}

#: Columns edited in place, and the entry field each one changes.
EDITABLE_FIELDS = {
    DeckColumn.PINYIN: "pinyin",
    DeckColumn.DEFINITION: "definition",
    DeckColumn.STATUS: "status",
    DeckColumn.TAGS: "tags",
    DeckColumn.NOTE: "note",
}

STATUS_LABELS = {
    WordStatus.NEW: "New",
    WordStatus.LEARNING: "Learning",
    WordStatus.KNOWN: "Known",
    WordStatus.IGNORED: "Ignored",
    WordStatus.UNKNOWN: "Unknown",
}
STATUS_COLOURS = {
    WordStatus.NEW: "#1a73e8",
    WordStatus.LEARNING: "#e0a100",
    WordStatus.KNOWN: "#188038",
    WordStatus.IGNORED: "#9a9a9a",
    WordStatus.UNKNOWN: "#d62d20",
}


_COLUMNS = list(DeckColumn)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_HANDLED_ROLES = frozenset({_DISPLAY, _DECORATION, _EDIT, _TOOLTIP, _FONT, *(int(role) for role in DeckRole)})
_HANZI_COLUMNS = frozenset({DeckColumn.TRADITIONAL, DeckColumn.SENTENCE})


def one_line(text: str, separator: str = "; ") -> str:
    """Join the lines of ``text`` for a table cell (the full text is in the tooltip and the detail pane)."""
    return separator.join(line.strip() for line in text.splitlines() if line.strip())


def parse_tags(text: str) -> list[str]:
    """Split what the learner typed in the Tags cell into tags (spaces or commas separate them)."""
    return text.replace(",", " ").split()


def syllables(entry: DeckEntry, style: PinyinStyle = PinyinStyle.MARKS) -> list[tuple[str, int]]:
    """The entry's reading as (syllable written in ``style``, tone) pairs, for the tone-coloured pinyin column."""
    return [(format_syllable(s, style), tone_of(s)) for s in entry.pinyin.split()]


def sentence_parts(entry: DeckEntry) -> tuple[str, str, str]:
    """The sentence split around the word's occurrence (``("他在", "银行", "工作。")``); no word: all in ``before``."""
    sentence = " ".join(entry.sentence.split())
    word = entry.simplified
    offset = entry.sentence_offset
    if offset is None or sentence[offset : offset + len(word)] != word:
        offset = sentence.find(word)
    if offset < 0 or not word:
        return sentence, "", ""
    return sentence[:offset], word, sentence[offset + len(word) :]


def _status_icon(status: WordStatus) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(STATUS_COLOURS[status]))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class DeckTableModel(QAbstractTableModel):
    """The entries matching a :class:`DeckQuery`, read lazily; edits of definition, status, tags and note.

    ``total`` is the number of entries in the whole deck, ``len(model.ids)`` the number matching the query.
    """

    edited = Signal(object)  # EntryEdit of an inline edit that changed the entry
    failed = Signal(str)  # one sentence: an edit the store refused

    def __init__(self, deck: Deck, hanzi_family: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.query = DeckQuery()
        self.ids: list[int] = []
        self.total = 0
        self._cache: dict[int, DeckEntry] = {}
        self._fetched: set[int] = set()  # blocks read since the cache was last cleared
        self._rows: dict[int, int] | None = None  # id → row, built when first needed
        self._hanzi_font = QFont(hanzi_family) if hanzi_family else QFont()
        self.word_font = QFont(self._hanzi_font)
        self.word_font.setPointSizeF(max(self.word_font.pointSizeF(), 10.0) * 1.25)
        self._icons = {status: _status_icon(status) for status in STATUS_COLOURS}
        #: How the Pinyin column writes readings (the Preferences setting; see :meth:`set_pinyin_style`).
        self.pinyin_style = PinyinStyle.MARKS

    def set_pinyin_style(self, style: PinyinStyle) -> None:
        """Write the Pinyin column in ``style`` from now on (tone marks, tone numbers or zhuyin)."""
        if style is self.pinyin_style:
            return
        self.pinyin_style = style
        if self.ids:
            column = _COLUMNS.index(DeckColumn.PINYIN)
            self.dataChanged.emit(self.index(0, column), self.index(len(self.ids) - 1, column))

    # -- loading ------------------------------------------------------------------------------------------------

    def set_query(self, query: DeckQuery) -> None:
        """List the entries matching ``query`` (its paging is ignored), in its order."""
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Read the matching ids again; rows whose order did not change keep their place (no reset)."""
        ids = self.deck.ids(self.query)
        self.total = self.deck.count()
        self._cache.clear()
        self._fetched.clear()
        if ids == self.ids:
            if ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(DeckColumn) - 1))
            return
        self.beginResetModel()
        self.ids = ids
        self._rows = None
        self.endResetModel()

    def entry(self, row: int) -> DeckEntry | None:
        """The entry shown in ``row`` (read from the store with its block if needed; ``None`` if it is gone)."""
        if not 0 <= row < len(self.ids):
            return None
        entry_id = self.ids[row]
        entry = self._cache.get(entry_id)
        if entry is None:
            block = row // BLOCK
            if block in self._fetched:
                return None  # deleted since the ids were read; the next reload drops the row
            self._fetch(block)
            entry = self._cache.get(entry_id)
        return entry

    def _fetch(self, block: int) -> None:
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
            self._fetched.clear()
        chunk = self.ids[block * BLOCK : (block + 1) * BLOCK]
        for entry in self.deck.get_many(chunk):
            self._cache[entry.id] = entry
        self._fetched.add(block)

    def row_of(self, entry_id: int) -> int:
        """The row showing entry ``entry_id``, or -1 if the query does not list it."""
        if self._rows is None:
            self._rows = {entry_id: row for row, entry_id in enumerate(self.ids)}
        return self._rows.get(entry_id, -1)

    def update_entries(self, entries: list[DeckEntry]) -> None:
        """Show new versions of some entries at once (after an undo), before the next reload re-sorts."""
        for entry in entries:
            row = self.row_of(entry.id)
            if row >= 0:
                self._cache[entry.id] = entry
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(DeckColumn) - 1))

    @property
    def filtered(self) -> bool:
        """True if the query leaves out some entries (search, status, tag or article)."""
        q = self.query
        return bool(q.search.strip() or q.statuses or q.tags or q.article_id is not None or q.changed_since)

    # -- Qt model interface -------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DeckColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(DeckColumn):
            return None
        column = DeckColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMN_TITLES[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = []
            if column in SORT_FIELDS:
                parts.append("Click to sort by this column")
            if column in EDITABLE_FIELDS:
                parts.append("edit a cell with F2 or a click on a selected row")
            return "; ".join(parts).capitalize() if parts else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE_FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called about ten times per visible cell per paint: unhandled roles leave first, columns stay plain ints.
        if role not in _HANDLED_ROLES or not index.isValid():
            return None
        entry = self.entry(index.row())
        if entry is None:
            return None
        column = _COLUMNS[index.column()]
        if role == _DISPLAY:
            return self._display(entry, column, self.pinyin_style)
        if role == _FONT:
            if column == DeckColumn.WORD:
                return self.word_font
            return self._hanzi_font if column in _HANZI_COLUMNS else None
        if role == _DECORATION:
            return self._icons[entry.status] if column == DeckColumn.STATUS else None
        if role == _EDIT:
            return self._edit_value(entry, column, self.pinyin_style)
        if role == _TOOLTIP:
            return self._tooltip(entry, column)
        return self._named_role(entry, role, self.pinyin_style)

    @staticmethod
    def _named_role(entry: DeckEntry, role: int, style: PinyinStyle) -> Any:
        if role == DeckRole.ENTRY:
            return entry
        if role == DeckRole.ENTRY_ID:
            return entry.id
        if role == DeckRole.SYLLABLES:
            return syllables(entry, style)
        if role == DeckRole.STATUS:
            return entry.status
        if role == DeckRole.SENTENCE_PARTS:
            return sentence_parts(entry)
        return None

    @staticmethod
    def _display(entry: DeckEntry, column: DeckColumn, style: PinyinStyle) -> str:
        if column == DeckColumn.WORD:
            return entry.simplified
        if column == DeckColumn.TRADITIONAL:
            return traditional_of(entry)
        if column == DeckColumn.PINYIN:
            return format_reading(entry.pinyin, style)
        if column == DeckColumn.DEFINITION:
            return one_line(entry.definition)
        if column == DeckColumn.SENTENCE:
            return one_line(entry.sentence, " ")
        if column == DeckColumn.STATUS:
            return STATUS_LABELS[entry.status]
        if column == DeckColumn.TAGS:
            return " ".join(entry.tags)
        if column == DeckColumn.NOTE:
            return one_line(entry.note)
        if column == DeckColumn.SOURCE:
            return entry.article_title
        return entry.added_at.astimezone().strftime("%Y-%m-%d")

    @staticmethod
    def _edit_value(entry: DeckEntry, column: DeckColumn, style: PinyinStyle) -> Any:
        if column == DeckColumn.PINYIN:
            # Edited in tone numbers or tone marks (parse_reading takes both, not zhuyin).
            return entry.pinyin if style is PinyinStyle.NUMBERS else entry.pinyin_marks
        if column == DeckColumn.DEFINITION:
            return entry.definition
        if column == DeckColumn.NOTE:
            return entry.note
        if column == DeckColumn.TAGS:
            return " ".join(entry.tags)
        if column == DeckColumn.STATUS:
            return entry.status
        return DeckTableModel._display(entry, column, style)

    @staticmethod
    def _tooltip(entry: DeckEntry, column: DeckColumn) -> str | None:
        if column == DeckColumn.DEFINITION:
            return entry.definition or None
        if column == DeckColumn.SENTENCE:
            return "\n".join(part for part in (entry.sentence, entry.sentence_translation) if part) or None
        if column == DeckColumn.NOTE:
            return entry.note or None
        if column == DeckColumn.ADDED:
            added = entry.added_at.astimezone().strftime("%Y-%m-%d %H:%M")
            updated = entry.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
            return f"Added {added}, last changed {updated}"
        if column == DeckColumn.SOURCE and entry.article_title and entry.article_id is None:
            return f"{entry.article_title} (no longer in the library)"
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITABLE_FIELDS:
            return False
        entry = self.entry(index.row())
        if entry is None:
            return False
        name = EDITABLE_FIELDS[DeckColumn(index.column())]
        new_value: Any = parse_tags(str(value)) if name == "tags" else value
        try:
            edit = self.deck.update(entry.id, **{name: new_value})
        except ReaderError as error:
            self.failed.emit(str(error))
            return False
        except ValueError:  # a status that is not a deck status
            self.failed.emit(f"“{value}” is not a status a deck entry can have.")
            return False
        if edit.after == edit.before:
            return False
        self._cache[entry.id] = edit.after
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(DeckColumn) - 1))
        self.edited.emit(edit)
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column the store can sort by (others are ignored)."""
        field = SORT_FIELDS.get(DeckColumn(column)) if 0 <= column < len(DeckColumn) else None
        if field is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if field == self.query.sort and descending == self.query.descending:
            return
        self.set_query(replace(self.query, sort=field, descending=descending))
