"""Two processes opening a new data folder at once: migrations run once, under a lock, and no word is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.store.db import open_store
from reader.core.store.deck import Deck

pytestmark = pytest.mark.core

ROUNDS = 10
REPO = Path(__file__).resolve().parents[3]
#: Each child waits for the start file, then opens the database and adds its word.
CHILD = """
import sys, time, pathlib
start = pathlib.Path(sys.argv[2])
while not start.exists():
    time.sleep(0.001)
from reader.core.store.db import open_store
from reader.core.store.deck import Deck
store = open_store(sys.argv[1])
Deck(store).add(sys.argv[3], sys.argv[4])
store.close()
"""


def test_two_processes_on_a_new_data_folder_both_keep_their_word(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for round_number in range(ROUNDS):
        folder = tmp_path / f"round{round_number}"
        folder.mkdir()
        database, start = folder / "reader.sqlite", folder / "go"
        children = [
            subprocess.Popen(
                [sys.executable, "-c", CHILD, str(database), str(start), word, pinyin],
                env=env,
                stderr=subprocess.PIPE,
            )
            for word, pinyin in (("银行", "yin2 hang2"), ("学习", "xue2 xi2"))
        ]
        time.sleep(1.0)  # both children have imported and are waiting
        start.touch()
        for child in children:
            _, errors = child.communicate(timeout=60)
            assert child.returncode == 0, f"round {round_number}: {errors.decode()}"
        store = open_store(database)
        try:
            assert sorted(entry.simplified for entry in Deck(store).query()) == ["学习", "银行"]
        finally:
            store.close()


def test_applying_the_migrations_twice_changes_nothing(tmp_path: Path) -> None:
    database = tmp_path / "reader.sqlite"
    open_store(database).close()
    store = open_store(database)
    try:
        applied = store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        from reader.core.store.db import _migrate

        _migrate(store.db)
        assert store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == applied
    finally:
        store.close()


def test_deck_and_annotation_writes_are_fully_synchronous(tmp_path: Path) -> None:
    store = open_store(tmp_path / "reader.sqlite")
    try:
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL, as Anki
    finally:
        store.close()
