"""Journeys through the File menu: open, paste, the sample, export, known words, packs, dictionary, backups, quit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QInputDialog, QMessageBox, QWidget

from reader.core.store.words import WordStatus
from reader.ui.dialogs.export_deck import CHOICES, ExportDeckDialog
from reader.ui.dialogs.known_words import KnownWordsDialog
from reader.ui.dialogs.pack_manager import PackManagerDialog
from reader.ui.main_window import MainWindow
from tests.core.translation_helpers import TINY_PACK
from tests.ui.journey import click, on_modal, trigger

WAIT_MS = 60_000
#: The dictionary's HSK lists are compiled the first time a test of the run needs them.
DICTIONARY_WAIT_MS = 110_000
DATA = Path(__file__).resolve().parents[1] / "data"


def open_sample(window: MainWindow, qtbot: Any) -> None:
    """Open the sample article through its menu item and wait until it is analysed."""
    with qtbot.waitSignal(window.controller.analysis_done, timeout=WAIT_MS):
        trigger(window, "File ▸ Open the Sample Article")


def message_box_ok(expected: str) -> Any:
    """A modal handler: the message box says ``expected`` (a part of it); press its OK button."""

    def handle(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), type(box).__name__
        assert expected in box.text(), box.text()
        box.button(QMessageBox.StandardButton.Ok).click()

    return handle


# -- opening -----------------------------------------------------------------------------------------------------------


@pytest.mark.journey("File ▸ Open…")
def test_open_a_file_imports_and_shows_it(main_window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = str(DATA / "paragraphs.txt")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *args, **kwargs: ([chosen], "")))
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        trigger(main_window, "File ▸ Open…")
    assert main_window.model.rowCount() > 0
    assert main_window.header.title_label.text()
    assert main_window.app.settings.value("recent/files")[0] == chosen


@pytest.mark.journey("File ▸ Paste as New Article")
def test_paste_makes_an_article_of_the_clipboard(main_window: MainWindow, qtbot: Any) -> None:
    QGuiApplication.clipboard().setText("我们今天去图书馆看书。\n\n明天还要去吗？")
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=WAIT_MS):
        trigger(main_window, "File ▸ Paste as New Article")
    text = main_window.model.article.text
    assert "图书馆" in text and "明天" in text


@pytest.mark.journey("File ▸ Paste as New Article")
def test_paste_with_an_empty_clipboard_says_so(main_window: MainWindow, qtbot: Any) -> None:
    QGuiApplication.clipboard().setText("")
    with on_modal(message_box_ok("clipboard holds no text")):
        trigger(main_window, "File ▸ Paste as New Article")


@pytest.mark.journey("File ▸ Open the Sample Article")
def test_the_sample_opens_from_the_file_menu(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    assert main_window.header.title_label.text() == "促进工业互联网创新发展"
    assert len(main_window.app.library.list_articles()) == 3


# -- export ------------------------------------------------------------------------------------------------------------


@pytest.mark.journey("File ▸ Export Deck…")
@pytest.mark.parametrize("choice", CHOICES, ids=[c.key for c in CHOICES])
def test_export_deck_writes_the_chosen_format_and_closes(
    main_window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, choice: Any
) -> None:
    main_window.app.deck.add("学习", "xue2 xi2", definition="to study", sentence="我们学习中文。")
    target = tmp_path / f"deck{choice.format.suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))

    def export(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDeckDialog)
        combo = dialog.findChild(QComboBox)
        assert combo is not None
        combo.setCurrentIndex(combo.findData(choice.key))
        assert "1 entry" in dialog.count_label.text()
        with qtbot.waitSignal(dialog.export_finished, timeout=WAIT_MS):
            click(qtbot, dialog, "Export…")
        assert "学习" in target.read_bytes().decode("utf-8", "replace") or target.suffix == ".apkg"
        click(qtbot, dialog, "Close")

    with on_modal(export):
        trigger(main_window, "File ▸ Export Deck…")
    assert target.is_file() and target.stat().st_size > 0


@pytest.mark.journey("File ▸ Export Deck…")
def test_export_deck_cancel_with_escape_writes_nothing(main_window: MainWindow, qtbot: Any, tmp_path: Path) -> None:
    def escape(dialog: QWidget) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    with on_modal(escape):
        trigger(main_window, "File ▸ Export Deck…")
    assert not list(tmp_path.glob("*.csv"))


# -- known words -------------------------------------------------------------------------------------------------------


def _wait_preview(dialog: KnownWordsDialog, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog._busy, timeout=DICTIONARY_WAIT_MS)


@pytest.mark.journey("File ▸ Import Known Words…")
@pytest.mark.parametrize("close_with", ["Close", "Escape"])
def test_import_known_words_closes_without_importing(main_window: MainWindow, qtbot: Any, close_with: str) -> None:
    # Closing this dialog recursed between WorkDialog.done and _finish until Python gave up (issue 12).
    def close(dialog: QWidget) -> None:
        assert isinstance(dialog, KnownWordsDialog)
        _wait_preview(dialog, qtbot)
        if close_with == "Close":
            click(qtbot, dialog, "Close")
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    with on_modal(close):
        trigger(main_window, "File ▸ Import Known Words…")
    assert main_window.app.words.status("你好") is not WordStatus.KNOWN


@pytest.mark.journey("Words ▸ Import Known Words…")
def test_import_known_words_marks_hsk_words_undoes_and_closes(main_window: MainWindow, qtbot: Any) -> None:
    words = main_window.app.words

    def use(dialog: QWidget) -> None:
        assert isinstance(dialog, KnownWordsDialog)
        for level, box in dialog.sources.level_boxes.items():
            box.setChecked(level == 1)
        _wait_preview(dialog, qtbot)
        with qtbot.waitSignal(dialog.import_finished, timeout=WAIT_MS):
            click(qtbot, dialog, "Mark as Known")
        assert words.status("你好") is WordStatus.KNOWN
        click(qtbot, dialog, "Undo Import")
        assert words.status("你好") is not WordStatus.KNOWN
        qtbot.waitUntil(dialog.import_button.isEnabled, timeout=WAIT_MS)  # the preview is made again
        with qtbot.waitSignal(dialog.import_finished, timeout=WAIT_MS):
            click(qtbot, dialog, "Mark as Known")
        click(qtbot, dialog, "Close")

    with on_modal(use):
        trigger(main_window, "Words ▸ Import Known Words…")
    assert words.status("你好") is WordStatus.KNOWN


@pytest.mark.journey("Words ▸ Import Known Words…")
@pytest.mark.parametrize("source", ["list", "anki"])
def test_import_known_words_from_a_file(
    main_window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    if source == "list":
        chosen = tmp_path / "words.txt"
        chosen.write_text("图书馆\n学习\n", encoding="utf-8")
    else:
        chosen = tmp_path / "anki.txt"
        chosen.write_text("#separator:tab\n#html:false\n图书馆\ttúshūguǎn\tlibrary\n学习\txuéxí\tto study\n", "utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(chosen), "")))

    def use(dialog: QWidget) -> None:
        assert isinstance(dialog, KnownWordsDialog)
        radio = dialog.sources.list_radio if source == "list" else dialog.sources.anki_radio
        browse = dialog.sources.list_browse if source == "list" else dialog.sources.anki_browse
        qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
        assert radio.isChecked()
        qtbot.waitUntil(lambda: "图书馆" in dialog.preview_label.text() or "2" in dialog.preview_label.text())
        _wait_preview(dialog, qtbot)
        with qtbot.waitSignal(dialog.import_finished, timeout=WAIT_MS):
            click(qtbot, dialog, "Mark as Known")
        click(qtbot, dialog, "Close")

    with on_modal(use):
        trigger(main_window, "Words ▸ Import Known Words…")
    assert main_window.app.words.status("图书馆") is WordStatus.KNOWN


# -- language packs ----------------------------------------------------------------------------------------------------


@pytest.mark.journey("File ▸ Language Packs…")
def test_language_packs_install_from_file_remove_and_close(
    main_window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(TINY_PACK), "")))
    translator = main_window.app.services.translator

    def answer_yes(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and "Remove" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    def use(dialog: QWidget) -> None:
        assert isinstance(dialog, PackManagerDialog)
        qtbot.waitUntil(lambda: dialog.state is not None and not dialog.busy, timeout=WAIT_MS)
        with qtbot.waitSignal(dialog.refreshed, timeout=WAIT_MS):
            click(qtbot, dialog, "Install from File…")
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
        assert translator.available and dialog.model.rowCount() == 1
        with on_modal(answer_yes), qtbot.waitSignal(dialog.refreshed, timeout=WAIT_MS):
            click(qtbot, dialog, "Remove")
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
        assert dialog.model.rowCount() == 0
        click(qtbot, dialog, "Close")

    with on_modal(use):
        trigger(main_window, "File ▸ Language Packs…")
    assert not translator.available


# -- dictionary, backups, quit -----------------------------------------------------------------------------------------


@pytest.mark.journey("File ▸ Load a Newer CC-CEDICT File…")
def test_loading_a_file_that_is_not_cedict_is_refused_in_one_sentence(
    main_window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "cedict_ts.u8"
    junk.write_text("this is a shopping list, not a dictionary\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(junk), "")))
    dictionary = main_window.app.services.dictionary
    assert dictionary is not None
    entries_before = dictionary.lookup("学习")
    with on_modal(message_box_ok("")):
        trigger(main_window, "File ▸ Load a Newer CC-CEDICT File…")
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None and not main_window.app.dispatcher.busy)
    assert dictionary.lookup("学习") == entries_before


@pytest.mark.journey("File ▸ Back Up Library Now", "File ▸ Restore a Backup…")
def test_back_up_then_restore_a_backup(main_window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    app = main_window.app
    app.deck.add("学习", "xue2 xi2")
    with qtbot.waitSignal(app.hub.status_message, timeout=WAIT_MS, check_params_cb=lambda m: "Backed up" in m):
        trigger(main_window, "File ▸ Back Up Library Now")
    assert list(app.paths.backups.iterdir())
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        click(qtbot, dialog, "OK")

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and "Restore now?" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    with on_modal(choose, confirm, message_box_ok("Restored")):
        trigger(main_window, "File ▸ Restore a Backup…")
    assert quits == [True]
    assert [p for p in app.paths.database.parent.iterdir() if p.name.startswith(app.paths.database.name + ".")]


@pytest.mark.journey("File ▸ Restore a Backup…")
def test_restore_with_no_backup_says_how_to_make_one(main_window: MainWindow, qtbot: Any) -> None:
    with on_modal(message_box_ok("no backups yet")):
        trigger(main_window, "File ▸ Restore a Backup…")


@pytest.mark.journey("File ▸ Restore a Backup…")
def test_restore_cancelled_keeps_the_database(main_window: MainWindow, qtbot: Any) -> None:
    app = main_window.app
    with qtbot.waitSignal(app.hub.status_message, timeout=WAIT_MS, check_params_cb=lambda m: "Backed up" in m):
        trigger(main_window, "File ▸ Back Up Library Now")

    def cancel(dialog: QWidget) -> None:
        click(qtbot, dialog, "Cancel")

    with on_modal(cancel):
        trigger(main_window, "File ▸ Restore a Backup…")
    assert app.deck.count() == 0  # the store is still open and usable


@pytest.mark.journey("File ▸ Quit")
def test_quit_closes_the_window(main_window: MainWindow, qtbot: Any) -> None:
    open_sample(main_window, qtbot)
    trigger(main_window, "File ▸ Quit")
    qtbot.waitUntil(lambda: not main_window.isVisible())
    assert isinstance(main_window.app.settings.value("window/geometry"), type(main_window.saveGeometry()))
