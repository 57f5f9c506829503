"""Pieces of card content shared by the exporters: HTML-safe text, tone-coloured pinyin, note GUIDs.

User text (definitions, sentences, notes) is plain text: it is escaped (``& < >``) before it goes into HTML, and
its line breaks become ``<br>``, so that no exported field holds a raw tab or newline. Everything is NFC, the form
Anki stores.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from enum import StrEnum
from functools import cache

from reader.core.pinyin.styles import PinyinStyle, format_syllable, tone_of
from reader.core.script import Script, shared_converter
from reader.core.store.deck import DeckEntry

#: Colours of tones 1–4 and the neutral tone (Pleco's defaults), used where no style sheet can be shipped.
TONE_COLOURS = {1: "#e30000", 2: "#02b31c", 3: "#1510f0", 4: "#8900bf", 5: "#777777"}
_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normal form C."""
    return unicodedata.normalize("NFC", text)


def html_text(text: str) -> str:
    """Escape plain text for an HTML field: ``& < >`` escaped, line breaks as ``<br>``, tabs as spaces."""
    if not text:
        return ""
    escaped = html.escape(nfc(text).strip(), quote=False).replace("\t", " ")
    return _LINE_BREAKS.sub("<br>", escaped)


#: What follows a machine translation on a card, as the reading view labels it "MACHINE TRANSLATION".
MACHINE_TRANSLATION_NOTE = "(machine translation)"


def sentence_translation_text(entry: DeckEntry) -> str:
    """The entry's sentence translation as plain text, with "(machine translation)" after it if a pack made it."""
    text = entry.sentence_translation.strip()
    return f"{text} {MACHINE_TRANSLATION_NOTE}" if entry.machine_translated else text


def one_line(text: str, separator: str = "; ") -> str:
    """Join the lines of plain text with ``separator`` and turn tabs into spaces (for one-line formats)."""
    lines = [line.strip() for line in _LINE_BREAKS.split(nfc(text).replace("\t", " "))]
    return separator.join(line for line in lines if line)


def pinyin_html(reading: str, *, inline: bool, style: PinyinStyle = PinyinStyle.MARKS) -> str:
    """Return a stored reading written in ``style`` (tone marks by default), each syllable coloured by its tone.

    With ``inline`` the colour is a ``style`` attribute (for the stock Basic note type, which has no style
    sheet); otherwise each span has the class ``tone1``…``tone5`` that the Reader Chinese note type styles.
    """
    return " ".join(_syllable_span(syllable, inline, style) for syllable in reading.split())


@cache
def _syllable_span(syllable: str, inline: bool, style: PinyinStyle) -> str:
    """One syllable of :func:`pinyin_html` (cached: a deck repeats syllables)."""
    tone = tone_of(syllable)
    marked = html.escape(nfc(format_syllable(syllable, style)), quote=False)
    if inline:
        return f'<span style="color:{TONE_COLOURS[tone]}">{marked}</span>'
    return f'<span class="tone{tone}">{marked}</span>'


def sentence_html(sentence: str, word: str, offset: int | None = None) -> str:
    """Return the sentence as HTML with the word in bold: the occurrence at ``offset`` if it is there, else all.

    The offset matters when the word also occurs inside another word (行 in 银行).
    """
    sentence, word = nfc(sentence).strip(), nfc(word)
    if not sentence or not word:
        return html_text(sentence)
    if offset is not None and offset >= 0 and sentence[offset : offset + len(word)] == word:
        before, after = sentence[:offset], sentence[offset + len(word) :]
        return f"{_inline(before)}<b>{_inline(word)}</b>{_inline(after)}"
    return _inline(sentence).replace(_inline(word), f"<b>{_inline(word)}</b>")


def _inline(text: str) -> str:
    """Escape a piece of text without trimming it (parts of a sentence keep their spaces)."""
    return _LINE_BREAKS.sub("<br>", html.escape(text, quote=False).replace("\t", " "))


def traditional_of(entry: DeckEntry) -> str:
    """The traditional form when it differs from the simplified one, else an empty string."""
    return entry.traditional if entry.traditional and entry.traditional != entry.simplified else ""


class FormOrder(StrEnum):
    """Which of an entry's two forms an export puts first (the other goes beside it)."""

    AS_READ = "as-read"  # the form of the sentence the word was met in
    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"


def read_in_traditional(entry: DeckEntry) -> bool:
    """True if the learner met the word in traditional characters (its sentence holds the traditional form)."""
    traditional = traditional_of(entry)
    if not traditional or not entry.sentence:
        return False
    sentence, offset = entry.sentence, entry.sentence_offset
    if offset is not None and offset >= 0:
        if sentence[offset : offset + len(traditional)] == traditional:
            return True
        if sentence[offset : offset + len(entry.simplified)] == entry.simplified:
            return False
    if (traditional in sentence) != (entry.simplified in sentence):
        return traditional in sentence
    return shared_converter().detect(sentence) is Script.TRADITIONAL


def hanzi_pair(entry: DeckEntry, order: FormOrder = FormOrder.AS_READ) -> tuple[str, str]:
    """(the form shown first, the other form or ``""`` when both scripts write the word alike)."""
    other = traditional_of(entry)
    if not other:
        return entry.simplified, ""
    if order is FormOrder.TRADITIONAL or (order is FormOrder.AS_READ and read_in_traditional(entry)):
        return other, entry.simplified
    return entry.simplified, other


def written_form(entry: DeckEntry) -> str:
    """The form of the word as it stands in the entry's sentence (what the sentence shows in bold)."""
    return entry.traditional if read_in_traditional(entry) else entry.simplified


def note_guid(key: str, namespace: str = "") -> str:
    """Return an Anki note GUID derived only from the entry's key (and the note type's namespace).

    Sixteen hexadecimal digits (no character that CSV or HTML would treat specially). Editing an entry's
    definition keeps its GUID, so a re-import updates the note instead of adding a second one.
    """
    return hashlib.sha256(f"reader:{namespace}:{nfc(key)}".encode()).hexdigest()[:16]
