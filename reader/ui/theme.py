"""Colours and fonts of the reading view, for light and dark palettes.

Tone colours follow the common learner convention (Pleco, Hanping): tone 1 red, tone 2 green/orange, tone 3
green/blue, tone 4 blue/purple, neutral grey; the dark variants are lighter so they read on a dark background.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

#: Chinese fonts in order of preference; the first one installed is the default.
PREFERRED_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "Noto Serif CJK SC",
    "Droid Sans Fallback",
    "SimSun",
)


@dataclass(frozen=True)
class Colors:
    """The reading view's colours for one palette."""

    text: QColor
    muted: QColor
    background: QColor
    heading: QColor
    translation: QColor
    sentence_hover: QColor
    word_underline: QColor
    focus: QColor
    selection: QColor
    unknown_underline: QColor
    learning_tint: QColor
    find: QColor
    find_current: QColor
    bookmark: QColor
    tones: tuple[QColor, QColor, QColor, QColor, QColor]  # tones 1–4 and neutral
    highlights: tuple[QColor, ...]  # highlight colours, index = colour id


def is_dark() -> bool:
    """True if the application palette is dark (the system's dark mode)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    palette = app.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colors(dark: bool | None = None) -> Colors:
    """Return the colours for the current (or the given) palette."""
    dark = is_dark() if dark is None else dark
    if dark:
        return Colors(
            text=QColor("#e8e6e3"),
            muted=QColor("#9a9a9a"),
            background=QColor("#1e1f22"),
            heading=QColor("#f2f2f2"),
            translation=QColor("#c9c9c9"),
            sentence_hover=QColor(255, 255, 255, 22),
            word_underline=QColor(255, 255, 255, 110),
            focus=QColor("#5b9cf5"),
            selection=QColor(91, 156, 245, 90),
            unknown_underline=QColor(240, 170, 80, 170),
            learning_tint=QColor(240, 200, 80, 45),
            find=QColor(255, 160, 60, 70),
            find_current=QColor(255, 140, 0, 150),
            bookmark=QColor("#e5534b"),
            tones=(QColor("#ff7b72"), QColor("#f0b45b"), QColor("#6fd38c"), QColor("#79b8ff"), QColor("#a0a0a0")),
            highlights=(
                QColor(250, 220, 80, 80),
                QColor(120, 220, 120, 75),
                QColor(110, 180, 255, 80),
                QColor(255, 130, 170, 80),
                QColor(190, 150, 255, 80),
            ),
        )
    return Colors(
        text=QColor("#1d1d1f"),
        muted=QColor("#6e6e73"),
        background=QColor("#fbfaf7"),
        heading=QColor("#111111"),
        translation=QColor("#3a3a3c"),
        sentence_hover=QColor(0, 0, 0, 14),
        word_underline=QColor(0, 0, 0, 90),
        focus=QColor("#1a73e8"),
        selection=QColor(26, 115, 232, 60),
        unknown_underline=QColor(214, 120, 20, 170),
        learning_tint=QColor(255, 210, 60, 60),
        find=QColor(255, 170, 60, 80),
        find_current=QColor(255, 120, 0, 150),
        bookmark=QColor("#d1242f"),
        tones=(QColor("#d62d20"), QColor("#d98200"), QColor("#188038"), QColor("#1a5fd1"), QColor("#7a7a7a")),
        highlights=(
            QColor(255, 230, 0, 110),
            QColor(120, 220, 120, 110),
            QColor(120, 190, 255, 110),
            QColor(255, 150, 190, 110),
            QColor(200, 160, 255, 110),
        ),
    )


def dark_palette() -> QPalette:
    """The dark palette Reader uses with the Fusion style when the dark theme is chosen.

    Every role Fusion reads is set, the 3-D shades (Light … Shadow) included: left unset they stay the light
    palette's greys, and pressed or checked buttons then look like unpressed ones.
    """
    palette = QPalette()
    window, base, text = QColor(37, 38, 41), QColor(30, 31, 34), QColor(230, 230, 230)
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor(48, 50, 54)),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor(255, 255, 255)),
        (QPalette.ColorRole.Light, QColor(78, 80, 86)),
        (QPalette.ColorRole.Midlight, QColor(62, 64, 69)),
        (QPalette.ColorRole.Mid, QColor(44, 45, 49)),
        (QPalette.ColorRole.Dark, QColor(22, 23, 25)),
        (QPalette.ColorRole.Shadow, QColor(0, 0, 0)),
        (QPalette.ColorRole.ToolTipBase, window),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Highlight, QColor(53, 110, 201)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
        (QPalette.ColorRole.PlaceholderText, QColor(140, 140, 140)),
        (QPalette.ColorRole.Link, QColor(110, 170, 255)),
    ):
        palette.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    return palette


#: The frame Fusion draws round a check box or radio button is the Window colour made darker (140 %), which
#: vanishes on a dark window: those widgets get a palette whose Window colour (unused otherwise: they paint no
#: background) gives a frame like the light theme's.
_INDICATOR_WINDOW = QColor(170, 170, 170)
_INDICATOR_CLASSES = ("QCheckBox", "QRadioButton")
#: Toolbar toggles (Show Pinyin, Show Translation) show "on" clearly; Fusion's sunken shade is lost on dark grey.
DARK_STYLE_SHEET = """
QToolBar QToolButton:checked {
    background-color: rgba(91, 156, 245, 70);
    border: 1px solid rgba(91, 156, 245, 200);
    border-radius: 3px;
}
"""


def fit_widgets_to_palette(app: QApplication) -> None:
    """Make check boxes and toolbar toggles readable in the application's current palette (dark or light)."""
    palette = app.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    indicators = QPalette(palette)
    if dark:
        indicators.setColor(QPalette.ColorRole.Window, _INDICATOR_WINDOW)
    for name in _INDICATOR_CLASSES:
        QApplication.setPalette(indicators, name)  # type: ignore[arg-type]  # the stubs say bytes; PySide wants str
    if dark:
        app.setStyleSheet(DARK_STYLE_SHEET)
    elif app.styleSheet() == DARK_STYLE_SHEET:
        app.setStyleSheet("")


