"""A SQLite cache of machine-translated sentences, so that no sentence is ever translated twice.

Rows are keyed by (pack label, normalised sentence): installing a new pack version starts a fresh set of
translations without mixing the two. The file lives in Reader's cache folder (it can be rebuilt), survives
restarts, and is held to :attr:`TranslationCache.max_entries` rows by dropping the least recently used ones.
``translations_cache/README.md`` documents the format.

Threads: one connection shared by the GUI thread and the translation worker, guarded by a lock; other processes
(the CLI while the GUI runs) wait for SQLite's write lock. A damaged cache file is replaced by an empty one.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

#: Bumped when the table layout changes; an older file is emptied and re-created.
CACHE_FORMAT = 1
#: Default row cap: about 40 MB of Chinese and English text, some 3,000 articles.
DEFAULT_MAX_ENTRIES = 200_000
#: Rows dropped beyond the cap, as a share of it, so that eviction runs rarely.
EVICTION_SLACK = 0.1
BUSY_TIMEOUT_MS = 5_000
_SPACES = re.compile(r"\s+")
#: SQLite's default limit on ``?`` parameters is 32766; stay well below it.
_QUERY_CHUNK = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    pack TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    used INTEGER NOT NULL,
    PRIMARY KEY (pack, source)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS translations_used ON translations (used);
"""


def normalize_sentence(text: str) -> str:
    """Return the cache key of a sentence: NFC, runs of white space made one space, no space at either end."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


class TranslationCache:
    """Translated sentences by (pack label, normalised sentence); opens its file on first use."""

    def __init__(self, path: Path | str, *, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self.path = path
        self.max_entries = max(1, max_entries)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                self._conn = self._open()
            except sqlite3.DatabaseError as exc:
                if str(self.path) == ":memory:":
                    raise
                log.warning("translation cache %s is damaged (%s); starting an empty one", self.path, exc)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        if str(self.path) != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if str(self.path) != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, CACHE_FORMAT):
                conn.execute("DROP TABLE IF EXISTS translations")
            conn.executescript(_SCHEMA)
            conn.execute(f"PRAGMA user_version = {CACHE_FORMAT}")
            conn.commit()
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def get_many(self, pack: str, sentences: Sequence[str]) -> dict[str, str]:
        """Return the cached translations of ``sentences`` for ``pack``, keyed by normalised sentence.

        The hits are marked as recently used, so that eviction keeps them.
        """
        keys = list(dict.fromkeys(normalize_sentence(sentence) for sentence in sentences))
        found: dict[str, str] = {}
        if not keys:
            return found
        with self._lock:
            conn = self._connection()
            for start in range(0, len(keys), _QUERY_CHUNK):
                chunk = keys[start : start + _QUERY_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT source, translation FROM translations WHERE pack = ? AND source IN ({marks})",
                    [pack, *chunk],
                )
                found.update(rows)
            if found:
                self._touch(conn, pack, list(found))
        return found

    def get(self, pack: str, sentence: str) -> str | None:
        """Return the cached translation of one sentence for ``pack``, or ``None``."""
        return self.get_many(pack, [sentence]).get(normalize_sentence(sentence))

    def _touch(self, conn: sqlite3.Connection, pack: str, keys: list[str]) -> None:
        now = time.time_ns()
        try:
            with conn:
                conn.executemany(
                    "UPDATE translations SET used = ? WHERE pack = ? AND source = ?", [(now, pack, k) for k in keys]
                )
        except sqlite3.OperationalError as exc:  # another process holds the write lock: recency can wait
            log.debug("could not mark cache hits as used: %s", exc)

    def put_many(self, pack: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Store (sentence, translation) pairs for ``pack``; evict the oldest rows if the cap is passed."""
        now = time.time_ns()
        rows = [(pack, normalize_sentence(source), translation, now) for source, translation in pairs]
        rows = [row for row in rows if row[1]]
        if not rows:
            return
        with self._lock:
            conn = self._connection()
            with conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO translations (pack, source, translation, used) VALUES (?, ?, ?, ?)", rows
                )
                self._evict(conn)

    def _evict(self, conn: sqlite3.Connection) -> None:
        count = conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
        if count <= self.max_entries:
            return
        keep = int(self.max_entries * (1 - EVICTION_SLACK))
        conn.execute(
            "DELETE FROM translations WHERE (pack, source) IN "
            "(SELECT pack, source FROM translations ORDER BY used LIMIT ?)",
            (count - keep,),
        )
        log.info("translation cache: dropped %d least recently used sentences", count - keep)

    def count(self, pack: str | None = None) -> int:
        """Number of cached sentences (for one pack, or in all)."""
        with self._lock:
            conn = self._connection()
            if pack is None:
                return int(conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0])
            return int(conn.execute("SELECT COUNT(*) FROM translations WHERE pack = ?", (pack,)).fetchone()[0])

    def clear(self) -> int:
        """Delete every cached translation and shrink the file; return how many were deleted."""
        with self._lock:
            conn = self._connection()
            with conn:
                deleted = conn.execute("DELETE FROM translations").rowcount
            conn.execute("VACUUM")
        log.info("translation cache cleared (%d sentences)", deleted)
        return int(deleted)

    def close(self) -> None:
        """Close the file (it reopens on the next call)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
