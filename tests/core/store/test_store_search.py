"""Library search: Chinese substrings of any length, Latin words, translations; hits shown as sentences."""

from __future__ import annotations

import pytest

from reader.core.store.db import Store
from reader.core.store.library import Library
from reader.core.store.search import Search
from tests.core.store_helpers import ARTICLE_TEXT, make_article

pytestmark = pytest.mark.core

OTHER_TEXT = "学习方法\n\n好好学习，天天向上。学习者需要耐心。\n\n中文很难，但是很有意思。"


@pytest.fixture
def library(store: Store) -> Library:
    library = Library(store)
    first = make_article(ARTICLE_TEXT)
    first.blocks[1].sentences[0].translation = "I like learning Chinese."
    first.blocks[1].sentences[2].translation = "Let's study together!"
    library.add_article(first)
    library.add_article(make_article(OTHER_TEXT))
    return library


@pytest.fixture
def search(store: Store, library: Library) -> Search:
    return Search(store)


@pytest.mark.parametrize(
    ("query", "sentences"),
    [
        # one character: below the trigram index's reach, answered by a scan
        ("呢", ["你呢？"]),
        # two characters, the commonest length of a Chinese word; 学习者 contains it too
        (
            "学习",
            [
                "学习中文",
                "我喜欢学习中文。",
                "我们一起学习吧！",
                "我喜欢学习中文。",
                "学习方法",
                "好好学习，天天向上。",
                "学习者需要耐心。",
            ],
        ),
        # three characters or more: the trigram index
        ("学习者", ["学习者需要耐心。"]),
        ("天天向上", ["好好学习，天天向上。"]),
        # a word that jieba would cut differently from the text (习者 is no word)
        ("习者", ["学习者需要耐心。"]),
        # Latin letters, any case
        ("5g", ["第二段有更多的中文，也提到5G网络。"]),
        # a match that runs across a sentence boundary is shown in the sentence where it starts
        ("你呢？我们", ["你呢？"]),
        # no match
        ("日本", []),
        # blank
        ("  ", []),
    ],
    ids=[
        "one-char",
        "two-chars",
        "three-chars",
        "four-chars",
        "non-word",
        "latin",
        "across-sentences",
        "none",
        "blank",
    ],
)
def test_chinese_search_finds_every_sentence_containing_the_query(
    search: Search, query: str, sentences: list[str]
) -> None:
    hits = search.search(query, scope="chinese")
    assert [hit.sentence for hit in hits] == sentences


@pytest.mark.parametrize("query", ["学", "学习", "学习中文", "5G", "最后一段。我"])
def test_hit_offsets_point_at_the_match_in_the_article(search: Search, library: Library, query: str) -> None:
    for hit in search.search(query):
        text = library.get_text(hit.article_id)
        assert text[hit.start : hit.end].lower() == query.lower()[: hit.end - hit.start]
        assert text[hit.sentence_start : hit.sentence_start + len(hit.sentence)] == hit.sentence
        assert library.load_article(hit.article_id).blocks[hit.block_index].start <= hit.start


def test_hits_name_their_article(search: Search) -> None:
    assert {hit.title for hit in search.search("学习")} == {"学习中文", "学习方法"}


def test_limit_and_per_article_cap(search: Search) -> None:
    assert len(search.search("学习", limit=2)) == 2
    capped = search.search("学习", per_article=1)
    assert [hit.title for hit in capped] == ["学习中文", "学习方法"]


def test_translation_search_matches_word_forms(search: Search) -> None:
    hits = search.search("learn")  # the stemmer and the prefix both reach "learning"
    assert [(hit.sentence, hit.translation, hit.in_translation) for hit in hits] == [
        ("我喜欢学习中文。", "I like learning Chinese.", True)
    ]
    assert hits[0].start == ARTICLE_TEXT.index("我喜欢")


def test_chinese_query_does_not_search_translations(search: Search) -> None:
    assert all(not hit.in_translation for hit in search.search("学习"))


def test_translation_scope_only(search: Search) -> None:
    assert [hit.translation for hit in search.search("study", scope="translation")] == ["Let's study together!"]


def test_deleted_article_is_not_found(search: Search, library: Library) -> None:
    other = next(s.id for s in library.list_articles() if s.title == "学习方法")
    library.delete_article(other)
    assert search.search("天天向上") == []


def test_reimported_text_is_searched(search: Search, library: Library) -> None:
    other = next(s.id for s in library.list_articles() if s.title == "学习方法")
    library.replace_content(other, make_article("学习方法\n\n温故而知新。"))
    assert search.search("天天向上") == []
    assert [hit.sentence for hit in search.search("知新")] == ["温故而知新。"]


def test_query_with_fts_syntax_is_taken_literally(search: Search) -> None:
    assert search.search('"学习" OR *') == []
    assert search.search("AND") == []
