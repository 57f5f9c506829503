"""The Export Deck and Import Known Words dialogs, driven through their methods (no modal loop)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from reader.core.export import ExportFormat
from reader.core.store.deck import DeckEntry, DeckQuery
from reader.core.store.words import WordStatus
from reader.ui.context import AppContext
from reader.ui.dialogs.export_deck import CHOICES, ExportDeckDialog
from reader.ui.dialogs.known_words import KnownPreview, KnownWordsDialog
from tests.core.deck_helpers import add_awkward

pytestmark = pytest.mark.gui

WAIT_MS = 30_000
#: The dictionary index is compiled the first time a test of the run needs HSK lists.
DICTIONARY_WAIT_MS = 110_000


@pytest.fixture
def entries(app_context: AppContext) -> list[DeckEntry]:
    """Entries whose text exercises every escaping rule of the exports (commas, quotes, #, <, newlines…)."""
    return add_awkward(app_context.deck)


def export_dialog(app: AppContext, qtbot: Any, preset: DeckQuery | None = None) -> ExportDeckDialog:
    dialog = ExportDeckDialog(app, None, preset)
    qtbot.addWidget(dialog)
    return dialog


def run_export(dialog: ExportDeckDialog, qtbot: Any, path: Path) -> Any:
    with qtbot.waitSignal(dialog.export_finished, timeout=WAIT_MS) as blocker:
        dialog.start_export(path)
    return blocker.args[0]


# -- export ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("choice", CHOICES, ids=[c.key for c in CHOICES])
def test_export_writes_each_format(
    app_context: AppContext, entries: list[DeckEntry], tmp_path: Path, qtbot: Any, choice: Any
) -> None:
    dialog = export_dialog(app_context, qtbot)
    dialog.set_choice(choice.key)
    assert dialog.entry_count() == len(entries)
    path = tmp_path / f"deck{choice.format.suffix}"
    result = run_export(dialog, qtbot, path)
    assert result.path == path and result.count == len(entries) and result.format is choice.format
    assert path.is_file() and path.stat().st_size > 0
    assert str(path) in dialog.message.text() and f"{len(entries)} entries" in dialog.message.text()
    assert dialog.result_value == result


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("anki-basic", '"Basic" note type'),
        ("anki-reader", '"Reader Chinese" note type'),
        ("anki-apkg", "its own “Reader Chinese” note type"),
        ("pleco", "Pleco"),
    ],
)
def test_dialog_says_which_note_type_the_file_fills(
    app_context: AppContext, qtbot: Any, key: str, expected: str
) -> None:
    dialog = export_dialog(app_context, qtbot)
    dialog.set_choice(key)
    assert expected in dialog.format_note.text()


def test_plain_csv_has_every_entry(
    app_context: AppContext, entries: list[DeckEntry], tmp_path: Path, qtbot: Any
) -> None:
    dialog = export_dialog(app_context, qtbot)
    dialog.set_choice("csv")
    path = tmp_path / "deck.csv"
    run_export(dialog, qtbot, path)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert sorted(row["simplified"] for row in rows) == sorted(e.simplified for e in entries)


def test_the_deck_windows_filter_is_offered_and_used(
    app_context: AppContext, entries: list[DeckEntry], tmp_path: Path, qtbot: Any
) -> None:
    dialog = export_dialog(app_context, qtbot, DeckQuery(search="polyphone", tags=("polyphone",)))
    assert not dialog.filter_radio.isHidden()
    assert dialog.filter_radio.isChecked() and "tag polyphone" in dialog.filter_radio.text()
    assert dialog.entry_count() == 0  # "polyphone" is a tag, not text: the search finds nothing
    dialog = export_dialog(app_context, qtbot, DeckQuery(tags=("polyphone",)))
    assert dialog.entry_count() == 2
    dialog.set_choice("pleco")
    path = tmp_path / "pleco.txt"
    assert run_export(dialog, qtbot, path).count == 2
    assert path.read_text(encoding="utf-8").count("\n行\t") == 2


def test_entries_chosen_by_status(app_context: AppContext, entries: list[DeckEntry], qtbot: Any) -> None:
    app_context.deck.set_status([entries[0].id], WordStatus.LEARNING)
    dialog = export_dialog(app_context, qtbot)
    assert dialog.filter_radio.isHidden()  # no filter to offer
    dialog.choose_radio.setChecked(True)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("learning"))
    assert dialog.entry_count() == 1
    assert "1 entry" in dialog.count_label.text()


