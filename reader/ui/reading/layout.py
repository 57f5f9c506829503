"""Lay out one paragraph for the reading view: word boxes with pinyin above hanzi, wrapped to a width.

Qt's rich text has no ``<ruby>``, so the reading view places every word itself. A word is a *box*: its pinyin
(smaller, centred) above its characters. Boxes wrap only between words, never inside one; a closing mark or comma
stays on the line of the word before it, an opening quote with the word after it. The English translation of the
paragraph is laid out with a QTextLayout in a column beside the Chinese (or below it in a narrow window).

Layouts are pure data (numbers and strings) computed from fonts' metrics; the view caches them per row and width
and paints only the rows on screen. Text widths are cached per font and string, so re-wrapping a paragraph to a
new width is arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption

from reader.core.chars import NO_LINE_START, OPENERS, has_han
from reader.core.model import Block, BlockKind, BlockRole
from reader.core.pinyin.styles import PinyinStyle, display_readings, format_syllable, tone_of
from reader.core.script import CharacterForm, shared_converter
from reader.ui.settings import PinyinMode, ViewSettings

#: Gap between the Chinese column and the translation column, and around a row, in pixels at 100 % zoom.
COLUMN_GAP = 28.0
ROW_GAP = 18.0
#: Translation column share of the width when beside the Chinese.
TRANSLATION_SHARE = 0.38
#: Below this width the translation goes under its paragraph (automatic position).
NARROW_WIDTH = 820.0


class Typeface:
    """A font with its metrics and a cache of text widths (measuring is the expensive part of layout)."""

    def __init__(self, font: QFont) -> None:
        self.font = font
        self.metrics = QFontMetricsF(font)
        self.ascent = self.metrics.ascent()
        self.height = self.metrics.height()
        self._widths: dict[str, float] = {}

    def width(self, text: str) -> float:
        """Advance width of ``text``."""
        cached = self._widths.get(text)
        if cached is None:
            cached = self.metrics.horizontalAdvance(text)
            self._widths[text] = cached
        return cached


@dataclass(slots=True)
class Box:
    """One word (or punctuation, or Latin run) placed on a line."""

    sentence: int
    token: int
    text: str
    start: int  # offset in the article text
    x: float = 0.0
    line: int = 0
    width: float = 0.0
    hanzi_width: float = 0.0
    syllables: list[tuple[str, int]] | None = None  # (formatted syllable, tone) pairs; None: no pinyin shown
    pinyin_width: float = 0.0
    han: bool = False
    status: str = ""  # the learner's status for the word ("known", "learning", "unknown", "")
    shown: str = ""  # the word as drawn when View ▸ Characters converts it (same length); "" draws ``text``

    @property
    def display(self) -> str:
        """The characters drawn: the converted form, or the text as written."""
        return self.shown or self.text

    @property
    def end(self) -> int:
        """Offset just past the word."""
        return self.start + len(self.text)


@dataclass(slots=True)
class LayoutLine:
    """A line of boxes."""

    y: float
    first: int  # index of its first box
    last: int  # index just past its last box


@dataclass
class RowLayout:
    """A paragraph laid out at one width."""

    width: float
    height: float
    chinese_x: float
    chinese_width: float
    line_height: float
    pinyin_height: float
    hanzi: Typeface
    boxes: list[Box] = field(default_factory=list)
    lines: list[LayoutLine] = field(default_factory=list)
    translation: QTextLayout | None = None
    translation_x: float = 0.0
    translation_y: float = 0.0
    translation_width: float = 0.0
    sentence_ranges: list[tuple[int, int]] = field(default_factory=list)  # (start, length) in the translation
    label: str = ""  # the source label drawn above the translation
    placeholder: str = ""  # drawn where the translation would be when there is none
    placeholder_layout: QTextLayout | None = None

    @property
    def chinese_height(self) -> float:
        """Height of the Chinese part."""
        return len(self.lines) * self.line_height


class LayoutContext:
    """Fonts and display settings shared by every row of the view; rebuilt when a setting changes."""

    def __init__(
        self,
        settings: ViewSettings,
        family: str,
        base_font: QFont,
        status_of: Callable[[str], str] | None = None,
        char_readings: Callable[[str], Sequence[str]] | None = None,
        characters: CharacterForm = CharacterForm.AS_WRITTEN,
    ) -> None:
        self.settings = settings
        # How the open article's characters are drawn (View ▸ Characters); offsets always refer to the stored text.
        self.characters = characters
        self.converter = shared_converter()
        # A character's own readings (PinyinEngine.char_readings); without it citation tones cannot be shown.
        self.char_readings = char_readings
        size = settings.font_size

        def chinese(scale: float, bold: bool = False) -> Typeface:
            font = QFont(family)
            font.setPointSizeF(size * scale)
            font.setBold(bold)
            return Typeface(font)

        def latin(scale: float, italic: bool = False) -> Typeface:
            font = QFont(base_font)
            font.setPointSizeF(max(6.0, size * scale))
            font.setItalic(italic)
            return Typeface(font)

        self.body = chinese(1.0)
        self.heading = chinese(1.25, bold=True)
        self.title = chinese(1.45, bold=True)
        self.note = chinese(0.82)
        self.pinyin = latin(0.52)
        self.translation = latin(0.62)
        self.translation_label = latin(0.42)
        self.placeholder = latin(0.55, italic=True)
        self.status_of = status_of or (lambda word: "")

    def hanzi_face(self, block: Block) -> Typeface:
        """The Chinese font for a block of this kind."""
        if block.kind is BlockKind.HEADING:
            return self.title if block.role is BlockRole.TITLE else self.heading
        if block.kind is BlockKind.NOTE:
            return self.note
        return self.body

    def shown_text(self, block: Block) -> str:
        """The block's text as drawn: converted to :attr:`characters`, one character for one."""
        if self.characters is CharacterForm.AS_WRITTEN:
            return block.text
        return self.converter.convert(block.text, self.characters)

    def shows_pinyin(self, word: str, status: str) -> bool:
        """Whether ``word`` gets pinyin under the current mode."""
        mode = self.settings.pinyin_mode
        if mode is PinyinMode.OFF:
            return False
        if mode is PinyinMode.UNKNOWN:
            return status not in ("known", "ignored")
        return True

    def translation_beside(self, width: float) -> bool:
        """True if translations go in a column beside the Chinese at this view width."""
        position = self.settings.translation_position.value
        return position == "beside" or (position == "auto" and width >= NARROW_WIDTH)


