"""Export the deck as a plain CSV file for spreadsheets: one header row, one row per entry, every field.

UTF-8 with a byte-order mark (so that Excel recognises the encoding), commas, RFC 4180 quoting and ``\\r\\n`` line
ends; line breaks inside fields are kept (quoted). A text field starting with ``=``, ``+``, ``-`` or ``@`` gets a
leading ``'`` so that a spreadsheet shows it as text instead of running it as a formula (sentences come from
arbitrary web pages).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from reader.core.export.fields import FormOrder, hanzi_pair, nfc, sentence_translation_text
from reader.core.export.files import write_text
from reader.core.pinyin.styles import PinyinStyle, format_reading
from reader.core.store.deck import DeckEntry

COLUMNS = (
    "hanzi",  # the form read first (by the export's form order), then the other one
    "other_form",
    "simplified",
    "traditional",
    "pinyin",
    "pinyin_marks",
    "definition",
    "sentence",
    "sentence_translation",
    "source",
    "article_id",
    "position",
    "tags",
    "status",
    "note",
    "added",
    "updated",
    "pinyin_shown",  # the reading as the learner chose to see it (tone marks, tone numbers or zhuyin)
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Return ``text`` NFC-normalised, with a leading ``'`` if a spreadsheet would read it as a formula."""
    text = nfc(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def row(entry: DeckEntry, order: FormOrder = FormOrder.AS_READ, style: PinyinStyle = PinyinStyle.MARKS) -> list[str]:
    """The cells of one entry, in :data:`COLUMNS` order (``pinyin_shown`` written in ``style``)."""
    first, other = hanzi_pair(entry, order)
    return [
        safe_cell(first),
        safe_cell(other),
        safe_cell(entry.simplified),
        safe_cell(entry.traditional),
        entry.pinyin,
        nfc(entry.pinyin_marks),
        safe_cell(entry.definition),
        safe_cell(entry.sentence),
        safe_cell(sentence_translation_text(entry)),
        safe_cell(entry.article_title),
        "" if entry.article_id is None else str(entry.article_id),
        "" if entry.position is None else str(entry.position),
        safe_cell(" ".join(entry.tags)),
        entry.status.value,
        safe_cell(entry.note),
        entry.added_at.isoformat(timespec="seconds"),
        entry.updated_at.isoformat(timespec="seconds"),
        nfc(format_reading(entry.pinyin, style)),
    ]


def render(
    entries: Iterable[DeckEntry], order: FormOrder = FormOrder.AS_READ, style: PinyinStyle = PinyinStyle.MARKS
) -> str:
    """Return the CSV text (without the byte-order mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(row(entry, order, style) for entry in entries)
    return buffer.getvalue()


def write(
    entries: Iterable[DeckEntry],
    path: Path,
    order: FormOrder = FormOrder.AS_READ,
    style: PinyinStyle = PinyinStyle.MARKS,
) -> int:
    """Write the CSV export of ``entries`` to ``path`` (atomically); return the number of rows."""
    entries = list(entries)
    write_text(path, render(entries, order, style), encoding="utf-8-sig")
    return len(entries)