def readable_icon(icon: QIcon, size: int = 32) -> QIcon:
    """Return ``icon``, or on a dark palette a light copy of it when it is a black glyph (Fusion's arrows)."""
    if not is_dark():
        return icon
    image = icon.pixmap(size, size).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    pixels = (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height()))
    opaque = [color for color in pixels if color.alpha() > 64]
    if not opaque or max(color.lightness() for color in opaque) > 60:
        return icon  # it has colours of its own: keep them
    light = QPixmap(image.size())
    light.fill(QColor(0, 0, 0, 0))
    painter = QPainter(light)
    painter.drawImage(0, 0, image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(light.rect(), QGuiApplication.palette().color(QPalette.ColorRole.ButtonText))
    painter.end()
    return QIcon(light)


#: Names of the highlight colours, in the order of Colors.highlights.
HIGHLIGHT_NAMES = ("Yellow", "Green", "Blue", "Pink", "Purple")


def default_cjk_family() -> str:
    """Return the best installed Chinese font family, or the application font's family as a fallback."""
    installed = set(QFontDatabase.families())
    for family in PREFERRED_CJK_FONTS:
        if family in installed:
            return family
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if chinese:
        return chinese[0]
    return QGuiApplication.font().family()


def has_cjk_font() -> bool:
    """True if any installed font declares Simplified Chinese support."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def hanzi_font(family: str, point_size: float) -> QFont:
    """The font for Chinese text at ``point_size``."""
    font = QFont(family)
    font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def pinyin_font(point_size: float) -> QFont:
    """The font for pinyin: the UI's Latin font at about half the hanzi size."""
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(max(6.0, point_size * 0.5))
    return font
