"""Importing known words: HSK levels, plain word lists in any encoding, and columns of Anki exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.known_words import (
    clean_word,
    hsk_words,
    import_known,
    parse_levels,
    preview_table,
    read_anki_export,
    read_word_list,
)
from reader.core.store.db import Store
from reader.core.store.deck import Deck
from reader.core.store.words import WordStatus, WordStatuses

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("1-3", [1, 2, 3]),  # a range
        ("1,2,4", [1, 2, 4]),  # a list
        ("3", [3]),  # one level only
        ("1–2, 7-9", [1, 2, 7, 8, 9]),  # en dash, spaces, the 7–9 band
    ],
)
def test_parse_levels(text: str, levels: list[int]) -> None:
    assert parse_levels(text) == levels


@pytest.mark.parametrize("text", ["0", "10", "3-1", "one", "1-", ""])
def test_bad_levels_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_levels(text)


def test_hsk_words_joins_levels_without_duplicates() -> None:
    lists = {1: ["我", "你"], 2: ["你", "银行"], 3: ["经济"]}
    assert hsk_words([1, 2], lambda level: lists[level]) == ["我", "你", "银行"]


@pytest.mark.parametrize(
    ("cell", "word"),
    [
        ("银行", "银行"),  # plain
        ("<b>银行</b>", "银行"),  # HTML
        ("行 (háng)", "行"),  # more after the word
        ("你好[sound:nihao.mp3]", "你好"),  # Anki sound tag
        ("&nbsp;学习&nbsp;", "学习"),  # entities
        ("马克·吐温", "马克·吐温"),  # middle dot inside a name
        ("hello", None),  # no Chinese
        ("", None),  # empty
    ],
)
def test_clean_word(cell: str, word: str | None) -> None:
    assert clean_word(cell) == word


#: Enough words for the encoding detection to tell GB18030 from Big5 (as a real word list would be).
SIMPLIFIED_WORDS = [
    "学习",
    "中文",
    "银行",
    "经济",
    "电脑",
    "医生",
    "学生",
    "老师",
    "朋友",
    "时间",
    "问题",
    "国家",
    "汉语",
    "喜欢",
    "觉得",
    "应该",
    "开始",
    "认识",
    "饭店",
    "电话",
]
TRADITIONAL_WORDS = [
    "學習",
    "中文",
    "銀行",
    "經濟",
    "電腦",
    "醫生",
    "學生",
    "老師",
    "朋友",
    "時間",
    "問題",
    "國家",
    "漢語",
    "喜歡",
    "覺得",
    "應該",
    "開始",
    "認識",
    "飯店",
    "電話",
]


@pytest.mark.parametrize(
    ("encoding", "words"),
    [
        ("utf-8", SIMPLIFIED_WORDS),
        ("utf-16", TRADITIONAL_WORDS),  # with a byte-order mark
        ("gb18030", SIMPLIFIED_WORDS),  # mainland Windows default
        ("big5", TRADITIONAL_WORDS),  # Taiwan/Hong Kong default
    ],
)
def test_word_list_in_any_encoding(tmp_path: Path, encoding: str, words: list[str]) -> None:
    path = tmp_path / "words.txt"
    lines = ["# my words", *words, "", f"{words[1]}\tzhong1 wen2\t Chinese", words[0]]
    path.write_bytes("\n".join(lines).encode(encoding))
    assert read_word_list(path) == words


def test_word_list_without_chinese_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("hello\nworld\n", encoding="utf-8")
    with pytest.raises(InputError, match="no Chinese words"):
        read_word_list(path)


@pytest.fixture
def anki_export(tmp_path: Path) -> Path:
    """A real "Notes in Plain Text" export written by Anki itself (GUID, note type, deck, Front, Back, tags)."""
    collection_module = pytest.importorskip("anki.collection")
    col = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        basic = col.models.by_name("Basic")
        for front, back in [("<b>银行</b>", "bank, money"), ("行 (háng)", "row\tline"), ("你好", '"hi"')]:
            note = col.new_note(basic)
            note["Front"], note["Back"] = front, back
            col.add_note(note, col.decks.id("Default"))
        path = tmp_path / "export.txt"
        col.export_note_csv(
            out_path=str(path),
            limit=None,
            with_html=True,
            with_tags=True,
            with_deck=True,
            with_notetype=True,
            with_guid=True,
        )
    finally:
        col.close()
    return path


def test_anki_export_reads_the_first_field_by_default(anki_export: Path) -> None:
    assert read_anki_export(anki_export) == ["银行", "行", "你好"]


def test_anki_export_column_by_number(anki_export: Path) -> None:
    assert read_anki_export(anki_export, 4) == ["银行", "行", "你好"]
    with pytest.raises(InputError, match="no Chinese words"):
        read_anki_export(anki_export, 5)


def test_anki_export_preview_names_the_meta_columns(anki_export: Path) -> None:
    preview = preview_table(anki_export)
    assert preview.columns == ["GUID", "Note type", "Deck", "Column 4", "Column 5", "Tags"]
    assert preview.rows[1][4] == "row\tline"
    assert preview.delimiter == "\t"


def test_csv_with_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "deck.csv"
    path.write_text('#separator:comma\n#columns:English,Hanzi\n"bank, money",银行\ngo,走\n', encoding="utf-8")
    assert read_anki_export(path, "hanzi") == ["银行", "走"]
    with pytest.raises(InputError, match="no column"):
        read_anki_export(path, "Pinyin")


def test_import_known_marks_only_unknown_words(store: Store) -> None:
    Deck(store).add("银行", "yin2 hang2")
    statuses = WordStatuses(store)
    result = import_known(statuses, ["我", "银行", "你", "我", "hello"])
    assert (result.words_read, result.marked_known, result.already_marked) == (3, 2, 1)
    assert statuses.statuses(["我", "你", "银行"]) == {
        "我": WordStatus.KNOWN,
        "你": WordStatus.KNOWN,
        "银行": WordStatus.NEW,
    }
    statuses.undo(result.change)
    assert statuses.status("我") is WordStatus.UNKNOWN
