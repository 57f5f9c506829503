"""Readings typed by a learner (``yín háng``, ``yin2hang2``, ``Xi'an``) turned into Reader's stored form.

Reader stores a word's reading as lowercase tone-number syllables separated by single spaces (``yin2 hang2``,
``lv4``, neutral tone ``de5``), the form :class:`~reader.core.model.Token` uses per character. This module parses
what people type, checks it against the word, and derives the variants the deck's search matches (with and
without tones, with tone marks).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

from reader.core.chars import is_han
from reader.core.errors import InputError

_NUMBERED_SYLLABLE = re.compile(r"[a-zv]+[1-5]")
_NUMBERED_TOKEN = re.compile(r"(?:[a-zv]+[1-5])+")
_PLAIN_TOKEN = re.compile(r"[a-zv]+")
_SEPARATORS = re.compile(r"[\s'’\-·,;/]+")
#: Longest pinyin syllable without tone (``zhuang``, ``shuang``).
_MAX_SYLLABLE = 6


def syllables_of(token_pinyin: Sequence[str | None] | None) -> str:
    """Join a token's per-character syllables (``["yin2", "hang2"]``) into a stored reading (``yin2 hang2``)."""
    if not token_pinyin:
        return ""
    return " ".join(s for s in token_pinyin if s)


def parse_reading(text: str, word: str = "") -> str:
    """Return ``text`` as a stored reading: lowercase tone-number syllables joined by spaces.

    Accepts tone numbers (``yin2hang2``, ``yin2 hang2``), tone marks (``yínháng``, ``yín háng``), ``ü`` written
    ``ü``, ``v`` or ``u:``, and syllables without a tone (read as neutral, ``de`` → ``de5``) when separated by
    spaces. When ``word`` is given and is all Chinese characters, the number of syllables must match.
    Raises :class:`InputError` with one sentence if the reading cannot be understood.
    """
    cleaned = unicodedata.normalize("NFC", text).strip().lower().replace("u:", "v")
    if not cleaned:
        raise InputError("The reading is empty.")
    syllables: list[str] = []
    for chunk in _SEPARATORS.split(cleaned):
        if chunk:
            syllables.extend(_parse_chunk(chunk, text))
    han = [char for char in word if is_han(char)]
    if word and han and len(han) == len(word) and len(syllables) != len(han):
        raise InputError(f"The reading “{text}” has {len(syllables)} syllables but {word} has {len(han)} characters.")
    return " ".join(syllables)


def _parse_chunk(chunk: str, original: str) -> list[str]:
    """Split one space-free piece of a reading into tone-number syllables."""
    if _NUMBERED_TOKEN.fullmatch(chunk):
        return _NUMBERED_SYLLABLE.findall(chunk)
    plain = _strip_marks(chunk)
    if not _PLAIN_TOKEN.fullmatch(plain):
        raise InputError(f"The reading “{original}” is not pinyin (use tone numbers like yin2 hang2).")
    if plain == chunk:
        if plain in _syllable_inventory():
            return [plain + "5"]
        raise InputError(f"The reading “{original}” has no tones; write them as numbers (yin2 hang2) or marks.")
    spans = _split_syllables(plain, [_strip_marks(char) != char.replace("ü", "v") for char in chunk])
    if spans is None:
        raise InputError(f"The reading “{original}” is not pinyin; separate its syllables with spaces.")
    return [_numbered(chunk[start:end]) for start, end in spans]


def _strip_marks(text: str) -> str:
    """Remove tone marks, keeping ``ü`` as ``v`` (``lǜ`` → ``lv``)."""
    decomposed = unicodedata.normalize("NFD", text.replace("ü", "v").replace("Ü", "v"))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char) or char == "\u0308")
    return unicodedata.normalize("NFC", stripped).replace("ü", "v").replace("u\u0308", "v")


def _numbered(syllable: str) -> str:
    """Turn one tone-marked syllable (``háng``, ``lǜ``) into tone-number form (``hang2``, ``lv4``)."""
    from pypinyin.contrib.tone_convert import to_tone3

    numbered = to_tone3(syllable, v_to_u=False, neutral_tone_with_five=True).replace("ü", "v")
    return numbered if numbered[-1:].isdigit() else numbered + "5"


def _split_syllables(plain: str, marked: Sequence[bool]) -> list[tuple[int, int]] | None:
    """Split toneless pinyin into syllables (``yinhang`` → ``yin|hang``), preferring fewer, longer syllables.

    ``marked`` flags the letters that carried a tone mark; a syllable holds at most one (``xīān`` → ``xī|ān``).
    Offsets refer to ``plain``, which has the same length as the tone-marked text it came from (NFC letters).
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

    syllables: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            syllables.add(_strip_marks(reading))
    return frozenset(s for s in syllables if _PLAIN_TOKEN.fullmatch(s))


def reading_with_marks(reading: str) -> str:
    """Write a stored reading with tone marks (``yin2 hang2`` → ``yín háng``; neutral tone unmarked)."""
    return " ".join(syllable_with_marks(syllable) for syllable in reading.split())


@cache
def syllable_with_marks(syllable: str) -> str:
    """Write one tone-number syllable with its tone mark (``lv4`` → ``lǜ``); cached, pypinyin imported lazily."""
    from pypinyin.contrib.tone_convert import to_tone

    return str(to_tone(syllable))


def search_forms(reading: str) -> str:
    """Return the forms of a stored reading the deck's search matches, separated by ``|``.

    ``yin2 hang2`` gives ``yin2hang2|yinhang|yínháng``; readings with ``ü`` also get ``u`` forms (``lv4`` →
    ``lv4|lv|lǜ|lu4|lu``), since many people type ``lu`` for ``lǜ``.
    """
    syllables = reading.split()
    numbered = "".join(syllables)
    plain = "".join(s.rstrip("12345") for s in syllables)
    marked = "".join(syllable_with_marks(s) for s in syllables)
    forms = [numbered, plain, marked]
    if "v" in plain:
        forms += [numbered.replace("v", "u"), plain.replace("v", "u")]
    return "|".join(dict.fromkeys(forms))


def search_pattern(query: str) -> str | None:
    """Return the form of a Latin search query to look for in :func:`search_forms` (``None`` if not pinyin-like).

    Spaces and apostrophes are dropped, ``ü``/``u:`` become ``v`` (tone-marked queries keep ``ü``), so that
    ``Yin hang``, ``yin2 hang2`` and ``yínháng`` all find 银行.
    """
    cleaned = unicodedata.normalize("NFC", query).strip().lower().replace("u:", "v")
    compact = _SEPARATORS.sub("", cleaned)
    if not compact:
        return None
    has_marks = _strip_marks(compact) != compact.replace("ü", "v")
    if has_marks:
        return compact
    compact = compact.replace("ü", "v")
    return compact if re.fullmatch(r"[a-zv1-5]+", compact) else None


def readings_of(tokens: Iterable[Sequence[str | None] | None]) -> list[str]:
    """Turn the per-character pinyin lists of several tokens into stored readings."""
    return [syllables_of(token) for token in tokens]