def test_since_last_export_takes_only_changed_entries(
    app_context: AppContext, entries: list[DeckEntry], tmp_path: Path, qtbot: Any
) -> None:
    dialog = export_dialog(app_context, qtbot)
    dialog.set_choice("anki-basic")
    run_export(dialog, qtbot, tmp_path / "first.txt")
    app_context.deck.update(entries[1].id, definition="row (of seats)")
    dialog.since_check.setChecked(True)
    assert dialog.entry_count() == 1
    assert "since the last anki-csv export" in dialog.since_check.text()
    result = run_export(dialog, qtbot, tmp_path / "second.txt")
    assert result.count == 1 and result.since is not None


def test_an_export_that_cannot_be_written_says_why_in_one_sentence(
    app_context: AppContext, entries: list[DeckEntry], tmp_path: Path, qtbot: Any
) -> None:
    dialog = export_dialog(app_context, qtbot)
    with qtbot.waitSignal(dialog.export_failed, timeout=WAIT_MS) as blocker:
        dialog.start_export(tmp_path / "missing" / "deck.txt")
    message = blocker.args[0]
    assert "does not exist" in message and "\n" not in message and "Traceback" not in message
    assert dialog.message.text() == message and dialog.result_value is None
    assert dialog.export_button.isEnabled()


