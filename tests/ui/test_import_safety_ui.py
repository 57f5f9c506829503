"""Opening files safely in the window: Japanese text only on confirmation; file names that are not UTF-8."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from reader.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

JAPANESE = "日本国憲法は、日本の最高法規であり、国の基本的なあり方を定めています。私たちは毎日学校へ行きます。\n" * 3


@pytest.mark.parametrize(
    ("answer", "imported"),
    [(QMessageBox.StandardButton.Open, 1), (QMessageBox.StandardButton.Cancel, 0)],
)
def test_japanese_file_opens_only_when_confirmed(
    answer, imported: int, main_window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "kenpo.txt"
    path.write_text(JAPANESE, encoding="utf-8")
    asked: list[str] = []

    def question(*args: Any, **_kwargs: Any) -> Any:
        asked.append(args[2])
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    main_window.files.open_files([path])
    qtbot.waitUntil(lambda: bool(asked), timeout=20_000)
    assert "looks like Japanese" in asked[0]
    main_window.app.dispatcher.wait(20_000)
    qtbot.wait(50)
    assert len(main_window.app.library.list_articles()) == imported
    _settle(main_window, qtbot)


def test_a_file_name_that_is_not_utf8_opens(main_window: MainWindow, qtbot, tmp_path: Path) -> None:
    import os

    name = os.fsencode(tmp_path) + b"/bad\xff.txt"
    with open(name, "wb") as stream:
        stream.write("我们在银行工作。今天天气很好。\n".encode())
    errors: list[str] = []
    main_window.controller.error.connect(errors.append)
    main_window.files.open_files([Path(os.fsdecode(name))])
    main_window.app.dispatcher.wait(20_000)
    qtbot.waitUntil(lambda: len(main_window.app.library.list_articles()) == 1, timeout=20_000)
    assert errors == []
    assert main_window.app.library.list_articles()[0].title == "bad\ufffd"
    _settle(main_window, qtbot)


def _settle(main_window: MainWindow, qtbot) -> None:
    """Let the opened article's analysis finish, so no result arrives after the window is gone."""
    qtbot.waitUntil(lambda: not main_window.app.dispatcher.busy, timeout=30_000)
    qtbot.wait(100)
