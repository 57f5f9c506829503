"""Anki exports imported by Anki's own importer (the ``anki`` package, headless): fields in place, no duplicates.

Each test builds a fresh, empty Anki collection in a temporary folder, imports what Reader exported the way
Anki's File > Import does (the CSV's header lines decide the options), and reads the notes back.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reader.core.export import AnkiLayout, ExportOptions, anki_apkg, export_deck
from reader.core.export.anki_csv import READER_FIELDS
from reader.core.pinyin.styles import PinyinStyle
from reader.core.store.db import Store
from reader.core.store.deck import Deck, DeckEntry
from tests.core.deck_helpers import AWKWARD_ENTRIES, add_awkward

collection_module = pytest.importorskip("anki.collection", reason="the anki package runs Anki's real importer")

pytestmark = pytest.mark.core


@dataclass
class ImportedNote:
    """A note as Anki stored it."""

    guid: str
    note_type: str
    fields: dict[str, str]
    tags: list[str]
    deck: str


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Any]:
    (tmp_path / "anki").mkdir()
    col = collection_module.Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


@pytest.fixture
def deck(store: Store) -> Deck:
    return Deck(store)


def import_csv(col: Any, path: Path) -> Any:
    """Import a CSV the way Anki's import dialog does: options from the file's header lines."""
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(collection_module.ImportCsvRequest(path=str(path), metadata=metadata)).log


def import_apkg(col: Any, path: Path) -> Any:
    """Import a package with Anki's default options (update notes when the package's copy is newer)."""
    request = collection_module.ImportAnkiPackageRequest(package_path=str(path))
    return col.import_anki_package(request).log


def notes(col: Any) -> list[ImportedNote]:
    result = []
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        result.append(
            ImportedNote(
                note.guid,
                note.note_type()["name"],
                dict(note.items()),
                sorted(note.tags),
                col.decks.name(note.cards()[0].did),
            )
        )
    return result


def plain(field: str) -> str:
    """What a learner reads in a field: line breaks for <br>, tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", field.replace("<br>", "\n")))


def expected_text(text: str) -> str:
    """The plain text a field should show for user text: tabs as spaces, line breaks kept, trimmed."""
    return text.replace("\r\n", "\n").replace("\t", " ").strip()


def by_key(imported: list[ImportedNote]) -> dict[str, ImportedNote]:
    return {plain(note.fields["Key"]): note for note in imported}


# -- the Basic layout -------------------------------------------------------------------------------------------------


def test_basic_csv_fills_the_stock_basic_note_type(tmp_path: Path, collection: Any, deck: Deck) -> None:
    entries = add_awkward(deck)
    path = tmp_path / "deck.txt"
    export_deck(deck, "anki-csv", path)
    log = import_csv(collection, path)
    imported = notes(collection)
    assert len(log.new) == len(entries) == len(imported)
    assert {(n.note_type, n.deck) for n in imported} == {("Basic", "Reader Chinese")}
    fronts = sorted(plain(n.fields["Front"]) for n in imported)
    assert fronts == sorted(e.simplified for e in entries)  # 行 twice: háng and xíng are two notes


def test_basic_csv_back_shows_every_field(tmp_path: Path, collection: Any, deck: Deck) -> None:
    entries = add_awkward(deck)
    path = tmp_path / "deck.txt"
    export_deck(deck, "anki-csv", path)
    import_csv(collection, path)
    backs = {(plain(n.fields["Front"]), plain(n.fields["Back"])) for n in notes(collection)}
    for entry in entries:
        back = next(b for f, b in backs if f == entry.simplified and entry.pinyin_marks in b)
        for text in (entry.definition, entry.sentence, entry.sentence_translation, entry.article_title, entry.note):
            assert expected_text(text) in back


def test_basic_csv_keeps_tags(tmp_path: Path, collection: Any, deck: Deck) -> None:
    add_awkward(deck)
    path = tmp_path / "deck.txt"
    export_deck(deck, "anki-csv", path)
    import_csv(collection, path)
    imported = notes(collection)

    def tags_of(pinyin: str) -> list[str]:
        return next(n.tags for n in imported if plain(n.fields["Back"]).startswith(pinyin))

    assert tags_of("yín háng") == ["finance", "hsk3"]
    assert tags_of("xíng") == ["polyphone"]


def test_basic_csv_reexport_after_an_edit_updates_the_note(tmp_path: Path, collection: Any, deck: Deck) -> None:
    entries = add_awkward(deck)
    path = tmp_path / "deck.txt"
    export_deck(deck, "anki-csv", path)
    import_csv(collection, path)
    deck.update(entries[2].id, definition="to be OK")
    export_deck(deck, "anki-csv", path)
    import_csv(collection, path)
    imported = notes(collection)
    assert len(imported) == len(entries)
    backs = sorted(plain(n.fields["Back"]) for n in imported if plain(n.fields["Front"]) == "行")
    assert len(backs) == 2  # háng and xíng each updated their own note
    assert backs[0].startswith("háng") and "row; line" in backs[0]
    assert backs[1].startswith("xíng") and "to be OK" in backs[1] and "to walk" not in backs[1]


def test_csv_header_overrides_an_earlier_keep_both_choice(tmp_path: Path, collection: Any, deck: Deck) -> None:
    """The learner once imported another file with "keep both"; Reader's file still updates its notes."""
    other = tmp_path / "other.txt"
    other.write_text("#separator:tab\n#if matches:keep both\nfront\tback\n", encoding="utf-8")
    import_csv(collection, other)
    entries = add_awkward(deck)
    path = tmp_path / "deck.txt"
    export_deck(deck, "anki-csv", path)
    import_csv(collection, path)
    import_csv(collection, path)
    assert len(notes(collection)) == len(entries) + 1


