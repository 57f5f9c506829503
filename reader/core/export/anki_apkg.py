"""Export the deck as an Anki package (``.apkg``) with its own "Reader Chinese" note type (genanki).

The note type has the fields Key, Hanzi, Traditional, Pinyin, Meaning, Sentence, SentenceTranslation, Source and
Notes, and one card: the word (with its sentence for context) on the front; tone-coloured pinyin, meaning,
traditional form, translation, source and note on the back. Pinyin is stored as spans with the classes
``tone1``…``tone5``, coloured by the note type's style sheet (the user can restyle them in Anki).

The model and deck ids are fixed (the deck id is derived from the deck's name), and each note's GUID is derived
from the entry's key only (word and reading), never from its other fields: importing a newer export updates the
notes already in Anki (Anki's default for packages: update when the package's note is newer) instead of adding
duplicates. The Reader layout of the CSV export uses the same GUIDs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reader.core.export.anki_csv import DEFAULT_DECK_NAME, READER_FIELDS, READER_NOTE_TYPE, one_line_name, reader_fields
from reader.core.export.fields import TONE_COLOURS, nfc, note_guid
from reader.core.export.files import atomic_output
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


def write(entries: Iterable[DeckEntry], path: Path, deck_name: str = "", *, timestamp: float | None = None) -> int:
    """Write the ``.apkg`` export of ``entries`` to ``path`` (atomically); return the number of notes.

    ``timestamp`` (seconds since the epoch) is the modification time given to the notes; Anki updates an existing
    note only from a newer package, so it defaults to now.
    """
    import genanki

    name = one_line_name(deck_name or DEFAULT_DECK_NAME)
    model = build_model()
    deck = genanki.Deck(deck_id_for(name), name)
    count = 0
    for entry in entries:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=reader_fields(entry),
                tags=[nfc(tag) for tag in entry.tags],
                guid=note_guid(entry.key),
            )
        )
        count += 1
    with atomic_output(path) as temp:
        genanki.Package(deck).write_to_file(str(temp), timestamp=timestamp)
    return count
