"""Reading corrections: the learner's own pinyin for a word, in one sentence or everywhere.

The engine may read a word wrongly (还 huán for hái); the learner picks the right reading in the word pop-up. A
correction applies to one occurrence, named by the sentence's text and the word's offset in it (so it survives a
restart and a re-import of the same text), or to every occurrence of the word. :class:`ReadingOverrides` is the
snapshot the analyser applies after the pinyin engine (:meth:`~reader.core.pipeline.Analyzer.words_and_readings`);
its fingerprint is part of the stored-analysis key, so articles are read again when a correction changes.

Every change also rewrites a plain tab-separated file (``reading_corrections.tsv`` in the data folder) that the
learner can back up or share; :meth:`ReadingCorrections.import_file` reads such a file back.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from reader.core.atomic import write_text_atomic
from reader.core.chars import has_han
from reader.core.errors import InputError
from reader.core.pinyin.query import parse_reading
from reader.core.store.db import Store, register_migrations
from reader.core.store.words import utc_now

if TYPE_CHECKING:
    from reader.core.pipeline import Analyzer

migrations = register_migrations(Migrations("reading_corrections"))
#: The shareable file's name in the data folder, and its header line.
SHARE_FILE = "reading_corrections.tsv"
_HEADER = "# Reader reading corrections: word<TAB>reading<TAB>sentence (empty: every occurrence)<TAB>offset"


@migrations()
def m001_reading_corrections(db: Database) -> None:
    """Create the table of reading corrections (``sentence`` empty and ``offset`` -1: every occurrence)."""
    db.execute(
        """CREATE TABLE reading_corrections (
            word TEXT NOT NULL,
            sentence TEXT NOT NULL DEFAULT '',
            offset INTEGER NOT NULL DEFAULT -1,
            reading TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (word, sentence, offset)
        ) WITHOUT ROWID"""
    )


@dataclass(frozen=True, slots=True)
class ReadingCorrection:
    """The learner's reading of ``word`` (tone-number syllables joined by spaces), in one sentence or everywhere."""

    word: str
    reading: str
    sentence: str = ""
    offset: int = -1

    @property
    def everywhere(self) -> bool:
        """True if the correction applies to every occurrence of the word."""
        return not self.sentence


@dataclass(frozen=True)
class ReadingOverrides:
    """What the analyser applies: per word, and per (word, sentence, offset)."""

    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    occurrences: dict[tuple[str, str, int], tuple[str, ...]] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """A short hash that changes whenever a correction is added, changed or removed (empty if none)."""
        if not self.words and not self.occurrences:
            return ""
        digest = hashlib.sha1()
        for word, reading in sorted(self.words.items()):
            digest.update(f"{word}={' '.join(reading)}\n".encode())
        for (word, sentence, offset), reading in sorted(self.occurrences.items()):
            digest.update(f"{word}@{offset}:{sentence}={' '.join(reading)}\n".encode())
        return digest.hexdigest()[:12]

    def reading(self, word: str, sentence: str, offset: int) -> tuple[str, ...] | None:
        """The learner's reading of ``word`` at ``offset`` in ``sentence``, if corrected there or everywhere."""
        return self.occurrences.get((word, sentence, offset)) or self.words.get(word)


class ReadingCorrections:
    """The stored reading corrections; ``share_file`` (if given) is rewritten after every change."""

    def __init__(
        self, store: Store, share_file: Path | None = None, *, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self.store = store
        self.share_file = share_file
        self._clock = clock

    def correct(self, word: str, reading: str, *, sentence: str = "", offset: int = -1) -> ReadingCorrection:
        """Read ``word`` as ``reading`` (tone numbers or marks) in ``sentence`` at ``offset``, or everywhere.

        Raises :class:`InputError` for a word without Chinese or a reading that does not fit it.
        """
        word = unicodedata.normalize("NFC", word).strip()
        if not has_han(word):
            raise InputError("Only Chinese words can be given a reading.")
        if sentence and word != sentence[offset : offset + len(word)]:
            raise InputError(f"{word} is not at that place in the sentence.")
        correction = ReadingCorrection(word, parse_reading(reading, word), sentence, offset if sentence else -1)
        with self.store.write() as db:
            db.execute(
                """INSERT INTO reading_corrections (word, sentence, offset, reading, created_at)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT (word, sentence, offset)
                   DO UPDATE SET reading = excluded.reading, created_at = excluded.created_at""",
                [word, correction.sentence, correction.offset, correction.reading, self._clock().isoformat()],
            )
        self.write_share_file()
        return correction

    def remove(self, correction: ReadingCorrection) -> None:
        """Forget ``correction`` (nothing happens if it is not stored)."""
        with self.store.write() as db:
            db.execute(
                "DELETE FROM reading_corrections WHERE word = ? AND sentence = ? AND offset = ?",
                [correction.word, correction.sentence, correction.offset],
            )
        self.write_share_file()

    def all(self) -> list[ReadingCorrection]:
        """Every correction, oldest first."""
        with self.store.read() as db:
            rows = db.execute(
                "SELECT word, reading, sentence, offset FROM reading_corrections ORDER BY created_at, word"
            ).fetchall()
        return [ReadingCorrection(row[0], row[1], row[2], int(row[3])) for row in rows]

    def overrides(self) -> ReadingOverrides:
        """A snapshot for the analyser."""
        overrides = ReadingOverrides()
        for correction in self.all():
            syllables = tuple(correction.reading.split())
            if correction.everywhere:
                overrides.words[correction.word] = syllables
            else:
                overrides.occurrences[(correction.word, correction.sentence, correction.offset)] = syllables
        return overrides

    def export_text(self) -> str:
        """The corrections as the shareable tab-separated text (a header line, then one correction per line)."""
        lines = [_HEADER]
        for correction in self.all():
            sentence = correction.sentence.replace("\t", " ").replace("\n", " ")
            offset = str(correction.offset) if correction.sentence else ""
            lines.append("\t".join((correction.word, correction.reading, sentence, offset)))
        return "\n".join(lines) + "\n"

    def write_share_file(self) -> None:
        """Rewrite the shareable file (if this store has one)."""
        if self.share_file is not None:
            write_text_atomic(self.share_file, self.export_text())

    def import_file(self, path: Path) -> int:
        """Add the corrections of a file written by :meth:`export_text`; return how many were read.

        Raises :class:`InputError` naming the first line that is not a correction.
        """
        count = 0
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 4 or (fields[2] and not fields[3].lstrip("-").isdigit()):
                raise InputError(f"Line {number} of {path.name} is not a reading correction.")
            word, reading, sentence, offset = fields
            self.correct(word, reading, sentence=sentence, offset=int(offset) if sentence else -1)
            count += 1
        return count


def share_file_for(home: Path) -> Path:
    """Where the shareable corrections file of the data folder ``home`` lives."""
    return home / SHARE_FILE


def load_reading_corrections(store: Store, analyzer: Analyzer, home: Path) -> ReadingCorrections:
    """Give ``analyzer`` the stored reading corrections of the data folder ``home``; return the corrections."""
    corrections = ReadingCorrections(store, share_file_for(home))
    analyzer.overrides = corrections.overrides()
    return corrections
