"""The deck window: listing, search, filters, sort, inline edits, delete with undo, the count, hub signals."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox

from reader.core.pipeline import structure
from reader.core.store.deck import DeckEntry
from reader.core.store.words import WordStatus
from reader.ui.context import AppContext
from reader.ui.deck.delegates import MultiLineEditor
from reader.ui.deck.model import DeckColumn, DeckRole
from reader.ui.deck.window import DeckWindow

pytestmark = pytest.mark.gui

#: Five entries: 行 twice (two readings), tags, statuses, one from a library article.
ENTRIES: list[dict[str, Any]] = [
    {"simplified": "银行", "pinyin": "yin2 hang2", "traditional": "銀行", "definition": "bank", "tags": ["finance"]},
    {"simplified": "行", "pinyin": "hang2", "definition": "row; line", "tags": ["polyphone"]},
    {"simplified": "行", "pinyin": "xing2", "definition": "to walk\nOK", "tags": ["polyphone"], "status": "learning"},
    {"simplified": "学生", "pinyin": "xue2 sheng5", "definition": "student", "status": "known"},
    {"simplified": "学习", "pinyin": "xue2 xi2", "definition": "to learn; to study", "note": "HSK 1"},
]
ARTICLE_TEXT = "今天天气很好。\n\n我们去散步吧。\n\n他在银行工作，一行一行地写。"


@pytest.fixture
def article_id(app_context: AppContext) -> int:
    """A three-paragraph article in the library; the last paragraph holds 银行."""
    return app_context.library.add_article(structure(ARTICLE_TEXT).articles[0])


@pytest.fixture
def entries(app_context: AppContext, article_id: int) -> list[DeckEntry]:
    added = []
    for fields in ENTRIES:
        extra: dict[str, Any] = {}
        if fields["simplified"] == "银行":
            position = ARTICLE_TEXT.index("银行")
            extra = {
                "article_id": article_id,
                "article_title": "Weather",
                "position": position,
                "sentence": "他在银行工作，一行一行地写。",
                "sentence_translation": "He works at a bank.",
            }
        added.append(app_context.deck.add(**fields, **extra))
    return added


@pytest.fixture
def window(app_context: AppContext, entries: list[DeckEntry], qtbot) -> DeckWindow:
    deck_window = DeckWindow(app_context)
    qtbot.addWidget(deck_window)
    deck_window.show()
    qtbot.waitExposed(deck_window)
    return deck_window


def words(window: DeckWindow) -> list[str]:
    """The Word column, top to bottom."""
    model = window.model
    return [model.data(model.index(row, DeckColumn.WORD)) for row in range(model.rowCount())]


def select_rows(window: DeckWindow, rows: list[int]) -> None:
    selection = QItemSelection()
    for row in rows:
        selection.select(window.model.index(row, 0), window.model.index(row, len(DeckColumn) - 1))
    window.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.table.selectionModel().setCurrentIndex(
        window.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )


def test_lists_the_entries_added_through_the_core_newest_first(window: DeckWindow, entries: list[DeckEntry]) -> None:
    assert words(window) == [e.simplified for e in reversed(entries)]
    model = window.model
    assert model.data(model.index(4, DeckColumn.PINYIN)) == "yín háng"
    assert model.data(model.index(4, DeckColumn.TRADITIONAL)) == "銀行"
    assert model.data(model.index(2, DeckColumn.DEFINITION)) == "to walk; OK"
    assert model.data(model.index(2, DeckColumn.STATUS)) == "Learning"
    assert model.data(model.index(4, DeckColumn.SOURCE)) == "Weather"
    assert model.index(4, 0).data(DeckRole.ENTRY_ID) == entries[0].id
    assert model.index(4, DeckColumn.PINYIN).data(DeckRole.SYLLABLES) == [("yín", 2), ("háng", 2)]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("银", ["银行"]),  # hanzi substring
        ("銀", ["银行"]),  # traditional form
        ("xing2", ["行"]),  # pinyin with tone numbers: only the xíng reading
        ("hang", ["行", "银行"]),  # pinyin without tones matches both háng entries
        ("xuésheng", ["学生"]),  # pinyin with tone marks (neutral tone unmarked)
        ("xuéshēng", []),  # a different tone does not match
        ("study", ["学习"]),  # English, in the definition
        ("zzz", []),  # nothing
    ],
)
def test_search_changes_the_rows(window: DeckWindow, search: str, expected: list[str]) -> None:
    window.filters.set_search(search)
    assert sorted(words(window)) == sorted(expected)


def test_typing_in_the_search_field_filters_after_a_pause(window: DeckWindow, qtbot) -> None:
    qtbot.keyClicks(window.filters.search_field, "xue")
    qtbot.waitUntil(lambda: sorted(words(window)) == ["学习", "学生"])


@pytest.mark.parametrize(
    ("combo_name", "value", "expected"),
    [
        ("status_combo", "learning", ["行"]),
        ("status_combo", "open", ["学习", "行", "行", "银行"]),  # new or learning
        ("tag_combo", "polyphone", ["行", "行"]),
    ],
)
def test_status_and_tag_filters_change_the_rows(
    window: DeckWindow, combo_name: str, value: str, expected: list[str]
) -> None:
    combo: QComboBox = getattr(window.filters, combo_name)
    assert window.filters.select(combo, value)
    assert sorted(words(window)) == sorted(expected)


def test_article_filter_lists_the_entries_of_one_article(window: DeckWindow, article_id: int) -> None:
    assert window.filters.select(window.filters.article_combo, article_id)
    assert words(window) == ["银行"]


def test_clicking_the_pinyin_header_sorts_by_pinyin(window: DeckWindow, qtbot) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(DeckColumn.PINYIN) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    readings = [window.model.entry(row).pinyin for row in range(window.model.rowCount())]  # type: ignore[union-attr]
    assert readings in (sorted(readings), sorted(readings, reverse=True))
    assert window.table.sort_column() == DeckColumn.PINYIN
    window.table.sort_by(DeckColumn.PINYIN, Qt.SortOrder.AscendingOrder)
    assert words(window) == ["行", "行", "学生", "学习", "银行"]  # hang2, xing2, xue2 sheng5, xue2 xi2, yin2 hang2


def test_a_column_the_store_cannot_sort_keeps_the_order(window: DeckWindow) -> None:
    window.table.sort_by(DeckColumn.WORD, Qt.SortOrder.AscendingOrder)
    before = words(window)
    window.table.sort_by(DeckColumn.TAGS, Qt.SortOrder.AscendingOrder)
    assert words(window) == before
    assert window.table.horizontalHeader().sortIndicatorSection() == DeckColumn.WORD


def test_count_label_says_how_many_of_all(window: DeckWindow) -> None:
    assert window.count_label.text() == "5 words"
    window.filters.set_search("xue")
    assert window.count_label.text() == "2 of 5 words"
    window.filters.set_search("")
    assert window.count_label.text() == "5 words"


def test_inline_edit_of_a_definition_is_saved_and_undoable(window: DeckWindow, app_context: AppContext, qtbot) -> None:
    row = words(window).index("银行")
    entry_id = window.model.ids[row]
    index = window.model.index(row, DeckColumn.DEFINITION)
    window.table.setCurrentIndex(index)
    window.table.edit(index)
    editor = window.table.findChild(MultiLineEditor)
    assert editor is not None and editor.toPlainText() == "bank"
    editor.setPlainText("bank\nriverbank (not really)")
    with qtbot.waitSignal(app_context.hub.deck_changed):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert app_context.deck.get(entry_id).definition == "bank\nriverbank (not really)"
    assert window.model.data(window.model.index(row, DeckColumn.DEFINITION)) == "bank; riverbank (not really)"
    window.undo_stack.undo()
    assert app_context.deck.get(entry_id).definition == "bank"
    window.undo_stack.redo()
    assert app_context.deck.get(entry_id).definition == "bank\nriverbank (not really)"


def test_status_is_edited_with_its_drop_down(window: DeckWindow, app_context: AppContext) -> None:
    row = words(window).index("银行")
    index = window.model.index(row, DeckColumn.STATUS)
    window.table.setCurrentIndex(index)
    window.table.edit(index)
    combo = window.table.findChild(QComboBox)
    assert combo is not None and combo.currentText() == "New"
    combo.setCurrentIndex(combo.findText("Known"))
    combo.activated.emit(combo.currentIndex())
    assert app_context.deck.find("银行")[0].status is WordStatus.KNOWN
    assert app_context.words.status("银行") is WordStatus.KNOWN


def test_tags_are_edited_as_text(window: DeckWindow, app_context: AppContext) -> None:
    row = words(window).index("学习")
    assert window.model.setData(window.model.index(row, DeckColumn.TAGS), "hsk1, verb")
    assert app_context.deck.find("学习")[0].tags == ("hsk1", "verb")
    assert window.filters.select(window.filters.tag_combo, "verb")  # the tag filter offers the new tag
    assert words(window) == ["学习"]


def test_delete_removes_the_rows_and_undo_brings_them_back_with_the_same_ids(
    window: DeckWindow, app_context: AppContext, qtbot
) -> None:
    select_rows(window, [0, 1, 2])
    chosen = window.table.selected_ids()
    window.table.setFocus()
    with qtbot.waitSignal(app_context.hub.deck_changed):
        qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.model.rowCount() == 2
    assert app_context.deck.get_many(chosen) == []
    assert window.undo_label.isVisible()
    assert window.undo_label.text().startswith("Deleted 3 entries — ")
    assert window.count_label.text() == "2 words"
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.rowCount() == 5
    assert sorted(e.id for e in app_context.deck.get_many(chosen)) == sorted(chosen)
    assert sorted(window.table.selected_ids()) == sorted(chosen)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.model.rowCount() == 2


def test_the_undo_link_of_the_status_bar_restores_deleted_entries(window: DeckWindow) -> None:
    select_rows(window, [0])
    window.editor.delete_selected()
    assert window.undo_label.text().startswith("Deleted 1 entry — ")
    window.undo_label.linkActivated.emit("undo")
    assert window.model.rowCount() == 5


def test_marking_selected_entries_known_is_undoable(window: DeckWindow, app_context: AppContext) -> None:
    window.table.sort_by(DeckColumn.PINYIN, Qt.SortOrder.AscendingOrder)
    select_rows(window, [0, 1])  # 行 háng and 行 xíng
    window.status_actions[WordStatus.KNOWN].trigger()
    assert {e.status for e in app_context.deck.find("行")} == {WordStatus.KNOWN}
    window.undo_stack.undo()
    assert {e.pinyin: e.status for e in app_context.deck.find("行")} == {
        "hang2": WordStatus.NEW,
        "xing2": WordStatus.LEARNING,
    }


def test_refreshes_when_the_deck_changes_elsewhere_keeping_the_selection(
    window: DeckWindow, app_context: AppContext, qtbot
) -> None:
    select_rows(window, [words(window).index("学生")])
    kept = window.table.selected_ids()
    app_context.deck.add("老师", "lao3 shi1", definition="teacher")
    app_context.hub.deck_changed.emit()
    qtbot.waitUntil(lambda: window.model.rowCount() == 6)
    assert window.table.selected_ids() == kept
    assert window.count_label.text() == "6 words"


def test_own_edits_emit_the_hub_signals(window: DeckWindow, app_context: AppContext, qtbot) -> None:
    select_rows(window, [0])
    with qtbot.waitSignals([app_context.hub.deck_changed, app_context.hub.word_status_changed]):
        window.editor.set_status(WordStatus.IGNORED)


def test_detail_pane_shows_the_sentence_with_the_word_in_bold(window: DeckWindow) -> None:
    select_rows(window, [words(window).index("银行")])
    html = window.detail.toHtml()
    assert "He works at a bank." in html
    assert 'font-weight:700;">银行</span>' in html or "<b>银行</b>" in html
    assert "Weather" in window.detail.toPlainText()


def test_enter_opens_the_article_at_the_words_paragraph(
    window: DeckWindow, app_context: AppContext, article_id: int, qtbot
) -> None:
    select_rows(window, [words(window).index("银行")])
    window.table.setFocus()
    with qtbot.waitSignal(app_context.hub.open_article_requested, timeout=10_000) as blocker:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert blocker.args == [article_id, 2]


def test_an_entry_without_article_says_so(window: DeckWindow) -> None:
    select_rows(window, [words(window).index("学习")])
    window.open_source()
    assert "not in the library" in window.statusBar().currentMessage()


def test_open_for_reuses_the_window_of_a_parent(app_context: AppContext, qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    first = DeckWindow.open_for(app_context, parent)
    assert DeckWindow.open_for(app_context, parent) is first
    assert first.isWindow()
    first.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_hidden_window_catches_up_when_shown_again(window: DeckWindow, app_context: AppContext, qtbot) -> None:
    window.hide()
    app_context.deck.add("老师", "lao3 shi1", definition="teacher", tags=["people"])
    app_context.hub.deck_changed.emit()
    assert window.model.rowCount() == 5  # no work while nobody looks
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 6)
    assert window.filters.select(window.filters.tag_combo, "people")
    assert words(window) == ["老师"]


def test_pinyin_is_painted_in_tone_colours(window: DeckWindow) -> None:
    from reader.ui.theme import colors

    window.table.sort_by(DeckColumn.PINYIN, Qt.SortOrder.DescendingOrder)  # 银行 yín háng (two second tones) on top
    assert words(window)[0] == "银行"
    window.table.clearSelection()
    rect = window.table.visualRect(window.model.index(0, DeckColumn.PINYIN))
    image = window.table.viewport().grab(rect).toImage()
    tone2 = colors().tones[1]

    def close(x: int, y: int) -> bool:
        pixel = image.pixelColor(x, y)
        return (
            abs(pixel.red() - tone2.red()) + abs(pixel.green() - tone2.green()) + abs(pixel.blue() - tone2.blue()) < 60
        )

    coloured = sum(close(x, y) for x in range(image.width()) for y in range(image.height()))
    assert coloured > 20  # the syllables' strokes, not just anti-aliased edges


def test_double_click_opens_the_article_even_on_an_editable_cell(
    window: DeckWindow, app_context: AppContext, article_id: int, qtbot
) -> None:
    index = window.model.index(words(window).index("银行"), DeckColumn.DEFINITION)
    center = window.table.visualRect(index).center()
    with qtbot.waitSignal(app_context.hub.open_article_requested, timeout=10_000) as blocker:
        qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
        qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert blocker.args == [article_id, 2]
    editor = window.table.findChild(MultiLineEditor)
    assert editor is None or not editor.isVisible()
