"""Look a word up: the facts its dictionary card shows and the deck's defaults start from.

:func:`look_up` gathers them (entries grouped by reading, the reading used in the text first, the characters with
their own readings, HSK level, frequency, the learner's deck entries); ``reader.ui.word_card`` writes them as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from reader.core.dictionary.entries import CharacterInfo, ReadingGroup
from reader.core.script import WordForms, word_forms
from reader.core.store.deck import DeckEntry


class WordDictionary(Protocol):
    """The lookups the card needs (implemented by :class:`reader.core.dictionary.dictionary.Dictionary`)."""

    def reading_groups(self, word: str) -> list[ReadingGroup]:
        """Entries of ``word`` grouped by reading."""
        ...

    def characters(self, word: str, reading: list[str] | None = None) -> list[CharacterInfo]:
        """The characters of ``word`` with their readings."""
        ...

    def hsk_level(self, word: str) -> int | None:
        """HSK level of ``word``."""
        ...


@dataclass
class WordCard:
    """Everything shown about one word."""

    word: str
    reading: list[str]  # tone-number syllables used in the text (may be empty)
    groups: list[ReadingGroup] = field(default_factory=list)
    characters: list[CharacterInfo] = field(default_factory=list)
    hsk_level: int | None = None
    frequency_rank: int | None = None
    simplified: str = ""  # both forms as read here (著 read zhe5: 着 and 著); the deck stores both
    traditional: str = ""
    deck_entries: list[DeckEntry] = field(default_factory=list)
    status: str = ""

    @property
    def other_form(self) -> str:
        """The word in the other script, shown beside it (empty when both write it alike)."""
        return WordForms(self.simplified or self.word, self.traditional or self.word).other(self.word)

    @property
    def found(self) -> bool:
        """True if the dictionary has the word."""
        return bool(self.groups)

    def group_for_reading(self) -> ReadingGroup | None:
        """The reading group matching the reading in the text (else the first group)."""
        wanted = tuple(s.lower() for s in self.reading)
        for group in self.groups:
            if tuple(s.lower() for s in group.syllables) == wanted:
                return group
        return self.groups[0] if self.groups else None

    def definition(self) -> str:
        """The senses of the reading used in the text, one per line (the deck's default definition)."""
        group = self.group_for_reading()
        return "\n".join(group.senses) if group else ""


def look_up(
    dictionary: WordDictionary | None,
    word: str,
    reading: Sequence[str | None] | None,
    deck_entries: Sequence[DeckEntry] = (),
) -> WordCard:
    """Gather the card of ``word`` as read ``reading`` in the text (``word`` as written, either script)."""
    card = WordCard(word, [s for s in (reading or []) if s], deck_entries=list(deck_entries))
    if dictionary is None:
        forms = word_forms(word, card.reading, ())
        card.simplified, card.traditional = forms.simplified, forms.traditional
        return card
    forms = word_forms(word, card.reading, ())
    headword = word
    groups = dictionary.reading_groups(word)
    if not groups and forms.simplified != word:
        # A variant CC-CEDICT does not list as a headword (Hong Kong 裏面, 爲): its simplified form's entries.
        headword = forms.simplified
        groups = dictionary.reading_groups(headword)
    wanted = tuple(s.lower() for s in card.reading)
    groups.sort(key=lambda group: tuple(s.lower() for s in group.syllables) != wanted)
    card.groups = groups
    card.characters = dictionary.characters(headword, card.reading or None) if len(word) > 1 or groups else []
    card.hsk_level = dictionary.hsk_level(headword)
    entries = [entry for group in groups for entry in group.entries]
    forms = word_forms(word, card.reading or None, entries)
    card.simplified, card.traditional = forms.simplified, forms.traditional
    if entries:
        ranks = [entry.frequency_rank for entry in entries if entry.frequency_rank]
        card.frequency_rank = min(ranks) if ranks else None
    if not card.reading and groups:
        card.reading = list(groups[0].syllables)
    return card
