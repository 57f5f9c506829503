"""View ▸ Pinyin ▸ Citation Tones: every character's own tone instead of neutral tones inside words."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from reader.ui.dialogs.preferences import PreferencesDialog
from reader.ui.main_window import MainWindow
from reader.ui.reading.layout import LayoutContext, build_boxes
from reader.ui.settings import ViewSettings, load_view_settings, save_view_settings, settings_store

pytestmark = pytest.mark.gui

SENTENCE = "我弟弟的知识很多。"


def _paste(main_window: MainWindow, qtbot, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=30_000):
        main_window.files.paste_article()


def _tones(main_window: MainWindow) -> dict[str, list[int]]:
    """The tones shown over each word of the first paragraph."""
    boxes = main_window.view.layout_for(0).boxes
    return {box.text: [tone for _, tone in box.syllables] for box in boxes if box.syllables}


def test_citation_tones_replace_neutral_tones_inside_words(main_window: MainWindow, qtbot) -> None:
    _paste(main_window, qtbot, SENTENCE)
    dictionary = _tones(main_window)
    assert dictionary["知识"] == [1, 5] and dictionary["弟弟"] == [4, 5]
    main_window.main_actions["citation_tones"].setChecked(True)
    citation = _tones(main_window)
    assert citation["知识"] == [1, 2]
    assert citation["弟弟"] == [4, 4]
    assert main_window.app.view_settings.citation_tones


def test_citation_tones_keep_particles_neutral(main_window: MainWindow, qtbot) -> None:
    _paste(main_window, qtbot, SENTENCE)
    main_window.main_actions["citation_tones"].setChecked(True)
    boxes = main_window.view.layout_for(0).boxes
    de = next(box for box in boxes if box.text == "的")
    assert de.syllables is not None and [(text, tone) for text, tone in de.syllables] == [("de", 5)]


def test_turning_citation_tones_off_restores_dictionary_tones(main_window: MainWindow, qtbot) -> None:
    _paste(main_window, qtbot, SENTENCE)
    dictionary = _tones(main_window)
    main_window.main_actions["citation_tones"].setChecked(True)
    main_window.main_actions["citation_tones"].setChecked(False)
    assert _tones(main_window) == dictionary


def test_citation_tones_come_before_tone_sandhi(main_window: MainWindow, qtbot) -> None:
    # 姐姐 is jie3 jie5 in the dictionary: only with the restored jie3 does the 3-3 sandhi make the first jie2.
    _paste(main_window, qtbot, "我姐姐来了。")
    main_window.main_actions["tone_sandhi"].setChecked(True)
    assert _tones(main_window)["姐姐"] == [3, 5]
    main_window.main_actions["citation_tones"].setChecked(True)
    assert _tones(main_window)["姐姐"] == [2, 3]


def test_citation_tones_do_nothing_without_char_readings(main_window: MainWindow, qtbot) -> None:
    _paste(main_window, qtbot, SENTENCE)
    settings = ViewSettings(citation_tones=True)
    context = LayoutContext(settings, "", QApplication.font())
    hanzi = context.body
    boxes = build_boxes(main_window.model.block(0), context, hanzi)
    shown = {box.text: [tone for _, tone in box.syllables] for box in boxes if box.syllables}
    assert shown["知识"] == [1, 5]


def test_citation_tones_setting_survives_a_restart(tmp_path) -> None:
    store = settings_store(tmp_path)
    save_view_settings(store, ViewSettings(citation_tones=True))
    assert load_view_settings(settings_store(tmp_path)).citation_tones


def test_settings_saved_before_citation_tones_existed_load_with_it_off(tmp_path) -> None:
    store = settings_store(tmp_path)
    save_view_settings(store, ViewSettings(tone_sandhi=True))
    store.remove("view/citation_tones")
    store.sync()
    loaded = load_view_settings(settings_store(tmp_path))
    assert loaded.tone_sandhi and not loaded.citation_tones


def test_preferences_dialog_returns_citation_tones(qtbot) -> None:
    dialog = PreferencesDialog(ViewSettings())
    qtbot.addWidget(dialog)
    assert not dialog.citation_tones.isChecked()
    dialog.citation_tones.setChecked(True)
    assert dialog.settings().citation_tones
    assert not dialog.settings().tone_sandhi


def test_preferences_turn_citation_tones_on_in_the_menu(main_window: MainWindow) -> None:
    main_window.view_options.apply_settings(main_window.app.view_settings.with_changes(citation_tones=True))
    assert main_window.main_actions["citation_tones"].isChecked()
    assert main_window.app.view_settings.citation_tones
