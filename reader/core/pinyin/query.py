"""The one parser of pinyin a learner types: search boxes, Find in an article, a corrected reading.

What people type may use tone numbers (``xue2xi2``), tone marks (``xué xí``), no tones (``xuexi``), ``v``, ``u:`` or
``ü`` for ü, capitals, and spaces, apostrophes or hyphens between syllables (``Xi'an``). :func:`parse_pinyin_query`
reads it once into a :class:`PinyinQuery`: the toneless letters (the key an index holds), the tones it asks for and
where the learner marked a syllable boundary. Every caller works from that:

- the dictionary's pinyin search looks the key up and keeps entries the query :meth:`~PinyinQuery.matches`;
- Find and library search match runs of whole syllables (:func:`match_pinyin_runs`);
- the deck turns a typed reading into its stored form (:func:`parse_reading`) and a search box into the pattern its
  index holds (:func:`search_pattern`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reader.core.chars import is_han
from reader.core.errors import InputError

#: Combining marks of the four tones (after NFD decomposition of ``á``, ``ǎ``…).
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_SEPARATORS = re.compile(r"[\s'’\-·,;/]+")
_LETTERS = re.compile(r"[a-zv]+")
#: Longest pinyin syllable without tone (``zhuang``, ``shuang``).
_MAX_SYLLABLE = 6


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

    def matches(self, syllables: Sequence[str]) -> bool:
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

    @property
    def marked(self) -> bool:
        """True if the learner typed a tone mark (not only tone numbers)."""
        return any(not constraint.at_end for constraint in self.tones)


def _satisfies(constraint: ToneConstraint, span: tuple[int, int, int]) -> bool:
    """True if one syllable's span and tone satisfy one tone constraint."""
    start, end, tone = span
    if constraint.at_end:
        return end == constraint.index and tone == constraint.tone
    return start <= constraint.index < end and tone == constraint.tone


def parse_pinyin_query(query: str) -> PinyinQuery | None:
    """Parse typed pinyin; ``None`` if it holds anything but Latin letters, tones and separators."""
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


def match_pinyin_runs(chars: Sequence[tuple[int, str, str]], query: PinyinQuery) -> list[tuple[int, int]]:
    """Find runs of characters whose syllables spell ``query``; return (offset of the first, offset past the last).

    ``chars`` gives, per character, its offset (-1 for a character without pinyin, which breaks a run), its
    toneless syllable and its tone digit. A run must spell the key with whole syllables and satisfy the query's
    tones and boundaries. Find and library search both match with this rule.
    """
    letters = query.key
    runs = []
    for first in range(len(chars)):
        spelled = ""
        for last in range(first, len(chars)):
            offset, base, _ = chars[last]
            if offset < 0:
                break
            spelled += base
            if not letters.startswith(spelled):
                break
            if spelled == letters:
                if query.matches([base + tone for _, base, tone in chars[first : last + 1]]):
                    runs.append((chars[first][0], chars[last][0] + 1))
                break
    return runs


def search_pattern(query: str) -> str | None:
    """Return the form of a Latin search query to look for in the deck's search forms (``None`` if not pinyin-like).

    Spaces and apostrophes are dropped and letters lowered; ``ü``/``u:`` become ``v`` unless the query carries tone
    marks (those are matched against the tone-marked form, which keeps ``ü``), so that ``Yin hang``, ``yin2 hang2``
    and ``yínháng`` all find 银行 (see :func:`reader.core.pinyin.readings.search_forms`).
    """
    parsed = parse_pinyin_query(query)
    if parsed is None:
        return None
    if parsed.marked:
        return _SEPARATORS.sub("", unicodedata.normalize("NFC", query).strip().lower())
    digits = {constraint.index: str(constraint.tone) for constraint in parsed.tones}
    return "".join(digits.get(index, "") + letter for index, letter in enumerate(parsed.key)) + digits.get(
        len(parsed.key), ""
    )


