"""Segmentation corrections: the learner's merges and splits of words, kept and applied to every article.

A merge keeps a run of characters whole (``一带`` + ``一路`` → ``一带一路``); a split cuts a word into parts
(``不好意思`` → ``不`` + ``好意思``). Both are stored once per word (the latest wins) and loaded into the
:class:`~reader.core.segment.Segmenter` at start-up with :func:`load_corrections`, so every article segmented
afterwards follows them. Articles already analysed must be segmented again to show a new correction (the
library keys stored analyses by a fingerprint, see :meth:`Corrections.fingerprint`).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reader.core.chars import has_han
from reader.core.errors import InputError
from reader.core.script import shared_converter
from reader.core.segment import Segmenter
from reader.core.store.db import Store, register_migrations
from reader.core.store.words import utc_now

migrations = register_migrations(Migrations("corrections"))


@migrations()
def m001_segment_corrections(db: Database) -> None:
    """Create the table of segmentation corrections."""
    db.execute(
        """CREATE TABLE segment_corrections (
            word TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
            parts TEXT NOT NULL,
            created_at TEXT NOT NULL
        ) WITHOUT ROWID"""
    )


class CorrectionKind(StrEnum):
    """A merge keeps a word whole, a split cuts it."""

    MERGE = "merge"
    SPLIT = "split"


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction: the word and, for a split, its parts (a merge's parts are the pieces it joined, if known)."""

    word: str
    kind: CorrectionKind
    parts: tuple[str, ...]
    created_at: datetime

    def apply(self, segmenter: Segmenter) -> None:
        """Teach ``segmenter`` this correction, for the word as written and for its simplified view.

        Traditional text is cut on its simplified view (:mod:`reader.core.script`), so a merge of 環狀線 must
        teach jieba 环状线 too.
        """
        view = shared_converter().word_view(self.word)
        for word in dict.fromkeys([self.word, view]):
            if self.kind is CorrectionKind.MERGE:
                segmenter.add_word(word)
            else:
                lengths = [len(part) for part in self.parts]
                offsets = [sum(lengths[:i]) for i in range(len(lengths))]
                segmenter.split_word(word, [word[o : o + n] for o, n in zip(offsets, lengths, strict=True)])


def _check_parts(parts: Iterable[str]) -> tuple[str, ...]:
    cleaned = tuple(unicodedata.normalize("NFC", part).strip() for part in parts)
    if len(cleaned) < 2 or not all(cleaned):
        raise InputError("A correction needs at least two non-empty parts.")
    if any(any(char.isspace() for char in part) for part in cleaned):
        raise InputError("A word cannot contain spaces.")
    if not has_han("".join(cleaned)):
        raise InputError("Only Chinese words can be merged or split.")
    return cleaned


class Corrections:
    """The stored corrections. Thread-safe: every call holds the store's lock."""

    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self._clock = clock

    def merge(self, parts: Iterable[str], segmenter: Segmenter | None = None) -> Correction:
        """Keep the concatenation of ``parts`` whole from now on (and teach ``segmenter`` at once, if given)."""
        pieces = _check_parts(parts)
        return self._save(Correction("".join(pieces), CorrectionKind.MERGE, pieces, self._clock()), segmenter)

    def split(self, word: str, parts: Iterable[str], segmenter: Segmenter | None = None) -> Correction:
        """Cut ``word`` into ``parts`` from now on (and teach ``segmenter`` at once, if given).

        Raises :class:`InputError` unless the parts spell the word.
        """
        word = unicodedata.normalize("NFC", word).strip()
        pieces = _check_parts(parts)
        if "".join(pieces) != word:
            raise InputError(f"The parts {' + '.join(pieces)} do not spell {word}.")
        return self._save(Correction(word, CorrectionKind.SPLIT, pieces, self._clock()), segmenter)

    def _save(self, correction: Correction, segmenter: Segmenter | None) -> Correction:
        with self.store.write() as db:
            db.execute(
                """INSERT INTO segment_corrections (word, kind, parts, created_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT (word) DO UPDATE SET kind = excluded.kind, parts = excluded.parts,
                   created_at = excluded.created_at""",
                [
                    correction.word,
                    correction.kind.value,
                    json.dumps(correction.parts, ensure_ascii=False),
                    correction.created_at.isoformat(timespec="microseconds"),
                ],
            )
        if segmenter is not None:
            correction.apply(segmenter)
        return correction

    def remove(self, word: str) -> Correction | None:
        """Forget the correction of ``word`` and return it (``None`` if there was none).

        The segmenter keeps it until it is rebuilt (the next start), since jieba cannot forget a word it was taught.
        """
        with self.store.write() as db:
            found = self._get(db, word)
            if found is not None:
                db.execute("DELETE FROM segment_corrections WHERE word = ?", [found.word])
            return found

    def get(self, word: str) -> Correction | None:
        """Return the correction of ``word``, or ``None``."""
        with self.store.read() as db:
            return self._get(db, word)

    @staticmethod
    def _get(db: Database, word: str) -> Correction | None:
        row = db.execute(
            "SELECT word, kind, parts, created_at FROM segment_corrections WHERE word = ?",
            [unicodedata.normalize("NFC", word).strip()],
        ).fetchone()
        return _correction(row) if row else None

    def all(self) -> list[Correction]:
        """Return every correction, oldest first (the order they are applied in)."""
        with self.store.read() as db:
            rows = db.execute(
                "SELECT word, kind, parts, created_at FROM segment_corrections ORDER BY created_at, word"
            ).fetchall()
        return [_correction(row) for row in rows]

    def fingerprint(self) -> str:
        """A short hash of all corrections: it changes whenever one is added, changed or removed."""
        digest = hashlib.sha1()
        for correction in self.all():
            digest.update(f"{correction.kind.value}:{'|'.join(correction.parts)}:{correction.word}\n".encode())
        return digest.hexdigest()[:16]


def _correction(row: tuple[str, str, str, str]) -> Correction:
    return Correction(row[0], CorrectionKind(row[1]), tuple(json.loads(row[2])), datetime.fromisoformat(row[3]))


def load_corrections(store: Store, segmenter: Segmenter) -> int:
    """Teach ``segmenter`` every stored correction, oldest first; return how many there were.

    Call it once after building the segmenter (before or after :meth:`Segmenter.initialize`: the segmenter
    remembers corrections given before it loads jieba).
    """
    corrections = Corrections(store).all()
    for correction in corrections:
        correction.apply(segmenter)
    return len(corrections)
