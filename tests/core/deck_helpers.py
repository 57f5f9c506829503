"""Helpers shared by the deck, word-status and export tests: a stepping clock and entries with awkward text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from reader.core.store.deck import Deck, DeckEntry


class Clock:
    """A clock that advances one second per reading, so orderings and "since" cut-offs are deterministic."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


#: Entries whose text exercises every escaping rule of the exports: commas, quotes, ``#``, ``<``, ``&``, tabs,
#: line breaks, a polyphonic word twice, Latin letters inside a word, a traditional form.
AWKWARD_ENTRIES: list[dict[str, Any]] = [
    {
        "simplified": "银行",
        "pinyin": "yin2 hang2",
        "traditional": "銀行",
        "definition": "bank\nCL:家[jia1]",
        "sentence": "他在银行工作，一行一行地写。",
        "sentence_offset": 2,
        "sentence_translation": 'He works at a "bank".',
        "article_title": "News, today",
        "tags": ["hsk3", "finance"],
    },
    {
        "simplified": "行",
        "pinyin": "hang2",
        "definition": "row; line",
        "sentence": "他在银行工作，一行一行地写。",
        "sentence_offset": 8,
        "tags": ["polyphone"],
    },
    {
        "simplified": "行",
        "pinyin": "xing2",
        "definition": 'to walk; "OK", fine & <good>',
        "note": "#1 reading\there",
        "tags": ["polyphone"],
    },
    {
        "simplified": "卡拉OK",
        "pinyin": "ka3 la1",
        "definition": "#karaoke, with a comma",
        "sentence": "<b>not bold</b> & 卡拉OK\r\nsecond line",
    },
    {"simplified": "绿", "pinyin": "lv4", "definition": '"green"', "note": "line one\nline two\n\nline four"},
    {"simplified": "#话题", "pinyin": "hua4 ti2", "definition": "hashtag", "sentence": "#话题# 今天"},
]


def add_awkward(deck: Deck) -> list[DeckEntry]:
    """Add :data:`AWKWARD_ENTRIES` to ``deck`` and return the entries."""
    return [deck.add(**fields) for fields in AWKWARD_ENTRIES]
