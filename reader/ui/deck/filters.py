"""The deck window's filter bar: a search field and drop-downs for status, tag and source article.

The same drop-downs are used by the export dialog to choose entries, so both fill them the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from reader.core.store.deck import Deck, DeckQuery
from reader.core.store.words import WordStatus
from reader.ui.deck.model import STATUS_LABELS

#: The status drop-down's choices: a label, the key the drop-down stores, and the statuses it keeps (none: all).
STATUS_CHOICES: list[tuple[str, str, tuple[WordStatus, ...]]] = [
    ("All statuses", "", ()),
    ("Not known yet (new or learning)", "open", (WordStatus.NEW, WordStatus.LEARNING)),
    *[
        (STATUS_LABELS[s], s.value, (s,))
        for s in (WordStatus.NEW, WordStatus.LEARNING, WordStatus.KNOWN, WordStatus.IGNORED)
    ],
]
_STATUSES_OF = {key: statuses for _label, key, statuses in STATUS_CHOICES}
#: Milliseconds between the last keystroke in the search field and the search.
SEARCH_DELAY_MS = 150


def make_status_combo(parent: QWidget) -> QComboBox:
    """A drop-down of :data:`STATUS_CHOICES`."""
    combo = QComboBox(parent)
    for label, key, _statuses in STATUS_CHOICES:
        combo.addItem(label, key)
    return combo


def fill_tag_combo(combo: QComboBox, deck: Deck) -> None:
    """Fill a drop-down with "All tags" and every tag of the deck with its count, keeping the current tag."""
    current = combo.currentData()
    with QSignalBlocker(combo):
        combo.clear()
        combo.addItem("All tags", "")
        for tag, count in deck.all_tags():
            combo.addItem(f"{tag} ({count:,})", tag)
        combo.setCurrentIndex(max(0, combo.findData(current)))


def fill_article_combo(combo: QComboBox, deck: Deck) -> None:
    """Fill a drop-down with "All articles" and each library article entries came from, keeping the current one.

    Entries whose article was deleted from the library cannot be picked out by article, so they are not listed.
    """
    current = combo.currentData()
    with QSignalBlocker(combo):
        combo.clear()
        combo.addItem("All articles", -1)
        for article_id, title, count in deck.sources():
            if article_id is not None:
                combo.addItem(f"{title or 'Untitled'} ({count:,})", article_id)
        combo.setCurrentIndex(max(0, combo.findData(current)))


def apply_choices(query: DeckQuery, status: QComboBox, tag: QComboBox, article: QComboBox) -> DeckQuery:
    """``query`` with the status, tag and article chosen in the three drop-downs."""
    article_id = article.currentData()
    return replace(
        query,
        statuses=_STATUSES_OF.get(str(status.currentData() or ""), ()),
        tags=(tag.currentData(),) if tag.currentData() else (),
        article_id=article_id if isinstance(article_id, int) and article_id >= 0 else None,
    )


def describe_query(query: DeckQuery, article_title: str = "") -> str:
    """Say in a few words which entries ``query`` keeps (``search “学” · learning · tag news``)."""
    parts = []
    if query.search.strip():
        parts.append(f"search “{query.search.strip()}”")
    if query.statuses:
        parts.append(" or ".join(STATUS_LABELS[s].lower() for s in query.statuses))
    parts.extend(f"tag {tag}" for tag in query.tags)
    if query.article_id is not None:
        parts.append(f"from “{article_title}”" if article_title else f"from article {query.article_id}")
    return " · ".join(parts) if parts else "all entries"


class ChoiceCombo(QComboBox):
    """A drop-down whose choices are read from the deck when it is opened (or asked for), not on every change.

    Reading every tag and source of a 50,000-entry deck takes 30–50 ms; the window would pay that each time
    another window adds a word. :meth:`mark_stale` is free; the next :meth:`ensure_filled` reads the deck.
    """

    def __init__(self, fill: Callable[[QComboBox, Deck], None], deck: Deck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fill = fill
        self._deck = deck
        self._stale = True
        self.ensure_filled()

    def mark_stale(self) -> None:
        """The deck changed: read the choices again before they are next shown."""
        self._stale = True

    def ensure_filled(self) -> None:
        """Read the choices if the deck changed since they were read; announce it if the current one is gone."""
        if not self._stale:
            return
        self._stale = False
        before = self.currentData()
        self._fill(self, self._deck)
        if self.currentData() != before and before is not None:
            self.currentIndexChanged.emit(self.currentIndex())

    def showPopup(self) -> None:
        self.ensure_filled()
        super().showPopup()


class DeckFilterBar(QWidget):
    """Search field and status/tag/article drop-downs; :attr:`changed` fires when the filter changes."""

    changed = Signal()

    def __init__(self, deck: Deck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("DeckSearch")
        self.search_field.setPlaceholderText("Search hanzi, pinyin (xue2, xuesheng, xuéshēng) or English")
        self.search_field.setClearButtonEnabled(True)
        self.status_combo = make_status_combo(self)
        self.status_combo.setToolTip("Show entries with this status")
        self.tag_combo = ChoiceCombo(fill_tag_combo, deck, self)
        self.tag_combo.setToolTip("Show entries with this tag")
        self.article_combo = ChoiceCombo(fill_article_combo, deck, self)
        self.article_combo.setToolTip("Show entries found in this article")
        self.article_combo.setMaximumWidth(260)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_field, 1)
        layout.addWidget(self.status_combo)
        layout.addWidget(self.tag_combo)
        layout.addWidget(self.article_combo)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search_field.textChanged.connect(lambda _text: self._timer.start())
        self.search_field.returnPressed.connect(self.flush)
        for combo in (self.status_combo, self.tag_combo, self.article_combo):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def refresh_choices(self) -> None:
        """The deck changed: its tags and source articles are read again when a drop-down is next opened."""
        self.tag_combo.mark_stale()
        self.article_combo.mark_stale()

    def flush(self) -> None:
        """Apply a search still waiting for the typing pause now."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def query(self, base: DeckQuery) -> DeckQuery:
        """``base`` (its sort order) with the search and the chosen status, tag and article."""
        query = replace(base, search=self.search_field.text().strip())
        return apply_choices(query, self.status_combo, self.tag_combo, self.article_combo)

    def set_search(self, text: str) -> None:
        """Put ``text`` in the search field and search at once."""
        self.search_field.setText(text)
        self.flush()

    def select(self, combo: QComboBox, value: object) -> bool:
        """Choose ``value`` in one of the drop-downs; return whether it is offered."""
        if isinstance(combo, ChoiceCombo):
            combo.ensure_filled()
        index = combo.findData(value)
        if index < 0:
            return False
        combo.setCurrentIndex(index)
        return True

    def article_title(self) -> str:
        """The title of the article chosen in the article drop-down ('' for all)."""
        if self.article_combo.currentIndex() <= 0:
            return ""
        return self.article_combo.currentText().rsplit(" (", 1)[0]
