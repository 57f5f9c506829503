"""Colours and fonts of the reading view, for light and dark palettes.

Tone colours follow the common learner convention (Pleco, Hanping): tone 1 red, tone 2 green/orange, tone 3
green/blue, tone 4 blue/purple, neutral grey; the dark variants are lighter so they read on a dark background.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette

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
