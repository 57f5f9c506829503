"""Books in the library: chapters in reading order, re-import, next/previous, progress, deletion, migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from reader.core.importers import BookInfo, ImportedSource, SourceBlock, SourceKind, SourceSection
from reader.core.model import Article, BlockKind
from reader.core.store import db as store_db
from reader.core.store.annotations import Annotations
from reader.core.store.books import BookDetails, Books, BookSummary
from reader.core.store.db import Store, open_store
from reader.core.store.library import ArticleSort, ArticleSource, Library
from reader.core.usecases.importing import PART_CHARS, add_source, split_long_article
from tests.core.store_helpers import Clock, make_article_lines

pytestmark = pytest.mark.core


@pytest.fixture
def library(store: Store) -> Library:
    return Library(store, clock=Clock())


@pytest.fixture
def books(library: Library) -> Books:
    return Books(library)


CHAPTERS = ["前言", "第一章 开始", "第二章 中间", "第三章 结束", "致谢"]


def _chapters(titles: list[str] = CHAPTERS) -> list[Article]:
    return [make_article_lines(f"{title}的正文。这是第{n}段。", title=title) for n, title in enumerate(titles)]


def _book_entry(entries: list, book_id: int) -> BookSummary:
    return next(e for e in entries if isinstance(e, BookSummary) and e.id == book_id)


def test_chapters_are_listed_in_reading_order_not_newest_first(library: Library, books: Books) -> None:
    added = books.add_book(BookDetails("一本书", "作者甲"), _chapters(), path="/b.epub", kind="epub")
    single = library.add_article(make_article_lines("单独的一篇文章。", title="单篇"))
    entries = books.list_entries(ArticleSort.IMPORTED)
    book = _book_entry(entries, added.book_id)
    assert [chapter.title for chapter in book.chapters] == CHAPTERS
    assert [chapter.chapter_index for chapter in book.chapters] == [0, 1, 2, 3, 4]
    assert (book.title, book.author) == ("一本书", "作者甲")
    assert [e.id for e in entries if not isinstance(e, BookSummary)] == [single]
    assert len(library.list_articles()) == 6  # chapters are articles: search, highlights, deck work on them


def test_importing_the_same_book_again_returns_it(books: Books) -> None:
    first = books.add_book(BookDetails("一本书"), _chapters())
    again = books.add_book(BookDetails("一本书"), _chapters())
    assert (again.book_id, again.article_ids, again.new) == (first.book_id, first.article_ids, False)
    assert len([e for e in books.list_entries() if isinstance(e, BookSummary)]) == 1


def test_a_single_article_already_in_the_library_moves_into_the_book(library: Library, books: Books) -> None:
    chapters = _chapters()
    loose = library.add_article(chapters[1])
    added = books.add_book(BookDetails("一本书"), chapters)
    assert added.article_ids[1] == loose
    assert library.get_summary(loose).book_id == added.book_id


@pytest.mark.parametrize(
    ("index", "step", "expected"),
    [
        (0, 1, 1),  # next from the first chapter
        (2, -1, 1),  # previous
        (4, 1, None),  # no next after the last chapter
        (0, -1, None),  # no previous before the first
        (1, 2, 3),  # two ahead
    ],
)
def test_neighbour_chapters(books: Books, index: int, step: int, expected: int | None) -> None:
    ids = books.add_book(BookDetails("一本书"), _chapters()).article_ids
    found = books.neighbour(ids[index], step)
    assert found == (None if expected is None else ids[expected])


def test_a_single_article_has_no_neighbours(library: Library, books: Books) -> None:
    article_id = library.add_article(make_article_lines("单独的一篇文章。"))
    assert books.neighbour(article_id, 1) is None


def test_progress_and_position_of_a_book(library: Library, books: Books) -> None:
    ids = books.add_book(BookDetails("一本书"), _chapters()).article_ids
    book = books.get_book(books.book_of(ids[0]) or 0)
    assert (book.progress, book.chapters_read, book.current_chapter and book.current_chapter.id) == (0.0, 0, ids[0])
    library.mark_opened(ids[0])
    library.save_position(ids[0], 0, 0, progress=1.0)
    library.mark_opened(ids[1])
    library.save_position(ids[1], 0, 3, progress=0.5)
    book = books.get_book(book.id)
    assert book.chapters_read == 1
    assert book.current_chapter is not None and book.current_chapter.id == ids[1]  # where to resume
    chars = [chapter.char_count for chapter in book.chapters]
    assert book.progress == pytest.approx((chars[0] + 0.5 * chars[1]) / sum(chars))
    assert book.opened_at is not None


def test_filter_keeps_matching_chapters_or_the_whole_book_by_its_title(books: Books) -> None:
    added = books.add_book(BookDetails("一本书", "作者甲"), _chapters())
    by_chapter = _book_entry(books.list_entries(text="第二章"), added.book_id)
    assert [chapter.title for chapter in by_chapter.chapters] == ["第二章 中间"]
    by_author = _book_entry(books.list_entries(text="作者甲"), added.book_id)
    assert len(by_author.chapters) == len(CHAPTERS)


def test_deleting_a_book_keeps_chapters_with_highlights_hidden(store: Store, library: Library, books: Books) -> None:
    added = books.add_book(BookDetails("一本书"), _chapters())
    Annotations(store).add_highlight(added.article_ids[2], 0, 2)
    assert books.delete_book(added.book_id) is False
    assert library.list_articles() == []
    assert [s.id for s in library.list_articles(hidden=True)] == [added.article_ids[2]]
    assert not [e for e in books.list_entries() if isinstance(e, BookSummary)]
    assert books.delete_book(added.book_id, with_annotations=True) is True


def test_deleting_the_last_chapter_deletes_the_book(library: Library, books: Books) -> None:
    added = books.add_book(BookDetails("一本书"), _chapters(["第一章"]))
    library.delete_article(added.article_ids[0])
    with pytest.raises(Exception, match="no book"):
        books.get_book(added.book_id)


def _source(book: bool, sections: int = 3) -> ImportedSource:
    parts = [
        SourceSection(f"第{n + 1}章", [SourceBlock(BlockKind.PARAGRAPH, f"第{n + 1}章的正文在这里。")], part="第一卷")
        for n in range(sections)
    ]
    info = BookInfo("小说", "某人", "一个故事。", [SourceBlock(BlockKind.PARAGRAPH, "简介：一个故事。")])
    return ImportedSource("小说", SourceKind.TEXT, sections=parts, book=info if book else None)


def test_add_source_makes_a_book_of_a_book_source(library: Library) -> None:
    outcome = add_source(library, _source(book=True), path="/novel.txt")
    assert len(outcome.books) == 1 and len(outcome.articles) == 3
    book = Books(library).get_book(outcome.books[0][0])
    assert (book.title, book.author, book.blurb) == ("小说", "某人", "一个故事。")
    assert [c.title for c in book.chapters] == ["第1章", "第2章", "第3章"]
    assert {c.chapter_part for c in book.chapters} == {"第一卷"}


def test_add_source_keeps_articles_of_other_sources_single(library: Library) -> None:
    outcome = add_source(library, _source(book=False), path="/page.html")
    assert outcome.books == [] and all(article.book_id is None for article in outcome.articles)


def test_a_long_text_without_chapters_becomes_a_book_of_parts(library: Library) -> None:
    paragraph = "这是一个很长的段落，没有章节标题。" * 100
    text = "\n".join([paragraph] * (3 * PART_CHARS // len(paragraph)))
    source = ImportedSource("长文", SourceKind.TEXT, raw_text=text)
    outcome = add_source(library, source, lines_as_paragraphs=True)
    assert len(outcome.books) == 1
    chapters = Books(library).get_book(outcome.books[0][0]).chapters
    assert len(chapters) >= 3
    assert all(chapter.char_count <= PART_CHARS for chapter in chapters)
    assert "".join(library.get_text(c.id).replace("\n\n", "") for c in chapters) == text.replace("\n", "")


@pytest.mark.parametrize(
    ("blocks", "parts"),
    [
        (["短。"] * 3, 1),  # short: one part
        (["长" * 60] * 4, 2),  # two blocks fit in a part of 130 characters
        (["长" * 300], 1),  # one paragraph longer than a part stays whole
    ],
)
def test_split_long_article_cuts_at_paragraphs(blocks: list[str], parts: int) -> None:
    article = make_article_lines(*blocks)
    found = split_long_article(article, part_chars=130)
    assert len(found) == parts
    assert [b.text for part in found for b in part.blocks] == blocks
    assert all(part.blocks[0].start == 0 for part in found)


def test_old_epub_articles_are_gathered_into_a_book(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    database = Database(sqlite3.connect(path))
    store_db.open_store(":memory:").close()  # make sure every migration set is registered
    for migrations in store_db._MIGRATION_SETS:
        migrations.apply(database, stop_before="m002_books" if migrations.name == "library" else None)
    old = Library(Store(database, path))
    ids = [
        old.add_article(chapter, ArticleSource("/books/旧书.epub", "epub", index))
        for index, chapter in enumerate(_chapters())
    ]
    single = old.add_article(make_article_lines("一篇文章。"), ArticleSource("/a.txt", "text", 0))
    database.conn.close()
    store = open_store(path)
    try:
        entries = Books(Library(store)).list_entries()
        book = next(e for e in entries if isinstance(e, BookSummary))
        assert book.title == "旧书" and [c.id for c in book.chapters] == ids
        assert [e.id for e in entries if not isinstance(e, BookSummary)] == [single]
    finally:
        store.close()


def test_reimporting_a_part_of_a_long_text_replaces_only_that_part(
    store: Store, library: Library, tmp_path: Path
) -> None:
    from reader.core.importers import import_path
    from reader.core.usecases.reimport import reimport_from_source

    paragraph = "这是一个很长的段落，没有章节标题。" * 100
    path = tmp_path / "长文.txt"
    path.write_text("\n\n".join([paragraph] * 60), encoding="utf-8")
    outcome = add_source(library, import_path(path), path=str(path))
    second = outcome.ids[1]
    before = library.get_text(second)
    reimport_from_source(library, Annotations(store), second)
    assert library.get_text(second) == before


def test_a_chapter_too_long_to_open_comfortably_is_cut_into_parts(library: Library) -> None:
    paragraph = "这一章非常长，段落一个接一个。" * 100
    sections = [
        SourceSection("第一章", [SourceBlock(BlockKind.PARAGRAPH, "短短的第一章。")]),
        SourceSection("第二章", [SourceBlock(BlockKind.PARAGRAPH, f"{paragraph}{n}") for n in range(60)]),
        SourceSection("第三章", [SourceBlock(BlockKind.PARAGRAPH, "短短的第三章。")]),
    ]
    source = ImportedSource("长书", SourceKind.EPUB, sections=sections, book=BookInfo("长书"))
    outcome = add_source(library, source)
    titles = [c.title for c in Books(library).get_book(outcome.books[0][0]).chapters]
    assert titles[0] == "第一章" and titles[-1] == "第三章"
    middle = titles[1:-1]
    assert len(middle) >= 2 and middle == [f"第二章 ({n}/{len(middle)})" for n in range(1, len(middle) + 1)]
