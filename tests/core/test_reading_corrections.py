"""Reading corrections: the learner's pinyin for a word, here or everywhere, kept, applied, shared (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.store.db import Store, open_store
from reader.core.store.reading_corrections import (
    ReadingCorrections,
    load_reading_corrections,
    share_file_for,
)
from tests.core.deck_helpers import Clock

pytestmark = pytest.mark.core

SENTENCE = "现在还感觉头晕，我还要去银行还钱。"


@pytest.fixture
def corrections(file_store: Store, tmp_path: Path) -> ReadingCorrections:
    return ReadingCorrections(file_store, share_file_for(tmp_path), clock=Clock())


@pytest.mark.parametrize(
    ("word", "reading", "stored"),
    [
        ("还", "hai2", "hai2"),  # tone numbers
        ("还", "hái", "hai2"),  # tone marks
        ("银行", "yín háng", "yin2 hang2"),  # two syllables with marks
        ("干垃圾", "gan1la1ji1", "gan1 la1 ji1"),  # numbers run together
    ],
)
def test_a_reading_is_stored_in_tone_numbers(
    corrections: ReadingCorrections, word: str, reading: str, stored: str
) -> None:
    assert corrections.correct(word, reading).reading == stored
    assert [(c.word, c.reading, c.everywhere) for c in corrections.all()] == [(word, stored, True)]


@pytest.mark.parametrize(
    ("word", "reading", "sentence", "offset"),
    [
        ("银行", "yin2", "", -1),  # one syllable for two characters
        ("abc", "a1", "", -1),  # not Chinese
        ("还", "xyz9", "", -1),  # not pinyin
        ("还", "hai2", SENTENCE, 0),  # the word is not at that offset
    ],
)
def test_bad_corrections_are_refused(
    corrections: ReadingCorrections, word: str, reading: str, sentence: str, offset: int
) -> None:
    with pytest.raises(InputError):
        corrections.correct(word, reading, sentence=sentence, offset=offset)


def test_one_occurrence_or_every_occurrence(corrections: ReadingCorrections) -> None:
    corrections.correct("还", "huan2", sentence=SENTENCE, offset=SENTENCE.index("还钱"))
    overrides = corrections.overrides()
    assert overrides.reading("还", SENTENCE, SENTENCE.index("还钱")) == ("huan2",)
    assert overrides.reading("还", SENTENCE, 2) is None  # the other 还 of the sentence is left to the engine
    corrections.correct("还", "hai2")
    assert corrections.overrides().reading("还", "别的句子还有", 4) == ("hai2",)


def test_the_analyser_applies_the_corrections_and_the_analysis_key_changes(services, corrections) -> None:
    analyzer = services.analyzer
    before_key = services.analysis_key
    try:
        corrections.correct("银行", "yin2 xing2", sentence=SENTENCE, offset=SENTENCE.index("银行"))
        analyzer.overrides = corrections.overrides()
        words, readings = analyzer.words_and_readings(SENTENCE)
        assert readings[words.index("银行")] == ["yin2", "xing2"]
        assert services.analysis_key != before_key
        assert analyzer.words_and_readings("我去银行。")[1][2] == ["yin2", "hang2"]  # another sentence: untouched
    finally:
        analyzer.overrides = None


def test_corrections_survive_a_restart(tmp_path: Path, services) -> None:
    store = open_store(tmp_path / "reader.sqlite")
    ReadingCorrections(store, share_file_for(tmp_path)).correct("还", "hai2")
    store.close()
    reopened = open_store(tmp_path / "reader.sqlite")
    try:
        load_reading_corrections(reopened, services.analyzer, tmp_path)
        words, readings = services.analyzer.words_and_readings("我还书。")
        assert readings[words.index("还")] == ["hai2"]
    finally:
        services.analyzer.overrides = None
        reopened.close()


def test_the_share_file_is_written_and_reads_back(corrections: ReadingCorrections, tmp_path: Path) -> None:
    corrections.correct("还", "hai2")
    corrections.correct("银行", "yin2 hang2", sentence=SENTENCE, offset=SENTENCE.index("银行"))
    shared = share_file_for(tmp_path)
    text = shared.read_text(encoding="utf-8")
    assert "还\thai2\t\t" in text
    assert f"银行\tyin2 hang2\t{SENTENCE}\t{SENTENCE.index('银行')}" in text
    other = ReadingCorrections(open_store(":memory:"))
    assert other.import_file(shared) == 2
    assert other.overrides() == corrections.overrides()


def test_a_file_that_is_not_corrections_is_refused(corrections: ReadingCorrections, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("hello world\n", encoding="utf-8")
    with pytest.raises(InputError, match="Line 1"):
        corrections.import_file(bad)


def test_removing_a_correction_rewrites_the_share_file(corrections: ReadingCorrections, tmp_path: Path) -> None:
    correction = corrections.correct("还", "hai2")
    corrections.remove(correction)
    assert corrections.all() == []
    assert "还" not in share_file_for(tmp_path).read_text(encoding="utf-8")
