"""Journeys through the deck window's menus: select rows with the mouse, edit, tag, delete, undo, export, close."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QWidget

from reader.core.store.words import WordStatus
from reader.ui.deck.model import DeckColumn
from reader.ui.deck.window import DeckWindow
from reader.ui.dialogs.export_deck import ExportDeckDialog
from reader.ui.dialogs.known_words import KnownWordsDialog
from reader.ui.main_window import MainWindow
from tests.ui.journey import click, journey_params, on_modal, open_sample, trigger, type_text

WAIT_MS = 60_000


@pytest.fixture
def deck_window(main_window: MainWindow, qtbot: Any) -> DeckWindow:
    """The deck window opened from Words ▸ Open Deck… on a deck of three words."""
    deck = main_window.app.deck
    deck.add("学习", "xue2 xi2", definition="to study", sentence="我们学习中文。")
    deck.add("图书馆", "tu2 shu1 guan3", definition="library", sentence="图书馆很大。")
    deck.add("银行", "yin2 hang2", definition="bank", sentence="银行在那边。")
    trigger(main_window, "Words ▸ Open Deck…")
    window = main_window.findChild(DeckWindow)
    assert window is not None
    qtbot.waitExposed(window)
    return window


def _row_of(window: DeckWindow, word: str) -> int:
    for row in range(window.model.rowCount()):
        if window.model.index(row, DeckColumn.WORD).data() == word:
            return row
    raise AssertionError(f"{word} is not listed")


def _click_row(window: DeckWindow, qtbot: Any, word: str, column: DeckColumn = DeckColumn.WORD) -> None:
    index = window.model.index(_row_of(window, word), column)
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _words(window: DeckWindow) -> set[str]:
    return {window.model.index(row, DeckColumn.WORD).data() for row in range(window.model.rowCount())}


@pytest.mark.journey("Deck window ▸ Edit ▸ Delete", "Deck window ▸ Edit ▸ Undo", "Deck window ▸ Edit ▸ Redo")
def test_delete_undo_redo(deck_window: DeckWindow, qtbot: Any) -> None:
    _click_row(deck_window, qtbot, "银行")
    trigger(deck_window, "Edit ▸ Delete")
    assert "银行" not in _words(deck_window)
    trigger(deck_window, "Edit ▸ Undo")
    assert "银行" in _words(deck_window)
    trigger(deck_window, "Edit ▸ Redo")
    assert "银行" not in _words(deck_window) and deck_window.app.deck.find("银行") == []


@pytest.mark.journey("Deck window ▸ Edit ▸ Copy")
def test_copy_the_selected_entry(deck_window: DeckWindow, qtbot: Any) -> None:
    _click_row(deck_window, qtbot, "学习")
    trigger(deck_window, "Edit ▸ Copy")
    assert QGuiApplication.clipboard().text().startswith("学习\txué xí\tto study")


@pytest.mark.journey("Deck window ▸ Edit ▸ Find…")
def test_find_filters_by_pinyin(deck_window: DeckWindow, qtbot: Any) -> None:
    trigger(deck_window, "Edit ▸ Find…")
    field = deck_window.filters.search_field
    assert field.hasFocus()
    type_text(qtbot, field, "tushu")
    qtbot.waitUntil(lambda: _words(deck_window) == {"图书馆"}, timeout=WAIT_MS)


STATUSES = [
    ("Mark as New", WordStatus.NEW),
    ("Mark as Learning", WordStatus.LEARNING),
    ("Mark as Known", WordStatus.KNOWN),
    ("Mark as Ignored", WordStatus.IGNORED),
]


@pytest.mark.parametrize(
    ("item", "status"),
    journey_params(STATUSES, lambda row: f"Deck window ▸ Entry ▸ {row[0]}", lambda row: row[1].value),
)
def test_mark_an_entry_with_each_status(deck_window: DeckWindow, qtbot: Any, item: str, status: WordStatus) -> None:
    if status is WordStatus.NEW:  # entries start new: make it something else first
        deck_window.app.deck.set_status([deck_window.app.deck.find("学习")[0].id], WordStatus.LEARNING)
        deck_window.refresh()
    _click_row(deck_window, qtbot, "学习")
    trigger(deck_window, f"Entry ▸ {item}")
    assert deck_window.app.deck.find("学习")[0].status is status


@pytest.mark.journey("Deck window ▸ Entry ▸ Add Tag…", "Deck window ▸ Entry ▸ Remove Tag…")
def test_add_and_remove_a_tag(deck_window: DeckWindow, qtbot: Any) -> None:
    _click_row(deck_window, qtbot, "学习")

    def add(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("hsk1")
        click(qtbot, dialog, "OK")

    with on_modal(add):
        trigger(deck_window, "Entry ▸ Add Tag…")
    assert deck_window.app.deck.find("学习")[0].tags == ("hsk1",)

    with on_modal(lambda dialog: click(qtbot, dialog, "OK")):
        trigger(deck_window, "Entry ▸ Remove Tag…")
    assert deck_window.app.deck.find("学习")[0].tags == ()


#: (menu item, column it edits, what is typed, the entry's attribute it changes)
EDITS = [
    ("Edit Definition", DeckColumn.DEFINITION, "to learn", "definition"),
    ("Edit Note", DeckColumn.NOTE, "from class", "note"),
    ("Edit Tags", DeckColumn.TAGS, "verbs", "tags"),
]


@pytest.mark.parametrize(
    ("item", "column", "typed", "attribute"),
    journey_params(EDITS, lambda row: f"Deck window ▸ Entry ▸ {row[0]}", lambda row: row[3]),
)
def test_edit_a_field_in_place(
    deck_window: DeckWindow, qtbot: Any, item: str, column: DeckColumn, typed: str, attribute: str
) -> None:
    _click_row(deck_window, qtbot, "学习")
    trigger(deck_window, f"Entry ▸ {item}")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit | QWidget)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # a line editor's Enter commits through a queued call

    def saved() -> bool:
        value = getattr(deck_window.app.deck.find("学习")[0], attribute)
        return (typed in value) if isinstance(value, tuple) else value == typed

    qtbot.waitUntil(saved)
    trigger(deck_window, "Edit ▸ Undo")
    value = getattr(deck_window.app.deck.find("学习")[0], attribute)
    assert typed not in value


@pytest.mark.journey("Deck window ▸ Entry ▸ Open in Article")
def test_open_in_article_shows_the_words_paragraph(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    article_id = main_window.controller.article_id
    main_window.app.deck.add("工业", "gong1 ye4", article_id=article_id, position=10, sentence="工业")
    trigger(main_window, "Words ▸ Open Deck…")
    window = main_window.findChild(DeckWindow)
    assert window is not None
    _click_row(window, qtbot, "工业")
    with qtbot.waitSignal(main_window.app.hub.open_article_requested, timeout=WAIT_MS) as blocker:
        trigger(window, "Entry ▸ Open in Article")
    assert blocker.args[0] == article_id
    trigger(window, "File ▸ Close")


@pytest.mark.journey("Deck window ▸ File ▸ Export Deck…", "Deck window ▸ File ▸ Close")
def test_export_from_the_deck_window_then_close_it(
    deck_window: DeckWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deck.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))

    def export(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDeckDialog)
        dialog.set_choice("csv")
        with qtbot.waitSignal(dialog.export_finished, timeout=WAIT_MS):
            click(qtbot, dialog, "Export…")
        click(qtbot, dialog, "Close")

    with on_modal(export):
        trigger(deck_window, "File ▸ Export Deck…")
    assert "图书馆" in target.read_text(encoding="utf-8-sig")
    trigger(deck_window, "File ▸ Close")
    assert not deck_window.isVisible()


@pytest.mark.journey("Deck window ▸ File ▸ Import Known Words…")
def test_import_known_words_from_the_deck_window(deck_window: DeckWindow, qtbot: Any) -> None:
    def close(dialog: QWidget) -> None:
        assert isinstance(dialog, KnownWordsDialog)
        click(qtbot, dialog, "Close")

    with on_modal(close):
        trigger(deck_window, "File ▸ Import Known Words…")