@dataclass(frozen=True)
class TranslationInfo:
    """What the translation cell of a row shows besides the text."""

    label: str = ""
    placeholder: str = ""


def build_boxes(block: Block, context: LayoutContext, hanzi: Typeface) -> list[Box]:
    """Make the boxes of a block's words (without positions)."""
    style: PinyinStyle = context.settings.pinyin_style
    pinyin = context.pinyin
    gap = hanzi.height * 0.12 if context.settings.word_gaps else 0.0
    shown = context.shown_text(block)
    shown = "" if shown == block.text else shown
    boxes: list[Box] = []
    for sentence_index, sentence in enumerate(block.sentences):
        tokens = sentence.tokens
        readings = [token.pinyin for token in tokens]
        texts = [token.text for token in tokens]
        readings = display_readings(texts, readings, context.settings.tone_options, context.char_readings)
        if not tokens:
            # Not segmented yet: one box per character keeps wrapping possible.
            for offset, char in enumerate(sentence.text):
                box = Box(sentence_index, -1, char, sentence.start + offset)
                box.shown = _shown(shown, box, block.start)
                box.hanzi_width = box.width = hanzi.width(box.display)
                box.han = has_han(char)
                boxes.append(box)
            continue
        for token_index, (token, reading) in enumerate(zip(tokens, readings, strict=True)):
            box = Box(sentence_index, token_index, token.text, token.start)
            box.shown = _shown(shown, box, block.start)
            box.hanzi_width = hanzi.width(box.display)
            box.han = reading is not None
            if box.han:
                box.status = context.status_of(token.text)
                if reading is not None and context.shows_pinyin(token.text, box.status):
                    box.syllables = [
                        (format_syllable(syllable, style), tone_of(syllable)) for syllable in reading if syllable
                    ]
                    box.pinyin_width = sum(pinyin.width(text) for text, _ in box.syllables)
                box.width = max(box.hanzi_width, box.pinyin_width) + gap
            else:
                box.width = box.hanzi_width
            boxes.append(box)
    return boxes


def _shown(shown: str, box: Box, block_start: int) -> str:
    """The converted characters of ``box`` ("" when nothing is converted or they equal the text)."""
    if not shown:
        return ""
    converted = shown[box.start - block_start : box.end - block_start]
    return converted if converted != box.text and len(converted) == len(box.text) else ""


def _units(boxes: list[Box]) -> list[tuple[int, int, float]]:
    """Group boxes that must share a line: (first, past-last, width). Breaks fall only between units."""
    units: list[tuple[int, int, float]] = []
    index = 0
    while index < len(boxes):
        start = index
        width = 0.0
        # Opening quotes and brackets stick to what follows.
        while index < len(boxes) - 1 and boxes[index].text and boxes[index].text[-1] in OPENERS:
            width += boxes[index].width
            index += 1
        width += boxes[index].width
        index += 1
        # Closing marks and commas stick to what precedes.
        while index < len(boxes) and boxes[index].text[:1] in NO_LINE_START:
            width += boxes[index].width
            index += 1
        units.append((start, index, width))
    return units


