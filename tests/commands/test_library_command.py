"""`reader import` and `reader library list|search|remove`: what a user scripting the library sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.store.annotations import Annotations
from reader.core.store.db import open_store
from reader.core.store.library import Library
from tests.conftest import REPO_ROOT, SAMPLE

pytestmark = pytest.mark.core


@pytest.fixture
def run_cli(reader_home: Path, capsys: pytest.CaptureFixture[str]):
    """Run `reader ...` in-process on this test's own data folder; return (status, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["--data-dir", str(reader_home), *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_adds_each_article_once(run_cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "一篇.txt", "标题\n\n第一段的内容。\n\n第二段的内容。\n")
    status, out, _err = run_cli("import", str(path))
    assert status == 0 and out.startswith("#1 ")
    status, out, _err = run_cli("import", str(path))
    assert status == 0 and "already in the library" in out


def test_list_json_describes_the_articles(run_cli) -> None:
    run_cli("import", str(SAMPLE))
    status, out, _err = run_cli("library", "list", "--json")
    rows = json.loads(out)
    assert status == 0 and len(rows) >= 1
    assert {"id", "title", "source_path", "source_kind", "characters", "progress", "tags"} <= set(rows[0])
    assert all(row["source_path"] == str(SAMPLE.resolve()) for row in rows)


def test_list_of_an_empty_library_says_so(run_cli) -> None:
    status, out, err = run_cli("library", "list")
    assert (status, out) == (0, "")
    assert "library is empty" in err


def test_search_prints_matching_sentences(run_cli, tmp_path: Path) -> None:
    run_cli("import", str(_write(tmp_path, "a.txt", "学习\n\n好好学习，天天向上。\n\n别的句子。\n")))
    status, out, _err = run_cli("library", "search", "天天")
    assert status == 0
    assert out.strip().endswith(": 好好学习，天天向上。")


def test_search_json(run_cli, tmp_path: Path) -> None:
    run_cli("import", str(_write(tmp_path, "a.txt", "学习\n\n好好学习，天天向上。\n")))
    _status, out, _err = run_cli("library", "search", "向上", "--json")
    hits = json.loads(out)
    assert [(h["sentence"], h["end"] - h["start"]) for h in hits] == [("好好学习，天天向上。", 2)]


def test_remove_keeps_highlights_unless_asked(run_cli, tmp_path: Path, reader_home: Path) -> None:
    run_cli("import", str(_write(tmp_path, "a.txt", "学习\n\n好好学习，天天向上。\n")))
    store = open_store(reader_home / "reader.sqlite")
    Annotations(store).add_highlight(1, 4, 8)
    store.close()
    status, out, _err = run_cli("library", "remove", "1")
    assert status == 0 and "highlights and bookmarks are kept" in out
    status, out, _err = run_cli("library", "remove", "1", "--with-annotations")
    assert status == 0 and out.startswith("Removed #1")
    assert json.loads(run_cli("library", "list", "--json")[1]) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("library", "remove", "99"), "There is no article #99 in the library."),
        (("import", "/no/such/file.txt"), "/no/such/file.txt does not exist."),
    ],
    ids=["missing-article", "missing-file"],
)
def test_errors_are_one_line_and_status_2(run_cli, args: tuple[str, ...], message: str) -> None:
    status, _out, err = run_cli(*args)
    assert status == 2
    assert err == f"reader: {message}\n"


def test_damaged_database_is_reported_in_one_line(run_cli, reader_home: Path) -> None:
    (reader_home / "reader.sqlite").write_bytes(b"not a database" * 100)
    status, _out, err = run_cli("library", "list")
    assert status == 2
    assert err == "reader: reader.sqlite is damaged (not a valid database); restore a backup or start fresh.\n"


def test_import_reads_other_formats_through_the_importers(run_cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "notes.md", "# 学习笔记\n\n今天学习了很多**新词**。\n")
    status, out, _err = run_cli("import", str(path))
    assert status == 0 and out.startswith("#1 学习笔记")
    rows = json.loads(run_cli("library", "list", "--json")[1])
    assert rows[0]["source_kind"] == "markdown"


