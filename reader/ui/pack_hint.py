"""The bar above the reading view that says, once, that a language pack would add the missing English."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

HINT_TEXT = (
    "No Chinese→English language pack is installed, so paragraphs without a reference translation show no English."
)


class PackHintBar(QFrame):
    """One dismissable hint with a button that opens File ▸ Language Packs…, not a hint beside every paragraph."""

    open_packs_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PackHintBar")
        # an amber tint that reads on the light and the dark palette alike
        self.setStyleSheet(
            "#PackHintBar { background-color: rgba(240, 170, 80, 45);"
            " border-bottom: 1px solid rgba(240, 170, 80, 140); }"
        )
        self.dismissed = False  # for this session: the user said they know
        self.label = QLabel(HINT_TEXT, self)
        self.label.setWordWrap(True)
        self.open_button = QPushButton("Language Packs…", self)
        self.open_button.setToolTip("Install or download the Chinese→English pack (File ▸ Language Packs…)")
        self.open_button.clicked.connect(self.open_packs_requested)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setFlat(True)
        self.dismiss_button.setToolTip("Hide this hint until Reader restarts")
        self.dismiss_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 6, 12, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.dismiss_button)
        self.hide()

    def show_if(self, needed: bool) -> None:
        """Show the bar when an open article lacks English a pack would give, unless it was dismissed."""
        self.setVisible(needed and not self.dismissed)

    def dismiss(self) -> None:
        """Hide the bar for the rest of the session."""
        self.dismissed = True
        self.hide()
