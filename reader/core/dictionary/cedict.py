"""Read CC-CEDICT's text format: ``Traditional Simplified [pin1 yin1] /sense 1/sense 2/``.

Only the compiler reads this format (once, at first run or when the learner loads a newer file); everything else
reads the compiled index.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.core.dictionary.errors import DictionaryError

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
#: How many lines :func:`check_cedict_file` reads, and the share of them that must parse.
_CHECK_LINES = 2000
_CHECK_SHARE = 0.95


@dataclass(frozen=True, slots=True)
class CedictLine:
    """One parsed CC-CEDICT line: headwords, pinyin syllables in tone numbers (``v`` for ü), senses."""

    traditional: str
    simplified: str
    syllables: tuple[str, ...]
    senses: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CedictHeader:
    """What the ``#!`` header lines of a CC-CEDICT file say (empty strings when absent)."""

    version: str = ""
    date: str = ""


def parse_line(line: str) -> CedictLine | None:
    """Parse one line; return ``None`` for comments, blank lines and lines that are not CC-CEDICT entries."""
    if not line or line.startswith("#"):
        return None
    match = _LINE.match(line)
    if match is None:
        return None
    traditional, simplified, pinyin, senses = match.groups()
    syllables = tuple(normalise_syllable(part) for part in pinyin.split())
    return CedictLine(traditional, simplified, syllables, tuple(s for s in senses.split("/") if s))


def normalise_syllable(syllable: str) -> str:
    """Write ü as ``v`` (CC-CEDICT writes ``u:``), keep case and tone number."""
    return syllable.replace("u:", "v").replace("U:", "V")


def read_header(path: Path) -> CedictHeader:
    """Return the version and date from the ``#!`` lines at the top of ``path``."""
    fields: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            if line.startswith("#!") and "=" in line:
                key, _, value = line[2:].partition("=")
                fields[key.strip()] = value.strip()
    return CedictHeader(fields.get("version", ""), fields.get("date", ""))


def iter_cedict(path: Path) -> Iterator[CedictLine]:
    """Yield every entry of the CC-CEDICT file at ``path`` (comments and malformed lines are skipped)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            entry = parse_line(line.rstrip("\n"))
            if entry is not None:
                yield entry


def count_lines(path: Path) -> int:
    """Number of lines in ``path`` (the compiler's progress total)."""
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def check_cedict_file(path: Path) -> None:
    """Raise :class:`DictionaryError` unless ``path`` looks like a CC-CEDICT file (UTF-8, entry lines).

    Reads the first lines only; the compiler then counts the entries and refuses a file with too few.
    """
    name = path.name
    if not path.is_file():
        raise DictionaryError(f"{name} is not a file.")
    checked = parsed = 0
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                checked += 1
                parsed += parse_line(line) is not None
                if checked >= _CHECK_LINES:
                    break
    except UnicodeDecodeError as exc:
        raise DictionaryError(f"{name} is not a CC-CEDICT file (it is not UTF-8 text).") from exc
    except OSError as exc:
        raise DictionaryError(f"{name} cannot be read ({exc.strerror or exc}).") from exc
    if checked == 0 or parsed < _CHECK_SHARE * checked:
        raise DictionaryError(
            f"{name} is not a CC-CEDICT file (its lines are not of the form 'Traditional Simplified [pinyin] /sense/')."
        )
