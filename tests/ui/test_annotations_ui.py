"""Highlights, notes, bookmarks, reading position and search in the window: create, restore, jump."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QListView, QWidget

from reader.ui.context import AppContext
from reader.ui.dialogs.library_search import LibrarySearchDialog
from reader.ui.main_window import MainWindow
from reader.ui.reading.view import WordRef
from tests.ui.journey import choose_menu_item, click, menu_item_texts, on_modal

pytestmark = pytest.mark.gui


def _open_sample(window: MainWindow, qtbot) -> None:
    with qtbot.waitSignal(window.controller.analysis_done, timeout=60_000):
        window.files.open_sample()


def _new_window(app: AppContext, qtbot) -> MainWindow:
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    return window


def test_highlight_is_drawn_listed_and_survives_reopening(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    view = main_window.view
    view.select_range(WordRef(1, 0), WordRef(1, 3))
    span = view.selection_range()
    assert span is not None
    main_window.annotation_actions.colour_actions[1].trigger()  # green (Ctrl+2)
    assert [(h.start, h.end) for h in view.highlights] == [span]
    assert main_window.highlights_panel.model.rowCount() == 1
    article_id = main_window.controller.article_id
    assert article_id is not None
    stored = main_window.app.annotations.list_highlights(article_id)
    assert stored[0].colour == "green" and stored[0].quote == main_window.model.article.text[span[0] : span[1]]
    main_window.close()
    again = _new_window(main_window.app, qtbot)
    with qtbot.waitSignal(again.controller.article_shown, timeout=30_000):
        again.controller.open_article(article_id)
    assert [(h.start, h.end) for h in again.view.highlights] == [span]


def test_highlight_delete_is_undoable(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    view = main_window.view
    view.select_range(WordRef(2, 0), WordRef(2, 1))
    main_window.annotation_actions.highlight("yellow")
    stored = main_window.annotation_actions.stored[0]
    main_window.annotation_actions.remove(stored)
    assert view.highlights == []
    main_window.undo_stack.undo()
    assert len(view.highlights) == 1


def test_clicking_a_highlight_in_the_panel_jumps_to_it(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    view = main_window.view
    last_row = view.row_count() - 1
    view.select_range(WordRef(last_row, 0), WordRef(last_row, 2))
    main_window.annotation_actions.highlight("blue")
    view.scroll_to_row(0)
    assert last_row not in view.visible_rows()
    panel = main_window.highlights_panel
    index = panel.model.index(0)
    panel.list.clicked.emit(index)
    assert last_row in view.visible_rows()
    assert view.selection_words() is not None


def test_bookmark_with_ctrl_d_is_listed_and_opens_its_place(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    view = main_window.view
    view.scroll_to_row(4)
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert view.bookmarked_rows == {4}
    panel = main_window.bookmarks_panel
    assert panel.model.rowCount() == 1
    view.scroll_to_row(0)
    with qtbot.waitSignal(main_window.controller.article_shown, timeout=30_000):
        panel.list.clicked.emit(panel.model.index(0))
    qtbot.waitUntil(lambda: 4 in view.visible_rows())
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # toggles it off
    assert view.bookmarked_rows == set()


def test_reading_position_is_restored_on_reopen(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    article_id = main_window.controller.article_id
    assert article_id is not None
    main_window.view.scroll_to_row(5)
    main_window.controller.top_block_changed(5)
    main_window.close()  # saves at once
    assert main_window.app.library.get_position(article_id).block_index == 5
    again = _new_window(main_window.app, qtbot)
    with qtbot.waitSignal(again.controller.article_shown, timeout=30_000):
        again.controller.open_article(article_id)
    qtbot.waitUntil(lambda: again.view.visible_rows().start == 5)


def test_find_marks_all_matches_and_moves_between_them(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    bar = main_window.find_bar
    main_window.main_actions["find"].trigger()
    assert bar.isVisible()
    bar.field.setText("fazhan")
    bar.search()
    assert len(bar.matches) > 10
    assert all(main_window.model.article.text[m.start : m.end] == "发展" for m in main_window.view.found)
    first = main_window.view.current_found
    bar.step(1)
    assert main_window.view.current_found == (first + 1) % len(bar.matches)
    bar.close_bar()
    assert main_window.view.found == []


def test_library_search_finds_a_sentence_and_opens_it(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    dialog = LibrarySearchDialog.open_for(main_window.app, main_window)
    dialog.field.setText("一带一路")
    dialog.search()
    assert dialog.hits and all("一带一路" in hit.sentence for hit in dialog.hits)
    hit = dialog.hits[-1]
    with qtbot.waitSignal(main_window.controller.article_shown, timeout=30_000):
        dialog.results.itemActivated.emit(dialog.results.item(len(dialog.hits) - 1))
    assert main_window.controller.article_id == hit.article_id
    qtbot.waitUntil(lambda: hit.block_index in main_window.view.visible_rows())
    dialog.close()


def test_recolouring_and_editing_a_note_are_undoable(
    main_window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open_sample(main_window, qtbot)
    actions = main_window.annotation_actions
    main_window.view.select_range(WordRef(2, 0), WordRef(2, 1))
    actions.highlight("yellow")
    article_id = main_window.controller.article_id
    assert article_id is not None

    def stored() -> tuple[str, str]:
        (highlight,) = main_window.app.annotations.list_highlights(article_id)
        return highlight.colour, highlight.note

    actions.set_colour(actions.stored[0], "green")
    monkeypatch.setattr("reader.ui.annotation_actions.ask_note", lambda *args: ("生词很多", True))
    actions.edit_note_of(actions.stored[0])
    assert stored() == ("green", "生词很多")
    main_window.undo_stack.undo()
    assert stored() == ("green", "")
    main_window.undo_stack.undo()
    assert stored() == ("yellow", "")
    main_window.undo_stack.redo()
    main_window.undo_stack.redo()
    assert stored() == ("green", "生词很多")


def _click_first_row(qtbot, view) -> None:
    index = view.model().index(0, 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_the_highlight_and_bookmark_lists_show_items_and_a_click_goes_there(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    highlights, bookmarks = main_window.highlights_panel, main_window.bookmarks_panel
    assert not highlights.empty.isHidden() and not bookmarks.empty.isHidden()  # the hints while there are none
    main_window.view.select_range(WordRef(2, 0), WordRef(2, 1))
    span = main_window.view.selection_range()
    main_window.annotation_actions.highlight("yellow")
    main_window.annotation_actions.toggle_bookmark()
    assert highlights.model.rowCount() == 1 and highlights.empty.isHidden()
    assert bookmarks.model.rowCount() == 1 and bookmarks.empty.isHidden()
    main_window.side_tabs.setCurrentWidget(highlights)
    with qtbot.waitSignal(highlights.jump_requested) as jumped:
        _click_first_row(qtbot, highlights.list)
    assert tuple(jumped.args) == span
    main_window.side_tabs.setCurrentWidget(bookmarks)
    (bookmark,) = main_window.app.annotations.list_bookmarks()
    with qtbot.waitSignal(main_window.app.hub.open_article_requested) as opened:
        _click_first_row(qtbot, bookmarks.list)
    assert opened.args == [bookmark.article_id, bookmark.block_index]


def _right_click_first_row(view: QListView) -> None:
    center = view.visualRect(view.model().index(0, 0)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, center, view.viewport().mapToGlobal(center))
    QApplication.sendEvent(view.viewport(), event)


def test_the_lists_context_menus_label_and_remove(main_window: MainWindow, qtbot) -> None:
    _open_sample(main_window, qtbot)
    main_window.view.select_range(WordRef(2, 0), WordRef(2, 1))
    main_window.annotation_actions.highlight("yellow")
    main_window.annotation_actions.toggle_bookmark()
    annotations = main_window.app.annotations
    seen: list[list[str]] = []

    def choose(text: str):
        def handler(menu: QWidget) -> None:
            seen.append(menu_item_texts(menu))
            choose_menu_item(qtbot, menu, text)

        return handler

    def label(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit)
        assert field is not None
        field.setText("  第三段  ")
        click(qtbot, dialog, "OK")

    main_window.side_tabs.setCurrentWidget(main_window.bookmarks_panel)
    with on_modal(choose("Edit Label…"), label):
        _right_click_first_row(main_window.bookmarks_panel.list)
    assert [b.label for b in annotations.list_bookmarks()] == ["第三段"]
    with on_modal(choose("Remove")):
        _right_click_first_row(main_window.bookmarks_panel.list)
    assert annotations.list_bookmarks() == [] and not main_window.bookmarks_panel.empty.isHidden()

    main_window.side_tabs.setCurrentWidget(main_window.highlights_panel)
    with on_modal(choose("Remove")):
        _right_click_first_row(main_window.highlights_panel.list)
    assert main_window.view.highlights == [] and main_window.highlights_panel.model.rowCount() == 0
    assert seen == [["Edit Label…", "Remove"]] * 2 + [["Edit Note…", "Colour", "Remove"]]
