"""Small widgets shared by several dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget


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
