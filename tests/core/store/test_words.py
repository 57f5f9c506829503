"""Word status: marking words known (one word, the rest of an article), undo, statistics and coverage."""

from __future__ import annotations

import pytest

from reader.core.model import Article, Block, BlockKind, Sentence, Token
from reader.core.store.db import Store
from reader.core.store.deck import Deck
from reader.core.store.library import Library
from reader.core.store.words import (
    ArticleStats,
    WordStatus,
    WordStatuses,
    article_stats,
    article_words,
)
from tests.core.deck_helpers import Clock
from tests.core.store_helpers import make_article

pytestmark = pytest.mark.core

UNKNOWN, NEW, LEARNING, KNOWN, IGNORED = (
    WordStatus.UNKNOWN,
    WordStatus.NEW,
    WordStatus.LEARNING,
    WordStatus.KNOWN,
    WordStatus.IGNORED,
)


@pytest.fixture
def words(store: Store) -> WordStatuses:
    return WordStatuses(store, clock=Clock())


@pytest.fixture
def deck(store: Store) -> Deck:
    return Deck(store, clock=Clock())


def test_words_never_marked_are_unknown(words: WordStatuses) -> None:
    assert words.statuses(["我", "银行", "我"]) == {"我": UNKNOWN, "银行": UNKNOWN}


def test_mark_known_and_undo(words: WordStatuses) -> None:
    words.mark(["名字"], IGNORED)
    change = words.mark_known(["我", "名字"])
    assert words.statuses(["我", "名字"]) == {"我": KNOWN, "名字": KNOWN}
    words.undo(change)
    assert words.statuses(["我", "名字"]) == {"我": UNKNOWN, "名字": IGNORED}


def test_marking_a_deck_word_known_changes_its_entries_and_undo_restores_them(words: WordStatuses, deck: Deck) -> None:
    hang = deck.add("行", "háng")
    xing = deck.add("行", "xíng")
    deck.set_status([xing.id], "learning")
    change = words.mark_known(["行"])
    assert [e.status for e in deck.get_many([hang.id, xing.id])] == [KNOWN, KNOWN]
    words.undo(change)
    assert [e.status for e in deck.get_many([hang.id, xing.id])] == [NEW, LEARNING]
    assert words.status("行") is NEW


def test_resetting_a_deck_word_puts_its_entries_back_to_new(words: WordStatuses, deck: Deck) -> None:
    entry = deck.add("行", "háng", status="known")
    words.mark(["行"], UNKNOWN)
    assert (deck.get(entry.id).status, words.status("行")) == (NEW, NEW)


@pytest.mark.parametrize("status", [NEW, LEARNING])
def test_learning_statuses_come_only_from_the_deck(words: WordStatuses, status: WordStatus) -> None:
    with pytest.raises(ValueError):
        words.mark(["我"], status)


def test_mark_remaining_known_spares_deck_and_ignored_words(words: WordStatuses, deck: Deck) -> None:
    deck.add("银行", "yin2 hang2")
    words.mark(["北京"], IGNORED)
    article = ["我", "去", "北京", "的", "银行", "我", "2024", "，"]
    change = words.mark_remaining_known(article)
    assert sorted(change.words) == ["去", "我", "的"]  # only Chinese words, each once
    assert words.statuses(["我", "北京", "银行"]) == {"我": KNOWN, "北京": IGNORED, "银行": NEW}


