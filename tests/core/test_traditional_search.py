"""Find and the deck search match across scripts: 学习 finds 學習 and the reverse, variants included."""

from __future__ import annotations

import pytest

from reader.core.find import find_in_article
from reader.core.model import Article
from reader.core.pipeline import Analyzer
from reader.core.store.deck import Deck, DeckQuery

pytestmark = pytest.mark.core

TRADITIONAL = "我們一起學習中文。學習很有意思，裏面還有特區的新聞。"
SIMPLIFIED = "我们一起学习中文。学习很有意思，里面还有特区的新闻。"


@pytest.fixture(scope="module")
def articles(analyzer: Analyzer) -> dict[str, Article]:
    return {
        "traditional": analyzer.analyse(TRADITIONAL).articles[0],
        "simplified": analyzer.analyse(SIMPLIFIED).articles[0],
    }


@pytest.mark.parametrize(
    ("script", "query", "expected"),
    [
        ("traditional", "学习", ["學習", "學習"]),  # a simplified query in a Taiwan text
        ("traditional", "學習", ["學習", "學習"]),  # the same script
        ("simplified", "學習", ["学习", "学习"]),  # a traditional query in a simplified text
        ("simplified", "特區", ["特区"]),  # the example
        ("traditional", "特区", ["特區"]),
        ("traditional", "里面", ["裏面"]),  # Hong Kong variant 裏
        ("traditional", "裡面", ["裏面"]),  # Taiwan's 裡 finds Hong Kong's 裏
        ("traditional", "xuexi", ["學習", "學習"]),  # pinyin on a traditional text
        ("traditional", "hai2", ["還"]),  # read on the simplified view: 還 hái
        ("traditional", "学会", []),  # nothing that is not there
    ],
)
def test_find_across_scripts(articles: dict[str, Article], script: str, query: str, expected: list[str]) -> None:
    article = articles[script]
    assert [article.text[m.start : m.end] for m in find_in_article(article, query)] == expected


@pytest.fixture
def deck(store) -> Deck:
    deck = Deck(store)
    deck.add("学习", "xue2 xi2", traditional="學習")
    deck.add("里面", "li3 mian4")  # an entry stored without its traditional form
    deck.add("特区", "te4 qu1", traditional="特區")
    return deck


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("学习", ["学习"]),
        ("學習", ["学习"]),  # by the stored traditional form
        ("學", ["学习"]),  # part of a word
        ("裏面", ["里面"]),  # no traditional form stored: the query folded to simplified
        ("裡面", ["里面"]),
        ("特區", ["特区"]),
        ("區域", []),
    ],
)
def test_deck_search_across_scripts(deck: Deck, search: str, expected: list[str]) -> None:
    assert [entry.simplified for entry in deck.query(DeckQuery(search=search))] == expected


def test_article_words_are_kept_by_their_simplified_form(analyzer: Analyzer) -> None:
    from reader.core.store.words import article_words

    article = analyzer.analyse("我們學習中文。").articles[0]
    assert article_words(article) == ["我们", "学习", "中文"]


def test_a_word_known_in_simplified_counts_as_known_in_traditional(store, analyzer: Analyzer) -> None:
    from reader.core.store.library import Library
    from reader.core.store.words import WordStatus, WordStatuses, article_words

    words = WordStatuses(store)
    words.mark(["学习"], WordStatus.KNOWN)
    article = analyzer.analyse("我們學習。").articles[0]
    article_id = Library(store).add_article(article)
    words.record_article_words(article_id, article_words(article))
    assert words.article_stats(article_id).known_words == 1


@pytest.mark.parametrize(
    ("kind", "word", "parts", "taught"),
    [
        ("merge", "環狀線", ("環狀", "線"), ["環狀線", "环状线"]),  # traditional: jieba learns the simplified view too
        ("merge", "环状线", ("环状", "线"), ["环状线"]),  # simplified: once
        ("split", "他還", ("他", "還"), ["他還", "他还"]),
    ],
)
def test_corrections_teach_the_simplified_view(kind: str, word: str, parts: tuple[str, ...], taught: list[str]) -> None:
    from datetime import UTC, datetime

    from reader.core.store.corrections import Correction, CorrectionKind

    class Recorder:
        def __init__(self) -> None:
            self.calls: list[tuple[str, str]] = []

        def add_word(self, word: str) -> None:
            self.calls.append(("merge", word))

        def split_word(self, word: str, parts: list[str]) -> None:
            assert "".join(parts) == word and len(parts) == 2
            self.calls.append(("split", word))

    recorder = Recorder()
    Correction(word, CorrectionKind(kind), parts, datetime.now(UTC)).apply(recorder)  # type: ignore[arg-type]
    assert recorder.calls == [(kind, taught_word) for taught_word in taught]
