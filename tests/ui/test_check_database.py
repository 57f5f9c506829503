"""File ▸ Check Database: the journey through the menu item and the report box, closed with its own button."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from reader.ui.main_window import MainWindow
from tests.ui.journey import click, trigger

pytestmark = pytest.mark.gui


@pytest.mark.journey("File ▸ Check Database")
def test_check_database_reports_a_sound_database(main_window: MainWindow, qtbot: Any) -> None:
    main_window.app.deck.add("学习", "xue2 xi2")
    trigger(main_window, "File ▸ Check Database")
    qtbot.waitUntil(lambda: main_window.maintenance.check_report is not None, timeout=20_000)
    box = main_window.maintenance.check_report
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert box.text().startswith("The database is sound") and "1 deck entry" in box.text()
    assert "search index was rebuilt" in box.text()
    click(qtbot, box, "OK")
    qtbot.waitUntil(lambda: not box.isVisible())
    assert main_window.main_actions["check"].isEnabled()
