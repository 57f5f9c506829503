"""Plain CSV and Pleco exports, the Anki CSV text itself, choosing entries, and files that are never half-written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reader.core.export import ExportFormat, ExportOptions, export_deck, write_entries
from reader.core.export.anki_csv import AnkiLayout, describe_layout, quote_field, render
from reader.core.export.fields import html_text, note_guid, one_line, sentence_html
from reader.core.export.files import ExportError
from reader.core.export.plain_csv import COLUMNS, safe_cell
from reader.core.export.pleco import headword
from reader.core.pinyin.styles import PinyinStyle
from reader.core.store.db import Store
from reader.core.store.deck import Deck, DeckQuery
from reader.core.store.words import WordStatus
from tests.core.deck_helpers import AWKWARD_ENTRIES, Clock, add_awkward

pytestmark = pytest.mark.core


@pytest.fixture
def deck(store: Store) -> Deck:
    return Deck(store, clock=Clock())


# -- field formatting -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "written"),
    [
        ("plain", "plain"),
        ("#hash", '"#hash"'),  # a line starting with # would be a comment
        ("a#b", "a#b"),  # # elsewhere is harmless
        ('say "hi"', '"say ""hi"""'),  # quotes doubled inside a quoted field
        ('"', '""""'),
        ("a,b", "a,b"),  # commas are not the separator
    ],
)
def test_quote_field(field: str, written: str) -> None:
    assert quote_field(field) == written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a & b < c > d", "a &amp; b &lt; c &gt; d"),
        ("one\ntwo\r\nthree\rfour", "one<br>two<br>three<br>four"),
        ("tab\there", "tab here"),
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ("e\u0301", "\u00e9"),  # NFC
    ],
)
def test_html_text(text: str, expected: str) -> None:
    assert html_text(text) == expected


@pytest.mark.parametrize(
    ("sentence", "word", "offset", "expected"),
    [
        ("他在银行工作，一行一行地写。", "行", 8, "他在银行工作，一<b>行</b>一行地写。"),  # the clicked occurrence
        ("他在银行工作。", "银行", None, "他在<b>银行</b>工作。"),  # no offset: every occurrence
        ("他在银行工作。", "银行", 0, "他在<b>银行</b>工作。"),  # a stale offset is ignored
        ("a<b & 银行", "银行", 6, "a&lt;b &amp; <b>银行</b>"),  # escaped around the word
    ],
)
def test_sentence_html(sentence: str, word: str, offset: int | None, expected: str) -> None:
    assert sentence_html(sentence, word, offset) == expected


def test_note_guid_depends_on_the_key_only() -> None:
    guid = note_guid("行[hang2]")
    assert guid == note_guid("行[hang2]")
    assert guid != note_guid("行[xing2]")
    assert guid != note_guid("行[hang2]", "basic")
    assert guid.isalnum() and len(guid) == 16


def test_anki_csv_has_no_raw_tab_or_newline_inside_a_field(deck: Deck) -> None:
    entries = add_awkward(deck)
    text = render(entries, AnkiLayout.READER)
    lines = text.splitlines()
    body = [line for line in lines if not line.startswith("#")]
    assert len(lines) == 8 + len(entries)  # one line per entry: no line break escaped into the file
    assert len(body) == len(entries)  # the #话题 row starts with a quote, so it is no comment
    assert all(line.count("\t") == 10 for line in body)  # 9 fields, tags, GUID: no stray tab


def test_anki_csv_header_lines(deck: Deck) -> None:
    text = render([], AnkiLayout.BASIC, "Chinese::Reader\n")
    assert text.splitlines() == [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck:Chinese::Reader",
        "#tags column:3",
        "#guid column:4",
        "#if matches:update current",
    ]


@pytest.mark.parametrize(
    ("export_format", "style", "written"),
    [
        (ExportFormat.ANKI_CSV, PinyinStyle.MARKS, ">yín</span> <span"),  # the default: tone marks
        (ExportFormat.ANKI_CSV, PinyinStyle.NUMBERS, ">yin2</span> <span"),  # Preferences ▸ tone numbers
        (ExportFormat.ANKI_CSV, PinyinStyle.ZHUYIN, ">ㄧㄣˊ</span> <span"),  # Preferences ▸ zhuyin
        (ExportFormat.CSV, PinyinStyle.ZHUYIN, ",ㄧㄣˊ ㄏㄤˊ\n"),  # the CSV's last column, pinyin_shown
        (ExportFormat.CSV, PinyinStyle.NUMBERS, ",yin2 hang2\n"),
        (ExportFormat.PLECO, PinyinStyle.ZHUYIN, "\tyin2hang2\t"),  # Pleco's own format: always tone numbers
    ],
)
def test_exports_write_pinyin_in_the_chosen_style(
    tmp_path: Path, deck: Deck, export_format: ExportFormat, style: PinyinStyle, written: str
) -> None:
    deck.add("银行", "yin2 hang2", definition="bank")
    path = tmp_path / f"deck{export_format.suffix}"
    write_entries(deck.query(DeckQuery()), export_format, path, ExportOptions(pinyin_style=style))
    assert written in path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("layout", "note_type"), [(AnkiLayout.BASIC, '"Basic"'), (AnkiLayout.READER, '"Reader Chinese"')]
)
def test_each_layout_says_which_note_type_it_fills(layout: AnkiLayout, note_type: str) -> None:
    assert note_type in describe_layout(layout)


