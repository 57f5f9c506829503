"""What a dictionary lookup returns: entries, readings, characters, decompositions, HSK words."""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.pinyin.styles import numbers_to_marks

#: HSK levels 7–9 form one band; Reader (like the lists) stores it as 7.
HSK_BAND = 7


def hsk_label(level: int | None) -> str:
    """Write an HSK level the way learners read it: ``"HSK 3"``, ``"HSK 7–9"``, or ``""`` if not graded."""
    if level is None:
        return ""
    return "HSK 7–9" if level >= HSK_BAND else f"HSK {level}"


def syllables_to_marks(syllables: tuple[str, ...]) -> str:
    """Join tone-number syllables as tone-marked pinyin (``("xue2", "xi2")`` → ``"xué xí"``)."""
    return " ".join(numbers_to_marks(s) for s in syllables)


class _Reading:
    """The pinyin of anything read as ``syllables`` in tone numbers (an entry, a group of entries)."""

    __slots__ = ()
    syllables: tuple[str, ...]

    @property
    def pinyin_numbers(self) -> str:
        """The reading in tone numbers, syllables separated by spaces (``"xue2 xi2"``)."""
        return " ".join(self.syllables)

    @property
    def pinyin_marks(self) -> str:
        """The reading with tone marks, syllables separated by spaces (``"xué xí"``)."""
        return syllables_to_marks(self.syllables)


@dataclass(frozen=True, slots=True)
class Entry(_Reading):
    """One dictionary entry (one CC-CEDICT line) with Reader's extra facts.

    ``syllables`` are in tone numbers, one per character of the headword (``("T", "xu4")`` for T恤; erhua 儿
    is ``r5``); capitalised syllables mark a proper noun. ``frequency_rank`` is the rank of the simplified
    word in jieba's word-frequency list (1 = most frequent), ``None`` if it is not listed. ``hsk_level`` is 1–6,
    or 7 for the band 7–9, ``None`` if the word is not in the HSK syllabus.
    """

    simplified: str
    traditional: str
    syllables: tuple[str, ...]
    senses: tuple[str, ...]
    hsk_level: int | None = None
    frequency_rank: int | None = None

    @property
    def proper_noun(self) -> bool:
        """True for names of people and places (CC-CEDICT capitalises their pinyin)."""
        return any(s[:1].isupper() and s[:1].isalpha() and len(s) > 1 for s in self.syllables)

    @property
    def reading_key(self) -> tuple[str, ...]:
        """The reading in lower case, to group entries that are read alike (``Chao2`` and ``chao2``)."""
        return tuple(s.lower() for s in self.syllables)


@dataclass(frozen=True, slots=True)
class ReadingGroup(_Reading):
    """All entries of a headword that share one reading (行 → ``xíng`` entries, ``háng`` entries)."""

    syllables: tuple[str, ...]
    entries: tuple[Entry, ...]

    @property
    def senses(self) -> tuple[str, ...]:
        """The senses of every entry in the group, in order."""
        return tuple(sense for entry in self.entries for sense in entry.senses)


@dataclass(frozen=True, slots=True)
class Match:
    """The longest dictionary word found in a text at a position: ``text[start:end] == word``."""

    word: str
    start: int
    end: int
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Decomposition:
    """How a character is built (Gavin Grover's cjk-decomp data).

    ``kind`` is cjk-decomp's code (``a`` left–right, ``d`` top–bottom, ``s…`` surround, ``w…`` overlaid,
    ``r…`` repeated); ``components`` are the parts of one split, ``radicals`` the split carried down to
    radicals. ``meanings`` gives the meaning of the components and radicals that are known radicals.
    """

    char: str
    kind: str
    components: tuple[str, ...]
    radicals: tuple[str, ...]
    meanings: tuple[tuple[str, str], ...] = ()

    @property
    def layout(self) -> str:
        """A plain-English name for :attr:`kind` (``"left-right"``, ``"top-bottom"``, ``"surround"``…)."""
        kind = self.kind
        if kind.startswith(("ref", "rref")):
            return "reflected"
        for prefix, name in (("a", "left-right"), ("d", "top-bottom"), ("s", "surround"), ("w", "overlaid")):
            if kind.startswith(prefix):
                return name
        if kind.startswith("r"):
            return "repeated"
        if kind == "c":
            return "single component"
        return "other"


@dataclass(frozen=True, slots=True)
class CharacterInfo:
    """One character of a word, with its own readings.

    ``reading`` is the character's reading in the word it was taken from (``None`` if unknown);
    ``readings`` are all its dictionary readings, most common first, each with its entries.
    ``frequency_rank`` is Jun Da's character rank (1 = most frequent); ``hsk_level`` the HSK character level.
    """

    char: str
    reading: str | None
    readings: tuple[ReadingGroup, ...]
    hsk_level: int | None = None
    frequency_rank: int | None = None
    decomposition: Decomposition | None = None


@dataclass(frozen=True, slots=True)
class HskWord:
    """A word of the HSK syllabus and its level (7 = the band 7–9)."""

    word: str
    level: int


@dataclass(frozen=True, slots=True)
class DictionaryInfo:
    """What the open index was built from, for the About box and the "Load a newer CC-CEDICT file" dialog."""

    entries: int
    source: str
    cedict_version: str
    cedict_date: str
    built_at: str
    compile_seconds: float
    user_file: bool
