"""The offline dictionary: CC-CEDICT with HSK levels, frequency ranks and character decompositions.

The raw data is compiled once into an SQLite index in the cache folder (:mod:`reader.core.dictionary.build`);
every later start only opens it. :meth:`Dictionary.open` compiles when needed and reports progress, so the GUI
calls it on a worker thread at start-up; any other method opens (and if need be compiles) on first use.

One connection is shared by all threads behind a lock: lookups take tens of microseconds, and the pinyin engine
and the analyser's ``contains`` go through per-word caches.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader.core.atomic import replace_file
from reader.core.chars import is_han
from reader.core.dictionary.build import SCHEMA_VERSION, Progress
from reader.core.dictionary.cedict import check_cedict_file
from reader.core.dictionary.compile_process import CompileJob, compile_in_child
from reader.core.dictionary.entries import (
    HSK_BAND,
    CharacterInfo,
    Decomposition,
    DictionaryInfo,
    Entry,
    HskWord,
    Match,
    ReadingGroup,
)
from reader.core.dictionary.errors import DictionaryError
from reader.core.dictionary.query import english_query_terms, normalise_english
from reader.core.dictionary.sources import DataSources, bundled_sources
from reader.core.paths import UserPaths
from reader.core.pinyin.query import parse_pinyin_query

log = logging.getLogger(__name__)

#: Longest headword :meth:`Dictionary.longest_match` tries (CC-CEDICT's longest useful entries are idioms).
MAX_WORD_LENGTH = 16
#: Changes whenever the choice of words given to the segmenter changes (part of :attr:`Dictionary.words_key`).
SEGMENTER_WORDS_VERSION = 1
_ENTRY_COLUMNS = "id, simplified, traditional, pinyin, senses, hsk, frequency_rank"
_CACHE_SIZE = 200_000


class Dictionary:
    """CC-CEDICT lookups, pinyin and English search, HSK levels and character facts, from a compiled index.

    ``index_path`` is where the compiled index lives; ``user_source`` is where a CC-CEDICT file the learner
    loaded is kept (used instead of the bundled one when it exists). Build it with :meth:`for_paths`.
    """

    def __init__(self, index_path: Path, user_source: Path, *, sources: DataSources | None = None) -> None:
        self.index_path = index_path
        self.user_source = user_source
        self._sources = sources
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        self._generation = 0
        self._contains = lru_cache(maxsize=_CACHE_SIZE)(self._contains_uncached)
        self._facts = lru_cache(maxsize=_CACHE_SIZE)(self._facts_uncached)
        self._prior = lru_cache(maxsize=_CACHE_SIZE)(self._prior_uncached)
        self._tag = lru_cache(maxsize=_CACHE_SIZE)(self._tag_uncached)
        self._rank = lru_cache(maxsize=_CACHE_SIZE)(self._rank_uncached)

    @classmethod
    def for_paths(cls, paths: UserPaths) -> Dictionary:
        """The dictionary of a Reader data folder: index in the cache folder, loaded CC-CEDICT in ``dictionary/``."""
        return cls(paths.cache / f"dictionary-v{SCHEMA_VERSION}.sqlite", paths.home / "dictionary" / "cedict_ts.u8")

    # -- opening and compiling ---------------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        """A number that changes whenever the index is replaced (callers key their caches on it)."""
        return self._generation

    @property
    def ready(self) -> bool:
        """True once the index is open (lookups will not compile)."""
        return self._connection is not None

    def sources(self) -> DataSources:
        """The data the index is (to be) built from: the learner's CC-CEDICT file if loaded, else the bundled one."""
        sources = self._sources or bundled_sources()
        if self.user_source.is_file():
            return sources.with_cedict(self.user_source)
        return sources

    def fingerprint(self) -> str:
        """Identify the source files (size and modification time) and the schema; a change forces a rebuild."""
        sources = self.sources()
        return _fingerprint(sources, user_file=sources.cedict == self.user_source)

    @property
    def words_key(self) -> str:
        """Names the word list :meth:`segmenter_words` gives (the segmenter rebuilds its dictionary when it changes)."""
        return f"cedict-{self.fingerprint()}-{SEGMENTER_WORDS_VERSION}"

    def open(self, progress: Progress | None = None) -> None:
        """Open the index, compiling it first if it is missing, outdated or damaged; safe to call twice.

        ``progress(done, total)`` is called while compiling (several seconds on first run).
        """
        with self._lock:
            if self._connection is not None:
                return
            fingerprint = self.fingerprint()
            connection = self._connect_if_current(fingerprint)
            if connection is None:
                sources = self.sources()
                job = CompileJob(
                    self.index_path, sources, fingerprint, sources.cedict == self.user_source, str(sources.cedict)
                )
                compile_in_child(job, progress)
                connection = self._connect_if_current(fingerprint)
                if connection is None:
                    raise DictionaryError("The dictionary index could not be opened after building it.")
            self._connection = connection

    def needs_compile(self) -> bool:
        """True if opening the dictionary will compile its index first (first run, or new sources)."""
        with self._lock:
            if self._connection is not None:
                return False
            connection = self._connect_if_current(self.fingerprint())
            if connection is None:
                return True
            connection.close()
            return False

    def _connect_if_current(self, fingerprint: str) -> sqlite3.Connection | None:
        """Connect to the index if it exists and was built from the current sources; else ``None``."""
        if not self.index_path.is_file():
            return None
        try:
            connection = sqlite3.connect(
                f"{self.index_path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
            row = connection.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        except sqlite3.DatabaseError:
            log.warning("dictionary index %s is damaged; rebuilding it", self.index_path)
            return None
        if row is None or row[0] != fingerprint:
            connection.close()
            return None
        return connection

    def close(self) -> None:
        """Close the index (it reopens on the next lookup)."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _rows(self, sql: str, parameters: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            if self._connection is None:
                self.open()
            assert self._connection is not None
            return self._connection.execute(sql, tuple(parameters)).fetchall()

    def info(self) -> DictionaryInfo:
        """What the index was built from (source, CC-CEDICT version and date, size, build time)."""
        meta = dict(self._rows("SELECT key, value FROM meta"))
        return DictionaryInfo(
            entries=int(meta.get("entries", 0)),
            source=meta.get("source", ""),
            cedict_version=meta.get("cedict_version", ""),
            cedict_date=meta.get("cedict_date", ""),
            built_at=meta.get("built_at", ""),
            compile_seconds=float(meta.get("compile_seconds", 0.0)),
            user_file=meta.get("user_file") == "1",
        )

    # -- replacing the data ------------------------------------------------------------------------------------

    def replace_from_file(self, path: Path, progress: Progress | None = None) -> DictionaryInfo:
        """Check ``path`` is a CC-CEDICT file, compile it and swap it in; the old index stays if anything fails.

        Raises :class:`DictionaryError` (one sentence for the learner) for a file that is not CC-CEDICT or holds
        too few entries. The file is copied into the data folder, so it survives cache clean-ups and upgrades.
        Lookups keep answering from the old index while the new one compiles (run this on a worker thread).
        """
        path = Path(path)
        check_cedict_file(path)
        self.user_source.parent.mkdir(parents=True, exist_ok=True)
        fd, copy_name = tempfile.mkstemp(dir=self.user_source.parent, suffix=".tmp")
        os.close(fd)
        copy = Path(copy_name)
        staging = self.index_path.with_name(self.index_path.stem + "-new.sqlite")
        try:
            shutil.copyfile(path, copy)
            sources = (self._sources or bundled_sources()).with_cedict(copy)
            # The fingerprint uses size and modification time, which the rename below keeps.
            name = f"{path.name} (copied to {self.user_source})"
            compile_in_child(CompileJob(staging, sources, _fingerprint(sources, user_file=True), True, name), progress)
            with self._lock:
                self.close()
                replace_file(copy, self.user_source)
                replace_file(staging, self.index_path)
                self._forget()
                self.open()
        except OSError as exc:
            raise DictionaryError(f"The dictionary could not be replaced ({exc.strerror or exc}).") from exc
        finally:
            copy.unlink(missing_ok=True)
            staging.unlink(missing_ok=True)
        return self.info()

    def _forget(self) -> None:
        """Drop every cached answer (the index changed)."""
        self._contains.cache_clear()
        self._facts.cache_clear()
        self._prior.cache_clear()
        self._rank.cache_clear()
        self._tag.cache_clear()
        self._generation += 1

    # -- lookups -----------------------------------------------------------------------------------------------

    def contains(self, word: str) -> bool:
        """True if ``word`` (simplified or traditional) is a headword; cached, for every token of a text."""
        return self._contains(word)

    def _contains_uncached(self, word: str) -> bool:
        return bool(self._rows("SELECT 1 FROM words WHERE word = ?", (word,)))

    def lookup(self, word: str) -> list[Entry]:
        """All entries whose simplified or traditional headword is ``word``, most useful first.

        Common words come before names; among a character's readings the usual one comes first. Latin letters
        are matched regardless of case and width (``卡拉ok``, ``Ｔ恤``); an erhua form the dictionary lacks
        (``小孩儿``) falls back to the word without 儿.
        """
        word = word.strip()
        if not word:
            return []
        entries = self._lookup_exact(word)
        if entries:
            return entries
        normalised = _normalise_latin(word)
        if normalised != word:
            entries = self._lookup_exact(normalised)
            if entries:
                return entries
        if len(word) > 2 and word.endswith(("儿", "兒")):
            return self._lookup_exact(word[:-1])
        return []

    def _lookup_exact(self, word: str) -> list[Entry]:
        rows = self._rows(
            f"SELECT {_ENTRY_COLUMNS}, rank FROM entries WHERE simplified = ? "
            f"UNION SELECT {_ENTRY_COLUMNS}, rank FROM entries WHERE traditional = ? ORDER BY 8, 1",
            (word, word),
        )
        return [_entry(row) for row in rows]

    def reading_groups(self, word: str) -> list[ReadingGroup]:
        """The entries of :meth:`lookup` grouped by reading (行: ``xíng`` entries, then ``háng`` entries)."""
        groups: dict[tuple[str, ...], list[Entry]] = {}
        for entry in self.lookup(word):
            key = entry.reading_key
            groups.setdefault(key, []).append(entry)
        return [ReadingGroup(entries[0].syllables, tuple(entries)) for entries in groups.values()]

    def longest_match(self, text: str, position: int) -> Match | None:
        """The longest headword starting at ``position`` in ``text``, with its entries; ``None`` if none does.

        For a click on text the segmenter cut differently: the click's position finds the dictionary word there.
        """
        if not 0 <= position < len(text):
            return None
        candidates = [text[position : position + length] for length in range(1, MAX_WORD_LENGTH + 1)]
        candidates = list(dict.fromkeys(candidates))
        marks = ", ".join("?" * len(candidates))
        found = {row[0] for row in self._rows(f"SELECT word FROM words WHERE word IN ({marks})", candidates)}
        for candidate in reversed(candidates):
            if candidate in found:
                return Match(candidate, position, position + len(candidate), tuple(self._lookup_exact(candidate)))
        return None

    def search_pinyin(self, query: str, limit: int = 50) -> list[Entry]:
        """Entries read as ``query``: ``xuexi``, ``xue2xi2``, ``xué xí`` (tones optional, per syllable).

        Common and frequent words come first. If nothing is read exactly so, words starting with the query.
        """
        parsed = parse_pinyin_query(query)
        if parsed is None:
            return []
        order = "ORDER BY proper, frequency_rank IS NULL, frequency_rank, hsk IS NULL, length(simplified), id"
        rows = self._rows(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE toneless = ? {order}", (parsed.key,))
        entries = [e for e in map(_entry, rows) if parsed.matches(e.syllables)]
        if not entries:
            rows = self._rows(
                f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE toneless > ? AND toneless < ? {order} LIMIT ?",
                (parsed.key, parsed.key + "{", limit * 4),
            )
            entries = [e for e in map(_entry, rows) if parsed.matches(e.syllables)]
        return entries[:limit]

    def search_english(self, query: str, limit: int = 50) -> list[Entry]:
        """Entries whose senses contain every word of ``query`` (``learn``, ``to learn``, ``train station``).

        Entries with a sense that is exactly the query come first, then senses where the words are the main
        words, then common and frequent words.
        """
        terms = english_query_terms(query)
        if not terms:
            return []
        marks = " INTERSECT ".join("SELECT entry_id FROM english WHERE term = ?" for _ in terms)
        rows = self._rows(
            f"SELECT {_ENTRY_COLUMNS}, proper, (SELECT sum(score) FROM english x WHERE x.entry_id = e.id "
            f"AND x.term IN ({', '.join('?' * len(terms))})) AS score FROM entries e WHERE id IN ({marks})",
            [*terms, *terms],
        )
        wanted = normalise_english(query)

        def rank(row: tuple[Any, ...]) -> tuple[Any, ...]:
            entry = _entry(row)
            exact = any(normalise_english(sense) == wanted for sense in entry.senses)
            frequency = entry.frequency_rank if entry.frequency_rank is not None else 10**9
            return (not exact, row[8], row[7], frequency, entry.hsk_level or 99, len(entry.simplified))

        return [_entry(row) for row in sorted(rows, key=rank)[:limit]]

    def hsk_level(self, word: str) -> int | None:
        """The word's HSK level (1–6, 7 for the band 7–9), ``None`` if it is not in the syllabus.

        A traditional form is looked up through its simplified headword.
        """
        rows = self._rows("SELECT level FROM hsk WHERE word = ?", (word,))
        if rows:
            return int(rows[0][0])
        simplified = self._rows("SELECT DISTINCT simplified FROM entries WHERE traditional = ?", (word,))
        for (form,) in simplified:
            rows = self._rows("SELECT level FROM hsk WHERE word = ?", (form,))
            if rows:
                return int(rows[0][0])
        return None

    def hsk_words(self, levels: Iterable[int]) -> list[HskWord]:
        """The HSK words of the given levels, by level then syllabus order.

        Levels 7, 8 and 9 form one band in the syllabus: asking for any of them gives the whole band (level 7).
        """
        wanted = sorted({min(int(level), HSK_BAND) for level in levels})
        if not wanted:
            return []
        marks = ", ".join("?" * len(wanted))
        rows = self._rows(f"SELECT word, level FROM hsk WHERE level IN ({marks}) ORDER BY level, position", wanted)
        return [HskWord(word, int(level)) for word, level in rows]

    # -- characters --------------------------------------------------------------------------------------------

    def characters(self, word: str, reading: Iterable[str] | None = None) -> list[CharacterInfo]:
        """Each character of ``word`` with its reading in the word and all its own readings.

        ``reading`` (tone-number syllables, one per character) names the word's reading; by default the word's
        first dictionary reading is used.
        """
        syllables = list(reading) if reading is not None else None
        if syllables is None:
            readings = self.word_readings(word)
            syllables = list(readings[0]) if readings else None
        result = []
        for index, char in enumerate(word):
            own = syllables[index] if syllables is not None and index < len(syllables) else None
            facts = self._rows("SELECT hsk, frequency_rank FROM chars WHERE char = ?", (char,))
            hsk, rank = facts[0] if facts else (None, None)
            result.append(
                CharacterInfo(
                    char=char,
                    reading=own if is_han(char) else None,
                    readings=tuple(self.reading_groups(char)) if is_han(char) else (),
                    hsk_level=hsk,
                    frequency_rank=rank,
                    decomposition=self.decomposition(char) if is_han(char) else None,
                )
            )
        return result

    def decomposition(self, char: str) -> Decomposition | None:
        """How ``char`` is built (components and radicals), ``None`` if the data has no split for it."""
        rows = self._rows("SELECT kind, components, radicals, meanings FROM chars WHERE char = ?", (char,))
        if not rows or not rows[0][1]:
            return None
        kind, components, radicals, meanings = rows[0]
        known: dict[str, str] = json.loads(meanings) if meanings else {}
        return Decomposition(char, kind, tuple(components), tuple(radicals or ""), tuple(known.items()))

    # -- for the pinyin engine and the segmenter ---------------------------------------------------------------

    def word_readings(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The word's distinct readings in lower-case tone numbers, one syllable per character.

        Readings of common words come first (the usual one first), then readings found only in names. Empty if
        the word is not a headword.
        """
        facts = self._facts(word)
        return facts.common + facts.proper

    def common_readings(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The readings of the word's common (not proper-noun) entries, the usual one first."""
        return self._facts(word).common

    def reading_kinds(self, word: str) -> tuple[str, ...]:
        """For each of :meth:`common_readings`, what its senses make it: ``v`` verb, ``m`` measure word, or both."""
        return self._facts(word).kinds

    def name_readings(self, word: str) -> tuple[tuple[str, ...], ...]:
        """Readings found only in the word's proper-noun entries (朝鲜 Cháoxiǎn)."""
        return self._facts(word).proper

    def surname_reading(self, char: str) -> str | None:
        """The character's reading as a surname (贾 jia3, 单 shan4), ``None`` if it is not one."""
        return self._facts(char).surname

    def tag(self, word: str) -> str | None:
        """The part-of-speech tag jieba's dictionary gives ``word`` (``v``, ``a``, ``r``, ``ud``…), if any."""
        return self._tag(word)

    def _tag_uncached(self, word: str) -> str | None:
        rows = self._rows("SELECT tag FROM tags WHERE word = ?", (word,))
        return str(rows[0][0]) if rows else None

    def _facts_uncached(self, word: str) -> WordFacts:
        rows = self._rows("SELECT readings, kinds, proper, surname FROM words WHERE word = ?", (word,))
        if not rows:
            return WordFacts()
        readings, kinds, proper, surname = rows[0]
        common = _split_readings(readings)
        return WordFacts(common, tuple(kinds.split("|")) if common else (), _split_readings(proper), surname)

    def char_prior(self, char: str) -> tuple[str, ...]:
        """A character's readings ordered by how often it takes them inside words (for unknown names)."""
        return self._prior(char)

    def _prior_uncached(self, char: str) -> tuple[str, ...]:
        rows = self._rows("SELECT prior FROM chars WHERE char = ?", (char,))
        return tuple(rows[0][0].split("|")) if rows and rows[0][0] else ()

    def char_rank(self, char: str) -> int | None:
        """The character's rank in the character frequency list (1 = most frequent), ``None`` if unlisted."""
        return self._rank(char)

    def _rank_uncached(self, char: str) -> int | None:
        rows = self._rows("SELECT frequency_rank FROM chars WHERE char = ?", (char,))
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    def segmenter_words(self) -> Iterator[tuple[str, int | None]]:
        """Multi-character headwords for the segmenter, with ``None`` frequency (the segmenter picks one)."""
        for (word,) in self._rows("SELECT word FROM words WHERE length(word) > 1"):
            if " " not in word:
                yield word, None


@dataclass(frozen=True, slots=True)
class WordFacts:
    """What the index knows about a headword's readings (see :meth:`Dictionary.word_readings`)."""

    common: tuple[tuple[str, ...], ...] = ()
    kinds: tuple[str, ...] = ()
    proper: tuple[tuple[str, ...], ...] = ()
    surname: str | None = None


def _fingerprint(sources: DataSources, *, user_file: bool) -> str:
    """Identify the data files by size and modification time, plus the schema version."""
    parts: list[object] = [SCHEMA_VERSION, user_file]
    for path in (sources.cedict, sources.hsk_words, sources.hsk_chars, sources.word_frequencies):
        if path is not None:
            stat = path.stat()
            parts.append((stat.st_size, stat.st_mtime_ns))
    return hashlib.sha1(json.dumps(parts).encode()).hexdigest()[:16]


def _split_readings(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(reading.split(" ")) for reading in text.split("|")) if text else ()


def _entry(row: tuple[Any, ...]) -> Entry:
    _, simplified, traditional, pinyin, senses, hsk, frequency_rank = row[:7]
    return Entry(simplified, traditional, tuple(pinyin.split(" ")), tuple(json.loads(senses)), hsk, frequency_rank)


def _normalise_latin(word: str) -> str:
    """Full-width Latin letters and digits to ASCII, letters to upper case (CC-CEDICT writes ``卡拉OK``)."""
    chars = []
    for char in word:
        code = ord(char)
        if 0xFF01 <= code <= 0xFF5E:
            char = chr(code - 0xFEE0)
        chars.append(char.upper() if char.isascii() else char)
    return "".join(chars)
