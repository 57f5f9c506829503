"""Writing stored pinyin for display: tone marks, numbers, zhuyin, tone classes, optional tone sandhi."""

from __future__ import annotations

import pytest

from reader.core.pinyin.styles import (
    PinyinStyle,
    ToneClass,
    ToneOptions,
    apply_citation_tones,
    apply_tone_sandhi,
    display_readings,
    format_reading,
    format_syllable,
    format_syllables,
    format_words,
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


@pytest.mark.parametrize(
    ("syllable", "marks", "numbers", "zhuyin"),
    [
        ("lu:4", "lǜ", "lv4", "ㄌㄩˋ"),  # CC-CEDICT's u: is ü in every style
        ("yu:3", "yǚ", "yv3", "ㄩˇ"),  # u: after y: zhuyin spells it ㄩ, not ㄧㄩ
        ("jv4", "jǜ", "jv4", "ㄐㄩˋ"),  # v after j: zhuyin's ㄐㄩ
        ("e^1", "ê\u0304", "ê1", "ㄝ"),  # CC-CEDICT's e^ is ê (欸); no precomposed ê with macron exists
        ("ê2", "ế", "ê2", "ㄝˊ"),  # ê typed as such
        ("ê5", "ê", "ê5", "˙ㄝ"),  # neutral ê
        ("E^4", "Ề", "Ê4", "ㄝˋ"),  # a capital keeps its case in marks and numbers
    ],
)
def test_cedict_spellings_are_written_alike_in_every_style(
    syllable: str, marks: str, numbers: str, zhuyin: str
) -> None:
    assert format_syllable(syllable, PinyinStyle.MARKS) == marks
    assert format_syllable(syllable, PinyinStyle.NUMBERS) == numbers
    assert format_syllable(syllable, PinyinStyle.ZHUYIN) == zhuyin


@pytest.mark.parametrize(
    ("reading", "style", "written"),
    [
        ("yin2 hang2", PinyinStyle.MARKS, "yín háng"),
        ("lv4 de5", PinyinStyle.MARKS, "lǜ de"),  # neutral tone unmarked
        ("lv4 de5", PinyinStyle.NUMBERS, "lv4 de5"),
        ("yin2 hang2", PinyinStyle.ZHUYIN, "ㄧㄣˊ ㄏㄤˊ"),
        ("", PinyinStyle.MARKS, ""),  # no reading
    ],
)
def test_format_reading(reading: str, style: PinyinStyle, written: str) -> None:
    assert format_reading(reading, style) == written


@pytest.mark.parametrize(
    ("style", "written"),
    [
        (PinyinStyle.MARKS, "yínháng lǜ"),  # a word's syllables together, words apart, punctuation left out
        (PinyinStyle.NUMBERS, "yin2hang2 lv4"),
        (PinyinStyle.ZHUYIN, "ㄧㄣˊ ㄏㄤˊ ㄌㄩˋ"),  # zhuyin a syllable at a time
    ],
)
def test_format_words(style: PinyinStyle, written: str) -> None:
    assert format_words([["yin2", "hang2"], None, ["lv4"]], style) == written


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (ToneOptions(), [["jie3", "jie5"], ["yi1"], ["ding4"]]),  # dictionary tones, unchanged
        (ToneOptions(citation_tones=True), [["jie3", "jie3"], ["yi1"], ["ding4"]]),  # 姐 gets its own tone
        (ToneOptions(tone_sandhi=True), [["jie3", "jie5"], ["yi2"], ["ding4"]]),  # 一 before a fourth tone
        # Both: citation tones first, so sandhi sees jie3 jie3 and makes the first a second tone.
        (ToneOptions(citation_tones=True, tone_sandhi=True), [["jie2", "jie3"], ["yi2"], ["ding4"]]),
    ],
)
def test_display_readings(options: ToneOptions, expected: list[list[str]]) -> None:
    tokens = ["姐姐", "一", "定"]
    readings: list[list[str | None] | None] = [["jie3", "jie5"], ["yi1"], ["ding4"]]
    own = {"姐": ("jie3",), "一": ("yi1",), "定": ("ding4",)}
    assert display_readings(tokens, readings, options, lambda char: own[char]) == expected
    assert readings[0] == ["jie3", "jie5"]  # the input is not changed


def test_display_readings_without_char_readings_skips_citation_tones() -> None:
    readings: list[list[str | None] | None] = [["jie3", "jie5"]]
    assert display_readings(["姐姐"], readings, ToneOptions(citation_tones=True)) == [["jie3", "jie5"]]


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
def test_tone_sandhi_is_applied_on_request(tokens, readings, spoken) -> None:
    assert apply_tone_sandhi(tokens, readings) == spoken


def test_tone_sandhi_leaves_the_input_alone() -> None:
    readings: list[list[str | None] | None] = [["yi1"], ["ge4"]]
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
def test_citation_tones_give_each_character_its_own_tone(tokens, readings, cited) -> None:
    assert apply_citation_tones(tokens, readings, lambda char: _CHAR_READINGS.get(char, ())) == cited


def test_citation_tones_leave_the_input_alone() -> None:
    readings: list[list[str | None] | None] = [["ren4", "shi5"]]
    apply_citation_tones(["认识"], readings, lambda char: _CHAR_READINGS.get(char, ()))
    assert readings == [["ren4", "shi5"]]
