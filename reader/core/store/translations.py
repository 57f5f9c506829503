"""Stored English of an article's sentences (table ``sentence_translations``, created by the library's migration).

Rows are keyed by (article, block index, sentence index). They are filled into a loaded article, carried over to a
re-imported article for sentences whose text did not change, and indexed for library search.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from reader.core.model import Article
from reader.core.store import search_index

#: (block index, sentence index, English, source)
TranslationRow = tuple[int, int, str, Any]


def rows(db: Database, article_id: int) -> list[TranslationRow]:
    """Return the stored translations of an article."""
    return db.execute(
        "SELECT block_index, sentence_index, text, source FROM sentence_translations WHERE article_id = ?",
        [article_id],
    ).fetchall()


def store(db: Database, article_id: int, article: Article, blocks: set[int] | None) -> int:
    """Save the translated sentences of ``article`` (only of ``blocks`` if given); return how many."""
    values = [
        (article_id, b, s, sentence.translation, sentence.translation_source)
        for b, block in enumerate(article.blocks)
        if blocks is None or b in blocks
        for s, sentence in enumerate(block.sentences)
        if sentence.translation
    ]
    db.conn.executemany("INSERT OR REPLACE INTO sentence_translations VALUES (?, ?, ?, ?, ?)", values)
    return len(values)


def apply(article: Article, stored: list[TranslationRow]) -> None:
    """Set the translation of every sentence of ``article`` that has a stored row."""
    for block_index, sentence_index, text, source in stored:
        if block_index < len(article.blocks) and sentence_index < len(article.blocks[block_index].sentences):
            sentence = article.blocks[block_index].sentences[sentence_index]
            sentence.translation = text
            sentence.translation_source = source


def carry_over(db: Database, article_id: int, old: Article, new: Article) -> Article:
    """Fill ``new``'s untranslated sentences (in place) from the stored translations of identical sentences."""
    apply(old, rows(db, article_id))
    known = {s.text: (s.translation, s.translation_source) for b in old.blocks for s in b.sentences if s.translation}
    for block in new.blocks:
        for sentence in block.sentences:
            if not sentence.translation and sentence.text in known:
                sentence.translation, sentence.translation_source = known[sentence.text]
    return new


def reindex(db: Database, article_id: int, article: Article) -> None:
    """Rebuild the article's rows in the English search index from the stored translations."""
    indexed = []
    for block_index, sentence_index, english, _source in rows(db, article_id):
        if block_index < len(article.blocks) and sentence_index < len(article.blocks[block_index].sentences):
            chinese = article.blocks[block_index].sentences[sentence_index].text
            indexed.append((int(block_index), int(sentence_index), str(english), chinese))
    search_index.index_translations(db, article_id, indexed)
