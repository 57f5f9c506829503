"""Import words the learner already knows: whole HSK levels, a plain word list, or a column of an Anki export.

Each source yields words; :func:`import_known` marks those still unknown as known (words in the deck and ignored
words keep their status) and reports how many changed. The HSK lists come from the dictionary, passed in as a
callable so this module does not depend on how they are stored.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.chars import has_han, is_han
from reader.core.errors import InputError
from reader.core.store.words import StatusChange, WordStatuses
from reader.core.textio import read_text_file

#: HSK 3.0 levels (7–9 form one band but are named separately).
HSK_LEVELS = range(1, 10)
_TAG = re.compile(r"<[^>]*>")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
#: Characters allowed inside a word besides Han characters (middle dots in names, 〇).
_WORD_EXTRA = "·〇"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The outcome of an import: words read, words newly marked known, and the change (for undo)."""

    words_read: int
    marked_known: int
    change: StatusChange

    @property
    def already_marked(self) -> int:
        """Words that were already known, learning, in the deck or ignored, and kept their status."""
        return self.words_read - self.marked_known


@dataclass(frozen=True, slots=True)
class TablePreview:
    """The first rows of a CSV/TSV file and its column names, for choosing the column that holds the words."""

    columns: list[str]
    rows: list[list[str]]
    delimiter: str


def parse_levels(text: str) -> list[int]:
    """Parse HSK levels written like ``1-3``, ``1,2,4`` or ``3`` (one level) into a sorted list.

    Raises :class:`InputError` for anything else or a level outside 1–9.
    """
    levels: set[int] = set()
    for part in text.replace(" ", "").split(","):
        match = re.fullmatch(r"(\d+)(?:[-–](\d+))?", part)
        if not match:
            raise InputError(f"“{text}” is not a list of HSK levels (write 1-3 or 1,2,4).")
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if low > high or low not in HSK_LEVELS or high not in HSK_LEVELS:
            raise InputError(f"HSK levels go from 1 to 9; “{text}” is outside that range.")
        levels.update(range(low, high + 1))
    return sorted(levels)


def hsk_words(levels: Iterable[int], words_of_level: Callable[[int], Iterable[str]]) -> list[str]:
    """Return the words of the given HSK levels (``words_of_level(n)`` gives the words of level ``n``)."""
    return list(dict.fromkeys(word for level in levels for word in words_of_level(level)))


def clean_word(text: str) -> str | None:
    """Extract the Chinese word from a cell or line: tags and ``[sound:…]`` removed, the first run of hanzi.

    ``<b>银行</b>`` → ``银行``; ``行 (háng)`` → ``行``; returns ``None`` when there is no Chinese character.
    """
    text = html.unescape(_TAG.sub(" ", _SOUND.sub(" ", text)))
    text = unicodedata.normalize("NFC", text)
    run: list[str] = []
    for char in text:
        if is_han(char) or (run and char in _WORD_EXTRA):
            run.append(char)
        elif run:
            break
    word = "".join(run).rstrip(_WORD_EXTRA)
    return word or None


def read_word_list(path: Path) -> list[str]:
    """Read a plain word list (one word a line, any encoding Reader reads); return its distinct words.

    Blank lines and lines starting with ``#`` are skipped; a line may carry more after the word (``银行 yínháng
    bank``): the first run of Chinese characters is taken. Raises :class:`InputError` if no word is found.
    """
    words = []
    for line in read_text_file(Path(path)).splitlines():
        if line.strip().startswith("#"):
            continue
        word = clean_word(line)
        if word:
            words.append(word)
    if not words:
        raise InputError(f"{Path(path).name} contains no Chinese words.")
    return list(dict.fromkeys(words))


@dataclass
class _Table:
    """A parsed CSV/TSV export: header-line column names and meta columns, and the rows."""

    names: list[str]
    meta: dict[int, str]
    rows: list[list[str]]
    delimiter: str


_DELIMITERS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "colon": ":", "space": " "}
#: Anki's header lines naming columns that hold no field, and the names :func:`preview_table` shows for them.
_META_COLUMNS = {"guid column": "GUID", "notetype column": "Note type", "deck column": "Deck", "tags column": "Tags"}