def test_export_dialog_is_freed_when_closed(
    app_context: AppContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(ExportDeckDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert ExportDeckDialog.export(app_context, parent) == (None, False)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert parent.findChildren(ExportDeckDialog) == []


# -- the Anki CSV in Anki's own importer -------------------------------------------------------------------------------


@pytest.fixture
def anki_collection(tmp_path: Path) -> Iterator[Any]:
    collection_module = pytest.importorskip("anki.collection", reason="the anki package runs Anki's real importer")
    (tmp_path / "anki").mkdir()
    col = collection_module.Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def test_anki_csv_imports_into_anki_without_duplicates_when_exported_twice(
    app_context: AppContext, entries: list[DeckEntry], tmp_path: Path, qtbot: Any, anki_collection: Any
) -> None:
    from tests.core.export.test_export_anki import import_csv, notes, plain

    dialog = export_dialog(app_context, qtbot)
    dialog.set_choice("anki-basic")
    dialog.deck_name.setText("Chinese::Reader")
    first = tmp_path / "first.txt"
    run_export(dialog, qtbot, first)
    assert len(import_csv(anki_collection, first).new) == len(entries)
    app_context.deck.update(entries[0].id, definition="bank (money)")
    second = tmp_path / "second.txt"
    run_export(dialog, qtbot, second)
    log = import_csv(anki_collection, second)
    imported = notes(anki_collection)
    assert len(log.new) == 0 and len(imported) == len(entries)
    assert {(n.note_type, n.deck) for n in imported} == {("Basic", "Chinese::Reader")}
    bank = next(n for n in imported if plain(n.fields["Front"]) == "银行")
    assert "bank (money)" in plain(bank.fields["Back"])


# -- known words -------------------------------------------------------------------------------------------------------


def known_dialog(app: AppContext, qtbot: Any) -> KnownWordsDialog:
    dialog = KnownWordsDialog(app, None)
    qtbot.addWidget(dialog)
    return dialog


def wait_preview(dialog: KnownWordsDialog, qtbot: Any, change: Any, timeout: int = WAIT_MS) -> KnownPreview:
    with qtbot.waitSignal(dialog.preview_ready, timeout=timeout) as blocker:
        change()
        dialog.refresh_preview()
    return blocker.args[0]


def run_import(dialog: KnownWordsDialog, qtbot: Any) -> Any:
    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT_MS) as blocker:
        dialog.start_import()
    return blocker.args[0]


def test_known_words_from_hsk_1_are_marked_known(app_context: AppContext, qtbot: Any) -> None:
    app_context.deck.add("一下", "yi1 xia4", definition="a bit", status="learning")
    dialog = known_dialog(app_context, qtbot)
    preview = wait_preview(dialog, qtbot, lambda: dialog.sources.set_hsk_levels([1]), DICTIONARY_WAIT_MS)
    assert "一" in preview.words and preview.label == "HSK 1"
    assert preview.in_deck == 1 and preview.to_mark == len(preview.words) - 1
    assert f"{preview.to_mark:,} words will be marked known" in dialog.preview_label.text()
    assert "1 is in your deck and keeps its status" in dialog.preview_label.text()
    with qtbot.waitSignal(app_context.hub.word_status_changed):
        result = run_import(dialog, qtbot)
    assert result.marked_known == preview.to_mark
    statuses = app_context.words.statuses(preview.words)
    assert statuses["一"] is WordStatus.KNOWN
    assert statuses["一下"] is WordStatus.LEARNING  # in the deck: keeps its status
    assert not dialog.undo_button.isHidden()


def test_a_preview_that_arrives_after_the_dialog_is_gone_touches_nothing(
    app_context: AppContext, tmp_path: Path, qtbot: Any
) -> None:
    path = tmp_path / "words.txt"
    path.write_text("银行\n学习\n", encoding="utf-8")
    dialog = KnownWordsDialog(app_context, None)  # not given to qtbot: the test deletes it itself
    wait_preview(dialog, qtbot, lambda: dialog.sources.set_word_list(path))
    run_import(dialog, qtbot)  # which ends by reading the preview again, on a worker
    # The new preview is read and its result queued for the GUI thread before the learner closes the window (Close
    # cancels a preview still running, but not a result already on its way).
    assert app_context.dispatcher.pool.waitForDone(WAIT_MS)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    shiboken6.delete(dialog)
    qtbot.wait(50)  # deliver it: the guard fixture fails the test if it touches the deleted dialog


def test_known_words_from_a_word_list(app_context: AppContext, tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# my words\n银行 yínháng bank\n学习\n\n学习\nhello\n", encoding="utf-8")
    app_context.words.mark(["学习"], WordStatus.IGNORED)
    dialog = known_dialog(app_context, qtbot)
    assert dialog.undo_button.isHidden()  # nothing to undo yet
    preview = wait_preview(dialog, qtbot, lambda: dialog.sources.set_word_list(path))
    assert preview.words == ["银行", "学习"] and preview.to_mark == 1 and preview.already == 1
    run_import(dialog, qtbot)
    assert app_context.words.statuses(["银行", "学习"]) == {"银行": WordStatus.KNOWN, "学习": WordStatus.IGNORED}


def test_undo_import_makes_the_words_unknown_again(app_context: AppContext, tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "words.txt"
    path.write_text("银行\n学习\n", encoding="utf-8")
    dialog = known_dialog(app_context, qtbot)
    wait_preview(dialog, qtbot, lambda: dialog.sources.set_word_list(path))
    run_import(dialog, qtbot)
    dialog.undo_import()
    assert set(app_context.words.statuses(["银行", "学习"]).values()) == {WordStatus.UNKNOWN}
    assert dialog.result_value is None


def test_known_words_from_the_chosen_column_of_an_anki_export(
    app_context: AppContext, tmp_path: Path, qtbot: Any
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
        "abc\tBasic\tChinese\tbank\t<b>银行</b>\n"
        "def\tBasic\tChinese\tto study\t学习 [sound:xuexi.mp3]\n",
        encoding="utf-8",
    )
    dialog = known_dialog(app_context, qtbot)
    first = wait_preview(dialog, qtbot, lambda: dialog.sources.set_anki_file(path))
    assert dialog.sources.preview_model.columnCount() == 5 and dialog.sources.preview_model.rowCount() == 2
    assert dialog.sources.anki_column() == 4  # the first note field with Chinese (the English one comes first)
    assert first.words == ["银行", "学习"] and first.label == "column 5 of notes.txt"
    with qtbot.waitSignal(dialog.preview_failed, timeout=WAIT_MS) as blocker:
        dialog.sources.set_anki_column(3)
        dialog.refresh_preview()
    assert blocker.args[0] == "Column 4 of notes.txt contains no Chinese words."
    assert not dialog.import_button.isEnabled() and dialog.sources.preview_model.rowCount() == 2
    wait_preview(dialog, qtbot, lambda: dialog.sources.set_anki_column(4))
    run_import(dialog, qtbot)
    assert set(app_context.words.statuses(["银行", "学习"]).values()) == {WordStatus.KNOWN}


def test_a_file_without_chinese_is_refused_in_one_sentence(app_context: AppContext, tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "english.txt"
    path.write_text("hello\nworld\n", encoding="utf-8")
    dialog = known_dialog(app_context, qtbot)
    with qtbot.waitSignal(dialog.preview_failed, timeout=WAIT_MS) as blocker:
        dialog.sources.set_word_list(path)
        dialog.refresh_preview()
    assert blocker.args[0] == "english.txt contains no Chinese words."
    assert not dialog.import_button.isEnabled()


def test_known_words_dialog_is_freed_when_closed(
    app_context: AppContext, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(KnownWordsDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert KnownWordsDialog.run(app_context, parent) == (None, False)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert parent.findChildren(KnownWordsDialog) == []


def test_export_format_suffixes_match_the_save_dialog(app_context: AppContext, qtbot: Any) -> None:
    dialog = export_dialog(app_context, qtbot)
    for choice in CHOICES:
        dialog.set_choice(choice.key)
        assert dialog.suggested_path().suffix == choice.format.suffix
    assert ExportFormat.ANKI_APKG.suffix == ".apkg"
