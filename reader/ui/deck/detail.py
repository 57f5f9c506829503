"""The deck window's detail pane: the selected entry in full (sentence with the word in bold, translation, note)."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core.export.fields import html_text, sentence_html, sentence_translation_text, traditional_of
from reader.core.pinyin.styles import PinyinStyle
from reader.core.store.deck import DeckEntry
from reader.ui.deck.model import STATUS_COLOURS, STATUS_LABELS
from reader.ui.theme import Colors
from reader.ui.word_card import pinyin_html

#: The link in the pane that opens the entry's article.
OPEN_LINK = "reader:open-source"


def entry_html(
    entry: DeckEntry,
    colors: Colors,
    family: str,
    *,
    tone_colors: bool = True,
    hsk: str = "",
    style: PinyinStyle = PinyinStyle.MARKS,
) -> str:
    """The entry as rich text: word, reading (written in ``style``), status and tags, meaning, sentence, note."""
    muted = colors.muted.name()
    out = [f"<div style='font-family:\"{family}\"; font-size:26pt'>{html.escape(entry.simplified)}"]
    traditional = traditional_of(entry)
    if traditional:
        out.append(f" <span style='font-size:16pt; color:{muted}'>({html.escape(traditional)})</span>")
    out.append("</div>")
    out.append(f"<div style='font-size:14pt'>{pinyin_html(entry.pinyin.split(), colors, style, tone_colors)}</div>")
    facts = [f"<span style='color:{STATUS_COLOURS[entry.status]}'>●</span> {STATUS_LABELS[entry.status]}"]
    if hsk:
        facts.append(html.escape(hsk))
    if entry.tags:
        facts.append("tags: " + html.escape(", ".join(entry.tags)))
    out.append(f"<div style='color:{muted}'>{' · '.join(facts)}</div>")
    senses = [line for line in entry.definition.splitlines() if line.strip()]
    if senses:
        items = "".join(f"<li>{html.escape(sense.strip())}</li>" for sense in senses)
        out.append(f"<ol style='margin-top:6px; margin-bottom:0'>{items}</ol>")
    if entry.sentence:
        sentence = sentence_html(entry.sentence, entry.simplified, entry.sentence_offset)
        out.append(f"<p style='font-family:\"{family}\"; font-size:13pt; margin-top:10px'>{sentence}</p>")
    if entry.sentence_translation:
        translation = html_text(sentence_translation_text(entry))
        out.append(f"<p style='color:{colors.translation.name()}'>{translation}</p>")
    if entry.note:
        out.append(f"<p><i>{html_text(entry.note)}</i></p>")
    out.append(_source_html(entry, muted))
    return "".join(out)


def _source_html(entry: DeckEntry, muted: str) -> str:
    added = entry.added_at.astimezone().strftime("%Y-%m-%d %H:%M")
    lines = []
    if entry.article_title:
        title = html.escape(entry.article_title)
        if entry.article_id is not None:
            lines.append(f"From <a href='{OPEN_LINK}'>{title}</a> (double-click or Enter opens it at the word)")
        else:
            lines.append(f"From {title} (no longer in the library)")
    lines.append(f"Added {added}")
    return f"<p style='color:{muted}; margin-top:10px'>{'<br>'.join(lines)}</p>"


class DeckDetailPane(QTextBrowser):
    """Shows one entry (or how many are selected); its source link asks for the article to be opened."""

    open_requested = Signal()

    def __init__(
        self, colors: Callable[[], Colors], family: str, tone_colors: Callable[[], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DeckDetail")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._link)
        self._colors = colors
        self._family = family
        self._tone_colors = tone_colors
        #: How the reading is written (the Preferences setting; the deck window keeps it current).
        self.pinyin_style = PinyinStyle.MARKS
        self.entry: DeckEntry | None = None
        self.show_entries([], 0)

    def show_entries(self, entries: list[DeckEntry], selected: int, hsk: str = "") -> None:
        """Show the entry if exactly one is selected, else a short summary of the selection."""
        self.entry = entries[0] if selected == 1 and entries else None
        muted = self._colors().muted.name()
        if self.entry is not None:
            self.setHtml(
                entry_html(
                    self.entry,
                    self._colors(),
                    self._family,
                    tone_colors=self._tone_colors(),
                    hsk=hsk,
                    style=self.pinyin_style,
                )
            )
        elif selected > 1:
            self.setHtml(
                f"<p style='color:{muted}'>{selected:,} entries selected.</p>"
                f"<p style='color:{muted}'>Delete removes them (Ctrl+Z brings them back); the Entry menu sets "
                "their status or tags.</p>"
            )
        else:
            self.setHtml(f"<p style='color:{muted}'>Select a word to see its sentence, translation and note.</p>")

    def _link(self, url: QUrl) -> None:
        if url.toString() == OPEN_LINK:
            self.open_requested.emit()
