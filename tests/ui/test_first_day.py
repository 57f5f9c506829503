"""What a learner meets on the first day: one language-pack hint, the imported article waiting, no blank pane."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QPlainTextEdit, QWidget

from reader.cli import main
from reader.core.model import Article, Block, BlockKind
from reader.core.store.library import Library
from reader.ui.app import article_to_resume, start_session
from reader.ui.deck.window import DeckWindow
from reader.ui.dialogs.pack_manager import PackManagerDialog
from reader.ui.main_window import MainWindow
from reader.ui.reading.view import WordRef
from tests.ui.journey import (
    choose_menu_item,
    click,
    first_word,
    menu_item_texts,
    on_modal,
    right_click_word,
    trigger,
)

WAIT_MS = 60_000
TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
NO_REFERENCE = "我们今天去图书馆看书。\n\n……\n\n明天还要去吗？\n\n图书馆很安静。"


def _paste(window: MainWindow, qtbot: Any, text: str) -> None:
    with qtbot.waitSignal(window.controller.analysis_done, timeout=WAIT_MS):
        window.controller.import_text(text)
    qtbot.waitUntil(lambda: not window.app.dispatcher.busy, timeout=WAIT_MS)


# -- the language-pack hint --------------------------------------------------------------------------------------------


def test_missing_pack_is_said_once_in_a_bar_not_beside_each_paragraph(main_window: MainWindow, qtbot: Any) -> None:
    assert not main_window.app.services.translator.available
    _paste(main_window, qtbot, NO_REFERENCE)
    rows = main_window.model.rowCount()
    assert rows >= 2
    assert main_window.pack_hint.isVisible()
    placeholders = [main_window.view.translation_info[row].placeholder for row in range(rows)]
    assert placeholders == [""] * rows  # not even beside "……"


def test_the_bar_button_opens_language_packs_and_dismiss_hides_it(main_window: MainWindow, qtbot: Any) -> None:
    _paste(main_window, qtbot, NO_REFERENCE)
    bar = main_window.pack_hint

    def close_packs(dialog: QWidget) -> None:
        assert isinstance(dialog, PackManagerDialog)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
        click(qtbot, dialog, "Close")

    with on_modal(close_packs):
        click(qtbot, bar, "Language Packs…")
    click(qtbot, bar, "Dismiss")
    assert not bar.isVisible()
    _paste(main_window, qtbot, "另一篇文章的内容。")  # another article: still dismissed for this session
    assert not bar.isVisible()


def test_no_bar_for_an_article_with_its_reference_translation(main_window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        main_window.files.open_sample()
    qtbot.waitUntil(lambda: not main_window.app.dispatcher.busy, timeout=WAIT_MS)
    assert not main_window.pack_hint.isVisible()


# -- what the window shows at start-up ---------------------------------------------------------------------------------


def test_window_opens_on_the_article_reader_import_just_added(
    main_window: MainWindow, qtbot: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = main_window.app
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        main_window.files.open_sample()  # read something first: it becomes the last opened article
    qtbot.waitUntil(lambda: not app.dispatcher.busy, timeout=WAIT_MS)
    main_window.controller.flush()
    path = tmp_path / "新课文.txt"
    path.write_text("新的课文\n\n今天我们学习新的课文。\n", encoding="utf-8")
    assert main(["--data-dir", str(app.paths.home), "import", str(path)]) == 0
    capsys.readouterr()
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        start_session(main_window, [])
    qtbot.waitUntil(lambda: not app.dispatcher.busy, timeout=WAIT_MS)
    assert main_window.header.title_label.text() == "新的课文"


T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([], None),  # empty library: the caller opens the sample
        ([("import", "a")], "a"),  # imported (by `reader import`), never opened
        ([("import", "a"), ("import", "b")], "b"),  # the newest import
        ([("import", "a"), ("open", "a"), ("import", "b")], "b"),  # imported after the last reading
        ([("import", "a"), ("import", "b"), ("open", "a")], "a"),  # opened after the last import
        ([("import", "a"), ("import", "b"), ("open", "b"), ("open", "a")], "a"),  # the last one read
    ],
)
def test_article_to_resume(store: Any, events: list[tuple[str, str]], expected: str | None) -> None:
    ticks = iter(T0 + timedelta(minutes=minute) for minute in range(100))
    library = Library(store, clock=lambda: next(ticks))
    ids: dict[str, int] = {}
    for event, name in events:
        if event == "import":
            text = f"第{len(ids) + 1}篇文章。{name}"
            ids[name] = library.add_article(Article(name, [Block(BlockKind.PARAGRAPH, text)]))
        else:
            library.mark_opened(ids[name])
    assert article_to_resume(library) == (ids[expected] if expected else None)


def test_empty_pane_says_what_to_do(main_window: MainWindow, qtbot: Any) -> None:
    view = main_window.view
    assert view.row_count() == 0
    assert "File ▸ Open…" in view.empty_hint
    image = view.viewport().grab().toImage()
    background = view.colors.background.rgb()
    drawn = {
        image.pixel(x, y)
        for x in range(0, image.width(), 3)
        for y in range(image.height() // 2 - 40, image.height() // 2 + 40)
    }
    assert drawn - {background}, "the hint is not drawn"


# -- the reading view's right-click menu -------------------------------------------------------------------------------


def right_click_menu(window: MainWindow, qtbot: Any, ref: WordRef, choose: str) -> list[str]:
    """Right-click the word at ``ref``, click the menu item ``choose``, and return the menu's items."""
    seen: list[str] = []

    def use(menu: QWidget) -> None:
        seen.extend(menu_item_texts(menu))
        choose_menu_item(qtbot, menu, choose)

    with on_modal(use):
        right_click_word(window, ref)
    return seen


