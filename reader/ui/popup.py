"""The word pop-up: a word's dictionary card next to the word, with Add to Deck, I Know It and Copy.

Below the card, the word's readings: the one in the text first, then the dictionary's. The chosen one is what Add
to Deck saves; Correct Reading keeps it in the text, here or for every occurrence of the word.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QHideEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

#: Width of the pop-up in pixels.
POPUP_WIDTH = 400
POPUP_MAX_HEIGHT = 520


class WordPopup(QFrame):
    """A frameless pop-up (closes on Esc or a click outside); Left/Right ask for the previous/next word."""

    add_requested = Signal()
    known_requested = Signal()
    split_requested = Signal()
    correct_requested = Signal()
    step_requested = Signal(int)  # -1 previous word, 1 next word
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("WordPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.card = QLabel(self)
        self.card.setObjectName("WordCard")
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setWordWrap(True)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card.setContentsMargins(12, 10, 12, 6)
        scroll = QScrollArea(self)
        scroll.setWidget(self.card)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area = scroll
        self.add_button = QPushButton("&Add to Deck", self)
        self.add_button.setToolTip("Save the word with its sentence and translation (A)")
        self.known_button = QPushButton("I &Know It", self)
        self.known_button.setToolTip("Mark the word as known: no underline, no pinyin in 'unknown only' mode (K)")
        self.copy_button = QPushButton("&Copy", self)
        self.split_button = QPushButton("&Split…", self)
        self.split_button.setToolTip("Split this word into smaller words everywhere (S)")
        self.reading_box = QComboBox(self)
        self.reading_box.setToolTip("The reading Add to Deck saves (the first is the one in the text)")
        self.reading_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.everywhere_box = QCheckBox("&Everywhere", self)
        self.everywhere_box.setToolTip("Correct every occurrence of the word, not only this one")
        self.everywhere_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.correct_button = QPushButton("Co&rrect Reading", self)
        self.correct_button.setToolTip("Show the chosen reading in the text from now on (here, or everywhere)")
        self.correct_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        readings = QHBoxLayout()
        readings.setContentsMargins(10, 4, 10, 0)
        readings.addWidget(QLabel("Reading:", self))
        readings.addWidget(self.reading_box, 1)
        readings.addWidget(self.everywhere_box)
        readings.addWidget(self.correct_button)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(10, 4, 10, 10)
        for button in (self.add_button, self.known_button, self.copy_button, self.split_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll, 1)
        layout.addLayout(readings)
        layout.addLayout(buttons)
        self.setFixedWidth(POPUP_WIDTH)
        self.add_button.clicked.connect(self.add_requested)
        self.known_button.clicked.connect(self.known_requested)
        self.copy_button.clicked.connect(self.copy_word)
        self.split_button.clicked.connect(self.split_requested)
        self.correct_button.clicked.connect(self.correct_requested)
        self.word = ""

    def set_readings(self, readings: list[tuple[str, str]]) -> None:
        """List ``(label, reading)`` pairs, the reading in the text first (tone numbers joined by spaces)."""
        self.reading_box.clear()
        for label, reading in readings:
            self.reading_box.addItem(label, reading)
        self.everywhere_box.setChecked(False)
        has_choice = bool(readings)
        for widget in (self.reading_box, self.everywhere_box, self.correct_button):
            widget.setEnabled(has_choice)

    def chosen_reading(self) -> str:
        """The reading chosen in the list (tone numbers joined by spaces), ``""`` if there is none."""
        value = self.reading_box.currentData()
        return str(value) if value else ""

    def show_card(self, word: str, html: str, anchor: QRect, *, in_deck: bool, splittable: bool) -> None:
        """Show ``html`` for ``word`` next to ``anchor`` (a global rectangle around the word)."""
        self.word = word
        self.card.setText(html)
        self.add_button.setEnabled(not in_deck)
        self.add_button.setText("In Deck" if in_deck else "&Add to Deck")
        self.split_button.setVisible(splittable)
        self.card.adjustSize()
        height = min(POPUP_MAX_HEIGHT, self.card.sizeHint().height() + 92)
        self.resize(POPUP_WIDTH, height)
        self.move(self._position(anchor, height))
        if not self.isVisible():
            self.show()
        self.setFocus()

    def _position(self, anchor: QRect, height: int) -> QPoint:
        """Below the word if there is room, else above it; kept on the screen."""
        screen = QGuiApplication.screenAt(anchor.center()) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        x = min(max(area.left(), anchor.left()), area.right() - POPUP_WIDTH)
        y = anchor.bottom() + 6
        if y + height > area.bottom():
            y = max(area.top(), anchor.top() - height - 6)
        return QPoint(x, y)

    def copy_word(self) -> None:
        """Copy the word to the clipboard."""
        QGuiApplication.clipboard().setText(self.word)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Left:
            self.step_requested.emit(-1)
        elif key == Qt.Key.Key_Right:
            self.step_requested.emit(1)
        elif key == Qt.Key.Key_A and self.add_button.isEnabled():
            self.add_requested.emit()
        elif key == Qt.Key.Key_K:
            self.known_requested.emit()
        elif key == Qt.Key.Key_S and self.split_button.isVisible():
            self.split_requested.emit()
        elif event.matches(QKeySequence.StandardKey.Copy) or key == Qt.Key.Key_C:
            self.copy_word()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.closed.emit()
