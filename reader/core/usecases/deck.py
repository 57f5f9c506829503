"""Add a word to the deck with its defaults: one rule for the pop-up's Add to Deck and ``reader deck add``.

The defaults of a new entry come from the dictionary entries with the chosen reading: the simplified and
traditional forms (著 read ``zhe5`` is 着/著, read ``zhu4`` is 著/著), and the senses of those entries as the
definition. A word the dictionary does not know (or while it is still being prepared) gets OpenCC's forms and no
definition; a word without a given reading gets the dictionary's first reading, else pypinyin's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from reader.core.dictionary.entries import Entry
from reader.core.errors import InputError
from reader.core.pinyin.engine import PinyinEngine
from reader.core.pinyin.query import parse_reading
from reader.core.pinyin.readings import syllables_of
from reader.core.script import shared_converter, word_forms
from reader.core.store.deck import Deck, DeckEntry
from reader.core.store.words import WordStatus


class EntryLookup(Protocol):
    """The dictionary lookup the defaults need (:meth:`reader.core.dictionary.dictionary.Dictionary.lookup`)."""

    def lookup(self, word: str) -> list[Entry]:
        """All entries whose simplified or traditional headword is ``word``."""
        ...


@dataclass(frozen=True, slots=True)
class EntryDefaults:
    """What a new deck entry holds unless the learner says otherwise."""

    reading: str  # tone-number syllables, as the deck stores them
    simplified: str
    traditional: str
    definition: str  # the senses of the entries with that reading, one per line


@dataclass(frozen=True, slots=True)
class WordContext:
    """Where the word was met: its sentence (and translation) and article, for the card's example."""

    sentence: str = ""
    sentence_translation: str = ""
    sentence_translation_source: str = ""
    article_id: int | None = None
    article_title: str = ""
    position: int | None = None  # the word's offset in the article's text
    sentence_offset: int | None = None  # the word's offset in the sentence


def entry_defaults(dictionary: EntryLookup | None, word: str, reading: str | None) -> EntryDefaults:
    """Return the reading, both forms and the definition a new entry of ``word`` (either script) starts with.

    ``reading`` may use tone numbers or marks; without one, the dictionary's first reading (else pypinyin's) is
    used. Raises :class:`InputError` for a reading that is not pinyin, or when no reading can be found.
    """
    stored = parse_reading(reading, word) if reading else None
    entries = _readable_entries(dictionary.lookup(word) if dictionary is not None else [], word)
    if stored is None:
        stored = entries[0][1] if entries else pypinyin_reading(word)
    matching = [entry for entry, entry_reading in entries if entry_reading == stored]
    senses = dict.fromkeys(sense for entry in matching for sense in entry.senses)
    forms = word_forms(word, stored.split(), matching)
    return EntryDefaults(stored, forms.simplified, forms.traditional, "\n".join(senses))


def _readable_entries(found: Sequence[Entry], word: str) -> list[tuple[Entry, str]]:
    """The entries with their readings in the deck's form (CC-CEDICT's ``lu:4`` is ``lv4``); unreadable ones go."""
    readable = []
    for entry in found:
        try:
            readable.append((entry, parse_reading(entry.pinyin_numbers.lower(), word)))
        except InputError:
            continue
    return readable


def pypinyin_reading(word: str) -> str:
    """pypinyin's reading of ``word``, for words the dictionary does not know; :class:`InputError` if it has none."""
    # A traditional word is read on its simplified view (還 hái, not huán), as in the reading view.
    reading = syllables_of(PinyinEngine().annotate([shared_converter().analysis_view(word)])[0])
    if not reading:
        raise InputError(f"Reader cannot tell how “{word}” is read; give it with --reading.")
    return reading


def add_word(
    deck: Deck,
    dictionary: Callable[[], EntryLookup | None],
    word: str,
    *,
    reading: str | None = None,
    traditional: str | None = None,
    definition: str | None = None,
    context: WordContext | None = None,
    tags: Iterable[str] = (),
    status: WordStatus | str = WordStatus.NEW,
    note: str = "",
) -> DeckEntry:
    """Add ``word`` to the deck: what is given, the rest from :func:`entry_defaults`; return the new entry.

    ``dictionary`` is called only when a default is needed (opening it can take seconds on first use). Raises
    :class:`~reader.core.store.deck.DuplicateEntryError` if the word is in the deck with that reading already.
    """
    word = word.strip()
    if reading and traditional and definition:
        forms = word_forms(word, reading.split(), ())
        defaults = EntryDefaults(reading, forms.simplified, traditional, definition)
    else:
        defaults = entry_defaults(dictionary(), word, reading)
    where = context or WordContext()
    return deck.add(
        defaults.simplified,
        reading or defaults.reading,
        traditional=traditional or defaults.traditional,
        definition=definition or defaults.definition,
        sentence=where.sentence,
        sentence_translation=where.sentence_translation,
        sentence_translation_source=where.sentence_translation_source,
        article_id=where.article_id,
        article_title=where.article_title,
        position=where.position,
        sentence_offset=where.sentence_offset,
        tags=tags,
        status=status,
        note=note,
    )
