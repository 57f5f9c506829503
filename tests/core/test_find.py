"""Find in an article by characters, pinyin (with or without tones) and English."""

from __future__ import annotations

import pytest

from reader.core.find import find_in_article
from reader.core.model import Article
from reader.core.pinyin.query import parse_pinyin_query
from reader.core.pipeline import Analyzer

pytestmark = pytest.mark.core

TEXT = "我们一起学习中文。学习很有意思，银行在前面。"


@pytest.fixture(scope="module")
def article(analyzer: Analyzer) -> Article:
    document = analyzer.analyse(TEXT)
    article = document.articles[0]
    first, second = article.blocks[0].sentences
    first.translation = "We study Chinese together."
    second.translation = "Studying is fun, and the bank is ahead."
    return article


def _found(article: Article, query: str) -> list[str]:
    return [article.text[m.start : m.end] for m in find_in_article(article, query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("学习", ["学习", "学习"]),  # characters
        ("xuexi", ["学习", "学习"]),  # pinyin without tones or spaces
        ("xue xi", ["学习", "学习"]),  # with a space
        ("xue2xi2", ["学习", "学习"]),  # tone numbers
        ("xué xí", ["学习", "学习"]),  # tone marks
        ("xue4xi2", []),  # wrong tone: no pinyin match, and no English "xue4xi2" either
        ("yinhang", ["银行"]),  # 行 read háng in 银行
        ("hang2", ["行"]),  # one syllable
        ("xing2", []),  # 行 is not read xíng here
        ("zhongwen", ["中文"]),
        ("ue", []),  # letters inside a syllable do not match
    ],
)
def test_find_chinese_and_pinyin(article: Article, query: str, expected: list[str]) -> None:
    assert _found(article, query) == expected


def test_english_query_marks_the_sentence_and_the_words(article: Article) -> None:
    matches = find_in_article(article, "bank")
    assert len(matches) == 1
    match = matches[0]
    assert article.text[match.start : match.end] == "学习很有意思，银行在前面。"
    english = article.blocks[0].sentences[1].translation or ""
    assert match.translation_span is not None
    assert english[match.translation_span[0] : match.translation_span[1]].lower() == "bank"


@pytest.mark.parametrize(
    ("query", "pinyin_like"),
    [("xuexi", True), ("lv4", True), ("nǚ", True), ("Xi'an", True), ("T恤", False), ("hello!", False), ("", False)],
)
def test_parse_pinyin(query: str, pinyin_like: bool) -> None:
    assert (parse_pinyin_query(query) is not None) == pinyin_like
