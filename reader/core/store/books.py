"""Books in the library: a book holds its chapters (library articles) in reading order, with title and author.

A chapter is an ordinary article (``articles.book_id``, ``articles.chapter_index``): it has its own text,
reading position, highlights, translations and analysis, so everything that works on an article works on a
chapter, and a chapter is analysed only when it is opened. The book adds what belongs to the whole: its title,
author, blurb and front matter (the title page and description before the first chapter), the order of the
chapters, and a reading position — the chapter opened last (and the position inside it) — and progress over
all its chapters. Single articles have no book and stay as they are. The table is created by the library's
``m002_books`` migration (:mod:`reader.core.store.library`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from reader.core.errors import StoreError
from reader.core.model import Article
from reader.core.store.library import (
    ArticleSort,
    ArticleSource,
    ArticleSummary,
    Library,
    content_hash,
)

#: A chapter counts as read once the reader has reached this share of it.
READ_THRESHOLD = 0.95


class BookNotFoundError(StoreError):
    """The book id names no book in the library."""


@dataclass(frozen=True, slots=True)
class BookSummary:
    """One book of the library list: its details and its chapters in reading order."""

    id: int
    title: str
    author: str | None
    blurb: str | None
    source: ArticleSource
    imported_at: datetime
    opened_at: datetime | None
    chapters: tuple[ArticleSummary, ...]

    @property
    def char_count(self) -> int:
        """Characters in all chapters."""
        return sum(chapter.char_count for chapter in self.chapters)

    @property
    def chapters_read(self) -> int:
        """How many chapters the reader has finished (reached :data:`READ_THRESHOLD` of)."""
        return sum(1 for chapter in self.chapters if chapter.progress >= READ_THRESHOLD)

    @property
    def progress(self) -> float:
        """The share of the book read (0–1): chapters read count whole, the others by their own progress."""
        total = self.char_count
        if not total:
            return 0.0
        done = sum(
            chapter.char_count * (1.0 if chapter.progress >= READ_THRESHOLD else chapter.progress)
            for chapter in self.chapters
        )
        return done / total

    @property
    def current_chapter(self) -> ArticleSummary | None:
        """The chapter to open: the one opened last, else the first."""
        opened = [chapter for chapter in self.chapters if chapter.opened_at is not None]
        if opened:
            return max(opened, key=lambda chapter: (chapter.opened_at, chapter.id))
        return self.chapters[0] if self.chapters else None


@dataclass(frozen=True, slots=True)
class BookDetails:
    """What a book says about itself, for :meth:`Books.add_book`."""

    title: str
    author: str | None = None
    blurb: str | None = None
    front_matter: str | None = None


@dataclass(frozen=True, slots=True)
class AddedBook:
    """The result of :meth:`Books.add_book`: the book and its chapter ids in order; ``new`` if anything was added."""

    book_id: int
    article_ids: tuple[int, ...]
    new: bool


#: An entry of the library list: a book with its chapters, or a single article.
LibraryEntry = BookSummary | ArticleSummary


class Books:
    """The books of the library (thread-safe like :class:`Library`, whose store and clock it shares)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.store = library.store

    # -- adding ---------------------------------------------------------------------------------------------------

    def add_book(
        self,
        details: BookDetails,
        chapters: Sequence[Article],
        *,
        path: str | None = None,
        kind: str = "text",
        analysis_key: str | None = None,
        parts: Sequence[str | None] | None = None,
    ) -> AddedBook:
        """Store a book and its chapters (in reading order) in one transaction; return its id and chapter ids.

        A chapter whose text is already in the library is not stored twice: it moves into this book. Importing
        the same book again returns the existing book (``new`` is False). Chapters keep their own titles; an
        untitled chapter is called "Chapter N". ``parts`` gives, per chapter, the volume (卷/部) it sits under.
        """
        title = " ".join(details.title.split()) or "Untitled book"
        with self.store.write() as db:
            existing = [self._existing(db, chapter) for chapter in chapters]
            books = {row[1] for row in existing if row is not None}
            if chapters and all(row is not None and row[2] is None for row in existing) and len(books) == 1:
                (book_id,) = books
                if book_id is not None and self._chapter_count(db, book_id) == len(chapters):
                    db.execute("UPDATE books SET deleted_at = NULL WHERE id = ?", [book_id])
                    return AddedBook(book_id, tuple(int(row[0]) for row in existing if row is not None), False)
            now = self.library._now()
            cursor = db.execute(
                "INSERT INTO books (title, author, blurb, front_matter, source_path, source_kind, imported_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [title, details.author, details.blurb, details.front_matter, path, kind, now],
            )
            book_id = int(cursor.lastrowid or 0)
            ids: list[int] = []
            for index, (chapter, found) in enumerate(zip(chapters, existing, strict=True)):
                chapter_title = " ".join((chapter.title or "").split()) or f"Chapter {index + 1}"
                source = ArticleSource(path, kind, index)
                if found is None:
                    article_id = self.library.insert_article(
                        db, chapter, source, chapter_title, analysis_key=analysis_key
                    )
                else:
                    article_id = int(found[0])
                    if found[2] is not None:
                        self.library.revive(db, article_id, chapter_title, source)
                    if article_id in ids:
                        continue  # the same text twice in one book (an empty 本章完 page): keep the first place
                ids.append(article_id)
                part = parts[index] if parts is not None and index < len(parts) else None
                db.execute(
                    "UPDATE articles SET book_id = ?, chapter_index = ?, chapter_part = ? WHERE id = ?",
                    [book_id, len(ids) - 1, part, article_id],
                )
            for old_book in books - {None, book_id}:
                if old_book is not None:
                    self.library._tidy_book(db, int(old_book))
        return AddedBook(book_id, tuple(ids), True)

    @staticmethod
    def _existing(db: Database, chapter: Article) -> tuple[int, int | None, str | None] | None:
        row = db.execute(
            "SELECT id, book_id, deleted_at FROM articles WHERE content_hash = ? "
            "ORDER BY deleted_at IS NOT NULL LIMIT 1",
            [content_hash(chapter.text)],
        ).fetchone()
        return None if row is None else (int(row[0]), None if row[1] is None else int(row[1]), row[2])

    @staticmethod
    def _chapter_count(db: Database, book_id: int) -> int:
        return int(db.execute("SELECT count(*) FROM articles WHERE book_id = ?", [book_id]).fetchone()[0])

    # -- reading ----------------------------------------------------------------------------------------------------

    def get_book(self, book_id: int) -> BookSummary:
        """Return one book with its chapters in order; :class:`BookNotFoundError` if there is none."""
        with self.store.read() as db:
            row = db.execute(f"{_BOOK_SELECT} WHERE id = ?", [book_id]).fetchone()
        if row is None:
            raise BookNotFoundError(f"There is no book #{book_id} in the library.")
        return _book(row, self.chapters(book_id))

    def chapters(self, book_id: int) -> list[ArticleSummary]:
        """The visible chapters of a book in reading order."""
        return [
            summary
            for summary in self.library.list_articles(ArticleSort.IMPORTED, book=book_id)
            if summary.book_id == book_id
        ]

    def book_of(self, article_id: int) -> int | None:
        """The id of the book an article belongs to, or ``None`` for a single article."""
        with self.store.read() as db:
            row = db.execute("SELECT book_id FROM articles WHERE id = ?", [article_id]).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def neighbour(self, article_id: int, step: int) -> int | None:
        """The chapter ``step`` places after (negative: before) ``article_id`` in its book, or ``None``."""
        with self.store.read() as db:
            row = db.execute("SELECT book_id, chapter_index FROM articles WHERE id = ?", [article_id]).fetchone()
            if row is None or row[0] is None:
                return None
            comparison, order = (">", "ASC") if step > 0 else ("<", "DESC")
            found = db.execute(
                f"SELECT id FROM articles WHERE book_id = ? AND chapter_index {comparison} ? AND deleted_at IS NULL "
                f"ORDER BY chapter_index {order} LIMIT 1 OFFSET ?",
                [row[0], row[1], abs(step) - 1],
            ).fetchone()
        return None if found is None else int(found[0])

    def list_entries(
        self,
        sort: ArticleSort | str = ArticleSort.OPENED,
        *,
        text: str = "",
        tag: str | None = None,
        match: set[int] | None = None,
    ) -> list[LibraryEntry]:
        """The library list: books (with their chapters in reading order) and single articles, sorted together.

        ``text`` and ``tag`` filter chapters like articles (see :meth:`Library.list_articles`); a book whose title
        or author contains ``text`` keeps all its chapters, another book only the chapters that match. ``match``
        adds the articles whose content matched ``text`` (ids from :meth:`Search.matching_articles`). Books sort by
        their newest chapter's dates, total length and overall progress.
        """
        sort = ArticleSort(sort)
        articles = self.library.list_articles(sort, text=text, tag=tag)
        with self.store.read() as db:
            rows = db.execute(f"{_BOOK_SELECT} WHERE deleted_at IS NULL").fetchall()
        books = {int(row[0]): row for row in rows}
        if text:
            whole_books = {book_id for book_id, row in books.items() if _contains(text, row[1], row[2])}
            listed = {summary.id for summary in articles}
            articles += [
                summary
                for summary in self.library.list_articles(sort, tag=tag)
                if summary.id not in listed and (summary.book_id in whole_books or summary.id in (match or ()))
            ]
        chapters: dict[int, list[ArticleSummary]] = {}
        entries: list[LibraryEntry] = []
        for summary in articles:
            if summary.book_id is not None and summary.book_id in books:
                chapters.setdefault(summary.book_id, []).append(summary)
            else:
                entries.append(summary)
        for book_id, found in chapters.items():
            found.sort(key=lambda chapter: (chapter.chapter_index or 0, chapter.id))
            entries.append(_book(books[book_id], found))
        entries.sort(key=_sort_key(sort), reverse=sort is not ArticleSort.TITLE)
        return entries

    # -- changing ---------------------------------------------------------------------------------------------------

    def rename(self, book_id: int, title: str) -> None:
        """Give a book a new title (blank titles are refused with a :class:`StoreError`)."""
        title = " ".join(title.split())
        if not title:
            raise StoreError("A book needs a title.")
        with self.store.write() as db:
            if db.execute("UPDATE books SET title = ? WHERE id = ?", [title, book_id]).rowcount == 0:
                raise BookNotFoundError(f"There is no book #{book_id} in the library.")

    def delete_book(self, book_id: int, *, with_annotations: bool = False) -> bool:
        """Delete a book and its chapters; return True if all is gone, False if chapters with marks were kept.

        As for :meth:`Library.delete_article`: without ``with_annotations``, chapters that have highlights or
        bookmarks are hidden, not deleted, so their marks stay readable.
        """
        with self.store.write():
            ids = [chapter.id for chapter in self.library.list_articles(book=book_id)]
            if not ids and self._missing(book_id):
                raise BookNotFoundError(f"There is no book #{book_id} in the library.")
            gone = [self.library.delete_article(article_id, with_annotations=with_annotations) for article_id in ids]
            with self.store.read() as db:
                self.library._tidy_book(db, book_id)
        return all(gone)

    def annotation_count(self, book_id: int) -> int:
        """Count the highlights and bookmarks of all the book's chapters."""
        return sum(self.library.annotation_count(chapter.id) for chapter in self.chapters(book_id))

    def _missing(self, book_id: int) -> bool:
        with self.store.read() as db:
            return db.execute("SELECT 1 FROM books WHERE id = ?", [book_id]).fetchone() is None


