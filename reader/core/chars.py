"""Character classes used by text repair, sentence splitting and display."""

from __future__ import annotations

import re
import unicodedata

from reader.core.errors import InputError

#: Marks that end a sentence.
SENTENCE_END = frozenset("。！？!?；;")
#: Closing quotes and brackets that stay with the sentence before them.
CLOSERS = frozenset("”’」』）)》〉】〕〗］]\"'")
#: Opening quotes and brackets.
OPENERS = frozenset("“‘「『（(《〈【〔〖［[")
#: Punctuation that a line may not start with (line breaking in the reading view).
NO_LINE_START = frozenset("，。、；：！？）》」』】〉”’,.;:!?)…·%")


def is_han(char: str) -> bool:
    """True for a Chinese character (CJK Unified Ideographs and extensions, compatibility ideographs, 〇)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3134F
        or 0xF900 <= code <= 0xFAFF
        or code == 0x3007
    )


def has_han(text: str) -> bool:
    """True if ``text`` contains at least one Chinese character."""
    return any(is_han(char) for char in text)


_HAN_RUN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f\uf900-\ufaff\u3007]")


#: Characters per regular-expression call when counting in a long text: a call holds the interpreter lock, and
#: one call over a 20 MB text held it for 1.5 s (the window froze); 64 K characters take about a millisecond.
COUNT_CHUNK = 65_536


def count_matches(pattern: re.Pattern[str], text: str) -> int:
    """How many matches of a one-character ``pattern`` ``text`` holds, counted in slices (see :data:`COUNT_CHUNK`)."""
    return sum(len(pattern.findall(text, start, start + COUNT_CHUNK)) for start in range(0, len(text), COUNT_CHUNK))


def count_han(text: str) -> int:
    """How many Chinese characters ``text`` holds (as :func:`is_han` counts them, but fast on long texts)."""
    return count_matches(_HAN_RUN, text)


def is_cjk(char: str) -> bool:
    """True for Han characters and the other characters of CJK typesetting (full-width punctuation, kana…)."""
    code = ord(char)
    return (
        is_han(char)
        or 0x3000 <= code <= 0x303F  # CJK symbols and punctuation
        or 0x3040 <= code <= 0x312F  # kana, bopomofo
        or 0x3200 <= code <= 0x33FF  # enclosed CJK, compatibility
        or 0xFE10 <= code <= 0xFE1F  # vertical forms
        or 0xFE30 <= code <= 0xFE4F  # CJK compatibility forms
        or 0xFF00 <= code <= 0xFFEF  # half- and full-width forms
    )


def is_neutral_punct(char: str) -> bool:
    """True for punctuation shared by Chinese and Latin text (curly quotes, dashes, ellipsis, middle dot)."""
    code = ord(char)
    return 0x2010 <= code <= 0x2027 or 0x2030 <= code <= 0x205E or char == "\u00b7"


def is_latin_alnum(char: str) -> bool:
    """True for an ASCII letter or digit, or a Latin letter with diacritics."""
    return (char.isascii() and char.isalnum()) or (char.isalpha() and not is_cjk(char) and ord(char) < 0x2000)


def typeset_width(text: str) -> float:
    """Width of a line of Chinese print in ems: Han characters 1, punctuation and Latin characters 0.5.

    Justified Chinese typesetting compresses full-width punctuation (two marks in a row share one em), so
    counting a mark as half an em estimates the printed width of a PDF line better than counting characters.
    """
    width = 0.0
    for char in text:
        if is_han(char) or 0x3040 <= ord(char) <= 0x30FF or char == "\u3000":
            width += 1.0
        else:
            width += 0.5
    return width


def display_width(text: str) -> float:
    """Width of ``text`` in ems as typeset in Chinese: wide characters 1, others (Latin, digits, spaces) 0.5.

    East Asian "ambiguous" characters (curly quotes, em dash, ellipsis) count as wide: Chinese fonts set them
    full-width.
    """
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


_LETTER = re.compile(r"[^\W\d_]")


def check_is_chinese(text: str) -> None:
    """Raise :class:`InputError` unless Chinese characters make up a fair share of the letters in ``text``."""
    # Regular expressions count in C: a book of a million characters is checked in milliseconds.
    han = count_han(text)
    letters = count_matches(_LETTER, text)
    if han == 0:
        raise InputError("The text contains no Chinese characters.")
    if han < 0.2 * letters:
        raise InputError("The text does not look like Chinese (too few Chinese characters).")


class LooksJapaneseError(InputError):
    """The text has the kana of Japanese: Chinese pinyin would be wrong for it (the learner may still insist)."""


#: Kana that mark a text as Japanese: at least this many, and this share of the Han characters and kana together.
MIN_JAPANESE_KANA = 10
MIN_JAPANESE_KANA_SHARE = 0.05
#: Hiragana and katakana, without ・ (U+30FB) and ー (U+30FC), which Chinese texts use too (哈利・波特).
_KANA = re.compile("[\u3041-\u309f\u30a0-\u30fa\u30fd-\u30ff\u31f0-\u31ff]")


def check_not_japanese(text: str) -> None:
    """Raise :class:`LooksJapaneseError` if ``text`` has the kana of Japanese (a few kana in Chinese are fine).

    Kanji-heavy Japanese still writes its particles and endings in kana (の, に, は, ます), so kana are the mark.
    """
    kana = _KANA.findall(text)
    if len(kana) < MIN_JAPANESE_KANA:
        return
    han = count_han(text)
    if len(kana) >= MIN_JAPANESE_KANA_SHARE * (han + len(kana)):
        examples = "".join(dict.fromkeys(kana))[:4]
        raise LooksJapaneseError(
            f"The text looks like Japanese ({len(kana):,} kana such as {examples}); Reader would give its kanji "
            "Chinese readings, not Japanese ones."
        )
