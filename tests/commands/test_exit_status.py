"""The exit-status contract of ``reader``: one ``reader: …`` line and status 2 for every failure the user can fix.

Each row is one way a command used to crash, print a traceback or several lines, or do the wrong thing.
Standard output problems (a closed pipe, a full disk) need a real process, so those rows run ``reader`` as one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from reader.cli import _with_default_command, build_parser, main
from reader.core.crashlog import write_crash_log
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.core

HUGE = "99999999999999999999"
TEXT = "中文测试。银行很好。\n"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # a misspelt command is an error, not the window opening on a file that does not exist
        (("dictionary", "银行"), "neither a command nor a file"),
        # argparse's usage error: six lines became one
        (("deck",), "the following arguments are required"),
        # an unknown option
        (("library", "list", "--nope"), "unrecognized arguments"),
        # a number too large for SQLite (OverflowError)
        (("library", "remove", HUGE), "too large a number"),
        (("library", "search", "银行", "--limit", HUGE), "too large a number"),
        (("deck", "list", "--article", HUGE), "too large a number"),
        (("deck", "list", "--limit", HUGE), "too large a number"),
        (("dict", "--english", "bank", "--limit", HUGE), "too large a number"),
        # not a number at all
        (("library", "remove", "abc"), "not a whole number"),
    ],
)
def test_usage_errors_are_one_line_and_status_2(
    args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(capsys, *args)
    assert status == 2 and out == ""
    assert err.startswith("reader: ") and err.count("\n") == 1 and message in err


def test_an_existing_file_still_opens_the_window(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    parser = build_parser()
    assert _with_default_command([str(path)], parser) == ["gui", str(path)]
    assert _with_default_command(["--data-dir", "d"], parser) == ["--data-dir", "d", "gui"]
    assert _with_default_command(["dict", "银行"], parser) == ["dict", "银行"]


@pytest.mark.parametrize(
    "make_data_dir",
    [
        # the data folder is a file
        lambda tmp: (tmp / "file").write_text("x") and tmp / "file",
        # a file stands where a folder inside the data folder should be
        lambda tmp: (tmp / "d").mkdir() or ((tmp / "d" / "logs").write_text("x") and tmp / "d"),
        # the data folder lies below a file
        lambda tmp: (tmp / "f").write_text("x") and tmp / "f" / "data",
    ],
)
def test_unusable_data_folder_is_one_sentence(make_data_dir, tmp_path: Path, capsys) -> None:
    data_dir = make_data_dir(tmp_path)
    status, _, err = _run(capsys, "--data-dir", str(data_dir), "deck", "add", "银行", "--reading", "yin2 hang2")
    assert status == 2 and err.count("\n") == 1
    assert "cannot be used" in err or "cannot be opened" in err


def test_two_crash_logs_in_the_same_second_are_both_kept(tmp_path: Path) -> None:
    now = datetime(2026, 12, 6, 12, 0, 0)
    first = write_crash_log(tmp_path, "first", now=now)
    second = write_crash_log(tmp_path, "second", now=now)
    assert first != second
    assert (first.read_text(), second.read_text()) == ("first", "second")


def test_internal_errors_name_a_new_crash_log(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("reader.commands.library.run_list", _boom)
    monkeypatch.setattr("reader.cli.write_crash_log", _fixed_time(write_crash_log))
    data = str(tmp_path / "data")
    first = _run(capsys, "--data-dir", data, "library", "list")
    second = _run(capsys, "--data-dir", data, "library", "list")
    assert first[0] == second[0] == 1
    assert len(list((tmp_path / "data" / "logs").glob("crash-*.log"))) == 2


def _boom(args: object) -> int:
    raise RuntimeError("a bug")


def _fixed_time(real):
    return lambda logs, details: real(logs, details, now=datetime(2026, 12, 6, 12, 0, 0))


# -- in a real process: standard output and file names ----------------------------------------------------------------


def _reader(args: list[str | bytes], home: Path, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "READER_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *args], env=env, capture_output=True, timeout=120, **kwargs
    )  # type: ignore[call-overload]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT * 2000, encoding="utf-8")
    return path


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_on_stdout_is_one_line(article: Path, tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reader.cli", "annotate", "--no-translate", str(article)],
            env={**os.environ, "READER_HOME": str(tmp_path / "h"), "PYTHONPATH": str(REPO_ROOT)},
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err.startswith("reader: standard output could not be written") and err.count("\n") == 1


def test_closed_pipe_ends_quietly(article: Path, tmp_path: Path) -> None:
    env = {**os.environ, "READER_HOME": str(tmp_path / "h"), "PYTHONPATH": str(REPO_ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "reader.cli", "annotate", "--no-translate", str(article)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # like `| head -c 10`
    err = process.stderr.read().decode()
    assert process.wait(120) == 0 and err == ""


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_file_name_that_is_not_utf8_imports_and_prints(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    name = folder + b"/bad\xff.txt"
    with open(name, "wb") as stream:
        stream.write(TEXT.encode())
    result = _reader([b"import", name], tmp_path / "h")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b"" and result.stdout.startswith(b"#1 bad")
    result = _reader([b"annotate", b"--no-translate", name], tmp_path / "h")
    assert result.returncode == 0 and result.stderr == b""


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_export_to_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    home = tmp_path / "h"
    assert _reader(["deck", "add", "学习", "--reading", "xue2 xi2"], home).returncode == 0
    name = os.fsencode(tmp_path) + b"/out\xfe.csv"
    result = _reader([b"deck", b"export", b"--format", b"csv", b"-o", name], home)
    assert result.returncode == 0 and result.stderr == b"", result.stderr.decode()
    assert os.path.exists(name)
