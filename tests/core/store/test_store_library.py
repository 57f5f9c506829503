"""The library: adding, reopening without repair, listing, tags, positions, deleting and re-importing articles."""

from __future__ import annotations

import pytest

from reader.core.errors import StoreError
from reader.core.model import Article
from reader.core.store.annotations import Annotations
from reader.core.store.db import Store
from reader.core.store.library import (
    ArticleNotFoundError,
    ArticleSort,
    ArticleSource,
    Library,
    content_hash,
)
from tests.core.store_helpers import ARTICLE_TEXT, Clock, make_article, make_article_lines

pytestmark = pytest.mark.core


@pytest.fixture
def library(store: Store) -> Library:
    return Library(store, clock=Clock())


def _shape(article: Article) -> list[tuple[str, str, int, list[tuple[str, int]]]]:
    return [
        (block.kind.value, block.role.value, block.start, [(s.text, s.start) for s in block.sentences])
        for block in article.blocks
    ]


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE_TEXT,  # title, paragraphs, a repeated sentence
        "第一章 开始\n\n他说：“好。”然后走了。\n\n第二章 结束\n\n完。",  # headings inside, quotes closing sentences
        "只有一句话没有标点",  # one block, one sentence, no full stop
        "A股和5G都有Latin字母。\n\n空格 在 中间 也 保留。",  # Latin letters and spaces
    ],
    ids=["paragraphs", "chapters", "one-sentence", "latin"],
)
def test_reopened_article_has_the_same_blocks_and_sentences(library: Library, text: str) -> None:
    article = make_article(text)
    article_id = library.add_article(article)
    loaded = library.load_article(article_id)
    assert loaded.text == article.text
    assert loaded.title == library.get_summary(article_id).title
    assert _shape(loaded) == _shape(article)


def test_summary_records_source_title_and_size(library: Library) -> None:
    article = make_article()
    article_id = library.add_article(article, ArticleSource("/books/a.txt", "text", 0))
    summary = library.get_summary(article_id)
    assert summary.title == "学习中文"
    assert summary.source == ArticleSource("/books/a.txt", "text", 0)
    assert summary.char_count == len(article.text)
    assert summary.content_hash == content_hash(article.text)
    assert summary.progress == 0.0 and summary.opened_at is None


def test_article_without_title_is_named_after_its_file(library: Library) -> None:
    article = make_article_lines("没有标题的文章。")
    assert library.get_summary(library.add_article(article, ArticleSource("/x/我的笔记.txt"))).title == "我的笔记"


def test_pasted_article_without_title_is_named_after_its_first_words(library: Library) -> None:
    article = make_article_lines("今天天气很好，我们去公园散步吧。然后再去吃饭。")
    assert library.get_summary(library.add_article(article, ArticleSource(None, "pasted"))).title.startswith("今天天气")


def test_identical_content_is_not_added_twice(library: Library) -> None:
    first = library.add_article(make_article())
    assert library.add_article(make_article()) == first
    assert len(library.list_articles()) == 1


def test_analysis_is_restored_under_the_same_key(library: Library, analyzer) -> None:
    article = make_article()
    analyzer.tokenize(article)
    article_id = library.add_article(article, analysis_key="v1")
    loaded = library.load_article(article_id, analysis_key="v1")
    expected = [
        (t.text, t.start, t.pinyin, t.in_dictionary) for b in article.blocks for s in b.sentences for t in s.tokens
    ]
    got = [(t.text, t.start, t.pinyin, t.in_dictionary) for b in loaded.blocks for s in b.sentences for t in s.tokens]
    assert got == expected
    assert any(t[2] is None for t in got) and any(t[2] for t in got)  # both punctuation and Han words round-trip


def test_analysis_under_another_key_is_not_used(library: Library, analyzer) -> None:
    article = make_article()
    analyzer.tokenize(article)
    article_id = library.add_article(article, analysis_key="v1")
    loaded = library.load_article(article_id, analysis_key="v2")
    assert all(not s.tokens for b in loaded.blocks for s in b.sentences)


def test_save_analysis_refuses_an_untokenized_article(library: Library) -> None:
    article_id = library.add_article(make_article())
    assert library.save_analysis(article_id, make_article(), "v1") is False


def test_translations_are_stored_and_filled_in_on_load(library: Library) -> None:
    article = make_article()
    article_id = library.add_article(article)
    article.blocks[1].sentences[0].translation = "I like learning Chinese."
    article.blocks[1].sentences[0].translation_source = "reference"
    assert library.save_translations(article_id, article, blocks=[1]) == 1
    sentence = library.load_article(article_id).blocks[1].sentences[0]
    assert (sentence.translation, sentence.translation_source) == ("I like learning Chinese.", "reference")


def test_rename_changes_the_title(library: Library) -> None:
    article_id = library.add_article(make_article())
    library.rename(article_id, "  新的   标题 ")
    assert library.get_summary(article_id).title == "新的 标题"


def test_rename_to_blank_is_refused(library: Library) -> None:
    article_id = library.add_article(make_article())
    with pytest.raises(StoreError):
        library.rename(article_id, "   ")


