"""Dictionary lookups: what a learner sees when clicking a word (entries, readings, HSK, characters)."""

from __future__ import annotations

import pytest

from reader.core.dictionary import Dictionary, Entry, hsk_label

pytestmark = pytest.mark.core

# (query, headword found (simplified), its first reading in tone numbers, a sense it must have)
LOOKUPS = [
    # Polyphonic characters: the usual reading first.
    ("行", "行", "xing2", "to walk"),
    ("长", "长", "zhang3", "to grow"),
    ("了", "了", "le5", "(completed action marker)"),
    ("得", "得", "de2", "to obtain"),
    ("地", "地", "di4", "earth"),
    ("着", "着", "zhe5", "aspect particle indicating action in progress"),
    ("和", "和", "he2", "and"),
    ("还", "还", "hai2", "still"),
    # Words with several readings: the everyday one first (more senses), the other kept.
    ("东西", "东西", "dong1 xi5", "thing"),
    ("大夫", "大夫", "dai4 fu5", "doctor"),
    ("地方", "地方", "di4 fang5", "place"),
    ("便宜", "便宜", "pian2 yi5", "cheap"),
    # Ordinary words, neutral tones as the dictionary writes them.
    ("银行", "银行", "yin2 hang2", "bank"),
    ("钥匙", "钥匙", "yao4 shi5", "key"),
    ("谢谢", "谢谢", "xie4 xie5", "to thank"),
    ("差不多", "差不多", "cha4 bu5 duo1", "almost"),
    ("为什么", "为什么", "wei4 shen2 me5", "why?"),
    ("了解", "了解", "liao3 jie3", "to understand"),
    ("睡觉", "睡觉", "shui4 jiao4", "to go to bed"),
    ("音乐", "音乐", "yin1 yue4", "music"),
    ("快乐", "快乐", "kuai4 le4", "happy"),
    ("乱七八糟", "乱七八糟", "luan4 qi1 ba1 zao1", "at sixes and sevens"),
    # ü is written v.
    ("绿色", "绿色", "lv4 se4", "green"),
    ("女儿", "女儿", "nv3 er2", "daughter"),
    # Traditional-only input finds the simplified headword.
    ("銀行", "银行", "yin2 hang2", "bank"),
    ("學習", "学习", "xue2 xi2", "to learn"),
    ("東西", "东西", "dong1 xi5", "thing"),
    ("鑰匙", "钥匙", "yao4 shi5", "key"),
    ("朝鮮", "朝鲜", "Chao2 xian3", "North Korea"),
    # Proper nouns keep CC-CEDICT's capitals.
    ("朝鲜", "朝鲜", "Chao2 xian3", "North Korea"),
    ("北京", "北京", "Bei3 jing1", "Peking"),
    ("一带一路", "一带一路", "Yi1 dai4 Yi1 lu4", ""),
    # Erhua: 儿 is r5.
    ("一点儿", "一点儿", "yi1 dian3 r5", "erhua variant of 一點|一点[yi1 dian3]"),
    ("一點兒", "一点儿", "yi1 dian3 r5", "erhua variant of 一點|一点[yi1 dian3]"),
    ("哪儿", "哪儿", "na3 r5", "where?"),
    ("这儿", "这儿", "zhe4 r5", "here"),
    ("花瓶儿", "花瓶", "hua1 ping2", "flower vase"),  # erhua form not in the dictionary: the plain word
    # Latin letters and digits inside words.
    ("T恤", "T恤", "T xu4", "T-shirt"),
    ("卡拉OK", "卡拉OK", "ka3 la1 O K", "karaoke (loanword)"),
    ("卡拉ok", "卡拉OK", "ka3 la1 O K", "karaoke (loanword)"),  # case does not matter
    ("ＡＡ制", "AA制", "A A zhi4", "to split the bill"),  # full-width letters
    ("3C", "3C", "san1 C", "abbr. for computers, communications, and consumer electronics"),
    # CJK Extension A and B characters.
    ("㐄", "㐄", "kua4", "component in Chinese characters, mirror image of 夂[zhi3]"),
    ("㑳", "㑇", "zhou4", "(old) beautiful"),  # Extension A, traditional form
    ("𠯪", "𠯪", "dai3", "(dialect) to eat"),  # Extension B
    ("〇", "〇", "ling2", "zero"),
]


@pytest.mark.parametrize(("query", "headword", "reading", "sense"), LOOKUPS, ids=[row[0] for row in LOOKUPS])
def test_lookup_finds_the_entry_with_its_reading_and_sense(
    dictionary: Dictionary, query: str, headword: str, reading: str, sense: str
) -> None:
    entries = dictionary.lookup(query)
    assert entries, f"no entry for {query}"
    first = entries[0]
    assert first.simplified == headword
    assert first.pinyin_numbers == reading
    assert not sense or any(sense in entry.senses for entry in entries)


@pytest.mark.parametrize("query", ["", "   ", "xyz", "。", "布拉布拉布拉布拉"])
def test_lookup_of_a_non_word_finds_nothing(dictionary: Dictionary, query: str) -> None:
    assert dictionary.lookup(query) == []


