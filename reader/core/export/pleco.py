"""Export the deck in Pleco's flashcard text format (Import Cards → text file).

One card per line: ``simplified[traditional]`` (just the word when both forms are the same), a tab, the pinyin in
tone numbers without spaces (``yin2hang2``), a tab, the definition on one line (its lines joined by ``; ``).
A first line ``//Category`` files the cards under that Pleco category. UTF-8, ``\\n`` line ends. Pleco's card
has no room for the sentence, translation or note; use the CSV or Anki exports for those.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reader.core.export.fields import nfc, one_line
from reader.core.export.files import write_text
from reader.core.store.deck import DeckEntry

DEFAULT_CATEGORY = "Reader"


def headword(entry: DeckEntry) -> str:
    """The Pleco headword: ``银行[銀行]``, or ``银行`` when the traditional form is unknown or the same."""
    if entry.traditional and entry.traditional != entry.simplified:
        return f"{entry.simplified}[{entry.traditional}]"
    return entry.simplified


def line(entry: DeckEntry) -> str:
    """One card line."""
    return "\t".join([one_line(headword(entry), ""), entry.pinyin.replace(" ", ""), one_line(entry.definition)])


def render(entries: Iterable[DeckEntry], category: str = DEFAULT_CATEGORY) -> str:
    """Return the whole file as text."""
    name = one_line(category, " ").strip("/") or DEFAULT_CATEGORY
    lines = [f"//{name}", *(nfc(line(entry)) for entry in entries)]
    return "\n".join(lines) + "\n"


def write(entries: Iterable[DeckEntry], path: Path, category: str = DEFAULT_CATEGORY) -> int:
    """Write the Pleco export of ``entries`` to ``path`` (atomically); return the number of cards."""
    entries = list(entries)
    write_text(path, render(entries, category))
    return len(entries)
