"""Traditional characters in the window: View ▸ Characters, the default in Preferences, Find and the deck."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu

from reader.core.script import CharacterForm
from reader.ui.dialogs.preferences import PreferencesDialog
from reader.ui.main_window import MainWindow
from reader.ui.reading.view import WordRef

pytestmark = pytest.mark.gui

TAIWAN = "他還沒有回來。我們在臺灣學習中文，他看著我說話。"


def _menu_action(window: MainWindow, *path: str) -> QAction:
    """The action at ``path`` of visible menu texts (mnemonics ignored), e.g. View, Characters, Simplified."""
    actions = window.menuBar().actions()
    for depth, name in enumerate(path):
        action = next(a for a in actions if a.text().replace("&", "") == name)
        if depth == len(path) - 1:
            return action
        menu = action.menu()
        assert isinstance(menu, QMenu)
        actions = menu.actions()
    raise AssertionError(path)


def _paste(window: MainWindow, qtbot, text: str) -> int:  # type: ignore[no-untyped-def]
    QGuiApplication.clipboard().setText(text)
    with qtbot.waitSignal(window.controller.analysis_done, timeout=60_000):
        window.paste_article()
    assert window.controller.article_id is not None
    return window.controller.article_id


def _shown(window: MainWindow) -> str:
    return "".join(box.display for box in window.view.layout_for(0).boxes)


def _written(window: MainWindow) -> str:
    return "".join(box.text for box in window.view.layout_for(0).boxes)


def _word(window: MainWindow, text: str) -> WordRef:
    for index, box in enumerate(window.view.layout_for(0).boxes):
        if box.text == text:
            return WordRef(0, index)
    raise AssertionError(f"{text} not shown")


def test_characters_menu_shows_an_article_in_simplified_and_keeps_its_highlight(main_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    article_id = _paste(main_window, qtbot, TAIWAN)
    view = main_window.view
    view.select_range(_word(main_window, "學習"), _word(main_window, "學習"))
    main_window.annotation_actions.colour_actions[0].trigger()
    spans = [(h.start, h.end) for h in view.highlights]
    assert _menu_action(main_window, "View", "Characters", "As Written").isChecked()

    _menu_action(main_window, "View", "Characters", "Simplified").trigger()
    assert _shown(main_window).startswith("他还没有回来。我们在台湾学习中文")
    assert _written(main_window) == TAIWAN  # the stored text and its offsets do not change
    assert [(h.start, h.end) for h in view.highlights] == spans
    assert main_window.model.article.text[spans[0][0] : spans[0][1]] == "學習"
    assert next(box.syllables for box in view.layout_for(0).boxes if box.text == "還") == [("hái", 2)]

    _menu_action(main_window, "View", "Characters", "Traditional (Hong Kong)").trigger()
    assert "説話" in _shown(main_window)  # Hong Kong standard 説

    # The choice belongs to this article: another one opens as written, this one comes back converted.
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        main_window.open_sample()
    assert _menu_action(main_window, "View", "Characters", "As Written").isChecked()
    with qtbot.waitSignal(main_window.controller.article_shown, timeout=30_000):
        main_window.controller.open_article(article_id)
    assert _menu_action(main_window, "View", "Characters", "Traditional (Hong Kong)").isChecked()
    assert "説話" in _shown(main_window)


def test_preferences_default_shows_a_simplified_article_in_traditional(main_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    def choose_taiwan() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreferencesDialog)
        dialog.characters.setCurrentIndex(list(CharacterForm).index(CharacterForm.TAIWAN))
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(200, choose_taiwan)
    _menu_action(main_window, "Edit", "Preferences…").trigger()
    assert main_window.app.view_settings.characters is CharacterForm.TAIWAN
    _paste(main_window, qtbot, "我们在学习中文。")
    assert _menu_action(main_window, "View", "Characters", "Traditional (Taiwan)").isChecked()
    assert _shown(main_window) == "我們在學習中文。"
    assert _written(main_window) == "我们在学习中文。"


def test_find_matches_across_scripts(main_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _paste(main_window, qtbot, TAIWAN)
    _menu_action(main_window, "Edit", "Find…").trigger()
    bar = main_window.find_bar
    qtbot.keyClicks(bar.field, "学习")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 1", timeout=5_000)
    match = bar.matches[0]
    assert main_window.model.article.text[match.start : match.end] == "學習"


def test_adding_a_traditional_particle_stores_its_entry_in_both_scripts(main_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _paste(main_window, qtbot, "他看著我。")
    ref = _word(main_window, "著") if any(b.text == "著" for b in main_window.view.layout_for(0).boxes) else None
    ref = ref or _word(main_window, "看著")
    main_window.view.set_focus_word(ref)
    _menu_action(main_window, "Words", "Add to Deck").trigger()
    (entry,) = main_window.app.deck.query()
    assert (entry.traditional, entry.pinyin.split()[-1]) == (entry.traditional, "zhe5")
    assert entry.simplified.endswith("着") and entry.traditional.endswith("著")
    assert "wear" not in entry.definition
