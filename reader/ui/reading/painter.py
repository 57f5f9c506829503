"""Paint one laid-out paragraph: highlights, hover and selection backgrounds, pinyin, hanzi and the English."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPicture, QPolygonF, QTextCharFormat, QTextLayout

from reader.ui.reading.layout import Box, LayoutContext, RowLayout
from reader.ui.theme import Colors


@dataclass(frozen=True, slots=True)
class Highlight:
    """A highlighted span of the article text (offsets) and its colour index."""

    start: int
    end: int
    color: int
    ident: int = 0
    has_note: bool = False


@dataclass(slots=True)
class RowState:
    """What is hovered, focused, selected and highlighted in a row at paint time."""

    hover: int | None = None  # box index under the mouse
    hover_sentence: int | None = None  # sentence index under the mouse (Chinese or English side)
    focus: int | None = None  # box with the keyboard focus
    selection: tuple[int, int] | None = None  # selected span (article offsets)
    highlights: list[Highlight] = field(default_factory=list)
    found: list[tuple[int, int]] = field(default_factory=list)  # Find matches (article offsets)
    current_found: tuple[int, int] | None = None  # the match Find moved to
    found_english: list[tuple[int, int, int]] = field(default_factory=list)  # (sentence, start, end) in English
    bookmarked: bool = False


def _format_range(start: int, length: int, background: QColor, foreground: QColor) -> QTextLayout.FormatRange:
    """A coloured span of the translation text."""
    span = QTextLayout.FormatRange()
    span.start, span.length = start, length
    char_format = QTextCharFormat()
    char_format.setBackground(background)
    char_format.setForeground(foreground)
    span.format = char_format
    return span


def _overlapping(start: int, end: int) -> Callable[[Box], bool]:
    """A test for boxes that overlap the span ``start``..``end``."""
    return lambda box: box.start < end and box.end > start


#: How many rows' recorded words to keep (a few screens' worth; older ones are recorded again if scrolled back to).
RECORDED_ROWS = 256


@dataclass(slots=True)
class _Recorded:
    """A row's words recorded as a picture, and what they were drawn with."""

    layout: RowLayout
    colors: Colors
    tone_colors: bool
    picture: QPicture


