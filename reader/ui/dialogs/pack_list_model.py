"""What the Language Packs dialog shows: a snapshot of the installed packs and the cache, and a table model of it.

:func:`scan_state` reads Argos' pack folders and the translation cache; it touches the disk (and the cache's
lock, which a running translation may hold), so the dialog calls it on a worker thread and hands the resulting
:class:`PackState` to :class:`PackListModel` on the GUI thread.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reader.core.textio import format_size
from reader.core.translation.packs import PackInfo, find_pack, list_packs
from reader.core.translation.translator import Translator

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PackRow:
    """One installed pack as the dialog lists it."""

    info: PackInfo
    size_bytes: int
    in_use: bool
    removable: bool

    @property
    def key(self) -> tuple[str, str]:
        """What identifies an installed pack between two scans: its folder and version."""
        return str(self.info.path), self.info.version


@dataclass(frozen=True)
class PackState:
    """The installed packs, the one translating Chinese→English, and the cache's size, at one moment."""

    packs: tuple[PackRow, ...]
    in_use: PackInfo | None
    packages_dir: Path
    cache_count: int | None
    cache_bytes: int | None
    #: True if the scan found that the translator's pack was out of date (changed outside Reader) and reloaded it.
    reloaded: bool = False

    @property
    def keys(self) -> frozenset[tuple[str, str]]:
        """The identities of the installed packs, to tell whether an operation changed anything."""
        return frozenset(row.key for row in self.packs)


def scan_state(translator: Translator) -> PackState:
    """Read the installed packs and the cache's size; call it from a worker thread.

    If the newest Chinese→English pack on disk is not the one the translator uses (``argospm`` installed or
    removed one while Reader ran), the translator is reloaded so that it uses what is installed.
    """
    settings = translator.settings
    newest = find_pack(settings, translator.from_code, translator.to_code)
    reloaded = False
    if newest != translator.pack:
        translator.reload()
        reloaded = True
    in_use = translator.pack
    rows = tuple(
        PackRow(
            info=pack,
            size_bytes=pack.size_bytes(),
            in_use=in_use is not None and pack.path == in_use.path,
            removable=pack.path.parent == settings.packages_dir,
        )
        for pack in list_packs(settings)
    )
    count, size = _cache_figures(translator)
    return PackState(rows, in_use, settings.packages_dir, count, size, reloaded)


def _cache_figures(translator: Translator) -> tuple[int | None, int | None]:
    """The number of cached sentences and the bytes of the cache file (with its write-ahead log)."""
    cache = translator.cache
    if cache is None:
        return None, None
    count = cache.count()
    if str(cache.path) == ":memory:":
        return count, None
    size = 0
    for suffix in ("", "-wal"):
        with contextlib.suppress(OSError):  # no write-ahead log, or the file is not created yet
            size += os.stat(f"{cache.path}{suffix}").st_size
    return count, size


class PackRole(IntEnum):
    """Data roles of :class:`PackListModel` beyond Qt's display roles."""

    ROW = Qt.ItemDataRole.UserRole + 1  # the PackRow
    NAME = Qt.ItemDataRole.UserRole + 2  # the pack's folder name (what remove_pack takes)
    IN_USE = Qt.ItemDataRole.UserRole + 3  # bool: translates Chinese→English in Reader now
    REMOVABLE = Qt.ItemDataRole.UserRole + 4  # bool: in the writable pack folder


class PackColumn(IntEnum):
    """The table's columns."""

    NAME = 0
    LANGUAGES = 1
    VERSION = 2
    SIZE = 3
    USE = 4


_HEADERS = {
    PackColumn.NAME: "Pack",
    PackColumn.LANGUAGES: "Languages",
    PackColumn.VERSION: "Version",
    PackColumn.SIZE: "Size",
    PackColumn.USE: "Used for",
}


class PackListModel(QAbstractTableModel):
    """The installed packs, one per row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[PackRow, ...] = ()

    def set_rows(self, rows: tuple[PackRow, ...]) -> None:
        """Show ``rows`` instead of the current ones."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def pack_row(self, row: int) -> PackRow | None:
        """The pack shown in ``row``, or ``None``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(PackColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS.get(PackColumn(section)) if 0 <= section < len(PackColumn) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        pack_row = self.pack_row(index.row()) if index.isValid() else None
        if pack_row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(pack_row, PackColumn(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(pack_row.info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == PackColumn.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        roles: dict[int, object] = {
            PackRole.ROW: pack_row,
            PackRole.NAME: pack_row.info.name,
            PackRole.IN_USE: pack_row.in_use,
            PackRole.REMOVABLE: pack_row.removable,
        }
        return roles.get(role)


def _display(row: PackRow, column: PackColumn) -> str:
    info = row.info
    if column == PackColumn.NAME:
        return info.name
    if column == PackColumn.LANGUAGES:
        return info.languages
    if column == PackColumn.VERSION:
        return info.version or "—"
    if column == PackColumn.SIZE:
        return format_size(row.size_bytes)
    if row.in_use:
        return "✔ Chinese→English"
    return "" if row.removable else "(read-only)"
