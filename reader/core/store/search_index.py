"""The full-text index of the library, kept up to date by :mod:`reader.core.store.library` in its transactions.

Two SQLite FTS5 tables:

* ``search_zh`` — one row per block of Chinese text, with the ``trigram`` tokenizer, so a query of three or more
  characters is an exact substring match served by the index (jieba-segmented tokens miss words that jieba cuts
  differently in the text and in the query; see bench/RESULTS.md). Shorter queries scan the same rows with
  ``instr``. The row keeps the sentence lengths so a hit can be shown as its sentence without another lookup.
* ``search_en`` — one row per translated sentence, with the Porter stemmer, storing the Chinese sentence beside it.
* ``search_py`` — one row per block: the toneless pinyin letters of its characters run together (``trigram`` with
  ``detail=none``: every trigram of ``hulianwang`` must occur, then ``instr`` keeps the rows that hold it whole; half
  the insert time and a sixth of the index of a positional one), with each character's syllable and tone beside it
  (unindexed) to check a candidate the way Find does (whole syllables, tones where the query gives them). The
  pinyin is the analysis's once an article has been opened (words in context: 银行 yínháng), before that each
  character's usual reading.

The Chinese text and queries go through :func:`fold_for_index` (the hook for simplified/traditional folding).

Row ids are ``article_id << 32 | n`` (``n`` = block index, or the translated sentence's ordinal), so an article's
rows are one rowid range and are dropped without a scan.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable

from pypinyin.constants import PINYIN_DICT
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reader.core.chars import is_han
from reader.core.model import Article, Block
from reader.core.pinyin.styles import marks_to_numbers
from reader.core.script import fold
from reader.core.store.db import register_migrations

log = logging.getLogger(__name__)
migrations = register_migrations(Migrations("search"))

ROWID_SHIFT = 32
#: A character without pinyin in ``search_py.syllables`` (and, in ``letters``, a break between runs).
NO_SYLLABLE = "-"


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


@migrations()
def m002_pinyin(db: Database) -> None:
    """Create the pinyin index; index the articles already in the library again (pinyin, and the text folded)."""
    db.execute(
        "CREATE VIRTUAL TABLE search_py USING fts5(letters, syllables UNINDEXED, tokenize = 'trigram', "
        "columnsize = 0, detail = none)"
    )
    if not db["articles"].exists():
        return
    from reader.core.store.codec import decode_structure  # the codec is the library's; only needed here

    rows = db.execute(
        "SELECT a.id, a.title, c.text, c.structure FROM articles a JOIN article_content c ON c.article_id = a.id "
        "WHERE a.deleted_at IS NULL"
    ).fetchall()
    for article_id, title, text, structure in rows:
        try:
            index_article(db, article_id, decode_structure(title, text, structure))
        except Exception:  # one damaged row must not stop the upgrade: that article is found by its characters only
            log.exception("could not index the pinyin of article %s", article_id)


def fold_for_index(text: str) -> str:
    """Fold text for the Chinese index and for queries alike: the one hook for cross-script search (特区 ↔ 特區).

    Traditional forms become simplified (:func:`reader.core.script.fold`, the key Find and the deck use too), one
    character for one, so that offsets in the index are offsets in the text.
    """
    return fold(text)


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
            (first + index, fold_for_index(block.text), json.dumps([len(s.text) for s in block.sentences]), block.start)
            for index, block in enumerate(article.blocks)
            if block.text
        ],
    )
    index_pinyin(db, article_id, article)


def index_pinyin(db: Database, article_id: int, article: Article) -> None:
    """(Re)index the pinyin of an article's blocks: its analysis where it has tokens, else usual readings."""
    replace_pinyin(db, article_id, pinyin_rows(article_id, article))


def pinyin_rows(article_id: int, article: Article) -> list[tuple[int, str, str]]:
    """The ``search_py`` rows of an article, (rowid, letters, syllables), built without touching the store."""
    first, _last = rowid_range(article_id)
    rows = []
    for index, block in enumerate(article.blocks):
        syllables = block_syllables(block)
        letters = "".join([_LETTERS.get(syllable) or _letters(syllable) for syllable in syllables])
        if len(letters.replace("|", "")):
            rows.append((first + index, letters, " ".join(syllables)))
    return rows


#: Toneless letters of each syllable seen (``ju3`` → ``ju``); a non-Han character is a run break, ``|``.
_LETTERS: dict[str, str] = {NO_SYLLABLE: "|"}


def _letters(syllable: str) -> str:
    _LETTERS[syllable] = syllable[:-1]
    return syllable[:-1]


def replace_pinyin(db: Database, article_id: int, rows: list[tuple[int, str, str]]) -> None:
    """Replace an article's rows in the pinyin index with ``rows`` (from :func:`pinyin_rows`)."""
    first, last = rowid_range(article_id)
    db.execute("DELETE FROM search_py WHERE rowid BETWEEN ? AND ?", [first, last])
    db.conn.executemany("INSERT INTO search_py (rowid, letters, syllables) VALUES (?, ?, ?)", rows)


def block_syllables(block: Block) -> list[str]:
    """One entry per character of the block: its syllable with tone number (``ju3``), or :data:`NO_SYLLABLE`."""
    syllables: list[str] = []
    for sentence in block.sentences:
        if sentence.tokens:
            for token in sentence.tokens:
                if token.pinyin is None or len(token.pinyin) != len(token.text):
                    syllables += usual_syllables(token.text)
                else:
                    syllables += [(s.lower() if s else NO_SYLLABLE) for s in token.pinyin]
        else:
            syllables += usual_syllables(sentence.text)
    missing = len(block.text) - len(syllables)  # sentences always cover the block; this guards stored data
    return syllables[: len(block.text)] + [NO_SYLLABLE] * max(0, missing)


#: Memo of :func:`usual_syllable` by character (pure, so shared freely): a dict lookup per character is what makes
#: indexing a 4 MB novel's pinyin take a second rather than several.
_USUAL: dict[str, str] = {}


def usual_syllables(text: str) -> list[str]:
    """:func:`usual_syllable` of every character of ``text``."""
    usual = _USUAL
    return [usual.get(char) or usual_syllable(char) for char in text]


def usual_syllable(char: str) -> str:
    """A character's most common reading with its tone number (行 → ``xing2``), or :data:`NO_SYLLABLE`."""
    found = _USUAL.get(char)
    if found is None:
        readings = PINYIN_DICT.get(ord(char)) if is_han(char) else None
        found = marks_to_numbers(readings.split(",")[0]) if readings else "-"
        _USUAL[char] = found
    return found


def index_translations(db: Database, article_id: int, rows: Iterable[tuple[int, int, str, str]]) -> None:
    """(Re)index an article's translated sentences, given as (block, sentence, English, Chinese)."""
    first, last = rowid_range(article_id)
    db.execute("DELETE FROM search_en WHERE rowid BETWEEN ? AND ?", [first, last])
    db.conn.executemany(
        "INSERT INTO search_en (rowid, text, chinese, block_index, sentence_index) VALUES (?, ?, ?, ?, ?)",
        [(first + n, english, chinese, b, s) for n, (b, s, english, chinese) in enumerate(sorted(rows))],
    )


def drop_article(db: Database, article_id: int) -> None:
    """Remove an article from every index."""
    first, last = rowid_range(article_id)
    db.execute("DELETE FROM search_zh WHERE rowid BETWEEN ? AND ?", [first, last])
    db.execute("DELETE FROM search_en WHERE rowid BETWEEN ? AND ?", [first, last])
    db.execute("DELETE FROM search_py WHERE rowid BETWEEN ? AND ?", [first, last])
