"""Word status: what the learner knows, is learning, ignores, or has not met yet, for every word seen.

One row per written word (simplified form) in ``word_status``. Words never marked have no row and count as
:attr:`WordStatus.UNKNOWN`. The deck (:mod:`reader.core.store.deck`) keeps this table in step with its entries:
a word in the deck has the status of its least advanced entry (``new`` < ``learning`` < ``known`` < ``ignored``),
and marking such a word here changes its deck entries too, so the reading view and the deck window never
disagree. ``NEW`` and ``LEARNING`` therefore only occur for words that are in the deck.

``article_words`` keeps each article's word counts, so the library can show coverage per article without
segmenting the text again; a trigger drops them when the library deletes the article.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

import reader.core.store.library  # noqa: F401  (registers the articles table, which the trigger below watches)
from reader.core.chars import has_han
from reader.core.model import Article
from reader.core.script import fold
from reader.core.store.db import Store, register_migrations

migrations = register_migrations(Migrations("words"))


class WordStatus(StrEnum):
    """How well the learner knows a word, from the reading view's point of view."""

    UNKNOWN = "unknown"
    NEW = "new"
    LEARNING = "learning"
    KNOWN = "known"
    IGNORED = "ignored"


#: Statuses a deck entry can have (a word in the deck is never "unknown").
ENTRY_STATUSES = (WordStatus.NEW, WordStatus.LEARNING, WordStatus.KNOWN, WordStatus.IGNORED)
#: Statuses a word can be given directly (the others come from the deck).
MARKABLE_STATUSES = (WordStatus.UNKNOWN, WordStatus.KNOWN, WordStatus.IGNORED)
#: SQL giving the rank of a deck entry's status: a word takes the status of its lowest-ranked entry.
STATUS_RANK_SQL = "CASE status WHEN 'new' THEN 1 WHEN 'learning' THEN 2 WHEN 'known' THEN 3 ELSE 4 END"
_RANKED = {1: WordStatus.NEW, 2: WordStatus.LEARNING, 3: WordStatus.KNOWN, 4: WordStatus.IGNORED}
#: What a deck entry becomes when its word is marked with a status.
_ENTRY_STATUS_FOR = {
    WordStatus.UNKNOWN: WordStatus.NEW,
    WordStatus.KNOWN: WordStatus.KNOWN,
    WordStatus.IGNORED: WordStatus.IGNORED,
}


