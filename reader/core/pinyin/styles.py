"""The one writer of pinyin for display, and the tone display options.

Reader stores pinyin in tone-number form (``hang2``, ``lv4``, neutral tone ``de5``, erhua ``r5``) and converts it
for display: tone marks (``háng``, ``lǜ``, ``de``), tone numbers (as stored, ``ü`` written ``v``) or zhuyin
(``ㄏㄤˊ``). CC-CEDICT's spellings are understood too: ``u:`` for ü (``lu:4`` → ``lǜ``) and ``e^`` or ``ê`` for ê
(``e^2`` → ``ế``). Every tone mark Reader shows (reading view, pop-up, deck, exports, command line) comes from
:func:`format_syllable`.

The stored tones are dictionary tones, with CC-CEDICT's neutral tones (知识 ``zhi1 shi5``);
:func:`apply_citation_tones` gives every character its own tone instead (``zhi1 shi2``, the convention of many
textbooks and of the CPP data set), and :func:`apply_tone_sandhi` the spoken tones of 一, 不 and third-tone pairs,
for learners who ask for them. :func:`display_readings` applies both as a :class:`ToneOptions` asks, for the reading
view and ``reader annotate`` alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from reader.core.pinyin.wordlists import GRAMMATICAL_NEUTRAL, SANDHI_NUMERALS

_MARKS = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
    "ê": ("ê\u0304", "ế", "ê\u030c", "ề"),
    "m": ("m\u0304", "ḿ", "m\u030c", "m\u0300"),
    "n": ("n\u0304", "ń", "ň", "ǹ"),
}


@cache
def _bopomofo() -> Any:
    """pypinyin's zhuyin converter, imported only when zhuyin is asked for (pypinyin's tables take 55 MB)."""
    from pypinyin.style.bopomofo import BopomofoConverter

    return BopomofoConverter()


class PinyinStyle(StrEnum):
    """How pinyin is written."""

    MARKS = "marks"
    NUMBERS = "numbers"
    ZHUYIN = "zhuyin"


class ToneClass(StrEnum):
    """The tone of a syllable as a class name the UI can colour (tones 1–4 and the neutral tone)."""

    TONE1 = "tone1"
    TONE2 = "tone2"
    TONE3 = "tone3"
    TONE4 = "tone4"
    NEUTRAL = "neutral"


#: Syllables pypinyin's zhuyin converter spells wrongly: erhua ``r`` (一点儿) and the syllabic nasals.
_ZHUYIN_SPECIAL = {"r": "ㄦ", "m": "ㄇ", "n": "ㄋ", "ng": "ㄫ", "hm": "ㄏㄇ", "hng": "ㄏㄫ", "ê": "ㄝ"}
_ZHUYIN_TONES = {1: "", 2: "ˊ", 3: "ˇ", 4: "ˋ"}

_TONE_CLASSES = {1: ToneClass.TONE1, 2: ToneClass.TONE2, 3: ToneClass.TONE3, 4: ToneClass.TONE4}


def tone_of(syllable: str) -> int:
    """Return the tone (1–4, 5 for neutral) of a tone-number syllable; 5 if it carries no digit."""
    last = syllable[-1:] if syllable else ""
    return int(last) if last in "12345" else 5


def tone_class(syllable: str) -> ToneClass:
    """Return the colour class of a tone-number syllable (``hang2`` → ``tone2``, ``de5`` → ``neutral``)."""
    return _TONE_CLASSES.get(tone_of(syllable), ToneClass.NEUTRAL)


def numbers_to_marks(syllable: str) -> str:
    """Write one tone-number syllable with a tone mark (``lv4`` → ``lǜ``, ``Chao2`` → ``Cháo``, ``r5`` → ``r``).

    Letters keep their case; ``v`` and ``u:`` become ``ü``, ``e^`` becomes ``ê``; text that is not a syllable
    (``T``, ``·``) is returned unchanged.
    """
    tone = int(syllable[-1]) if syllable[-1:] in ("1", "2", "3", "4", "5") else 0
    body = syllable[:-1] if tone else syllable
    body = body.replace("u:", "ü").replace("U:", "Ü").replace("v", "ü").replace("V", "Ü")
    body = body.replace("e^", "ê").replace("E^", "Ê")
    if tone in (0, 5) or not body.isalpha():
        return body
    index = _mark_position(body.lower())
    if index < 0:
        return body
    char = body[index]
    marked = _MARKS[char.lower()][tone - 1]
    if char.isupper():
        marked = marked.upper()
    return body[:index] + marked + body[index + 1 :]


def _mark_position(body: str) -> int:
    """Index of the letter that carries the tone mark: a or e (ê) first, the o of ou, else the last vowel."""
    for vowel in ("a", "e", "ê"):
        if vowel in body:
            return body.index(vowel)
    if "ou" in body:
        return body.index("o")
    for index in range(len(body) - 1, -1, -1):
        if body[index] in "iouü":
            return index
    # Syllabic nasals: m, n, ng (hm, hng carry the mark on the nasal).
    for index, char in enumerate(body):
        if char in "mn":
            return index
    return -1


def marks_to_numbers(marked: str) -> str:
    """Write one tone-marked syllable of pypinyin's tables in stored form (``lǜ`` → ``lv4``, ``de`` → ``de5``)."""
    from pypinyin.contrib.tone_convert import to_tone3

    return str(to_tone3(marked, neutral_tone_with_five=True)).replace("ü", "v")