def test_mark_remaining_known_handles_thousands_of_words(words: WordStatuses) -> None:
    many = [chr(0x4E00 + i) + chr(0x4E00 + i // 7) for i in range(5000)]
    change = words.mark_remaining_known(many)
    assert change.count == 5000
    assert words.counts()[KNOWN] == 5000


def test_record_seen_adds_unknown_rows_once(words: WordStatuses) -> None:
    assert words.record_seen(["我", "你", "我"]) == 2
    assert words.record_seen(["我", "他"]) == 1
    assert words.counts()[UNKNOWN] == 3


def test_words_with_status_lists_known_words(words: WordStatuses) -> None:
    words.mark_known(["好", "你"])
    assert words.words_with_status(KNOWN) == sorted(["好", "你"])


# -- statistics -----------------------------------------------------------------------------------------------------


def _hsk(word: str) -> int | None:
    return {"我": 1, "学习": 1, "中文": 2, "喜欢": 1}.get(word)


def test_article_stats_counts_running_and_distinct_words() -> None:
    tokens = ["我", "喜欢", "学习", "中文", "。", "我", "喜欢", "张三", "ABC"]
    statuses = {"我": KNOWN, "喜欢": KNOWN, "学习": LEARNING, "张三": IGNORED}
    stats = article_stats(tokens, statuses, _hsk)
    assert stats.coverage == pytest.approx(100 * 4 / 6)  # 我 喜欢 我 喜欢 of 7 words minus the ignored name
    assert stats == ArticleStats(
        words=7,
        distinct_words=5,
        unknown_words=1,  # 中文
        learning_words=1,  # 学习
        known_words=2,
        ignored_words=1,
        coverage=stats.coverage,
        hsk_profile={1: 3, 2: 1, None: 1},
    )


@pytest.mark.parametrize(
    ("tokens", "statuses", "coverage"),
    [
        ([], {}, 0.0),  # an empty article
        (["我"], {}, 0.0),  # nothing known
        (["我", "我"], {"我": KNOWN}, 100.0),  # everything known
        (["张三"], {"张三": IGNORED}, 100.0),  # only ignored words: nothing left to learn
        (["我", "你"], {"我": KNOWN, "你": NEW}, 50.0),  # in the deck is not known yet
    ],
)
def test_coverage(tokens: list[str], statuses: dict[str, WordStatus], coverage: float) -> None:
    assert article_stats(tokens, statuses).coverage == pytest.approx(coverage)


def test_hsk_profile_is_empty_without_a_lookup() -> None:
    assert article_stats(["我"], {}).hsk_profile == {}


def test_article_words_takes_tokens_with_chinese_characters() -> None:
    sentence = Sentence("我有5G。", tokens=[Token("我"), Token("有"), Token("5G"), Token("。")])
    article = Article("t", [Block(BlockKind.PARAGRAPH, "我有5G。", sentences=[sentence])])
    assert article_words(article) == ["我", "有"]


def test_coverage_by_article_uses_stored_counts(store: Store, words: WordStatuses) -> None:
    library = Library(store)
    first = library.add_article(make_article())
    second = library.add_article(make_article("另一篇文章。这里有别的词。"))
    words.record_article_words(first, ["我", "喜欢", "我", "中文"])
    words.record_article_words(second, ["文章", "词"])
    words.mark_known(["我"])
    coverage = words.coverage_by_article()
    assert coverage[first].percent == pytest.approx(50.0)
    assert (coverage[first].distinct_words, coverage[first].unknown_words) == (3, 2)
    assert coverage[second].percent == 0.0
    assert words.article_stats(first).coverage == pytest.approx(50.0)


def test_deleting_an_article_drops_its_word_counts(store: Store, words: WordStatuses) -> None:
    library = Library(store)
    article_id = library.add_article(make_article())
    words.record_article_words(article_id, ["我", "喜欢"])
    assert library.delete_article(article_id) is True  # word counts do not keep an article alive
    assert words.article_word_counts(article_id) == {}


@pytest.mark.parametrize(
    ("profile", "distinct", "text"),
    [
        ({}, 5, ""),  # no HSK lookup was given: nothing to show
        ({1: 2}, 0, ""),  # an article without Chinese words
        ({1: 2, 2: 1, None: 1}, 4, "HSK 1–3 75%, HSK 4–6 0%, HSK 7–9 0%, beyond HSK 25%"),
        ({4: 1, 9: 1, None: 2}, 4, "HSK 1–3 0%, HSK 4–6 25%, HSK 7–9 25%, beyond HSK 50%"),  # one word per band end
    ],
)
def test_hsk_bands_give_the_share_of_distinct_words_per_band(
    profile: dict[int | None, int], distinct: int, text: str
) -> None:
    stats = ArticleStats(distinct, distinct, 0, 0, 0, 0, 0.0, profile)
    assert stats.hsk_bands() == text
