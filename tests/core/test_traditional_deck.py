"""Both scripts in the deck: the forms stored for a word read in either script, from the dictionary or OpenCC."""

from __future__ import annotations

import json

import pytest

from reader.core.script import WordForms, word_forms
from tests.commands.test_deck_cli import Run, dictionary_index, home, run  # noqa: F401  (fixtures)

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("word", "reading", "simplified", "traditional"),
    [
        ("著", "zhe5", "着", "著"),  # the particle: simplified 着
        ("著", "zhu4", "著", "著"),  # 著 zhù (著作) is written 著 in both scripts
        ("著", "zhuo2", "着", "著"),  # to wear
        ("着", "zhe5", "着", "著"),  # simplified as written
        ("乾", "qian2", "乾", "乾"),  # the trigram 乾 qián is not simplified
        ("乾", "gan1", "干", "乾"),  # dry
        ("學習", "xue2 xi2", "学习", "學習"),
        ("学习", "xue2 xi2", "学习", "學習"),
        ("還", "hai2", "还", "還"),
        ("裏面", "li3 mian4", "里面", "裏面"),  # a Hong Kong form is kept as written
        ("於", "yu2", "于", "於"),
    ],
)
def test_word_forms_from_the_dictionary(dictionary, word: str, reading: str, simplified: str, traditional: str) -> None:
    forms = word_forms(word, reading.split(), dictionary.lookup(word))
    assert (forms.simplified, forms.traditional) == (simplified, traditional)


@pytest.mark.parametrize(
    ("word", "simplified", "traditional"),
    [
        ("環狀線", "环状线", "環狀線"),  # not a headword: converted, the written form kept
        ("环状线", "环状线", "環狀線"),
        ("Wi-Fi", "Wi-Fi", "Wi-Fi"),  # no Han
    ],
)
def test_word_forms_without_an_entry(word: str, simplified: str, traditional: str) -> None:
    assert word_forms(word, None, ()) == WordForms(simplified, traditional)


@pytest.mark.parametrize(
    ("forms", "written", "other"),
    [
        (WordForms("学习", "學習"), "學習", "学习"),  # shown beside a traditional word: its simplified form
        (WordForms("学习", "學習"), "学习", "學習"),
        (WordForms("我", "我"), "我", ""),  # both scripts alike: nothing beside it
    ],
)
def test_other_form(forms: WordForms, written: str, other: str) -> None:
    assert forms.other(written) == other


def test_cli_adds_a_traditional_particle_as_its_entry(run: Run) -> None:  # noqa: F811
    assert run("add", "著", "--reading", "zhe5")[0] == 0
    (entry,) = json.loads(run("list", "--json")[1])
    assert (entry["simplified"], entry["traditional"], entry["pinyin"]) == ("着", "著", "zhe5")
    assert "to wear" not in entry["definition"]  # zhuó's sense is not this reading's


def test_cli_reads_a_traditional_word_on_its_simplified_view(run: Run) -> None:  # noqa: F811
    assert run("add", "還", "--reading", "hai2")[0] == 0
    (entry,) = json.loads(run("list", "--json")[1])
    assert (entry["simplified"], entry["traditional"]) == ("还", "還")
    assert "still" in entry["definition"]


# -- exports: the form read first, the other beside it ----------------------------------------------------------


@pytest.fixture
def deck(store):
    from reader.core.store.deck import Deck

    return Deck(store)


def _add(deck, sentence: str, offset: int):
    return deck.add("学习", "xue2 xi2", traditional="學習", sentence=sentence, sentence_offset=offset)


@pytest.mark.parametrize(
    ("sentence", "offset", "order", "first", "other"),
    [
        ("我們的學習很好。", 3, "as-read", "學習", "学习"),  # met in a Taiwan text: traditional first
        ("我们的学习很好。", 3, "as-read", "学习", "學習"),  # met in simplified
        ("", None, "as-read", "学习", "學習"),  # no sentence: simplified first
        ("我們的學習很好。", 3, "simplified", "学习", "學習"),  # the setting overrides how it was read
        ("我们的学习很好。", 3, "traditional", "學習", "学习"),
        ("我們常常學習。", None, "as-read", "學習", "学习"),  # no offset: found in the sentence
    ],
)
def test_export_puts_the_form_read_first(deck, sentence: str, offset, order: str, first: str, other: str) -> None:
    from reader.core.export import FormOrder, anki_csv, plain_csv

    entry = _add(deck, sentence, offset)
    fields = dict(zip(anki_csv.READER_FIELDS, anki_csv.reader_fields(entry, FormOrder(order)), strict=True))
    assert (fields["Hanzi"], fields["Traditional"]) == (first, other)
    basic = anki_csv.rows([entry], anki_csv.AnkiLayout.BASIC, FormOrder(order))[0]
    assert basic[0] == first
    assert f"<div>{other}</div>" in basic[1]
    assert plain_csv.row(entry, FormOrder(order))[:4] == [first, other, "学习", "學習"]


def test_the_sentence_shows_the_word_as_written_in_bold(deck) -> None:
    from reader.core.export import anki_csv

    entry = _add(deck, "我們的學習很好。", 3)
    assert "<b>學習</b>" in anki_csv.reader_fields(entry)[5]


def test_apkg_carries_the_traditional_form_first(tmp_path, deck) -> None:
    collection_module = pytest.importorskip("anki.collection")
    from reader.core.export import export_deck

    _add(deck, "我們的學習很好。", 3)
    path = tmp_path / "deck.apkg"
    export_deck(deck, "anki-apkg", path)
    (tmp_path / "anki").mkdir()
    col = collection_module.Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        col.import_anki_package(collection_module.ImportAnkiPackageRequest(package_path=str(path)))
        (note_id,) = col.find_notes("")
        note = dict(col.get_note(note_id).items())
    finally:
        col.close()
    assert (note["Hanzi"], note["Traditional"]) == ("學習", "学习")


def test_cli_export_takes_the_order(run, tmp_path) -> None:  # noqa: F811
    run("add", "學習", "--sentence", "我們的學習很好。")
    output = tmp_path / "deck.csv"
    assert run("export", "--format", "csv", "-o", str(output), "--hanzi-first", "simplified")[0] == 0
    header, first = output.read_text(encoding="utf-8-sig").splitlines()[:2]
    assert header.startswith("hanzi,other_form,simplified,traditional")
    assert first.startswith("学习,學習,学习,學習")
