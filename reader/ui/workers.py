"""Background work: one-shot tasks on Qt's thread pool that call pure core functions.

A :class:`Task` wraps a function ``fn(job)``; the function reports through ``job`` (progress, partial results)
and checks ``job.cancelled()``. Results arrive on the GUI thread through the task's signals. The
:class:`Dispatcher` owns running tasks by name, cancels the previous one when a task of the same name starts
(another article opened), and exposes a ``busy`` signal for the status bar.

User-facing errors (:class:`~reader.core.errors.ReaderError`) arrive as their message; anything else is logged
with its traceback and reported as an internal error, never raised into Qt's event loop.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.core.errors import ReaderError

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Signals of one task (a QRunnable cannot have signals itself)."""

    progress = Signal(int, int, str)  # done, total, message
    partial = Signal(object)  # an intermediate result
    finished = Signal(object)  # the result
    failed = Signal(str)  # one sentence for the user
    done = Signal()  # emitted last, whatever happened


class Job:
    """What a task's function gets: cancellation flag and reporting functions (thread-safe)."""

    def __init__(self, signals: TaskSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the function to stop at its next check."""
        self._cancel.set()

    def cancelled(self) -> bool:
        """True once cancellation was asked for."""
        return self._cancel.is_set()

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report progress to the GUI."""
        if not self.cancelled():
            self._signals.progress.emit(done, total, message)

    def partial(self, value: object) -> None:
        """Send an intermediate result to the GUI."""
        if not self.cancelled():
            self._signals.partial.emit(value)


class Task(QRunnable):
    """Run ``fn(job)`` on a pool thread and emit its result or error."""

    def __init__(self, name: str, fn: Callable[[Job], Any]) -> None:
        super().__init__()
        self.name = name
        self.fn = fn
        self.signals = TaskSignals()
        self.job = Job(self.signals)
        self.setAutoDelete(False)  # the dispatcher keeps it until done

    def run(self) -> None:
        """Qt calls this on a pool thread."""
        try:
            result = self.fn(self.job)
        except ReaderError as error:
            self._emit(self.signals.failed, str(error))
        except Exception as error:  # a bug: keep the app alive, log it, tell the user briefly
            log.exception("background task %s failed", self.name)
            self._emit(self.signals.failed, f"Something went wrong ({type(error).__name__}); see the log for details.")
        else:
            self._emit(self.signals.finished, result)
        finally:
            with contextlib.suppress(RuntimeError):  # the application is shutting down: the receivers are gone
                self.signals.done.emit()

    def _emit(self, signal: Any, value: object) -> None:
        """Deliver a result unless the task was cancelled or the application is shutting down."""
        if self.job.cancelled():
            return
        try:
            signal.emit(value)
        except RuntimeError:
            log.debug("task %s finished after its receivers were deleted", self.name)


class Dispatcher(QObject):
    """Starts tasks, one per name at a time, and cancels superseded ones."""

    busy_changed = Signal(bool)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: dict[str, Task] = {}
        self._all: set[Task] = set()

    def start(
        self,
        name: str,
        fn: Callable[[Job], Any],
        *,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_partial: Callable[[Any], None] | None = None,
        owner: QObject | None = None,
    ) -> Task:
        """Run ``fn`` in the background, cancelling a running task of the same ``name``.

        ``owner`` is the widget the callbacks update: once it is deleted (its window closed) the callbacks are
        skipped, so a result that arrives late never touches a deleted widget.
        """
        self.cancel(name)
        task = Task(name, fn)
        for signal, callback in (
            (task.signals.finished, on_finished),
            (task.signals.failed, on_failed),
            (task.signals.progress, on_progress),
            (task.signals.partial, on_partial),
        ):
            if callback is not None:
                signal.connect(callback if owner is None else while_alive(owner, callback))
        task.signals.done.connect(lambda t=task: self._finished(t))
        was_busy = self.busy
        self._running[name] = task
        self._all.add(task)
        self.pool.start(task)
        if not was_busy:
            self.busy_changed.emit(True)
        return task

    def cancel(self, name: str) -> None:
        """Cancel the running task called ``name`` (its results will be dropped)."""
        task = self._running.pop(name, None)
        if task is not None:
            task.job.cancel()

    def cancel_all(self) -> None:
        """Cancel everything (the window is closing)."""
        for name in list(self._running):
            self.cancel(name)

    def is_running(self, name: str) -> bool:
        """True while a task called ``name`` runs."""
        return name in self._running

    @property
    def busy(self) -> bool:
        """True while any task runs."""
        return bool(self._all)

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for all tasks to end (used at shutdown and in tests)."""
        return self.pool.waitForDone(msecs)

    def _finished(self, task: Task) -> None:
        if self._running.get(task.name) is task:
            del self._running[task.name]
        self._all.discard(task)
        if not self._all:
            self.busy_changed.emit(False)


def while_alive(owner: QObject, callback: Callable[..., None]) -> Callable[..., None]:
    """``callback``, skipped once ``owner``'s C++ object is gone."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            callback(*args)

    return call
