"""Correcting a reading: the pop-up lists the word's readings, Add to Deck saves the chosen one, Correct Reading
keeps it in the text (here or everywhere, undoable, after a restart), and the deck window edits a pinyin cell."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from reader.core.paths import UserPaths
from reader.core.services import build_services
from reader.core.store.reading_corrections import load_reading_corrections, share_file_for
from reader.ui.context import AppContext
from reader.ui.deck.model import DeckColumn
from reader.ui.deck.window import DeckWindow
from reader.ui.main_window import MainWindow
from tests.ui.test_reading_window import _click_word, _first_word, _open_sample

pytestmark = pytest.mark.gui


def _readings_of(window: MainWindow, word: str) -> list[list[str | None] | None]:
    article = window.model.article if window.model else None
    assert article is not None
    return [
        token.pinyin
        for block in article.blocks
        for sentence in block.sentences
        for token in sentence.tokens
        if token.text == word
    ]


def _popup_for(window: MainWindow, qtbot, word: str):
    _click_word(window, qtbot, _first_word(window, word))
    popup = window.word_actions.popup
    qtbot.waitUntil(popup.isVisible)
    assert popup.word == word
    return popup


def test_the_popup_lists_readings_and_add_to_deck_saves_the_chosen_one(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    popup = _popup_for(main_window, qtbot, "和")
    box = popup.reading_box
    assert box.itemData(0) == "he2"  # the reading in the text first
    assert box.findData("huo4") > 0  # the dictionary's other readings follow, even the second-listed ones
    box.setCurrentIndex(box.findData("huo4"))
    qtbot.mouseClick(popup.add_button, Qt.MouseButton.LeftButton)
    assert [entry.pinyin for entry in main_window.app.deck.find("和")] == ["huo4"]


def test_correct_reading_everywhere_rereads_the_article_and_survives_a_restart(
    main_window: MainWindow, app_context: AppContext, qtbot
) -> None:
    _open_sample(main_window, qtbot)
    popup = _popup_for(main_window, qtbot, "和")
    popup.reading_box.setCurrentIndex(popup.reading_box.findData("hu2"))
    qtbot.mouseClick(popup.everywhere_box, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        qtbot.mouseClick(popup.correct_button, Qt.MouseButton.LeftButton)
    readings = _readings_of(main_window, "和")
    assert len(readings) > 10 and all(reading == ["hu2"] for reading in readings)
    assert "和\thu2" in share_file_for(app_context.paths.home).read_text(encoding="utf-8")
    # After a restart: new services read the stored corrections.
    restarted = build_services(UserPaths(app_context.paths.home))
    restarted.analyzer.segmenter = app_context.services.segmenter  # jieba is slow to load: share it
    load_reading_corrections(app_context.store, restarted.analyzer, app_context.paths.home)
    words, found = restarted.analyzer.words_and_readings("我和你。")
    assert found[words.index("和")] == ["hu2"]
    # Undo takes the correction back.
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        main_window.undo_stack.undo()
    assert all(reading != ["hu2"] for reading in _readings_of(main_window, "和"))


def test_correct_reading_here_changes_only_that_occurrence(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    popup = _popup_for(main_window, qtbot, "和")
    popup.reading_box.setCurrentIndex(popup.reading_box.findData("he4"))
    assert not popup.everywhere_box.isChecked()
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        qtbot.mouseClick(popup.correct_button, Qt.MouseButton.LeftButton)
    readings = _readings_of(main_window, "和")
    assert readings[0] == ["he4"]
    assert all(reading == ["he2"] for reading in readings[1:5])


def test_pinyin_is_edited_in_the_deck_window(app_context: AppContext, qtbot) -> None:
    entry = app_context.deck.add("和", "he2", definition="and")
    window = DeckWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    index = window.model.index(window.model.ids.index(entry.id), DeckColumn.PINYIN)
    window.table.setCurrentIndex(index)
    window.table.edit(index)
    editor = window.table.findChild(QLineEdit)
    assert editor is not None and editor.text() == "hé"
    editor.setText("huò")
    with qtbot.waitSignal(app_context.hub.deck_changed):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert app_context.deck.get(entry.id).pinyin == "huo4"
    window.undo_stack.undo()
    assert app_context.deck.get(entry.id).pinyin == "he2"
    window.close()
