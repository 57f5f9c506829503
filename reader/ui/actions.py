"""Every menu and toolbar action of the main window, with its shortcut, in one place.

The user documentation (docs/USER_GUIDE.md) lists the same actions; a test checks that each one is there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from reader.ui.theme import readable_icon

Shortcut = QKeySequence.StandardKey | str | None


def make_action(
    parent: QWidget,
    text: str,
    slot: Callable[..., object] | None = None,
    shortcut: Shortcut = None,
    *,
    checkable: bool = False,
    tip: str = "",
    icon: QStyle.StandardPixmap | None = None,
) -> QAction:
    """Create an action owned by ``parent``, connected to ``slot``."""
    action = QAction(text, parent)
    if shortcut is not None:
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if icon is not None:
        action.setIcon(readable_icon(QIcon(parent.style().standardIcon(icon))))
    if slot is not None:
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
    return action


def exclusive_group(parent: QWidget, actions: list[QAction]) -> QActionGroup:
    """Put checkable actions into a group where one is checked at a time."""
    group = QActionGroup(parent)
    group.setExclusive(True)
    for action in actions:
        action.setCheckable(True)
        group.addAction(action)
    return group
