"""The user guide (docs/USER_GUIDE.md) names every menu item, and its shortcut tables match the actions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar

from reader.ui.deck.window import DeckWindow
from reader.ui.main_window import MainWindow
from tests.ui import journey

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "USER_GUIDE.md"
#: A table row of the guide: | action (explanation) | shortcut |
ROW = re.compile(r"^\| (?P<action>[^|]+?) \| (?P<keys>[^|]*?) \|$", re.MULTILINE)


def _windows(main_window: MainWindow) -> list[tuple[str, dict[str, QAction]]]:
    deck = DeckWindow(main_window.app, main_window)
    found = []
    for window in (main_window, deck):
        bar = window.findChild(QMenuBar)
        assert bar is not None
        found.append((journey.window_prefix(window), journey.menu_paths(bar)))
    deck.deleteLater()
    return found


def _keys(action: QAction) -> set[str]:
    return {key.toString(QKeySequence.SequenceFormat.PortableText) for key in action.shortcuts()}


def _rows() -> list[tuple[str, str]]:
    return [(m["action"], m["keys"]) for m in ROW.finditer(GUIDE.read_text(encoding="utf-8"))]


def test_every_menu_item_is_in_the_user_guide(main_window: MainWindow) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    missing = [
        prefix + path
        for prefix, actions in _windows(main_window)
        for path in actions
        if path.split(" ▸ ")[-1].split(" Mark ")[0] not in guide
    ]
    assert missing == []


@pytest.mark.parametrize("window_index", [0, 1], ids=["main window", "deck window"])
def test_each_shortcut_is_in_the_guide_row_of_its_action(main_window: MainWindow, window_index: int) -> None:
    prefix, actions = _windows(main_window)[window_index]
    rows = _rows()
    wrong = []
    for path, action in actions.items():
        if not action.shortcuts():
            continue
        name = re.sub(r" (Mark|Delete|Edit|Add|Remove|Change|Highlight|Merge|Split)\b.*$", "", path.split(" ▸ ")[-1])
        in_rows = [keys for text, keys in rows if name in text]
        if not any(action.shortcut().toString(QKeySequence.SequenceFormat.PortableText) in keys for keys in in_rows):
            wrong.append(f"{prefix}{path}: {sorted(_keys(action))} not in its row {in_rows}")
    assert wrong == []


def test_every_key_the_guide_gives_an_action_is_one_of_its_shortcuts(main_window: MainWindow) -> None:
    # Redo was documented as Ctrl+Y while the window used Ctrl+Shift+Z (issue 12).
    rows = dict(_rows())
    wrong = []
    for prefix, actions in _windows(main_window):
        for path, action in actions.items():
            name = path.split(" ▸ ")[-1]
            cell = rows.get(name) or next(
                (keys for text, keys in rows.items() if text.startswith(f"{name} (") and "/" not in text), None
            )
            if prefix and cell is None:
                cell = rows.get(path) or next((k for t, k in rows.items() if t.startswith(f"{path} (")), None)
            if not cell:
                continue
            cell = re.sub(r"\([^)]*\)", "", cell)  # "F3 (Enter in the Find bar)": the aside is no key of the action
            listed = {key.strip() for key in re.split(r" or |, | / ", cell) if key.strip()}
            listed = {key for key in listed if "+" in key or key in {"Return", "Del", "F1", "F3", "F11", "A", "K"}}
            extra = listed - _keys(action) - {"Enter"}
            if extra:
                wrong.append(f"{prefix}{path}: the guide says {sorted(extra)}, the action has {sorted(_keys(action))}")
    assert wrong == []