def test_polyphonic_character_is_grouped_by_reading(dictionary: Dictionary) -> None:
    groups = dictionary.reading_groups("行")
    assert [group.pinyin_marks for group in groups] == ["xíng", "háng"]
    assert "to walk" in groups[0].senses
    assert "row" in groups[1].senses


def test_entries_carry_hsk_level_and_frequency_rank(dictionary: Dictionary) -> None:
    entry = dictionary.lookup("学习")[0]
    assert entry.hsk_level == 1
    assert entry.frequency_rank is not None and entry.frequency_rank < 1000
    assert entry.traditional == "學習"


def test_marks_and_numbers_describe_the_same_reading(dictionary: Dictionary) -> None:
    entry = dictionary.lookup("绿色")[0]
    assert entry.pinyin_numbers == "lv4 se4"
    assert entry.pinyin_marks == "lǜ sè"


def test_proper_noun_is_flagged(dictionary: Dictionary) -> None:
    assert dictionary.lookup("北京")[0].proper_noun
    assert not dictionary.lookup("银行")[0].proper_noun


@pytest.mark.parametrize(
    ("text", "position", "word"),
    [
        ("我们去银行取钱", 3, "银行"),  # a word in the middle
        ("我们去银行取钱", 0, "我们"),
        ("他提出了一带一路倡议", 4, "一带一路"),  # the longest of 一带, 一带一路
        ("穿T恤的人", 1, "T恤"),
        ("中华人民共和国成立", 0, "中华人民共和国"),
    ],
)
def test_longest_match_finds_the_longest_word_at_a_position(
    dictionary: Dictionary, text: str, position: int, word: str
) -> None:
    match = dictionary.longest_match(text, position)
    assert match is not None
    assert (match.word, match.start, match.end) == (word, position, position + len(word))
    assert match.entries and match.entries[0].simplified == word


@pytest.mark.parametrize(("text", "position"), [("，。", 0), ("abc", 5), ("银行", -1)])
def test_longest_match_outside_words_is_none(dictionary: Dictionary, text: str, position: int) -> None:
    assert dictionary.longest_match(text, position) is None


def test_characters_of_a_word_have_their_own_readings(dictionary: Dictionary) -> None:
    chars = dictionary.characters("银行")
    assert [c.char for c in chars] == ["银", "行"]
    assert [c.reading for c in chars] == ["yin2", "hang2"]
    assert [g.pinyin_numbers for g in chars[1].readings] == ["xing2", "hang2"]
    assert chars[1].hsk_level is not None and chars[1].frequency_rank is not None


def test_characters_follow_the_reading_given(dictionary: Dictionary) -> None:
    chars = dictionary.characters("行", ["hang2"])
    assert chars[0].reading == "hang2"


@pytest.mark.parametrize(
    ("char", "layout", "components"),
    [
        ("好", "left-right", ("女", "子")),
        ("行", "left-right", ("彳", "亍")),
        ("想", "top-bottom", ("相", "心")),
        ("国", "surround", ("囗", "玉")),
    ],
)
def test_decomposition_of_a_character(
    dictionary: Dictionary, char: str, layout: str, components: tuple[str, ...]
) -> None:
    decomposition = dictionary.decomposition(char)
    assert decomposition is not None
    assert decomposition.layout == layout
    assert decomposition.components == components


def test_decomposition_names_known_radicals(dictionary: Dictionary) -> None:
    decomposition = dictionary.decomposition("好")
    assert decomposition is not None
    assert dict(decomposition.meanings)["女"] == "woman"


def test_atomic_character_has_no_decomposition(dictionary: Dictionary) -> None:
    assert dictionary.decomposition("一") is None


@pytest.mark.parametrize(
    ("word", "level"),
    [("学习", 1), ("银行", 3), ("學習", 1), ("一带一路", None), ("爱", 1)],
)
def test_hsk_level(dictionary: Dictionary, word: str, level: int | None) -> None:
    assert dictionary.hsk_level(word) == level


def test_hsk_words_of_levels_one_to_three(dictionary: Dictionary) -> None:
    words = dictionary.hsk_words([1, 2, 3])
    levels = [w.level for w in words]
    assert levels == sorted(levels)
    assert {1, 2, 3} == set(levels)
    assert "学习" in {w.word for w in words}
    assert len(words) > 900  # the 2025 syllabus: about 1,000 words up to level 3


def test_hsk_band_seven_to_nine_is_one_level(dictionary: Dictionary) -> None:
    assert dictionary.hsk_words([8]) == dictionary.hsk_words([7]) == dictionary.hsk_words([7, 8, 9])
    assert hsk_label(7) == "HSK 7–9"


@pytest.mark.parametrize(("word", "known"), [("银行", True), ("銀行", True), ("T恤", True), ("银行行", False)])
def test_contains(dictionary: Dictionary, word: str, known: bool) -> None:
    assert dictionary.contains(word) is known


def test_entry_is_a_plain_value(dictionary: Dictionary) -> None:
    entry = dictionary.lookup("银行")[0]
    assert entry == Entry(entry.simplified, entry.traditional, entry.syllables, entry.senses, 3, entry.frequency_rank)
