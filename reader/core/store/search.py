"""Library search: every text the learner sees — the Chinese, its pinyin, the English, notes — hits as sentences.

Chinese queries are exact substring matches (case-insensitive for Latin letters): three characters or more go
through the FTS5 ``trigram`` index; one or two characters — most Chinese words — scan the indexed blocks with
``instr``, because a trigram index cannot answer them (and, measured on SQLite 3.40, ``LIKE`` with fewer than
three characters on a trigram table returns no rows at all). Both stay under 100 ms over 1,000 articles
(bench/bench_store.py). English queries match whole words with stemming (``learn`` finds "learning"), the last
word as a prefix. A Latin query is also read as pinyin the way Find reads it
(:func:`reader.core.pinyin.query.parse_pinyin_query`: ``keju``, ``ke3ju3``, ``kē jǔ``) and matched against the
pinyin index, whole syllables only. Notes written on highlights are searched too. The Chinese text
and the query are folded by
:func:`reader.core.store.search_index.fold_for_index` (traditional to simplified, so 特区 finds 特區 and the
reverse); hits show the text as written. The index itself is maintained by :mod:`reader.core.store.search_index`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from reader.core.chars import has_han
from reader.core.normalize import normalize_text
from reader.core.pinyin.query import match_pinyin_runs, parse_pinyin_query
from reader.core.store.db import Store
from reader.core.store.search_index import NO_SYLLABLE, fold_for_index, rowid_range, split_rowid

#: A kind of text to search: (query, title cache, articles to skip) -> hits in library order.
_HitSource = Callable[[str, dict[int, str], set[int]], Generator["SearchHit", None, None]]
#: Shortest query the trigram index can answer.
TRIGRAM_MIN = 3
_WORD = re.compile(r"\w+")


class SearchScope(StrEnum):
    """What to search: the Chinese text, the translations, or both (the default)."""

    ALL = "all"
    CHINESE = "chinese"  # the characters, and their pinyin for a Latin query
    TRANSLATION = "translation"
    NOTES = "notes"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching sentence.

    ``start``/``end`` are the match's character offsets in the article's text (for a translation hit, the
    sentence's), ``sentence_start`` the sentence's offset, ``match_start``/``match_end`` the match within
    ``sentence``. ``translation`` is the English sentence of a translation hit; ``note`` the note of a note hit
    (whose ``sentence`` is the highlighted text).
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
    note: str | None = None

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
        """Return up to ``limit`` matching sentences, in library order (article, then reading order) per kind.

        A query with Chinese characters searches the Chinese text (and notes); a Latin query searches the text
        (for words like ``5G``), the pinyin, the translations and the notes. ``per_article`` caps the hits taken
        from one article so that one long article does not fill the list. An empty query finds nothing.
        """
        query = " ".join(normalize_text(query).split())
        if not query or limit <= 0:
            return []
        hits: list[SearchHit] = []
        titles: dict[int, str] = {}
        with self.store.read():
            for kind in self._kinds(query, SearchScope(scope)):
                if len(hits) >= limit:
                    break
                found = _capped(kind(query, titles, set()), limit - len(hits), per_article)
                hits += [hit for hit in found if not _same_place(hit, hits)]
            return [self._as_written(hit) for hit in hits]

    def matching_articles(self, query: str, *, scope: SearchScope | str = SearchScope.ALL) -> set[int]:
        """Return the ids of the visible articles with at least one hit (the library filter's content match)."""
        query = " ".join(normalize_text(query).split())
        found: set[int] = set()
        if not query:
            return found
        titles: dict[int, str] = {}
        with self.store.read():
            for kind in self._kinds(query, SearchScope(scope)):
                hits = kind(query, titles, found)
                try:
                    for hit in hits:
                        found.add(hit.article_id)
                finally:
                    hits.close()
        return found

    def _kinds(self, query: str, scope: SearchScope) -> list[_HitSource]:
        """The kinds of text to search for ``query`` in ``scope``, in the order their hits are listed."""
        kinds: list[_HitSource] = []
        latin = not has_han(query)
        if scope in (SearchScope.ALL, SearchScope.CHINESE):
            kinds.append(self._chinese_hits)
            if latin and parse_pinyin_query(query) is not None:
                kinds.append(self._pinyin_hits)
        if scope in (SearchScope.ALL, SearchScope.TRANSLATION) and latin:
            kinds.append(self._translation_hits)
        if scope in (SearchScope.ALL, SearchScope.NOTES):
            kinds.append(self._note_hits)
        return kinds

    def _chinese_hits(self, query: str, titles: dict[int, str], skip: set[int]) -> Generator[SearchHit, None, None]:
        folded = fold_for_index(query)
        if len(folded) >= TRIGRAM_MIN:
            sql = "SELECT rowid, text, lengths, start FROM search_zh WHERE search_zh MATCH ? ORDER BY rowid"
            params: list[object] = ['"' + folded.replace('"', '""') + '"']
        elif folded.isascii() and folded.lower() != folded.upper():
            # SQLite's lower() folds ASCII only, like the trigram index: compare both sides folded by SQLite.
            sql = (
                "SELECT rowid, text, lengths, start FROM search_zh WHERE instr(lower(text), lower(?)) > 0 "
                "ORDER BY rowid"
            )
            params = [folded]
        else:
            sql = "SELECT rowid, text, lengths, start FROM search_zh WHERE instr(text, ?) > 0 ORDER BY rowid"
            params = [folded]
        pattern = re.compile(re.escape(folded), re.IGNORECASE)
        cursor = self.store.conn.execute(sql, params)
        try:
            for rowid, text, lengths, block_start in cursor:
                article_id, block_index = split_rowid(rowid)
                if article_id in skip:
                    continue
                spans = [(found.start(), found.end()) for found in pattern.finditer(text)]
                title = self._title(article_id, titles)
                yield from _block_hits(article_id, title, block_index, text, json.loads(lengths), block_start, spans)
        finally:
            cursor.close()

    def _pinyin_hits(self, query: str, titles: dict[int, str], skip: set[int]) -> Generator[SearchHit, None, None]:
        syllables = parse_pinyin_query(query)
        if syllables is None:
            return
        letters = syllables.key
        if len(letters) >= TRIGRAM_MIN:
            # The index keeps no positions (detail=none): every trigram must occur, and instr checks the whole run.
            trigrams = " AND ".join(f'"{letters[i : i + 3]}"' for i in range(len(letters) - 2))
            sql = (
                "SELECT rowid, syllables FROM search_py WHERE search_py MATCH ? AND instr(letters, ?) > 0 "
                "ORDER BY rowid"
            )
            params: list[object] = [trigrams, letters]
        else:
            sql = "SELECT rowid, syllables FROM search_py WHERE instr(letters, ?) > 0 ORDER BY rowid"
            params = [letters]
        cursor = self.store.conn.execute(sql, params)
        try:
            for rowid, stored in cursor:
                article_id, block_index = split_rowid(rowid)
                if article_id in skip:
                    continue
                chars = [
                    (offset, syllable[:-1], syllable[-1]) if syllable != NO_SYLLABLE else (-1, "", "")
                    for offset, syllable in enumerate(stored.split(" "))
                ]
                spans = match_pinyin_runs(chars, syllables)
                if not spans:
                    continue
                row = self.store.conn.execute(
                    "SELECT text, lengths, start FROM search_zh WHERE rowid = ?", [rowid]
                ).fetchone()
                if row is None:
                    continue
                title = self._title(article_id, titles)
                yield from _block_hits(article_id, title, block_index, row[0], json.loads(row[1]), row[2], spans)
        finally:
            cursor.close()

    def _translation_hits(self, query: str, titles: dict[int, str], skip: set[int]) -> Generator[SearchHit, None, None]:
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
                if article_id in skip:
                    continue
                start = self._sentence_start(article_id, int(block_index), int(sentence_index))
                title = self._title(article_id, titles)
                yield SearchHit(article_id, title, int(block_index), chinese, start, 0, len(chinese), True, english)
        finally:
            cursor.close()

    def _note_hits(self, query: str, titles: dict[int, str], skip: set[int]) -> Generator[SearchHit, None, None]:
        sql = (
            "SELECT h.article_id, h.start_offset, h.quote, h.note FROM highlights h JOIN articles a "
            "ON a.id = h.article_id WHERE a.deleted_at IS NULL AND h.orphaned = 0 AND h.note != '' "
            "AND instr(lower(h.note), lower(?)) > 0 ORDER BY h.article_id, h.start_offset"
        )
        cursor = self.store.conn.execute(sql, [query])
        try:
            for article_id, start, quote, note in cursor:
                if article_id in skip:
                    continue
                block_index = self._block_at(int(article_id), int(start))
                title = self._title(int(article_id), titles)
                yield SearchHit(int(article_id), title, block_index, quote, int(start), 0, len(quote), note=note)
        finally:
            cursor.close()

    def _block_at(self, article_id: int, offset: int) -> int:
        first, last = rowid_range(article_id)
        row = self.store.conn.execute(
            "SELECT rowid FROM search_zh WHERE rowid BETWEEN ? AND ? AND start <= ? ORDER BY rowid DESC LIMIT 1",
            [first, last, offset],
        ).fetchone()
        return split_rowid(int(row[0]))[1] if row else 0

    def _as_written(self, hit: SearchHit) -> SearchHit:
        """The hit with its sentence as the article writes it (the index holds folded text)."""
        if hit.in_translation or hit.note is not None:
            return hit
        row = self.store.conn.execute(
            "SELECT substr(text, ?, ?) FROM article_content WHERE article_id = ?",
            [hit.sentence_start + 1, len(hit.sentence), hit.article_id],
        ).fetchone()
        if row is None or len(row[0]) != len(hit.sentence):
            return hit
        return replace(hit, sentence=str(row[0]))

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
    spans: list[tuple[int, int]],
) -> Iterator[SearchHit]:
    """One hit per sentence of the block that contains a match span (at its first match)."""
    sentence_start = 0
    bounds = []
    for length in lengths:
        bounds.append((sentence_start, sentence_start + length))
        sentence_start += length
    last_sentence = -1
    for match_start, match_end in spans:
        index = next((i for i, (s, e) in enumerate(bounds) if s <= match_start < e), len(bounds) - 1)
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
            match_start - s,
            min(match_end, e) - s,
        )


def _same_place(hit: SearchHit, hits: list[SearchHit]) -> bool:
    """True if ``hits`` already shows this sentence (a pinyin hit on a sentence whose characters matched)."""
    return any(
        other.article_id == hit.article_id
        and other.sentence_start == hit.sentence_start
        and other.note is None
        and hit.note is None
        and not other.in_translation
        and not hit.in_translation
        for other in hits
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
