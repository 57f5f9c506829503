"""Library search: every article's Chinese text and its stored English translations, hits shown as sentences.

Chinese queries are exact substring matches (case-insensitive for Latin letters): three characters or more go
through the FTS5 ``trigram`` index; one or two characters — most Chinese words — scan the indexed blocks with
``instr``, because a trigram index cannot answer them (and, measured on SQLite 3.40, ``LIKE`` with fewer than
three characters on a trigram table returns no rows at all). Both stay under 100 ms over 1,000 articles
(bench/bench_store.py). English queries match whole words with stemming (``learn`` finds "learning"), the last
word as a prefix. The index itself is maintained by :mod:`reader.core.store.search_index`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from enum import StrEnum

from reader.core.chars import has_han
from reader.core.normalize import normalize_text
from reader.core.store.db import Store
from reader.core.store.search_index import rowid_range, split_rowid

#: Shortest query the trigram index can answer.
TRIGRAM_MIN = 3
_WORD = re.compile(r"\w+")


class SearchScope(StrEnum):
    """What to search: the Chinese text, the translations, or both (the default)."""

    ALL = "all"
    CHINESE = "chinese"
    TRANSLATION = "translation"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching sentence.

    ``start``/``end`` are the match's character offsets in the article's text (for a translation hit, the
    sentence's), ``sentence_start`` the sentence's offset, ``match_start``/``match_end`` the match within
    ``sentence``. ``translation`` is the English sentence of a translation hit.
    """

    article_id: int
    title: str
    block_index: int
    sentence: str
    sentence_start: int
    match_start: int
    match_end: int
    in_translation: bool = False
    translation: str | None = None

    @property
    def start(self) -> int:
        """Offset of the match in the article's text."""
        return self.sentence_start + self.match_start

    @property
    def end(self) -> int:
        """Offset just past the match in the article's text."""
        return self.sentence_start + self.match_end


class Search:
    """Full-text search over the library (thread-safe; each call holds the store's lock)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        scope: SearchScope | str = SearchScope.ALL,
        per_article: int | None = None,
    ) -> list[SearchHit]:
        """Return up to ``limit`` matching sentences, in library order (article, then reading order).

        A query with Chinese characters searches the Chinese text only; a Latin query searches both the text
        (for words like ``5G``) and the translations. ``per_article`` caps the hits taken from one article so
        that one long article does not fill the list. An empty query finds nothing.
        """
        query = " ".join(normalize_text(query).split())
        if not query or limit <= 0:
            return []
        scope = SearchScope(scope)
        hits: list[SearchHit] = []
        titles: dict[int, str] = {}
        with self.store.read():
            if scope in (SearchScope.ALL, SearchScope.CHINESE):
                hits += _capped(self._chinese_hits(query, titles), limit, per_article)
            if scope in (SearchScope.ALL, SearchScope.TRANSLATION) and not has_han(query) and len(hits) < limit:
                hits += _capped(self._translation_hits(query, titles), limit - len(hits), per_article)
        return hits

    def _chinese_hits(self, query: str, titles: dict[int, str]) -> Generator[SearchHit, None, None]:
        if len(query) >= TRIGRAM_MIN:
            sql = "SELECT rowid, text, lengths, start FROM search_zh WHERE search_zh MATCH ? ORDER BY rowid"
            params: list[object] = ['"' + query.replace('"', '""') + '"']
        elif query.isascii() and query.lower() != query.upper():
            # SQLite's lower() folds ASCII only, like the trigram index: compare both sides folded by SQLite.
            sql = (
                "SELECT rowid, text, lengths, start FROM search_zh WHERE instr(lower(text), lower(?)) > 0 "
                "ORDER BY rowid"
            )
            params = [query]
        else:
            sql = "SELECT rowid, text, lengths, start FROM search_zh WHERE instr(text, ?) > 0 ORDER BY rowid"
            params = [query]
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        cursor = self.store.conn.execute(sql, params)
        try:
            for rowid, text, lengths, block_start in cursor:
                article_id, block_index = split_rowid(rowid)
                title = self._title(article_id, titles)
                yield from _block_hits(article_id, title, block_index, text, json.loads(lengths), block_start, pattern)
        finally:
            cursor.close()

    def _translation_hits(self, query: str, titles: dict[int, str]) -> Generator[SearchHit, None, None]:
        words = _WORD.findall(query)
        if not words:
            return
        match = " ".join('"' + word.replace('"', '""') + '"' for word in words) + "*"
        sql = (
            "SELECT rowid, text, chinese, block_index, sentence_index FROM search_en WHERE search_en MATCH ? "
            "ORDER BY rowid"
        )
        cursor = self.store.conn.execute(sql, [match])
        try:
            for rowid, english, chinese, block_index, sentence_index in cursor:
                article_id, _ordinal = split_rowid(rowid)
                start = self._sentence_start(article_id, int(block_index), int(sentence_index))
                title = self._title(article_id, titles)
                yield SearchHit(article_id, title, int(block_index), chinese, start, 0, len(chinese), True, english)
        finally:
            cursor.close()

    def _title(self, article_id: int, titles: dict[int, str]) -> str:
        if article_id not in titles:
            row = self.store.conn.execute("SELECT title FROM articles WHERE id = ?", [article_id]).fetchone()
            titles[article_id] = str(row[0]) if row else ""
        return titles[article_id]

    def _sentence_start(self, article_id: int, block_index: int, sentence_index: int) -> int:
        row = self.store.conn.execute(
            "SELECT lengths, start FROM search_zh WHERE rowid = ?", [rowid_range(article_id)[0] + block_index]
        ).fetchone()
        if row is None:
            return 0
        lengths = json.loads(row[0])
        return int(row[1]) + sum(lengths[:sentence_index])


def _block_hits(
    article_id: int,
    title: str,
    block_index: int,
    text: str,
    lengths: list[int],
    block_start: int,
    pattern: re.Pattern[str],
) -> Iterator[SearchHit]:
    """One hit per sentence of the block that contains a match (at its first match)."""
    sentence_start = 0
    bounds = []
    for length in lengths:
        bounds.append((sentence_start, sentence_start + length))
        sentence_start += length
    last_sentence = -1
    for found in pattern.finditer(text):
        index = next((i for i, (s, e) in enumerate(bounds) if s <= found.start() < e), len(bounds) - 1)
        if index == last_sentence:
            continue
        last_sentence = index
        s, e = bounds[index] if bounds else (0, len(text))
        yield SearchHit(
            article_id,
            title,
            block_index,
            text[s:e],
            block_start + s,
            found.start() - s,
            min(found.end(), e) - s,
        )


def _capped(hits: Generator[SearchHit, None, None], limit: int, per_article: int | None) -> list[SearchHit]:
    """Take up to ``limit`` hits, at most ``per_article`` from any one article."""
    taken: list[SearchHit] = []
    counts: dict[int, int] = {}
    try:
        for hit in hits:
            if per_article is not None and counts.get(hit.article_id, 0) >= per_article:
                continue
            counts[hit.article_id] = counts.get(hit.article_id, 0) + 1
            taken.append(hit)
            if len(taken) >= limit:
                break
    finally:
        hits.close()
    return taken
