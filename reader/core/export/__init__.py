"""Export the vocabulary deck: Anki CSV, Anki package (.apkg), plain CSV and Pleco flashcards.

:func:`export_deck` picks the entries (all, or by status/tag/article, or only those added or changed since the
previous export in the same format), writes the file through a temporary file renamed into place, and records
the export. The format modules can also be used on any list of entries.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from reader.core.cleantext import clean_field
from reader.core.export import anki_apkg, anki_csv, plain_csv, pleco
from reader.core.export.anki_csv import AnkiLayout, describe_layout
from reader.core.export.fields import FormOrder
from reader.core.pinyin.styles import PinyinStyle
from reader.core.store.deck import Deck, DeckEntry, DeckQuery, SortField

__all__ = [
    "AnkiLayout",
    "ExportFormat",
    "ExportOptions",
    "ExportResult",
    "FormOrder",
    "describe_layout",
    "export_deck",
    "write_entries",
]


class ExportFormat(StrEnum):
    """The export formats, named as the CLI's ``--format`` spells them."""

    ANKI_CSV = "anki-csv"
    ANKI_APKG = "anki-apkg"
    CSV = "csv"
    PLECO = "pleco"

    @property
    def suffix(self) -> str:
        """The usual file name ending of the format."""
        return {"anki-csv": ".txt", "anki-apkg": ".apkg", "csv": ".csv", "pleco": ".txt"}[self.value]


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Settings of the formats that have any: the Anki deck name and CSV layout, Pleco's category."""

    deck_name: str = anki_csv.DEFAULT_DECK_NAME
    anki_layout: AnkiLayout = AnkiLayout.BASIC
    pleco_category: str = pleco.DEFAULT_CATEGORY
    #: Which form of each word comes first (Anki's Hanzi/Front, the CSV's ``hanzi`` column); the other goes beside it.
    form_order: FormOrder = FormOrder.AS_READ
    #: How pinyin is written (the Preferences setting; Pleco's file always uses tone numbers, Pleco's own format).
    pinyin_style: PinyinStyle = PinyinStyle.MARKS


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote: the file, the format, how many entries, and the cut-off date used (if any)."""

    path: Path
    format: ExportFormat
    count: int
    since: datetime | None = None


def write_entries(
    entries: list[DeckEntry], export_format: ExportFormat, path: Path, options: ExportOptions | None = None
) -> int:
    """Write ``entries`` to ``path`` in ``export_format``; return how many were written.

    Every field goes through :func:`~reader.core.cleantext.clean_field` first, whatever the format: a control
    character (U+001F is Anki's field separator) never reaches an export file.
    """
    options = clean_options(options or ExportOptions())
    entries = [clean_entry(entry) for entry in entries]
    path = Path(path)
    if export_format is ExportFormat.ANKI_CSV:
        return anki_csv.write(
            entries, path, options.anki_layout, options.deck_name, options.form_order, options.pinyin_style
        )
    if export_format is ExportFormat.ANKI_APKG:
        return anki_apkg.write(entries, path, options.deck_name, order=options.form_order, style=options.pinyin_style)
    if export_format is ExportFormat.CSV:
        return plain_csv.write(entries, path, options.form_order, options.pinyin_style)
    return pleco.write(entries, path, options.pleco_category)


def clean_entry(entry: DeckEntry) -> DeckEntry:
    """Return ``entry`` with every text field and tag passed through :func:`clean_field`."""
    changes: dict[str, object] = {
        f.name: clean_field(value)
        for f in dataclasses.fields(entry)
        if type(value := getattr(entry, f.name)) is str  # not the status, a str enum
    }
    changes["tags"] = tuple(clean_field(tag) for tag in entry.tags)
    return replace(entry, **changes)  # type: ignore[arg-type]


def clean_options(options: ExportOptions) -> ExportOptions:
    """Return ``options`` with the deck name and Pleco category free of control characters."""
    return replace(
        options, deck_name=clean_field(options.deck_name), pleco_category=clean_field(options.pleco_category)
    )


def export_deck(
    deck: Deck,
    export_format: ExportFormat | str,
    path: Path,
    query: DeckQuery | None = None,
    *,
    since_last_export: bool = False,
    options: ExportOptions | None = None,
) -> ExportResult:
    """Export the entries of ``deck`` that match ``query`` (default: all), oldest first, and record the export.

    With ``since_last_export``, only entries added or changed after the previous export in the same format are
    written (all of them if there was none). The file is written even when no entry matches, so a script always
    finds it. Raises :class:`~reader.core.export.files.ExportError` if the file cannot be written.
    """
    export_format = ExportFormat(export_format)
    query = replace(query or DeckQuery(), sort=SortField.ADDED, descending=False, limit=None, offset=0)
    since = None
    # The database's write lock first: if another program holds it, the export stops here with "locked" before
    # any file is written, instead of writing the file and then failing to record it.
    with deck.store.write():
        if since_last_export:
            last = deck.last_export(export_format.value)
            since = last.started_at if last else None
            query = replace(query, changed_since=since)
        started = deck.now()
        entries = deck.query(query)
        # Recorded first, in the same transaction: if the file cannot be written, the record is rolled back too.
        deck.record_export(export_format.value, started, len(entries), str(Path(path).resolve()))
        count = write_entries(entries, export_format, Path(path), options)
    return ExportResult(Path(path), export_format, count, since)
