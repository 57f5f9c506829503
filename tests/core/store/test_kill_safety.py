"""Crash safety: SIGKILL a process at random moments while it adds words and highlights; nothing that returned is lost.

100 rounds: a child process (tests/core/kill_worker.py) adds deck words and highlights in a loop, printing each
add once it has returned; the parent kills it after a random delay, then checks that the database passes
``PRAGMA integrity_check`` and still holds every word and highlight the child reported.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.store.annotations import Annotations
from reader.core.store.db import open_store
from reader.core.store.deck import Deck
from reader.core.store.library import Library
from tests.core.store_helpers import make_article

pytestmark = [pytest.mark.core, pytest.mark.slow]

ROUNDS = 100
REPO = Path(__file__).resolve().parents[3]


def _run_and_kill(database: Path, round_number: int, delay: float) -> list[str]:
    """Start the worker, let it add for ``delay`` seconds after it is ready, SIGKILL it; return its complete lines."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.core.kill_worker", str(database), str(round_number)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout is not None
    ready = child.stdout.readline()
    assert ready == b"ready\n", child.stderr.read().decode() if child.stderr else ""
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    # Read through the same buffered reader as `readline` above: it may already hold the start of the next line,
    # which `communicate()` (reading the raw pipe) would skip, leaving half a line to parse.
    output = child.stdout.read()
    errors = child.stderr.read() if child.stderr is not None else b""
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, errors.decode()
    return [line for line in output.decode().split("\n")[:-1]]  # the last piece is incomplete (or empty)


@pytest.mark.timeout(900)
def test_nothing_that_returned_is_lost_after_sigkill(tmp_path: Path) -> None:
    database = tmp_path / "reader.sqlite"
    store = open_store(database)
    Library(store).add_article(make_article("杀进程测试\n\n" + "我们在这里反复添加生词和高亮。" * 20))
    store.close()
    chooser = random.Random(20261126)
    words: dict[int, str] = {}
    highlights: dict[int, tuple[int, int]] = {}
    for round_number in range(ROUNDS):
        for line in _run_and_kill(database, round_number, chooser.uniform(0.0, 0.4)):
            kind, row_id, *rest = line.split(" ")
            if kind == "word":
                words[int(row_id)] = rest[0]
            else:
                highlights[int(row_id)] = (int(rest[0]), int(rest[1]))
    store = open_store(database)
    try:
        assert store.integrity_problems(full=True) == []
        deck, annotations = Deck(store), Annotations(store)
        assert {entry_id: deck.get(entry_id).simplified for entry_id in words} == words
        article_id = Library(store).list_articles()[0].id
        stored = {h.id: (h.start, h.end) for h in annotations.list_highlights(article_id)}
        assert {hid: stored.get(hid) for hid in highlights} == highlights
    finally:
        store.close()
    assert len(words) > ROUNDS  # the children really were killed in the middle of their work
