"""The undo commands the reading view and the deck window share (reader/ui/undo.py)."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from reader.core.errors import ReaderError
from reader.ui.undo import push_done


def _refuse() -> None:
    raise ReaderError("The entry is gone.")


def test_a_pushed_action_is_not_done_twice_and_undoes_and_redoes() -> None:
    done: list[str] = ["did"]  # the caller did the action once before pushing it
    stack = QUndoStack()
    push_done(stack, "Add 学习", lambda: done.append("redo"), lambda: done.append("undo"), done.append)
    assert done == ["did"] and stack.undoText() == "Add 学习"
    stack.undo()
    stack.redo()
    assert done == ["did", "undo", "redo"]


def test_a_refusal_while_undoing_or_redoing_becomes_a_message() -> None:
    messages: list[str] = []
    stack = QUndoStack()
    push_done(stack, "Delete 1 entry", _refuse, _refuse, messages.append)
    stack.undo()  # no exception reaches Qt's event loop
    stack.redo()
    assert messages == ["The entry is gone.", "The entry is gone."]
