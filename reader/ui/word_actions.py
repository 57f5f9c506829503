"""What the learner does with words: look up, add to the deck, mark known, merge and split; all undoable."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QRect, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox

from reader.core.dictionary.dictionary import Dictionary
from reader.core.errors import ReaderError
from reader.core.model import Sentence, Token
from reader.core.pinyin.styles import format_reading
from reader.core.store.corrections import Corrections
from reader.core.store.reading_corrections import ReadingCorrection, ReadingCorrections, share_file_for
from reader.core.store.words import StatusChange, article_words
from reader.core.usecases.deck import WordContext, add_word
from reader.core.usecases.lookup import WordCard, look_up
from reader.core.usecases.words import mark_words
from reader.ui.actions import make_action
from reader.ui.deck.window import DeckWindow
from reader.ui.popup import WordPopup
from reader.ui.reading.view import WordRef
from reader.ui.theme import colors
from reader.ui.view_actions import ViewActions
from reader.ui.word_card import card_html

log = logging.getLogger(__name__)


class WordActions(ViewActions):
    """Owns the word pop-up and the Words menu's actions."""

    card_shown = Signal(object)  # the WordCard now shown

    def _build(self) -> None:
        """Create this group's actions and connections (called by ``ViewActions.__init__``)."""
        parent = self.window
        self.popup = WordPopup(parent)
        self.current: WordRef | None = None
        self.card: WordCard | None = None
        self.popup.add_requested.connect(self.add_to_deck)
        self.popup.known_requested.connect(self.mark_known)
        self.popup.split_requested.connect(self.split_word)
        self.popup.correct_requested.connect(self.correct_reading)
        self.popup.step_requested.connect(self._step)
        self.popup.closed.connect(lambda: self.view.setFocus())
        self.view.word_activated.connect(lambda row, box: self.show_popup(WordRef(row, box)))
        self.view.word_focused.connect(lambda row, box: self._focused(WordRef(row, box)))
        self.act_add = make_action(
            parent,
            "&Add Word to Deck",
            self.add_to_deck,
            "A",
            tip="Save the focused word with its sentence and translation",
        )
        self.act_open_in_deck = make_action(
            parent, "&Open in Deck", self.open_in_deck, tip="Show this word's deck entry in the deck window"
        )
        self.act_known = make_action(parent, "Mark Word as &Known", self.mark_known, "K")
        self.act_unknown = make_action(parent, "Mark Word as &Unknown", self.mark_unknown, "U")
        self.act_remaining = make_action(parent, "Mark &Remaining Words of Article as Known", self.mark_remaining_known)
        self.act_merge = make_action(
            parent,
            "&Merge Selected Words",
            self.merge_selection,
            "M",
            tip="Treat the selected words as one word everywhere",
        )
        self.act_split = make_action(parent, "&Split Word…", self.split_word, "S")

    def actions(self) -> list[QAction]:
        """The Words menu's actions, in menu order."""
        return [self.act_add, self.act_known, self.act_unknown, self.act_remaining, self.act_merge, self.act_split]

    def context_actions(self) -> list[QAction]:
        """The word actions of the reading view's right-click menu: Open in Deck instead of Add for a deck word."""
        ref = self._ref()
        found = self._token(ref) if ref is not None else None
        in_deck = found is not None and bool(self.app.deck.find(found[0].text))
        return [self.act_open_in_deck if in_deck else self.act_add, self.act_known, self.act_unknown]

    # -- the word under the focus --------------------------------------------------------------------------------

    def _token(self, ref: WordRef) -> tuple[Token, Sentence] | None:
        layout = self.view.layout_for(ref.row)
        box = layout.boxes[ref.box]
        if box.token < 0:
            return None  # not segmented yet
        sentence = self.view.model.block(ref.row).sentences[box.sentence] if self.view.model else None
        if sentence is None:
            return None
        return sentence.tokens[box.token], sentence

    def _ref(self) -> WordRef | None:
        return self.current if self.popup.isVisible() else self.view.focus_word

    def build_card(self, ref: WordRef) -> WordCard | None:
        """Look up the word at ``ref`` (``None`` before the text is segmented)."""
        found = self._token(ref)
        if found is None:
            return None
        token, _ = found
        dictionary = self._dictionary()
        card = look_up(dictionary, token.text, token.pinyin)
        # The deck keys entries by the simplified form: a traditional 著 read zhe5 is the deck's 着.
        card.deck_entries = self.app.deck.find(card.simplified or token.text)
        card.status = self.controller.status_of(token.text)
        return card

    def _dictionary(self) -> Dictionary | None:
        dictionary = getattr(self.app.services, "dictionary", None)
        return dictionary if dictionary is not None and dictionary.ready else None

    def _html(self, card: WordCard) -> str:
        settings = self.app.view_settings
        html = card_html(
            card, colors(), settings.pinyin_style, settings.tone_colors, self.view.context.body.font.family()
        )
        if self._dictionary() is None:
            html += "<p><i>The dictionary is still being prepared…</i></p>"
        return html

    def show_popup(self, ref: WordRef) -> None:
        """Open the pop-up for the word at ``ref``."""
        card = self.build_card(ref)
        if card is None:
            return
        self.current, self.card = ref, card
        rect = self.view.word_rect(ref).toAlignedRect()
        anchor = QRect(self.view.viewport().mapToGlobal(rect.topLeft()), rect.size())
        self.popup.set_readings(self._readings(card))
        self.popup.show_card(
            card.word, self._html(card), anchor, in_deck=bool(card.deck_entries), splittable=len(card.word) > 1
        )
        self.card_shown.emit(card)
        self.app.hub.word_looked_up.emit(card.word)

    def _readings(self, card: WordCard) -> list[tuple[str, str]]:
        """The word's readings for the pop-up's list: the one in the text first, then the dictionary's."""
        readings = [" ".join(card.reading)] if card.reading else []
        dictionary = self._dictionary()
        if dictionary is not None:
            readings += [" ".join(r) for r in dictionary.word_readings(card.word) if len(r) == len(card.word)]
        unique = [r.lower() for r in dict.fromkeys(readings) if r]
        return [(format_reading(r), r) for r in dict.fromkeys(unique)]

    def _focused(self, ref: WordRef) -> None:
        card = self.build_card(ref)
        if card is not None:
            self.card_shown.emit(card)

    def _step(self, step: int) -> None:
        if self.current is None:
            return
        target = self.view.step_word(self.current, step)
        if target is not None:
            self.view.set_focus_word(target)
            self.show_popup(target)

    def _refresh_popup(self) -> None:
        if self.popup.isVisible() and self.current is not None:
            self.show_popup(self.current)

    # -- deck and statuses ---------------------------------------------------------------------------------------

    def add_to_deck(self) -> None:
        """Save the focused word with its reading, sentence and the sentence's translation."""
        ref = self._ref()
        if ref is None:
            return
        found = self._token(ref)
        card = self.build_card(ref)
        if found is None or card is None:
            return
        token, sentence = found
        if card.deck_entries:
            self.message(f"{token.text} is already in the deck.")
            return
        title = self.article_title
        reading = " ".join(s for s in (token.pinyin or card.reading) if s)
        if self.popup.isVisible() and self.popup.word == token.text and self.popup.chosen_reading():
            reading = self.popup.chosen_reading()  # the learner picked another reading in the pop-up
        deck = self.app.deck
        added: list[int] = []
        context = WordContext(
            sentence=sentence.text,
            sentence_translation=sentence.translation or "",
            sentence_translation_source=sentence.translation_source or "",
            article_id=self.controller.article_id,
            article_title=title,
            position=token.start,
            sentence_offset=token.start - sentence.start,
        )

        def redo() -> None:
            entry = add_word(deck, self._dictionary, token.text, reading=reading or None, context=context)
            added[:] = [entry.id]
            self._changed(f"Added {token.text} to the deck.")

        def undo() -> None:
            deck.delete(added)
            self._changed(f"Removed {token.text} from the deck.")

        self._push(f"Add {token.text} to Deck", redo, undo)

    def open_in_deck(self) -> None:
        """Open the deck window on the focused word's entries."""
        ref = self._ref()
        found = self._token(ref) if ref is not None else None
        if found is None:
            return
        word = found[0].text
        entries = self.app.deck.find(word)
        if not entries:
            self.message(f"{word} is not in the deck.")
            return
        DeckWindow.open_for(self.app, self.window).show_entries(word, [entry.id for entry in entries])

    def mark_known(self) -> None:
        """Mark the focused word (or the selected words) as known."""
        self._mark("known")

    def mark_unknown(self) -> None:
        """Mark the focused word (or the selected words) as unknown again."""
        self._mark("unknown")

    def _words_for_action(self) -> list[str]:
        span = self.view.selection_words()
        if span is None:
            ref = self._ref()
            found = self._token(ref) if ref is not None else None
            return [found[0].text] if found else []
        first, last = span
        words: list[str] = []
        for row in range(first.row, last.row + 1):
            layout = self.view.layout_for(row)
            start = first.box if row == first.row else 0
            end = last.box if row == last.row else len(layout.boxes) - 1
            words.extend(box.text for box in layout.boxes[start : end + 1] if box.han)
        return list(dict.fromkeys(words))

    def _mark(self, status: str) -> None:
        words = self._words_for_action()
        if not words:
            return
        statuses = self.app.words
        self._push_status_change(
            f"Mark {words[0]} as {status.title()}",
            lambda: mark_words(statuses, words, status),
            lambda _change: f"Marked {'、'.join(words[:5])}{'…' if len(words) > 5 else ''} as {status}.",
        )

    def mark_remaining_known(self) -> None:
        """Mark every word of the article not in the deck and not marked as known."""
        article = self.view.model.article if self.view.model else None
        if article is None or not article.blocks:
            return
        words = article_words(article)  # already by simplified form
        answer = QMessageBox.question(
            self.window,
            "Mark Remaining Words as Known",
            "Mark every word of this article that is not in your deck and not marked yet as known?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        statuses = self.app.words
        self._push_status_change(
            "Mark Remaining Words as Known",
            lambda: statuses.mark_remaining_known(words),
            lambda change: f"Marked {change.count} words as known.",
        )

    def _push_status_change(
        self, text: str, change: Callable[[], StatusChange], said: Callable[[StatusChange], str]
    ) -> None:
        """Make the word-status ``change`` undoably; ``said`` tells the status bar what it did."""
        statuses = self.app.words
        changes: list[StatusChange] = []

        def redo() -> None:
            changes[:] = [change()]
            self._changed(said(changes[0]))

        def undo() -> None:
            for done in changes:
                statuses.undo(done)
            self._changed("Undone.")

        self._push(text, redo, undo)

    # -- reading corrections --------------------------------------------------------------------------------------

    def correct_reading(self) -> None:
        """Keep the reading chosen in the pop-up for the word, here or (if asked) everywhere; undoable."""
        ref = self._ref()
        found = self._token(ref) if ref is not None else None
        reading = self.popup.chosen_reading()
        if found is None or not reading:
            return
        token, sentence = found
        everywhere = self.popup.everywhere_box.isChecked()
        corrections = ReadingCorrections(self.app.store, share_file_for(self.app.paths.home))
        text, offset = ("", -1) if everywhere else (sentence.text, token.start - sentence.start)
        before = next(
            (c for c in corrections.all() if (c.word, c.sentence, c.offset) == (token.text, text, offset)), None
        )
        scope = "everywhere" if everywhere else "here"
        marks = format_reading(reading)

        def redo() -> None:
            try:
                corrections.correct(token.text, reading, sentence=text, offset=offset)
            except ReaderError as error:
                self.message(str(error))
                return
            self._reread(corrections, f"{token.text} is read {marks} {scope}.")

        def undo() -> None:
            if before is not None:
                corrections.correct(before.word, before.reading, sentence=before.sentence, offset=before.offset)
            else:
                corrections.remove(ReadingCorrection(token.text, reading, text, offset))
            self._reread(corrections, f"Undid the reading of {token.text}.")

        self.popup.close()
        self._push(f"Read {token.text} as {marks}", redo, undo)

    def _reread(self, corrections: ReadingCorrections, message: str) -> None:
        """Give the analyser the corrections and read the open article again."""
        self.app.services.analyzer.overrides = corrections.overrides()
        self.clear_selection_and_reopen(message)

    # -- segmentation corrections ---------------------------------------------------------------------------------

    def merge_selection(self) -> None:
        """Treat the selected words as one word (in every article)."""
        span = self.view.selection_words()
        if span is None:
            self.message("Select two or more words first (drag over them, or Shift+arrow keys).")
            return
        first, last = span
        if first.row != last.row:
            self.message("Words to merge must be in the same paragraph.")
            return
        layout = self.view.layout_for(first.row)
        parts = [box.text for box in layout.boxes[first.box : last.box + 1]]
        if len(parts) < 2:
            self.message("Select two or more words to merge.")
            return
        merged = "".join(parts)
        self._correct(lambda corrections: corrections.merge(parts, self.app.services.segmenter), merged, merged)

    def split_word(self) -> None:
        """Cut the focused word into parts (asks where)."""
        ref = self._ref()
        found = self._token(ref) if ref is not None else None
        if found is None or len(found[0].text) < 2:
            return
        word = found[0].text
        self.popup.close()
        text, accepted = QInputDialog.getText(
            self.window, "Split Word", f"Put spaces where “{word}” should be cut:", text=" ".join(word)
        )
        if not accepted:
            return
        parts = text.split()
        if "".join(parts) != word or len(parts) < 2:
            self.message(f"The parts must spell “{word}” and be at least two.")
            return
        self._correct(lambda corrections: corrections.split(word, parts, self.app.services.segmenter), word, parts[0])

    def _correct(self, apply: Callable[[Corrections], object], word: str, now_at_focus: str) -> None:
        try:
            apply(Corrections(self.app.store))
        except ReaderError as error:
            self.message(str(error))
            return
        # the Details panel showed the old word: show the word that now starts where it started
        card = look_up(self._dictionary(), now_at_focus, None, self.app.deck.find(now_at_focus))
        card.status = self.controller.status_of(now_at_focus)
        self.card_shown.emit(card)
        self.clear_selection_and_reopen(f"Changed how “{word}” is segmented, in every article.")

    def clear_selection_and_reopen(self, message: str) -> None:
        """Re-segment the open article after a correction."""
        self.view.clear_selection()
        if self.controller.article_id is not None:
            self.controller.open_article(self.controller.article_id)
        self.message(message)

    # -- helpers -------------------------------------------------------------------------------------------------

    def _push(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        self.push(text, redo, undo)

    def _changed(self, message: str) -> None:
        self.app.hub.deck_changed.emit()
        self.app.hub.word_status_changed.emit()
        self._refresh_popup()
        self.message(message)
