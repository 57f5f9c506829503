"""A sentence translation made by a language pack is labelled "(machine translation)" on every exported card."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reader.core.export import AnkiLayout, ExportFormat, ExportOptions, export_deck
from reader.core.export.fields import MACHINE_TRANSLATION_NOTE, sentence_translation_text
from reader.core.model import Article, Block, BlockKind, Sentence
from reader.core.store.db import Store
from reader.core.store.deck import Deck, backfill_translation_sources
from reader.core.store.library import Library
from reader.core.translation.packs import is_machine_translation
from tests.core.deck_helpers import Clock

pytestmark = pytest.mark.core

PACK = "argos translate-zh_en 1.9"
MACHINE = "The bank is closed today."
HUMAN = "We go to the library."


@pytest.fixture
def deck(store: Store) -> Deck:
    deck = Deck(store, clock=Clock())
    machine: dict[str, Any] = {"sentence_translation": MACHINE, "sentence_translation_source": PACK}
    deck.add("银行", "yin2 hang2", sentence="银行今天关门。", **machine)
    human: dict[str, Any] = {"sentence_translation": HUMAN, "sentence_translation_source": "reference"}
    deck.add("图书馆", "tu2 shu1 guan3", sentence="我们去图书馆。", **human)
    return deck


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        (PACK, MACHINE, f"{MACHINE} {MACHINE_TRANSLATION_NOTE}"),  # a pack's label
        ("argos translate-zh_en", MACHINE, f"{MACHINE} {MACHINE_TRANSLATION_NOTE}"),  # a pack without a version
        ("reference", HUMAN, HUMAN),  # the sample's human translation
        ("subtitles", HUMAN, HUMAN),  # English that came with a bilingual subtitle file
        ("", HUMAN, HUMAN),  # typed by the learner, or an entry older than the source column
        (PACK, "", ""),  # no translation: nothing to label
    ],
)
def test_sentence_translation_text(store: Store, source: str, translation: str, expected: str) -> None:
    entry = Deck(store).add("银行", "yin2 hang2", sentence_translation=translation, sentence_translation_source=source)
    assert sentence_translation_text(entry) == expected
    assert is_machine_translation(source) == source.startswith("argos")


def _exported_text(deck: Deck, export_format: ExportFormat, tmp_path: Path, layout: AnkiLayout) -> str:
    path = tmp_path / f"deck{export_format.suffix}"
    export_deck(deck, export_format, path, options=ExportOptions(anki_layout=layout))
    if export_format is not ExportFormat.ANKI_APKG:
        return path.read_text(encoding="utf-8-sig")
    with zipfile.ZipFile(path) as package:
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        return "\n".join(row[0] for row in connection.execute("SELECT flds FROM notes"))
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("export_format", "layout"),
    [
        (ExportFormat.ANKI_CSV, AnkiLayout.BASIC),
        (ExportFormat.ANKI_CSV, AnkiLayout.READER),
        (ExportFormat.ANKI_APKG, AnkiLayout.READER),
        (ExportFormat.CSV, AnkiLayout.READER),  # the layout does not matter for plain CSV
    ],
)
def test_every_format_labels_the_machine_translation_only(
    deck: Deck, tmp_path: Path, export_format: ExportFormat, layout: AnkiLayout
) -> None:
    text = _exported_text(deck, export_format, tmp_path, layout)
    assert f"{MACHINE} {MACHINE_TRANSLATION_NOTE}" in text
    assert text.count(MACHINE_TRANSLATION_NOTE) == 1  # the reference translation is not labelled
    assert HUMAN in text


def test_plain_csv_cell_holds_the_label(deck: Deck, tmp_path: Path) -> None:
    path = tmp_path / "deck.csv"
    export_deck(deck, "csv", path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = {row["simplified"]: row["sentence_translation"] for row in csv.DictReader(handle)}
    assert cells == {"银行": f"{MACHINE} {MACHINE_TRANSLATION_NOTE}", "图书馆": HUMAN}


def test_editing_the_translation_makes_it_the_learners_own(deck: Deck) -> None:
    entry = deck.find("银行")[0]
    edit = deck.update(entry.id, sentence_translation="The bank is shut today.")
    assert edit.after.sentence_translation_source == "" and not edit.after.machine_translated
    assert deck.get(entry.id).sentence_translation_source == ""
    unchanged = deck.update(entry.id, note="a note")  # other edits keep the source
    assert unchanged.after.sentence_translation_source == ""
    deck.update(entry.id, sentence_translation=MACHINE, sentence_translation_source=PACK)
    assert deck.get(entry.id).machine_translated


def test_an_undone_deletion_keeps_the_source(deck: Deck) -> None:
    entry = deck.find("银行")[0]
    deck.delete([entry.id])
    deck.restore([entry])
    assert deck.get(entry.id).machine_translated


def test_entries_from_before_the_source_column_get_their_articles_source(store: Store) -> None:
    """The migration's backfill: the library knows which English a pack made for each stored sentence."""
    sentence = Sentence("银行今天关门。", 0, [], MACHINE, PACK)
    article = Article("银行", [Block(BlockKind.PARAGRAPH, sentence.text, sentences=[sentence])])
    article_id = Library(store).add_article(article)
    deck = Deck(store)
    same = deck.add("银行", "yin2 hang2", sentence=sentence.text, sentence_translation=MACHINE, article_id=article_id)
    mine = deck.add("关门", "guan1 men2", sentence=sentence.text, sentence_translation=HUMAN, article_id=article_id)
    assert not deck.get(same.id).machine_translated
    with store.write() as db:
        backfill_translation_sources(db)
    assert deck.get(same.id).sentence_translation_source == PACK
    assert deck.get(mine.id).sentence_translation_source == ""  # English the library never stored: the learner's
