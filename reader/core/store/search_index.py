"""The full-text index of the library, kept up to date by :mod:`reader.core.store.library` in its transactions.

Two SQLite FTS5 tables:

* ``search_zh`` — one row per block of Chinese text, with the ``trigram`` tokenizer, so a query of three or more
  characters is an exact substring match served by the index (jieba-segmented tokens miss words that jieba cuts
  differently in the text and in the query; see bench/RESULTS.md). Shorter queries scan the same rows with
  ``instr``. The row keeps the sentence lengths so a hit can be shown as its sentence without another lookup.
* ``search_en`` — one row per translated sentence, with the Porter stemmer, storing the Chinese sentence beside it.

Row ids are ``article_id << 32 | n`` (``n`` = block index, or the translated sentence's ordinal), so an article's
rows are one rowid range and are dropped without a scan.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reader.core.model import Article
from reader.core.store.db import register_migrations

migrations = register_migrations(Migrations("search"))

ROWID_SHIFT = 32


@migrations()
def m001_fts(db: Database) -> None:
    """Create the Chinese (trigram) and English (Porter) full-text tables."""
    db.execute(
        "CREATE VIRTUAL TABLE search_zh USING fts5(text, lengths UNINDEXED, start UNINDEXED, "
        "tokenize = 'trigram', columnsize = 0)"
    )
    db.execute(
        "CREATE VIRTUAL TABLE search_en USING fts5(text, chinese UNINDEXED, block_index UNINDEXED, "
        "sentence_index UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2', columnsize = 0)"
    )


def rowid_range(article_id: int) -> tuple[int, int]:
    """The first and last row id an article's rows can have."""
    base = article_id << ROWID_SHIFT
    return base, base + (1 << ROWID_SHIFT) - 1


def split_rowid(rowid: int) -> tuple[int, int]:
    """Return (article id, block index or sentence ordinal) of a row id."""
    return rowid >> ROWID_SHIFT, rowid & ((1 << ROWID_SHIFT) - 1)


def index_article(db: Database, article_id: int, article: Article) -> None:
    """(Re)index the Chinese text of an article, one row per block."""
    first, last = rowid_range(article_id)
    db.execute("DELETE FROM search_zh WHERE rowid BETWEEN ? AND ?", [first, last])
    db.conn.executemany(
        "INSERT INTO search_zh (rowid, text, lengths, start) VALUES (?, ?, ?, ?)",
        [
            (first + index, block.text, json.dumps([len(s.text) for s in block.sentences]), block.start)
            for index, block in enumerate(article.blocks)
            if block.text
        ],
    )


def index_translations(db: Database, article_id: int, rows: Iterable[tuple[int, int, str, str]]) -> None:
    """(Re)index an article's translated sentences, given as (block, sentence, English, Chinese)."""
    first, last = rowid_range(article_id)
    db.execute("DELETE FROM search_en WHERE rowid BETWEEN ? AND ?", [first, last])
    db.conn.executemany(
        "INSERT INTO search_en (rowid, text, chinese, block_index, sentence_index) VALUES (?, ?, ?, ?, ?)",
        [(first + n, english, chinese, b, s) for n, (b, s, english, chinese) in enumerate(sorted(rows))],
    )


def drop_article(db: Database, article_id: int) -> None:
    """Remove an article from both indexes."""
    first, last = rowid_range(article_id)
    db.execute("DELETE FROM search_zh WHERE rowid BETWEEN ? AND ?", [first, last])
    db.execute("DELETE FROM search_en WHERE rowid BETWEEN ? AND ?", [first, last])
