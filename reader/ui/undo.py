"""Undo commands shared by the reading view's action groups and the deck window.

Both do an action at once (so its error is seen where it happens) and then push a command whose first ``redo``
is skipped. A refusal from the store while undoing or redoing later becomes a message, never an exception
inside Qt's event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.errors import ReaderError


class CallbackCommand(QUndoCommand):
    """An undo-stack entry made of two functions; the action was already done once when it is pushed."""

    def __init__(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> None:
        super().__init__(text)
        self._redo, self._undo = redo, undo
        self._done = True

    def redo(self) -> None:
        if self._done:  # QUndoStack.push calls redo(); the caller already did the action (and saw any error)
            self._done = False
            return
        self._redo()

    def undo(self) -> None:
        self._undo()


class GuardedCommand(CallbackCommand):
    """A :class:`CallbackCommand` whose undo and redo report a :class:`ReaderError` instead of raising it."""

    def __init__(
        self, text: str, redo: Callable[[], object], undo: Callable[[], object], report: Callable[[str], object]
    ) -> None:
        super().__init__(text, redo, undo)
        self._report = report

    def redo(self) -> None:
        try:
            super().redo()
        except ReaderError as error:
            self._report(str(error))

    def undo(self) -> None:
        try:
            super().undo()
        except ReaderError as error:
            self._report(str(error))


def push_done(
    stack: QUndoStack,
    text: str,
    redo: Callable[[], object],
    undo: Callable[[], object],
    report: Callable[[str], object],
) -> None:
    """Put an action that was already done on ``stack``; later undo and redo steps report store refusals."""
    stack.push(GuardedCommand(text, redo, undo, report))
