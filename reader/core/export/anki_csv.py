"""Export the deck as a text file that Anki (2.1.55 and later) imports without any manual mapping.

The file starts with Anki's header lines (``#separator:tab``, ``#html:true``, ``#notetype:``, ``#deck:``,
``#tags column:``, ``#guid column:``, ``#if matches:update current``), then one tab-separated row per entry.
Two layouts:

* :attr:`AnkiLayout.BASIC` (the default) targets the stock **"Basic"** note type that every collection has:
  Front = the word, Back = tone-coloured pinyin (inline colours, Basic has no style sheet), meaning, traditional
  form, the sentence with the word in bold, its translation, the source and the note. There is no ``#columns:``
  line, on purpose: Anki then maps columns to fields by position, which also works in collections whose Basic
  type has translated field names ("Recto"/"Verso"); by name, only Front would be filled there. In a collection
  whose Basic note type has another name (Anki in another language), Anki falls back to the note type last used.
* :attr:`AnkiLayout.READER` targets the **"Reader Chinese"** note type (fields Key, Hanzi, Traditional, Pinyin,
  Meaning, Sentence, SentenceTranslation, Source, Notes), which only exists once a Reader ``.apkg`` export has
  been imported: Anki silently ignores an unknown ``#notetype:``. Its rows carry the same GUIDs as the ``.apkg``
  notes, so the CSV updates them.

Re-importing updates instead of duplicating: every row has a GUID derived only from the entry's key (word and
reading, ``行[hang2]``), and Anki matches rows to notes by that GUID (``#guid column:``), so 行 háng and 行 xíng
stay two notes even though both show 行, and an edited definition updates its note. In the Reader layout the
first field is that key as well.

Anki reads these header lines since 2.1.55; ``#if matches:`` is honoured by newer versions (checked with 26.9) and
ignored by older ones, which then use the importer's remembered choice (by default also "update").

Anki's reader is followed exactly: a line starting with ``#`` is a comment, so fields starting with ``#`` are
quoted; a quote only opens a quoted field as its first character, and ``"`` inside is doubled; fields hold no raw
tab or newline (text is HTML-escaped, line breaks become ``<br>``); everything is NFC.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path

from reader.core.export.fields import (
    FormOrder,
    hanzi_pair,
    html_text,
    nfc,
    note_guid,
    pinyin_html,
    sentence_html,
    sentence_translation_text,
    written_form,
)
from reader.core.export.files import write_text
from reader.core.pinyin.styles import PinyinStyle
from reader.core.store.deck import DeckEntry

DEFAULT_DECK_NAME = "Reader Chinese"
#: Name of the note type of the .apkg export, which the Reader layout expects.
READER_NOTE_TYPE = "Reader Chinese"
READER_FIELDS = (
    "Key",
    "Hanzi",
    "Traditional",
    "Pinyin",
    "Meaning",
    "Sentence",
    "SentenceTranslation",
    "Source",
    "Notes",
)


class AnkiLayout(StrEnum):
    """Which note type an Anki CSV export expects."""

    BASIC = "basic"
    READER = "reader"


def describe_layout(layout: AnkiLayout) -> str:
    """One sentence for the export dialog saying which Anki note type the file fills."""
    if layout is AnkiLayout.BASIC:
        return (
            'Fills Anki\'s stock "Basic" note type (Front: the word; Back: pinyin, meaning, sentence, translation), '
            "which every collection has."
        )
    return (
        'Fills the "Reader Chinese" note type, which Anki has only after you import a Reader .apkg export once; '
        "without it Anki silently uses another note type."
    )


def guid_namespace(layout: AnkiLayout) -> str:
    """The GUID namespace of a layout: notes of different note types must not share GUIDs (Anki skips those)."""
    return "" if layout is AnkiLayout.READER else "basic"


def quote_field(field: str) -> str:
    """Quote a field if Anki's reader would misread it (a ``"`` anywhere, or ``#`` at its start)."""
    if '"' in field or field.startswith("#"):
        return '"' + field.replace('"', '""') + '"'
    return field