# -- plain CSV and Pleco --------------------------------------------------------------------------------------------


def test_plain_csv_round_trips_through_a_csv_reader(tmp_path: Path, deck: Deck) -> None:
    entries = add_awkward(deck)
    path = tmp_path / "deck.csv"
    export_deck(deck, "csv", path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(COLUMNS)
    assert [row["definition"] for row in rows] == [e.definition for e in entries]
    assert [row["note"] for row in rows] == [e.note for e in entries]
    assert rows[0]["tags"] == "finance hsk3"
    assert rows[0]["pinyin_marks"] == "yín háng"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),  # would run as a formula
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("bank", "bank"),
    ],
)
def test_plain_csv_defuses_formulas(text: str, cell: str) -> None:
    assert safe_cell(text) == cell


def test_pleco_file(tmp_path: Path, deck: Deck) -> None:
    add_awkward(deck)
    path = tmp_path / "pleco.txt"
    export_deck(deck, "pleco", path, options=ExportOptions(pleco_category="Reader/News"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "//Reader/News"
    assert lines[1] == "银行[銀行]\tyin2hang2\tbank; CL:家[jia1]"
    assert lines[3] == '行\txing2\tto walk; "OK", fine & <good>'
    assert all(line.count("\t") == 2 for line in lines[1:])


def test_pleco_headword_without_a_different_traditional_form(deck: Deck) -> None:
    entry = deck.add("中文", "zhong1 wen2", traditional="中文")
    assert headword(entry) == "中文"


def test_one_line_joins_lines() -> None:
    assert one_line("a\n\nb\tc\r\n") == "a; b c"


# -- choosing entries -----------------------------------------------------------------------------------------------


def test_export_by_status_and_tag(tmp_path: Path, deck: Deck) -> None:
    entries = add_awkward(deck)
    deck.set_status([entries[1].id], "learning")
    query = DeckQuery(statuses=(WordStatus.LEARNING,), tags=("polyphone",))
    result = export_deck(deck, ExportFormat.PLECO, tmp_path / "p.txt", query)
    assert result.count == 1
    assert "hang2" in (tmp_path / "p.txt").read_text(encoding="utf-8")


def test_since_last_export_takes_only_new_and_changed_entries(tmp_path: Path, deck: Deck) -> None:
    entries = add_awkward(deck)
    first = export_deck(deck, "csv", tmp_path / "a.csv", since_last_export=True)
    assert (first.count, first.since) == (len(entries), None)
    deck.update(entries[0].id, note="changed")
    deck.add("新", "xin1")
    second = export_deck(deck, "csv", tmp_path / "b.csv", since_last_export=True)
    assert second.count == 2
    assert second.since is not None
    assert export_deck(deck, "csv", tmp_path / "c.csv", since_last_export=True).count == 0


def test_since_last_export_is_kept_per_format(tmp_path: Path, deck: Deck) -> None:
    add_awkward(deck)
    export_deck(deck, "pleco", tmp_path / "p.txt", since_last_export=True)
    assert export_deck(deck, "csv", tmp_path / "a.csv", since_last_export=True).count == len(AWKWARD_ENTRIES)
    assert deck.last_export("pleco") is not None


def test_an_undone_deletion_is_exported_again(tmp_path: Path, deck: Deck) -> None:
    entries = add_awkward(deck)
    deleted = deck.delete([entries[0].id])
    export_deck(deck, "csv", tmp_path / "a.csv", since_last_export=True)
    deck.restore(deleted)
    assert export_deck(deck, "csv", tmp_path / "b.csv", since_last_export=True).count == 1


# -- files ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("export_format", list(ExportFormat))
def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, deck: Deck, monkeypatch: pytest.MonkeyPatch, export_format: ExportFormat
) -> None:
    entries = add_awkward(deck)
    path = tmp_path / f"deck{export_format.suffix}"
    path.write_bytes(b"previous export")

    def broken_replace(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reader.core.atomic.os.replace", broken_replace)
    with pytest.raises(ExportError, match="No space left"):
        write_entries(entries, export_format, path)
    assert path.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize("export_format", list(ExportFormat))
def test_export_writes_a_file_even_when_no_entry_matches(
    tmp_path: Path, deck: Deck, export_format: ExportFormat
) -> None:
    path = tmp_path / f"deck{export_format.suffix}"
    assert export_deck(deck, export_format, path).count == 0
    assert path.stat().st_size > 0


def test_export_to_a_missing_folder_says_so(tmp_path: Path, deck: Deck) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_deck(deck, "csv", tmp_path / "missing" / "deck.csv")


def test_export_to_a_folder_says_so(tmp_path: Path, deck: Deck) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        export_deck(deck, "csv", tmp_path)
