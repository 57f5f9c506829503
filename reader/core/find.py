"""Find in an article: by characters (学习), by pinyin with or without tones (xuexi, xue2xi2, xué xí), or by English.

A query with Chinese characters matches the article text in either script (学习 finds 學習 and the reverse).
A query of Latin letters is tried as pinyin first: it matches runs of whole syllables of the article's words
(toneless unless the query gives tones); if it matches nothing as pinyin, it is looked for in the English
translations, where a hit marks its sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reader.core.chars import has_han
from reader.core.model import Article
from reader.core.script import fold

_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


@dataclass(frozen=True, slots=True)
class FindMatch:
    """One match: a span of the article text; for an English hit also the span inside the sentence's English."""

    start: int
    end: int
    block: int
    sentence: int
    translation_span: tuple[int, int] | None = None  # offsets in the sentence's translation


@dataclass(frozen=True, slots=True)
class _Syllable:
    base: str  # toneless, lower case, ü as v
    tone: str  # "1".."5"


def parse_pinyin(query: str) -> list[_Syllable] | None:
    """Split a pinyin query into syllables with optional tones; ``None`` if it is not pinyin-like.

    Accepts ``xuexi`` (no syllable boundaries: any split is tried later, so this returns one pseudo-syllable per
    letter run), ``xue2 xi2``, ``xue2xi2`` and ``xué xí``. Letters only, with digits 1–5 and tone marks.
    """
    text = unicodedata.normalize("NFD", query.strip().lower()).replace("ü", "v").replace("u\u0308", "v")
    if not text or not re.fullmatch(r"[a-z\u0300-\u030c\u0308\s1-5':]+", text):
        return None
    syllables: list[_Syllable] = []
    for chunk in re.findall(r"[a-z\u0300-\u030c:]+[1-5]?", text.replace("'", " ")):
        tone = chunk[-1] if chunk[-1].isdigit() else ""
        letters = chunk.rstrip("12345")
        for mark, number in _TONE_MARKS.items():
            if mark in letters:
                tone = number
                letters = letters.replace(mark, "")
        letters = letters.replace("u:", "v").replace(":", "")
        syllables.append(_Syllable(letters, tone))
    return syllables or None


def find_in_article(article: Article, query: str) -> list[FindMatch]:
    """All matches of ``query`` in ``article``, in reading order (see the module docstring)."""
    query = query.strip()
    if not query:
        return []
    if has_han(query):
        return _find_text(article, query)
    pinyin = parse_pinyin(query)
    if pinyin is not None:
        matches = _find_pinyin(article, pinyin)
        if matches:
            return matches
    return _find_english(article, query)


def _find_text(article: Article, query: str) -> list[FindMatch]:
    # Both sides folded to simplified, one character for one, so 学习 finds 學習 at the same offsets.
    query = fold(query)
    matches = []
    for block_index, block in enumerate(article.blocks):
        text = _folded(block.text)
        position = text.find(query)
        while position >= 0:
            start = block.start + position
            sentence = next(
                (i for i, s in enumerate(block.sentences) if s.start <= start < s.end), len(block.sentences) - 1
            )
            matches.append(FindMatch(start, start + len(query), block_index, sentence))
            position = text.find(query, position + 1)
    return matches


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    """A paragraph folded for Find; cached because Find runs on the GUI thread at every pause in typing."""
    return fold(text)


def _find_pinyin(article: Article, query: list[_Syllable]) -> list[FindMatch]:
    """Match runs of syllables whose letters spell the query (tones checked where the query gives them)."""
    matches = []
    for block_index, block in enumerate(article.blocks):
        for sentence_index, sentence in enumerate(block.sentences):
            chars: list[tuple[int, str, str]] = []  # (offset, toneless syllable, tone) per Han character
            for token in sentence.tokens:
                if token.pinyin is None:
                    chars.append((-1, "", ""))  # a non-Han token breaks a run
                    continue
                for index, syllable in enumerate(token.pinyin):
                    if syllable:
                        chars.append((token.start + index, syllable[:-1].lower(), syllable[-1]))
                    else:
                        chars.append((-1, "", ""))
            for start, end in match_pinyin_runs(chars, query):
                matches.append(FindMatch(start, end, block_index, sentence_index))
    return matches


def match_pinyin_runs(chars: Sequence[tuple[int, str, str]], query: Sequence[_Syllable]) -> list[tuple[int, int]]:
    """Find runs of characters whose syllables spell ``query``; return (offset of the first, offset past the last).

    ``chars`` gives, per character, its offset (-1 for a character without pinyin, which breaks a run), its
    toneless syllable and its tone digit. Library search matches its pinyin index with the same rule as Find.
    """
    letters = "".join(s.base for s in query)
    tones = [(s.base, s.tone) for s in query]
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
                if _tones_match(chars[first : last + 1], tones):
                    runs.append((chars[first][0], chars[last][0] + 1))
                break
    return runs


def _tones_match(chars: Sequence[tuple[int, str, str]], query: list[tuple[str, str]]) -> bool:
    """True unless the query gives tones that differ from the text's, syllable by syllable."""
    if not any(tone for _, tone in query):
        return True
    if len(query) != len(chars):
        return False  # tones given but syllables not separated the same way
    return all(not tone or tone == char_tone for (_, tone), (_, _, char_tone) in zip(query, chars, strict=True))


def _find_english(article: Article, query: str) -> list[FindMatch]:
    needle = query.lower()
    matches = []
    for block_index, block in enumerate(article.blocks):
        for sentence_index, sentence in enumerate(block.sentences):
            english = (sentence.translation or "").lower()
            position = english.find(needle)
            while position >= 0:
                span = (position, position + len(needle))
                matches.append(FindMatch(sentence.start, sentence.end, block_index, sentence_index, span))
                position = english.find(needle, position + 1)
    return matches
