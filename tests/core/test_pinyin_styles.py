"""Writing stored pinyin for display: tone marks, numbers, zhuyin, tone classes, optional tone sandhi."""

from __future__ import annotations

import pytest

from reader.core.pinyin_styles import (
    PinyinStyle,
    ToneClass,
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
