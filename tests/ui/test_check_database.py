"""File ▸ Check Database: the journey through the real menu action and the report box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from reader.ui.main_window import MainWindow
from tests.ui.journey import menu_paths, trigger

pytestmark = pytest.mark.gui


@pytest.mark.journey("File ▸ Check Database")
def test_check_database_reports_a_sound_database(main_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    action = menu_paths(main_window.menuBar())["File ▸ Check Database"]
    trigger(main_window, "File ▸ Check Database")
    qtbot.waitUntil(lambda: getattr(main_window, "check_report", None) is not None, timeout=20_000)
    box = main_window.check_report
    qtbot.waitUntil(box.isVisible)
    assert box.text().startswith("The database is sound") and "search index was rebuilt" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert action.isEnabled()
