"""Turn what a learner types into search keys: pinyin with or without tones, English words.

Pinyin queries may use tone numbers (``xue2xi2``), tone marks (``xué xí``), no tones (``xuexi``), ``v``, ``u:`` or
``ü`` for ü, spaces or apostrophes between syllables. A query becomes its toneless letters (the indexed key) plus
tone constraints that are checked against each candidate entry's syllables.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reader.core.dictionary.build import STOPWORDS, sense_keys

#: Combining marks of the four tones (after NFD decomposition of ``á``, ``ǎ``…).
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_SEPARATORS = re.compile(r"[\s'’\-·]+")
_ENGLISH_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


@dataclass(frozen=True, slots=True)
class ToneConstraint:
    """A tone the query fixes: at letter ``index`` of the toneless key.

    ``at_end`` is true for a tone number (the syllable must end just before ``index``); a tone mark sits on a
    letter inside the syllable (``index`` is that letter).
    """

    index: int
    tone: int
    at_end: bool


@dataclass(frozen=True, slots=True)
class PinyinQuery:
    """A parsed pinyin query: the toneless key (``xuexi``), the tones it asks for, and where the learner put a
    space or apostrophe (``xi'an``: a syllable ends after ``xi``)."""

    key: str
    tones: tuple[ToneConstraint, ...]
    boundaries: tuple[int, ...] = ()

    def matches(self, syllables: tuple[str, ...]) -> bool:
        """True if an entry with these tone-number syllables satisfies every tone and boundary of the query."""
        if not self.tones and not self.boundaries:
            return True
        spans: list[tuple[int, int, int]] = []  # (start, end, tone) of each syllable in the key
        position = 0
        for syllable in syllables:
            if not syllable[:1].isalpha():
                continue
            letters = syllable.lower().rstrip("12345")
            tone = int(syllable[-1]) if syllable[-1:].isdigit() else 5
            spans.append((position, position + len(letters), tone))
            position += len(letters)
        ends = {end for _, end, _ in spans}
        if any(boundary not in ends for boundary in self.boundaries):
            return False
        return all(any(_satisfies(constraint, span) for span in spans) for constraint in self.tones)


def _satisfies(constraint: ToneConstraint, span: tuple[int, int, int]) -> bool:
    start, end, tone = span
    if constraint.at_end:
        return end == constraint.index and tone == constraint.tone
    return start <= constraint.index < end and tone == constraint.tone


def parse_pinyin_query(query: str) -> PinyinQuery | None:
    """Parse a pinyin query; ``None`` if it holds anything but Latin letters, tones and separators."""
    text = unicodedata.normalize("NFD", query.strip().lower())
    text = text.replace("u:", "v").replace("u\u0308", "v")
    key: list[str] = []
    tones: list[ToneConstraint] = []
    boundaries: list[int] = []
    for char in _SEPARATORS.sub(" ", text):
        if char == " ":
            if key:
                boundaries.append(len(key))
            continue
        if char in _TONE_MARKS:
            if not key:
                return None
            tones.append(ToneConstraint(len(key) - 1, _TONE_MARKS[char], at_end=False))
        elif char in "12345":
            if not key:
                return None
            tones.append(ToneConstraint(len(key), int(char), at_end=True))
        elif "a" <= char <= "z":
            key.append(char)
        else:
            return None
    if not key:
        return None
    return PinyinQuery("".join(key), tuple(tones), tuple(b for b in boundaries if b < len(key)))


def english_query_terms(query: str) -> list[str]:
    """The words of an English query worth searching for (``"to learn"`` → ``["learn"]``)."""
    words = _ENGLISH_WORD.findall(query.lower())
    terms = [w for w in words if w not in STOPWORDS]
    return terms or words


def normalise_english(text: str) -> str:
    """A query reduced for comparison with :func:`~reader.core.dictionary.build.sense_keys`."""
    keys = sense_keys(text)
    return max(keys, key=len) if keys else ""
