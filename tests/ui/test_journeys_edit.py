"""Journeys through the Edit and Help menus: undo/redo, copy, find, library search, preferences, help."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QListWidget, QMessageBox, QWidget

from reader.core.pinyin.styles import PinyinStyle
from reader.core.store.words import WordStatus
from reader.ui.dialogs.library_search import LibrarySearchDialog
from reader.ui.dialogs.preferences import PreferencesDialog
from reader.ui.main_window import MainWindow
from reader.ui.settings import PinyinMode, Theme, TranslationPosition, ViewSettings, load_view_settings
from tests.ui.journey import click, click_word, first_word, on_modal, open_sample, select_words, trigger, type_text

WAIT_MS = 30_000


# -- undo, redo, copy --------------------------------------------------------------------------------------------------


@pytest.mark.journey("Words ▸ Mark Word as Known", "Edit ▸ Undo", "Edit ▸ Redo")
def test_undo_and_redo_a_word_marked_known(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    words = main_window.app.words
    ref = first_word(main_window, "互联网")
    click_word(main_window, qtbot, ref)
    qtbot.keyClick(main_window.word_actions.popup, Qt.Key.Key_Escape)
    trigger(main_window, "Words ▸ Mark Word as Known")
    assert words.status("互联网") is WordStatus.KNOWN
    trigger(main_window, "Edit ▸ Undo")
    assert words.status("互联网") is not WordStatus.KNOWN
    trigger(main_window, "Edit ▸ Redo")
    assert words.status("互联网") is WordStatus.KNOWN


@pytest.mark.journey("Edit ▸ Copy")
def test_copy_puts_the_selected_words_on_the_clipboard(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    select_words(main_window, qtbot, first_word(main_window, "工业"), 2)
    expected = main_window.view.selected_text()
    assert expected.startswith("工业") and len(expected) > 2
    trigger(main_window, "Edit ▸ Copy")
    assert QGuiApplication.clipboard().text() == expected


# -- find ------------------------------------------------------------------------------------------------------------


@pytest.mark.journey("Edit ▸ Find…", "Edit ▸ Find Next", "Edit ▸ Find Previous")
def test_find_by_pinyin_steps_through_the_matches_and_closes(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    bar = main_window.find_bar
    trigger(main_window, "Edit ▸ Find…")
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "gongye")
    qtbot.waitUntil(lambda: len(bar.matches) > 1)
    first = main_window.view.current_found
    trigger(main_window, "Edit ▸ Find Next")
    assert main_window.view.current_found == (first + 1) % len(bar.matches)
    trigger(main_window, "Edit ▸ Find Previous")
    assert main_window.view.current_found == first
    assert "of" in bar.count.text()
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and main_window.view.found == []


# -- library search --------------------------------------------------------------------------------------------------


@pytest.mark.journey("Edit ▸ Search Library…")
def test_search_library_opens_an_article_at_the_hit_and_closes_with_escape(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    trigger(main_window, "Edit ▸ Search Library…")
    dialog = main_window.findChild(LibrarySearchDialog)
    assert dialog is not None and dialog.isVisible()
    type_text(qtbot, dialog.field, "一带一路")
    results = dialog.findChild(QListWidget)
    assert results is not None
    qtbot.waitUntil(lambda: results.count() > 0, timeout=WAIT_MS)
    item = results.item(0)
    rect = results.visualItemRect(item)
    with qtbot.waitSignal(main_window.controller.article_shown, timeout=WAIT_MS):
        qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "一带一路" in main_window.model.article.text
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


@pytest.mark.journey("Edit ▸ Search Library…")
def test_search_library_typed_then_closed_runs_no_late_search(main_window: MainWindow, qtbot: Any) -> None:
    # The debounce timer fired after the dialog closed and queried a closed store (issue 12).
    trigger(main_window, "Edit ▸ Search Library…")
    dialog = main_window.findChild(LibrarySearchDialog)
    assert dialog is not None
    type_text(qtbot, dialog.field, "发展")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog._timer.isActive()


# -- preferences -------------------------------------------------------------------------------------------------------


def _preferences(handler: Any) -> Any:
    def handle(dialog: QWidget) -> None:
        assert isinstance(dialog, PreferencesDialog)
        handler(dialog)

    return handle


@pytest.mark.journey("Edit ▸ Preferences…")
def test_preferences_ok_with_nothing_changed_keeps_every_setting(main_window: MainWindow, qtbot: Any) -> None:
    # OK crashed: QComboBox.currentData() handed back a str for the StrEnum settings (issue 12).
    open_sample(main_window, qtbot)
    before = main_window.app.view_settings
    with on_modal(_preferences(lambda dialog: click(qtbot, dialog, "OK"))):
        trigger(main_window, "Edit ▸ Preferences…")
    after = main_window.app.view_settings
    assert after == before
    assert isinstance(after.pinyin_mode, PinyinMode) and isinstance(after.theme, Theme)


def _choose(combo: QComboBox, label_part: str) -> None:
    index = next(i for i in range(combo.count()) if label_part in combo.itemText(i))
    combo.setCurrentIndex(index)


@pytest.mark.journey("Edit ▸ Preferences…")
def test_preferences_every_setting_changed_is_applied_and_remembered(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    before = main_window.app.view_settings

    def change_everything(dialog: QWidget) -> None:
        combos = dialog.findChildren(QComboBox)
        labels = {combo.itemText(0): combo for combo in combos}
        _choose(labels["All words"], "don't know")
        _choose(labels["Tone marks (hǎo)"], "Zhuyin")
        _choose(labels["Follow the system"], "Dark")
        _choose(labels["Beside the paragraph when the window is wide enough"], "Always below")
        for box in dialog.findChildren(QCheckBox):
            box.click()  # every checkbox flips
        size = dialog.findChild(QDoubleSpinBox)
        assert size is not None
        size.setValue(before.font_size + 4)
        click(qtbot, dialog, "OK")

    with on_modal(_preferences(change_everything)):
        trigger(main_window, "Edit ▸ Preferences…")
    after = main_window.app.view_settings
    assert after.pinyin_mode is PinyinMode.UNKNOWN and after.pinyin_style is PinyinStyle.ZHUYIN
    assert after.theme is Theme.DARK and after.translation_position is TranslationPosition.BELOW
    assert after.font_size == before.font_size + 4
    for flag in ("tone_colors", "tone_sandhi", "citation_tones", "word_gaps", "show_translation"):
        assert getattr(after, flag) is not getattr(before, flag), flag
    assert main_window.main_actions.pinyin_modes[PinyinMode.UNKNOWN].isChecked()
    assert main_window.main_actions.style_actions[PinyinStyle.ZHUYIN].isChecked()
    assert load_view_settings(main_window.app.settings) == after  # remembered for the next start


@pytest.mark.journey("Edit ▸ Preferences…")
@pytest.mark.parametrize("key", ["Cancel", "Escape"])
def test_preferences_cancel_changes_nothing(main_window: MainWindow, qtbot: Any, key: str) -> None:
    before = main_window.app.view_settings

    def change_then_cancel(dialog: QWidget) -> None:
        _choose(dialog.findChildren(QComboBox)[0], "None")
        if key == "Cancel":
            click(qtbot, dialog, "Cancel")
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    with on_modal(_preferences(change_then_cancel)):
        trigger(main_window, "Edit ▸ Preferences…")
    assert main_window.app.view_settings == before
    assert isinstance(before, ViewSettings)


# -- help --------------------------------------------------------------------------------------------------------------


@pytest.mark.journey("Help ▸ Keyboard Shortcuts")
def test_keyboard_shortcuts_lists_the_menu_shortcuts(main_window: MainWindow, qtbot: Any) -> None:
    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert "Find" in box.text() and "Ctrl+F" in box.text()
        click(qtbot, box, "OK")

    with on_modal(read_and_close):
        trigger(main_window, "Help ▸ Keyboard Shortcuts")


@pytest.mark.journey("Help ▸ About Reader")
def test_about_names_the_data_reader_ships(main_window: MainWindow, qtbot: Any) -> None:
    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert "CC-CEDICT" in box.text()
        click(qtbot, box, "OK")

    with on_modal(read_and_close):
        trigger(main_window, "Help ▸ About Reader")
