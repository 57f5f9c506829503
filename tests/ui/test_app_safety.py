"""The application never vanishes and never loses data: crash hook, damaged database, import cancel, paste."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from reader.core.paths import UserPaths
from reader.core.store.backup import backup_now
from reader.core.store.db import open_store
from reader.ui.app import install_crash_hook, open_store_or_recover
from reader.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_crash_hook_writes_a_log_and_shows_a_dialog(qapp, tmp_path: Path, monkeypatch) -> None:
    paths = UserPaths(tmp_path).ensure()
    shown: list[str] = []

    def show(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", show)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_crash_hook(paths)
    try:
        raise ValueError("boom")
    except ValueError as error:
        sys.excepthook(ValueError, error, error.__traceback__)
    logs = list(paths.logs.glob("crash-*.log"))
    assert len(logs) == 1 and "ValueError: boom" in logs[0].read_text(encoding="utf-8")
    assert shown and "safe" in shown[0]
    logs[0].unlink()  # this crash was the test's own; the guard fails any test that leaves a crash log


def _damage(path: Path) -> None:
    path.write_bytes(b"this is not an SQLite database, it was damaged" * 100)


def test_damaged_database_start_fresh_moves_it_aside(qapp, tmp_path: Path) -> None:
    paths = UserPaths(tmp_path).ensure()
    _damage(paths.database)
    messages: list[str] = []

    def ask(message: str, _choices: object) -> str:
        messages.append(message)
        return "fresh"

    store = open_store_or_recover(paths, ask)
    assert store is not None
    store.close()
    assert "damaged" in messages[0]
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("reader.sqlite.bad-")]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not an SQLite")


def test_damaged_database_can_be_restored_from_the_latest_backup(qapp, tmp_path: Path) -> None:
    paths = UserPaths(tmp_path).ensure()
    store = open_store(paths.database)
    from reader.core.store.deck import Deck

    Deck(store).add("学习", "xue2 xi2")
    backup_now(store, paths.backups)
    store.close()
    _damage(paths.database)
    restored = open_store_or_recover(paths, lambda _message, choices: "restore" if "restore" in choices else "close")
    assert restored is not None
    assert [e.simplified for e in Deck(restored).query()] == ["学习"]
    restored.close()


def test_closing_leaves_a_damaged_database_untouched(qapp, tmp_path: Path) -> None:
    paths = UserPaths(tmp_path).ensure()
    _damage(paths.database)
    before = paths.database.read_bytes()
    assert open_store_or_recover(paths, lambda _message, _choices: "close") is None
    assert paths.database.read_bytes() == before


def test_import_can_be_cancelled_and_adds_nothing(main_window: MainWindow, qtbot, tmp_path: Path) -> None:
    novel = tmp_path / "novel.txt"
    chapter = "　　他走进房间，看见桌子上放着一封信。信是妈妈写来的，说她一切都好。\n" * 4000
    novel.write_text("".join(f"第{n}章\n{chapter}" for n in range(1, 30)), encoding="utf-8")
    main_window.files.open_files([novel])
    assert main_window.status.cancel_button.isVisibleTo(main_window)
    main_window.status.cancel_button.click()
    assert main_window.app.dispatcher.wait(60_000)
    qtbot.wait(50)
    assert main_window.app.library.list_articles() == []


def test_paste_makes_an_article(main_window: MainWindow, qtbot) -> None:
    QGuiApplication.clipboard().setText("我们一起学习中文。\n\n中文很有意思。")
    with qtbot.waitSignal(main_window.controller.article_shown, timeout=30_000):
        main_window.main_actions["paste"].trigger()
    assert [b.text for b in main_window.model.article.blocks] == ["我们一起学习中文。", "中文很有意思。"]


def test_pasting_no_text_explains_itself(main_window: MainWindow, monkeypatch) -> None:
    QGuiApplication.clipboard().setText("   ")
    errors: list[str] = []
    monkeypatch.setattr(main_window, "show_error", errors.append)
    main_window.files.paste_article()
    assert errors == ["The clipboard holds no text to paste."]


def test_closing_with_stuck_work_ends_the_process(main_window: MainWindow, monkeypatch) -> None:
    from reader.ui import app as app_module

    ended: list[int] = []

    def fake_exit(status: int) -> None:
        ended.append(status)
        raise SystemExit(status)

    monkeypatch.setattr(main_window.app.dispatcher, "wait", lambda msecs=0: False)  # a worker that never returns
    monkeypatch.setattr(app_module.os, "_exit", fake_exit)
    monkeypatch.setattr(app_module.logging, "shutdown", lambda: None)
    with pytest.raises(SystemExit):
        app_module.shut_down(main_window, main_window.app.store, 0)
    assert ended == [0]


def test_the_idle_collector_waits_while_background_work_runs(qapp, monkeypatch) -> None:
    """A full collection pauses every thread: never while a chapter is still being analysed or translated."""
    import gc
    import time

    from PySide6.QtCore import QObject

    from reader.ui.app import IdleGarbageCollector

    threshold = gc.get_threshold()
    collections: list[bool] = []
    busy = [True]
    owner = QObject()
    try:
        collector = IdleGarbageCollector(owner, lambda: busy[0])
        collector._timer.stop()

        def collect(*_args: object) -> int:
            collections.append(True)
            return 0

        monkeypatch.setattr(gc, "collect", collect)
        collector._last_input = collector._collected = time.monotonic() - 3600  # idle for an hour
        collector._maybe_collect()
        assert collections == []  # work is running: wait
        busy[0] = False
        collector._maybe_collect()
        assert collections == [True]
    finally:
        monkeypatch.undo()
        gc.unfreeze()
        gc.set_threshold(*threshold)
        owner.deleteLater()
