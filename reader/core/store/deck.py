"""The personal vocabulary deck: one entry per (word, reading), with its context, tags and learning status.

行 háng and 行 xíng are two entries: an entry is identified by its simplified form and its reading, stored in
tone-number form (``hang2``; see :mod:`reader.core.pinyin.readings`). Each entry keeps the sentence it was found in and
that sentence's translation, the article it came from (``article_id`` is set to NULL if the article is deleted;
``article_title`` keeps the entry meaningful), tags, a status (``new`` → ``learning`` → ``known``, or
``ignored``), an editable definition and a personal note.

Changes return what an undo needs: :meth:`Deck.update` returns the entry before and after, :meth:`Deck.delete`
the deleted entries; :meth:`Deck.restore` puts entries back exactly (ids included). Every change also updates the
word's status in :mod:`reader.core.store.words`. Exports are recorded per format, so an export can take only the
entries added or changed since the previous one.

Queries filter by status, tag, article and a search that matches hanzi (simplified or traditional), pinyin with
or without tones (``yin2hang2``, ``yinhang``, ``yínháng``) and English; 50,000 entries filter in well under
50 ms (see bench/bench_deck.py).
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

import reader.core.store.library  # noqa: F401  (registers the articles table that entries reference)
from reader.core.chars import has_han
from reader.core.cleantext import clean_field, storable
from reader.core.errors import InputError, StoreError
from reader.core.pinyin.query import parse_reading, search_pattern
from reader.core.pinyin.readings import search_forms
from reader.core.pinyin.styles import format_reading
from reader.core.script import fold
from reader.core.store.db import Store, register_migrations
from reader.core.store.words import ENTRY_STATUSES, STATUS_RANK_SQL, WordStatus, sync_from_deck, utc_now
from reader.core.translation.packs import is_machine_translation

migrations = register_migrations(Migrations("deck"))

_COLUMNS = (
    "id, simplified, traditional, pinyin, definition, sentence, sentence_translation, article_id, article_title, "
    "position, sentence_offset, tags, status, note, added_at, updated_at, sentence_translation_source"
)
_PLACEHOLDERS = ", ".join("?" * (len(_COLUMNS.split(",")) + 1))


@migrations()
def m001_deck_entries(db: Database) -> None:
    """Create the deck entries and the record of exports."""
    # AUTOINCREMENT: an id is never given again, so undoing a deletion cannot overwrite a newer entry.
    db.execute(
        """CREATE TABLE deck_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            simplified TEXT NOT NULL,
            traditional TEXT NOT NULL DEFAULT '',
            pinyin TEXT NOT NULL,
            definition TEXT NOT NULL DEFAULT '',
            sentence TEXT NOT NULL DEFAULT '',
            sentence_translation TEXT NOT NULL DEFAULT '',
            article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            article_title TEXT NOT NULL DEFAULT '',
            position INTEGER,
            sentence_offset INTEGER,
            tags TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'learning', 'known', 'ignored')),
            note TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            search_pinyin TEXT NOT NULL DEFAULT '',
            UNIQUE (simplified, pinyin)
        )"""
    )
    db.execute("CREATE INDEX deck_entries_added ON deck_entries(added_at)")
    db.execute("CREATE INDEX deck_entries_updated ON deck_entries(updated_at)")
    db.execute("CREATE INDEX deck_entries_status ON deck_entries(status)")
    db.execute("CREATE INDEX deck_entries_article ON deck_entries(article_id)")
    db.execute(
        """CREATE TABLE deck_exports (
            id INTEGER PRIMARY KEY,
            format TEXT NOT NULL,
            started_at TEXT NOT NULL,
            entry_count INTEGER NOT NULL,
            path TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX deck_exports_format ON deck_exports(format, started_at)")


@migrations()
def m002_sort_indexes(db: Database) -> None:
    """Index the deck window's sort orders, so the first page of an unfiltered deck needs no sort."""
    db.execute("CREATE INDEX deck_entries_pinyin ON deck_entries(search_pinyin)")
    db.execute("CREATE INDEX deck_entries_definition ON deck_entries(definition COLLATE NOCASE)")
    db.execute("CREATE INDEX deck_entries_source ON deck_entries(article_title COLLATE NOCASE)")
    db.execute(f"CREATE INDEX deck_entries_status_rank ON deck_entries({STATUS_RANK_SQL})")


@migrations()
def m003_translation_source(db: Database) -> None:
    """Remember where an entry's sentence translation came from, so exports can label machine translations.

    Existing entries take the source the library stored for the same English in their article, when there is one.
    """
    db.execute("ALTER TABLE deck_entries ADD COLUMN sentence_translation_source TEXT NOT NULL DEFAULT ''")
    backfill_translation_sources(db)


def backfill_translation_sources(db: Database) -> None:
    """Give entries without a translation source the one the library stored for the same English in their article."""
    db.execute(
        """UPDATE deck_entries SET sentence_translation_source = coalesce((
               SELECT source FROM sentence_translations t
               WHERE t.article_id = deck_entries.article_id AND t.text = deck_entries.sentence_translation
               LIMIT 1), '')
           WHERE sentence_translation != '' AND sentence_translation_source = '' AND article_id IS NOT NULL"""
    )


class DuplicateEntryError(InputError):
    """The deck already has an entry for this word with this reading."""


class EntryNotFoundError(StoreError):
    """No deck entry has the given id (it was deleted)."""


class SortField(StrEnum):
    """Columns the deck can be sorted by."""

    ADDED = "added"
    UPDATED = "updated"
    HANZI = "hanzi"
    PINYIN = "pinyin"
    DEFINITION = "definition"
    STATUS = "status"
    SOURCE = "source"


_SORT_SQL = {
    SortField.ADDED: "added_at",
    SortField.UPDATED: "updated_at",
    SortField.HANZI: "simplified",
    SortField.PINYIN: "search_pinyin",
    SortField.DEFINITION: "definition COLLATE NOCASE",
    SortField.STATUS: STATUS_RANK_SQL,
    SortField.SOURCE: "article_title COLLATE NOCASE",
}


@dataclass(frozen=True, slots=True)
class DeckEntry:
    """One word of the deck.

    ``pinyin`` is the reading as shown in context, in tone-number form with one syllable per character
    (``yin2 hang2``); ``position`` is the word's character offset in the article's text and ``sentence_offset``
    its offset in ``sentence`` (exports put that occurrence in bold); dates are UTC.
    """

    id: int
    simplified: str
    pinyin: str
    traditional: str = ""
    definition: str = ""
    sentence: str = ""
    sentence_translation: str = ""
    article_id: int | None = None
    article_title: str = ""
    position: int | None = None
    sentence_offset: int | None = None
    tags: tuple[str, ...] = ()
    status: WordStatus = WordStatus.NEW
    note: str = ""
    added_at: datetime = datetime.min
    updated_at: datetime = datetime.min
    sentence_translation_source: str = ""  # "reference", a pack's label, or "" (typed by the learner, or unknown)

    @property
    def machine_translated(self) -> bool:
        """Whether the sentence translation came from a language pack (exports label it so)."""
        return bool(self.sentence_translation) and is_machine_translation(self.sentence_translation_source)

    @property
    def key(self) -> str:
        """A stable unique key: the word and its reading (``行[hang2]``); exports use it to match notes."""
        return f"{self.simplified}[{self.pinyin}]"

    @property
    def pinyin_marks(self) -> str:
        """The reading with tone marks (``yín háng``)."""
        return format_reading(self.pinyin)

    def to_json(self) -> dict[str, Any]:
        """Return the entry as JSON-ready values (dates in ISO 8601)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["tags"] = list(self.tags)
        data["status"] = self.status.value
        data["added_at"] = self.added_at.isoformat()
        data["updated_at"] = self.updated_at.isoformat()
        data["pinyin_marks"] = self.pinyin_marks
        data["key"] = self.key
        return data


@dataclass(frozen=True, slots=True)
class EntryEdit:
    """An entry before and after :meth:`Deck.update`; ``deck.restore([edit.before])`` undoes the edit."""

    before: DeckEntry
    after: DeckEntry


@dataclass(frozen=True, slots=True)
class DeckPage:
    """One page of entries and the number of entries that match in all (for "1–100 of 2,345")."""

    entries: list[DeckEntry]
    total: int


@dataclass(frozen=True, slots=True)
class DeckQuery:
    """Which entries to list and in what order.

    ``search`` matches hanzi (simplified or traditional), pinyin with or without tones, and the definition;
    ``statuses`` keeps entries with any of the statuses, ``tags`` entries that have all of the tags;
    ``changed_since`` keeps entries added or changed after that time. ``limit``/``offset`` page the result.
    """

    search: str = ""
    statuses: tuple[WordStatus, ...] = ()
    tags: tuple[str, ...] = ()
    article_id: int | None = None
    changed_since: datetime | None = None
    sort: SortField = SortField.ADDED
    descending: bool = True
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One past export: its format, when it started, how many entries it wrote, and where."""

    format: str
    started_at: datetime
    entry_count: int
    path: str


_EDITABLE = frozenset(
    {
        "simplified",
        "traditional",
        "pinyin",
        "definition",
        "sentence",
        "sentence_translation",
        "sentence_translation_source",
        "article_id",
        "article_title",
        "position",
        "sentence_offset",
        "tags",
        "status",
        "note",
    }
)


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Clean tags the way Anki stores them: no spaces inside (they become ``_``), no duplicates, sorted.

    Duplicates are found regardless of case (Anki treats ``HSK`` and ``hsk`` as one tag); the first spelling wins.
    """
    seen: dict[str, str] = {}
    for tag in tags:
        cleaned = "_".join(unicodedata.normalize("NFC", clean_field(tag)).split())
        if cleaned and cleaned.casefold() not in seen:
            seen[cleaned.casefold()] = cleaned
    return tuple(sorted(seen.values(), key=str.casefold))


def _clean_text(text: str | None) -> str:
    return unicodedata.normalize("NFC", clean_field(text or "")).strip()


def _check_word(word: str) -> str:
    word = unicodedata.normalize("NFC", clean_field(word, "")).strip()
    if not word:
        raise InputError("The word is empty.")
    if not has_han(word):
        raise InputError(f"“{word}” contains no Chinese character.")
    if any(char.isspace() for char in word):
        raise InputError(f"“{word}” is not one word (it contains spaces).")
    return word


def _check_status(status: WordStatus | str) -> WordStatus:
    value = WordStatus(status)
    if value not in ENTRY_STATUSES:
        raise InputError(f"A deck entry cannot be “{value.value}”; use new, learning, known or ignored.")
    return value


def _sentence_offset(sentence: str, word: str, offset: int | None) -> int | None:
    """The word's offset in the trimmed sentence: ``offset`` if the word is there, else its first occurrence, else None.

    ``offset`` counts in ``sentence`` as given, before its surrounding spaces are trimmed.
    """
    raw = unicodedata.normalize("NFC", sentence or "")
    sentence = raw.strip()
    if offset is not None:
        offset -= len(raw) - len(raw.lstrip())
        if offset >= 0 and sentence[offset : offset + len(word)] == word:
            return offset
    found = sentence.find(word)
    return found if found >= 0 else None


def _order(query: DeckQuery, filtered: bool) -> str:
    """The ORDER BY clause of ``query``; ties are broken by id.

    With filters the sort key is written ``+key`` so that SQLite scans the table once and sorts the matches,
    instead of walking the sort index and testing every row (3× slower when few rows match).
    """
    direction = " DESC" if query.descending else ""
    key = _SORT_SQL[query.sort]
    if filtered:
        key = f"+({key})" if " " in key else f"+{key}"
    return f"{key}{direction}, id{direction}"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _row_to_entry(row: Sequence[Any]) -> DeckEntry:
    return DeckEntry(
        id=int(row[0]),
        simplified=row[1],
        traditional=row[2],
        pinyin=row[3],
        definition=row[4],
        sentence=row[5],
        sentence_translation=row[6],
        article_id=row[7],
        article_title=row[8],
        position=row[9],
        sentence_offset=row[10],
        tags=tuple(row[11].split()) if row[11] else (),
        status=WordStatus(row[12]),
        note=row[13],
        added_at=datetime.fromisoformat(row[14]),
        updated_at=datetime.fromisoformat(row[15]),
        sentence_translation_source=row[16],
    )


def _entry_values(entry: DeckEntry) -> list[Any]:
    """Column values of ``entry`` in :data:`_COLUMNS` order, plus the search forms."""
    return [
        entry.id,
        entry.simplified,
        entry.traditional,
        entry.pinyin,
        entry.definition,
        entry.sentence,
        entry.sentence_translation,
        entry.article_id,
        entry.article_title,
        entry.position,
        entry.sentence_offset,
        " ".join(entry.tags),
        entry.status.value,
        entry.note,
        entry.added_at.isoformat(timespec="microseconds"),
        entry.updated_at.isoformat(timespec="microseconds"),
        entry.sentence_translation_source,
        search_forms(entry.pinyin),
    ]


class Deck:
    """The vocabulary deck in the store. Thread-safe: every call holds the store's lock for its duration."""

    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self._clock = clock

    # -- adding, changing, deleting -----------------------------------------------------------------------------

    def add(
        self,
        simplified: str,
        pinyin: str,
        *,
        traditional: str = "",
        definition: str = "",
        sentence: str = "",
        sentence_translation: str = "",
        sentence_translation_source: str = "",
        article_id: int | None = None,
        article_title: str = "",
        position: int | None = None,
        sentence_offset: int | None = None,
        tags: Iterable[str] = (),
        status: WordStatus | str = WordStatus.NEW,
        note: str = "",
    ) -> DeckEntry:
        """Add a word with its reading and context; return the new entry (``deck.delete([entry.id])`` undoes it).

        ``pinyin`` may use tone numbers or marks (see :func:`~reader.core.pinyin.query.parse_reading`); ``definition``
        is what the caller looked up (the CEDICT senses, one per line), editable later; ``position`` is the word's
        offset in the article's text, ``sentence_offset`` its offset in ``sentence`` (computed from the first
        occurrence when not given); ``sentence_translation_source`` is where the translation came from (the
        reading view's ``Sentence.translation_source``).
        Raises :class:`DuplicateEntryError` if the word is already in the deck with that reading, and
        :class:`InputError` for an empty word or a reading that is not pinyin.
        """
        word = _check_word(simplified)
        now = self._clock()
        entry = DeckEntry(
            id=0,
            simplified=word,
            pinyin=parse_reading(pinyin, word),
            traditional=_clean_text(traditional),
            definition=_clean_text(definition),
            sentence=_clean_text(sentence),
            sentence_translation=_clean_text(sentence_translation),
            sentence_translation_source=sentence_translation_source.strip(),
            article_id=article_id,
            article_title=_clean_text(article_title),
            position=position,
            sentence_offset=_sentence_offset(sentence, word, sentence_offset),
            tags=normalize_tags(tags),
            status=_check_status(status),
            note=_clean_text(note),
            added_at=now,
            updated_at=now,
        )
        return self._insert(entry)

    def _insert(self, entry: DeckEntry) -> DeckEntry:
        """Store a new ``entry`` (its article link dropped if the article is gone); return it with its id."""
        with self.store.write() as db:
            article_id = self._existing_article(db, entry.article_id)
            values = _entry_values(replace(entry, article_id=article_id))
            try:
                cursor = db.execute(
                    f"INSERT INTO deck_entries ({_COLUMNS}, search_pinyin) VALUES ({_PLACEHOLDERS})",
                    [None, *values[1:]],
                )
            except sqlite3.IntegrityError as exc:
                raise self._duplicate(entry) from exc
            sync_from_deck(db, [entry.simplified], values[15])
            return replace(entry, id=int(cursor.lastrowid or 0), article_id=article_id)

    @staticmethod
    def _duplicate(entry: DeckEntry) -> DuplicateEntryError:
        return DuplicateEntryError(f"{entry.simplified} ({entry.pinyin_marks}) is already in the deck.")

    @staticmethod
    def _existing_article(db: Database, article_id: int | None) -> int | None:
        """Keep ``article_id`` only if the library has that article (the link is informative, never required)."""
        if article_id is None:
            return None
        row = db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return article_id if row else None

    def update(self, entry_id: int, **changes: Any) -> EntryEdit:
        """Change some fields of an entry (``definition="…"``, ``status="known"``, ``tags=[…]``…); return before/after.

        Editable: simplified, traditional, pinyin, definition, sentence, sentence_translation (which clears
        sentence_translation_source unless that is given too), sentence_translation_source, article_id,
        article_title, position, sentence_offset, tags, status, note (a new sentence gets the word's offset in
        it). Raises ``TypeError`` for another name, :class:`EntryNotFoundError` if the entry is gone,
        :class:`DuplicateEntryError` if a new word/reading clashes with another entry.
        """
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
        with self.store.write() as db:
            before = self._get(db, entry_id)
            after = self._apply_changes(before, changes)
            if "article_id" in changes:
                after = replace(after, article_id=self._existing_article(db, after.article_id))
            if after == replace(before, updated_at=after.updated_at):
                return EntryEdit(before, before)
            self._write_row(db, after)
            sync_from_deck(db, [before.simplified, after.simplified], after.updated_at.isoformat())
            return EntryEdit(before, after)

    def _apply_changes(self, entry: DeckEntry, changes: dict[str, Any]) -> DeckEntry:
        values: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "simplified":
                value = _check_word(value)
            elif name == "tags":
                value = normalize_tags(value)
            elif name == "status":
                value = _check_status(value)
            elif name in ("article_id", "position", "sentence_offset"):
                value = None if value is None else int(value)
            else:
                value = _clean_text(value)
            values[name] = value
        edited = values.get("sentence_translation", entry.sentence_translation) != entry.sentence_translation
        if edited and "sentence_translation_source" not in values:
            values["sentence_translation_source"] = ""  # now the learner's own words, not the machine's
        word = values.get("simplified", entry.simplified)
        if "pinyin" in values or "simplified" in values:
            values["pinyin"] = parse_reading(values.get("pinyin", entry.pinyin), word)
        if "sentence" in values or "simplified" in values or "sentence_offset" in values:
            sentence = values.get("sentence", entry.sentence)
            offset = values.get("sentence_offset", entry.sentence_offset)
            values["sentence_offset"] = _sentence_offset(sentence, word, offset)
        return replace(entry, **values, updated_at=self._clock())

    def _write_row(self, db: Database, entry: DeckEntry) -> None:
        values = _entry_values(entry)
        assignments = ", ".join(f"{name.strip()} = ?" for name in _COLUMNS.split(",")[1:])
        try:
            db.execute(
                f"UPDATE deck_entries SET {assignments}, search_pinyin = ? WHERE id = ?", [*values[1:], entry.id]
            )
        except sqlite3.IntegrityError as exc:
            raise self._duplicate(entry) from exc

    def set_status(self, entry_ids: Iterable[int], status: WordStatus | str) -> list[DeckEntry]:
        """Give several entries one status (multi-select in the deck window); return them as they were before."""
        value = _check_status(status)
        ids = list(dict.fromkeys(entry_ids))
        with self.store.write() as db:
            before = [entry for entry in self._get_many(db, ids) if entry.status != value]
            now = self._clock().isoformat(timespec="microseconds")
            db.conn.executemany(
                "UPDATE deck_entries SET status = ?, updated_at = ? WHERE id = ?",
                [(value.value, now, entry.id) for entry in before],
            )
            sync_from_deck(db, [entry.simplified for entry in before], now)
            return before

    def tag(self, entry_ids: Iterable[int], add: Iterable[str] = (), remove: Iterable[str] = ()) -> list[DeckEntry]:
        """Add and remove tags on several entries; return the entries that changed, as they were before."""
        to_add = normalize_tags(add)
        to_remove = {tag.casefold() for tag in normalize_tags(remove)}
        ids = list(dict.fromkeys(entry_ids))
        with self.store.write() as db:
            now = self._clock()
            before = []
            for entry in self._get_many(db, ids):
                kept = [tag for tag in entry.tags if tag.casefold() not in to_remove]
                tags = normalize_tags([*kept, *to_add])
                if tags != entry.tags:
                    before.append(entry)
                    self._write_row(db, replace(entry, tags=tags, updated_at=now))
            return before

    def delete(self, entry_ids: Iterable[int]) -> list[DeckEntry]:
        """Delete entries; return them as they were, for :meth:`restore` (undo). Missing ids are skipped."""
        ids = list(dict.fromkeys(entry_ids))
        with self.store.write() as db:
            deleted = self._get_many(db, ids)
            db.execute(
                "DELETE FROM deck_entries WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps([entry.id for entry in deleted])],
            )
            sync_from_deck(db, [entry.simplified for entry in deleted], self._clock().isoformat())
            return deleted

    def restore(self, entries: Iterable[DeckEntry]) -> None:
        """Put entries back exactly as given (same ids; undo of :meth:`delete`, :meth:`update`, :meth:`set_status`).

        The restored entries count as changed now (``updated_at``), so the next "since last export" includes them.
        Raises :class:`DuplicateEntryError` if another entry has taken the word and reading in the meantime.
        """
        now = self._clock()
        with self.store.write() as db:
            words: list[str] = []
            for entry in entries:
                restored = replace(entry, updated_at=now, article_id=self._existing_article(db, entry.article_id))
                current = db.execute("SELECT simplified FROM deck_entries WHERE id = ?", [entry.id]).fetchone()
                if current is not None:
                    words.append(current[0])
                    self._write_row(db, restored)
                else:
                    try:
                        db.execute(
                            f"INSERT INTO deck_entries ({_COLUMNS}, search_pinyin) VALUES ({_PLACEHOLDERS})",
                            _entry_values(restored),
                        )
                    except sqlite3.IntegrityError as exc:
                        raise self._duplicate(entry) from exc
                words.append(entry.simplified)
            sync_from_deck(db, words, now.isoformat())

    # -- reading ------------------------------------------------------------------------------------------------

    def get(self, entry_id: int) -> DeckEntry:
        """Return one entry; raise :class:`EntryNotFoundError` if it does not exist."""
        with self.store.read() as db:
            return self._get(db, entry_id)

    def _get(self, db: Database, entry_id: int) -> DeckEntry:
        row = db.execute(f"SELECT {_COLUMNS} FROM deck_entries WHERE id = ?", [entry_id]).fetchone()
        if row is None:
            raise EntryNotFoundError(f"The deck has no entry {entry_id} (it may have been deleted).")
        return _row_to_entry(row)

    def get_many(self, entry_ids: Iterable[int]) -> list[DeckEntry]:
        """Return the entries with these ids, in the order given (missing ids are skipped)."""
        with self.store.read() as db:
            return self._get_many(db, list(entry_ids))

    def _get_many(self, db: Database, ids: list[int]) -> list[DeckEntry]:
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM deck_entries WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        ).fetchall()
        by_id = {int(row[0]): _row_to_entry(row) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def find(self, simplified: str, pinyin: str | None = None) -> list[DeckEntry]:
        """Return the entries of a word (all its readings, or the one with ``pinyin``), oldest first."""
        word = unicodedata.normalize("NFC", simplified).strip()
        sql = f"SELECT {_COLUMNS} FROM deck_entries WHERE simplified = ?"
        params: list[Any] = [word]
        if pinyin is not None:
            sql += " AND pinyin = ?"
            params.append(parse_reading(pinyin, word))
        with self.store.read() as db:
            return [_row_to_entry(row) for row in db.execute(sql + " ORDER BY id", params)]

    def words_in_deck(self, words: Iterable[str]) -> dict[str, list[DeckEntry]]:
        """Return the entries of each of ``words`` that is in the deck, in one query (for a whole article)."""
        payload = json.dumps(list(dict.fromkeys(words)), ensure_ascii=False)
        with self.store.read() as db:
            rows = db.execute(
                f"""SELECT {_COLUMNS} FROM deck_entries
                    WHERE simplified IN (SELECT value FROM json_each(?)) ORDER BY id""",
                [payload],
            ).fetchall()
        found: dict[str, list[DeckEntry]] = {}
        for row in rows:
            found.setdefault(row[1], []).append(_row_to_entry(row))
        return found

    def query(self, query: DeckQuery | None = None) -> list[DeckEntry]:
        """Return the entries matching ``query``, sorted and paged as it says."""
        query = query or DeckQuery()
        where, params = self._where(query)
        sql = f"SELECT {_COLUMNS} FROM deck_entries {where} ORDER BY {_order(query, bool(where))}"
        if query.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [query.limit, query.offset]
        with self.store.read() as db:
            return [_row_to_entry(row) for row in db.execute(sql, params)]

    def count(self, query: DeckQuery | None = None) -> int:
        """Count the entries matching ``query`` (its order and paging are ignored)."""
        where, params = self._where(query or DeckQuery())
        with self.store.read() as db:
            return int(db.execute(f"SELECT count(*) FROM deck_entries {where}", params).fetchone()[0])

    def ids(self, query: DeckQuery | None = None) -> list[int]:
        """Return the ids of all entries matching ``query``, in its order (paging ignored).

        For a table that fills rows lazily: ``len(ids)`` is the row count, :meth:`get_many` fetches the rows
        on screen. One scan of the table, 10–25 ms for 50,000 entries (bench/bench_deck.py).
        """
        query = query or DeckQuery()
        where, params = self._where(query)
        sql = f"SELECT id FROM deck_entries {where} ORDER BY {_order(query, bool(where))}"
        with self.store.read() as db:
            return [int(row[0]) for row in db.execute(sql, params)]

    def page(self, query: DeckQuery | None = None) -> DeckPage:
        """Return one page of the entries matching ``query`` (its ``limit``/``offset``) and how many match in all.

        What the deck window shows on every keystroke in the search box: without filters, the count and the
        page come from indexes; with filters, one scan finds the matching ids in order.
        """
        query = query or DeckQuery()
        where, params = self._where(query)
        if not where:
            return DeckPage(self.query(query), self.count(query))
        with self.store.read() as db:
            ids = [
                int(row[0])
                for row in db.execute(f"SELECT id FROM deck_entries {where} ORDER BY {_order(query, True)}", params)
            ]
            chosen = ids[query.offset : None if query.limit is None else query.offset + query.limit]
            return DeckPage(self._get_many(db, chosen), len(ids))

    @staticmethod
    def _where(query: DeckQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        search = unicodedata.normalize("NFC", query.search).strip()
        if search:
            like = f"%{_like_escape(search)}%"
            if has_han(search):
                # Either script finds the entry: 學習 (or Hong Kong's 裏面) folded to simplified matches 学习.
                folded = f"%{_like_escape(fold(search))}%"
                clauses.append(
                    "(simplified LIKE ? ESCAPE '\\' OR traditional LIKE ? ESCAPE '\\' OR simplified LIKE ? ESCAPE '\\')"
                )
                params += [like, like, folded]
            else:
                options = ["definition LIKE ? ESCAPE '\\'"]
                params.append(like)
                pattern = search_pattern(search)
                if pattern:
                    options.append("search_pinyin LIKE ? ESCAPE '\\'")
                    params.append(f"%{_like_escape(pattern)}%")
                clauses.append(f"({' OR '.join(options)})")
        if query.statuses:
            clauses.append(f"status IN ({', '.join('?' * len(query.statuses))})")
            params += [WordStatus(s).value for s in query.statuses]
        for tag in normalize_tags(query.tags):
            clauses.append("instr(' ' || lower(tags) || ' ', ?) > 0")
            params.append(f" {tag.lower()} ")
        if query.article_id is not None:
            clauses.append("article_id = ?")
            params.append(query.article_id)
        if query.changed_since is not None:
            clauses.append("updated_at > ?")
            params.append(query.changed_since.isoformat(timespec="microseconds"))
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def all_tags(self) -> list[tuple[str, int]]:
        """Return every tag used in the deck with its number of entries, sorted by name (for the tag filter)."""
        counts: dict[str, int] = {}
        with self.store.read() as db:
            for (tags,) in db.execute("SELECT tags FROM deck_entries WHERE tags != ''"):
                for tag in tags.split():
                    counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts.items(), key=lambda item: item[0].casefold())

    def sources(self) -> list[tuple[int | None, str, int]]:
        """Return the articles entries came from, as (article id or None, title, entry count), by title."""
        with self.store.read() as db:
            rows = db.execute(
                """SELECT article_id, article_title, count(*) FROM deck_entries
                   GROUP BY article_id, article_title ORDER BY article_title COLLATE NOCASE"""
            ).fetchall()
        return [(row[0], row[1], int(row[2])) for row in rows]

    # -- exports ------------------------------------------------------------------------------------------------

    def last_export(self, export_format: str) -> ExportRecord | None:
        """Return the most recent export in ``export_format`` (``anki-csv``, ``pleco``…), or ``None``."""
        with self.store.read() as db:
            row = db.execute(
                """SELECT format, started_at, entry_count, path FROM deck_exports WHERE format = ?
                   ORDER BY started_at DESC, id DESC LIMIT 1""",
                [export_format],
            ).fetchone()
        if row is None:
            return None
        return ExportRecord(row[0], datetime.fromisoformat(row[1]), int(row[2]), row[3])

    def record_export(self, export_format: str, started_at: datetime, entry_count: int, path: str = "") -> None:
        """Remember an export that started at ``started_at`` (taken before querying the entries it wrote)."""
        with self.store.write() as db:
            db.execute(
                "INSERT INTO deck_exports (format, started_at, entry_count, path) VALUES (?, ?, ?, ?)",
                [export_format, started_at.isoformat(timespec="microseconds"), entry_count, storable(path)],
            )

    def now(self) -> datetime:
        """The deck's clock (UTC), for callers that record an export."""
        return self._clock()
