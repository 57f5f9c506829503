"""Highlights, notes and bookmarks: adding, editing, undoing, re-anchoring after re-import, Markdown export."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import StoreError
from reader.core.export.markdown import export_markdown, render_markdown
from reader.core.store.annotations import Annotations, reimport_article
from reader.core.store.db import Store
from reader.core.store.library import ArticleSource, Library
from tests.core.store_helpers import ARTICLE_TEXT, make_article

pytestmark = pytest.mark.core


@pytest.fixture
def library(store: Store) -> Library:
    return Library(store)


@pytest.fixture(name="annotations")
def annotations_fixture(store: Store) -> Annotations:
    return Annotations(store)


@pytest.fixture
def article_id(library: Library) -> int:
    return library.add_article(make_article(), ArticleSource("/books/study.txt"))


def _span(quote: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = ARTICLE_TEXT.index(quote, start + 1)
    return start, start + len(quote)


def test_highlight_keeps_its_quote_colour_and_note(annotations: Annotations, article_id: int) -> None:
    highlight = annotations.add_highlight(article_id, *_span("喜欢学习"), colour="green", note="常用")
    assert (highlight.quote, highlight.colour, highlight.note, highlight.orphaned) == (
        "喜欢学习",
        "green",
        "常用",
        False,
    )
    assert annotations.get_highlight(highlight.id) == highlight


@pytest.mark.parametrize(
    ("start", "end"),
    [(5, 5), (8, 3), (-1, 4), (0, 10_000)],
    ids=["empty", "reversed", "negative", "past-the-end"],
)
def test_highlight_outside_the_text_is_refused(annotations: Annotations, article_id: int, start: int, end: int) -> None:
    with pytest.raises(StoreError, match="outside the article"):
        annotations.add_highlight(article_id, start, end)


def test_unknown_colour_is_refused(annotations: Annotations, article_id: int) -> None:
    with pytest.raises(StoreError, match="Unknown highlight colour"):
        annotations.add_highlight(article_id, 0, 2, colour="octarine")


def test_highlights_are_listed_in_reading_order(annotations: Annotations, article_id: int) -> None:
    late = annotations.add_highlight(article_id, *_span("最后一段"))
    early = annotations.add_highlight(article_id, *_span("学习中文"))
    assert [h.id for h in annotations.list_highlights(article_id)] == [early.id, late.id]


def test_update_changes_colour_and_note(annotations: Annotations, article_id: int) -> None:
    highlight = annotations.add_highlight(article_id, *_span("你呢"))
    updated = annotations.update_highlight(highlight.id, colour="pink", note="a question")
    assert (updated.colour, updated.note, updated.quote) == ("pink", "a question", "你呢")
    assert annotations.update_highlight(highlight.id, note="").colour == "pink"


def test_delete_returns_the_row_and_restore_undoes_it(annotations: Annotations, article_id: int) -> None:
    highlight = annotations.add_highlight(article_id, *_span("你呢"), note="keep me")
    deleted = annotations.delete_highlight(highlight.id)
    assert annotations.list_highlights(article_id) == []
    assert annotations.restore_highlight(deleted) == highlight


def test_restore_undoes_an_edit(annotations: Annotations, article_id: int) -> None:
    before = annotations.add_highlight(article_id, *_span("你呢"), note="old")
    annotations.update_highlight(before.id, note="new", colour="blue")
    assert annotations.restore_highlight(before) == before


def test_reimport_keeps_moves_and_orphans_highlights(
    library: Library, annotations: Annotations, article_id: int
) -> None:
    title = annotations.add_highlight(article_id, *_span("学习中文"))
    moved = annotations.add_highlight(article_id, *_span("一起学习"), note="moved")
    lost = annotations.add_highlight(article_id, *_span("你呢"), note="lost")
    new = make_article("学习中文\n\n插入的新段落。\n\n我喜欢学习中文。我们一起学习吧！\n\n最后一段。我喜欢学习中文。")
    report = reimport_article(library, annotations, article_id, new)
    assert (report.kept, report.moved, [h.id for h in report.orphaned]) == (1, 1, [lost.id])
    by_id = {h.id: h for h in annotations.list_highlights(article_id)}
    assert new.text[by_id[moved.id].start : by_id[moved.id].end] == "一起学习"
    assert (by_id[title.id].start, by_id[title.id].end) == (title.start, title.end)
    assert by_id[lost.id].orphaned and by_id[lost.id].note == "lost"  # kept, never silently dropped
    assert annotations.list_highlights(article_id)[-1].id == lost.id  # orphans are listed last


def test_orphan_is_reattached_when_its_text_comes_back(
    library: Library, annotations: Annotations, article_id: int
) -> None:
    lost = annotations.add_highlight(article_id, *_span("你呢"))
    reimport_article(library, annotations, article_id, make_article("学习中文\n\n我们一起学习吧！"))
    report = reimport_article(library, annotations, article_id, make_article())
    assert report.orphaned == [] and report.moved == 1
    assert annotations.get_highlight(lost.id).orphaned is False
    assert annotations.get_highlight(lost.id).start == _span("你呢")[0]


def test_toggle_bookmark_adds_then_removes(annotations: Annotations, article_id: int) -> None:
    bookmark = annotations.toggle_bookmark(article_id, 2, label="  5G  ")
    assert bookmark is not None and (bookmark.block_index, bookmark.label) == (2, "5G")
    assert bookmark.snippet.startswith("第二段")
    assert annotations.bookmark_at(article_id, 2) == bookmark
    assert annotations.toggle_bookmark(article_id, 2) is None
    assert annotations.bookmark_at(article_id, 2) is None


def test_bookmark_on_a_missing_paragraph_is_refused(annotations: Annotations, article_id: int) -> None:
    with pytest.raises(StoreError, match="no paragraph number 11"):
        annotations.add_bookmark(article_id, 10)


def test_bookmarks_are_listed_across_the_library_with_titles(
    library: Library, annotations: Annotations, article_id: int
) -> None:
    other = library.add_article(make_article("另一篇\n\n别的内容。"))
    annotations.add_bookmark(other, 1, label="b")
    annotations.add_bookmark(article_id, 3, label="a3")
    annotations.add_bookmark(article_id, 1, label="a1")
    listed = [(b.article_title, b.block_index, b.label) for b in annotations.list_bookmarks()]
    assert listed == [("另一篇", 1, "b"), ("学习中文", 1, "a1"), ("学习中文", 3, "a3")]
    assert [b.label for b in annotations.list_bookmarks(article_id)] == ["a1", "a3"]


def test_bookmark_label_edit_delete_and_restore(annotations: Annotations, article_id: int) -> None:
    bookmark = annotations.add_bookmark(article_id, 1)
    relabelled = annotations.set_bookmark_label(bookmark.id, "重要")
    deleted = annotations.delete_bookmark(bookmark.id)
    assert annotations.list_bookmarks() == []
    assert annotations.restore_bookmark(deleted) == relabelled


def test_bookmark_follows_its_paragraph_on_reimport(
    library: Library, annotations: Annotations, article_id: int
) -> None:
    bookmark = annotations.add_bookmark(article_id, 2, label="5G")
    new = make_article("学习中文\n\n新的开头。\n\n" + ARTICLE_TEXT.split("\n\n", 1)[1])
    report = reimport_article(library, annotations, article_id, new)
    assert report.bookmarks_moved == 1
    moved = annotations.list_bookmarks(article_id)
    assert [(b.id, b.block_index, b.label, b.orphaned) for b in moved] == [(bookmark.id, 3, "5G", False)]


def test_deleting_the_article_with_annotations_removes_them(
    library: Library, annotations: Annotations, article_id: int
) -> None:
    annotations.add_highlight(article_id, *_span("你呢"))
    annotations.add_bookmark(article_id, 1)
    assert library.annotation_count(article_id) == 2
    library.delete_article(article_id, with_annotations=True)
    assert annotations.list_highlights(article_id) == [] and annotations.list_bookmarks() == []


def test_markdown_export_has_quote_pinyin_translation_and_note(
    library: Library, annotations: Annotations, article_id: int, tmp_path: Path
) -> None:
    article = library.load_article(article_id)
    article.blocks[1].sentences[0].translation = "I like learning Chinese."
    library.save_translations(article_id, article)
    annotations.add_highlight(article_id, *_span("喜欢学习"), note="a useful verb\nsecond line")
    path = export_markdown(annotations, article_id, tmp_path / "notes.md", pinyin=lambda quote: f"py({quote})")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 学习中文\n")
    assert "> 喜欢学习\n" in text
    assert "> *py(喜欢学习)*\n" in text
    assert "> I like learning Chinese.\n" in text
    assert "**Note:** a useful verb\nsecond line\n" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]  # no temporary file left behind


def test_markdown_export_without_translations_or_pinyin(
    library: Library, annotations: Annotations, article_id: int
) -> None:
    article = library.load_article(article_id)
    article.blocks[1].sentences[0].translation = "I like learning Chinese."
    library.save_translations(article_id, article)
    annotations.add_highlight(article_id, *_span("喜欢学习"))
    text = render_markdown(annotations, article_id, translations=False)
    assert "I like learning" not in text and "> *" not in text


def test_markdown_lists_orphaned_highlights_separately(
    library: Library, annotations: Annotations, article_id: int
) -> None:
    annotations.add_highlight(article_id, *_span("你呢"), note="lost")
    reimport_article(library, annotations, article_id, make_article("学习中文\n\n别的内容。"))
    text = render_markdown(annotations, article_id)
    assert "## Highlights no longer found in the text\n\n> 你呢\n" in text


def test_restoring_a_deleted_highlight_never_overwrites_a_newer_one(annotations: Annotations, article_id: int) -> None:
    deleted = annotations.delete_highlight(annotations.add_highlight(article_id, *_span("你呢")).id)
    newer = annotations.add_highlight(article_id, *_span("最后一段"))
    annotations.restore_highlight(deleted)
    assert {h.quote for h in annotations.list_highlights(article_id)} == {"你呢", "最后一段"}
    assert newer.id != deleted.id
