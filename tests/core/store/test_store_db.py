"""Opening the database: pragmas, migrations, and clear errors for damaged, read-only and locked files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.core.errors import StoreError
from reader.core.store.db import (
    StoreCorruptError,
    StoreLockedError,
    StoreReadOnlyError,
    move_aside,
    open_store,
)
from reader.core.store.library import Library
from tests.core.store_helpers import make_article

pytestmark = pytest.mark.core


def _one_sentence(message: str) -> bool:
    return "\n" not in message and message.endswith(".") and message.count(". ") == 0


def _filled_database(path: Path, articles: int = 30) -> None:
    store = open_store(path)
    library = Library(store)
    for number in range(articles):
        library.add_article(make_article(f"第{number}篇文章\n\n这是第{number}篇的内容，" + "学习中文。" * 200))
    store.close()


def test_new_database_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path / "reader.sqlite")
    with store.read() as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()


def test_migrations_are_recorded_by_named_set(tmp_path: Path) -> None:
    store = open_store(tmp_path / "reader.sqlite")
    with store.read() as db:
        sets = {row[0] for row in db.execute("SELECT migration_set FROM _sqlite_migrations")}
    store.close()
    assert {"library", "search", "annotations"} <= sets


def test_reopening_keeps_data_and_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "reader.sqlite"
    store = open_store(path)
    article_id = Library(store).add_article(make_article())
    store.close()
    store = open_store(path)
    with store.read() as db:
        names = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations")]
    assert Library(store).get_summary(article_id).title == "学习中文"
    assert len(names) == len(set(names))
    store.close()


def test_write_rolls_back_when_the_block_raises() -> None:
    store = open_store(":memory:")
    library = Library(store)
    with pytest.raises(RuntimeError), store.write():
        library.add_article(make_article())
        raise RuntimeError("abandon")
    assert library.list_articles() == []


def test_threads_share_the_store_without_lock_errors(tmp_path: Path) -> None:
    store = open_store(tmp_path / "reader.sqlite")
    library = Library(store)
    errors: list[BaseException] = []

    def add(worker: int) -> None:
        try:
            for number in range(10):
                library.add_article(make_article(f"线程{worker}的第{number}篇\n\n内容{worker}和{number}。"))
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(library.list_articles()) == 40
    store.close()


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a database at all, just some text\n" * 20,  # a text file renamed .sqlite
        b"\x00\x01\x02\x03" * 1000,  # binary junk
        b"SQLite format 3",  # a header cut short
    ],
    ids=["text", "binary", "short-header"],
)
def test_file_that_is_not_a_database_is_reported_and_left_alone(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "reader.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreCorruptError) as caught:
        open_store(path)
    assert _one_sentence(str(caught.value))
    assert "damaged" in str(caught.value)
    assert path.read_bytes() == content


def test_damaged_pages_are_found_by_the_check_on_open(tmp_path: Path) -> None:
    """A file whose header and schema survived but whose data pages did not is refused when opened."""
    path = tmp_path / "reader.sqlite"
    _filled_database(path)
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 10 * page
    for offset in range(2 * page, len(data) - page, 3 * page):  # scribble over every third page after the schema
        data[offset : offset + page] = os.urandom(page)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreCorruptError):
        open_store(path)


def test_integrity_problems_is_empty_for_a_sound_file(tmp_path: Path) -> None:
    path = tmp_path / "reader.sqlite"
    _filled_database(path, articles=3)
    store = open_store(path, check=True)
    assert store.integrity_problems(full=True) == []
    store.close()


@contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable: chmod for a normal user; root writes anyway, so root sets the immutable flag."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], check=False).returncode:
        pytest.skip("running as root on a file system without chattr +i: cannot make a file read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_read_only_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "reader.sqlite"
    _filled_database(path, articles=1)
    with _read_only(path), pytest.raises(StoreReadOnlyError) as caught:
        open_store(path)
    assert str(caught.value) == "reader.sqlite is read-only; Reader cannot save changes to it."


def test_read_only_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with _read_only(folder), pytest.raises(StoreReadOnlyError) as caught:
        open_store(folder / "reader.sqlite")
    assert "read-only" in str(caught.value)
    assert _one_sentence(str(caught.value))


def test_read_only_error_from_sqlite_is_classified() -> None:
    from reader.core.store.db import store_error

    error = store_error(sqlite3.OperationalError("attempt to write a readonly database"), Path("reader.sqlite"))
    assert isinstance(error, StoreReadOnlyError)
    assert str(error) == "reader.sqlite is read-only; Reader cannot save changes to it."


HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute(sys.argv[2])
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(30)
"""


def _hold_lock(path: Path, mode: str = "PRAGMA journal_mode=WAL") -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), mode], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    return process


def test_write_while_another_process_holds_the_lock_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "reader.sqlite"
    store = open_store(path, busy_timeout_ms=200)
    holder = _hold_lock(path)
    try:
        started = time.monotonic()
        with pytest.raises(StoreLockedError) as caught:
            Library(store).add_article(make_article())
        assert time.monotonic() - started < 5
        assert _one_sentence(str(caught.value))
        assert "locked by another program" in str(caught.value)
    finally:
        holder.kill()
        holder.wait()
    assert Library(store).add_article(make_article()) > 0  # usable once the other program lets go
    store.close()


def test_opening_a_database_locked_exclusively_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "reader.sqlite"
    holder = _hold_lock(path, "PRAGMA locking_mode=EXCLUSIVE")  # another program that keeps the file to itself
    try:
        with pytest.raises(StoreLockedError):
            open_store(path, busy_timeout_ms=200)
    finally:
        holder.kill()
        holder.wait()


def test_move_aside_renames_the_file_and_its_companions(tmp_path: Path) -> None:
    path = tmp_path / "reader.sqlite"
    path.write_bytes(b"bad")
    (tmp_path / "reader.sqlite-wal").write_bytes(b"wal")
    moved = move_aside(path)
    assert moved is not None and moved.read_bytes() == b"bad"
    assert moved.name.startswith("reader.sqlite.bad-")
    assert (tmp_path / (moved.name + "-wal")).read_bytes() == b"wal"
    assert not path.exists() and not (tmp_path / "reader.sqlite-wal").exists()


def test_move_aside_twice_in_one_second_keeps_both(tmp_path: Path) -> None:
    path = tmp_path / "reader.sqlite"
    path.write_bytes(b"first")
    first = move_aside(path)
    path.write_bytes(b"second")
    second = move_aside(path)
    assert first != second
    assert first is not None and first.read_bytes() == b"first"
    assert second is not None and second.read_bytes() == b"second"


def test_move_aside_of_a_missing_file_does_nothing(tmp_path: Path) -> None:
    assert move_aside(tmp_path / "nothing.sqlite") is None


def test_after_moving_a_damaged_file_aside_a_fresh_database_opens(tmp_path: Path) -> None:
    path = tmp_path / "reader.sqlite"
    path.write_bytes(b"garbage" * 100)
    with pytest.raises(StoreCorruptError):
        open_store(path)
    move_aside(path)
    store = open_store(path)
    assert Library(store).list_articles() == []
    store.close()


def test_a_folder_in_place_of_the_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "reader.sqlite").mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path / "reader.sqlite")