@migrations()
def m001_word_status(db: Database) -> None:
    """Create the word status table and the per-article word counts."""
    db.execute(
        """CREATE TABLE word_status (
            word TEXT PRIMARY KEY,
            status TEXT NOT NULL CHECK (status IN ('unknown', 'new', 'learning', 'known', 'ignored')),
            first_seen TEXT,
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX word_status_status ON word_status(status)")
    db.execute(
        """CREATE TABLE article_words (
            article_id INTEGER NOT NULL,
            word TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (article_id, word)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX article_words_word ON article_words(word)")
    # Not a foreign key: the library counts cascading references as annotations that keep an article alive.
    db.execute(
        """CREATE TRIGGER article_words_forget AFTER DELETE ON articles
           BEGIN DELETE FROM article_words WHERE article_id = OLD.id; END"""
    )


@dataclass(frozen=True, slots=True)
class StatusChange:
    """What a marking changed, so that :meth:`WordStatuses.undo` can put it back.

    ``words`` maps each changed word to its previous stored status (``None``: it had no row); ``entries`` maps
    the id of each changed deck entry to its previous status.
    """

    words: dict[str, WordStatus | None] = field(default_factory=dict)
    entries: dict[int, WordStatus] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """How many words changed."""
        return len(self.words)


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of an article the learner knows, from its stored word counts."""

    words: int
    distinct_words: int
    known_words: int
    unknown_words: int
    ignored_words: int

    @property
    def percent(self) -> float:
        """Share of running words known, in percent (ignored words, such as names, are left out)."""
        return _percent(self.known_words, self.words - self.ignored_words, self.words)


@dataclass(frozen=True, slots=True)
class ArticleStats:
    """Statistics of one article for the reading window.

    ``words`` counts running words (tokens with a Chinese character), ``distinct_words`` different ones;
    ``unknown_words`` counts distinct words never marked nor added to the deck, ``learning_words`` distinct words
    in the deck and not yet known. ``coverage`` is the percentage of running words known, leaving out ignored
    words. ``hsk_profile`` gives the number of distinct words per HSK level (1–9), ``None`` for words in no level;
    it is empty when no HSK lookup was given.
    """

    words: int
    distinct_words: int
    unknown_words: int
    learning_words: int
    known_words: int
    ignored_words: int
    coverage: float
    hsk_profile: dict[int | None, int]

    def to_json(self) -> dict[str, Any]:
        """Return the statistics as JSON-ready values (HSK levels as strings, ``"none"`` for no level)."""
        return {
            "words": self.words,
            "distinct_words": self.distinct_words,
            "unknown_words": self.unknown_words,
            "learning_words": self.learning_words,
            "known_words": self.known_words,
            "ignored_words": self.ignored_words,
            "coverage": round(self.coverage, 1),
            "hsk_profile": {("none" if level is None else str(level)): n for level, n in self.hsk_profile.items()},
        }

    def hsk_bands(self) -> str:
        """The share of distinct words per HSK band, for the article header (``HSK 1–3 60%, …``; empty if none)."""
        profile, distinct = self.hsk_profile, self.distinct_words
        if not profile or not distinct:
            return ""
        bands = (("HSK 1–3", range(1, 4)), ("HSK 4–6", range(4, 7)), ("HSK 7–9", range(7, 10)))
        parts = [
            f"{label} {100 * sum(profile.get(level, 0) for level in levels) / distinct:.0f}%" for label, levels in bands
        ]
        parts.append(f"beyond HSK {100 * profile.get(None, 0) / distinct:.0f}%")
        return ", ".join(parts)


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


def _percent(part: int, whole: int, total: int) -> float:
    if whole > 0:
        return 100.0 * part / whole
    return 100.0 if total > 0 else 0.0


def article_words(article: Article) -> list[str]:
    """Return the running words of an analysed article: its tokens that contain a Chinese character.

    Each word is given by its search key (:func:`reader.core.script.fold`: 學習 as 学习), the form statuses are
    kept under, so a word known from a simplified text counts as known in a Taiwan one.
    """
    return [
        fold(token.text)
        for block in article.blocks
        for sentence in block.sentences
        for token in sentence.tokens
        if has_han(token.text)
    ]


def article_stats(
    words: Iterable[str] | Mapping[str, int],
    statuses: Mapping[str, WordStatus],
    hsk_level: Callable[[str], int | None] | None = None,
) -> ArticleStats:
    """Compute an article's statistics from its running words (or word counts) and their statuses.

    ``statuses`` comes from :meth:`WordStatuses.statuses`; words missing from it count as unknown.
    ``hsk_level`` returns a word's HSK 3.0 level (1–9) or ``None``.
    """
    counts = words if isinstance(words, Mapping) else Counter(w for w in words if has_han(w))
    total = sum(counts.values())
    by_status: Counter[WordStatus] = Counter()
    running: Counter[WordStatus] = Counter()
    for word, count in counts.items():
        status = statuses.get(word, WordStatus.UNKNOWN)
        by_status[status] += 1
        running[status] += count
    profile: dict[int | None, int] = {}
    if hsk_level is not None:
        levels = Counter(hsk_level(word) for word in counts)
        profile = {level: levels[level] for level in [*range(1, 10), None] if levels[level]}
    countable = total - running[WordStatus.IGNORED]
    return ArticleStats(
        words=total,
        distinct_words=len(counts),
        unknown_words=by_status[WordStatus.UNKNOWN],
        learning_words=by_status[WordStatus.NEW] + by_status[WordStatus.LEARNING],
        known_words=by_status[WordStatus.KNOWN],
        ignored_words=by_status[WordStatus.IGNORED],
        coverage=_percent(running[WordStatus.KNOWN], countable, total),
        hsk_profile=profile,
    )


def _distinct(words: Iterable[str]) -> list[str]:
    """The distinct non-empty words of ``words`` that contain a Chinese character, in first-seen order."""
    return [word for word in dict.fromkeys(w.strip() for w in words) if word and has_han(word)]


class WordStatuses:
    """Read and change word statuses. Thread-safe: every call holds the store's lock."""

    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self._clock = clock

    def _now(self) -> str:
        return self._clock().isoformat(timespec="microseconds")

    # -- reading ----------------------------------------------------------------------------------------------

    def status(self, word: str) -> WordStatus:
        """Return the status of one word (``UNKNOWN`` if never marked)."""
        return self.statuses([word]).get(word, WordStatus.UNKNOWN)

    def statuses(self, words: Iterable[str]) -> dict[str, WordStatus]:
        """Return the status of every distinct word in ``words`` in one query (all of an article's tokens at once).

        Every given word is a key of the result; words never marked map to ``UNKNOWN``.
        """
        wanted = list(dict.fromkeys(words))
        result = dict.fromkeys(wanted, WordStatus.UNKNOWN)
        if not wanted:
            return result
        with self.store.read() as db:
            rows = db.execute(
                "SELECT word, status FROM word_status WHERE word IN (SELECT value FROM json_each(?))",
                [json.dumps(wanted, ensure_ascii=False)],
            ).fetchall()
        for word, status in rows:
            result[word] = WordStatus(status)
        return result

    def words_with_status(self, status: WordStatus) -> list[str]:
        """Return every word stored with ``status``, sorted."""
        with self.store.read() as db:
            rows = db.execute("SELECT word FROM word_status WHERE status = ? ORDER BY word", [status.value])
            return [row[0] for row in rows]

    def counts(self) -> dict[WordStatus, int]:
        """Return how many words have each stored status (``UNKNOWN`` counts words seen but never marked)."""
        with self.store.read() as db:
            rows = db.execute("SELECT status, count(*) FROM word_status GROUP BY status").fetchall()
        found = {WordStatus(status): int(n) for status, n in rows}
        return {status: found.get(status, 0) for status in WordStatus}

    # -- marking ------------------------------------------------------------------------------------------------

    def mark(self, words: Iterable[str], status: WordStatus) -> StatusChange:
        """Give ``words`` the status ``KNOWN``, ``IGNORED`` or ``UNKNOWN`` (the latter resets a marking).

        Words in the deck take their deck entries along (``UNKNOWN`` puts the entries back to ``new``).
        Returns what changed, for :meth:`undo`. Raises ``ValueError`` for ``NEW``/``LEARNING``, which only the
        deck gives.
        """
        if status not in MARKABLE_STATUSES:
            raise ValueError(f"a word cannot be marked {status.value}; add it to the deck instead")
        return self._mark(_distinct(words), status, only_unknown=False)

    def mark_known(self, words: Iterable[str]) -> StatusChange:
        """Mark ``words`` as known (the word pop-up's "I know this")."""
        return self.mark(words, WordStatus.KNOWN)

    def mark_remaining_known(self, words: Iterable[str]) -> StatusChange:
        """Mark as known every word of ``words`` that is still unknown (an article's "I know all the rest").

        Words in the deck and ignored words keep their status. One transaction, a few milliseconds for thousands
        of words.
        """
        return self._mark(_distinct(words), WordStatus.KNOWN, only_unknown=True)

    def _mark(self, words: list[str], status: WordStatus, *, only_unknown: bool) -> StatusChange:
        if not words:
            return StatusChange()
        now = self._now()
        payload = json.dumps(words, ensure_ascii=False)
        with self.store.write() as db:
            previous = {
                word: (WordStatus(old) if old is not None else None)
                for word, old in db.execute(
                    """SELECT j.value, s.status FROM json_each(?) AS j
                       LEFT JOIN word_status AS s ON s.word = j.value""",
                    [payload],
                ).fetchall()
            }
            if only_unknown:
                previous = {w: old for w, old in previous.items() if old in (None, WordStatus.UNKNOWN)}
            else:
                previous = {w: old for w, old in previous.items() if old != status}
            if not previous:
                return StatusChange()
            changed = json.dumps(list(previous), ensure_ascii=False)
            entries = {
                int(entry_id): WordStatus(old)
                for entry_id, old in db.execute(
                    "SELECT id, status FROM deck_entries WHERE simplified IN (SELECT value FROM json_each(?))",
                    [changed],
                ).fetchall()
            }
            if entries:
                db.execute(
                    """UPDATE deck_entries SET status = ?, updated_at = ?
                       WHERE simplified IN (SELECT value FROM json_each(?))""",
                    [_ENTRY_STATUS_FOR[status].value, now, changed],
                )
            db.execute(
                """INSERT INTO word_status (word, status, first_seen, updated_at)
                   SELECT value, ?, ?, ? FROM json_each(?) WHERE true
                   ON CONFLICT (word) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at""",
                [status.value, now, now, changed],
            )
            sync_from_deck(db, list(previous), now)
        return StatusChange(previous, entries)

    def undo(self, change: StatusChange) -> None:
        """Put back the statuses a :meth:`mark` call changed (deck entries included)."""
        if not change.words and not change.entries:
            return
        now = self._now()
        with self.store.write() as db:
            for entry_id, entry_status in change.entries.items():
                db.execute(
                    "UPDATE deck_entries SET status = ?, updated_at = ? WHERE id = ?",
                    [entry_status.value, now, entry_id],
                )
            for word, status in change.words.items():
                if status is None:
                    db.execute("DELETE FROM word_status WHERE word = ?", [word])
                else:
                    db.execute(
                        """INSERT INTO word_status (word, status, first_seen, updated_at) VALUES (?, ?, ?, ?)
                           ON CONFLICT (word) DO UPDATE SET status = excluded.status,
                           updated_at = excluded.updated_at""",
                        [word, status.value, now, now],
                    )
            sync_from_deck(db, list(change.words), now)

    def record_seen(self, words: Iterable[str]) -> int:
        """Remember that the learner met ``words`` (``UNKNOWN`` if new to the table); return how many were new."""
        distinct = _distinct(words)
        if not distinct:
            return 0
        now = self._now()
        with self.store.write() as db:
            cursor = db.execute(
                """INSERT INTO word_status (word, status, first_seen, updated_at)
                   SELECT value, 'unknown', ?, ? FROM json_each(?) WHERE true ON CONFLICT (word) DO NOTHING""",
                [now, now, json.dumps(distinct, ensure_ascii=False)],
            )
            return max(cursor.rowcount, 0)

    # -- articles -----------------------------------------------------------------------------------------------

    def record_article_words(self, article_id: int, words: Iterable[str]) -> None:
        """Store the word counts of an article's running words (replacing earlier counts), for coverage."""
        counts = Counter(w for w in words if has_han(w))
        with self.store.write() as db:
            db.execute("DELETE FROM article_words WHERE article_id = ?", [article_id])
            db.conn.executemany(
                "INSERT INTO article_words (article_id, word, count) VALUES (?, ?, ?)",
                [(article_id, word, n) for word, n in counts.items()],
            )

    def article_word_counts(self, article_id: int) -> dict[str, int]:
        """Return the stored word counts of an article (empty if none were recorded)."""
        with self.store.read() as db:
            rows = db.execute("SELECT word, count FROM article_words WHERE article_id = ?", [article_id])
            return {word: int(n) for word, n in rows}

    def article_stats(self, article_id: int, hsk_level: Callable[[str], int | None] | None = None) -> ArticleStats:
        """Return the statistics of an article from its stored word counts."""
        counts = self.article_word_counts(article_id)
        return article_stats(counts, self.statuses(counts), hsk_level)

    def coverage_by_article(self, article_ids: Sequence[int] | None = None) -> dict[int, Coverage]:
        """Return the coverage of every article with stored word counts (or of ``article_ids``), in one query."""
        where = ""
        params: list[Any] = []
        if article_ids is not None:
            where = "WHERE a.article_id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(article_ids)))
        with self.store.read() as db:
            rows = db.execute(
                f"""SELECT a.article_id, sum(a.count), count(*),
                       sum(CASE WHEN s.status = 'known' THEN a.count ELSE 0 END),
                       sum(CASE WHEN coalesce(s.status, 'unknown') = 'unknown' THEN 1 ELSE 0 END),
                       sum(CASE WHEN s.status = 'ignored' THEN a.count ELSE 0 END)
                   FROM article_words AS a LEFT JOIN word_status AS s ON s.word = a.word
                   {where} GROUP BY a.article_id""",
                params,
            ).fetchall()
        return {int(row[0]): Coverage(*(int(v) for v in row[1:])) for row in rows}


def sync_from_deck(db: Database, words: Sequence[str], now: str) -> None:
    """Bring the status of ``words`` in line with their deck entries, inside the caller's transaction.

    A word with entries takes the status of its least advanced entry; a word without entries whose status was
    ``new`` or ``learning`` (it has just left the deck) becomes ``unknown``.
    """
    if not words:
        return
    payload = json.dumps(list(dict.fromkeys(words)), ensure_ascii=False)
    rows = db.execute(
        f"""SELECT simplified, min({STATUS_RANK_SQL}) FROM deck_entries
            WHERE simplified IN (SELECT value FROM json_each(?)) GROUP BY simplified""",
        [payload],
    ).fetchall()
    db.conn.executemany(
        """INSERT INTO word_status (word, status, first_seen, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (word) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
           WHERE word_status.status != excluded.status""",
        [(word, _RANKED[int(rank)].value, now, now) for word, rank in rows],
    )
    db.execute(
        """UPDATE word_status SET status = 'unknown', updated_at = ?
           WHERE word IN (SELECT value FROM json_each(?)) AND status IN ('new', 'learning')
           AND word NOT IN (SELECT simplified FROM deck_entries)""",
        [now, payload],
    )
