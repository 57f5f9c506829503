"""Stored readings: a word's pinyin as Reader keeps it, and the forms the deck's search matches.

Reader stores a word's reading as lowercase tone-number syllables separated by single spaces (``yin2 hang2``,
``lv4``, neutral tone ``de5``), the form :class:`~reader.core.model.Token` uses per character. What a learner types
is parsed by :func:`reader.core.pinyin.query.parse_reading`; readings are written for display by
:func:`reader.core.pinyin.styles.format_reading`.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.pinyin.styles import PinyinStyle, format_syllable


def syllables_of(token_pinyin: Sequence[str | None] | None) -> str:
    """Join a token's per-character syllables (``["yin2", "hang2"]``) into a stored reading (``yin2 hang2``)."""
    if not token_pinyin:
        return ""
    return " ".join(s for s in token_pinyin if s)


def search_forms(reading: str) -> str:
    """Return the forms of a stored reading the deck's search matches, separated by ``|``.

    ``yin2 hang2`` gives ``yin2hang2|yinhang|yínháng``; readings with ``ü`` also get ``u`` forms (``lv4`` →
    ``lv4|lv|lǜ|lu4|lu``), since many people type ``lu`` for ``lǜ``. The patterns searched for come from
    :func:`reader.core.pinyin.query.search_pattern`.
    """
    syllables = reading.split()
    numbered = "".join(syllables)
    plain = "".join(s.rstrip("12345") for s in syllables)
    marked = "".join(format_syllable(s, PinyinStyle.MARKS) for s in syllables)
    forms = [numbered, plain, marked]
    if "v" in plain:
        forms += [numbered.replace("v", "u"), plain.replace("v", "u")]
    return "|".join(dict.fromkeys(forms))
