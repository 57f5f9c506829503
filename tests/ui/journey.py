"""Drive the app as a person does: menu items by their visible text, dialogs through their own buttons.

Journey tests mark the menu actions they go through with ``@pytest.mark.journey("File ▸ Open…", …)``; the guard
fixture (tests/ui/conftest.py) checks that each marked action really was triggered through :func:`trigger`, and
``test_journey_coverage.py`` checks that every menu action has a journey. Paths are written as the menu shows them,
without ``&`` mnemonics, joined by ``▸``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu, QMenuBar, QWidget

SEPARATOR = " ▸ "

#: The menu paths :func:`trigger` went through in the running test (the guard fixture resets and reads it).
TRIGGERED: set[str] = set()


def plain(text: str) -> str:
    """A menu text as a person reads it: no ``&`` mnemonic, no trailing shortcut hint."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").split("\t")[0].strip()


def menu_paths(bar: QMenuBar) -> dict[str, QAction]:
    """Every action reachable from ``bar``, by its path (``Words ▸ Import Known Words…``); submenus excluded."""
    found: dict[str, QAction] = {}

    def walk(menu: QMenu, prefix: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            path = prefix + plain(action.text())
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, path + SEPARATOR)
            else:
                found.setdefault(path, action)

    for top in bar.actions():
        submenu = top.menu()
        if isinstance(submenu, QMenu):
            walk(submenu, plain(top.text()) + SEPARATOR)
    return found


#: Windows other than the main window, by object name: their menu paths are recorded with this prefix.
WINDOW_PREFIXES = {"DeckWindow": "Deck window ▸ "}


def window_prefix(window: QWidget) -> str:
    """How the menu paths of ``window`` are named in journey markers (nothing for the main window)."""
    return WINDOW_PREFIXES.get(window.objectName(), "")


def trigger(window: QWidget, path: str) -> None:
    """Trigger the menu action at ``path`` of ``window``'s menu bar, as a click on the menu item would."""
    bar = window.findChild(QMenuBar)
    assert bar is not None, "the window has no menu bar"
    actions = menu_paths(bar)
    # Undo and Redo name what they undo ("Undo Mark 学习 as Known"): their path is matched by its start.
    matching = [found for found in actions if found == path or found.startswith(path + " ")]
    assert len(matching) == 1, f"no single menu item {path!r}; the menus have: {sorted(actions)}"
    action = actions[matching[0]]
    assert action.isEnabled(), f"{path!r} is disabled"
    TRIGGERED.add(window_prefix(window) + path)
    action.trigger()


def find_button(parent: QWidget, text: str) -> QAbstractButton:
    """The visible button of ``parent`` whose text (mnemonics removed) is ``text``."""
    buttons = [b for b in parent.findChildren(QAbstractButton) if plain(b.text()) == text and b.isVisible()]
    assert buttons, (
        f"no visible button {text!r}; there are {[plain(b.text()) for b in parent.findChildren(QAbstractButton)]}"
    )
    return buttons[0]


def click(qtbot, parent: QWidget, text: str) -> None:
    """Click the button labelled ``text`` in ``parent`` with the mouse."""
    button = find_button(parent, text)
    assert button.isEnabled(), f"button {text!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@dataclass
class ModalHandler:
    """Runs a function on each modal dialog or pop-up menu that opens, in order, while a test drives the app."""

    handlers: list[Callable[[Any], object]]
    seen: list[QWidget] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    timer: QTimer = field(default_factory=QTimer)

    def poll(self) -> None:
        """Hand a newly opened modal dialog to the next handler.

        The handler runs from a single-shot timer of its own, not from this polling timer's slot: a handler that
        opens another dialog (a menu item that asks a question) blocks in that dialog's loop, and Qt never
        re-enters a timer that is still in its slot, so polling must stay free to hand the next dialog over.
        """
        popup = QApplication.activePopupWidget()
        modal = popup if isinstance(popup, QMenu) else QApplication.activeModalWidget()
        if modal is None or any(modal is seen for seen in self.seen) or not self.handlers:
            return
        self.seen.append(modal)
        handler = self.handlers.pop(0)
        QTimer.singleShot(0, lambda: self._run(handler, modal))

    def _run(self, handler: Callable[[Any], object], modal: QWidget) -> None:
        try:
            handler(modal)
        except BaseException as error:  # re-raised in the test, not inside Qt's event loop
            self.errors.append(error)
            modal.close()


