"""Books in the window: the library tree, the Contents tab, Next/Previous Chapter, the filter box and search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog

from reader.core.importers import BookInfo, ImportedSource, SourceBlock, SourceKind, SourceSection
from reader.core.model import BlockKind
from reader.core.store.books import BookSummary
from reader.core.usecases.importing import add_source
from reader.ui.dialogs.library_search import LibrarySearchDialog
from reader.ui.main_window import MainWindow
from reader.ui.panels.library_panel import LibraryRoles
from tests.ui.journey import trigger

pytestmark = pytest.mark.gui

CHAPTERS = [
    ("第一章 科举", "科举制度在中国延续了一千多年。考生要读很多书。"),
    ("第二章 银行", "他去银行取钱。银行的人很多。"),
    ("第三章 回家", "晚上他坐火车回家。家里的人都在等他。"),
]


def _action(window: MainWindow, text: str) -> QAction:
    return next(a for a in window.menus.menu_actions() if a.text().replace("&", "") == text)


@pytest.fixture
def book(main_window: MainWindow) -> list[int]:
    """A three-chapter book and a single article in the library; returns the chapter ids in order."""
    sections = [
        SourceSection(title, [SourceBlock(BlockKind.HEADING, title), SourceBlock(BlockKind.PARAGRAPH, body)])
        for title, body in CHAPTERS
    ]
    source = ImportedSource("回家的路", SourceKind.TEXT, sections=sections, book=BookInfo("回家的路", "某作者"))
    library = main_window.app.library
    outcome = add_source(library, source, path="/books/回家的路.txt")
    single = ImportedSource("天气", SourceKind.PASTED, raw_text="今天天气很好，我们去公园散步。")
    add_source(library, single)
    main_window.app.hub.library_changed.emit()
    return outcome.ids


def _click(qtbot, view, index: QModelIndex) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def _open_by_clicking(window: MainWindow, qtbot, index: QModelIndex) -> None:
    with qtbot.waitSignal(window.controller.analysis_done, timeout=60_000):
        _click(qtbot, window.library_panel.list, index)


def test_library_tree_shows_the_book_with_its_chapters_in_reading_order(
    main_window: MainWindow, qtbot, book: list[int]
) -> None:
    model = main_window.library_panel.model
    book_id = next(e.id for e in model.entries if isinstance(e, BookSummary))
    book_index = model.book_index(book_id)
    assert model.rowCount(book_index) == 3
    assert [model.index(r, 0, book_index).data() for r in range(3)] == [title for title, _ in CHAPTERS]
    assert model.rowCount() == 2  # the book and the single article
    _open_by_clicking(main_window, qtbot, book_index)  # a book opens where the reader left off: the first chapter
    assert main_window.controller.article_id == book[0]
    assert main_window.library_panel.list.isExpanded(model.book_index(book_id))  # rows were re-sorted: look again
    _open_by_clicking(main_window, qtbot, model.index_of(book[2]))
    assert main_window.controller.article_id == book[2]
    _open_by_clicking(main_window, qtbot, model.book_index(book_id))
    assert main_window.controller.article_id == book[2]  # the chapter opened last


@pytest.mark.journey("View ▸ Next Chapter", "View ▸ Previous Chapter")
def test_next_and_previous_chapter_by_menu_and_keyboard(main_window: MainWindow, qtbot, book: list[int]) -> None:
    _open_by_clicking(main_window, qtbot, main_window.library_panel.model.index_of(book[0]))
    previous, following = _action(main_window, "Previous Chapter"), _action(main_window, "Next Chapter")
    assert not previous.isEnabled() and following.isEnabled()
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        trigger(main_window, "View ▸ Next Chapter")
    assert main_window.controller.article_id == book[1]
    assert previous.isEnabled()
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        qtbot.keyClick(main_window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert main_window.controller.article_id == book[2]
    assert not following.isEnabled()
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        qtbot.keyClick(main_window.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert main_window.controller.article_id == book[1]
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        trigger(main_window, "View ▸ Previous Chapter")
    assert main_window.controller.article_id == book[0]
    assert not previous.isEnabled()


@pytest.mark.journey("View ▸ Table of Contents")
def test_table_of_contents_lists_the_chapters_and_opens_one(main_window: MainWindow, qtbot, book: list[int]) -> None:
    _open_by_clicking(main_window, qtbot, main_window.library_panel.model.index_of(book[0]))
    trigger(main_window, "View ▸ Table of Contents")
    panel = main_window.book_navigation.panel
    assert main_window.side_tabs.currentWidget() is panel and panel.isVisible()
    assert "回家的路 — 某作者" in panel.heading.text() and "0 of 3 chapters read" in panel.heading.text()
    items = [panel.list.item(row) for row in range(panel.list.count())]
    assert [item.text() for item in items] == [f"{n}. {title}" for n, (title, _) in enumerate(CHAPTERS, 1)]
    assert panel.list.currentItem() is items[0] and items[0].font().bold()
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        rect = panel.list.visualItemRect(items[2])
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.controller.article_id == book[2]
    assert panel.list.currentItem().data(Qt.ItemDataRole.UserRole) == book[2]


def test_a_single_article_has_no_chapter_actions(main_window: MainWindow, qtbot, book: list[int]) -> None:
    model = main_window.library_panel.model
    single_row = next(row for row, e in enumerate(model.entries) if not isinstance(e, BookSummary))
    _open_by_clicking(main_window, qtbot, model.index(single_row))
    assert not _action(main_window, "Next Chapter").isEnabled()
    assert not _action(main_window, "Previous Chapter").isEnabled()
    assert "not part of a book" in main_window.book_navigation.panel.heading.text()


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("keju", ["第一章 科举"]),  # pinyin of the text, as Find reads it
        ("tian1qi4", ["天气"]),  # tone numbers
        ("银行", ["第二章 银行"]),  # characters in a chapter title and text
        ("回家的路", ["第一章 科举", "第二章 银行", "第三章 回家"]),  # the book's title keeps all its chapters
    ],
)
def test_filter_box_finds_text_and_pinyin(
    main_window: MainWindow, qtbot, book: list[int], query: str, titles: list[str]
) -> None:
    panel = main_window.library_panel
    panel.filter.setFocus()
    if query.isascii():
        qtbot.keyClicks(panel.filter, query)
    else:
        panel.filter.setText(query)  # an input method commits the characters at once (QtTest types ASCII only)

    def shown() -> list[str]:
        titles: list[str] = []
        for entry in panel.model.entries:
            titles += [c.title for c in entry.chapters] if isinstance(entry, BookSummary) else [entry.title]
        return titles

    qtbot.waitUntil(lambda: shown() == titles, timeout=10_000)


def test_search_library_finds_pinyin_and_opens_the_chapter(main_window: MainWindow, qtbot, book: list[int]) -> None:
    trigger(main_window, "Edit ▸ Search Library…")
    dialog = main_window.findChild(LibrarySearchDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.field, "hui jia")
    qtbot.waitUntil(lambda: len(dialog.hits) == 2, timeout=5_000)  # the heading and the sentence of chapter 3
    assert [hit.sentence for hit in dialog.hits] == ["第三章 回家", "晚上他坐火车回家。"]
    with qtbot.waitSignal(main_window.controller.article_shown, timeout=30_000):
        qtbot.mouseClick(
            dialog.results.viewport(),
            Qt.MouseButton.LeftButton,
            pos=dialog.results.visualItemRect(dialog.results.item(1)).center(),
        )
    assert main_window.controller.article_id == book[2]
    dialog.close()


def test_next_chapter_redraws_changed_rows_without_rebuilding_the_lists(
    main_window: MainWindow, qtbot, book: list[int]
) -> None:
    """Opening the next chapter of the same book keeps the library tree and the Contents rows (no reset, no rebuild)."""
    _open_by_clicking(main_window, qtbot, main_window.library_panel.model.index_of(book[0]))
    model = main_window.library_panel.model
    contents = main_window.book_navigation.panel.list
    qtbot.waitUntil(lambda: contents.count() == 3)
    first_item = contents.item(0)
    resets: list[bool] = []
    changed: list[int] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda first, _last, *_roles: changed.append(first.data(LibraryRoles.ARTICLE_ID)))
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=60_000):
        trigger(main_window, "View ▸ Next Chapter")
    qtbot.waitUntil(lambda: contents.currentItem() is not None and contents.currentRow() == 1)
    assert not resets  # the rows kept their shape: only the changed ones were redrawn
    assert book[1] in changed  # the chapters whose position or date changed
    assert contents.item(0) is first_item  # updated in place
    assert contents.item(1).font().bold() and not contents.item(0).font().bold()
    assert main_window.library_panel.current_article() == book[1]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (("  新书名 ", True), "新书名"),  # spaces around the new title are dropped
        (("   ", True), None),  # a blank title keeps the old one
        (("新书名", False), None),  # Cancel keeps the old one
    ],
)
def test_renaming_a_book_and_an_article_asks_for_the_title(
    main_window: MainWindow, book: list[int], monkeypatch: pytest.MonkeyPatch, answer: tuple[str, bool], expected: str
) -> None:
    panel = main_window.library_panel
    asked: list[str] = []

    def get_text(parent: object, caption: str, label: str, text: str = "") -> tuple[str, bool]:
        asked.append(f"{caption}: {text}")
        return answer

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    book_id = next(e.id for e in panel.model.entries if isinstance(e, BookSummary))
    panel.rename_book(book_id)
    panel.rename(book[0])
    assert asked == ["Rename Book: 回家的路", f"Rename Article: {CHAPTERS[0][0]}"]
    assert panel.model.books.get_book(book_id).title == (expected or "回家的路")
    assert main_window.app.library.get_summary(book[0]).title == (expected or CHAPTERS[0][0])


@pytest.mark.parametrize(
    ("choice", "deleted"),
    [
        (None, False),  # Cancel deletes nothing
        (False, True),  # Delete, Keep Highlights
        (True, True),  # Delete Everything
    ],
)
def test_deleting_a_book_and_an_article_asks_first(
    main_window: MainWindow, book: list[int], monkeypatch: pytest.MonkeyPatch, choice: bool | None, deleted: bool
) -> None:
    panel = main_window.library_panel
    single = next(e.id for e in panel.model.entries if not isinstance(e, BookSummary))
    book_id = next(e.id for e in panel.model.entries if isinstance(e, BookSummary))
    main_window.app.annotations.add_highlight(single, 0, 2, colour="yellow")
    asked: list[tuple[str, str, int]] = []

    def confirm(caption: str, question: str, annotations: int) -> bool | None:
        asked.append((caption, question, annotations))
        return choice

    monkeypatch.setattr(panel, "_confirm_delete", confirm)
    panel.delete_book(book_id)
    panel.delete(single)
    assert asked == [
        ("Delete Book", "Delete “回家的路” and its 3 chapters from the library?", 0),
        ("Delete Article", "Delete “天气” from the library?", 1),
    ]
    books = {e.id for e in panel.model.entries if isinstance(e, BookSummary)}
    assert (book_id not in books) is deleted
    assert (panel.model.index_of(single).isValid()) is not deleted
