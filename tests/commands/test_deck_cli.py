"""`reader deck …`: add, list, remove, export and known-word imports from the command line."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.dictionary import Dictionary
from reader.core.paths import UserPaths
from reader.core.store.db import open_store
from reader.core.store.words import WordStatus, WordStatuses

pytestmark = pytest.mark.core

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="session")
def dictionary_index(shared_cache: Path) -> Path:
    """The compiled dictionary index (several seconds to build, so once per run, in the shared folder)."""
    dictionary = Dictionary.for_paths(UserPaths(shared_cache / "home").ensure())
    dictionary.open()
    dictionary.close()
    return dictionary.index_path


@pytest.fixture
def home(tmp_path: Path, dictionary_index: Path) -> Path:
    """A fresh data folder whose cache already holds the dictionary index (linked: the index is read-only)."""
    folder = tmp_path / "home"
    target = Dictionary.for_paths(UserPaths(folder).ensure()).index_path
    try:
        os.link(dictionary_index, target)
    except OSError:
        shutil.copyfile(dictionary_index, target)
    return folder


@pytest.fixture
def run(home: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `reader --data-dir HOME deck ...` in-process; return (status, stdout, stderr)."""

    def run_deck(*args: str) -> tuple[int, str, str]:
        status = main(["--data-dir", str(home), "deck", *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run_deck


def status_of(home: Path, word: str) -> WordStatus:
    store = open_store(home / "reader.sqlite")
    try:
        return WordStatuses(store).status(word)
    finally:
        store.close()


def test_add_then_list_as_json(run: Run) -> None:
    assert run("add", "银行", "--sentence", "我去银行。", "--definition", "bank", "--tag", "money")[0] == 0
    status, out, _ = run("list", "--json")
    assert status == 0
    (entry,) = json.loads(out)
    assert (entry["simplified"], entry["pinyin"], entry["pinyin_marks"]) == ("银行", "yin2 hang2", "yín háng")
    assert (entry["sentence"], entry["definition"], entry["tags"]) == ("我去银行。", "bank", ["money"])


def test_add_takes_reading_traditional_and_meaning_from_the_dictionary(run: Run) -> None:
    run("add", "银行")
    run("add", "行", "--reading", "háng")
    out = run("list", "--json", "--ascending")[1]
    bank, row = json.loads(out)
    assert (bank["pinyin"], bank["traditional"]) == ("yin2 hang2", "銀行")
    assert "bank" in bank["definition"].splitlines()
    assert "row" in row["definition"].splitlines()
    assert "to walk" not in row["definition"]  # the senses of the other reading, xíng


def test_add_with_a_reading_and_list_filters(run: Run) -> None:
    run("add", "行", "--reading", "xing2", "--status", "learning", "--definition", "to go")
    run("add", "行", "--reading", "háng", "--definition", "row")
    status, out, _ = run("list", "--status", "learning")
    assert status == 0
    assert out.splitlines() == ["#1\t行\txíng\tlearning\tto go"]
    assert len(run("list", "--search", "hang")[1].splitlines()) == 1


def test_adding_twice_is_one_clear_error(run: Run) -> None:
    run("add", "行", "--reading", "hang2")
    status, out, err = run("add", "行", "--reading", "háng")
    assert (status, out) == (2, "")
    assert err == "reader: 行 (háng) is already in the deck.\n"


def test_add_from_a_missing_article_is_refused(run: Run) -> None:
    status, _, err = run("add", "行", "--article", "7")
    assert status == 2
    assert "no article 7" in err


def test_remove(run: Run) -> None:
    run("add", "行", "--reading", "hang2")
    assert run("remove", "1")[0] == 0
    status, _, err = run("remove", "1")
    assert status == 2 and "no entry #1" in err


def test_export_then_since_last_export(run: Run, tmp_path: Path) -> None:
    run("add", "银行")
    status, out, _ = run("export", "--format", "anki-csv", "-o", str(tmp_path / "a.txt"), "--since-last-export")
    assert status == 0
    assert out.startswith("1 entries written to")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8").startswith("#separator:tab\n")
    status, out, _ = run("export", "--format", "anki-csv", "-o", str(tmp_path / "b.txt"), "--since-last-export")
    assert out.startswith("0 entries changed since")


@pytest.mark.parametrize("export_format", ["anki-csv", "anki-apkg", "csv", "pleco"])
def test_every_format_exports(run: Run, tmp_path: Path, export_format: str) -> None:
    run("add", "银行", "--tag", "money")
    path = tmp_path / "out"
    status, _, _ = run("export", "--format", export_format, "-o", str(path), "--tag", "money", "--status", "new")
    assert status == 0 and path.stat().st_size > 0


@pytest.mark.parametrize(("style", "written"), [("numbers", ">yin2</span>"), ("zhuyin", ">ㄧㄣˊ</span>")])
def test_export_writes_pinyin_in_the_style_asked_for(run: Run, tmp_path: Path, style: str, written: str) -> None:
    run("add", "银行", "--reading", "yin2 hang2")
    path = tmp_path / "deck.txt"
    assert run("export", "--format", "anki-csv", "-o", str(path), "--pinyin-style", style)[0] == 0
    assert written in path.read_text(encoding="utf-8")


def test_export_to_a_missing_folder_is_one_clear_error(run: Run, tmp_path: Path) -> None:
    status, _, err = run("export", "--format", "csv", "-o", str(tmp_path / "no" / "deck.csv"))
    assert status == 2
    assert err.count("\n") == 1 and "does not exist" in err


def test_export_help_says_which_note_type_the_csv_expects(run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["deck", "export", "--help"])
    out = capsys.readouterr().out
    assert '"Basic"' in out and '"Reader Chinese"' in out


def test_known_hsk_levels(run: Run, home: Path) -> None:
    status, out, _ = run("known", "hsk", "1")
    assert status == 0 and "marked known from HSK 1" in out
    assert status_of(home, "我") is WordStatus.KNOWN
    assert status_of(home, "经济") is WordStatus.UNKNOWN  # a later level


def test_known_word_list_and_anki_column(run: Run, home: Path, tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("银行\n学习\n", encoding="utf-8")
    anki = tmp_path / "anki.txt"
    anki.write_text("#separator:tab\nbank\t<b>经济</b>\n", encoding="utf-8")
    assert run("known", "list", str(words))[1].startswith("2 words marked known")
    assert run("known", "anki", str(anki), "--column", "2")[1].startswith("1 words marked known")
    assert [status_of(home, w) for w in ("银行", "学习", "经济")] == [WordStatus.KNOWN] * 3


def test_known_mark(run: Run, home: Path) -> None:
    assert run("known", "mark", "你好", "再见")[1] == "2 words marked known\n"
    assert status_of(home, "再见") is WordStatus.KNOWN
