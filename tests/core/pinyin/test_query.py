"""The one parser of typed pinyin: what it reads, and how Find and library search match runs of syllables with it."""

from __future__ import annotations

import pytest

from reader.core.pinyin.query import match_pinyin_runs, parse_pinyin_query

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("query", "key", "tones", "boundaries"),
    [
        ("xuexi", "xuexi", (), ()),  # no tones, no boundaries
        ("xue2xi2", "xuexi", ((3, 2, True), (5, 2, True)), ()),  # tone numbers end syllables
        ("xué xí", "xuexi", ((2, 2, False), (4, 2, False)), (3,)),  # tone marks sit on a letter; a space
        ("Xi'an", "xian", (), (2,)),  # capitals and an apostrophe
        ("xi-an", "xian", (), (2,)),  # a hyphen separates too
        ("lu:4", "lv", ((2, 4, True),), ()),  # CC-CEDICT's u:
        ("nǚ", "nv", ((1, 3, False),), ()),  # ü with a mark
        ("lü", "lv", (), ()),  # ü without a mark
        ("  ma5 ", "ma", ((2, 5, True),), ()),  # surrounding spaces; neutral tone as 5
    ],
)
def test_parse_pinyin_query(
    query: str, key: str, tones: tuple[tuple[int, int, bool], ...], boundaries: tuple[int, ...]
) -> None:
    parsed = parse_pinyin_query(query)
    assert parsed is not None
    assert parsed.key == key
    assert tuple((c.index, c.tone, c.at_end) for c in parsed.tones) == tones
    assert parsed.boundaries == boundaries


@pytest.mark.parametrize(
    "query",
    [
        "",  # nothing typed
        "2xue",  # a tone before any letter
        "T恤",  # Chinese characters
        "hello!",  # punctuation that is not a separator
        "yin6",  # no sixth tone
        "50%",
    ],
)
def test_not_pinyin(query: str) -> None:
    assert parse_pinyin_query(query) is None


#: 银行在西安 with offsets and toneless syllables, as Find and library search pass them (a comma breaks runs).
_CHARS = [
    (0, "yin", "2"),
    (1, "hang", "2"),
    (2, "zai", "4"),
    (-1, "", ""),
    (4, "xi", "1"),
    (5, "an", "1"),
    (6, "xian", "1"),  # 先 on its own: the same letters as 西安
]


@pytest.mark.parametrize(
    ("query", "runs"),
    [
        ("yinhang", [(0, 2)]),  # whole syllables, no tones
        ("yin2hang2", [(0, 2)]),  # tone numbers that agree
        ("yínháng", [(0, 2)]),  # two tone marks in one piece (Find read this as one wrong syllable before)
        ("yin2hang4", []),  # a tone that disagrees
        ("hangzai", [(1, 3)]),  # a run may cross words
        ("zaixi", []),  # but not a character without pinyin
        ("xian", [(4, 6), (6, 7)]),  # 西安 and 先 both spell xian
        ("xi'an", [(4, 6)]),  # the apostrophe asks for a syllable boundary after xi: not 先
        ("ang", []),  # letters inside a syllable do not start a run
    ],
)
def test_match_pinyin_runs(query: str, runs: list[tuple[int, int]]) -> None:
    parsed = parse_pinyin_query(query)
    assert parsed is not None
    assert match_pinyin_runs(_CHARS, parsed) == runs