@cache
def format_syllable(syllable: str, style: PinyinStyle) -> str:
    """Write one tone-number syllable (``lv4``, ``lu:4``) in ``style`` (``lǜ``, ``lv4``, ``ㄌㄩˋ``)."""
    if style is PinyinStyle.MARKS:
        return numbers_to_marks(syllable)
    # CC-CEDICT's spellings become Reader's stored ones: u: is v, e^ is ê.
    syllable = syllable.replace("u:", "v").replace("U:", "V").replace("e^", "ê").replace("E^", "Ê")
    if style is PinyinStyle.NUMBERS:
        return syllable
    tone = tone_of(syllable)
    base = syllable.rstrip("12345").lower()
    if base[:1] in "jqxy":
        # After j, q, x and y, ü is written u (ju, yu: ㄐㄩ, ㄩ); pypinyin's zhuyin table knows only that spelling.
        base = base.replace("v", "u")
    if base in _ZHUYIN_SPECIAL:
        if tone == 5:
            # Erhua's ㄦ is never dotted: it is part of the syllable before it.
            return _ZHUYIN_SPECIAL[base] if base == "r" else "˙" + _ZHUYIN_SPECIAL[base]
        return _ZHUYIN_SPECIAL[base] + _ZHUYIN_TONES[tone]
    if tone == 5:
        # Zhuyin writes the neutral tone as a dot before the syllable.
        return "˙" + _bopomofo().to_bopomofo(base).replace("˙", "").rstrip("5")
    return _bopomofo().to_bopomofo(f"{base}{tone}")


def format_syllables(syllables: list[str | None], style: PinyinStyle) -> list[str | None]:
    """Format each syllable of a token, keeping ``None`` for non-Han characters."""
    return [format_syllable(s, style) if s else None for s in syllables]


def format_reading(reading: str, style: PinyinStyle = PinyinStyle.MARKS) -> str:
    """Write a stored reading in ``style``, syllables separated by spaces (``yin2 hang2`` → ``yín háng``)."""
    return " ".join(format_syllable(syllable, style) for syllable in reading.split())


def format_words(readings: Sequence[Sequence[str | None] | None], style: PinyinStyle = PinyinStyle.MARKS) -> str:
    """Write the readings of a run of words as one line: words apart, a word's syllables together (``yínháng``).

    Zhuyin is written a syllable at a time (``ㄧㄣˊ ㄏㄤˊ``): its first tone has no mark to show where a syllable
    ends. Tokens without pinyin (punctuation, Latin text) are left out.
    """
    joiner = " " if style is PinyinStyle.ZHUYIN else ""
    words = (joiner.join(format_syllable(s, style) for s in reading if s) for reading in readings if reading)
    return " ".join(word for word in words if word)


@dataclass(frozen=True, slots=True)
class ToneOptions:
    """How pinyin is shown: the style, and the display options View ▸ Pinyin and ``reader annotate`` offer."""

    style: PinyinStyle = PinyinStyle.MARKS
    citation_tones: bool = False
    tone_sandhi: bool = False


