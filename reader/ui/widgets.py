"""Small widgets shared by several dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QMessageBox, QProgressBar, QWidget

_T = TypeVar("_T")
_W = TypeVar("_W", bound=QWidget)


def show_one(kind: type[_W], parent: QWidget | None, make: Callable[[], _W]) -> _W:
    """Show ``parent``'s window of ``kind``, made by ``make()`` the first time and raised afterwards; return it."""
    existing = parent.findChild(kind) if parent is not None else None
    window = existing or make()
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def run_dialog(dialog: QDialog, read: Callable[[], _T]) -> tuple[_T, bool]:
    """Show ``dialog`` until it closes; return what ``read`` finds in it and whether it was accepted.

    The dialog is deleted afterwards, so the classmethods that open dialogs return plain values.
    """
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    value = read()
    dialog.deleteLater()
    return value, accepted


class ProgressRow(QWidget):
    """A message and a progress bar for background work in a dialog, hidden while idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(200)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.bar)
        self.hide()

    def busy(self, message: str) -> None:
        """Show ``message`` with a bar that only says "working" (no known total)."""
        self.show_progress(message, 0, 0)

    def show_progress(self, message: str, done: int, total: int) -> None:
        """Show ``message`` and ``done`` of ``total`` (a total of 0: no known total)."""
        self.label.setText(message)
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(min(done, total) if total > 0 else 0)
        self.show()

    def finish(self) -> None:
        """Hide the row."""
        self.hide()


class WorkDialog(QDialog):
    """A dialog whose work runs on a worker: closing it while the work runs waits for the work to finish.

    Subclasses set ``_busy`` while working and call :meth:`_close_if_pending` when the work ends; the dialog counts
    as accepted if the work produced a ``result_value``. Override :meth:`_before_close` to stop timers and workers
    before it closes; never override :meth:`done` (it is the one place that closes, and calling back into it
    from a hook recursed).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result_value: object | None = None
        self._busy = False
        self._close_with: int | None = None

    def _close_clicked(self) -> None:
        if self.result_value is not None:
            self.accept()
        else:
            self.reject()

    def done(self, result: int) -> None:
        """Close the dialog; while the work runs, close once it has finished."""
        if self._busy:
            self._close_with = result
            return
        self._finish(result)

    def _close_if_pending(self) -> None:
        if self._close_with is not None:
            result, self._close_with = self._close_with, None
            self._finish(QDialog.DialogCode.Accepted if self.result_value is not None else result)

    def _finish(self, result: int) -> None:
        self._before_close()
        QDialog.done(self, result)

    def _before_close(self) -> None:
        """Stop what the dialog runs (timers, workers, files it opened); called once, just before it closes."""


class ChoiceCombo(QComboBox):
    """A combo box of labelled values that hands back the value object itself.

    ``QComboBox.currentData()`` returns a StrEnum member as a plain ``str`` (PySide converts it to a QVariant
    string), which then breaks ``.value`` in the reading view; keeping the values here keeps their type.
    """

    def __init__(self, parent: QWidget, items: list[tuple[str, object]], current: object) -> None:
        super().__init__(parent)
        self._values = [value for _label, value in items]
        for label, _value in items:
            self.addItem(label)
        self.setCurrentIndex(self._values.index(current) if current in self._values else 0)

    def current_value(self) -> Any:
        """The value of the chosen item, with its own type."""
        return self._values[max(0, self.currentIndex())]


def ask_yes(parent: QWidget, title: str, text: str, *, default_yes: bool = False) -> bool:
    """Ask a Yes/No question; return True if the learner chose Yes.

    ``default_yes`` makes Yes the button that Enter presses (for harmless steps); No is the default otherwise.
    """
    buttons = QMessageBox.StandardButton
    default = buttons.Yes if default_yes else buttons.No
    answer = QMessageBox.question(parent, title, text, buttons.Yes | buttons.No, default)
    return answer == buttons.Yes
