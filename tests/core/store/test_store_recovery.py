"""A locked database is never set aside; every set-aside file can be restored; Check Database; backup/restore CLI."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.errors import StoreError
from reader.core.paths import UserPaths
from reader.core.store.backup import list_restorable, recovery_choices, restore_backup
from reader.core.store.db import StoreCorruptError, StoreLockedError, StoreReadOnlyError, move_aside, open_store
from reader.core.store.deck import Deck
from reader.core.store.library import Library
from reader.core.store.maintenance import check_database
from tests.core.store_helpers import make_article

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("error", "has_backups", "expected"),
    [
        # locked by another program: healthy, so neither restore nor start fresh
        (StoreLockedError("locked"), True, ("retry", "close")),
        # read-only: nothing to repair either
        (StoreReadOnlyError("read-only"), True, ("retry", "close")),
        # damaged, with backups: every way out
        (StoreCorruptError("damaged"), True, ("restore", "fresh", "retry", "close")),
        # damaged, no backup yet
        (StoreCorruptError("damaged"), False, ("fresh", "retry", "close")),
        # any other problem (cannot be opened): try again or close
        (StoreError("cannot be opened"), True, ("retry", "close")),
    ],
)
def test_recovery_choices(error: StoreError, has_backups: bool, expected: tuple[str, ...]) -> None:
    assert recovery_choices(error, has_backups) == expected


def test_a_set_aside_database_with_a_late_commit_can_be_restored(tmp_path: Path) -> None:
    paths = UserPaths(tmp_path).ensure()
    store = open_store(paths.database)
    Deck(store).add("学习", "xue2 xi2")
    store.close()
    other = sqlite3.connect(paths.database)  # another program keeps the file open, in WAL mode
    other.execute("PRAGMA journal_mode = WAL")
    moved = move_aside(paths.database)
    other.execute(  # a copy of the first entry under another word
        "INSERT INTO deck_entries (simplified, traditional, pinyin, definition, sentence, sentence_translation, "
        "article_title, tags, status, note, added_at, updated_at, search_pinyin) SELECT '银行', traditional, "
        "'yin2 hang2', definition, sentence, sentence_translation, article_title, tags, status, note, added_at, "
        "updated_at, search_pinyin FROM deck_entries"
    )
    other.commit()  # its commit lands in the set-aside file's -wal
    other.close()
    assert moved is not None
    restorable = list_restorable(paths.backups, paths.database)
    assert [info.path for info in restorable] == [moved] and restorable[0].kind == "set aside"
    restore_backup(moved, paths.database)
    store = open_store(paths.database)
    try:
        assert sorted(entry.simplified for entry in Deck(store).query()) == ["学习", "银行"]
    finally:
        store.close()


def test_check_database_rebuilds_the_search_index(tmp_path: Path) -> None:
    store = open_store(tmp_path / "reader.sqlite")
    try:
        Library(store).add_article(make_article("标题\n\n我们在银行工作。"))
        with store.write() as db:
            db.execute("DELETE FROM search_zh")  # the index lost its rows
            db.execute("INSERT INTO search_zh (rowid, text) VALUES (?, '孤儿行')", [99 << 32])  # and has an orphan
        report = check_database(store)
        assert report.sound and report.index_rebuilt and report.articles == 1
        assert "sound" in report.summary()
        rows = [row[0] >> 32 for row in store.db.execute("SELECT rowid FROM search_zh")]
        assert rows and set(rows) == {1}
    finally:
        store.close()


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_reader_check_reports_a_sound_database(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _cli(capsys, "check")
    assert status == 0 and out.startswith("The database is sound")


def test_backup_to_a_chosen_folder_then_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(capsys, "deck", "add", "学习", "--reading", "xue2 xi2")[0] == 0
    status, out, _ = _cli(capsys, "backup", "--to", str(tmp_path / "elsewhere"))
    assert status == 0
    backup = next((tmp_path / "elsewhere").glob("reader-*.sqlite"))
    assert str(backup) in out
    _cli(capsys, "deck", "remove", "1")
    status, out, _ = _cli(capsys, "restore", str(backup))
    assert status == 0 and "previous database was kept" in out
    status, out, _ = _cli(capsys, "deck", "list")
    assert "学习" in out
    status, out, _ = _cli(capsys, "restore")
    assert status == 0 and "set aside" in out


def test_restoring_a_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _cli(capsys, "restore", str(tmp_path / "missing.sqlite"))
    assert status == 2 and err.count("\n") == 1
