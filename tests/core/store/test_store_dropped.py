"""The log of lines an import left out: kept with the import, shown for any chapter of its book, gone with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.importers import import_path
from reader.core.store.books import Books
from reader.core.store.db import Store
from reader.core.store.dropped import DroppedLog
from reader.core.store.library import Library
from reader.core.usecases.importing import add_source
from tests.core.importer_helpers import PARAGRAPHS, SITE_NOVEL
from tests.core.store_helpers import Clock

pytestmark = pytest.mark.core


@pytest.fixture
def library(store: Store) -> Library:
    return Library(store, clock=Clock())


def _import(library: Library, tmp_path: Path) -> list[int]:
    path = tmp_path / "novel.txt"
    path.write_text(SITE_NOVEL, encoding="utf-8")
    source = import_path(path)
    assert source.dropped, "the novel's site lines must be left out for this test to mean anything"
    return add_source(library, source, path=str(path)).ids


def test_every_chapter_shows_the_books_left_out_lines(library: Library, tmp_path: Path) -> None:
    ids = _import(library, tmp_path)
    log = DroppedLog(library.store)
    texts = [line.text for line in log.for_article(ids[-1])]
    assert any("www.example-novel.com" in text for text in texts)
    assert log.for_article(ids[0]) == log.for_article(ids[-1])


def test_importing_again_replaces_the_log(library: Library, tmp_path: Path) -> None:
    first = _import(library, tmp_path)
    count = len(DroppedLog(library.store).for_article(first[0]))
    again = _import(library, tmp_path)
    assert len(DroppedLog(library.store).for_article(again[0])) == count


def test_deleting_the_book_deletes_its_log(library: Library, tmp_path: Path) -> None:
    ids = _import(library, tmp_path)
    books = Books(library)
    book_id = books.book_of(ids[0])
    assert book_id is not None
    books.delete_book(book_id)
    with library.store.read() as db:
        assert db.execute("SELECT COUNT(*) FROM dropped_lines").fetchone()[0] == 0


def test_a_file_with_nothing_left_out_has_an_empty_log(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    ids = add_source(library, import_path(path), path=str(path)).ids
    assert DroppedLog(library.store).for_article(ids[0]) == []
