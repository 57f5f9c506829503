"""Turn an English query into search keys for the dictionary's sense index.

Pinyin queries are parsed by :func:`reader.core.pinyin.query.parse_pinyin_query`, the one parser of typed pinyin.
"""

from __future__ import annotations

import re

from reader.core.dictionary.build import STOPWORDS, sense_keys

_ENGLISH_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


def english_query_terms(query: str) -> list[str]:
    """The words of an English query worth searching for (``"to learn"`` → ``["learn"]``)."""
    words = _ENGLISH_WORD.findall(query.lower())
    terms = [w for w in words if w not in STOPWORDS]
    return terms or words


def normalise_english(text: str) -> str:
    """A query reduced for comparison with :func:`~reader.core.dictionary.build.sense_keys`."""
    keys = sense_keys(text)
    return max(keys, key=len) if keys else ""
