"""A word's dictionary card: what the pop-up and the word panel show, as Qt rich text.

:func:`look_up` gathers the facts (entries grouped by reading, the reading used in the text first, the
characters with their own readings, HSK level, frequency, the learner's deck entries); :func:`card_html`
writes them as HTML for a QLabel or QTextBrowser.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from reader.core.dictionary.entries import CharacterInfo, ReadingGroup, hsk_label
from reader.core.pinyin.styles import PinyinStyle, format_syllable, tone_of
from reader.core.script import WordForms, word_forms
from reader.core.store.deck import DeckEntry
from reader.ui.theme import Colors

#: Senses shown per reading before "and N more".
MAX_SENSES = 8


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


def pinyin_html(syllables: list[str] | tuple[str, ...], colors: Colors, style: PinyinStyle, tone_colors: bool) -> str:
    """Syllables in ``style``, each in its tone's colour."""
    parts = []
    for syllable in syllables:
        text = html.escape(format_syllable(syllable.lower(), style))
        if tone_colors:
            color = colors.tones[tone_of(syllable) - 1].name()
            parts.append(f"<span style='color:{color}'>{text}</span>")
        else:
            parts.append(text)
    return " ".join(parts)


def card_html(card: WordCard, colors: Colors, style: PinyinStyle, tone_colors: bool, font_family: str) -> str:
    """The card as rich text."""
    muted = colors.muted.name()
    out = [
        f"<div style='font-family:\"{font_family}\"; font-size:26pt'>{html.escape(card.word)}"
        + (
            f" <span style='font-size:16pt; color:{muted}'>({html.escape(card.other_form)})</span>"
            if card.other_form
            else ""
        )
        + "</div>"
    ]
    if card.reading:
        out.append(f"<div style='font-size:14pt'>{pinyin_html(card.reading, colors, style, tone_colors)}</div>")
    facts = [label for label in (hsk_label(card.hsk_level),) if label]
    if card.frequency_rank:
        facts.append(f"frequency #{card.frequency_rank:,}")
    if card.deck_entries:
        facts.append("in your deck (" + ", ".join(e.status.value for e in card.deck_entries) + ")")
    elif card.status in ("known", "ignored"):
        facts.append("marked " + card.status)
    if facts:
        out.append(f"<div style='color:{muted}'>{html.escape(' · '.join(facts))}</div>")
    if not card.found:
        out.append(f"<p style='color:{muted}'>Not in the dictionary.</p>")
    for index, group in enumerate(card.groups):
        label = pinyin_html(group.syllables, colors, style, tone_colors)
        here = f" <span style='color:{muted}'>— as read here</span>" if index == 0 and card.reading else ""
        out.append(f"<p style='margin-top:8px; margin-bottom:2px'><b>{label}</b>{here}</p>")
        senses = group.senses
        items = "".join(f"<li>{html.escape(sense)}</li>" for sense in senses[:MAX_SENSES])
        more = f"<li style='color:{muted}'>and {len(senses) - MAX_SENSES} more</li>" if len(senses) > MAX_SENSES else ""
        out.append(f"<ol style='margin-top:0; margin-bottom:0'>{items}{more}</ol>")
    if len(card.characters) > 1 or (card.characters and not card.found):
        out.append(f"<p style='margin-top:10px; margin-bottom:2px; color:{muted}'>Characters</p><table cellspacing=2>")
        for info in card.characters:
            out.append(_character_row(info, colors, style, tone_colors, font_family))
        out.append("</table>")
    elif len(card.characters) == 1 and card.characters[0].decomposition is not None:
        decomposition = card.characters[0].decomposition
        parts = " + ".join(decomposition.components)
        out.append(f"<p style='color:{muted}'>Made of {html.escape(parts)} ({decomposition.layout})</p>")
    return "".join(out)


def _character_row(info: CharacterInfo, colors: Colors, style: PinyinStyle, tone_colors: bool, family: str) -> str:
    reading = pinyin_html([info.reading], colors, style, tone_colors) if info.reading else ""
    group = next((g for g in info.readings if info.reading and g.pinyin_numbers.lower() == info.reading.lower()), None)
    group = group or (info.readings[0] if info.readings else None)
    gloss = html.escape("; ".join(group.senses[:3])) if group else ""
    others = [g for g in info.readings if g is not group]
    if others:
        other_text = ", ".join(format_syllable(g.syllables[0].lower(), style) for g in others if g.syllables)
        gloss += f" <span style='color:{colors.muted.name()}'>(also {html.escape(other_text)})</span>"
    return (
        f"<tr><td style='font-family:\"{family}\"; font-size:15pt'>{html.escape(info.char)}</td>"
        f"<td style='padding-left:6px'>{reading}</td><td style='padding-left:6px'>{gloss}</td></tr>"
    )
