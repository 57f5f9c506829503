"""The compiled index: built once with progress, opened afterwards, replaced atomically from a newer CC-CEDICT."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.core.dictionary import Dictionary, DictionaryError
from reader.core.dictionary import build as build_module
from reader.core.dictionary import dictionary as dictionary_module
from reader.core.dictionary.cedict import parse_line
from reader.core.dictionary.sources import bundled_sources
from reader.core.paths import UserPaths

pytestmark = pytest.mark.core

#: Entries copied from the bundled CC-CEDICT into small test files (above the 10,000-entry minimum).
SMALL_FILE_ENTRIES = 10_500
EXTRA_ENTRY = "測試詞條 测试词条 [ce4 shi4 ci2 tiao2] /a test entry only found in the newer file/"


def copy_of_shared_index(dictionary: Dictionary, home: Path) -> Dictionary:
    """A dictionary in ``home`` whose index is a copy of the shared one (so replacing it touches nothing shared)."""
    copy = Dictionary.for_paths(UserPaths(home).ensure())
    shutil.copyfile(dictionary.index_path, copy.index_path)
    return copy


@pytest.fixture(scope="module")
def small_cedict(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CC-CEDICT file with the first entries of the bundled one and one entry of its own."""
    path = tmp_path_factory.mktemp("cedict") / "cedict_ts.u8"
    lines = ["# CC-CEDICT\n", "#! version=1\n", "#! date=2026-11-01T00:00:00Z\n"]
    with bundled_sources().cedict.open(encoding="utf-8") as handle:
        for line in handle:
            lines.append(line)
            if len(lines) > SMALL_FILE_ENTRIES:
                break
    lines.append(EXTRA_ENTRY + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_first_open_compiles_with_progress(tmp_path: Path, small_cedict: Path) -> None:
    # The learner's copy is used when present: a small file keeps this test fast.
    dictionary = Dictionary.for_paths(UserPaths(tmp_path).ensure())
    dictionary.user_source.parent.mkdir(parents=True)
    shutil.copyfile(small_cedict, dictionary.user_source)
    calls: list[tuple[int, int]] = []
    dictionary.open(lambda done, total: calls.append((done, total)))
    assert calls[0][0] == 0
    assert calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert dictionary.lookup("测试词条")[0].pinyin_numbers == "ce4 shi4 ci2 tiao2"
    assert dictionary.info().cedict_date == "2026-11-01T00:00:00Z"


def test_later_opens_do_not_compile(dictionary: Dictionary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = copy_of_shared_index(dictionary, tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the index was compiled again")

    monkeypatch.setattr(dictionary_module, "compile_in_child", refuse)
    copy.open()
    assert copy.ready
    assert copy.lookup("银行")


def test_damaged_index_is_rebuilt(tmp_path: Path, small_cedict: Path) -> None:
    dictionary = Dictionary.for_paths(UserPaths(tmp_path).ensure())
    dictionary.user_source.parent.mkdir(parents=True)
    shutil.copyfile(small_cedict, dictionary.user_source)
    dictionary.index_path.write_bytes(b"not a database at all" * 100)
    dictionary.open()
    assert dictionary.contains("测试词条")


def test_newer_source_file_forces_a_rebuild(tmp_path: Path, small_cedict: Path) -> None:
    dictionary = Dictionary.for_paths(UserPaths(tmp_path).ensure())
    dictionary.user_source.parent.mkdir(parents=True)
    shutil.copyfile(small_cedict, dictionary.user_source)
    old = dictionary.fingerprint()
    with dictionary.user_source.open("a", encoding="utf-8") as handle:
        handle.write("再測試 再测试 [zai4 ce4 shi4] /to test again/\n")
    assert dictionary.fingerprint() != old
    dictionary.open()
    assert dictionary.contains("再测试")


def test_replace_from_file_swaps_the_index(dictionary: Dictionary, tmp_path: Path, small_cedict: Path) -> None:
    copy = copy_of_shared_index(dictionary, tmp_path / "home")
    copy.open()
    generation = copy.generation
    calls: list[tuple[int, int]] = []
    info = copy.replace_from_file(small_cedict, lambda done, total: calls.append((done, total)))
    assert info.user_file
    lines = small_cedict.read_text(encoding="utf-8").splitlines()
    assert info.entries == sum(parse_line(line) is not None for line in lines) > SMALL_FILE_ENTRIES - 10
    assert copy.lookup("测试词条")
    assert copy.generation != generation
    assert calls and calls[-1][0] == calls[-1][1]
    assert not list(copy.index_path.parent.glob("*.tmp")) and not list(copy.user_source.parent.glob("*.tmp"))
    # The next start uses the learner's file without compiling again.
    again = Dictionary.for_paths(UserPaths(tmp_path / "home"))
    assert again.fingerprint() == copy.fingerprint()
    again.open()
    assert again.contains("测试词条")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "not UTF-8"),
        (b"Just some notes,\nnothing like a dictionary.\n", "not a CC-CEDICT file"),
        (b"", "not a CC-CEDICT file"),
    ],
    ids=["binary", "text", "empty"],
)
def test_replace_refuses_a_file_that_is_not_cedict(
    dictionary: Dictionary, tmp_path: Path, content: bytes, message: str
) -> None:
    copy = copy_of_shared_index(dictionary, tmp_path / "home")
    bad = tmp_path / "cedict_ts.u8"
    bad.write_bytes(content)
    with pytest.raises(DictionaryError, match=message):
        copy.replace_from_file(bad)
    assert copy.lookup("银行"), "the old index still answers"
    assert not copy.user_source.exists()


def test_replace_refuses_a_truncated_file(dictionary: Dictionary, tmp_path: Path) -> None:
    copy = copy_of_shared_index(dictionary, tmp_path / "home")
    short = tmp_path / "cedict_ts.u8"
    with bundled_sources().cedict.open(encoding="utf-8") as handle:
        short.write_text("".join(next(handle) for _ in range(500)), encoding="utf-8")
    with pytest.raises(DictionaryError, match="holds only 500 dictionary entries"):
        copy.replace_from_file(short)
    assert copy.lookup("银行")
    assert not list(copy.index_path.parent.glob("*new*"))


def test_replace_refuses_a_missing_file(dictionary: Dictionary, tmp_path: Path) -> None:
    copy = copy_of_shared_index(dictionary, tmp_path / "home")
    with pytest.raises(DictionaryError, match="is not a file"):
        copy.replace_from_file(tmp_path / "nowhere.u8")


def test_failed_compile_leaves_no_half_written_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "index.sqlite"
    target.write_bytes(b"previous index")

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(build_module, "_write", crash)
    with pytest.raises(RuntimeError):
        build_module.compile_index(target, bundled_sources(), fingerprint="x")
    assert target.read_bytes() == b"previous index"
    assert os.listdir(tmp_path) == ["index.sqlite"]


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("行 行 [xing2] /to walk/to go/", ("行", "行", ("xing2",), ("to walk", "to go"))),
        ("綠 绿 [lu:4] /green/", ("綠", "绿", ("lv4",), ("green",))),
        ("T恤 T恤 [T xu4] /T-shirt/", ("T恤", "T恤", ("T", "xu4"), ("T-shirt",))),
        ("# comment", None),
        ("", None),
        ("broken line without brackets", None),
    ],
)
def test_parse_cedict_line(line: str, parsed: tuple[object, ...] | None) -> None:
    entry = parse_line(line)
    if parsed is None:
        assert entry is None
    else:
        assert entry is not None
        assert (entry.traditional, entry.simplified, entry.syllables, entry.senses) == parsed
