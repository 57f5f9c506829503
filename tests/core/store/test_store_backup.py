"""Daily backups: taking, listing, pruning, restoring, starting fresh — never deleting the live file."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reader.core.store.backup import (
    backup_if_due,
    backup_now,
    check_backup,
    list_backups,
    prune_backups,
    restore_backup,
    start_fresh,
)
from reader.core.store.db import StoreCorruptError, open_store
from reader.core.store.library import Library
from tests.core.store_helpers import make_article, make_article_lines

pytestmark = pytest.mark.core

NOON = datetime(2026, 3, 1, 12, 0, 0)


def _database_with(path: Path, *bodies: str) -> None:
    store = open_store(path)
    for body in bodies:
        Library(store).add_article(make_article_lines(body))
    store.close()


def _titles(path: Path) -> list[str]:
    store = open_store(path)
    try:
        return sorted(summary.title for summary in Library(store).list_articles())
    finally:
        store.close()


def test_backup_is_a_complete_self_contained_copy(tmp_path: Path) -> None:
    database = tmp_path / "reader.sqlite"
    store = open_store(database)
    Library(store).add_article(make_article())
    backup = backup_now(store, tmp_path / "backups", now=NOON)
    store.close()
    assert backup.name == "reader-20260301-120000.sqlite"
    assert not Path(str(backup) + "-wal").exists()
    check_backup(backup)
    connection = sqlite3.connect(backup)
    assert connection.execute("SELECT title FROM articles").fetchall() == [("学习中文",)]
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()


def test_backup_sees_committed_changes_of_the_open_store(tmp_path: Path) -> None:
    store = open_store(tmp_path / "reader.sqlite")
    library = Library(store)
    library.add_article(make_article())
    backup = backup_now(store, tmp_path / "backups")
    library.add_article(make_article_lines("后来加的。"))
    store.close()
    assert _titles(backup) == ["学习中文"]


def test_backup_of_an_in_memory_store(tmp_path: Path) -> None:
    store = open_store(":memory:")
    Library(store).add_article(make_article())
    backup = backup_now(store, tmp_path)
    store.close()
    assert _titles(backup) == ["学习中文"]


def test_daily_backup_happens_once_a_day_and_keeps_the_last_n(tmp_path: Path) -> None:
    store = open_store(tmp_path / "reader.sqlite")
    folder = tmp_path / "backups"
    taken = [backup_if_due(store, folder, keep=3, now=NOON + timedelta(days=day)) for day in range(5)]
    assert all(path is not None for path in taken)
    assert backup_if_due(store, folder, keep=3, now=NOON + timedelta(days=4, hours=5)) is None  # same day
    store.close()
    names = [info.path.name for info in list_backups(folder)]
    assert names == ["reader-20260305-120000.sqlite", "reader-20260304-120000.sqlite", "reader-20260303-120000.sqlite"]


def test_list_ignores_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / ".reader-backup-123.tmp").write_text("half written")
    assert list_backups(tmp_path) == []


def test_prune_always_keeps_one(tmp_path: Path) -> None:
    store = open_store(":memory:")
    backup = backup_now(store, tmp_path)
    store.close()
    assert prune_backups(tmp_path, 0) == []
    assert backup.exists()


def test_restore_moves_the_current_file_aside_and_copies_the_backup(tmp_path: Path) -> None:
    database = tmp_path / "reader.sqlite"
    _database_with(database, "备份前的文章。")
    store = open_store(database)
    backup = backup_now(store, tmp_path / "backups")
    Library(store).add_article(make_article_lines("备份后的文章。"))
    store.close()
    moved = restore_backup(backup, database)
    assert moved is not None and moved.exists()  # the replaced file is kept
    assert _titles(moved) == ["备份前的文章。", "备份后的文章。"]
    assert _titles(database) == ["备份前的文章。"]
    assert backup.exists()


def test_restore_replaces_a_damaged_database(tmp_path: Path) -> None:
    database = tmp_path / "reader.sqlite"
    _database_with(database, "好的文章。")
    store = open_store(database)
    backup = backup_now(store, tmp_path / "backups")
    store.close()
    database.write_bytes(b"ruined" * 1000)
    with pytest.raises(StoreCorruptError):
        open_store(database)
    moved = restore_backup(backup, database)
    assert moved is not None and moved.read_bytes() == b"ruined" * 1000
    assert _titles(database) == ["好的文章。"]


def test_damaged_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    database = tmp_path / "reader.sqlite"
    _database_with(database, "现在的文章。")
    bad = tmp_path / "reader-20260101-000000.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(StoreCorruptError, match="backup"):
        restore_backup(bad, database)
    assert _titles(database) == ["现在的文章。"]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("reader.sqlite-")) == [
        "reader-20260101-000000.sqlite",
        "reader.sqlite",
    ]


def test_start_fresh_moves_the_file_aside(tmp_path: Path) -> None:
    database = tmp_path / "reader.sqlite"
    _database_with(database, "旧的文章。")
    moved = start_fresh(database)
    assert moved is not None and _titles(moved) == ["旧的文章。"]
    assert _titles(database) == []
