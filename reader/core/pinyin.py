"""Pinyin for the tokens of a sentence, one tone-number syllable per Han character.

This is the baseline: pypinyin once per word, with its phrase dictionary. Contextual disambiguation
(dictionary readings, particles, resultative complements) plugs in behind the same :meth:`annotate` method.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from reader.core.chars import is_han


class PinyinEngine:
    """Give each Han character of each token its reading in tone-number form (``hang2``, ``de5``, ``lv4``)."""

    def annotate(self, tokens: Sequence[str]) -> list[list[str | None] | None]:
        """Return, per token, one syllable per character (``None`` for non-Han), or ``None`` without Han."""
        return [_word_pinyin(token) for token in tokens]


@lru_cache(maxsize=65536)
def _word_pinyin(token: str) -> list[str | None] | None:
    if not any(is_han(char) for char in token):
        return None
    result: list[str | None] = []
    run = ""
    for char in token:
        if is_han(char):
            run += char
            continue
        if run:
            result.extend(_han_run(run))
            run = ""
        result.append(None)
    if run:
        result.extend(_han_run(run))
    return result


def _han_run(run: str) -> list[str | None]:
    syllables = lazy_pinyin(run, style=Style.TONE3, neutral_tone_with_five=True, errors="default")
    if len(syllables) != len(run):
        return [None] * len(run)
    return [s if s and s[-1].isdigit() else None for s in syllables]
