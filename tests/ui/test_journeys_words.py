"""Journeys through the Words and Annotate menus, the word pop-up and the reading view's context menu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QPlainTextEdit, QWidget

from reader.core.store.words import WordStatus
from reader.ui.deck.window import DeckWindow
from reader.ui.main_window import MainWindow
from tests.ui.journey import (
    choose_menu_item,
    click,
    click_word,
    first_word,
    journey_params,
    menu_item_texts,
    on_modal,
    open_sample,
    right_click_word,
    select_words,
    trigger,
)


def _focus(window: MainWindow, qtbot: Any, word: str) -> None:
    """Click ``word`` (which opens its pop-up) and close the pop-up with Esc: the word keeps the focus."""
    click_word(window, qtbot, first_word(window, word))
    popup = window.word_actions.popup
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)


# -- words -------------------------------------------------------------------------------------------------------------


@pytest.mark.journey("Words ▸ Look Up Word")
def test_look_up_opens_the_focused_words_entry(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    _focus(main_window, qtbot, "互联网")
    trigger(main_window, "Words ▸ Look Up Word")
    popup = main_window.word_actions.popup
    qtbot.waitUntil(popup.isVisible)
    assert popup.word == "互联网" and "internet" in popup.card.text().lower()
    qtbot.keyClick(popup, Qt.Key.Key_Escape)


@pytest.mark.journey("Words ▸ Add Word to Deck")
def test_a_word_added_to_the_deck_names_its_article_not_the_window_caption(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    title = main_window.header.title
    article_id = main_window.controller.article_id
    assert article_id is not None
    assert title == main_window.app.library.get_summary(article_id).title
    main_window.setWindowTitle("Something else — Reader")  # the title is passed, not read back from the caption
    _focus(main_window, qtbot, "互联网")
    trigger(main_window, "Words ▸ Add Word to Deck")
    assert [entry.article_title for entry in main_window.app.deck.find("互联网")] == [title]


@pytest.mark.journey("Words ▸ Add Word to Deck")
def test_add_word_to_deck_saves_it_once(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    _focus(main_window, qtbot, "互联网")
    trigger(main_window, "Words ▸ Add Word to Deck")
    entries = main_window.app.deck.find("互联网")
    assert len(entries) == 1 and "互联网" in entries[0].sentence
    trigger(main_window, "Words ▸ Add Word to Deck")  # a second time: already there, nothing added
    assert len(main_window.app.deck.find("互联网")) == 1


def test_the_popups_add_button_saves_the_word(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    click_word(main_window, qtbot, first_word(main_window, "工业"))
    popup = main_window.word_actions.popup
    qtbot.waitUntil(popup.isVisible)
    qtbot.mouseClick(popup.add_button, Qt.MouseButton.LeftButton)
    assert len(main_window.app.deck.find("工业")) == 1
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)


@pytest.mark.journey("Words ▸ Mark Word as Known", "Words ▸ Mark Word as Unknown")
def test_mark_known_then_unknown(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    _focus(main_window, qtbot, "创新")
    trigger(main_window, "Words ▸ Mark Word as Known")
    assert main_window.app.words.status("创新") is WordStatus.KNOWN
    trigger(main_window, "Words ▸ Mark Word as Unknown")
    assert main_window.app.words.status("创新") is not WordStatus.KNOWN


@pytest.mark.journey("Words ▸ Mark Remaining Words of Article as Known", "Edit ▸ Undo")
def test_mark_remaining_words_known_and_undo(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    words = main_window.app.words
    with on_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click()):
        trigger(main_window, "Words ▸ Mark Remaining Words of Article as Known")
    assert words.status("工业") is WordStatus.KNOWN
    trigger(main_window, "Edit ▸ Undo")
    assert words.status("工业") is not WordStatus.KNOWN


@pytest.mark.journey("Words ▸ Merge Selected Words", "Words ▸ Split Word…")
def test_merge_two_words_then_split_them_again(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    layout = main_window.view.layout_for(1)
    han = [index for index, box in enumerate(layout.boxes) if box.han]
    first, second = layout.boxes[han[0]].text, layout.boxes[han[1]].text
    assert han[1] == han[0] + 1
    select_words(main_window, qtbot, first_word(main_window, first), 2)
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        trigger(main_window, "Words ▸ Merge Selected Words")
    merged = first + second
    ref = first_word(main_window, merged)
    _focus(main_window, qtbot, merged)

    def split(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(f"{first} {second}")
        click(qtbot, dialog, "OK")

    with on_modal(split), qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        trigger(main_window, "Words ▸ Split Word…")
    texts = [box.text for box in main_window.view.layout_for(ref.row).boxes]
    assert merged not in texts and first in texts


@pytest.mark.journey("Words ▸ Open Deck…")
def test_open_deck_shows_the_deck_window_and_closes(main_window: MainWindow, qtbot: Any) -> None:
    main_window.app.deck.add("学习", "xue2 xi2", definition="to study")
    trigger(main_window, "Words ▸ Open Deck…")
    deck = main_window.findChild(DeckWindow)
    assert deck is not None and deck.isVisible() and deck.model.rowCount() == 1
    deck.close()


# -- the context menu --------------------------------------------------------------------------------------------------


def test_right_click_highlights_and_bookmarks(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    ref = first_word(main_window, "互联网")
    article_id = main_window.controller.article_id
    assert article_id is not None
    seen: list[list[str]] = []

    def highlight(menu: QWidget) -> None:
        seen.append(menu_item_texts(menu))
        choose_menu_item(qtbot, menu, "Add or Edit Note…")

    def note(dialog: QWidget) -> None:
        editor = dialog.findChild(QPlainTextEdit)
        assert editor is not None
        editor.setPlainText("a word to remember")
        click(qtbot, dialog, "OK")

    with on_modal(highlight, note):
        right_click_word(main_window, ref)
    highlights = main_window.app.annotations.list_highlights(article_id)
    assert [h.note for h in highlights] == ["a word to remember"]
    assert "Look Up Word" in seen[0] and "Toggle Bookmark" in seen[0]

    with on_modal(lambda menu: choose_menu_item(qtbot, menu, "Toggle Bookmark")):
        right_click_word(main_window, ref)
    assert main_window.app.annotations.list_bookmarks(article_id)


# -- annotate ----------------------------------------------------------------------------------------------------------


COLOURS = [("Yellow",), ("Green",), ("Blue",), ("Pink",), ("Purple",)]


@pytest.mark.parametrize(
    "colour", journey_params(COLOURS, lambda row: f"Annotate ▸ Highlight ▸ {row[0]}", lambda row: row[0])
)
def test_highlight_in_each_colour(main_window: MainWindow, qtbot: Any, colour: str) -> None:
    open_sample(main_window, qtbot)
    select_words(main_window, qtbot, first_word(main_window, "工业"), 3)
    trigger(main_window, f"Annotate ▸ Highlight ▸ {colour}")
    article_id = main_window.controller.article_id
    assert article_id is not None
    highlights = main_window.app.annotations.list_highlights(article_id)
    assert [h.colour for h in highlights] == [colour.lower()]


@pytest.mark.journey("Annotate ▸ Highlight ▸ Green", "Annotate ▸ Add or Edit Note…", "Annotate ▸ Remove Highlight")
def test_note_on_a_highlight_then_remove_it(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    article_id = main_window.controller.article_id
    assert article_id is not None
    _focus(main_window, qtbot, "互联网")
    trigger(main_window, "Annotate ▸ Highlight ▸ Green")

    def write(dialog: QWidget) -> None:
        editor = dialog.findChild(QPlainTextEdit)
        assert editor is not None
        editor.setPlainText("important")
        click(qtbot, dialog, "OK")

    with on_modal(write):
        trigger(main_window, "Annotate ▸ Add or Edit Note…")
    assert [h.note for h in main_window.app.annotations.list_highlights(article_id)] == ["important"]
    trigger(main_window, "Annotate ▸ Remove Highlight")
    assert main_window.app.annotations.list_highlights(article_id) == []


@pytest.mark.journey("Annotate ▸ Toggle Bookmark")
def test_toggle_bookmark_adds_and_removes(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    article_id = main_window.controller.article_id
    assert article_id is not None
    trigger(main_window, "Annotate ▸ Toggle Bookmark")
    assert len(main_window.app.annotations.list_bookmarks(article_id)) == 1
    trigger(main_window, "Annotate ▸ Toggle Bookmark")
    assert main_window.app.annotations.list_bookmarks(article_id) == []


@pytest.mark.journey("Annotate ▸ Highlight ▸ Yellow", "Annotate ▸ Export Highlights as Markdown…")
def test_export_highlights_as_markdown(
    main_window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_sample(main_window, qtbot)
    select_words(main_window, qtbot, first_word(main_window, "工业"), 2)
    trigger(main_window, "Annotate ▸ Highlight ▸ Yellow")
    target = tmp_path / "notes.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))
    with on_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click()):
        trigger(main_window, "Annotate ▸ Export Highlights as Markdown…")
    text = target.read_text(encoding="utf-8")
    assert "工业" in text and "gōngyè" in text
