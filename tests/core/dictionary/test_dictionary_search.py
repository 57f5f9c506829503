"""Searching the dictionary by pinyin (with or without tones) and by English."""

from __future__ import annotations

import pytest

from reader.core.dictionary import Dictionary
from reader.core.pinyin.query import parse_pinyin_query

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("xuexi", "学习"),  # no tones: the most frequent word first
        ("xue2xi2", "学习"),  # tone numbers
        ("xue2 xi2", "学习"),
        ("xué xí", "学习"),  # tone marks
        ("xuéxí", "学习"),
        ("XUE2XI2", "学习"),  # case does not matter
        ("xue2 xi", "学习"),  # a tone on one syllable only
        ("yinhang", "银行"),
        ("yin2hang2", "银行"),
        ("lv4", "率"),  # ü as v
        ("lü4", "率"),  # ü as ü
        ("lu:4", "率"),  # ü as u:
        ("nü3", "女"),
        ("xi'an", "西安"),  # apostrophe between syllables
        ("dongxi5", "东西"),  # neutral tone as 5
    ],
)
def test_pinyin_search_finds_the_word_first(dictionary: Dictionary, query: str, first: str) -> None:
    results = dictionary.search_pinyin(query)
    assert results, f"nothing for {query}"
    assert results[0].simplified == first


def test_tones_narrow_the_search(dictionary: Dictionary) -> None:
    toneless = {e.simplified for e in dictionary.search_pinyin("shi", limit=500)}
    toned = dictionary.search_pinyin("shi4", limit=500)
    assert toned and all(e.syllables[0].lower() == "shi4" for e in toned)
    assert {e.simplified for e in toned} < toneless


def test_tone_mark_on_one_syllable_is_checked(dictionary: Dictionary) -> None:
    assert all(e.syllables[1] == "xi1" for e in dictionary.search_pinyin("dong xī"))


def test_prefix_search_when_nothing_matches_exactly(dictionary: Dictionary) -> None:
    words = [e.simplified for e in dictionary.search_pinyin("xuex")]
    assert "学校" in words and "学习" in words


@pytest.mark.parametrize("query", ["", "银行", "12", "??"])
def test_pinyin_search_of_a_non_pinyin_query_is_empty(dictionary: Dictionary, query: str) -> None:
    assert dictionary.search_pinyin(query) == []


def test_pinyin_search_respects_the_limit(dictionary: Dictionary) -> None:
    assert len(dictionary.search_pinyin("shi", limit=5)) == 5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("learn", "学习"),
        ("to learn", "学习"),
        ("bank", "银行"),
        ("train station", "火车站"),
        ("Beijing", "北京"),
        ("T-shirt", "T恤"),
        ("karaoke", "卡拉OK"),
    ],
)
def test_english_search_finds_the_word_near_the_top(dictionary: Dictionary, query: str, expected: str) -> None:
    words = [e.simplified for e in dictionary.search_english(query, limit=5)]
    assert expected in words


def test_english_search_needs_every_word(dictionary: Dictionary) -> None:
    for entry in dictionary.search_english("train station", limit=50):
        text = " ".join(entry.senses).lower()
        assert "train" in text and "station" in text


@pytest.mark.parametrize("query", ["", "zzzzqqq", "the"])
def test_english_search_without_useful_words_is_empty(dictionary: Dictionary, query: str) -> None:
    assert dictionary.search_english(query) == []


@pytest.mark.parametrize(
    ("query", "key", "tones"),
    [
        ("xuexi", "xuexi", 0),
        ("xue2xi2", "xuexi", 2),
        ("xué xí", "xuexi", 2),
        ("Lǜ", "lv", 1),
        ("2xue", None, 0),  # a tone before any letter
        ("学习", None, 0),
    ],
)
def test_parse_pinyin_query(query: str, key: str | None, tones: int) -> None:
    parsed = parse_pinyin_query(query)
    if key is None:
        assert parsed is None
    else:
        assert parsed is not None
        assert (parsed.key, len(parsed.tones)) == (key, tones)
