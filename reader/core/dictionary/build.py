"""Compile CC-CEDICT, HSK levels, frequencies and decompositions into Reader's SQLite index.

Runs once (first start, or when the learner loads a newer CC-CEDICT file) and reports progress through a
``progress(done, total)`` callback. The index is written to a temporary file beside the target and renamed over
it, so a crash never leaves a half-written index. Later starts only open the index.
"""

from __future__ import annotations

import json
import logging
import math
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from reader.core.atomic import atomic_output
from reader.core.chars import is_han
from reader.core.dictionary.cedict import CedictLine, count_lines, iter_cedict, read_header
from reader.core.dictionary.errors import DictionaryError
from reader.core.dictionary.sources import (
    DataSources,
    load_char_ranks,
    load_decompositions,
    load_levels,
    load_radical_meanings,
    load_word_frequencies,
    load_word_tags,
    ranks,
    standalone_readings,
)

log = logging.getLogger(__name__)

#: Bump when the schema or the compiled content changes; the index file name carries it.
SCHEMA_VERSION = 1
#: A CC-CEDICT file with fewer entries is refused (the real one has over 120,000).
MIN_ENTRIES = 10_000

Progress = Callable[[int, int], None]

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    simplified TEXT NOT NULL,
    traditional TEXT NOT NULL,
    pinyin TEXT NOT NULL,
    toneless TEXT NOT NULL,
    senses TEXT NOT NULL,
    proper INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    frequency_rank INTEGER,
    hsk INTEGER
);
CREATE TABLE words (
    word TEXT PRIMARY KEY, readings TEXT NOT NULL, kinds TEXT NOT NULL, proper TEXT NOT NULL, surname TEXT
) WITHOUT ROWID;
CREATE TABLE tags (word TEXT PRIMARY KEY, tag TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE english (
    term TEXT NOT NULL, entry_id INTEGER NOT NULL, score INTEGER NOT NULL, PRIMARY KEY (term, entry_id)
) WITHOUT ROWID;
CREATE TABLE chars (
    char TEXT PRIMARY KEY, kind TEXT, components TEXT, radicals TEXT, meanings TEXT,
    frequency_rank INTEGER, hsk INTEGER, prior TEXT
) WITHOUT ROWID;
CREATE TABLE hsk (word TEXT PRIMARY KEY, level INTEGER NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID;
"""

INDEXES = """
CREATE INDEX entries_simplified ON entries (simplified);
CREATE INDEX entries_traditional ON entries (traditional);
CREATE INDEX entries_toneless ON entries (toneless);
CREATE INDEX hsk_level ON hsk (level, position);
"""

#: Words that carry no meaning on their own in English glosses (not indexed for English search).
STOPWORDS = frozenset(
    (
        *("a", "an", "the", "to", "of", "and", "or", "in", "on", "at", "by", "for", "with", "from", "as"),
        *("is", "are", "be", "been", "was", "were", "it", "its", "this", "that", "sb", "sth", "etc", "used"),
        *("also", "one's", "oneself", "cl", "variant", "see", "abbr"),
    )
)
_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
_BRACKETED = re.compile(r"\[[^\]]*\]|[\u3400-\u9fff\U00020000-\U0003134f|]+")


@dataclass
class CompileStats:
    """Figures about one compilation, logged and stored in the index's meta table."""

    entries: int = 0
    headwords: int = 0
    english_terms: int = 0
    characters: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)


class _Steps:
    """Progress in CC-CEDICT lines, plus a share of that total for each later phase."""

    PHASES = 4

    def __init__(self, lines: int, progress: Progress | None) -> None:
        self.progress = progress
        self.phase_size = max(1, lines // 10)
        self.total = lines + self.PHASES * self.phase_size
        self.done = 0
        self.report()

    def report(self) -> None:
        """Tell the callback where the compilation is."""
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def advance(self, amount: int) -> None:
        """Count ``amount`` more units of work done."""
        self.done += amount
        self.report()

    def finish_phase(self) -> None:
        """Count one phase after the parsing as done."""
        self.advance(self.phase_size)


def compile_index(
    target: Path,
    sources: DataSources,
    *,
    fingerprint: str,
    user_file: bool = False,
    progress: Progress | None = None,
    min_entries: int = MIN_ENTRIES,
    source_name: str = "",
) -> CompileStats:
    """Build the index for ``sources`` at ``target`` (atomically) and return figures about it.

    ``fingerprint`` identifies the CC-CEDICT file the index was built from; the dictionary compares it at
    start-up to decide whether to rebuild. ``source_name`` is what :meth:`Dictionary.info` reports as the source
    (the file's path by default). Raises :class:`DictionaryError` if the CC-CEDICT file holds fewer
    than ``min_entries`` entries.
    """
    started = time.perf_counter()
    stats = CompileStats()
    steps = _Steps(count_lines(sources.cedict), progress)
    tick = time.perf_counter()
    items = _read_entries(sources.cedict, steps)
    stats.phases["parse"] = time.perf_counter() - tick
    if len(items) < min_entries:
        raise DictionaryError(
            f"{sources.cedict.name} holds only {len(items):,} dictionary entries; a CC-CEDICT file has over 100,000."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(target, error=None, prefix=target.stem + "-") as temp:
        connection = sqlite3.connect(temp)
        try:
            _write(connection, items, sources, stats, steps)
            header = read_header(sources.cedict)
            stats.seconds = time.perf_counter() - started
            meta = {
                "schema_version": str(SCHEMA_VERSION),
                "fingerprint": fingerprint,
                "source": source_name or str(sources.cedict),
                "user_file": "1" if user_file else "0",
                "cedict_version": header.version,
                "cedict_date": header.date,
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "compile_seconds": f"{stats.seconds:.2f}",
                "entries": str(stats.entries),
            }
            connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            connection.commit()
        finally:
            connection.close()
    steps.done = steps.total
    steps.report()
    log.info("compiled dictionary %s: %d entries in %.1f s %s", target, stats.entries, stats.seconds, stats.phases)
    return stats


@dataclass(frozen=True, slots=True)
class _Item:
    """A parsed entry with the facts every later phase needs, computed once."""

    entry: CedictLine
    reading: tuple[str, ...] | None
    proper: bool
    variant_only: bool


def _prepare(entry: CedictLine) -> _Item:
    syllables = entry.syllables
    reading = tuple(s.lower() for s in syllables) if len(syllables) == len(entry.simplified) else None
    proper = any(s[:1].isupper() and len(s) > 1 for s in syllables)
    return _Item(entry, reading, proper, is_variant_only(entry.senses))


def is_variant_only(senses: tuple[str, ...]) -> bool:
    """True if every sense only points at another entry (``variant of 瞭``, ``see 了``)."""
    return all(sense.startswith("see ") or "variant of" in sense[:30] for sense in senses)


def _read_entries(path: Path, steps: _Steps) -> list[_Item]:
    items: list[_Item] = []
    batch = 0
    for entry in iter_cedict(path):
        items.append(_prepare(entry))
        batch += 1
        if batch == 5000:
            steps.advance(batch)
            batch = 0
    steps.advance(batch)
    return items


def _write(
    connection: sqlite3.Connection, items: list[_Item], sources: DataSources, stats: CompileStats, steps: _Steps
) -> None:
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    connection.executescript(SCHEMA)
    tick = time.perf_counter()
    frequencies = load_word_frequencies(sources.word_frequencies)
    word_ranks = ranks(frequencies)
    hsk_words = load_levels(sources.hsk_words)
    priors = _char_priors(items, frequencies)
    orderer = _Orderer(priors, standalone_readings)
    keys = [orderer.entry_key(item) for item in items]
    steps.finish_phase()
    stats.phases["priors"] = time.perf_counter() - tick

    tick = time.perf_counter()
    connection.executemany(
        "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _entry_rows(items, keys, word_ranks, hsk_words)
    )
    stats.entries = len(items)
    word_rows = _word_rows(items, keys)
    connection.executemany("INSERT INTO words VALUES (?, ?, ?, ?, ?)", word_rows)
    connection.executemany("INSERT OR IGNORE INTO tags VALUES (?, ?)", load_word_tags(sources.word_frequencies))
    stats.headwords = len(word_rows)
    steps.finish_phase()
    stats.phases["entries"] = time.perf_counter() - tick

    tick = time.perf_counter()
    english_rows = list(_english_rows(items))
    connection.executemany("INSERT INTO english VALUES (?, ?, ?)", english_rows)
    stats.english_terms = len(english_rows)
    steps.finish_phase()
    stats.phases["english"] = time.perf_counter() - tick

    tick = time.perf_counter()
    char_rows = _char_rows(items, sources, priors)
    connection.executemany("INSERT INTO chars VALUES (?, ?, ?, ?, ?, ?, ?, ?)", char_rows)
    stats.characters = len(char_rows)
    connection.executemany(
        "INSERT OR IGNORE INTO hsk VALUES (?, ?, ?)",
        ((word, level, position) for position, (word, level) in enumerate(hsk_words.items())),
    )
    connection.executescript(INDEXES)
    steps.finish_phase()
    stats.phases["characters"] = time.perf_counter() - tick


# ---------------------------------------------------------------------------------------------------------------
# Readings


def _char_priors(items: list[_Item], frequencies: dict[str, int]) -> dict[str, dict[str, float]]:
    """How often each character takes each reading across the dictionary, weighted by word frequency.

    A word seen often in jieba's corpus counts more (log scale); names and mere variants count less. Used to
    order readings (most likely first) for lookups and for the pinyin of words the dictionary lacks.
    """
    priors: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for item in items:
        reading = item.reading
        if reading is None:
            continue
        entry = item.entry
        weight = (math.log1p(frequencies.get(entry.simplified, 0)) + 1.0) * (0.3 if item.proper else 1.0)
        if item.variant_only:
            weight *= 0.2
        heads = [entry.simplified]
        if entry.traditional != entry.simplified and len(entry.traditional) == len(reading):
            heads.append(entry.traditional)
        for head in heads:
            for char, syllable in zip(head, reading, strict=True):
                if syllable[-1:].isdigit() and is_han(char):
                    priors[char][syllable] += weight
    return priors


class _Orderer:
    """Orders readings and entries by how likely they are, from the character priors (computed once)."""

    def __init__(self, priors: dict[str, dict[str, float]], standalone: Callable[[str], list[str]]) -> None:
        self.standalone = standalone
        self.log_share: dict[str, dict[str, float]] = {}
        self.unseen: dict[str, float] = {}
        for char, weights in priors.items():
            total = sum(weights.values()) + 0.5
            self.log_share[char] = {syllable: math.log((w + 0.5) / total) for syllable, w in weights.items()}
            self.unseen[char] = math.log(0.5 / total)

    def score(self, word: str, reading: tuple[str, ...]) -> float:
        """Log-likelihood of ``reading`` for ``word`` under the priors (higher is likelier)."""
        total = 0.0
        for char, syllable in zip(word, reading, strict=False):
            shares = self.log_share.get(char)
            if shares is not None:
                total += shares.get(syllable, self.unseen[char])
        return total

    def entry_key(self, item: _Item) -> tuple[bool, bool, int, float]:
        """Sort key of an entry among those of its headword: common first, real senses first, likelier first.

        A character's usual reading on its own (了 le, not liǎo) comes before readings that are common only
        inside words; a word's entry with more senses before one with fewer.
        """
        reading = item.reading or tuple(s.lower() for s in item.entry.syllables)
        word = item.entry.simplified
        if len(word) == 1:
            preferred = self.standalone(word)
            usual = preferred.index(reading[0]) if reading[0] in preferred else len(preferred)
        else:
            # A word's everyday reading has the most senses (东西 dōngxi "thing…" before dōngxī "east and west").
            usual = -len(item.entry.senses)
        return (item.proper, item.variant_only, usual, -self.score(word, reading))


def _entry_rows(
    items: list[_Item],
    keys: list[tuple[bool, bool, int, float]],
    word_ranks: dict[str, int],
    hsk_words: dict[str, int],
) -> Iterable[tuple[object, ...]]:
    """One row per entry; ``rank`` orders the entries of one headword (common, then by how likely the reading)."""
    by_head: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        by_head[item.entry.simplified].append(index)
    rank_of: dict[int, int] = {}
    for indexes in by_head.values():
        for position, index in enumerate(sorted(indexes, key=lambda i: (*keys[i], i))):
            rank_of[index] = position
    for index, item in enumerate(items):
        entry = item.entry
        yield (
            index + 1,
            entry.simplified,
            entry.traditional,
            " ".join(entry.syllables),
            toneless_key(entry.syllables),
            json.dumps(entry.senses, ensure_ascii=False),
            int(item.proper),
            rank_of[index],
            word_ranks.get(entry.simplified) or word_ranks.get(entry.traditional),
            hsk_words.get(entry.simplified),
        )


def toneless_key(syllables: Iterable[str]) -> str:
    """The search key of a reading: lower case, no tones, no spaces, ü as v (``("Xue2", "xi2")`` → ``xuexi``)."""
    return "".join(s.lower().rstrip("12345") for s in syllables if s[:1].isalpha())


#: Common English adjectives, to tell an adjective reading from its glosses (长 cháng "long", 臭 chòu "smelly").
ADJECTIVES = frozenset(
    (
        *("long", "short", "big", "large", "small", "little", "tall", "high", "low", "heavy", "light", "thick"),
        *("thin", "wide", "narrow", "deep", "shallow", "far", "near", "close", "few", "many", "much", "young"),
        *("old", "new", "good", "bad", "poor", "rich", "empty", "full", "dry", "wet", "hot", "cold", "warm"),
        *("cool", "strong", "weak", "hard", "soft", "easy", "difficult", "fast", "quick", "slow", "early", "late"),
        *("tired", "happy", "sad", "loose", "tight", "clean", "dirty", "bright", "dark", "sweet", "bitter", "sour"),
        *("fat", "busy", "free", "vacant", "wrong", "right", "correct", "true", "false", "real", "fake", "sharp"),
        *("blunt", "smooth", "rough", "straight", "flat", "round", "square", "red", "green", "blue", "white"),
        *("black", "yellow", "quiet", "loud", "noisy", "calm", "peaceful", "safe", "dangerous", "cheap", "expensive"),
        *("smelly", "fragrant", "lazy", "clever", "stupid", "beautiful", "ugly", "pretty", "proper", "suitable"),
        *("inferior", "superior", "serious", "severe", "important", "flourishing", "vigorous", "powerful", "sturdy"),
        *("scattered", "mixed", "sticky", "stubborn", "happy", "cheerful", "healthy", "ill", "sick", "lucky"),
    )
)
_ADJECTIVE_ENDINGS = ("ous", "ful", "ive", "able", "ible", "less", "ish")


def reading_kinds(senses: tuple[str, ...]) -> str:
    """What a reading's senses say it is, as letters: ``V`` its first sense is a verb (``to …``), ``v`` one sense
    is, ``a`` one is an adjective, ``m`` one is a measure word (``classifier for …``), ``b`` it is only a
    pointer to the words it occurs in (:func:`is_bound`), so it is not read on its own."""
    kinds = ""
    if senses and senses[0].startswith("to "):
        kinds += "V"
    if any(sense.startswith("to ") for sense in senses):
        kinds += "v"
    if any(_is_adjective(sense) for sense in senses):
        kinds += "a"
    if any(sense.startswith(("classifier for", "measure word")) for sense in senses):
        kinds += "m"
    if is_bound(senses):
        kinds += "b"
    return kinds


def is_bound(senses: tuple[str, ...]) -> bool:
    """True if a reading only occurs inside the words its senses point to (便 pián: ``see 便宜``); a variant
    character (桔 jú, ``variant of 橘``) and a name character (``used in old names``) are read on their own."""
    return bool(senses) and all(sense.startswith("see ") for sense in senses)


def _is_adjective(sense: str) -> bool:
    word = sense.strip().lower()
    if word.startswith("very "):
        word = word[5:]
    if not word.isalpha():
        return False
    return word in ADJECTIVES or (len(word) > 5 and word.endswith(_ADJECTIVE_ENDINGS))


def _word_rows(
    items: list[_Item], keys: list[tuple[bool, bool, int, float]]
) -> list[tuple[str, str, str, str, str | None]]:
    """Headword (simplified and traditional) → its distinct aligned readings, most likely first.

    ``readings`` holds the readings of common entries in entry order (common, not a mere variant, usual
    reading, likelier reading) and ``kinds`` what each of them is (:func:`reading_kinds`); ``proper`` the
    readings found only in names; ``surname`` a character's reading as a surname (贾 jia3, 翟 zhai2).
    """
    common: dict[str, list[tuple[tuple[bool, bool, int, float], tuple[str, ...]]]] = defaultdict(list)
    kinds: dict[tuple[str, tuple[str, ...]], str] = defaultdict(str)
    names: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    surnames: dict[str, list[str]] = defaultdict(list)
    for item, key in zip(items, keys, strict=True):
        reading = item.reading
        if reading is None:
            continue
        entry = item.entry
        heads = {entry.simplified}
        if len(entry.traditional) == len(reading):
            heads.add(entry.traditional)
        for head in heads:
            if item.proper:
                names[head].append(reading)
                if len(head) == 1 and any(sense.startswith("surname") for sense in entry.senses):
                    surnames[head].append(reading[0])
            else:
                common[head].append((key, reading))
                # A reading is bound only if all its entries are pointers (上 shǎng is, 上 shàng is not).
                found = reading_kinds(entry.senses)
                if (head, reading) in kinds and "b" not in found:
                    kinds[(head, reading)] = kinds[(head, reading)].replace("b", "")
                elif (head, reading) in kinds and "b" not in kinds[(head, reading)]:
                    found = found.replace("b", "")
                kinds[(head, reading)] += found
    rows: list[tuple[str, str, str, str, str | None]] = []
    for head in set(common) | set(names):
        ordered: list[tuple[str, ...]] = []
        for _, reading in sorted(common.get(head, []), key=lambda pair: pair[0]):
            if reading not in ordered:
                ordered.append(reading)
        proper = [r for r in dict.fromkeys(names.get(head, [])) if r not in ordered]
        # A surname listed apart from the common readings is read differently as a name (翟 Zhái, not dí).
        plain = {r[0] for r in ordered}
        surname = next((r for r in surnames.get(head, []) if r not in plain), None)
        if surname is None and surnames.get(head):
            surname = surnames[head][0]
        rows.append(
            (
                head,
                "|".join(" ".join(r) for r in ordered),
                "|".join("".join(sorted(set(kinds[(head, r)]))) for r in ordered),
                "|".join(" ".join(r) for r in proper),
                surname,
            )
        )
    return rows


# ---------------------------------------------------------------------------------------------------------------
# English search


def sense_keys(sense: str) -> set[str]:
    """What a sense means when compared whole: without notes in brackets, and its head before a comma.

    ``Beijing, capital of People's Republic of China`` gives ``{"beijing capital of people's republic of china",
    "beijing"}``; ``to learn`` gives ``{"learn"}``; ``karaoke (loanword)`` gives ``{"karaoke"}``.
    """
    plain = re.sub(r"\([^)]*\)", " ", _BRACKETED.sub(" ", sense.lower()))
    return {key for key in (_normalise(plain), _normalise(re.split(r"[,;:]", plain, maxsplit=1)[0])) if key}


def _normalise(text: str) -> str:
    core = " ".join(_WORD.findall(text))
    for prefix in ("to ", "a ", "an ", "the "):
        if core.startswith(prefix):
            return core[len(prefix) :]
    return core


def english_terms(sense: str) -> dict[str, int]:
    """The search terms of one English sense and their score (lower is better).

    0: the sense (or its head before a comma) is that word (``to learn``, ``Beijing, capital of…``); 1: a word
    of a short sense; 2: of a longer one; 3: a word only inside a note in brackets (``(completed action
    marker)``).
    """
    terms: dict[str, int] = {}
    for key in sense_keys(sense):
        if _WORD.fullmatch(key) and key not in STOPWORDS:
            terms[key] = 0
    text = _BRACKETED.sub(" ", sense.lower())
    outside = re.sub(r"\([^)]*\)", " ", text)
    words = [w for w in _WORD.findall(outside) if w not in STOPWORDS]
    score = 1 if len(words) <= 3 else 2
    for word in words:
        terms.setdefault(word, score)
    for word in _WORD.findall(text):
        if word not in STOPWORDS:
            terms.setdefault(word, 3)
    return terms


def _english_rows(items: list[_Item]) -> Iterable[tuple[str, int, int]]:
    for entry_id, item in enumerate(items, start=1):
        best: dict[str, int] = {}
        for sense in item.entry.senses:
            if sense.startswith("CL:"):
                continue
            for term, score in english_terms(sense).items():
                if score < best.get(term, 99):
                    best[term] = score
        for term, score in best.items():
            yield term, entry_id, score


# ---------------------------------------------------------------------------------------------------------------
# Characters


def _char_rows(
    items: list[_Item], sources: DataSources, priors: dict[str, dict[str, float]]
) -> list[tuple[object, ...]]:
    """One row per character with a dictionary entry, an HSK level or a frequency rank.

    ``prior`` lists the character's readings by how often it takes them inside words (for pinyin of words the
    dictionary does not know, such as names).
    """
    decompositions = load_decompositions(sources.decompositions)
    meanings = load_radical_meanings(sources.radical_meanings)
    char_ranks = load_char_ranks(sources.char_frequencies)
    hsk_chars = load_levels(sources.hsk_chars)
    chars: set[str] = set(char_ranks) | set(hsk_chars)
    for item in items:
        for head in (item.entry.simplified, item.entry.traditional):
            if len(head) == 1 and is_han(head):
                chars.add(head)
    rows: list[tuple[object, ...]] = []
    for char in sorted(chars):
        kind, components, radicals = _decompose(char, decompositions, meanings)
        known = {part: meanings[part] for part in (*components, *radicals) if part in meanings}
        rows.append(
            (
                char,
                kind,
                "".join(components) if components else None,
                "".join(radicals) if radicals else None,
                json.dumps(known, ensure_ascii=False) if known else None,
                char_ranks.get(char),
                hsk_chars.get(char),
                "|".join(plausible_readings(priors[char])) if char in priors else None,
            )
        )
    return rows


#: A reading found inside words counts for a character's own readings only above these shares of its weight.
MIN_READING_SHARE = 0.03
#: …and a neutral-tone variant (是 shi5 in 实在 shí zai) only above this share.
MIN_NEUTRAL_SHARE = 0.2


def plausible_readings(weights: dict[str, float]) -> list[str]:
    """A character's readings inside words, likeliest first, without the rare ones.

    Drops readings under :data:`MIN_READING_SHARE` of the weight (家 gū of 大家 dàgū "eminent lady"), and
    neutral-tone variants of a toned reading under :data:`MIN_NEUTRAL_SHARE` (不 bu5 in 差不多); keeps at least
    the likeliest reading.
    """
    total = sum(weights.values()) or 1.0
    ordered = sorted(weights, key=lambda reading: -weights[reading])
    toned = {reading[:-1] for reading in ordered if not reading.endswith("5")}
    kept = [
        reading
        for reading in ordered
        if weights[reading] / total >= MIN_READING_SHARE
        and not (reading.endswith("5") and reading[:-1] in toned and weights[reading] / total < MIN_NEUTRAL_SHARE)
    ]
    return kept or ordered[:1]


def _decompose(
    char: str, table: dict[str, tuple[str, tuple[str, ...]]], radicals: dict[str, str]
) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """Return (kind, components of one split, radicals) with cjk-decomp's numbered glyphs replaced by parts."""
    found = table.get(char)
    if found is None or found[0] == "c" or not found[1]:
        return (found[0] if found else None), (), ()
    kind, parts = found
    components = tuple(p for part in parts for p in _resolve(part, table, 0))
    if components == (char,):
        return kind, (), ()
    radical_parts = tuple(p for part in components for p in _down_to_radicals(part, table, radicals, 0))
    return kind, components, radical_parts


def _resolve(part: str, table: dict[str, tuple[str, tuple[str, ...]]], depth: int) -> tuple[str, ...]:
    """Replace a numbered glyph (no Unicode character) by its own parts, recursively."""
    if not part.isdigit():
        return (part,)
    found = table.get(part)
    if found is None or depth > 8:
        return ()
    return tuple(p for sub in found[1] for p in _resolve(sub, table, depth + 1))


def _down_to_radicals(
    part: str, table: dict[str, tuple[str, tuple[str, ...]]], radicals: dict[str, str], depth: int
) -> tuple[str, ...]:
    """Split ``part`` until every piece is a radical or cannot be split."""
    found = table.get(part)
    if part in radicals or found is None or found[0] == "c" or depth > 8:
        return (part,)
    pieces = tuple(p for sub in found[1] for p in _resolve(sub, table, 0))
    if not pieces or pieces == (part,):
        return (part,)
    return tuple(p for piece in pieces for p in _down_to_radicals(piece, table, radicals, depth + 1))
