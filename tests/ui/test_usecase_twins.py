"""The window and the command line give the same result for the operations both offer (reader/core/usecases).

Each test runs one operation through the GUI path (the menu action or the controller function the window calls)
and through ``reader.cli.main`` on a data folder of its own, then compares what was stored.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from reader.cli import main
from reader.core.paths import UserPaths
from reader.core.store.db import open_store
from reader.core.store.deck import Deck, DeckEntry
from reader.core.store.library import Library
from reader.core.store.words import WordStatus, WordStatuses
from reader.core.translation.packs import list_packs
from reader.core.translation.settings import ArgosSettings, resolve_argos_settings
from reader.ui.dialogs.pack_manager import SCAN_TASK, PackManagerDialog
from reader.ui.main_window import MainWindow
from tests.conftest import SAMPLE, share_dictionary_index
from tests.core.translation_helpers import TINY_PACK
from tests.ui.journey import OPEN_WAIT_MS, click, click_word, first_word, on_modal, trigger
from tests.ui.test_pack_manager import site  # noqa: F401  (the fixture: the tiny pack served on 127.0.0.1)

pytestmark = pytest.mark.gui

#: A file of three untitled articles (separated by lines of dashes): the title rule names each by its first words.
ARTICLES = (
    "第一篇文章讲的是学习中文的方法。\n\n要多读多写。\n\n-----\n\n第二篇写天气。今天很冷。\n\n-----\n\n第三篇很短。\n"
)


@pytest.fixture
def cli_home(tmp_path: Path, dictionary: Any) -> Path:
    """A second data folder for the command line, with the run's compiled dictionary index."""
    home = tmp_path / "cli-home"
    share_dictionary_index(dictionary, UserPaths(home).ensure().cache)
    return home


def cli(home: Path, *args: str) -> None:
    """Run ``reader --data-dir HOME ARGS…`` in-process and require success."""
    assert main(["--data-dir", str(home), *args]) == 0


def library_rows(database: Path) -> list[tuple[Any, ...]]:
    """What an import stored, article by article: title, size, source file and kind, book and chapter."""
    store = open_store(database)
    try:
        library = Library(store)
        rows = []
        for summary in sorted(library.list_articles(), key=lambda s: s.id):
            source = summary.source
            rows.append(
                (
                    summary.title,
                    summary.char_count,
                    source.path,
                    source.kind,
                    source.index,
                    summary.book_id,
                    summary.chapter_index,
                )
            )
        return rows
    finally:
        store.close()


def deck_fields(entry: DeckEntry) -> tuple[str, str, str, str]:
    """The fields a new entry takes from the dictionary (the rest is the learner's context)."""
    return entry.simplified, entry.traditional, entry.pinyin, entry.definition


def dump(database: Path) -> list[str]:
    """The database's content as SQL statements (equal dumps: equal libraries and decks)."""
    connection = sqlite3.connect(database)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.mark.parametrize("name", ["sample", "three untitled articles"])
def test_importing_a_file_stores_the_same_articles(
    main_window: MainWindow, qtbot: Any, cli_home: Path, tmp_path: Path, name: str
) -> None:
    if name == "sample":
        path = SAMPLE
    else:
        path = tmp_path / "短文.txt"
        path.write_text(ARTICLES, encoding="utf-8")
    with qtbot.waitSignal(main_window.controller.imported, timeout=OPEN_WAIT_MS):
        main_window.controller.import_files([path], open_first=False)
    cli(cli_home, "import", str(path))
    gui = library_rows(main_window.app.paths.database)
    assert gui and gui == library_rows(UserPaths(cli_home).database)
    assert gui[0][2] == str(path.resolve())


@pytest.mark.parametrize(
    ("text", "word", "chosen"),
    [
        ("我們在學習中文。", "學習", None),  # traditional: stored as 学习 with 學習 beside it
        ("我和你一起去。", "和", "huo4"),  # another reading picked in the pop-up: its senses, not he2's
        ("他還沒有回來。", "還", None),  # traditional word, simplified 还 stored with 還 beside it
        ("那个女人很高。", "女人", None),  # CC-CEDICT writes nu:3; the deck's nv3 must still find the entry
    ],
)
def test_adding_a_word_to_the_deck_stores_the_same_entry(
    main_window: MainWindow, qtbot: Any, cli_home: Path, text: str, word: str, chosen: str | None
) -> None:
    QGuiApplication.clipboard().setText(text)
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=OPEN_WAIT_MS):
        trigger(main_window, "File ▸ Paste as New Article")
    click_word(main_window, qtbot, first_word(main_window, word))
    popup = main_window.word_actions.popup
    qtbot.waitUntil(popup.isVisible)
    if chosen is not None:
        popup.reading_box.setCurrentIndex(popup.reading_box.findData(chosen))
    qtbot.mouseClick(popup.add_button, Qt.MouseButton.LeftButton)
    (gui,) = main_window.app.deck.query()
    cli(cli_home, "deck", "add", word, "--reading", chosen or gui.pinyin)
    store = open_store(UserPaths(cli_home).database)
    try:
        (from_cli,) = Deck(store).query()
    finally:
        store.close()
    assert deck_fields(gui) == deck_fields(from_cli)
    assert gui.definition  # the dictionary's senses, not an empty default
    if chosen is not None:
        assert gui.pinyin == chosen


