"""Check Database: SQLite's full integrity check, a rebuild of the search index, and a report in words.

The GUI's File ▸ Check Database and ``reader check`` both call :func:`check_database`. The search index is
derived data (the articles' text and stored translations are the truth), so it is rebuilt from them rather than
repaired, one article per transaction, so an interrupted check leaves every article indexed (old or new rows).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from reader.core.store import search_index, translations
from reader.core.store.db import Store
from reader.core.store.library import Library

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What :func:`check_database` found and did."""

    problems: tuple[str, ...]
    articles: int
    deck_entries: int
    highlights: int
    index_rebuilt: bool
    seconds: float

    @property
    def sound(self) -> bool:
        """True when SQLite found no damage."""
        return not self.problems

    def summary(self) -> str:
        """The report as one or two sentences for the learner."""
        contents = (
            f"{self.articles} article{'s' * (self.articles != 1)}, {self.deck_entries} deck "
            f"entr{'ies' if self.deck_entries != 1 else 'y'}, {self.highlights} "
            f"highlight{'s' * (self.highlights != 1)}"
        )
        if not self.sound:
            shown = "; ".join(self.problems[:3])
            return (
                f"The database is damaged ({len(self.problems)} problem{'s' * (len(self.problems) != 1)}: {shown}). "
                "Restore a backup (File ▸ Restore a Backup…)."
            )
        rebuilt = " The search index was rebuilt." if self.index_rebuilt else ""
        return f"The database is sound: {contents}.{rebuilt}"


def check_database(store: Store, *, rebuild_index: bool = True) -> CheckReport:
    """Run SQLite's full integrity check on ``store``; if sound, rebuild the search index; return the report."""
    started = time.perf_counter()
    problems = tuple(store.integrity_problems(full=True))
    rebuilt = False
    if not problems and rebuild_index:
        rebuild_search_index(store)
        rebuilt = True
    with store.read() as db:
        articles = db.execute("SELECT count(*) FROM articles WHERE deleted_at IS NULL").fetchone()[0]
        entries = db.execute("SELECT count(*) FROM deck_entries").fetchone()[0]
        highlights = db.execute("SELECT count(*) FROM highlights").fetchone()[0]
    report = CheckReport(problems, int(articles), int(entries), int(highlights), rebuilt, time.perf_counter() - started)
    log.info("check database: %s (%.2f s)", report.summary(), report.seconds)
    return report


def rebuild_search_index(store: Store) -> int:
    """Rebuild both full-text indexes from the stored articles and translations; return the articles indexed.

    One short transaction per article (the window's own reads wait for one article at most), then one that drops
    rows of articles that no longer exist.
    """
    library = Library(store)
    with store.read() as db:
        ids = [int(row[0]) for row in db.execute("SELECT id FROM articles WHERE deleted_at IS NULL")]
    for article_id in ids:
        article = library.load_article(article_id)
        with store.write() as db:
            search_index.index_article(db, article_id, article)
            translations.reindex(db, article_id, article)
    with store.write() as db:
        for table in ("search_zh", "search_en"):
            db.execute(
                f"DELETE FROM {table} WHERE (rowid >> ?) NOT IN (SELECT id FROM articles WHERE deleted_at IS NULL)",
                [search_index.ROWID_SHIFT],
            )
    return len(ids)
