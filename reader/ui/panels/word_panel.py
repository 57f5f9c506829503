"""The word panel: the card of the word last looked up, and a dictionary search by hanzi, pinyin or English."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout, QWidget

from reader.core.chars import has_han
from reader.core.dictionary.dictionary import Dictionary
from reader.core.dictionary.entries import Entry
from reader.core.pinyin.styles import format_syllable
from reader.core.usecases.lookup import WordCard, look_up
from reader.ui.context import AppContext
from reader.ui.theme import colors
from reader.ui.word_card import card_html

MAX_RESULTS = 40


class WordPanel(QWidget):
    """Shows a :class:`WordCard`; the search field looks up any word."""

    def __init__(self, app: AppContext, font_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.font_family = font_family
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Look up: 学习, xuexi, xue2xi2 or study")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("DictionaryResults")
        self.results.hide()
        self.card_view = QTextBrowser(self)
        self.card_view.setObjectName("WordPanelCard")
        self.card_view.setOpenLinks(False)
        self.hint = QLabel("Click a word in the text to see its entry here.", self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.card_view, 3)
        self.card_view.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._search)
        self.results.currentItemChanged.connect(self._result_chosen)
        self.card: WordCard | None = None

    def show_card(self, card: WordCard) -> None:
        """Show ``card`` in the pinyin style and tone colours chosen now."""
        self.card = card
        settings = self.app.view_settings
        self.card_view.setHtml(card_html(card, colors(), settings.pinyin_style, settings.tone_colors, self.font_family))
        self.hint.hide()
        self.card_view.show()

    def refresh(self) -> None:
        """Draw the card and the search results again after the pinyin style, tone colours or theme changed."""
        if self.card is not None:
            self.show_card(self.card)
        if self.results.count():
            self._search()

    def _dictionary(self) -> Dictionary | None:
        dictionary = getattr(self.app.services, "dictionary", None)
        return dictionary if dictionary is not None and dictionary.ready else None

    def _search(self) -> None:
        query = self.search.text().strip()
        dictionary = self._dictionary()
        self.results.clear()
        if not query or dictionary is None:
            self.results.hide()
            return
        if has_han(query):
            entries: list[Entry] = dictionary.lookup(query)
            if not entries:
                match = dictionary.longest_match(query, 0)
                entries = list(match.entries) if match else []
        else:
            entries = dictionary.search_pinyin(query, MAX_RESULTS) or dictionary.search_english(query, MAX_RESULTS)
        seen = set()
        style = self.app.view_settings.pinyin_style
        for entry in entries[:MAX_RESULTS]:
            key = (entry.simplified, entry.syllables)
            if key in seen:
                continue
            seen.add(key)
            gloss = "; ".join(entry.senses[:2])
            reading = " ".join(format_syllable(s.lower(), style) for s in entry.syllables)
            item = QListWidgetItem(f"{entry.simplified}  {reading}  {gloss}")
            item.setData(Qt.ItemDataRole.UserRole, (entry.simplified, list(entry.syllables)))
            self.results.addItem(item)
        self.results.setVisible(self.results.count() > 0)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _result_chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        word, syllables = item.data(Qt.ItemDataRole.UserRole)
        card = look_up(self._dictionary(), word, syllables)
        card.deck_entries = self.app.deck.find(card.simplified or word)
        self.show_card(card)