def test_reimport_keeps_highlights_that_still_anchor(run_cli, tmp_path: Path, reader_home: Path) -> None:
    path = _write(tmp_path, "a.txt", "学习\n\n好好学习，天天向上。\n\n温故而知新。\n")
    run_cli("import", str(path))
    store = open_store(reader_home / "reader.sqlite")
    annotations = Annotations(store)
    text = Library(store).get_text(1)
    kept = annotations.add_highlight(1, text.index("天天向上"), text.index("天天向上") + 4)
    lost = annotations.add_highlight(1, text.index("温故而"), text.index("温故而") + 3)
    store.close()
    path.write_text("学习\n\n新的开头。\n\n好好学习，天天向上。\n", encoding="utf-8")
    status, out, _err = run_cli("library", "reimport", "1")
    assert status == 0
    assert "1 moved, 1 no longer found" in out and "not found: “温故而”" in out
    store = open_store(reader_home / "reader.sqlite")
    highlights = {h.id: h for h in Annotations(store).list_highlights(1)}
    store.close()
    assert highlights[kept.id].quote == "天天向上" and not highlights[kept.id].orphaned
    assert highlights[lost.id].orphaned


def test_reimport_of_a_deleted_file_is_one_line(run_cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "gone.txt", "学习\n\n好好学习，天天向上。\n")
    run_cli("import", str(path))
    path.unlink()
    status, _out, err = run_cli("library", "reimport", "1")
    assert status == 2 and err.count("\n") == 1 and "does not exist" in err


def test_a_long_text_imports_as_a_book_and_is_listed_with_its_chapters(run_cli, tmp_path: Path) -> None:
    paragraph = "这是一个很长的段落，没有章节标题。" * 100
    path = _write(tmp_path, "长文.txt", "\n\n".join([paragraph] * 60))
    status, out, _err = run_cli("import", str(path))
    assert status == 0 and out.startswith("Book 1 长文: ") and " chapters #1–#" in out
    status, out, _err = run_cli("library", "list")
    lines = out.splitlines()
    assert lines[0].startswith("Book 1\t长文\t") and "0/" in lines[0]
    assert lines[1].startswith("  #1\tPart 1\t") and lines[2].startswith("  #2\tPart 2\t")
    status, out, _err = run_cli("library", "list", "--json")
    rows = json.loads(out)
    assert [(row["book_id"], row["book_title"], row["chapter_index"]) for row in rows[:2]] == [
        (1, "长文", 0),
        (1, "长文", 1),
    ]


def test_remove_book_removes_its_chapters(run_cli, tmp_path: Path) -> None:
    paragraph = "这是一个很长的段落，没有章节标题。" * 100
    run_cli("import", str(_write(tmp_path, "长文.txt", "\n\n".join([paragraph] * 60))))
    status, out, _err = run_cli("library", "remove", "--book", "1")
    assert status == 0 and out.startswith("Removed book 1 长文 (")
    status, out, err = run_cli("library", "list")
    assert out == "" and "empty" in err
    status, _out, err = run_cli("library", "remove", "--book", "1")
    assert status == 2 and err.count("\n") == 1 and "no book #1" in err


def test_search_finds_pinyin_from_the_command_line(run_cli, tmp_path: Path) -> None:
    run_cli("import", str(_write(tmp_path, "科举.txt", "科举\n\n科举制度在中国延续了一千多年。\n")))
    status, out, _err = run_cli("library", "search", "keju", "--json")
    rows = json.loads(out)
    assert status == 0 and [row["sentence"] for row in rows] == ["科举", "科举制度在中国延续了一千多年。"]


REALDOCS = REPO_ROOT.parent / "shared" / "realdocs"


def test_a_real_epub_imports_as_one_book_with_its_chapters_in_order(run_cli) -> None:
    epub = REALDOCS / "epub2_hongloumeng_sigil_ncx.epub"
    if not epub.exists():
        pytest.skip("../shared/realdocs is not here")
    status, out, _err = run_cli("import", str(epub))
    assert status == 0 and out.startswith("Book 1 红楼梦: 120 chapters #1–#120")
    status, out, _err = run_cli("library", "list")
    lines = out.splitlines()
    assert lines[0].startswith("Book 1\t红楼梦 (曹雪芹") and "0/120 chapters read" in lines[0]
    assert lines[1].startswith("  #1\t第一回 ") and lines[120].startswith("  #120\t第一百二十回 ")
    status, out, _err = run_cli("import", str(epub))
    assert "already in the library" in out and "Book 1 " in out


def test_import_keeps_going_past_a_bad_file_and_says_which_failed(run_cli, tmp_path: Path) -> None:
    good = _write(tmp_path, "好.txt", "第一段的内容。\n")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    later = _write(tmp_path, "后.txt", "第二篇文章的内容。\n")
    status, out, err = run_cli("import", str(good), str(bad), str(later))
    assert status == 2
    assert out.count("\n") == 2  # both good files imported
    assert err.count("\n") == 1 and err.startswith("reader: ") and "bad.png" in err