@pytest.mark.journey("File ▸ Back Up Library Now", "File ▸ Restore a Backup…")
def test_backing_up_and_restoring_give_the_same_database(
    main_window: MainWindow, qtbot: Any, cli_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = main_window.app
    app.deck.add("学习", "xue2 xi2", definition="to study")
    with qtbot.waitSignal(main_window.controller.imported, timeout=OPEN_WAIT_MS):
        main_window.controller.import_files([SAMPLE], open_first=False)
    with qtbot.waitSignal(app.hub.status_message, timeout=30_000, check_params_cb=lambda m: "Backed up" in m):
        trigger(main_window, "File ▸ Back Up Library Now")
    (gui_backup,) = app.paths.backups.iterdir()
    cli(app.paths.home, "backup", "--to", str(tmp_path / "cli-backups"))
    (cli_backup,) = (tmp_path / "cli-backups").iterdir()
    assert dump(gui_backup) == dump(cli_backup)

    app.deck.add("天气", "tian1 qi4")  # a change after the backup, which restoring takes back
    cli(cli_home, "restore", str(gui_backup))
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: None))

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        click(qtbot, dialog, "OK")

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    def restored(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and "Restored" in box.text()
        box.button(QMessageBox.StandardButton.Ok).click()

    with on_modal(choose, confirm, restored):
        trigger(main_window, "File ▸ Restore a Backup…")
    assert dump(app.paths.database) == dump(UserPaths(cli_home).database) == dump(gui_backup)


def installed_packs(settings: ArgosSettings) -> list[tuple[Any, ...]]:
    """The installed packs as the translator sees them: name, code, version, languages and files."""
    return [
        (
            pack.name,
            pack.code,
            pack.version,
            pack.languages,
            sorted(str(p.relative_to(pack.path)) for p in pack.path.rglob("*")),
        )
        for pack in list_packs(settings)
    ]


def run_in_dialog(dialog: PackManagerDialog, qtbot: Any, start: Any) -> str:
    """Start an operation with ``start()``, wait until it and the scan after it are done; return the message."""
    start()
    qtbot.waitUntil(lambda: not dialog.busy and not dialog.app.dispatcher.is_running(SCAN_TASK), timeout=30_000)
    return dialog.message.text()


def test_installing_downloading_and_removing_packs_give_the_same_packs(
    main_window: MainWindow,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    site: str,  # noqa: F811
) -> None:
    settings = main_window.app.services.translator.settings
    assert settings.packages_dir == resolve_argos_settings().packages_dir  # the window and the CLI share the folder
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *args: QMessageBox.StandardButton.Yes))
    main_window.app.services.translator.settings = settings = dataclasses.replace(settings, index_url=site)
    dialog = PackManagerDialog(main_window.app)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.state is not None, timeout=30_000)

    assert run_in_dialog(dialog, qtbot, lambda: dialog.install_file(TINY_PACK)).startswith("Installed")
    from_file = installed_packs(settings)
    (name,) = [row[0] for row in from_file]
    run_in_dialog(dialog, qtbot, lambda: dialog.remove(name))
    assert installed_packs(settings) == []
    cli(main_window.app.paths.home, "packs", "install", str(TINY_PACK))
    assert installed_packs(settings) == from_file

    cli(main_window.app.paths.home, "packs", "remove", name)
    assert installed_packs(settings) == []
    assert run_in_dialog(dialog, qtbot, dialog.download_button.click).startswith("Downloaded and installed")
    assert installed_packs(settings) == from_file
    up_to_date = run_in_dialog(dialog, qtbot, dialog.download_button.click)
    capsys.readouterr()
    cli(main_window.app.paths.home, "packs", "download", "--index-url", site)
    assert capsys.readouterr().out.strip() == up_to_date  # both see the newest pack installed already
    run_in_dialog(dialog, qtbot, lambda: dialog.remove(name))
    cli(main_window.app.paths.home, "packs", "download", "--index-url", site)
    assert installed_packs(settings) == from_file
    assert not any(settings.downloads_dir.iterdir())  # the downloaded file is deleted once installed
    dialog.close()


@pytest.mark.journey("Words ▸ Mark Word as Known")
def test_marking_a_traditional_word_known_keys_it_the_same_way(
    main_window: MainWindow, qtbot: Any, cli_home: Path
) -> None:
    QGuiApplication.clipboard().setText("我們在學習中文。")
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=OPEN_WAIT_MS):
        trigger(main_window, "File ▸ Paste as New Article")
    click_word(main_window, qtbot, first_word(main_window, "學習"))
    trigger(main_window, "Words ▸ Mark Word as Known")
    cli(cli_home, "deck", "known", "mark", "學習")
    marked = []
    for database in (main_window.app.paths.database, UserPaths(cli_home).database):
        store = open_store(database)
        try:
            marked.append(WordStatuses(store).statuses(["学习", "學習"]))
        finally:
            store.close()
    assert marked[0] == marked[1] == {"学习": WordStatus.KNOWN, "學習": WordStatus.UNKNOWN}
