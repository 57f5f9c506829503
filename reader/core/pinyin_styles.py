"""Pinyin display styles and tone classes.

Reader stores pinyin in tone-number form (``hang2``, ``lv4``, neutral tone ``de5``) and converts it for display:
tone marks (``háng``, ``lǜ``, ``de``), tone numbers (as stored, ``ü`` written ``v``) or zhuyin (``ㄏㄤˊ``).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pypinyin.contrib.tone_convert import to_tone
from pypinyin.style.bopomofo import BopomofoConverter

_BOPOMOFO = BopomofoConverter()


class PinyinStyle(StrEnum):
    """How pinyin is written."""

    MARKS = "marks"
    NUMBERS = "numbers"
    ZHUYIN = "zhuyin"


def tone_of(syllable: str) -> int:
    """Return the tone (1–4, 5 for neutral) of a tone-number syllable; 5 if it carries no digit."""
    last = syllable[-1:] if syllable else ""
    return int(last) if last in "12345" else 5


@cache
def format_syllable(syllable: str, style: PinyinStyle) -> str:
    """Write one tone-number syllable (``lv4``) in ``style`` (``lǜ``, ``lv4``, ``ㄌㄩˋ``)."""
    if style is PinyinStyle.NUMBERS:
        return syllable
    if style is PinyinStyle.MARKS:
        return to_tone(syllable)
    tone = tone_of(syllable)
    base = syllable.rstrip("12345")
    if tone == 5:
        # Zhuyin writes the neutral tone as a dot before the syllable.
        return "˙" + _BOPOMOFO.to_bopomofo(base).replace("˙", "")
    return _BOPOMOFO.to_bopomofo(f"{base}{tone}")


def format_syllables(syllables: list[str | None], style: PinyinStyle) -> list[str | None]:
    """Format each syllable of a token, keeping ``None`` for non-Han characters."""
    return [format_syllable(s, style) if s else None for s in syllables]