def parse_reading(text: str, word: str = "") -> str:
    """Return typed pinyin as a stored reading: lowercase tone-number syllables joined by spaces (``yin2 hang2``).

    Accepts tone numbers (``yin2hang2``, ``yin2 hang2``), tone marks (``yínháng``, ``yín háng``), ``ü`` written
    ``ü``, ``v`` or ``u:``, and syllables without a tone (read as neutral, ``de`` → ``de5``) when separated by
    spaces. When ``word`` is given and is all Chinese characters, the number of syllables must match.
    Raises :class:`InputError` with one sentence if the reading cannot be understood.
    """
    if not text.strip():
        raise InputError("The reading is empty.")
    parsed = parse_pinyin_query(text)
    if parsed is None:
        raise InputError(f"The reading “{text}” is not pinyin (use tone numbers like yin2 hang2).")
    syllables: list[str] = []
    starts = [0, *parsed.boundaries]
    ends = [*parsed.boundaries, len(parsed.key)]
    for start, end in zip(starts, ends, strict=True):
        syllables.extend(_piece_syllables(parsed, start, end, text))
    han = [char for char in word if is_han(char)]
    if word and han and len(han) == len(word) and len(syllables) != len(han):
        raise InputError(f"The reading “{text}” has {len(syllables)} syllables but {word} has {len(han)} characters.")
    return " ".join(syllables)


def _piece_syllables(parsed: PinyinQuery, start: int, end: int, original: str) -> list[str]:
    """Split the letters ``start:end`` of a parsed reading (one piece between separators) into stored syllables."""
    letters = parsed.key[start:end]
    numbers = {c.index: c.tone for c in parsed.tones if c.at_end and start < c.index <= end}
    marks = {c.index: c.tone for c in parsed.tones if not c.at_end and start <= c.index < end}
    if numbers and not marks and end in numbers:
        # Tone numbers end every syllable: the numbers cut the piece (any letters, as CC-CEDICT's r5 or m2).
        cuts = [start, *sorted(numbers)]
        return [parsed.key[a:b] + str(numbers[b]) for a, b in itertools.pairwise(cuts)]
    if numbers:
        raise InputError(f"The reading “{original}” is not pinyin (use tone numbers like yin2 hang2).")
    if not marks:
        if letters in _syllable_inventory():
            return [letters + "5"]
        raise InputError(f"The reading “{original}” has no tones; write them as numbers (yin2 hang2) or marks.")
    spans = _split_syllables(letters, [start + index in marks for index in range(len(letters))])
    if spans is None:
        raise InputError(f"The reading “{original}” is not pinyin; separate its syllables with spaces.")
    tones = [next((marks[start + i] for i in range(a, b) if start + i in marks), 5) for a, b in spans]
    return [letters[a:b] + str(tone) for (a, b), tone in zip(spans, tones, strict=True)]


def _split_syllables(plain: str, marked: Sequence[bool]) -> list[tuple[int, int]] | None:
    """Split toneless pinyin into syllables (``yinhang`` → ``yin|hang``), preferring fewer, longer syllables.

    ``marked`` flags the letters that carried a tone mark; a syllable holds at most one (``xīān`` → ``xī|ān``).
    """
    inventory = _syllable_inventory()
    best: list[list[tuple[int, int]] | None] = [None] * (len(plain) + 1)
    best[0] = []
    for end in range(1, len(plain) + 1):
        for start in range(max(0, end - _MAX_SYLLABLE), end):
            previous = best[start]
            if previous is None or plain[start:end] not in inventory or sum(marked[start:end]) > 1:
                continue
            candidate = [*previous, (start, end)]
            current = best[end]
            if current is None or len(candidate) < len(current):
                best[end] = candidate
    return best[len(plain)]


@cache
def _syllable_inventory() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows (about 420), ``ü`` written ``v``."""
    from pypinyin.pinyin_dict import pinyin_dict

    marked = {reading for readings in pinyin_dict.values() for reading in readings.split(",")}
    syllables: set[str] = set()
    for reading in marked:
        parsed = parse_pinyin_query(reading)
        if parsed is not None and not parsed.boundaries:
            syllables.add(parsed.key)
    return frozenset(s for s in syllables if _LETTERS.fullmatch(s))
