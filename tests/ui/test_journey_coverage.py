"""Every menu item of every window has a journey test that goes through it (counted, and printed at the end).

A journey test names the menu paths it goes through in its ``journey`` marker; the guard fixture checks that the
test really triggered each one through its menu item. This test lists every menu item of the main window and the
deck window and fails on any that no collected test names.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMenuBar

from reader.ui.deck.window import DeckWindow
from reader.ui.main_window import MainWindow
from tests.ui import journey

#: Menu paths that are not actions to cover: the recent-files list is filled from the settings at run time.
NOT_ACTIONS = {"File ▸ Open Recent ▸ No Recent Files"}

#: What the terminal summary prints (filled by the test).
COVERAGE: dict[str, int] = {}


def _all_menu_paths(main_window: MainWindow) -> set[str]:
    deck = DeckWindow(main_window.app, main_window)
    try:
        paths = set()
        for window in (main_window, deck):
            bar = window.findChild(QMenuBar)
            assert bar is not None
            paths |= {journey.window_prefix(window) + path for path in journey.menu_paths(bar)}
        return paths - NOT_ACTIONS
    finally:
        deck.close()
        deck.deleteLater()


def _named_by_journeys(session: pytest.Session) -> set[str]:
    named: set[str] = set()
    for item in session.items:
        for marker in item.iter_markers("journey"):
            named.update(marker.args)
    return named


def test_every_menu_item_has_a_journey(main_window: MainWindow, request: pytest.FixtureRequest) -> None:
    paths = _all_menu_paths(main_window)
    named = _named_by_journeys(request.session)
    if not named & paths:
        pytest.skip("the journey tests were not collected in this run")
    missing = sorted(paths - named)
    unknown = sorted(named - paths)
    COVERAGE.update(total=len(paths), covered=len(paths) - len(missing))
    assert missing == [], f"menu items with no journey test: {missing}"
    assert unknown == [], f"journey markers name menu items that do not exist: {unknown}"


def coverage_line() -> str | None:
    """The line the test run prints: how many menu items the journeys went through."""
    if not COVERAGE:
        return None
    return f"journeys: {COVERAGE['covered']} of {COVERAGE['total']} menu items driven through their menu"


def test_undo_and_redo_follow_the_platform_keys(main_window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    bar = main_window.findChild(QMenuBar)
    assert bar is not None
    actions: dict[str, Any] = journey.menu_paths(bar)
    redo = next(action for path, action in actions.items() if path.startswith("Edit ▸ Redo"))
    assert redo.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
