"""What the pinyin engine and its rules ask a dictionary: readings, tags, surnames, frequency ranks.

:class:`ReadingSource` is the interface (the compiled :class:`~reader.core.dictionary.Dictionary` implements it);
:class:`PypinyinReadings` answers from pypinyin's own tables, for use without the compiled dictionary.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from reader.core.pinyin.styles import marks_to_numbers


class ReadingSource(Protocol):
    """Where the engine finds readings: :class:`~reader.core.dictionary.Dictionary`, or pypinyin's tables."""

    @property
    def generation(self) -> int:
        """Changes when the data changes (the engine then forgets its caches)."""
        ...

    def common_readings(self, word: str) -> tuple[tuple[str, ...], ...]:
        """Readings of the word's common entries (lower-case tone numbers, one per character), usual first."""
        ...

    def name_readings(self, word: str) -> tuple[tuple[str, ...], ...]:
        """Readings found only in the word's proper-noun entries."""
        ...

    def char_prior(self, char: str) -> tuple[str, ...]:
        """A character's readings ordered by how often it takes them inside words."""
        ...

    def reading_kinds(self, word: str) -> tuple[str, ...]:
        """For each common reading, what its senses make it (``v`` verb, ``m`` measure word)."""
        ...

    def surname_reading(self, char: str) -> str | None:
        """The character's reading as a surname, if it is one."""
        ...

    def tag(self, word: str) -> str | None:
        """jieba's part-of-speech tag for ``word``."""
        ...

    def char_rank(self, char: str) -> int | None:
        """The character's rank by frequency (1 = most frequent), ``None`` if unknown."""
        ...


class PypinyinReadings:
    """A :class:`ReadingSource` built from pypinyin's own tables, for use without the compiled dictionary."""

    generation = 0

    def common_readings(self, word: str) -> tuple[tuple[str, ...], ...]:
        """pypinyin's phrase reading of a word, or each reading of a character, usual first."""
        return pypinyin_readings(word)

    def name_readings(self, word: str) -> tuple[tuple[str, ...], ...]:
        """pypinyin has no separate name readings."""
        return ()

    def char_prior(self, char: str) -> tuple[str, ...]:
        """pypinyin's readings of the character, usual first."""
        return tuple(r[0] for r in pypinyin_readings(char))

    def reading_kinds(self, word: str) -> tuple[str, ...]:
        """pypinyin does not say what a reading is."""
        return ("",) * len(pypinyin_readings(word))

    def surname_reading(self, char: str) -> str | None:
        """pypinyin does not mark surnames."""
        return None

    def tag(self, word: str) -> str | None:
        """pypinyin has no part-of-speech tags."""
        return None

    def char_rank(self, char: str) -> int | None:
        """pypinyin has no character frequencies (its own readings are the usual ones anyway)."""
        return None


@lru_cache(maxsize=65536)
def pypinyin_readings(word: str) -> tuple[tuple[str, ...], ...]:
    """pypinyin's readings of ``word`` in tone numbers: its phrase reading, or each reading of a character."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    if len(word) == 1:
        found = PINYIN_DICT.get(ord(word))
        return tuple((marks_to_numbers(r),) for r in found.split(",")) if found else ()
    phrase = PHRASES_DICT.get(word)
    if phrase and len(phrase) == len(word):
        return (tuple(marks_to_numbers(options[0]) for options in phrase),)
    return ()