class RowPainter:
    """Draws a :class:`RowLayout` at the painter's origin."""

    def __init__(self) -> None:
        self._recorded: dict[int, _Recorded] = {}

    def paint(
        self, painter: QPainter, layout: RowLayout, context: LayoutContext, colors: Colors, state: RowState
    ) -> None:
        """Paint the row; the painter is translated so that (0, 0) is the row's top-left corner."""
        self._backgrounds(painter, layout, colors, state)
        self._words(painter, layout, context, colors, state)
        self._translation(painter, layout, context, colors, state)

    # -- backgrounds ---------------------------------------------------------------------------------------------

    def _backgrounds(self, painter: QPainter, layout: RowLayout, colors: Colors, state: RowState) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        if not layout.boxes:
            return
        row_start, row_end = layout.boxes[0].start, layout.boxes[-1].end
        spans: list[tuple[int, int, QColor]] = [
            (h.start, h.end, colors.highlights[h.color % len(colors.highlights)])
            for h in state.highlights
            if h.start < row_end and h.end > row_start
        ]
        spans.extend((start, end, colors.find) for start, end in state.found)
        if state.current_found is not None:
            spans.append((*state.current_found, colors.find_current))
        if state.selection is not None:
            spans.append((state.selection[0], state.selection[1], colors.selection))
        if state.hover_sentence is not None:
            self._fill_boxes(painter, layout, lambda b: b.sentence == state.hover_sentence, colors.sentence_hover)
        for start, end, color in spans:
            self._fill_boxes(painter, layout, _overlapping(start, end), color)
        for box in layout.boxes:
            if box.status == "learning":
                painter.setBrush(colors.learning_tint)
                painter.drawRoundedRect(self._box_rect(layout, box).adjusted(1, 2, -1, -1), 3, 3)
        self._note_marks(painter, layout, colors, state)
        if state.bookmarked:
            self._bookmark(painter, layout, colors)

    def _note_marks(self, painter: QPainter, layout: RowLayout, colors: Colors, state: RowState) -> None:
        """A small dot after the last word of each highlight that has a note."""
        painter.setBrush(colors.focus)
        for highlight in state.highlights:
            if not highlight.has_note:
                continue
            last = next((b for b in reversed(layout.boxes) if b.start < highlight.end <= b.end), None)
            if last is None:
                continue
            rect = self._box_rect(layout, last)
            painter.drawEllipse(QPointF(rect.right() - 1, rect.top() + layout.pinyin_height + 3), 3.2, 3.2)

    @staticmethod
    def _bookmark(painter: QPainter, layout: RowLayout, colors: Colors) -> None:
        """A ribbon in the left margin of a bookmarked paragraph."""
        x = max(2.0, layout.chinese_x - 12)
        top = layout.pinyin_height * 0.3
        ribbon = QPolygonF(
            [
                QPointF(x, top),
                QPointF(x + 8, top),
                QPointF(x + 8, top + 18),
                QPointF(x + 4, top + 13),
                QPointF(x, top + 18),
            ]
        )
        painter.setBrush(colors.bookmark)
        painter.drawPolygon(ribbon)

    def _fill_boxes(self, painter: QPainter, layout: RowLayout, wanted: Callable[[Box], bool], color: QColor) -> None:
        """Fill one rectangle per line over the runs of boxes for which ``wanted(box)`` holds."""
        painter.setBrush(color)
        for line in layout.lines:
            run_start: float | None = None
            run_end = 0.0
            for box in layout.boxes[line.first : line.last]:
                if wanted(box):
                    if run_start is None:
                        run_start = box.x
                    run_end = box.x + box.width
                elif run_start is not None:
                    painter.drawRect(
                        QRectF(layout.chinese_x + run_start, line.y, run_end - run_start, layout.line_height)
                    )
                    run_start = None
            if run_start is not None:
                painter.drawRect(QRectF(layout.chinese_x + run_start, line.y, run_end - run_start, layout.line_height))

    @staticmethod
    def _box_rect(layout: RowLayout, box: Box) -> QRectF:
        line = layout.lines[box.line]
        return QRectF(layout.chinese_x + box.x, line.y, box.width, layout.line_height)

    # -- words ---------------------------------------------------------------------------------------------------

    def _words(
        self, painter: QPainter, layout: RowLayout, context: LayoutContext, colors: Colors, state: RowState
    ) -> None:
        """The hanzi, their pinyin and the unknown-word underlines (recorded once per layout), then hover and focus."""
        painter.drawPicture(0, 0, self._recorded_words(layout, context, colors))
        baseline = layout.pinyin_height + layout.hanzi.ascent
        self._hover_and_focus(painter, layout, colors, state, baseline)

    def _recorded_words(self, layout: RowLayout, context: LayoutContext, colors: Colors) -> QPicture:
        """The row's words as a picture: drawn box by box in Python once, replayed by Qt at every paint.

        A paint while a worker analyses holds the interpreter lock against it for every call; replaying a picture
        is one call, so scrolling, hovering and the repaints of arriving analysis stay short.
        """
        tone_colors = context.settings.tone_colors
        recorded = self._recorded.get(id(layout))
        if (
            recorded is not None
            and recorded.layout is layout
            and recorded.colors is colors
            and recorded.tone_colors == tone_colors
        ):
            return recorded.picture
        picture = QPicture()
        recording = QPainter(picture)
        self._draw_words(recording, layout, context, colors)
        recording.end()
        if len(self._recorded) >= RECORDED_ROWS:
            del self._recorded[next(iter(self._recorded))]  # the oldest: rows long scrolled past
        self._recorded[id(layout)] = _Recorded(layout, colors, tone_colors, picture)
        return picture

    def _draw_words(self, painter: QPainter, layout: RowLayout, context: LayoutContext, colors: Colors) -> None:
        hanzi = layout.hanzi
        pinyin = context.pinyin
        tone_colors = context.settings.tone_colors
        painter.setFont(hanzi.font)
        painter.setPen(colors.heading if hanzi is not context.body and hanzi is not context.note else colors.text)
        hanzi_baseline = layout.pinyin_height + hanzi.ascent
        for line in layout.lines:
            for box in layout.boxes[line.first : line.last]:
                content = max(box.hanzi_width, box.pinyin_width)
                x = layout.chinese_x + box.x
                painter.drawText(QPointF(x + (content - box.hanzi_width) / 2, line.y + hanzi_baseline), box.display)
        # Pinyin in one pass (one font switch), each syllable in its tone's colour.
        painter.setFont(pinyin.font)
        pinyin_baseline = pinyin.ascent
        for line in layout.lines:
            for box in layout.boxes[line.first : line.last]:
                if not box.syllables:
                    continue
                content = max(box.hanzi_width, box.pinyin_width)
                x = layout.chinese_x + box.x + (content - box.pinyin_width) / 2
                for syllable, tone in box.syllables:
                    painter.setPen(colors.tones[tone - 1] if tone_colors else colors.muted)
                    painter.drawText(QPointF(x, line.y + pinyin_baseline), syllable)
                    x += pinyin.width(syllable)
        pen = QPen(colors.unknown_underline, 1.2, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        for box in layout.boxes:
            if box.han and box.status == "unknown":
                x0, y = self._underline_start(layout, box, hanzi_baseline)
                painter.drawLine(QPointF(x0, y), QPointF(x0 + box.hanzi_width, y))

    @staticmethod
    def _underline_start(layout: RowLayout, box: Box, baseline: float) -> tuple[float, float]:
        """Where a word's underline starts: under its hanzi, a little below the baseline."""
        line = layout.lines[box.line]
        content = max(box.hanzi_width, box.pinyin_width)
        x0 = layout.chinese_x + box.x + (content - box.hanzi_width) / 2
        return x0, line.y + baseline + layout.hanzi.metrics.descent() * 0.55

    def _hover_and_focus(
        self, painter: QPainter, layout: RowLayout, colors: Colors, state: RowState, baseline: float
    ) -> None:
        if state.hover is not None and 0 <= state.hover < len(layout.boxes):
            box = layout.boxes[state.hover]
            if box.han:
                x0, y = self._underline_start(layout, box, baseline)
                painter.setPen(QPen(colors.word_underline, 1.5))
                painter.drawLine(QPointF(x0, y + 2), QPointF(x0 + box.hanzi_width, y + 2))
        if state.focus is not None and 0 <= state.focus < len(layout.boxes) and layout.boxes[state.focus].han:
            painter.setPen(QPen(colors.focus, 1.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self._box_rect(layout, layout.boxes[state.focus]).adjusted(0, 1, -1, -1), 4, 4)

    # -- translation ---------------------------------------------------------------------------------------------

    def _translation(
        self, painter: QPainter, layout: RowLayout, context: LayoutContext, colors: Colors, state: RowState
    ) -> None:
        if not context.settings.show_translation:
            return
        x, y = layout.translation_x, layout.translation_y
        if layout.label:
            painter.setFont(context.translation_label.font)
            painter.setPen(colors.muted)
            painter.drawText(QPointF(x, y + context.translation_label.ascent), layout.label)
        if layout.translation is None:
            if layout.placeholder_layout is not None:
                painter.setPen(colors.muted)
                layout.placeholder_layout.draw(painter, QPointF(x, y))
            return
        painter.setPen(colors.translation)
        formats = []
        if state.hover_sentence is not None and state.hover_sentence < len(layout.sentence_ranges):
            start, length = layout.sentence_ranges[state.hover_sentence]
            if length:
                formats.append(_format_range(start, length, colors.sentence_hover, colors.text))
        for sentence, start, end in state.found_english:
            if sentence < len(layout.sentence_ranges):
                offset = layout.sentence_ranges[sentence][0]
                formats.append(_format_range(offset + start, end - start, colors.find, colors.text))
        layout.translation.draw(painter, QPointF(x, y), formats)
