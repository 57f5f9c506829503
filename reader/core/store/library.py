"""The library: imported articles with their text, structure, analysis, tags and reading position.

An article is stored as its stable cleaned text (:attr:`reader.core.model.Article.text`, which highlights and
bookmarks are anchored to) plus compact JSON for its blocks and sentences, so reopening needs no repair; the
analysis (tokens, pinyin) can be stored too, keyed by the caller's ``analysis_key`` (e.g. a fingerprint of the
segmenter's dictionary and the user's corrections) so stale tokens are never shown. The sidebar list reads only
the small ``articles`` table.

Every write runs in one transaction (:meth:`Store.write`); the full-text index (:mod:`reader.core.store.search`)
is updated in the same transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reader.core.cleantext import clean_field, storable
from reader.core.errors import StoreError
from reader.core.model import Article
from reader.core.store import search_index, translations
from reader.core.store.codec import apply_analysis, decode_structure, encode_analysis, encode_structure
from reader.core.store.db import Store, register_migrations

migrations = register_migrations(Migrations("library"))

#: Tables of this module, and what an import derives from the file (the log of lines it left out:
#: :mod:`reader.core.store.dropped`); rows elsewhere that reference an article count as its annotations.
_OWN_TABLES = frozenset({"articles", "article_content", "article_tags", "sentence_translations", "dropped_lines"})
_TAG_SEPARATOR = "\x1f"


@migrations()
def m001_articles(db: Database) -> None:
    """Create the articles, their content, tags and sentence translations."""
    db.execute(
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            source_path TEXT,
            source_kind TEXT NOT NULL,
            source_index INTEGER NOT NULL DEFAULT 0,
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            opened_at TEXT,
            content_hash TEXT NOT NULL,
            char_count INTEGER NOT NULL,
            block_count INTEGER NOT NULL,
            position_block INTEGER NOT NULL DEFAULT 0,
            position_offset INTEGER NOT NULL DEFAULT 0,
            progress REAL NOT NULL DEFAULT 0,
            deleted_at TEXT
        )"""
    )
    db.execute("CREATE INDEX articles_hash ON articles(content_hash)")
    db.execute("CREATE INDEX articles_opened ON articles(opened_at)")
    db.execute(
        """CREATE TABLE article_content (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            structure TEXT NOT NULL,
            analysis TEXT,
            analysis_key TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE article_tags (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (article_id, tag)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX article_tags_tag ON article_tags(tag)")
    db.execute(
        """CREATE TABLE sentence_translations (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            block_index INTEGER NOT NULL,
            sentence_index INTEGER NOT NULL,
            text TEXT NOT NULL,
            source TEXT,
            PRIMARY KEY (article_id, block_index, sentence_index)
        ) WITHOUT ROWID"""
    )


@migrations()
def m002_books(db: Database) -> None:
    """Add books: a book holds its chapters (articles) in reading order, with its title, author and front matter.

    Articles imported earlier from one EPUB (several articles with the same file) are gathered into a book named
    after the file, in their order in the file; other articles stay single articles.
    """
    db.execute(
        """CREATE TABLE books (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            author TEXT,
            blurb TEXT,
            front_matter TEXT,
            source_path TEXT,
            source_kind TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            opened_at TEXT,
            deleted_at TEXT
        )"""
    )
    db.execute("ALTER TABLE articles ADD COLUMN book_id INTEGER REFERENCES books(id) ON DELETE SET NULL")
    db.execute("ALTER TABLE articles ADD COLUMN chapter_index INTEGER")
    db.execute("ALTER TABLE articles ADD COLUMN chapter_part TEXT")  # the volume (卷/部) a chapter sits under
    db.execute("CREATE INDEX articles_book ON articles(book_id, chapter_index)")
    groups = db.execute(
        "SELECT source_path, min(imported_at), max(opened_at) FROM articles "
        "WHERE source_kind = 'epub' AND source_path IS NOT NULL AND deleted_at IS NULL "
        "GROUP BY source_path HAVING count(*) > 1"
    ).fetchall()
    for path, imported, opened in groups:
        name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
        title = name.rsplit(".", 1)[0] if "." in name else name
        cursor = db.execute(
            "INSERT INTO books (title, source_path, source_kind, imported_at, opened_at) VALUES (?, ?, 'epub', ?, ?)",
            [title, path, imported, opened],
        )
        ids = db.execute(
            "SELECT id FROM articles WHERE source_path = ? AND source_kind = 'epub' AND deleted_at IS NULL "
            "ORDER BY source_index, id",
            [path],
        ).fetchall()
        for index, (article_id,) in enumerate(ids):
            db.execute(
                "UPDATE articles SET book_id = ?, chapter_index = ? WHERE id = ?", [cursor.lastrowid, index, article_id]
            )


class ArticleNotFoundError(StoreError):
    """The article id names no article in the library (it was deleted, or never existed)."""


class ArticleSort(StrEnum):
    """Orders for the library list."""

    TITLE = "title"
    IMPORTED = "imported"
    OPENED = "opened"
    PROGRESS = "progress"
    LENGTH = "length"


_SORT_SQL = {
    ArticleSort.TITLE: ("title COLLATE NOCASE", False),
    ArticleSort.IMPORTED: ("imported_at", True),
    ArticleSort.OPENED: ("coalesce(opened_at, '')", True),
    ArticleSort.PROGRESS: ("progress", True),
    ArticleSort.LENGTH: ("char_count", True),
}


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """Where an article came from: a file (``path``, its ``kind`` such as ``text``, ``pdf`` or ``epub``) or pasted text.

    ``index`` is the article's position among the articles of its file, so that a re-import finds it again.
    """

    path: str | None = None
    kind: str = "text"
    index: int = 0


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the library list."""

    id: int
    title: str
    source: ArticleSource
    imported_at: datetime
    opened_at: datetime | None
    char_count: int
    progress: float
    tags: tuple[str, ...]
    content_hash: str
    book_id: int | None = None
    chapter_index: int | None = None
    chapter_part: str | None = None


@dataclass(frozen=True, slots=True)
class ReadingPosition:
    """Where the reader is in an article: a block, a character offset into the article's text, and % read."""

    article_id: int
    block_index: int
    char_offset: int
    progress: float


def utc_now() -> datetime:
    """The current time in UTC (the library's clock unless a test passes another)."""
    return datetime.now(UTC)


def content_hash(text: str) -> str:
    """Return the SHA-256 of an article's cleaned text (identifies identical content)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Library:
    """The articles in the store. Thread-safe: every call holds the store's lock for its duration."""

    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self._clock = clock

    def _now(self) -> str:
        return self._clock().isoformat()

    # -- adding and changing articles ---------------------------------------------------------------------------

    def add_article(
        self, article: Article, source: ArticleSource | None = None, *, analysis_key: str | None = None
    ) -> int:
        """Store ``article`` and return its id.

        Identical content already in the library is not added twice: its id is returned instead (an article
        deleted with its highlights kept comes back, highlights and all). The analysis is stored only if every
        sentence has tokens and ``analysis_key`` is given.
        """
        source = _storable_source(source or ArticleSource())
        text = article.text
        digest = content_hash(text)
        title = _title_of(article, source)
        with self.store.write() as db:
            existing = db.execute(
                "SELECT id, deleted_at FROM articles WHERE content_hash = ? ORDER BY deleted_at IS NOT NULL LIMIT 1",
                [digest],
            ).fetchone()
            if existing is not None:
                if existing[1] is not None:
                    self.revive(db, existing[0], title, source)
                return int(existing[0])
            return self.insert_article(db, article, source, title, analysis_key=analysis_key)

    def insert_article(
        self,
        db: Database,
        article: Article,
        source: ArticleSource,
        title: str,
        *,
        analysis_key: str | None = None,
    ) -> int:
        """Insert a new article row, its content, translations and index rows inside the caller's transaction.

        For :mod:`reader.core.store.books`, which places chapters in the same transaction; callers outside the
        store use :meth:`add_article`.
        """
        text = article.text
        now = self._now()
        cursor = db.execute(
            """INSERT INTO articles (title, source_path, source_kind, source_index, imported_at, updated_at,
               content_hash, char_count, block_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                title,
                source.path,
                source.kind,
                source.index,
                now,
                now,
                content_hash(text),
                len(text),
                len(article.blocks),
            ],
        )
        article_id = int(cursor.lastrowid or 0)
        db.execute(
            "INSERT INTO article_content (article_id, text, structure) VALUES (?, ?, ?)",
            [article_id, text, encode_structure(article)],
        )
        search_index.index_article(db, article_id, article)
        if translations.store(db, article_id, article, None):
            translations.reindex(db, article_id, article)
        if analysis_key is not None and _is_analysed(article):
            self._store_analysis(db, article_id, article, analysis_key)
        return article_id

    def revive(self, db: Database, article_id: int, title: str, source: ArticleSource) -> None:
        """Bring back a hidden article (imported again) inside the caller's transaction, re-indexing it."""
        db.execute(
            """UPDATE articles SET deleted_at = NULL, title = ?, source_path = ?, source_kind = ?, source_index = ?,
               updated_at = ? WHERE id = ?""",
            [title, source.path, source.kind, source.index, self._now(), article_id],
        )
        article = self._load_structure(db, article_id)
        search_index.index_article(db, article_id, article)
        translations.reindex(db, article_id, article)

    def replace_content(self, article_id: int, article: Article, source: ArticleSource | None = None) -> str:
        """Replace an article's text and structure (a re-import) and return the old text.

        The stored analysis is dropped; translations are kept for sentences whose text is unchanged. Use
        :func:`reader.core.store.annotations.reimport_article` to re-anchor highlights and bookmarks in the same
        transaction.
        """
        text = article.text
        with self.store.write() as db:
            old = self._load_structure(db, article_id)
            kept = translations.carry_over(db, article_id, old, article)
            fields: dict[str, Any] = {
                "content_hash": content_hash(text),
                "char_count": len(text),
                "block_count": len(article.blocks),
                "updated_at": self._now(),
            }
            if source is not None:
                fields.update(source_path=source.path, source_kind=source.kind, source_index=source.index)
            assignments = ", ".join(f"{name} = ?" for name in fields)
            db.execute(f"UPDATE articles SET {assignments} WHERE id = ?", [*fields.values(), article_id])
            db.execute(
                "UPDATE article_content SET text = ?, structure = ?, analysis = NULL, analysis_key = NULL "
                "WHERE article_id = ?",
                [text, encode_structure(article), article_id],
            )
            db.execute("DELETE FROM sentence_translations WHERE article_id = ?", [article_id])
            search_index.index_article(db, article_id, article)
            translations.store(db, article_id, kept, None)
            translations.reindex(db, article_id, article)
            self._clamp_position(db, article_id, len(article.blocks), len(text))
        return old.text

    def _clamp_position(self, db: Database, article_id: int, blocks: int, chars: int) -> None:
        db.execute(
            "UPDATE articles SET position_block = min(position_block, max(?, 0)), "
            "position_offset = min(position_offset, ?) WHERE id = ?",
            [blocks - 1, chars, article_id],
        )

    def rename(self, article_id: int, title: str) -> None:
        """Give an article a new title (blank titles are refused with a :class:`StoreError`)."""
        title = " ".join(title.split())
        if not title:
            raise StoreError("An article needs a title.")
        with self.store.write() as db:
            self._require(db, article_id)
            db.execute("UPDATE articles SET title = ?, updated_at = ? WHERE id = ?", [title, self._now(), article_id])

    def delete_article(self, article_id: int, *, with_annotations: bool = False) -> bool:
        """Delete an article; return True if it is gone, False if it was only hidden.

        With ``with_annotations`` (the user agreed), its highlights and bookmarks are deleted with it. Without,
        an article that still has highlights or bookmarks is hidden from the library and search but kept, so they
        stay readable; importing the same content again brings it back. Deck entries only lose their link.
        """
        with self.store.write() as db:
            self._require(db, article_id)
            book = db.execute("SELECT book_id FROM articles WHERE id = ?", [article_id]).fetchone()[0]
            search_index.drop_article(db, article_id)
            if not with_annotations and self._annotation_count(db, article_id):
                db.execute("UPDATE articles SET deleted_at = ? WHERE id = ?", [self._now(), article_id])
                gone = False
            else:
                db.execute("DELETE FROM articles WHERE id = ?", [article_id])
                gone = True
            if book is not None:
                self._tidy_book(db, int(book))
            return gone

    def _tidy_book(self, db: Database, book_id: int) -> None:
        """Delete a book left without chapters; hide one whose chapters are all hidden."""
        visible, hidden = db.execute(
            "SELECT count(*) FILTER (WHERE deleted_at IS NULL), count(*) FILTER (WHERE deleted_at IS NOT NULL) "
            "FROM articles WHERE book_id = ?",
            [book_id],
        ).fetchone()
        if not visible and not hidden:
            db.execute("DELETE FROM books WHERE id = ?", [book_id])
        elif not visible:
            db.execute("UPDATE books SET deleted_at = ? WHERE id = ?", [self._now(), book_id])

    def annotation_count(self, article_id: int) -> int:
        """Count the rows of other parts of the store (highlights, bookmarks) that would go with the article."""
        with self.store.read() as db:
            return self._annotation_count(db, article_id)

    def _annotation_count(self, db: Database, article_id: int) -> int:
        total = 0
        for table, column in _cascading_references(db):
            total += db.execute(f"SELECT count(*) FROM [{table}] WHERE [{column}] = ?", [article_id]).fetchone()[0]
        return int(total)

    # -- tags ---------------------------------------------------------------------------------------------------

    def set_tags(self, article_id: int, tags: Iterable[str]) -> tuple[str, ...]:
        """Replace an article's tags (trimmed, blank and duplicate tags dropped); return them sorted."""
        clean = tuple(sorted({" ".join(tag.split()) for tag in tags} - {""}))
        with self.store.write() as db:
            self._require(db, article_id)
            db.execute("DELETE FROM article_tags WHERE article_id = ?", [article_id])
            db.conn.executemany(
                "INSERT INTO article_tags (article_id, tag) VALUES (?, ?)", [(article_id, t) for t in clean]
            )
        return clean

    def all_tags(self) -> list[tuple[str, int]]:
        """Return every tag in use with the number of (visible) articles that carry it, by name."""
        with self.store.read() as db:
            rows = db.execute(
                "SELECT tag, count(*) FROM article_tags JOIN articles ON articles.id = article_id "
                "WHERE deleted_at IS NULL GROUP BY tag ORDER BY tag"
            ).fetchall()
        return [(str(tag), int(count)) for tag, count in rows]

    # -- listing ------------------------------------------------------------------------------------------------

    def list_articles(
        self,
        sort: ArticleSort | str = ArticleSort.IMPORTED,
        *,
        descending: bool | None = None,
        text: str = "",
        tag: str | None = None,
        kind: str | None = None,
        hidden: bool = False,
        book: int | None = None,
    ) -> list[ArticleSummary]:
        """Return the visible articles for the sidebar, sorted and filtered.

        ``text`` keeps articles whose title or source path contains it (case-insensitive); ``tag`` and ``kind``
        keep those with that tag or source kind. ``descending`` defaults to newest/largest first, except for
        titles (A→Z). ``hidden=True`` lists instead the deleted articles kept for their highlights or bookmarks.
        ``book`` lists the chapters of that book, in reading order whatever ``sort`` says.
        """
        order, default_descending = _SORT_SQL[ArticleSort(sort)]
        direction = "DESC" if (default_descending if descending is None else descending) else "ASC"
        if book is not None:
            order, direction = "chapter_index", "ASC"
        where = ["deleted_at IS NOT NULL" if hidden else "deleted_at IS NULL"]
        params: list[Any] = []
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(title LIKE ? ESCAPE '\\' OR coalesce(source_path, '') LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        if tag:
            where.append("id IN (SELECT article_id FROM article_tags WHERE tag = ?)")
            params.append(tag)
        if kind:
            where.append("source_kind = ?")
            params.append(kind)
        if book is not None:
            where.append("book_id = ?")
            params.append(book)
        sql = f"{_SUMMARY_SELECT} WHERE {' AND '.join(where)} ORDER BY {order} {direction}, id {direction}"
        with self.store.read() as db:
            return [_summary(row) for row in db.execute(sql, params).fetchall()]

    def get_summary(self, article_id: int) -> ArticleSummary:
        """Return one article's library row (also for a hidden article); :class:`ArticleNotFoundError` if none."""
        with self.store.read() as db:
            row = db.execute(f"{_SUMMARY_SELECT} WHERE id = ?", [article_id]).fetchone()
        if row is None:
            raise ArticleNotFoundError(f"There is no article #{article_id} in the library.")
        return _summary(row)

    def find_by_hash(self, digest: str) -> int | None:
        """Return the id of the visible article with this :func:`content_hash`, if any."""
        with self.store.read() as db:
            row = db.execute(
                "SELECT id FROM articles WHERE content_hash = ? AND deleted_at IS NULL LIMIT 1", [digest]
            ).fetchone()
        return int(row[0]) if row else None

    def find_by_source(self, path: str, index: int = 0) -> int | None:
        """Return the id of the visible article imported from ``path`` (its ``index``-th article), if any."""
        with self.store.read() as db:
            row = db.execute(
                "SELECT id FROM articles WHERE source_path = ? AND source_index = ? AND deleted_at IS NULL "
                "ORDER BY id DESC LIMIT 1",
                [path, index],
            ).fetchone()
        return int(row[0]) if row else None

    # -- loading ------------------------------------------------------------------------------------------------

    def load_article(self, article_id: int, *, analysis_key: str | None = None) -> Article:
        """Return the stored article: blocks, sentences and known translations, without re-running repair.

        Its ``title`` is the library's title (which the user may have renamed).

        Its sentences have tokens only if an analysis was stored under ``analysis_key`` (pass ``None`` to skip
        tokens); otherwise the caller tokenizes it and may :meth:`save_analysis`.
        """
        with self.store.read() as db:
            row = db.execute(
                "SELECT a.title, c.text, c.structure, c.analysis, c.analysis_key FROM articles a "
                "JOIN article_content c ON c.article_id = a.id WHERE a.id = ?",
                [article_id],
            ).fetchone()
            if row is None:
                raise ArticleNotFoundError(f"There is no article #{article_id} in the library.")
            english = translations.rows(db, article_id)
        title, text, structure, analysis, stored_key = row
        article = decode_structure(title, text, structure)
        if analysis is not None and analysis_key is not None and analysis_key == stored_key:
            apply_analysis(article, analysis)
        translations.apply(article, english)
        return article

    def get_text(self, article_id: int) -> str:
        """Return an article's cleaned text (what highlight offsets index)."""
        with self.store.read() as db:
            row = db.execute("SELECT text FROM article_content WHERE article_id = ?", [article_id]).fetchone()
        if row is None:
            raise ArticleNotFoundError(f"There is no article #{article_id} in the library.")
        return str(row[0])

    def _load_structure(self, db: Database, article_id: int) -> Article:
        row = db.execute(
            "SELECT a.title, c.text, c.structure FROM articles a JOIN article_content c ON c.article_id = a.id "
            "WHERE a.id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            raise ArticleNotFoundError(f"There is no article #{article_id} in the library.")
        return decode_structure(*row)

    def save_analysis(self, article_id: int, article: Article, analysis_key: str) -> bool:
        """Store the tokens of a tokenized article under ``analysis_key``; return False if it is not tokenized.

        The JSON and the pinyin index rows are built before the store's lock is taken, so that the GUI thread,
        which reads the store while a worker saves, never waits more than the short write itself.
        """
        if not _is_analysed(article):
            return False
        encoded = encode_analysis(article)
        pinyin_rows = search_index.pinyin_rows(article_id, article)
        with self.store.write() as db:
            self._require(db, article_id)
            self._write_analysis(db, article_id, encoded, analysis_key, pinyin_rows)
        return True

    def _store_analysis(self, db: Database, article_id: int, article: Article, analysis_key: str) -> None:
        encoded = encode_analysis(article)
        self._write_analysis(db, article_id, encoded, analysis_key, search_index.pinyin_rows(article_id, article))

    def _write_analysis(
        self,
        db: Database,
        article_id: int,
        encoded: str,
        analysis_key: str,
        pinyin_rows: list[tuple[int, str, str]],
    ) -> None:
        db.execute(
            "UPDATE article_content SET analysis = ?, analysis_key = ? WHERE article_id = ?",
            [encoded, analysis_key, article_id],
        )
        search_index.replace_pinyin(db, article_id, pinyin_rows)  # the words' pinyin in context, not usual readings

    def save_translations(self, article_id: int, article: Article, blocks: Iterable[int] | None = None) -> int:
        """Store the sentence translations of ``article`` (of the given block indexes, or all); return how many.

        Stored translations are filled in by :meth:`load_article` and searched by library search.
        """
        with self.store.write() as db:
            self._require(db, article_id)
            count = translations.store(db, article_id, article, None if blocks is None else set(blocks))
            translations.reindex(db, article_id, article)
        return count

    # -- reading position ---------------------------------------------------------------------------------------

    def mark_opened(self, article_id: int) -> None:
        """Record that the article was opened now (it becomes :meth:`last_opened`)."""
        with self.store.write() as db:
            self._require(db, article_id)
            now = self._now()
            db.execute("UPDATE articles SET opened_at = ? WHERE id = ?", [now, article_id])
            db.execute(
                "UPDATE books SET opened_at = ? WHERE id = (SELECT book_id FROM articles WHERE id = ?)",
                [now, article_id],
            )

    def save_position(
        self, article_id: int, block_index: int, char_offset: int, *, progress: float | None = None
    ) -> ReadingPosition:
        """Save where the reader is; ``progress`` (0–1) defaults to ``char_offset`` over the text's length.

        The stored progress is the furthest point reached, so scrolling back does not lower "% read" (the view
        should pass ``progress`` for the bottom of the window, so that the last screen counts as 100%). Offsets
        and block indexes outside the article are clamped. Cheap enough for a debounced scroll handler.
        """
        with self.store.write() as db:
            row = db.execute(
                "SELECT char_count, block_count, progress FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            if row is None:
                raise ArticleNotFoundError(f"There is no article #{article_id} in the library.")
            chars, blocks, stored = row
            char_offset = max(0, min(char_offset, chars))
            block_index = max(0, min(block_index, blocks - 1))
            reached = progress if progress is not None else (char_offset / chars if chars else 1.0)
            best = max(float(stored), min(max(reached, 0.0), 1.0))
            db.execute(
                "UPDATE articles SET position_block = ?, position_offset = ?, progress = ? WHERE id = ?",
                [block_index, char_offset, best, article_id],
            )
        return ReadingPosition(article_id, block_index, char_offset, best)

    def get_position(self, article_id: int) -> ReadingPosition:
        """Return the saved position of an article (block 0, offset 0 if never saved)."""
        with self.store.read() as db:
            row = db.execute(
                "SELECT id, position_block, position_offset, progress FROM articles WHERE id = ?", [article_id]
            ).fetchone()
        if row is None:
            raise ArticleNotFoundError(f"There is no article #{article_id} in the library.")
        return ReadingPosition(int(row[0]), int(row[1]), int(row[2]), float(row[3]))

    def last_opened(self) -> ReadingPosition | None:
        """Return the position in the most recently opened visible article, or ``None`` if none was opened."""
        with self.store.read() as db:
            row = db.execute(
                "SELECT id, position_block, position_offset, progress FROM articles "
                "WHERE opened_at IS NOT NULL AND deleted_at IS NULL ORDER BY opened_at DESC, id DESC LIMIT 1"
            ).fetchone()
        return ReadingPosition(int(row[0]), int(row[1]), int(row[2]), float(row[3])) if row else None

    def _require(self, db: Database, article_id: int) -> None:
        if db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is None:
            raise ArticleNotFoundError(f"There is no article #{article_id} in the library.")


_SUMMARY_SELECT = (
    "SELECT id, title, source_path, source_kind, source_index, imported_at, opened_at, char_count, progress, "
    "(SELECT group_concat(tag, char(31)) FROM article_tags t WHERE t.article_id = articles.id), content_hash, "
    "book_id, chapter_index, chapter_part FROM articles"
)


def _summary(row: tuple[Any, ...]) -> ArticleSummary:
    (article_id, title, path, kind, index, imported, opened, chars, progress, tags, digest, book, chapter, part) = row
    return ArticleSummary(
        id=int(article_id),
        title=str(title),
        source=ArticleSource(path, kind, int(index)),
        imported_at=datetime.fromisoformat(imported),
        opened_at=datetime.fromisoformat(opened) if opened else None,
        char_count=int(chars),
        progress=float(progress),
        tags=tuple(sorted(tags.split(_TAG_SEPARATOR))) if tags else (),
        content_hash=str(digest),
        book_id=None if book is None else int(book),
        chapter_index=None if chapter is None else int(chapter),
        chapter_part=part,
    )


def _storable_source(source: ArticleSource) -> ArticleSource:
    """The source with a file name SQLite can store (undecodable bytes become U+FFFD; reimport then says so)."""
    return replace(source, path=storable(source.path)) if source.path else source


def _title_of(article: Article, source: ArticleSource) -> str:
    """The article's own title, else its file's name, else its first words (controls and bad bytes removed)."""
    if article.title and article.title.strip():
        return " ".join(clean_field(article.title).split())
    if source.path:
        name = source.path.replace("\\", "/").rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name
    first = " ".join(article.text.split())
    return first[:30] or "Untitled"


def _is_analysed(article: Article) -> bool:
    return all(sentence.tokens for block in article.blocks for sentence in block.sentences)


def _cascading_references(db: Database) -> list[tuple[str, str]]:
    """(table, column) pairs outside the library whose rows are deleted with the article they reference."""
    pairs = []
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
    for table in tables:
        if table in _OWN_TABLES:
            continue
        for fk in db.execute("SELECT * FROM pragma_foreign_key_list(?)", [table]).fetchall():
            # columns: id, seq, table, from, to, on_update, on_delete, match
            if fk[2] == "articles" and str(fk[6]).upper() == "CASCADE":
                pairs.append((table, str(fk[3])))
    return pairs
