"""Helpers shared by the store tests: small articles and open stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from reader.core.model import Article
from reader.core.pipeline import structure

#: A short article: a title, three paragraphs, a sentence that occurs twice.
ARTICLE_TEXT = (
    "学习中文\n\n"
    "我喜欢学习中文。你呢？我们一起学习吧！\n\n"
    "第二段有更多的中文，也提到5G网络。\n\n"
    "最后一段。我喜欢学习中文。"
)


def make_article(text: str = ARTICLE_TEXT) -> Article:
    """Structure ``text`` (repair, blocks, sentences; no jieba) and return its first article."""
    return structure(text).articles[0]


def make_article_lines(*paragraphs: str, title: str | None = None) -> Article:
    """An article whose paragraphs are exactly ``paragraphs`` (no repair), with an optional title."""
    article = structure("\n".join(paragraphs), lines_as_paragraphs=True).articles[0]
    article.title = title
    return article


class Clock:
    """A clock that advances one minute per reading, so orderings by time are deterministic."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now
