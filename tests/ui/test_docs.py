"""Every menu action and its shortcut appears in the user guide (docs/USER_GUIDE.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence

from reader.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "USER_GUIDE.md"


def _menu_actions(window: MainWindow) -> list[QAction]:
    return window.menu_actions()


def test_every_menu_action_is_in_the_user_guide(main_window: MainWindow) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    missing = [a.text().replace("&", "") for a in _menu_actions(main_window) if a.text().replace("&", "") not in guide]
    assert missing == []


def test_every_shortcut_is_in_the_user_guide(main_window: MainWindow) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    missing = []
    for action in _menu_actions(main_window):
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        if shortcut and shortcut not in guide:
            missing.append(f"{action.text().replace('&', '')}: {shortcut}")
    assert missing == []
