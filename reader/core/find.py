"""Find in an article: by characters (学习), by pinyin with or without tones (xuexi, xue2xi2, xué xí), or by English.

A query with Chinese characters matches the article text in either script (学习 finds 學習 and the reverse).
A query of Latin letters is tried as pinyin first (read by :func:`reader.core.pinyin.query.parse_pinyin_query`):
it matches runs of whole syllables of the article's words (toneless unless the query gives tones); if it matches
nothing as pinyin, it is looked for in the English translations, where a hit marks its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reader.core.chars import has_han
from reader.core.model import Article
from reader.core.pinyin.query import PinyinQuery, match_pinyin_runs, parse_pinyin_query
from reader.core.script import fold


@dataclass(frozen=True, slots=True)
class FindMatch:
    """One match: a span of the article text; for an English hit also the span inside the sentence's English."""

    start: int
    end: int
    block: int
    sentence: int
    translation_span: tuple[int, int] | None = None  # offsets in the sentence's translation


def find_in_article(article: Article, query: str) -> list[FindMatch]:
    """All matches of ``query`` in ``article``, in reading order (see the module docstring)."""
    query = query.strip()
    if not query:
        return []
    if has_han(query):
        return _find_text(article, query)
    pinyin = parse_pinyin_query(query)
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


def _find_pinyin(article: Article, query: PinyinQuery) -> list[FindMatch]:
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
