"""Progress reports and cancellation for long imports, driven by two plain callbacks from the caller.

The GUI runs an import in a worker thread and passes ``progress`` (receives a fraction from 0.0 to 1.0) and
``cancelled`` (returns True once the user pressed Cancel); importers call :meth:`ImportMonitor.advance` between
units of work (pages, chapters, paragraphs), which reports and raises :class:`ImportCancelledError` when asked to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.core.errors import ReaderError

ProgressCallback = Callable[[float], None]
CancelCheck = Callable[[], bool]


class ImportCancelledError(ReaderError):
    """The user cancelled the import; nothing was imported."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled.")


@dataclass(slots=True)
class ImportMonitor:
    """Forwards progress to the caller's callback and stops the import when the caller cancels it.

    ``start`` and ``end`` map this monitor's own 0–1 range into the caller's, so that a step of a larger job
    (reading a file, then parsing it) can report its own fractions.
    """

    progress: ProgressCallback | None = None
    cancelled: CancelCheck | None = None
    start: float = 0.0
    end: float = 1.0

    def advance(self, fraction: float) -> None:
        """Report that ``fraction`` (0–1) of this step is done, then stop if the caller has cancelled."""
        self.check()
        if self.progress is not None:
            clamped = min(1.0, max(0.0, fraction))
            self.progress(self.start + (self.end - self.start) * clamped)

    def check(self) -> None:
        """Raise :class:`ImportCancelledError` if the caller has cancelled."""
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelledError

    def step(self, start: float, end: float) -> ImportMonitor:
        """A monitor for a sub-step that covers ``start``–``end`` of this monitor's range."""
        span = self.end - self.start
        return ImportMonitor(self.progress, self.cancelled, self.start + span * start, self.start + span * end)