@contextmanager
def on_modal(*handlers: Callable[[Any], object]) -> Iterator[ModalHandler]:
    """Within the block, give each modal dialog that opens to the next of ``handlers`` (a blocking ``exec`` too).

    A handler uses the dialog as a person would and closes it with its own buttons. Assertion errors inside a
    handler are raised again when the block ends; the block fails if a handler was never used.
    """
    watcher = ModalHandler(list(handlers))
    watcher.timer.setInterval(20)
    watcher.timer.timeout.connect(watcher.poll)
    watcher.timer.start()
    try:
        yield watcher
    finally:
        watcher.timer.stop()
    if watcher.errors:
        raise watcher.errors[0]
    assert not watcher.handlers, f"{len(watcher.handlers)} expected dialog(s) never opened"


def live_timers(roots: list[QObject]) -> list[QTimer]:
    """The active timers owned by ``roots`` or their children."""
    timers: list[QTimer] = []
    for root in roots:
        if isinstance(root, QTimer) and root.isActive():
            timers.append(root)
        timers.extend(timer for timer in root.findChildren(QTimer) if timer.isActive())
    return timers


# -- the reading view --------------------------------------------------------------------------------------------------

#: How long opening and analysing an article may take in a test (the first one warms jieba and the dictionary).
OPEN_WAIT_MS = 60_000


def open_sample(window, qtbot) -> None:
    """Open the sample article through File ▸ Open the Sample Article and wait until it is analysed."""
    with qtbot.waitSignal(window.controller.analysis_done, timeout=OPEN_WAIT_MS):
        trigger(window, "File ▸ Open the Sample Article")


def first_word(window, text: str):
    """The reference of the first word box showing ``text`` in the reading view."""
    from reader.ui.reading.view import WordRef

    for row in range(window.view.row_count()):
        for index, box in enumerate(window.view.layout_for(row).boxes):
            if box.text == text:
                return WordRef(row, index)
    raise AssertionError(f"{text} is not shown")


def click_word(window, qtbot, ref, button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    """Click the word at ``ref`` with the mouse (scrolled into view first)."""
    window.view.ensure_visible(ref)
    center = window.view.word_rect(ref).center().toPoint()
    qtbot.mouseClick(window.view.viewport(), button, pos=center)


def select_words(window, qtbot, ref, count: int) -> None:
    """Click the word at ``ref``, then extend the selection over ``count`` words with Shift+Right."""
    click_word(window, qtbot, ref)
    popup = window.word_actions.popup
    if popup.isVisible():
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
    for _ in range(count - 1):
        qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget``: key presses for ASCII, an input method's commit for Chinese.

    QTest cannot press keys for Chinese characters (it aborts); a learner types them through an input method,
    which hands the widget a committed string, so that is what is sent.
    """
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    for run in _runs(text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    for char in text:
        if runs and runs[-1][-1:].isascii() == char.isascii():
            runs[-1] += char
        else:
            runs.append(char)
    return runs


def choose_menu_item(qtbot, menu: QWidget, text: str) -> None:
    """Click the item ``text`` of an open pop-up menu (a context menu) with the mouse."""
    assert isinstance(menu, QMenu), type(menu).__name__
    items = {plain(action.text()): action for action in menu.actions() if not action.isSeparator()}
    assert text in items, f"no item {text!r} in the menu; it has {sorted(items)}"
    assert items[text].isEnabled(), f"{text!r} is disabled"
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(items[text]).center())


def menu_item_texts(menu: QWidget) -> list[str]:
    """The texts of an open pop-up menu's items."""
    assert isinstance(menu, QMenu)
    return [plain(action.text()) for action in menu.actions() if not action.isSeparator()]


def right_click_word(window, ref) -> None:
    """Right-click the word at ``ref``: the context-menu event a right mouse button gives the reading view."""
    from PySide6.QtGui import QContextMenuEvent

    window.view.ensure_visible(ref)
    viewport = window.view.viewport()
    center = window.view.word_rect(ref).center().toPoint()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, center, viewport.mapToGlobal(center))
    QApplication.sendEvent(viewport, event)


def journey_params(
    rows: list[tuple[Any, ...]], path: Callable[[tuple[Any, ...]], str], ids: Callable[[tuple[Any, ...]], str]
) -> list[Any]:
    """Rows of a parameterised journey test, each marked with the menu path it goes through (seen at collection)."""
    import pytest

    return [pytest.param(*row, marks=pytest.mark.journey(path(row)), id=ids(row)) for row in rows]
