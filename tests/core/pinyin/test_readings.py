"""Readings typed by learners become the deck's stored form (tone numbers), and search finds them every way."""

from __future__ import annotations

import pytest

from reader.core.errors import InputError
from reader.core.pinyin.query import parse_reading, search_pattern
from reader.core.pinyin.readings import search_forms, syllables_of
from reader.core.pinyin.styles import format_reading

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("typed", "word", "stored"),
    [
        ("yin2hang2", "银行", "yin2 hang2"),  # tone numbers, joined
        ("yin2 hang2", "银行", "yin2 hang2"),  # tone numbers, spaced
        ("yínháng", "银行", "yin2 hang2"),  # tone marks, joined: split by the syllable inventory
        ("Yín Háng", "银行", "yin2 hang2"),  # capitals
        ("Xī'ān", "西安", "xi1 an1"),  # apostrophe
        ("xīān", "西安", "xi1 an1"),  # two marks cannot share a syllable
        ("zhuàngkuàng", "状况", "zhuang4 kuang4"),  # longest syllables
        ("lǜ", "绿", "lv4"),  # ü with a mark
        ("lu:4", "绿", "lv4"),  # CC-CEDICT's u:
        ("lv4", "绿", "lv4"),  # v for ü
        ("nüè", "虐", "nve4"),  # ü without a mark beside a marked vowel
        ("de", "的", "de5"),  # no tone: neutral
        ("ma5", "吗", "ma5"),  # neutral as 5
        ("ka3 la1", "卡拉OK", "ka3 la1"),  # a word with Latin letters: no syllable count check
    ],
)
def test_parse_reading(typed: str, word: str, stored: str) -> None:
    assert parse_reading(typed, word) == stored


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("", "银行"),  # empty
        ("yin2", "银行"),  # too few syllables
        ("yinhang", "银行"),  # no tones and no way to split
        ("bank", "银行"),  # English
        ("yin6 hang2", "银行"),  # tone 6
        ("銀行", "银行"),  # hanzi
    ],
)
def test_bad_readings_are_refused(typed: str, word: str) -> None:
    with pytest.raises(InputError):
        parse_reading(typed, word)


def test_reading_with_marks() -> None:
    assert format_reading("lv4 de5 yin2 hang2") == "lǜ de yín háng"


def test_syllables_of_a_token() -> None:
    assert syllables_of(["ka3", "la1", None, None]) == "ka3 la1"
    assert syllables_of(None) == ""


@pytest.mark.parametrize(
    ("reading", "forms"),
    [
        ("yin2 hang2", "yin2hang2|yinhang|yínháng"),
        ("lv4 se4", "lv4se4|lvse|lǜsè|lu4se4|luse"),
    ],
)
def test_search_forms(reading: str, forms: str) -> None:
    assert search_forms(reading) == forms


@pytest.mark.parametrize(
    ("query", "pattern"),
    [
        ("Yin hang", "yinhang"),  # spaces dropped, lower case
        ("yín", "yín"),  # tone marks kept (matched against the marked form)
        ("lü", "lv"),  # unmarked ü becomes v
        ("lu:4", "lv4"),
        ("bank", "bank"),  # could be pinyin: the search also tries the definition
        ("hello world", "helloworld"),
        ("50%", None),  # not pinyin-like
        ("银", None),  # hanzi are searched elsewhere
    ],
)
def test_search_pattern(query: str, pattern: str | None) -> None:
    assert search_pattern(query) == pattern
