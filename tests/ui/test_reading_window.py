"""The reading window: the sample opens with pinyin above words, toggles change the drawing, the pop-up works."""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter

from reader.core.chars import NO_LINE_START, is_han
from reader.ui.main_window import MainWindow
from reader.ui.popup import WordPopup
from reader.ui.reading.view import WordRef
from reader.ui.settings import PinyinMode

pytestmark = pytest.mark.gui


def _open_sample(window: MainWindow, qtbot) -> None:
    with qtbot.waitSignal(window.controller.analysis_done, timeout=60_000):
        window.files.open_sample()


def _all_rows(window: MainWindow):
    return [window.view.layout_for(row) for row in range(window.view.row_count())]


def test_sample_opens_with_its_three_articles_in_the_library(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    titles = [summary.title for summary in main_window.app.library.list_articles()]
    assert {"促进工业互联网创新发展", "持续高质量共建“一带一路”"} <= set(titles)
    assert len(titles) == 3
    assert main_window.header.title_label.text() == "促进工业互联网创新发展"


def test_every_han_word_has_its_pinyin_above_it(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    for layout in _all_rows(main_window):
        for box in layout.boxes:
            if box.han:
                assert box.syllables is not None
                assert len(box.syllables) == sum(is_han(char) for char in box.text)
                assert box.pinyin_width > 0
            else:
                assert box.syllables is None


def test_lines_break_only_between_words_and_never_before_closing_marks(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    model = main_window.model
    for row, layout in enumerate(_all_rows(main_window)):
        tokens = [token.text for sentence in model.block(row).sentences for token in sentence.tokens]
        assert [box.text for box in layout.boxes] == tokens  # one box per word: no word is cut
        for line in layout.lines[1:]:
            assert layout.boxes[line.first].text[:1] not in NO_LINE_START
        for box in layout.boxes:
            assert (
                box.x + box.width <= layout.chinese_width + 1
                or layout.lines[box.line].first == layout.lines[box.line].last - 1
            )


def test_pinyin_toggle_removes_the_pinyin_row(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    with_pinyin = main_window.view.layout_for(1).line_height
    main_window.view_options.set_pinyin_mode(PinyinMode.OFF)
    layout = main_window.view.layout_for(1)
    assert all(box.syllables is None for box in layout.boxes)
    assert layout.line_height < with_pinyin
    assert main_window.app.view_settings.pinyin_mode is PinyinMode.OFF


def test_unknown_only_mode_hides_pinyin_of_known_words(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    main_window.app.words.mark(["工业"], main_window.app.words.status("工业").__class__("known"))
    main_window.app.hub.word_status_changed.emit()
    main_window.view_options.set_pinyin_mode(PinyinMode.UNKNOWN)
    boxes = [box for layout in _all_rows(main_window) for box in layout.boxes if box.han]
    assert all(box.syllables is None for box in boxes if box.text == "工业")
    assert any(box.syllables for box in boxes if box.text == "互联网")


def test_translation_toggle_and_reference_label(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    qtbot.waitUntil(lambda: main_window.model.block(1).translation is not None, timeout=10_000)
    first = main_window.view.layout_for(0)
    assert first.translation is not None and first.label == "REFERENCE TRANSLATION"
    main_window.main_actions["show_translation"].setChecked(False)
    assert main_window.view.layout_for(0).translation is None


def test_zoom_scales_hanzi_and_pinyin_together(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    before = main_window.view.context
    main_window.view_options.zoom(1)
    after = main_window.view.context
    assert after.body.font.pointSizeF() > before.body.font.pointSizeF()
    assert after.pinyin.font.pointSizeF() > before.pinyin.font.pointSizeF()
    main_window.view_options.zoom(0)
    assert main_window.view.context.body.font.pointSizeF() == pytest.approx(20.0)


def _click_word(window: MainWindow, qtbot, ref: WordRef) -> None:
    window.view.ensure_visible(ref)
    center = window.view.word_rect(ref).center().toPoint()
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def _first_word(window: MainWindow, text: str) -> WordRef:
    for row in range(window.view.row_count()):
        for index, box in enumerate(window.view.layout_for(row).boxes):
            if box.text == text:
                return WordRef(row, index)
    raise AssertionError(f"{text} not shown")


def test_click_opens_the_popup_for_that_word_and_esc_closes_it(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    ref = _first_word(main_window, "互联网")
    _click_word(main_window, qtbot, ref)
    popup = main_window.word_actions.popup
    qtbot.waitUntil(popup.isVisible)
    assert popup.word == "互联网"
    assert "互联网" in popup.card.text()
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())


def test_popup_arrows_move_to_the_next_word_and_no_popup_leaks(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    ref = _first_word(main_window, "工业")
    _click_word(main_window, qtbot, ref)
    popup = main_window.word_actions.popup
    qtbot.waitUntil(popup.isVisible)
    first = popup.word
    qtbot.keyClick(popup, Qt.Key.Key_Right)
    assert popup.word != first
    for _ in range(5):
        qtbot.keyClick(popup, Qt.Key.Key_Right)
    assert len(main_window.findChildren(WordPopup)) == 1
    qtbot.keyClick(popup, Qt.Key.Key_Escape)


def test_keyboard_focus_and_enter_open_the_popup(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    view = main_window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.focus_word is not None
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(main_window.word_actions.popup.isVisible)
    assert main_window.word_actions.popup.word == view.layout_for(view.focus_word.row).boxes[view.focus_word.box].text
    main_window.word_actions.popup.close()


def test_add_to_deck_saves_word_sentence_and_translation(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    qtbot.waitUntil(lambda: main_window.model.block(1).translation is not None, timeout=10_000)
    ref = _first_word(main_window, "互联网")
    _click_word(main_window, qtbot, ref)
    main_window.word_actions.add_to_deck()
    entries = main_window.app.deck.find("互联网")
    assert len(entries) == 1
    assert entries[0].pinyin == "hu4 lian2 wang3"
    assert "互联网" in entries[0].sentence
    assert entries[0].sentence_translation
    main_window.undo_stack.undo()
    assert main_window.app.deck.find("互联网") == []


def test_long_article_scrolls_to_the_end(main_window: MainWindow, qtbot, tmp_path) -> None:
    from tests.conftest import SAMPLE

    long_text = tmp_path / "long.txt"
    long_text.write_text("\n\n".join([SAMPLE.read_text(encoding="utf-8")] * 6), encoding="utf-8")
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=120_000):
        main_window.files.open_files([long_text])
    view = main_window.view
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: view.row_count() - 1 in view.visible_rows())
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    view.viewport().render(image, QPoint(0, 0))
    assert not image.isNull()


def test_painting_does_not_lower_the_refcount_of_none(main_window: MainWindow, qtbot) -> None:
    """PySide6 6.12.0 on Python 3.11 lost a reference to None in every QPainter call (FACTS.md).

    Hundreds of thousands of painter calls would take None's count to zero and abort the interpreter; here the
    count must stay put (allowing for a few objects freed by the garbage collector meanwhile).
    """
    _open_sample(main_window, qtbot)
    view = main_window.view
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)

    def paint_screen() -> None:
        painter = QPainter(image)
        for row in view.visible_rows():
            view._painter.paint(painter, view.layout_for(row), view.context, view.colors, _state())
        painter.end()

    paint_screen()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(300):  # about 300,000 painter calls
        paint_screen()
    gc.collect()
    assert sys.getrefcount(None) >= before - 20


def _state():
    from reader.ui.reading.painter import RowState

    return RowState()


def test_spoken_tones_change_yi_and_bu_only_when_asked(main_window: MainWindow, qtbot) -> None:
    QGuiApplication.clipboard().setText("我不去。一个人也不要。")
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=30_000):
        main_window.files.paste_article()

    def readings() -> list[tuple[str, int]]:
        boxes = main_window.view.layout_for(0).boxes
        return [(box.text, tone) for box in boxes if box.syllables for _, tone in box.syllables]

    dictionary_tones = readings()
    assert ("不", 4) in dictionary_tones and ("一个", 1) in dictionary_tones
    main_window.main_actions["tone_sandhi"].setChecked(True)
    spoken = readings()
    assert ("不", 2) in spoken  # 不 before a fourth tone (去)
    assert ("一个", 2) in spoken  # 一 before a fourth tone (个)
    main_window.main_actions["tone_sandhi"].setChecked(False)
    assert readings() == dictionary_tones


def _ink(image: QImage) -> set[tuple[int, int]]:
    """The pixels that are not the white background."""
    white = 0xFFFFFFFF
    return {(x, y) for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) != white}


def test_recorded_words_look_like_words_drawn_directly_and_are_recorded_once(main_window: MainWindow, qtbot) -> None:
    """A row's words are recorded once as a picture: replaying it draws what drawing them box by box draws."""
    _open_sample(main_window, qtbot)
    view = main_window.view
    row = next(r for r in range(view.row_count()) if len(view.layout_for(r).boxes) > 20)
    layout = view.layout_for(row)
    images = []
    for direct in (True, False):
        image = QImage(int(layout.width) + 4, int(layout.height) + 4, QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        if direct:
            view._painter._draw_words(painter, layout, view.context, view.colors)
        else:
            painter.drawPicture(0, 0, view._painter._recorded_words(layout, view.context, view.colors))
        painter.end()
        images.append(_ink(image))
    direct_ink, replayed_ink = images
    assert len(direct_ink) > 1000  # hanzi and pinyin were drawn
    assert len(direct_ink ^ replayed_ink) < 0.02 * len(direct_ink)  # only a dotted line's phase may differ
    picture = view._painter._recorded_words(layout, view.context, view.colors)
    assert view._painter._recorded_words(layout, view.context, view.colors) is picture  # hover repaints replay it
    view.invalidate_rows(row, row)  # the words changed (a status, a reading): a new layout is recorded anew
    assert view._painter._recorded_words(view.layout_for(row), view.context, view.colors) is not picture


def test_a_new_window_keeps_the_saved_pinyin_mode(app_context, qtbot) -> None:
    # Preferences saved "unknown words only" after the toolbar switch last showed all words: building the
    # window's actions used to run the switch's slot and bring back "all words".
    app_context.view_settings = app_context.view_settings.with_changes(pinyin_mode=PinyinMode.UNKNOWN)
    app_context.settings.setValue("view/last_pinyin_mode", PinyinMode.ALL.value)
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    assert app_context.view_settings.pinyin_mode is PinyinMode.UNKNOWN
    assert window.main_actions.pinyin_modes[PinyinMode.UNKNOWN].isChecked()
    assert window.main_actions["toggle_pinyin"].isChecked()
