"""`reader dict`: look up, search by pinyin or English, load a newer CC-CEDICT, from the command line."""

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

pytestmark = pytest.mark.core

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def home(tmp_path: Path, dictionary: Dictionary) -> Path:
    """A data folder whose cache holds the run's compiled index (linked: the index is only read)."""
    folder = tmp_path / "home"
    target = Dictionary.for_paths(UserPaths(folder).ensure()).index_path
    try:
        os.link(dictionary.index_path, target)
    except OSError:
        shutil.copyfile(dictionary.index_path, target)
    return folder


@pytest.fixture
def run(home: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `reader --data-dir HOME dict ...` in-process; return (status, stdout, stderr)."""

    def run_dict(*args: str) -> tuple[int, str, str]:
        status = main(["--data-dir", str(home), "dict", *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run_dict


def test_word_lookup_prints_each_reading(run: Run) -> None:
    status, out, _ = run("行")
    assert status == 0
    assert "xíng" in out and "háng" in out
    assert "HSK 3" in out
    assert "parts (left-right): 彳" in out


def test_word_lookup_as_json(run: Run) -> None:
    status, out, _ = run("銀行", "--json")
    data = json.loads(out)
    assert status == 0
    assert data["mode"] == "word"
    assert data["results"][0]["simplified"] == "银行"
    assert data["results"][0]["pinyin"] == "yin2 hang2"
    assert data["results"][0]["hsk_level"] == 3


def test_a_phrase_is_cut_into_dictionary_words(run: Run) -> None:
    status, out, _ = run("我们去银行取钱", "--json")
    data = json.loads(out)
    assert status == 0
    assert [item["word"] for item in data["words"]] == ["我们", "去", "银行", "取钱"]


def test_pinyin_search(run: Run) -> None:
    status, out, _ = run("--pinyin", "xué xí", "--pinyin-style", "numbers")
    assert status == 0
    assert out.splitlines()[0].startswith("学习")
    assert "xue2 xi2" in out


def test_english_search_as_json(run: Run) -> None:
    status, out, _ = run("--english", "train station", "--json")
    assert status == 0
    assert json.loads(out)["results"][0]["simplified"] == "火车站"


def test_no_entry_says_so(run: Run) -> None:
    status, out, _ = run("--english", "zzzzqqq")
    assert status == 0
    assert out == "No dictionary entry for 'zzzzqqq'.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Give one word, or one of --pinyin, --english or --load-cedict."),
        (("行", "--pinyin", "xing"), "Give one word, or one of --pinyin, --english or --load-cedict."),
        (("行", "--limit", "0"), "--limit must be at least 1."),
    ],
)
def test_bad_arguments_give_one_line(run: Run, args: tuple[str, ...], message: str) -> None:
    status, out, err = run(*args)
    assert status == 2
    assert out == ""
    assert err == f"reader: {message}\n"


def test_loading_a_file_that_is_not_cedict_is_refused(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("shopping list\nmilk\n", encoding="utf-8")
    status, _, err = run("--load-cedict", str(bad))
    assert status == 2
    assert err.startswith("reader: notes.txt is not a CC-CEDICT file")
