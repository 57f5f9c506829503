"""Writing stored pinyin for display: tone marks, numbers, zhuyin, tone classes, optional tone sandhi."""

from __future__ import annotations

import pytest

from reader.core.pinyin.styles import (
    PinyinStyle,
    ToneClass,
    apply_citation_tones,
    apply_tone_sandhi,
    format_syllable,
    format_syllables,
    numbers_to_marks,
    tone_class,
    tone_of,
)

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("syllable", "marks", "zhuyin"),
    [
        ("hang2", "háng", "ㄏㄤˊ"),
        ("lv4", "lǜ", "ㄌㄩˋ"),  # ü written v
        ("nve4", "nüè", "ㄋㄩㄝˋ"),  # the mark on e, not on ü
        ("gui4", "guì", "ㄍㄨㄟˋ"),  # iu/ui: the mark on the second vowel
        ("liu2", "liú", "ㄌㄧㄡˊ"),
        ("shou3", "shǒu", "ㄕㄡˇ"),  # ou: the mark on o
        ("de5", "de", "˙ㄉㄜ"),  # neutral tone: no mark, a dot in zhuyin
        ("r5", "r", "ㄦ"),  # erhua 儿
        ("er2", "ér", "ㄦˊ"),
        ("m2", "ḿ", "ㄇˊ"),  # syllabic nasals (呣, 嗯)
        ("ng2", "ńg", "ㄫˊ"),
        ("xiong1", "xiōng", "ㄒㄩㄥ"),
    ],
)
def test_format_syllable(syllable: str, marks: str, zhuyin: str) -> None:
    assert format_syllable(syllable, PinyinStyle.MARKS) == marks
    assert format_syllable(syllable, PinyinStyle.NUMBERS) == syllable
    assert format_syllable(syllable, PinyinStyle.ZHUYIN) == zhuyin


@pytest.mark.parametrize(("syllable", "marks"), [("Chao2", "Cháo"), ("Lv3", "Lǚ"), ("T", "T"), ("·", "·")])
def test_numbers_to_marks_keeps_case_and_non_syllables(syllable: str, marks: str) -> None:
    assert numbers_to_marks(syllable) == marks


def test_format_syllables_keeps_none() -> None:
    assert format_syllables([None, "xu4"], PinyinStyle.MARKS) == [None, "xù"]


@pytest.mark.parametrize(
    ("syllable", "tone", "css"),
    [
        ("ma1", 1, ToneClass.TONE1),
        ("ma2", 2, ToneClass.TONE2),
        ("ma3", 3, ToneClass.TONE3),
        ("ma4", 4, ToneClass.TONE4),
        ("ma5", 5, ToneClass.NEUTRAL),
        ("r5", 5, ToneClass.NEUTRAL),
        ("T", 5, ToneClass.NEUTRAL),
    ],
)
def test_tone_and_its_colour_class(syllable: str, tone: int, css: ToneClass) -> None:
    assert tone_of(syllable) == tone
    assert tone_class(syllable) is css


@pytest.mark.parametrize(
    ("tokens", "readings", "spoken"),
    [
        (["一", "个"], [["yi1"], ["ge4"]], [["yi2"], ["ge4"]]),  # 一 before a fourth tone
        (["一", "天"], [["yi1"], ["tian1"]], [["yi4"], ["tian1"]]),  # before other tones
        (["第一"], [["di4", "yi1"]], [["di4", "yi1"]]),  # ordinal: unchanged
        (["十一", "月"], [["shi2", "yi1"], ["yue4"]], [["shi2", "yi1"], ["yue4"]]),  # inside a number
        (["不", "要"], [["bu4"], ["yao4"]], [["bu2"], ["yao4"]]),  # 不 before a fourth tone
        (["不", "好"], [["bu4"], ["hao3"]], [["bu4"], ["hao3"]]),
        (["你好"], [["ni3", "hao3"]], [["ni2", "hao3"]]),  # 3-3 inside a word
        (["一", "，", "个"], [["yi1"], None, ["ge4"]], [["yi1"], None, ["ge4"]]),  # not across punctuation
    ],
)
def test_tone_sandhi_is_applied_on_request(tokens, readings, spoken) -> None:  # type: ignore[no-untyped-def]
    assert apply_tone_sandhi(tokens, readings) == spoken


def test_tone_sandhi_leaves_the_input_alone() -> None:
    readings = [["yi1"], ["ge4"]]
    apply_tone_sandhi(["一", "个"], readings)
    assert readings == [["yi1"], ["ge4"]]


_CHAR_READINGS = {
    "识": ("shi2", "shi4", "zhi4"),
    "服": ("fu2", "fu4"),
    "们": ("men2",),
    "子": ("zi3",),
    "过": ("guo4",),
}


@pytest.mark.parametrize(
    ("tokens", "readings", "cited"),
    [
        (["认识"], [["ren4", "shi5"]], [["ren4", "shi2"]]),  # the first full tone of the same syllable
        (["衣服"], [["yi1", "fu5"]], [["yi1", "fu2"]]),
        (["去过"], [["qu4", "guo5"]], [["qu4", "guo4"]]),
        (["我们", "的"], [["wo3", "men5"], ["de5"]], [["wo3", "men5"], ["de5"]]),  # grammatical: stays neutral
        (["桌子"], [["zhuo1", "zi5"]], [["zhuo1", "zi5"]]),  # the suffix 子
        (["喽"], [["lou5"]], [["lou5"]]),  # no reading known: unchanged
        (["。"], [None], [None]),
    ],
)
def test_citation_tones_give_each_character_its_own_tone(tokens, readings, cited) -> None:  # type: ignore[no-untyped-def]
    assert apply_citation_tones(tokens, readings, lambda char: _CHAR_READINGS.get(char, ())) == cited


def test_citation_tones_leave_the_input_alone() -> None:
    readings = [["ren4", "shi5"]]
    apply_citation_tones(["认识"], readings, lambda char: _CHAR_READINGS.get(char, ()))
    assert readings == [["ren4", "shi5"]]
