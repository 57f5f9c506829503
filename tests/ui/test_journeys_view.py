"""Journeys through the View menu: each item changes what the reading view draws and is remembered."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFontDialog

from reader.core.pinyin.styles import PinyinStyle
from reader.ui.main_window import MainWindow
from reader.ui.settings import PinyinMode, TranslationPosition, load_view_settings
from tests.ui.journey import journey_params, open_sample, trigger

#: (menu path, the setting it sets, the value it sets) for the items that choose one of several values.
CHOICES = [
    ("View ▸ Pinyin ▸ Pinyin for Unknown Words Only", "pinyin_mode", PinyinMode.UNKNOWN),
    ("View ▸ Pinyin ▸ No Pinyin", "pinyin_mode", PinyinMode.OFF),
    ("View ▸ Pinyin ▸ Pinyin for All Words", "pinyin_mode", PinyinMode.ALL),
    ("View ▸ Pinyin ▸ Tone Numbers (hao3)", "pinyin_style", PinyinStyle.NUMBERS),
    ("View ▸ Pinyin ▸ Zhuyin (ㄏㄠˇ)", "pinyin_style", PinyinStyle.ZHUYIN),
    ("View ▸ Pinyin ▸ Tone Marks (hǎo)", "pinyin_style", PinyinStyle.MARKS),
    ("View ▸ Translation Position ▸ Always Below", "translation_position", TranslationPosition.BELOW),
    ("View ▸ Translation Position ▸ Always Beside", "translation_position", TranslationPosition.BESIDE),
    ("View ▸ Translation Position ▸ Beside When Wide Enough", "translation_position", TranslationPosition.AUTO),
]

#: (menu path, the on/off setting it flips) for the checkable items.
TOGGLES = [
    ("View ▸ Pinyin ▸ Tone Colours", "tone_colors"),
    ("View ▸ Pinyin ▸ Spoken Tones (Tone Sandhi)", "tone_sandhi"),
    ("View ▸ Pinyin ▸ Citation Tones (zhīshí, not zhīshi)", "citation_tones"),
    ("View ▸ Show Translation", "show_translation"),
    ("View ▸ Gaps Between Words", "word_gaps"),
]


def _first_pinyin(window: MainWindow) -> str:
    for row in range(window.view.row_count()):
        for box in window.view.layout_for(row).boxes:
            if box.syllables:
                return " ".join(text for text, _tone in box.syllables)
    return ""


@pytest.mark.parametrize(
    ("path", "name", "value"), journey_params(CHOICES, lambda row: row[0], lambda row: row[0].split(" ▸ ")[-1])
)
def test_a_choice_item_sets_the_view_and_is_remembered(
    main_window: MainWindow, qtbot: Any, path: str, name: str, value: object
) -> None:
    open_sample(main_window, qtbot)
    trigger(main_window, path)
    assert getattr(main_window.app.view_settings, name) == value
    assert getattr(load_view_settings(main_window.app.settings), name) == value


@pytest.mark.parametrize(("path", "name"), journey_params(TOGGLES, lambda row: row[0], lambda row: row[1]))
def test_a_toggle_item_flips_its_setting_and_back(main_window: MainWindow, qtbot: Any, path: str, name: str) -> None:
    open_sample(main_window, qtbot)
    before = getattr(main_window.app.view_settings, name)
    trigger(main_window, path)
    assert getattr(main_window.app.view_settings, name) is (not before)
    trigger(main_window, path)
    assert getattr(main_window.app.view_settings, name) is before


@pytest.mark.journey("View ▸ Pinyin ▸ Zhuyin (ㄏㄠˇ)", "View ▸ Pinyin ▸ Tone Numbers (hao3)")
def test_pinyin_style_changes_what_is_drawn_above_the_words(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    marks = _first_pinyin(main_window)
    trigger(main_window, "View ▸ Pinyin ▸ Tone Numbers (hao3)")
    numbers = _first_pinyin(main_window)
    trigger(main_window, "View ▸ Pinyin ▸ Zhuyin (ㄏㄠˇ)")
    zhuyin = _first_pinyin(main_window)
    assert numbers[-1].isdigit() and not marks[-1].isdigit()
    assert any("\u3105" <= char <= "\u312f" for char in zhuyin)


@pytest.mark.journey("View ▸ Show Pinyin")
def test_show_pinyin_hides_and_brings_back_the_last_mode(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    trigger(main_window, "View ▸ Show Pinyin")
    assert main_window.app.view_settings.pinyin_mode is PinyinMode.OFF and _first_pinyin(main_window) == ""
    trigger(main_window, "View ▸ Show Pinyin")
    assert main_window.app.view_settings.pinyin_mode is PinyinMode.ALL and _first_pinyin(main_window)


@pytest.mark.journey("View ▸ Zoom In", "View ▸ Zoom Out", "View ▸ Actual Size")
def test_zoom_in_out_and_back_to_actual_size(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    size = main_window.app.view_settings.font_size
    trigger(main_window, "View ▸ Zoom In")
    assert main_window.app.view_settings.font_size > size
    trigger(main_window, "View ▸ Zoom Out")
    trigger(main_window, "View ▸ Zoom Out")
    assert main_window.app.view_settings.font_size < size
    trigger(main_window, "View ▸ Actual Size")
    assert main_window.app.view_settings.font_size == size


@pytest.mark.journey("View ▸ Chinese Font…")
def test_chinese_font_applies_the_chosen_family(
    main_window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The font picker is the platform's own dialog: answered here as a person would answer it.
    monkeypatch.setattr(
        QFontDialog, "getFont", staticmethod(lambda *args, **kwargs: (True, QFont("Noto Serif CJK SC")))
    )
    trigger(main_window, "View ▸ Chinese Font…")
    assert main_window.app.view_settings.font_family == "Noto Serif CJK SC"


@pytest.mark.journey("View ▸ Library", "View ▸ Details")
def test_the_panels_hide_and_show(main_window: MainWindow, qtbot: Any) -> None:
    for path, dock in (("View ▸ Library", main_window.library_dock), ("View ▸ Details", main_window.side_dock)):
        assert dock.isVisible()
        trigger(main_window, path)
        assert not dock.isVisible()
        trigger(main_window, path)
        assert dock.isVisible()


@pytest.mark.journey("View ▸ Full Screen")
def test_full_screen_and_back(main_window: MainWindow, qtbot: Any) -> None:
    trigger(main_window, "View ▸ Full Screen")
    qtbot.waitUntil(main_window.isFullScreen)
    trigger(main_window, "View ▸ Full Screen")
    qtbot.waitUntil(lambda: not main_window.isFullScreen())