def wrap_boxes(boxes: list[Box], available: float, line_height: float) -> list[LayoutLine]:
    """Place boxes on lines no wider than ``available`` (a unit wider than a line gets a line of its own)."""
    lines: list[LayoutLine] = []
    x = 0.0
    line_start = 0
    for first, last, width in _units(boxes):
        if x > 0 and x + width > available:
            lines.append(LayoutLine(len(lines) * line_height, line_start, first))
            line_start, x = first, 0.0
        for box in boxes[first:last]:
            box.line = len(lines)
            if x == 0 and box.text.isspace():
                box.x = -box.width  # a space at the start of a line takes no room (and cannot be clicked)
                continue
            box.x = x
            x += box.width
    if boxes:
        lines.append(LayoutLine(len(lines) * line_height, line_start, len(boxes)))
    return lines


def layout_row(
    block: Block,
    context: LayoutContext,
    width: float,
    info: TranslationInfo,
    show_pinyin_row: bool,
    boxes: list[Box] | None = None,
) -> RowLayout:
    """Lay out ``block`` for a view ``width`` pixels wide.

    ``boxes`` are the block's boxes from an earlier layout with the same context (only their positions change
    with the width): passing them makes re-wrapping after a resize cheap.
    """
    hanzi = context.hanzi_face(block)
    beside = context.settings.show_translation and context.translation_beside(width)
    margin = COLUMN_GAP * 0.6
    usable = max(120.0, width - 2 * margin)
    chinese_width = usable * (1 - TRANSLATION_SHARE) - COLUMN_GAP / 2 if beside else usable
    pinyin_height = context.pinyin.height if show_pinyin_row else 0.0
    line_height = pinyin_height + hanzi.height * 1.18
    if boxes is None:
        boxes = build_boxes(block, context, hanzi)
    lines = wrap_boxes(boxes, chinese_width, line_height)
    layout = RowLayout(
        width=width,
        height=0.0,
        chinese_x=margin,
        chinese_width=chinese_width,
        line_height=line_height,
        pinyin_height=pinyin_height,
        hanzi=hanzi,
        boxes=boxes,
        lines=lines,
    )
    chinese_height = layout.chinese_height
    translation_height = 0.0
    if context.settings.show_translation:
        if beside:
            layout.translation_x = margin + chinese_width + COLUMN_GAP
            layout.translation_y = pinyin_height * 0.5
            layout.translation_width = usable - chinese_width - COLUMN_GAP
        else:
            layout.translation_x = margin
            layout.translation_y = chinese_height + 4.0
            layout.translation_width = usable
        translation_height = _layout_translation(layout, block, context, info)
    bottom = max(chinese_height, layout.translation_y + translation_height)
    layout.height = bottom + ROW_GAP * (1.4 if block.kind is BlockKind.HEADING else 1.0)
    return layout


def _layout_translation(layout: RowLayout, block: Block, context: LayoutContext, info: TranslationInfo) -> float:
    """Lay out the English of a block in its cell; return the height used."""
    layout.label = info.label
    y = context.translation_label.height if info.label else 0.0
    parts: list[str] = []
    ranges: list[tuple[int, int]] = []
    position = 0
    for sentence in block.sentences:
        text = sentence.translation or ""
        if parts and text:
            parts.append(" ")
            position += 1
        ranges.append((position, len(text)))
        parts.append(text)
        position += len(text)
    text = "".join(parts)
    if not text.strip():
        if not info.placeholder:
            return y
        layout.placeholder = info.placeholder
        layout.placeholder_layout, bottom = wrap_text(
            info.placeholder, context.placeholder, layout.translation_width, y
        )
        return bottom
    layout.translation, bottom = wrap_text(text, context.translation, layout.translation_width, y)
    layout.sentence_ranges = ranges
    return bottom


def wrap_text(text: str, face: Typeface, width: float, top: float) -> tuple[QTextLayout, float]:
    """Lay out ``text`` in ``face`` wrapped at word boundaries to ``width``, from ``top``; return it and its bottom."""
    text_layout = QTextLayout(text, face.font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    text_layout.setTextOption(option)
    text_layout.beginLayout()
    line_y = top
    leading = face.metrics.leading() + face.height * 0.18
    while True:
        line = text_layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0.0, line_y))
        line_y += line.height() + leading
    text_layout.endLayout()
    return text_layout, line_y


def estimate_height(block: Block, context: LayoutContext, width: float, show_pinyin_row: bool) -> float:
    """A cheap guess of a row's height before it is laid out (keeps the scroll bar sensible)."""
    hanzi = context.hanzi_face(block)
    beside = context.settings.show_translation and context.translation_beside(width)
    usable = max(120.0, width - COLUMN_GAP * 1.2)
    chinese_width = usable * (1 - TRANSLATION_SHARE) if beside else usable
    per_line = max(1.0, chinese_width / (hanzi.height * (1.25 if show_pinyin_row else 1.05)))
    lines = int(len(block.text) / per_line) + 1
    line_height = (context.pinyin.height if show_pinyin_row else 0.0) + hanzi.height * 1.18
    height = lines * line_height
    if context.settings.show_translation and not beside:
        height += lines * context.translation.height * 0.9
    return height + ROW_GAP