def display_readings(
    tokens: Sequence[str],
    readings: Sequence[list[str | None] | None],
    options: ToneOptions,
    char_readings: Callable[[str], Sequence[str]] | None = None,
) -> list[list[str | None] | None]:
    """Return one sentence's readings (tone numbers) with the tone display options of ``options`` applied.

    Citation tones come first, so sandhi sees the restored tones (姐姐 jiějie → jiějiě → jiéjiě); citation tones
    need ``char_readings`` (:meth:`reader.core.pinyin.engine.PinyinEngine.char_readings`) and are skipped without
    it. The reading view and ``reader annotate`` both call this; format the result with :func:`format_syllable`.
    The input is not changed.
    """
    # Both options copy what they change; without them the caller's lists are returned as they are (a layout reads
    # every sentence of a paragraph on each re-wrap).
    result = list(readings)
    if not tokens:
        return result
    if options.citation_tones and char_readings is not None:
        result = apply_citation_tones(tokens, result, char_readings)
    if options.tone_sandhi:
        result = apply_tone_sandhi(tokens, result)
    return result


def apply_tone_sandhi(
    tokens: Sequence[str], readings: Sequence[list[str | None] | None]
) -> list[list[str | None] | None]:
    """Return the spoken tones of one sentence's readings: 一 and 不 change before other tones, 3-3 becomes 2-3.

    ``tokens`` and ``readings`` are what :meth:`reader.core.pinyin.engine.PinyinEngine.annotate` takes and returns.
    Reader shows dictionary tones by default; this is a display option. 一 keeps its first tone inside numbers
    and ordinals (第一, 十一, 一九九〇); 不 becomes ``bu2`` before a fourth tone; a third tone before another
    third tone of the same word becomes a second tone.
    """
    chars: list[tuple[int, int, str, str | None]] = []  # (token index, char index, char, syllable)
    for token_index, (token, syllables) in enumerate(zip(tokens, readings, strict=True)):
        for char_index, char in enumerate(token):
            syllable = syllables[char_index] if syllables is not None and char_index < len(syllables) else None
            chars.append((token_index, char_index, char, syllable))
    result: list[list[str | None] | None] = [list(r) if r is not None else None for r in readings]
    for position in range(len(chars) - 1):
        token_index, char_index, char, syllable = chars[position]
        next_token, _, next_char, next_syllable = chars[position + 1]
        if syllable is None or next_syllable is None:
            continue
        previous_char = chars[position - 1][2] if position else ""
        changed = _sandhi_one(
            char,
            syllable,
            tone_of(next_syllable),
            same_word=next_token == token_index,
            in_number=previous_char in SANDHI_NUMERALS or next_char in SANDHI_NUMERALS,
        )
        row = result[token_index]
        if changed != syllable and row is not None:
            row[char_index] = changed
    return result


def _sandhi_one(char: str, syllable: str, next_tone: int, *, same_word: bool, in_number: bool) -> str:
    """The spoken tone of one syllable given the tone of the syllable after it."""
    if char == "一" and syllable == "yi1":
        if in_number or next_tone == 5:
            return syllable
        return "yi2" if next_tone == 4 else "yi4"
    if char == "不" and syllable == "bu4":
        return "bu2" if next_tone == 4 else syllable
    if same_word and tone_of(syllable) == 3 and next_tone == 3:
        return syllable[:-1] + "2"
    return syllable


def apply_citation_tones(
    tokens: Sequence[str],
    readings: Sequence[list[str | None] | None],
    char_readings: Callable[[str], Sequence[str]],
) -> list[list[str | None] | None]:
    """Return the readings with each neutral tone replaced by the character's own tone (知识 ``zhi1 shi2``).

    ``char_readings(char)`` gives a character's readings in tone numbers, usual first; the first full-tone reading
    with the same syllable is used (识 ``shi5`` → ``shi2``). Particles and suffixes (:data:`GRAMMATICAL_NEUTRAL`)
    and characters with no such reading keep the neutral tone. The input is not changed.
    """
    result: list[list[str | None] | None] = []
    for token, syllables in zip(tokens, readings, strict=True):
        if syllables is None:
            result.append(None)
            continue
        row = list(syllables)
        for index, syllable in enumerate(row):
            if syllable is None or not syllable.endswith("5") or index >= len(token):
                continue
            char = token[index]
            if char in GRAMMATICAL_NEUTRAL:
                continue
            base = syllable[:-1]
            for reading in char_readings(char):
                if reading[:-1] == base and reading[-1:] in ("1", "2", "3", "4"):
                    row[index] = reading
                    break
        result.append(row)
    return result