_BOOK_SELECT = "SELECT id, title, author, blurb, source_path, source_kind, imported_at, opened_at FROM books"


def _book(row: tuple[Any, ...], chapters: Sequence[ArticleSummary]) -> BookSummary:
    book_id, title, author, blurb, path, kind, imported, opened = row
    return BookSummary(
        id=int(book_id),
        title=str(title),
        author=author,
        blurb=blurb,
        source=ArticleSource(path, str(kind), 0),
        imported_at=datetime.fromisoformat(imported),
        opened_at=datetime.fromisoformat(opened) if opened else None,
        chapters=tuple(chapters),
    )


def _contains(text: str, *fields: str | None) -> bool:
    needle = text.casefold()
    return any(field is not None and needle in field.casefold() for field in fields)


def _sort_key(sort: ArticleSort) -> Any:
    """The key that orders books and single articles together like :meth:`Library.list_articles` orders articles."""

    def key(entry: LibraryEntry) -> Any:
        if sort is ArticleSort.TITLE:
            return (entry.title.casefold(), entry.id)
        if sort is ArticleSort.IMPORTED:
            return (entry.imported_at.isoformat(), entry.id)
        if sort is ArticleSort.OPENED:
            return (entry.opened_at.isoformat() if entry.opened_at else "", entry.id)
        if sort is ArticleSort.PROGRESS:
            return (entry.progress, entry.id)
        return (entry.char_count, entry.id)

    return key
