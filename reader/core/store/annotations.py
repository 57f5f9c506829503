"""The reader's own marks: highlights (with colour and note) and bookmarks, anchored to an article's text.

A highlight stores character offsets into the article's cleaned text together with the quoted text and some
context (:mod:`reader.core.store.anchoring`), so that after a re-import it is found again or flagged ``orphaned``
— never dropped. Deleting returns the deleted row so the caller can offer undo (:meth:`Annotations.restore_highlight`
puts it back with the same id). Bookmarks mark a block (paragraph) and carry an optional label.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reader.core.errors import StoreError
from reader.core.model import Article
from reader.core.store.anchoring import Anchor, make_anchor, reanchor
from reader.core.store.db import Store, register_migrations
from reader.core.store.library import ArticleNotFoundError, ArticleSource, Library, utc_now

migrations = register_migrations(Migrations("annotations"))

#: Highlight colours by name; the GUI maps each to a light and a dark theme colour.
HIGHLIGHT_COLOURS = ("yellow", "green", "blue", "pink", "purple")
#: Characters of a block kept with a bookmark, to show in lists and to find the block after a re-import.
SNIPPET_CHARS = 40


@migrations()
def m001_highlights_bookmarks(db: Database) -> None:
    """Create the highlights and bookmarks tables."""
    # AUTOINCREMENT: ids are never reused, so restoring a deleted mark (undo) cannot overwrite a newer one.
    db.execute(
        """CREATE TABLE highlights (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            colour TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            orphaned INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX highlights_article ON highlights(article_id, start_offset)")
    db.execute(
        """CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            block_index INTEGER NOT NULL,
            char_offset INTEGER NOT NULL,
            snippet TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            orphaned INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE UNIQUE INDEX bookmarks_block ON bookmarks(article_id, block_index) WHERE orphaned = 0")


@dataclass(frozen=True, slots=True)
class Highlight:
    """A highlighted span ``[start, end)`` of an article's text; ``orphaned`` if its quote was lost on re-import."""

    id: int
    article_id: int
    start: int
    end: int
    quote: str
    colour: str
    note: str
    orphaned: bool
    created_at: datetime
    updated_at: datetime
    prefix: str = field(default="", repr=False)
    suffix: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A bookmarked block of an article, with the start of its text (``snippet``) and the article's title."""

    id: int
    article_id: int
    block_index: int
    char_offset: int
    snippet: str
    label: str
    orphaned: bool
    created_at: datetime
    article_title: str = ""


@dataclass(slots=True)
class ReanchorReport:
    """What a re-import did to an article's marks: how many stayed or moved, and which were orphaned."""

    kept: int = 0
    moved: int = 0
    orphaned: list[Highlight] = field(default_factory=list)
    bookmarks_moved: int = 0
    bookmarks_orphaned: list[Bookmark] = field(default_factory=list)


_HIGHLIGHT_COLUMNS = (
    "id, article_id, start_offset, end_offset, quote, colour, note, orphaned, created_at, updated_at, prefix, suffix"
)
_BOOKMARK_SELECT = (
    "SELECT b.id, b.article_id, b.block_index, b.char_offset, b.snippet, b.label, b.orphaned, b.created_at, "
    "coalesce(a.title, '') FROM bookmarks b LEFT JOIN articles a ON a.id = b.article_id"
)


class Annotations:
    """Highlights and bookmarks in the store (thread-safe; each call holds the store's lock)."""

    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self._clock = clock

    def _now(self) -> str:
        return self._clock().isoformat()

    # -- highlights ---------------------------------------------------------------------------------------------

    def add_highlight(
        self, article_id: int, start: int, end: int, *, colour: str = "yellow", note: str = ""
    ) -> Highlight:
        """Highlight ``[start, end)`` of the article's text; the quote and its context are taken from the text.

        Raises :class:`StoreError` for an empty or out-of-range span or an unknown colour.
        """
        _check_colour(colour)
        now = self._now()
        with self.store.write() as db:
            text = _article_text(db, article_id)
            if not 0 <= start < end <= len(text):
                raise StoreError(f"The highlight {start}–{end} is outside the article's text.")
            anchor = make_anchor(text, start, end)
            cursor = db.execute(
                f"INSERT INTO highlights ({_HIGHLIGHT_COLUMNS}) VALUES (NULL, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
                [article_id, start, end, anchor.quote, colour, note, now, now, anchor.prefix, anchor.suffix],
            )
            return self._get_highlight(db, int(cursor.lastrowid or 0))

    def get_highlight(self, highlight_id: int) -> Highlight:
        """Return one highlight; :class:`StoreError` if it does not exist."""
        with self.store.read() as db:
            return self._get_highlight(db, highlight_id)

    def _get_highlight(self, db: Database, highlight_id: int) -> Highlight:
        row = db.execute(f"SELECT {_HIGHLIGHT_COLUMNS} FROM highlights WHERE id = ?", [highlight_id]).fetchone()
        if row is None:
            raise StoreError(f"There is no highlight #{highlight_id}.")
        return _highlight(row)

    def list_highlights(self, article_id: int, *, include_orphaned: bool = True) -> list[Highlight]:
        """Return an article's highlights in reading order; orphaned ones (if included) come last."""
        sql = f"SELECT {_HIGHLIGHT_COLUMNS} FROM highlights WHERE article_id = ?"
        if not include_orphaned:
            sql += " AND orphaned = 0"
        with self.store.read() as db:
            rows = db.execute(sql + " ORDER BY orphaned, start_offset, end_offset, id", [article_id]).fetchall()
        return [_highlight(row) for row in rows]

    def update_highlight(self, highlight_id: int, *, colour: str | None = None, note: str | None = None) -> Highlight:
        """Change a highlight's colour and/or note and return it; the previous version is what undo restores."""
        if colour is not None:
            _check_colour(colour)
        with self.store.write() as db:
            current = self._get_highlight(db, highlight_id)
            db.execute(
                "UPDATE highlights SET colour = ?, note = ?, updated_at = ? WHERE id = ?",
                [colour or current.colour, current.note if note is None else note, self._now(), highlight_id],
            )
            return self._get_highlight(db, highlight_id)

    def delete_highlight(self, highlight_id: int) -> Highlight:
        """Delete a highlight and return it, so that :meth:`restore_highlight` can undo the deletion."""
        with self.store.write() as db:
            highlight = self._get_highlight(db, highlight_id)
            db.execute("DELETE FROM highlights WHERE id = ?", [highlight_id])
        return highlight

    def restore_highlight(self, highlight: Highlight) -> Highlight:
        """Put back a deleted (or edited) highlight exactly as it was, under its old id; return it."""
        with self.store.write() as db:
            _article_text(db, highlight.article_id)
            db.execute(
                f"INSERT OR REPLACE INTO highlights ({_HIGHLIGHT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _highlight_values(highlight),
            )
            return self._get_highlight(db, highlight.id)

    # -- bookmarks ----------------------------------------------------------------------------------------------

    def toggle_bookmark(self, article_id: int, block_index: int, *, label: str = "") -> Bookmark | None:
        """Bookmark a block, or remove its bookmark if it has one; return the new bookmark or ``None``."""
        with self.store.write() as db:
            existing = self._bookmark_at(db, article_id, block_index)
            if existing is not None:
                db.execute("DELETE FROM bookmarks WHERE id = ?", [existing.id])
                return None
            return self.add_bookmark(article_id, block_index, label=label)

    def add_bookmark(self, article_id: int, block_index: int, *, label: str = "") -> Bookmark:
        """Bookmark a block (or relabel its existing bookmark) and return the bookmark."""
        with self.store.write() as db:
            article = Library(self.store).load_article(article_id)
            if not 0 <= block_index < len(article.blocks):
                raise StoreError(f"The article has no paragraph number {block_index + 1}.")
            block = article.blocks[block_index]
            existing = self._bookmark_at(db, article_id, block_index)
            if existing is not None:
                db.execute("UPDATE bookmarks SET label = ? WHERE id = ?", [label.strip(), existing.id])
                return self._get_bookmark(db, existing.id)
            cursor = db.execute(
                "INSERT INTO bookmarks (article_id, block_index, char_offset, snippet, label, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [article_id, block_index, block.start, block.text[:SNIPPET_CHARS], label.strip(), self._now()],
            )
            return self._get_bookmark(db, int(cursor.lastrowid or 0))

    def set_bookmark_label(self, bookmark_id: int, label: str) -> Bookmark:
        """Change a bookmark's label and return it."""
        with self.store.write() as db:
            self._get_bookmark(db, bookmark_id)
            db.execute("UPDATE bookmarks SET label = ? WHERE id = ?", [label.strip(), bookmark_id])
            return self._get_bookmark(db, bookmark_id)

    def delete_bookmark(self, bookmark_id: int) -> Bookmark:
        """Delete a bookmark and return it for undo (:meth:`restore_bookmark`)."""
        with self.store.write() as db:
            bookmark = self._get_bookmark(db, bookmark_id)
            db.execute("DELETE FROM bookmarks WHERE id = ?", [bookmark_id])
        return bookmark

    def restore_bookmark(self, bookmark: Bookmark) -> Bookmark:
        """Put back a deleted bookmark under its old id and return it."""
        with self.store.write() as db:
            _article_text(db, bookmark.article_id)
            db.execute(
                "INSERT OR REPLACE INTO bookmarks (id, article_id, block_index, char_offset, snippet, label, orphaned, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    bookmark.id,
                    bookmark.article_id,
                    bookmark.block_index,
                    bookmark.char_offset,
                    bookmark.snippet,
                    bookmark.label,
                    int(bookmark.orphaned),
                    bookmark.created_at.isoformat(),
                ],
            )
            return self._get_bookmark(db, bookmark.id)

    def bookmark_at(self, article_id: int, block_index: int) -> Bookmark | None:
        """Return the bookmark on a block, if any (to show the toggle's state)."""
        with self.store.read() as db:
            return self._bookmark_at(db, article_id, block_index)

    def list_bookmarks(self, article_id: int | None = None) -> list[Bookmark]:
        """Return the bookmarks of one article in reading order, or (``None``) of the whole library by title."""
        where, params = ("WHERE b.article_id = ?", [article_id]) if article_id is not None else ("", [])
        order = "ORDER BY b.orphaned, a.title COLLATE NOCASE, b.article_id, b.block_index"
        with self.store.read() as db:
            return [_bookmark(row) for row in db.execute(f"{_BOOKMARK_SELECT} {where} {order}", params).fetchall()]

    def _bookmark_at(self, db: Database, article_id: int, block_index: int) -> Bookmark | None:
        row = db.execute(
            f"{_BOOKMARK_SELECT} WHERE b.article_id = ? AND b.block_index = ? AND b.orphaned = 0",
            [article_id, block_index],
        ).fetchone()
        return _bookmark(row) if row else None

    def _get_bookmark(self, db: Database, bookmark_id: int) -> Bookmark:
        row = db.execute(f"{_BOOKMARK_SELECT} WHERE b.id = ?", [bookmark_id]).fetchone()
        if row is None:
            raise StoreError(f"There is no bookmark #{bookmark_id}.")
        return _bookmark(row)

    # -- re-anchoring -------------------------------------------------------------------------------------------

    def reanchor(self, article_id: int, new_article: Article) -> ReanchorReport:
        """Find every highlight and bookmark of the article again in ``new_article``'s text; report the outcome.

        Marks whose text is gone are flagged orphaned (kept, listed last); orphans whose text came back are
        re-attached.
        """
        text = new_article.text
        report = ReanchorReport()
        with self.store.write() as db:
            rows = db.execute(f"SELECT {_HIGHLIGHT_COLUMNS} FROM highlights WHERE article_id = ?", [article_id])
            for highlight in [_highlight(row) for row in rows.fetchall()]:
                self._reanchor_highlight(db, highlight, text, report)
            rows = db.execute(f"{_BOOKMARK_SELECT} WHERE b.article_id = ? ORDER BY b.orphaned, b.id", [article_id])
            bookmarks = [_bookmark(row) for row in rows.fetchall()]
            db.execute("UPDATE bookmarks SET orphaned = 1 WHERE article_id = ?", [article_id])
            for bookmark in bookmarks:
                self._reanchor_bookmark(db, bookmark, new_article, report)
        return report

    def _reanchor_highlight(self, db: Database, highlight: Highlight, text: str, report: ReanchorReport) -> None:
        anchor = Anchor(highlight.start, highlight.end, highlight.quote, highlight.prefix, highlight.suffix)
        found = reanchor(anchor, text)
        if found is None:
            db.execute("UPDATE highlights SET orphaned = 1 WHERE id = ?", [highlight.id])
            report.orphaned.append(replace(highlight, orphaned=True))
            return
        if found == (highlight.start, highlight.end) and not highlight.orphaned:
            report.kept += 1
        else:
            report.moved += 1
        fresh = make_anchor(text, *found)
        db.execute(
            "UPDATE highlights SET start_offset = ?, end_offset = ?, quote = ?, prefix = ?, suffix = ?, orphaned = 0 "
            "WHERE id = ?",
            [fresh.start, fresh.end, fresh.quote, fresh.prefix, fresh.suffix, highlight.id],
        )

    def _reanchor_bookmark(self, db: Database, bookmark: Bookmark, article: Article, report: ReanchorReport) -> None:
        anchor = Anchor(bookmark.char_offset, bookmark.char_offset + len(bookmark.snippet), bookmark.snippet, "", "")
        found = reanchor(anchor, article.text) if bookmark.snippet else None
        block_index = _block_at(article, found[0]) if found else None
        if block_index is None or self._bookmark_at(db, bookmark.article_id, block_index) is not None:
            report.bookmarks_orphaned.append(replace(bookmark, orphaned=True))
            return
        block = article.blocks[block_index]
        if block_index != bookmark.block_index or block.start != bookmark.char_offset:
            report.bookmarks_moved += 1
        db.execute(
            "UPDATE bookmarks SET block_index = ?, char_offset = ?, snippet = ?, orphaned = 0 WHERE id = ?",
            [block_index, block.start, block.text[:SNIPPET_CHARS], bookmark.id],
        )


def reimport_article(
    library: Library,
    annotations: Annotations,
    article_id: int,
    article: Article,
    source: ArticleSource | None = None,
) -> ReanchorReport:
    """Replace an article's content with a fresh import and re-anchor its marks, all in one transaction."""
    with library.store.write():
        library.replace_content(article_id, article, source)
        return annotations.reanchor(article_id, article)


def _article_text(db: Database, article_id: int) -> str:
    row = db.execute("SELECT text FROM article_content WHERE article_id = ?", [article_id]).fetchone()
    if row is None:
        raise ArticleNotFoundError(f"There is no article #{article_id} in the library.")
    return str(row[0])


def _block_at(article: Article, offset: int) -> int | None:
    for index, block in enumerate(article.blocks):
        if block.start <= offset < block.end:
            return index
    return None


def _check_colour(colour: str) -> None:
    if colour not in HIGHLIGHT_COLOURS:
        raise StoreError(f"Unknown highlight colour {colour!r}; use one of {', '.join(HIGHLIGHT_COLOURS)}.")


def _highlight(row: tuple[Any, ...]) -> Highlight:
    (hid, article_id, start, end, quote, colour, note, orphaned, created, updated, prefix, suffix) = row
    return Highlight(
        int(hid),
        int(article_id),
        int(start),
        int(end),
        str(quote),
        str(colour),
        str(note),
        bool(orphaned),
        datetime.fromisoformat(created),
        datetime.fromisoformat(updated),
        str(prefix),
        str(suffix),
    )


def _highlight_values(h: Highlight) -> list[Any]:
    return [
        h.id,
        h.article_id,
        h.start,
        h.end,
        h.quote,
        h.colour,
        h.note,
        int(h.orphaned),
        h.created_at.isoformat(),
        h.updated_at.isoformat(),
        h.prefix,
        h.suffix,
    ]


def _bookmark(row: tuple[Any, ...]) -> Bookmark:
    (bid, article_id, block_index, offset, snippet, label, orphaned, created, title) = row
    return Bookmark(
        int(bid),
        int(article_id),
        int(block_index),
        int(offset),
        str(snippet),
        str(label),
        bool(orphaned),
        datetime.fromisoformat(created),
        str(title),
    )
