"""The lines an import left out of a file (site lines, watermarks, a table of contents), kept for the user to see.

An importer lists every line it leaves out on purpose (:class:`reader.core.importers.DroppedLine`); the library
keeps that list with the first article the import stored, so that the reading window can show it later for that
article or for any chapter of its book (File ▸ Lines Left Out…). Deleting the article deletes its list; importing
the file again replaces it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reader.core.store.db import Store, register_migrations

if TYPE_CHECKING:  # the importers package pulls in every parser: opening the store must not wait for them
    from reader.core.importers.source import DroppedLine

migrations = register_migrations(Migrations("dropped"))


@migrations()
def m001_dropped_lines(db: Database) -> None:
    """Create the table of left-out lines."""
    db.execute(
        """CREATE TABLE dropped_lines (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            line INTEGER NOT NULL,
            text TEXT NOT NULL,
            reason TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX dropped_lines_article ON dropped_lines(article_id, id)")


@dataclass(frozen=True, slots=True)
class LoggedLine:
    """One left-out line as the log keeps it: its line number in the file (0 if none), its text and why."""

    line: int
    text: str
    reason: str


class DroppedLog:
    """The left-out lines of each import, stored with the import's first article (thread-safe like the store)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, article_id: int, lines: Sequence[DroppedLine]) -> None:
        """Keep ``lines`` (in file order) as the log of the import whose first article is ``article_id``."""
        with self.store.write() as db:
            db.execute("DELETE FROM dropped_lines WHERE article_id = ?", [article_id])
            db.conn.executemany(
                "INSERT INTO dropped_lines (article_id, line, text, reason) VALUES (?, ?, ?, ?)",
                [(article_id, line.line, line.text, line.reason) for line in lines],
            )

    def for_article(self, article_id: int) -> list[LoggedLine]:
        """The lines left out of the file ``article_id`` came from: its own import's, or its book's."""
        with self.store.read() as db:
            rows = db.execute(
                """SELECT d.line, d.text, d.reason FROM dropped_lines d JOIN articles a ON a.id = d.article_id
                WHERE a.id = ? OR a.book_id = (SELECT book_id FROM articles WHERE id = ?)
                ORDER BY d.id""",
                [article_id, article_id],
            ).fetchall()
        return [LoggedLine(line, text, reason) for line, text, reason in rows]