def test_tags_are_cleaned_and_filter_the_list(library: Library) -> None:
    tagged = library.add_article(make_article())
    library.add_article(make_article_lines("另一篇文章。"))
    assert library.set_tags(tagged, ["news ", "news", "", "HSK 3"]) == ("HSK 3", "news")
    assert [s.id for s in library.list_articles(tag="news")] == [tagged]
    assert library.all_tags() == [("HSK 3", 1), ("news", 1)]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (ArticleSort.TITLE, ["丙", "乙", "甲"]),  # code point order: 丙 U+4E19, 乙 U+4E59, 甲 U+7532
        (ArticleSort.IMPORTED, ["丙", "乙", "甲"]),  # newest first
        (ArticleSort.LENGTH, ["丙", "乙", "甲"]),  # longest first
    ],
)
def test_list_sorts(library: Library, sort: ArticleSort, expected: list[str]) -> None:
    for title, body in (("甲", "短。"), ("乙", "长一点的文章。"), ("丙", "这是最长的一篇文章，有很多字。")):
        library.add_article(make_article_lines(body, title=title))
    titles = [s.title for s in library.list_articles(sort)]
    assert titles == expected


def test_list_filters_by_text_in_title_or_path(library: Library) -> None:
    library.add_article(make_article_lines("一。", title="人民日报"), ArticleSource("/news/rmrb.txt"))
    library.add_article(make_article_lines("二。", title="小说"), ArticleSource("/books/novel_100%.txt"))
    assert [s.title for s in library.list_articles(text="日报")] == ["人民日报"]
    assert [s.title for s in library.list_articles(text="BOOKS")] == ["小说"]
    assert [s.title for s in library.list_articles(text="100%")] == ["小说"]  # % is literal, not a wildcard
    assert library.list_articles(text="人_日") == []  # _ is literal too


def test_position_is_saved_and_progress_is_the_furthest_point(library: Library) -> None:
    article = make_article()
    article_id = library.add_article(article)
    end = len(article.text)
    assert library.save_position(article_id, 3, end).progress == 1.0
    position = library.save_position(article_id, 1, 10)
    assert (position.block_index, position.char_offset, position.progress) == (1, 10, 1.0)
    assert library.get_position(article_id) == position
    assert library.get_summary(article_id).progress == 1.0


def test_position_offset_is_clamped_to_the_text(library: Library) -> None:
    article_id = library.add_article(make_article())
    assert library.save_position(article_id, 0, 10**9).char_offset == len(make_article().text)


def test_last_opened_is_the_most_recently_opened_article(library: Library) -> None:
    assert library.last_opened() is None
    first = library.add_article(make_article())
    second = library.add_article(make_article_lines("第二篇。"))
    library.mark_opened(second)
    library.mark_opened(first)
    library.save_position(first, 2, 20)
    last = library.last_opened()
    assert last is not None and (last.article_id, last.block_index, last.char_offset) == (first, 2, 20)


def test_missing_article_raises_not_found(library: Library) -> None:
    with pytest.raises(ArticleNotFoundError, match="no article #42"):
        library.load_article(42)


def test_delete_without_annotations_removes_the_article(library: Library) -> None:
    article_id = library.add_article(make_article())
    assert library.delete_article(article_id) is True
    assert library.list_articles() == []
    with pytest.raises(ArticleNotFoundError):
        library.get_summary(article_id)


def test_delete_keeps_an_article_with_highlights_hidden_until_asked(library: Library, store: Store) -> None:
    article_id = library.add_article(make_article())
    highlight = Annotations(store).add_highlight(article_id, 6, 10)
    assert library.delete_article(article_id) is False
    assert library.list_articles() == []
    assert Annotations(store).list_highlights(article_id) == [highlight]
    assert library.delete_article(article_id, with_annotations=True) is True
    assert Annotations(store).list_highlights(article_id) == []


def test_reimporting_a_hidden_article_brings_it_back_with_its_highlights(library: Library, store: Store) -> None:
    article_id = library.add_article(make_article())
    Annotations(store).add_highlight(article_id, 6, 10)
    library.delete_article(article_id)
    assert library.add_article(make_article()) == article_id
    assert [s.id for s in library.list_articles()] == [article_id]
    assert len(Annotations(store).list_highlights(article_id)) == 1


def test_replace_content_keeps_translations_of_unchanged_sentences(library: Library) -> None:
    article = make_article()
    article.blocks[1].sentences[0].translation = "I like learning Chinese."
    article_id = library.add_article(article)
    new = make_article("学习中文\n\n新加的一段。\n\n我喜欢学习中文。你呢？我们一起学习吧！")
    old_text = library.replace_content(article_id, new)
    assert old_text == article.text
    loaded = library.load_article(article_id)
    assert loaded.text == new.text
    assert loaded.blocks[2].sentences[0].translation == "I like learning Chinese."
    assert library.get_summary(article_id).content_hash == content_hash(new.text)


def test_replace_content_clamps_the_reading_position(library: Library) -> None:
    article_id = library.add_article(make_article())
    library.save_position(article_id, 3, 40)
    library.replace_content(article_id, make_article_lines("短。"))
    position = library.get_position(article_id)
    assert (position.block_index, position.char_offset) == (0, 2)


def test_find_by_source_finds_the_article_of_a_file(library: Library) -> None:
    article_id = library.add_article(make_article(), ArticleSource("/books/a.txt", "text", 2))
    assert library.find_by_source("/books/a.txt", 2) == article_id
    assert library.find_by_source("/books/a.txt", 0) is None


def test_hidden_articles_are_listed_on_request(library: Library, store: Store) -> None:
    article_id = library.add_article(make_article())
    Annotations(store).add_highlight(article_id, 6, 10)
    library.delete_article(article_id)
    assert [s.id for s in library.list_articles(hidden=True)] == [article_id]


def test_position_block_index_is_clamped_to_the_article(library: Library) -> None:
    article_id = library.add_article(make_article())
    assert library.save_position(article_id, 99, 0).block_index == 3
