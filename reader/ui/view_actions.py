"""The base of the reading view's action groups (words, annotations): shared context, undo, status messages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from reader.core.errors import ReaderError
from reader.ui.article_controller import ArticleController
from reader.ui.context import AppContext
from reader.ui.reading.view import ReadingView
from reader.ui.undo import CallbackCommand


class ViewActions(QObject):
    """Actions on the open article: they share the app, the view, the controller and the window's undo stack."""

    def __init__(
        self,
        app: AppContext,
        view: ReadingView,
        controller: ArticleController,
        undo_stack: QUndoStack,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.view = view
        self.controller = controller
        self.undo_stack = undo_stack
        self.window = parent
        self.article_title = ""  # the open article's title, set by the window when it shows one
        self._build()

    def _build(self) -> None:
        """Create the group's actions and connections; subclasses add theirs here."""

    def push(
        self,
        text: str,
        redo: Callable[[], object],
        undo: Callable[[], object],
        after: Callable[[], object] | None = None,
    ) -> bool:
        """Do an action now and, if it worked, put it on the undo stack; ``after`` runs after each do and undo.

        A :class:`ReaderError` becomes a status-bar message and nothing is pushed. Returns whether it worked.
        """
        try:
            redo()
        except ReaderError as error:
            self.message(str(error))
            return False

        def redo_then() -> None:
            redo()
            if after is not None:
                after()

        def undo_then() -> None:
            undo()
            if after is not None:
                after()

        self.undo_stack.push(CallbackCommand(text, redo_then, undo_then))
        if after is not None:
            after()
        return True

    def message(self, message: str) -> None:
        """Show a short message in the status bar."""
        self.app.hub.status_message.emit(message)
