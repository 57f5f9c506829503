"""Offline Chinese–English dictionary: CC-CEDICT, HSK 3.0 levels, frequency ranks, character decompositions.

Build one :class:`Dictionary` per application (``Dictionary.for_paths(paths)``) and pass it to whoever needs it:
the analyser (``contains``), the pinyin engine (``word_readings``), the segmenter (``segmenter_words``), the word
pop-up (``lookup``, ``reading_groups``, ``characters``, ``longest_match``), the search box (``search_pinyin``,
``search_english``) and the deck (``hsk_level``, ``hsk_words``). Data credits are in ``CREDITS.md``.
"""

from __future__ import annotations

from reader.core.dictionary.build import SCHEMA_VERSION, Progress
from reader.core.dictionary.dictionary import Dictionary
from reader.core.dictionary.entries import (
    HSK_BAND,
    CharacterInfo,
    Decomposition,
    DictionaryInfo,
    Entry,
    HskWord,
    Match,
    ReadingGroup,
    hsk_label,
)
from reader.core.dictionary.errors import DictionaryError

__all__ = [
    "HSK_BAND",
    "SCHEMA_VERSION",
    "CharacterInfo",
    "Decomposition",
    "Dictionary",
    "DictionaryError",
    "DictionaryInfo",
    "Entry",
    "HskWord",
    "Match",
    "Progress",
    "ReadingGroup",
    "hsk_label",
]
