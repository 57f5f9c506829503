"""Exports and deck fields: no control character reaches a file, links are written through, modes are kept,
and a locked database stops an export before any file is written."""

from __future__ import annotations

import os
import sqlite3
import stat
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.atomic import AtomicWriteError, atomic_output, write_text_atomic
from reader.core.cleantext import clean_field
from reader.core.export import ExportFormat, export_deck, write_entries
from reader.core.store.db import StoreLockedError, open_store
from reader.core.store.deck import Deck

pytestmark = pytest.mark.core

#: C0 controls a text import lets through (U+001F is Anki's field separator), with tab and newline for contrast.
CONTROLS = "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r") + "\x7f"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bank\x1fteller", "bank teller"),  # Anki's field separator becomes a space
        ("a\x00b", "a b"),  # NUL
        ("line\nbreak\tand tab", "line\nbreak\tand tab"),  # tab and newline are left to each format
        ("bad\udcffname", "bad\ufffdname"),  # an undecodable file-name byte
        ("銀行", "銀行"),  # ordinary text unchanged
        ("x\x7fy", "x y"),  # DEL
    ],
)
def test_clean_field(text: str, expected: str) -> None:
    assert clean_field(text) == expected


@pytest.fixture
def deck(store) -> Deck:
    return Deck(store)


def test_controls_are_removed_on_the_way_into_the_deck(deck: Deck) -> None:
    entry = deck.add(
        "银\x1f行",
        "yin2 hang2",
        definition=f"bank{CONTROLS}",
        sentence="他在银行\x1f工作。",
        note="a\x1fb",
        tags=["hsk\x1f3"],
        article_title="T\x00itle",
    )
    stored = deck.get(entry.id)
    texts = [stored.simplified, stored.definition, stored.sentence, stored.note, stored.article_title, *stored.tags]
    assert not any(ch in text for text in texts for ch in CONTROLS)
    assert stored.simplified == "银行" and stored.sentence_offset == 2


def _dirty_entry(deck: Deck):
    """An entry as an older database could hold it: controls in every text field (bypassing the deck's checks)."""
    entry = deck.add("银行", "yin2 hang2")
    return replace(
        entry,
        definition="bank\x1fCL:家",
        sentence="他在银行\x1f工作。",
        sentence_translation="He\x01 works.",
        note="n\x1fote",
        article_title="t\x1f",
        traditional="銀\x1f行",
        tags=("a\x1fb",),
    )


@pytest.mark.parametrize("export_format", list(ExportFormat))
def test_no_export_format_writes_a_control_character(tmp_path: Path, deck: Deck, export_format: ExportFormat) -> None:
    path = tmp_path / f"deck{export_format.suffix}"
    write_entries([_dirty_entry(deck)], export_format, path)
    if export_format is ExportFormat.ANKI_APKG:
        with zipfile.ZipFile(path) as package:
            (tmp_path / "c.anki2").write_bytes(package.read("collection.anki2"))
        connection = sqlite3.connect(tmp_path / "c.anki2")
        fields = [row[0].split("\x1f") for row in connection.execute("SELECT flds FROM notes")]
        connection.close()
        assert [len(f) for f in fields] == [9]  # Anki's Reader note type has 9 fields
        text = "".join(fields[0])
    else:
        text = path.read_text(encoding="utf-8-sig")
    assert not any(ch in text for ch in CONTROLS)


# -- the one atomic writer ------------------------------------------------------------------------------------------


def test_writing_to_a_symlink_writes_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_text_atomic(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "deck.csv"
    path.write_text("old")
    path.chmod(0o644)
    write_text_atomic(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "new.csv", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644


@pytest.mark.parametrize("export_format", list(ExportFormat))
def test_export_through_a_symlink_keeps_the_link(tmp_path: Path, deck: Deck, export_format: ExportFormat) -> None:
    deck.add("银行", "yin2 hang2")
    target = tmp_path / f"real{export_format.suffix}"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = tmp_path / f"link{export_format.suffix}"
    link.symlink_to(target)
    export_deck(deck, export_format, link)
    assert link.is_symlink() and target.read_bytes() != b"old"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_export_under_another_programs_write_lock_writes_nothing(tmp_path: Path) -> None:
    database = tmp_path / "reader.sqlite"
    store = open_store(database, busy_timeout_ms=100)
    deck = Deck(store)
    deck.add("银行", "yin2 hang2")
    other = sqlite3.connect(database)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(StoreLockedError, match="locked"):
            export_deck(deck, "csv", tmp_path / "deck.csv")
    finally:
        other.rollback()
        other.close()
        store.close()
    assert not (tmp_path / "deck.csv").exists()


class _CheckError(Exception):
    """Raised inside the block, as a caller's own check would (a pack's checksum, a database copy)."""


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (AtomicWriteError, AtomicWriteError),  # the default: one sentence for the user
        (None, OSError),  # callers that word their own message get the OSError itself
    ],
)
def test_a_failed_rename_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[AtomicWriteError] | None, raised: type[Exception]
) -> None:
    target = tmp_path / "deck.csv"
    target.write_text("old", encoding="utf-8")

    def broken_replace(source: object, destination: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("reader.core.atomic.os.replace", broken_replace)
    with pytest.raises(raised), atomic_output(target, error) as temp:
        temp.write_text("new", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.csv"]


def test_a_block_that_raises_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "pack.argosmodel"
    target.write_bytes(b"old")
    with pytest.raises(_CheckError), atomic_output(target, error=None, prefix=".download-", suffix=".part") as temp:
        assert temp.name.startswith(".download-") and temp.suffix == ".part"
        temp.write_bytes(b"half a download")
        raise _CheckError
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.argosmodel"]
