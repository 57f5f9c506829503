"""The dark theme: unchecked check boxes and radio buttons have a visible frame, toolbar toggles show on and off."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleFactory,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.main_window import MainWindow
from reader.ui.settings import Theme
from reader.ui.theme import apply_theme, fit_widgets_to_palette
from tests.ui.journey import trigger


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[None]:
    """Switch the application to Reader's dark theme for one test, and back afterwards."""
    style, palette, sheet = qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet()
    apply_theme(Theme.DARK)
    yield
    qapp.setStyle(QStyleFactory.create(style))
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    fit_widgets_to_palette(qapp)


def _frame_contrast(image: QImage, background: QColor, rect: Any) -> int:
    """The largest lightness difference between ``background`` and a pixel on the border of ``rect``."""
    points = [(x, y) for x in range(rect.left(), rect.right() + 1) for y in (rect.top(), rect.bottom())]
    points += [(x, y) for y in range(rect.top(), rect.bottom() + 1) for x in (rect.left(), rect.right())]
    ratio = image.devicePixelRatio()
    return max(
        abs(image.pixelColor(int(x * ratio), int(y * ratio)).lightness() - background.lightness()) for x, y in points
    )


@pytest.mark.parametrize(
    ("kind", "element"),
    [
        (QCheckBox, QStyle.SubElement.SE_CheckBoxIndicator),  # Preferences, Export Deck, Import Known Words
        (QRadioButton, QStyle.SubElement.SE_RadioButtonIndicator),  # Export Deck's "All entries / Only these"
    ],
)
def test_unchecked_indicator_has_a_visible_frame(dark: None, qtbot: Any, kind: type, element: Any) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    button = kind("Colour pinyin by tone", page)
    QVBoxLayout(page).addWidget(button)
    page.show()
    qtbot.waitExposed(page)
    option = QStyleOptionButton()
    button.initStyleOption(option)
    rect = button.style().subElementRect(element, option, button)
    image = button.grab().toImage()
    background = page.palette().color(QPalette.ColorRole.Window)
    assert _frame_contrast(image, background, rect) >= 60  # Fusion's own frame differs by about 10 here


def _mean_colour(image: QImage) -> tuple[float, float, float]:
    pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    return tuple(sum(getattr(c, part)() for c in pixels) / len(pixels) for part in ("red", "green", "blue"))


@pytest.mark.journey("View ▸ Show Pinyin")
def test_toolbar_toggle_looks_different_on_and_off(dark: None, qtbot: Any, app_context: Any) -> None:
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    button = window.toolbar.widgetForAction(window.main_actions["toggle_pinyin"])
    assert window.main_actions["toggle_pinyin"].isChecked()
    on = _mean_colour(button.grab().toImage())
    trigger(window, "View ▸ Show Pinyin")
    assert not window.main_actions["toggle_pinyin"].isChecked()
    off = _mean_colour(button.grab().toImage())
    assert max(abs(a - b) for a, b in zip(on, off, strict=True)) >= 40  # the blue "on" tint (Fusion alone: 15)


def test_toolbar_arrows_are_light_on_dark(dark: None, qtbot: Any, app_context: Any) -> None:
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    for action in (window.main_actions["zoom_in"], window.main_actions["zoom_out"]):
        image = action.icon().pixmap(32, 32).toImage()
        opaque = [
            image.pixelColor(x, y)
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).alpha() > 64
        ]
        assert opaque and max(color.lightness() for color in opaque) > 150


@pytest.mark.journey("Edit ▸ Preferences…")
def test_choosing_dark_in_preferences_applies_at_once(
    restore_look: None, main_window: MainWindow, qtbot: Any, qapp: QApplication
) -> None:
    # The theme was saved but only shown after a restart (issue 12).
    from PySide6.QtWidgets import QComboBox

    from tests.ui.journey import click, on_modal

    def choose(theme_label: str) -> Any:
        def handle(dialog: QWidget) -> None:
            combo = next(c for c in dialog.findChildren(QComboBox) if c.itemText(0) == "Follow the system")
            combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemText(i) == theme_label))
            click(qtbot, dialog, "OK")

        return handle

    light = qapp.palette().color(QPalette.ColorRole.Window).lightness()
    with on_modal(choose("Dark")):
        trigger(main_window, "Edit ▸ Preferences…")
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 100 < light
    with on_modal(choose("Light")):
        trigger(main_window, "Edit ▸ Preferences…")
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 150