def test_right_click_offers_open_in_deck_for_a_word_already_in_the_deck(main_window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        main_window.files.open_sample()
    deck = main_window.app.deck
    ref = first_word(main_window, "互联网")
    qtbot.waitUntil(lambda: main_window.model.block(ref.row).translation is not None, timeout=WAIT_MS)
    items = right_click_menu(main_window, qtbot, ref, "Add Word to Deck")
    assert "Add Word to Deck" in items and "Open in Deck" not in items
    entries = deck.find("互联网")
    assert len(entries) == 1
    assert entries[0].sentence_translation_source == "reference"  # the sample's human translation: no label
    assert not entries[0].machine_translated
    deck.add("学习", "xue2 xi2")  # another entry, so selecting the right row means something
    items = right_click_menu(main_window, qtbot, ref, "Open in Deck")
    assert "Open in Deck" in items and "Add Word to Deck" not in items
    deck_window = main_window.findChild(DeckWindow)
    assert deck_window is not None and deck_window.isVisible()
    assert deck_window.table.selected_ids() == [entries[0].id]
    deck_window.close()


def test_open_in_deck_clears_a_filter_that_hides_the_word(main_window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        main_window.files.open_sample()
    entry = main_window.app.deck.add("互联网", "hu4 lian2 wang3")
    deck_window = DeckWindow.open_for(main_window.app, main_window)
    deck_window.filters.set_search("学习")
    assert deck_window.model.row_of(entry.id) < 0
    right_click_menu(main_window, qtbot, first_word(main_window, "互联网"), "Open in Deck")
    assert deck_window.table.selected_ids() == [entry.id]
    assert deck_window.filters.search_field.text() == "互联网"
    deck_window.close()


# -- the Details panel -------------------------------------------------------------------------------------------------


def _look_up_by_click(window: MainWindow, qtbot: Any, word: str) -> None:
    ref = first_word(window, word)
    window.view.ensure_visible(ref)
    center = window.view.word_rect(ref).center().toPoint()
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    popup = window.word_actions.popup
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert window.word_panel.card is not None and window.word_panel.card.word == word


@pytest.mark.journey("Words ▸ Split Word…")
def test_details_panel_follows_a_split(main_window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        main_window.files.open_sample()
    _look_up_by_click(main_window, qtbot, "互联网")

    def cut(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("互联 网")
        click(qtbot, dialog, "OK")

    with on_modal(cut), qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        trigger(main_window, "Words ▸ Split Word…")
    panel = main_window.word_panel
    assert panel.card is not None and panel.card.word == "互联"
    assert "互联网" not in panel.card_view.toPlainText()


@pytest.mark.journey("View ▸ Pinyin ▸ Zhuyin (ㄏㄠˇ)", "View ▸ Pinyin ▸ Tone Marks (hǎo)")
def test_details_panel_and_dictionary_search_follow_zhuyin(main_window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        main_window.files.open_sample()
    _look_up_by_click(main_window, qtbot, "互联网")
    panel = main_window.word_panel
    assert "hù" in panel.card_view.toPlainText()
    trigger(main_window, "View ▸ Pinyin ▸ Zhuyin (ㄏㄠˇ)")
    text = panel.card_view.toPlainText()
    assert "ㄏㄨˋ" in text and not set(TONE_MARKS) & set(text)
    trigger(main_window, "View ▸ Pinyin ▸ Tone Marks (hǎo)")
    qtbot.keyClicks(panel.search, "xue2xi2")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.results.count() and "xué xí" in panel.results.item(0).text()
    trigger(main_window, "View ▸ Pinyin ▸ Zhuyin (ㄏㄠˇ)")
    assert "ㄒㄩㄝˊ ㄒㄧˊ" in panel.card_view.toPlainText()  # the card of the chosen result
    results = [panel.results.item(row).text() for row in range(panel.results.count())]
    assert "ㄒㄩㄝˊ ㄒㄧˊ" in results[0] and not any(set(TONE_MARKS) & set(result) for result in results)


# -- highlights and notes ----------------------------------------------------------------------------------------------


def _drag_over(window: MainWindow, qtbot: Any, first: WordRef, last: WordRef) -> None:
    view = window.view
    view.ensure_visible(first)
    start = view.word_rect(first).topLeft().toPoint() + QPoint(2, 2)
    end = view.word_rect(last).bottomRight().toPoint() - QPoint(2, 2)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


def test_n_right_after_highlighting_writes_the_note_of_that_highlight(main_window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        main_window.files.open_sample()
    view = main_window.view
    _drag_over(main_window, qtbot, WordRef(1, 0), WordRef(1, 3))
    assert view.selection_range() is not None
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    stored = main_window.annotation_actions.stored
    assert len(stored) == 1 and view.selection_range() is None
    long_note = "remember this phrase " * 12

    def write(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        editor = dialog.findChild(QPlainTextEdit)
        assert editor is not None and editor.lineWrapMode() is QPlainTextEdit.LineWrapMode.WidgetWidth
        qtbot.keyClicks(editor, long_note)
        assert editor.horizontalScrollBar().maximum() == 0  # the long line wraps: nothing to scroll sideways
        click(qtbot, dialog, "OK")

    with on_modal(write):
        qtbot.keyClick(view, Qt.Key.Key_N)
    article_id = main_window.controller.article_id
    assert article_id is not None
    highlights = main_window.app.annotations.list_highlights(article_id)
    assert [h.note for h in highlights] == [long_note]


def test_after_moving_on_n_means_the_word_under_the_focus(main_window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        main_window.files.open_sample()
    view = main_window.view
    _drag_over(main_window, qtbot, WordRef(1, 0), WordRef(1, 1))
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    view.set_focus_word(WordRef(2, 0))  # the learner moved on to another paragraph

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        assert view.layout_for(2).boxes[0].text[:2] in dialog.labelText()
        click(qtbot, dialog, "Cancel")

    with on_modal(cancel):
        qtbot.keyClick(view, Qt.Key.Key_N)