def _parse_table(text: str) -> _Table:
    """Split an Anki (or other) CSV/TSV export into its header-line information and rows.

    Anki's ``#`` header lines give the separator, column names (``#columns:``) and the columns that hold the
    GUID, note type, deck or tags rather than a field; other lines starting with ``#`` are comments.
    """
    delimiter = ""
    columns_line = ""
    meta: dict[int, str] = {}
    body: list[str] = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            body.append(line)
            continue
        key, _, value = line[1:].partition(":")
        key, value = key.strip().lower(), value.strip("\r\n")
        if key == "separator":
            delimiter = _DELIMITERS.get(value.strip().lower(), value[:1])
        elif key == "columns":
            columns_line = value
        elif key in _META_COLUMNS and value.strip().isdigit():
            meta[int(value) - 1] = _META_COLUMNS[key]
    joined = "".join(body)
    delimiter = delimiter or _sniff_delimiter(joined)
    names = next(csv.reader([columns_line], delimiter=delimiter)) if columns_line else []
    rows = [row for row in csv.reader(io.StringIO(joined), delimiter=delimiter) if any(c.strip() for c in row)]
    return _Table(names, meta, rows, delimiter)


def _sniff_delimiter(body: str) -> str:
    """Guess the separator from the first lines: tab, then semicolon, then comma (as Anki's own exports use)."""
    sample = body[:8192]
    for candidate in ("\t", ";", ","):
        if candidate in sample:
            return candidate
    return "\t"


def preview_table(path: Path, rows: int = 5) -> TablePreview:
    """Return the column names and first rows of a CSV/TSV file, for choosing the column with the words.

    Names come from the file's ``#columns:`` line, else Anki's meta columns (``GUID``, ``Deck``…) and
    ``Column N`` for the others.
    """
    table = _parse_table(read_text_file(Path(path)))
    width = max([len(table.names), *(len(row) for row in table.rows[:rows])], default=0)
    names = [table.names[i] if i < len(table.names) else table.meta.get(i, f"Column {i + 1}") for i in range(width)]
    return TablePreview(names, table.rows[:rows], table.delimiter)


def read_anki_export(path: Path, column: int | str | None = None) -> list[str]:
    """Read the words of one column of an Anki export (Notes in Plain Text, CSV or TSV).

    ``column`` is a 1-based number or a name from the file's ``#columns:`` line (case-insensitive); by default
    the first column that holds a note field (Anki's exports put GUID, note type and deck columns first). Cells
    may hold HTML or more than the word: see :func:`clean_word`. Raises :class:`InputError` for a missing column
    or a file without Chinese words.
    """
    name = Path(path).name
    table = _parse_table(read_text_file(Path(path)))
    if column is None:
        index = next(i for i in range(len(table.meta) + 1) if i not in table.meta)
    else:
        index = _column_index(column, table.names, name)
    words = [word for row in table.rows if index < len(row) and (word := clean_word(row[index]))]
    if not words:
        raise InputError(f"Column {index + 1} of {name} contains no Chinese words.")
    return list(dict.fromkeys(words))


def _column_index(column: int | str, names: Sequence[str], file_name: str) -> int:
    if isinstance(column, int) or str(column).isdigit():
        number = int(column)
        if number < 1:
            raise InputError("Columns are numbered from 1.")
        return number - 1
    wanted = str(column).strip().casefold()
    for index, name in enumerate(names):
        if name.strip().casefold() == wanted:
            return index
    if not names:
        raise InputError(f"{file_name} does not name its columns; give the column's number instead.")
    raise InputError(f"{file_name} has no column “{column}” (its columns: {', '.join(names)}).")


def import_known(statuses: WordStatuses, words: Iterable[str]) -> ImportResult:
    """Mark as known every word of ``words`` that is still unknown; return the counts and the change (for undo)."""
    distinct = [w for w in dict.fromkeys(words) if has_han(w)]
    change = statuses.mark_remaining_known(distinct)
    return ImportResult(len(distinct), change.count, change)