def reader_fields(
    entry: DeckEntry, order: FormOrder = FormOrder.AS_READ, style: PinyinStyle = PinyinStyle.MARKS
) -> list[str]:
    """The HTML of the Reader Chinese note type's fields for one entry, in :data:`READER_FIELDS` order (NFC).

    Hanzi holds the form shown first (by ``order``: by default the script the word was read in), Traditional the
    other form, so a word met in a Taiwan text shows 學習 big and 学习 beside it; the field names stay, so notes
    exported before keep updating. Pinyin is written in ``style`` (tone marks, tone numbers or zhuyin).
    """
    first, other = hanzi_pair(entry, order)
    return [
        html_text(entry.key),
        html_text(first),
        html_text(other),
        pinyin_html(entry.pinyin, inline=False, style=style),
        html_text(entry.definition),
        sentence_html(entry.sentence, written_form(entry), entry.sentence_offset),
        html_text(sentence_translation_text(entry)),
        html_text(entry.article_title),
        html_text(entry.note),
    ]


def basic_back(entry: DeckEntry, order: FormOrder = FormOrder.AS_READ, style: PinyinStyle = PinyinStyle.MARKS) -> str:
    """The Back field of the Basic layout: everything but the word (its other form included), as HTML blocks."""
    parts = [f"<div>{pinyin_html(entry.pinyin, inline=True, style=style)}</div>"]
    for value in (
        html_text(entry.definition),
        html_text(hanzi_pair(entry, order)[1]),
        sentence_html(entry.sentence, written_form(entry), entry.sentence_offset),
        html_text(sentence_translation_text(entry)),
    ):
        if value:
            parts.append(f"<div>{value}</div>")
    if entry.article_title:
        parts.append(f"<div><small>{html_text(entry.article_title)}</small></div>")
    if entry.note:
        parts.append(f"<div><i>{html_text(entry.note)}</i></div>")
    return "".join(parts)


def header_lines(layout: AnkiLayout, deck_name: str) -> list[str]:
    """Anki's header lines for ``layout``, importing into the deck ``deck_name``."""
    deck = one_line_name(deck_name)
    if layout is AnkiLayout.BASIC:
        return [
            "#separator:tab",
            "#html:true",
            "#notetype:Basic",
            f"#deck:{deck}",
            "#tags column:3",
            "#guid column:4",
            "#if matches:update current",
        ]
    columns = "\t".join([*READER_FIELDS, "Tags", "GUID"])
    return [
        "#separator:tab",
        "#html:true",
        f"#notetype:{READER_NOTE_TYPE}",
        f"#deck:{deck}",
        f"#columns:{columns}",
        f"#tags column:{len(READER_FIELDS) + 1}",
        f"#guid column:{len(READER_FIELDS) + 2}",
        "#if matches:update current",
    ]


def one_line_name(name: str) -> str:
    """A deck name safe for a header line (no line breaks or tabs; Anki's ``::`` nesting kept)."""
    cleaned = " ".join(nfc(name).split())
    return cleaned or DEFAULT_DECK_NAME


def rows(
    entries: Iterable[DeckEntry],
    layout: AnkiLayout,
    order: FormOrder = FormOrder.AS_READ,
    style: PinyinStyle = PinyinStyle.MARKS,
) -> list[Sequence[str]]:
    """The fields of every row (before quoting) for ``layout``, each word's forms in ``order``, pinyin in ``style``."""
    namespace = guid_namespace(layout)
    result: list[Sequence[str]] = []
    for entry in entries:
        tags = " ".join(nfc(tag) for tag in entry.tags)
        guid = note_guid(entry.key, namespace)
        if layout is AnkiLayout.BASIC:
            front = hanzi_pair(entry, order)[0]
            result.append([html_text(front), basic_back(entry, order, style), tags, guid])
        else:
            result.append([*reader_fields(entry, order, style), tags, guid])
    return result


def render(
    entries: Iterable[DeckEntry],
    layout: AnkiLayout = AnkiLayout.BASIC,
    deck_name: str = "",
    order: FormOrder = FormOrder.AS_READ,
    style: PinyinStyle = PinyinStyle.MARKS,
) -> str:
    """Return the whole file as text (header lines, then one line per entry, ``\\n`` line ends)."""
    lines = header_lines(layout, deck_name or DEFAULT_DECK_NAME)
    for fields in rows(entries, layout, order, style):
        lines.append("\t".join(quote_field(field) for field in fields))
    return "\n".join(lines) + "\n"


def write(
    entries: Iterable[DeckEntry],
    path: Path,
    layout: AnkiLayout = AnkiLayout.BASIC,
    deck_name: str = "",
    order: FormOrder = FormOrder.AS_READ,
    style: PinyinStyle = PinyinStyle.MARKS,
) -> int:
    """Write the Anki CSV export of ``entries`` to ``path`` (atomically, UTF-8); return the number of rows."""
    entries = list(entries)
    write_text(path, render(entries, layout, deck_name, order, style))
    return len(entries)
