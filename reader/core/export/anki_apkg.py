"""Export the deck as an Anki package (``.apkg``) with its own "Reader Chinese" note type (genanki).

The note type has the fields Key, Hanzi, Traditional, Pinyin, Meaning, Sentence, SentenceTranslation, Source and
Notes, and one card: the word (with its sentence for context) on the front; tone-coloured pinyin, meaning,
traditional form, translation, source and note on the back. Pinyin is stored as spans with the classes
``tone1``…``tone5``, coloured by the note type's style sheet (the user can restyle them in Anki).

genanki writes the collection (schema, note type, deck); the notes go in as rows of genanki's layout, in bulk.
The model and deck ids are fixed (the deck id is derived from the deck's name), and each note's GUID is derived
from the entry's key only (word and reading), never from its other fields: importing a newer export updates the
notes already in Anki (Anki's default for packages: update when the package's note is newer) instead of adding
duplicates. The Reader layout of the CSV export uses the same GUIDs.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reader.core.export.anki_csv import DEFAULT_DECK_NAME, READER_FIELDS, READER_NOTE_TYPE, one_line_name, reader_fields
from reader.core.export.fields import TONE_COLOURS, FormOrder, nfc, note_guid
from reader.core.export.files import atomic_output
from reader.core.pinyin.styles import PinyinStyle
from reader.core.store.deck import DeckEntry

#: Fixed id of the Reader Chinese note type: never change it, or Anki treats exports as a new note type.
MODEL_ID = 1_718_293_457

FRONT_TEMPLATE = """<div class="hanzi">{{Hanzi}}</div>
{{#Sentence}}<div class="sentence">{{Sentence}}</div>{{/Sentence}}"""

BACK_TEMPLATE = """{{FrontSide}}
<hr id="answer">
<div class="pinyin">{{Pinyin}}</div>
{{#Traditional}}<div class="traditional">{{Traditional}}</div>{{/Traditional}}
<div class="meaning">{{Meaning}}</div>
{{#SentenceTranslation}}<div class="translation">{{SentenceTranslation}}</div>{{/SentenceTranslation}}
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}
{{#Notes}}<div class="notes">{{Notes}}</div>{{/Notes}}"""

_TONE_CSS = "\n".join(f".tone{tone} {{ color: {colour}; }}" for tone, colour in TONE_COLOURS.items())
STYLE = f""".card {{ font-family: sans-serif; font-size: 20px; text-align: center; color: black; background: white; }}
.hanzi {{ font-size: 56px; }}
.sentence {{ font-size: 22px; margin-top: 12px; }}
.pinyin {{ font-size: 28px; }}
.traditional {{ font-size: 32px; color: #555; }}
.meaning {{ margin-top: 8px; }}
.translation, .source, .notes {{ font-size: 16px; color: #555; margin-top: 8px; }}
{_TONE_CSS}
.nightMode .card {{ color: white; background: #2f2f31; }}
.nightMode .translation, .nightMode .source, .nightMode .notes, .nightMode .traditional {{ color: #bbb; }}"""


def deck_id_for(name: str) -> int:
    """A fixed deck id for a deck name (the same name always gives the same id)."""
    digest = hashlib.sha256(f"reader-deck:{nfc(name)}".encode()).digest()
    return 1_000_000_000 + int.from_bytes(digest[:4], "big") % 1_000_000_000


def build_model() -> Any:
    """Return the genanki model of the Reader Chinese note type."""
    import genanki

    return genanki.Model(
        MODEL_ID,
        READER_NOTE_TYPE,
        fields=[{"name": name} for name in READER_FIELDS],
        templates=[{"name": "Recognition", "qfmt": FRONT_TEMPLATE, "afmt": BACK_TEMPLATE}],
        css=STYLE,
        sort_field_index=1,
    )


def write(
    entries: Iterable[DeckEntry],
    path: Path,
    deck_name: str = "",
    *,
    timestamp: float | None = None,
    order: FormOrder = FormOrder.AS_READ,
    style: PinyinStyle = PinyinStyle.MARKS,
) -> int:
    """Write the ``.apkg`` export of ``entries`` to ``path`` (atomically); return the number of notes.

    ``timestamp`` (seconds since the epoch) is the modification time given to the notes; Anki updates an existing
    note only from a newer package, so it defaults to now. New cards are numbered in the order of ``entries``, so
    Anki introduces them in that order. Pinyin is written in ``style``.
    """
    import genanki

    stamp = time.time() if timestamp is None else timestamp
    name = one_line_name(deck_name or DEFAULT_DECK_NAME)
    deck = genanki.Deck(deck_id_for(name), name)
    deck.add_model(build_model())
    notes = [
        (note_guid(entry.key), reader_fields(entry, order, style), [nfc(tag) for tag in entry.tags])
        for entry in entries
    ]
    with atomic_output(path) as temp:
        _write_package(temp, deck, notes, stamp)
    return len(notes)


def _write_package(path: Path, deck: Any, notes: list[tuple[str, list[str], list[str]]], timestamp: float) -> None:
    """Write a package the way genanki's ``Package.write_to_file`` does, with the notes inserted in bulk.

    genanki writes the collection (schema, configuration, the note type and the deck); the note and card rows
    follow genanki's layout but go in with one ``executemany`` each instead of two statements per note, which
    halves the time of a 50,000-note export (bench/bench_deck.py).
    """
    import genanki

    ids = itertools.count(int(timestamp * 1000))
    modified = int(timestamp)
    note_rows = []
    card_rows = []
    for position, (guid, fields, tags) in enumerate(notes):
        note_id = next(ids)
        tag_text = " " + " ".join(tags) + " "
        note_rows.append((note_id, guid, MODEL_ID, modified, -1, tag_text, "\x1f".join(fields), fields[1], 0, 0, ""))
        card_rows.append((next(ids), note_id, deck.deck_id, 0, modified, -1, 0, 0, position, *([0] * 8), ""))
    with tempfile.TemporaryDirectory(prefix="reader-apkg-") as folder:
        collection = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(collection)
        try:
            cursor = connection.cursor()
            genanki.Package(deck).write_to_db(cursor, timestamp, ids)
            cursor.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", note_rows)
            cursor.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", card_rows)
            connection.commit()
        finally:
            connection.close()
        with zipfile.ZipFile(path, "w") as package:
            package.write(collection, "collection.anki2")
            package.writestr("media", json.dumps({}))
