"""File ▸ Lines Left Out…: the lines an import left out, listed for the open chapter's book, closed with Close."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reader.core.store.dropped import LoggedLine
from reader.ui.dialogs.left_out import LeftOutDialog, summary_text
from reader.ui.main_window import MainWindow
from tests.core.importer_helpers import SITE_NOVEL
from tests.ui.journey import OPEN_WAIT_MS, click, trigger

pytestmark = pytest.mark.gui


def _dialog(window: MainWindow) -> LeftOutDialog:
    dialogs = [d for d in window.findChildren(LeftOutDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _cell(dialog: LeftOutDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    return item.text() if item is not None else ""


@pytest.mark.journey("File ▸ Lines Left Out…")
def test_lines_left_out_of_a_novel_are_listed(main_window: MainWindow, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "示例小说.txt"
    path.write_text(SITE_NOVEL, encoding="utf-8")
    with qtbot.waitSignal(main_window.controller.analysis_done, timeout=OPEN_WAIT_MS):
        main_window.controller.import_files([path])
    trigger(main_window, "File ▸ Lines Left Out…")
    dialog = _dialog(main_window)
    rows = [tuple(_cell(dialog, row, column) for column in range(3)) for row in range(dialog.table.rowCount())]
    assert ("3", "site line", "本书由某某小说网收集整理，更多小说请访问 www.example-novel.com") in rows
    assert ("4", "rule", "==========") in rows
    assert "“示例小说”" in dialog.summary.text()
    click(qtbot, dialog, "Close")
    QApplication.processEvents()
    assert not any(d.isVisible() for d in main_window.findChildren(LeftOutDialog))


def test_the_action_waits_for_an_article(main_window: MainWindow) -> None:
    assert not main_window.left_out.action.isEnabled()


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        ([], "Nothing was left out of “x”: every line of the file is in the text."),  # an empty log
        ([LoggedLine(3, "www.a.com", "site line")], "1 line was left out of “x”: 1 site line."),  # one line
        (
            [LoggedLine(1, "==", "rule"), LoggedLine(2, "a.com", "site line"), LoggedLine(5, "==", "rule")],
            "3 lines were left out of “x”: 2 rule, 1 site line.",
        ),  # reasons counted, most frequent first
    ],
)
def test_summary_sentence(lines: list[LoggedLine], text: str) -> None:
    assert summary_text("“x”", lines) == text