# -- the .apkg and the Reader layout ----------------------------------------------------------------------------------


def _check_reader_fields(note: ImportedNote, entry: DeckEntry) -> None:
    traditional = entry.traditional if entry.traditional != entry.simplified else ""
    expected = [
        entry.key,
        entry.simplified,
        traditional,
        entry.pinyin_marks,
        expected_text(entry.definition),
        expected_text(entry.sentence),
        expected_text(entry.sentence_translation),
        entry.article_title,
        expected_text(entry.note),
    ]
    assert [plain(note.fields[name]) for name in READER_FIELDS] == expected


def test_apkg_brings_its_note_type_and_every_field(tmp_path: Path, collection: Any, deck: Deck) -> None:
    entries = add_awkward(deck)
    path = tmp_path / "deck.apkg"
    export_deck(deck, "anki-apkg", path)
    log = import_apkg(collection, path)
    imported = by_key(notes(collection))
    assert len(log.new) == len(entries) == len(imported)
    for entry in entries:
        note = imported[entry.key]
        assert (note.note_type, note.deck, note.tags) == ("Reader Chinese", "Reader Chinese", list(entry.tags))
        _check_reader_fields(note, entry)


def test_apkg_pinyin_is_coloured_by_tone(tmp_path: Path, collection: Any, deck: Deck) -> None:
    deck.add("绿色", "lv4 se4")
    path = tmp_path / "deck.apkg"
    export_deck(deck, "anki-apkg", path)
    import_apkg(collection, path)
    (note,) = notes(collection)
    assert note.fields["Pinyin"] == '<span class="tone4">lǜ</span> <span class="tone4">sè</span>'
    css = collection.models.by_name("Reader Chinese")["css"]
    assert ".tone4 { color:" in css


def test_apkg_pinyin_follows_the_chosen_style(tmp_path: Path, collection: Any, deck: Deck) -> None:
    deck.add("绿色", "lv4 se4")
    path = tmp_path / "deck.apkg"
    export_deck(deck, "anki-apkg", path, options=ExportOptions(pinyin_style=PinyinStyle.ZHUYIN))
    import_apkg(collection, path)
    (note,) = notes(collection)
    assert note.fields["Pinyin"] == '<span class="tone4">ㄌㄩˋ</span> <span class="tone4">ㄙㄜˋ</span>'


def test_apkg_reexport_after_an_edit_updates_the_note(tmp_path: Path, collection: Any, deck: Deck) -> None:
    entries = add_awkward(deck)
    path = tmp_path / "deck.apkg"
    now = time.time()
    anki_apkg.write(deck.query(), path, timestamp=now)
    import_apkg(collection, path)
    deck.update(entries[0].id, definition="bank (edited)")
    anki_apkg.write(deck.query(), path, timestamp=now + 60)  # a later export
    import_apkg(collection, path)
    imported = by_key(notes(collection))
    assert len(imported) == len(entries)
    assert plain(imported[entries[0].key].fields["Meaning"]) == "bank (edited)"


def test_reader_csv_updates_the_notes_of_the_apkg(tmp_path: Path, collection: Any, deck: Deck) -> None:
    entries = add_awkward(deck)
    export_deck(deck, "anki-apkg", tmp_path / "deck.apkg")
    import_apkg(collection, tmp_path / "deck.apkg")
    deck.update(entries[1].id, note='edited, "quoted"\tand tabbed')
    path = tmp_path / "deck.txt"
    export_deck(deck, "anki-csv", path, options=ExportOptions(anki_layout=AnkiLayout.READER))
    log = import_csv(collection, path)
    imported = by_key(notes(collection))
    assert len(imported) == len(entries)
    assert len(log.new) == 0
    assert plain(imported[entries[1].key].fields["Notes"]) == 'edited, "quoted" and tabbed'
    for entry in deck.query():
        _check_reader_fields(imported[entry.key], entry)


def test_reader_csv_needs_the_note_type(tmp_path: Path, collection: Any, deck: Deck) -> None:
    """Without the Reader Chinese note type Anki silently falls back: why the Basic layout is the default."""
    add_awkward(deck)
    path = tmp_path / "deck.txt"
    export_deck(deck, "anki-csv", path, options=ExportOptions(anki_layout=AnkiLayout.READER))
    import_csv(collection, path)
    assert {n.note_type for n in notes(collection)} != {"Reader Chinese"}


def test_every_awkward_entry_survives_both_formats(tmp_path: Path, collection: Any, deck: Deck) -> None:
    add_awkward(deck)
    export_deck(deck, "anki-apkg", tmp_path / "deck.apkg")
    export_deck(deck, "anki-csv", tmp_path / "deck.txt")
    import_apkg(collection, tmp_path / "deck.apkg")
    import_csv(collection, tmp_path / "deck.txt")
    assert len(notes(collection)) == 2 * len(AWKWARD_ENTRIES)


def test_apkg_new_cards_come_in_the_order_words_were_added(tmp_path: Path, collection: Any, deck: Deck) -> None:
    entries = add_awkward(deck)
    export_deck(deck, "anki-apkg", tmp_path / "deck.apkg")
    import_apkg(collection, tmp_path / "deck.apkg")
    cards = sorted((collection.get_card(cid) for cid in collection.find_cards("")), key=lambda card: card.due)
    assert [plain(card.note()["Key"]) for card in cards] == [entry.key for entry in entries]
