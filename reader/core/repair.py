"""Repair text extracted from PDFs and hard-wrapped txt files into articles made of clean blocks.

The input is normalised text (see :mod:`reader.core.normalize`). The steps, each a small function below:

1. **Lines.** Every line is measured (its width in ems, whether it is indented) and its spaces are cleaned:
   a space next to a Chinese character or full-width punctuation is typesetting, not text, so it goes
   (``积 极 稳 妥`` → ``积极稳妥``, ``2035 年`` → ``2035年``, ``5G 生态`` → ``5G生态``); a space between two Latin
   words or numbers stays (``iPhone 15``); runs of single spread-out digits are closed up (``2 0 2 4`` → ``2024``).
2. **Regions.** Blank lines mean different things in different parts of a page. Where nearly every line is
   followed by a blank line (a *double-spaced* region), blank lines carry no meaning and lines that touch each
   other (no blank between them) belong together; elsewhere a blank line ends a paragraph.
   A region is *wrapped* when its lines were broken at a fixed width (most lines end mid-sentence); in an
   unwrapped region every line is a paragraph.
3. **Paragraphs.** In a wrapped region a line ends its paragraph when it is *short*: a line that ends a sentence
   must be narrower than 92 % of its column, a line that stops mid-sentence narrower than 75 % (the first line of
   a paragraph is two ems short when its indent was lost). The column is measured locally (the second-widest of
   the nearby lines), so a page whose column changes is handled, and a line is short only if it is short by every
   measure: code points (txt wrapped at N characters), terminal columns, and print width (justified PDF lines,
   where punctuation is compressed). A line also ends its paragraph when it ends a sentence and the next line is
   indented; a line that starts with a closing mark or comma always continues the one before. Joined lines get
   no space between them, except between two Latin letters or digits (``hello`` / ``world`` → ``hello world``).
4. **Blocks.** Short lines without sentence punctuation are headings (a heading may span two lines); a paragraph
   in brackets that starts like ``（作者系……）`` is a note; a short name right under a title is a byline, and a
   doubled byline (``徐占忱徐占忱``) is kept once: the copy is the only text repair ever drops.
5. **Articles.** A page may hold several articles. An author note ends an article, and a change of layout
   between two long regions (double-spaced vs single-spaced) starts a new one. Headlines stacked at the top of
   the page are given to the article they belong to: the one right above the first body text stays there, the
   others go to untitled articles that share the most character pairs with them.

Nothing else is lost: every non-space character of the input is in the output, and within an article in the
same order (headlines moved to their article are the one exception).
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.chars import (
    CLOSERS,
    NO_LINE_START,
    SENTENCE_END,
    display_width,
    has_han,
    is_cjk,
    is_han,
    is_latin_alnum,
    is_neutral_punct,
    typeset_width,
)
from reader.core.model import BlockKind, BlockRole, Cue

#: A line that ends a sentence and is narrower than this share of its column (by every measure) ends its paragraph.
SHORT_LINE_RATIO = 0.92
#: A line that stops mid-sentence ends its paragraph only if it is narrower than this (a heading, a dateline):
#: the first line of a paragraph is two ems short of the column (its indent is often lost in extraction).
VERY_SHORT_LINE_RATIO = 0.75
#: Headings are at most this many characters.
MAX_HEADING_CHARS = 40
#: A text this long is split into one article per chapter (when it has chapter headings).
LONG_TEXT_CHARS = 60_000
MIN_CHAPTERS = 3
_CHAPTER = re.compile(
    r"^(第[0-9０-９一二三四五六七八九十百千零〇两]+[章回节卷部篇集]|序章|序言|楔子|引子|尾声|后记|番外|Chapter\s*\d+)",
    re.IGNORECASE,
)
#: A line that starts with this character is a table cell (see :mod:`reader.core.importers.pdf_tables`): it is one
#: paragraph of its own, never joined to a neighbour and never taken for a heading. The mark is not kept.
CELL_MARK = "\ufdd0"  # a Unicode noncharacter, meant for internal use: never in real text
#: Dictionary words this frequent (jieba's counts) or more tell that a line break cut a word.
MIN_WORD_FREQUENCY = 5
#: A heading's last line that is at least this share of the next line's length may have been cut by the column.
CUT_LINE_RATIO = 0.9
#: A layout change starts a new article only between regions of at least this many lines.
MIN_REGION_LINES_FOR_SPLIT = 8

_NOTE_START = re.compile(
    r"^[（(]\s*(作者|编者|记者|本报|通讯员|译者|注|来源|本文|责编|责任编辑|摄影|图片)"
    r"|^(责任编辑|编辑|来源|作者|译者|摄影)[：:]"
)
_HEADING_FORBIDDEN = frozenset("，。；,;")
_BYLINE = re.compile(r"^(本报记者|记者|通讯员|文[/：:])?[\u4e00-\u9fff·、 ]{2,16}$")
_SPREAD_RUN = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z](?: [0-9A-Za-z]){2,}(?![0-9A-Za-z])")
_SPREAD_CHARS = re.compile(r"(?<!\S)\S(?: \S)+(?!\S)")
_SPREAD_HAN = re.compile(r"[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")
#: Ways to measure a line: code points (txt wrapped at N characters), terminal columns, print (PDF) width.
_MEASURES = (len, display_width, typeset_width)


@dataclass(slots=True)
class RepairedBlock:
    """A block of an article as repair (or an importer's markup) found it.

    ``translation`` is English that came with the file (a bilingual subtitle cue's English lines), labelled
    ``translation_source`` (``"subtitle"``); ``cue`` is a subtitle cue's time span. Repair never sets them.
    """

    kind: BlockKind
    text: str
    role: BlockRole = BlockRole.BODY
    translation: str | None = None
    translation_source: str | None = None
    cue: Cue | None = None


@dataclass(slots=True)
class RepairedArticle:
    """An article as repair found it: an optional title and its blocks.

    In a book, an article is a chapter: ``title`` is the chapter title exactly as the table of contents or the
    heading gives it, nested table-of-contents entries are its ``SUBHEADING`` blocks, and ``part`` is the
    volume (卷/部) heading the chapter sits under, if the book has volumes.
    """

    title: str | None
    blocks: list[RepairedBlock] = field(default_factory=list)
    part: str | None = None

    @property
    def text(self) -> str:
        """The block texts, one per line."""
        return "\n".join(block.text for block in self.blocks)


@dataclass(slots=True)
class RepairResult:
    """The repaired articles, and the text repair deliberately dropped (duplicated bylines)."""

    articles: list[RepairedArticle]
    dropped: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    text: str
    widths: tuple[float, ...]  # the line's width under each of _MEASURES
    indent: bool
    blank_before: bool
    cell: bool = False


@dataclass(slots=True)
class _Region:
    lines: list[_Line]
    double_spaced: bool
    wrapped: bool


@dataclass(slots=True)
class _Paragraph:
    text: str
    line_count: int
    region: int
    first_line: int = 0  # characters in its first and last lines (a line cut mid-word is as long as the next)
    last_line: int = 0
    cell: bool = False


# ---------------------------------------------------------------------------------------------------------------
# 1. Lines


def clean_spaces(line: str) -> str:
    """Remove typesetting spaces from one line and keep spaces that separate Latin words or numbers."""
    line = line.replace("\u3000", " ").strip()
    if " " not in line:
        return line
    spread = line.count(" ") >= 0.4 * len(line.replace(" ", "")) and has_han(line)
    if spread or len(_SPREAD_HAN.findall(line)) >= 2:
        # A letter-spaced (justified) line: close up every run of single characters, Latin ones included.
        line = _SPREAD_CHARS.sub(lambda m: m.group().replace(" ", ""), line)
    else:
        line = _SPREAD_RUN.sub(lambda m: m.group().replace(" ", "") if m.group()[0].isdigit() else m.group(), line)
    parts = re.split(r"( +)", line)
    out: list[str] = []
    for index, part in enumerate(parts):
        if not part.startswith(" "):
            out.append(part)
            continue
        before = parts[index - 1][-1]
        after = parts[index + 1][0]
        if _is_cjk_context(before) or _is_cjk_context(after):
            continue
        out.append(" ")
    return "".join(out)


def _is_cjk_context(char: str) -> bool:
    """True if a space next to ``char`` is Chinese typesetting rather than a word separator."""
    return is_cjk(char) or is_neutral_punct(char)


def _read_lines(text: str) -> list[_Line]:
    """Split text into non-blank lines with their width, indentation and whether a blank line preceded them."""
    lines: list[_Line] = []
    blank_before = False
    for raw in text.split("\n"):
        if not raw.strip():
            blank_before = True
            continue
        cell = raw.startswith(CELL_MARK)
        stripped = raw.removeprefix(CELL_MARK).rstrip()
        if not stripped.strip():
            continue
        cleaned = clean_spaces(stripped)
        margin = stripped[: len(stripped) - len(stripped.lstrip())]
        widths = tuple(measure(margin) + measure(cleaned) for measure in _MEASURES)
        lines.append(_Line(cleaned, widths, bool(margin), blank_before, cell))
        blank_before = False
    return lines


def ends_sentence(text: str) -> bool:
    """True if ``text`` ends with sentence-final punctuation (possibly followed by closing quotes)."""
    stripped = text.rstrip("".join(CLOSERS))
    return bool(stripped) and (stripped[-1] in SENTENCE_END or stripped.endswith("…"))


# ---------------------------------------------------------------------------------------------------------------
# 2. Regions


def _groups(lines: list[_Line]) -> list[list[_Line]]:
    """Split lines into groups separated by blank lines."""
    groups: list[list[_Line]] = []
    for line in lines:
        if line.blank_before or not groups:
            groups.append([])
        groups[-1].append(line)
    return groups


def _find_regions(lines: list[_Line]) -> list[_Region]:
    """Split the lines into regions of uniform layout (double-spaced or not)."""
    groups = _groups(lines)
    double = [False] * len(groups)
    index = 0
    while index < len(groups):
        end = index
        while end < len(groups) and len(groups[end]) <= 2:
            end += 1
        run = groups[index:end]
        if _is_double_spaced(run):
            double[index:end] = [True] * len(run)
        index = max(end, index + 1)
    regions: list[_Region] = []
    for group, is_double in zip(groups, double, strict=True):
        for _, lines_of_kind in itertools.groupby(group, key=lambda line: line.cell):
            part = list(lines_of_kind)
            # Table cells never share a region with text: their widths would skew the text's column measure.
            if regions and regions[-1].double_spaced == is_double and regions[-1].lines[-1].cell == part[0].cell:
                regions[-1].lines.extend(part)
            else:
                regions.append(_Region(part, is_double, wrapped=True))
    overall = _looks_wrapped(lines)
    for region in regions:
        region.wrapped = _looks_wrapped(region.lines) if len(region.lines) >= 3 else overall
    return regions


def _is_double_spaced(run: list[list[_Line]]) -> bool:
    """True if a run of one- and two-line groups is one text with a blank line after every line.

    The proof is blank lines in the middle of sentences: a group that stops mid-sentence (and is not a heading)
    cannot be a paragraph of its own.
    """
    if len(run) < 2 or sum(len(group) == 1 for group in run) < 0.6 * len(run):
        return False
    cut_lines = _cut_mid_sentence([group[-1] for group in run[:-1]], [line for group in run for line in group])
    cut_lines += sum(group[0].text[0] in NO_LINE_START for group in run[1:])
    return cut_lines >= max(1.0, 0.1 * (len(run) - 1))


def _cut_mid_sentence(lines: list[_Line], context: list[_Line]) -> int:
    """Count the lines that stop mid-sentence although they are nearly as long as the column of ``context``."""
    widths = sorted(len(line.text) for line in context)
    column = widths[round(0.8 * (len(widths) - 1))]
    return sum(not _ends_unit(line.text) and len(line.text) >= 0.75 * column for line in lines)


def _ends_unit(text: str) -> bool:
    """True if a line may end a paragraph: a full stop, ! ? or … (not ；), or a bracket it opened closes."""
    stripped = text.rstrip("".join(CLOSERS))
    if stripped and (stripped[-1] in "。！？!?" or stripped.endswith("…")):
        return True
    return text[-1] in "）)" and text.count("（") + text.count("(") == text.count("）") + text.count(")") > 0


def _looks_wrapped(lines: list[_Line]) -> bool:
    """True if many full-width lines end mid-sentence, i.e. the text was broken at a fixed width."""
    if not lines:
        return False
    # A line that starts with a closing mark or comma was cut from the line before (no typesetter starts a line so).
    mid_sentence = _cut_mid_sentence(lines, lines) + sum(line.text[0] in NO_LINE_START for line in lines)
    # Unwrapped text has almost no long line that stops mid-sentence; wrapped text has many.
    return mid_sentence >= max(1.0, 0.1 * len(lines))


# ---------------------------------------------------------------------------------------------------------------
# 3. Paragraphs


def _column_width(widths: list[float], index: int, fallback: float) -> float:
    """The column width around line ``index``: the second-widest line among its neighbours."""
    window = sorted(widths[max(0, index - 4) : index + 5])
    if len(window) < 3:
        return max(max(window), fallback)
    return window[-2]


def _breaks(region: _Region, indent_matters: bool) -> list[bool]:
    """For each line of the region, whether a paragraph ends after it."""
    lines = region.lines
    if not region.wrapped and region.double_spaced:
        return [True] * len(lines)
    medians = [statistics.median(line.widths[m] for line in lines) for m in range(len(_MEASURES))]
    groups = _groups(lines) if not region.double_spaced else [lines]
    all_widths = sorted(line.widths[0] for line in lines)
    column_p80 = all_widths[round(0.8 * (len(all_widths) - 1))]
    result: list[bool] = []
    for group in groups:
        if not region.wrapped and not _regular_widths(group, column_p80):
            result.extend([True] * len(group))
            continue
        widths = [[line.widths[m] for line in group] for m in range(len(_MEASURES))]

        for index, line in enumerate(group):
            if index == len(group) - 1:
                result.append(True)
                continue
            following = group[index + 1]
            if _ends_unit(line.text) and _NOTE_START.match(following.text):
                result.append(True)  # an author note after the last sentence is a note, even touching it
                continue
            if region.double_spaced and not following.blank_before:
                result.append(False)  # lines that touch in a double-spaced page belong together
                continue
            if following.text[0] in NO_LINE_START:
                result.append(False)  # a closing mark or comma never starts a paragraph
                continue
            # Short by every measure: by code points (txt wrapped at N characters), terminal columns, and print
            # width (justified PDF lines, where punctuation is compressed) -- whichever the text was laid out with.
            ratio = SHORT_LINE_RATIO if _ends_unit(line.text) else VERY_SHORT_LINE_RATIO
            short = all(_narrower(widths[m], index, ratio, medians[m]) for m in range(len(_MEASURES)))
            indented_next = indent_matters and following.indent and _ends_unit(line.text)
            # After a finished sentence, a short line with no punctuation at all is a heading (第二章): nothing
            # ends a paragraph without punctuation, so it cannot be a paragraph's last words.
            heading_next = (
                _ends_unit(line.text)
                and _heading_like(following.text)
                and not any(not char.isalnum() for char in following.text)
                and _narrower(widths[0], index + 1, 0.6, medians[0])
            )
            result.append(short or indented_next or heading_next)
    return result


def _narrower(widths: list[float], index: int, ratio: float, fallback: float) -> bool:
    """True if line ``index`` is narrower than ``ratio`` of its column (``fallback`` for groups under 3 lines)."""
    column = _column_width(widths, index, fallback) if len(widths) >= 3 else fallback
    return widths[index] < ratio * column


def _regular_widths(group: list[_Line], column: float) -> bool:
    """True if the lines of a blank-line-separated group (but its last) fill the text's column: wrapped."""
    if len(group) < 2:
        return False
    widths = [line.widths[0] for line in group[:-1]]
    return sum(width >= 0.92 * column for width in widths) >= 0.6 * len(widths)


def _join(left: str, right: str) -> str:
    """Join two wrapped lines: no space, except between two Latin letters or digits."""
    if left and right and is_latin_alnum(left[-1]) and is_latin_alnum(right[0]):
        return f"{left} {right}"
    return left + right


def _paragraphs(regions: list[_Region]) -> list[_Paragraph]:
    """Join the lines of every region into paragraphs."""
    all_lines = [line for region in regions for line in region.lines]
    indented = sum(line.indent for line in all_lines)
    indent_matters = indented > 0
    paragraphs: list[_Paragraph] = []
    for region_index, region in enumerate(regions):
        text, count, first, last = "", 0, 0, 0
        for line, ends in zip(region.lines, _breaks(region, indent_matters), strict=True):
            if line.cell:  # a table cell is a paragraph of its own: close the one before, keep the cell whole
                if text:
                    paragraphs.append(_Paragraph(text, count, region_index, first, last))
                    text, count, first = "", 0, 0
                paragraphs.append(_Paragraph(line.text, 1, region_index, len(line.text), len(line.text), cell=True))
                continue
            first, last = first or len(line.text), len(line.text)
            text = _join(text, line.text) if text else line.text
            count += 1
            if ends or _is_closed_note(text):
                paragraphs.append(_Paragraph(text, count, region_index, first, len(line.text)))
                text, count, first = "", 0, 0
    return paragraphs


def _is_closed_note(text: str) -> bool:
    """True if ``text`` is a complete bracketed note such as ``（作者系……）``: nothing may follow it."""
    if not _NOTE_START.match(text) or text[-1] not in "）)":
        return False
    return text.count("（") + text.count("(") == text.count("）") + text.count(")")


# ---------------------------------------------------------------------------------------------------------------
# 4. Blocks


def _heading_like(text: str) -> bool:
    """True if ``text`` could be a heading: short, Chinese, without sentence punctuation inside."""
    if not has_han(text) or len(text) > MAX_HEADING_CHARS:
        return False
    if any(char in _HEADING_FORBIDDEN for char in text):
        return False
    inner = text[:-1]
    return not any(char in "！？!?" for char in inner) and text[-1] not in "、：:"


def _join_cut_words(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """Join a heading guess to the paragraph after it when the break cuts a word (``…扩产4000万公`` / ``里金刚线``).

    A heading never ends mid-word: a short line that stops inside a word was cut by a narrow column (a table
    cell, a headline's first line), so it continues in the next paragraph. Only a heading guess followed by body
    text, or by a single character (``人工智能研`` / ``究``), is joined, and only when a dictionary word of two or
    three characters spans the break; two headings in a list (``知识表示法`` / ``规划``) stay apart.
    """
    if len(paragraphs) < 2:
        return paragraphs
    joined: list[_Paragraph] = [paragraphs[0]]
    for paragraph in paragraphs[1:]:
        previous = joined[-1]
        if _cuts_word(previous, paragraph):
            joined[-1] = _Paragraph(
                previous.text + paragraph.text,
                previous.line_count + paragraph.line_count,
                previous.region,
                previous.first_line,
                paragraph.last_line,
            )
        else:
            joined.append(paragraph)
    return joined


def _cuts_word(left: _Paragraph, right: _Paragraph) -> bool:
    """True if ``left`` looks like a heading and the break between it and ``right`` falls inside a word."""
    if left.cell or right.cell or left.line_count > 3 or not _heading_like(left.text) or _NOTE_START.match(right.text):
        return False
    before, after = left.text[-3:], right.text[:3]
    if not (before and after and is_han(before[-1]) and is_han(after[0])):
        return False
    head_run = next((index for index, char in enumerate(after) if not is_han(char)), len(after))
    # '究', '言1960': one character alone or before a number (not '一、', an enumeration).
    lone = len(right.text) == 1 or (head_run == 1 and right.text[1].isascii() and right.text[1].isalnum())
    if not lone and (right.line_count <= 3 and _heading_like(right.text)):
        return False  # two headings of a list
    if not lone and left.last_line < CUT_LINE_RATIO * right.first_line:
        return False  # a short last line ended on purpose (a heading's end), whatever word the join would make
    words = dictionary_words()
    candidates = {before[-1] + after[0], before[-2:] + after[0], before[-1] + after[:2]}
    return any(len(word) >= 2 and all(is_han(c) for c in word) and word in words for word in candidates)


@functools.cache
def dictionary_words() -> frozenset[str]:
    """Words of two and three characters from jieba's dictionary file (read once, without starting jieba)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).with_name("dict.txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    words = set()
    for line in lines:
        word, _, rest = line.partition(" ")
        if 2 <= len(word) <= 3 and int(rest.split(" ", 1)[0] or 0) >= MIN_WORD_FREQUENCY:
            words.add(word)
    return frozenset(words)


def _classify(paragraph: _Paragraph) -> RepairedBlock:
    """Decide whether a paragraph is a heading, a note or body text."""
    text = paragraph.text
    if paragraph.cell:
        return RepairedBlock(BlockKind.PARAGRAPH, text, BlockRole.BODY)
    if _NOTE_START.match(text):
        return RepairedBlock(BlockKind.NOTE, text, BlockRole.AUTHOR_NOTE)
    if paragraph.line_count <= 3 and _heading_like(text):
        return RepairedBlock(BlockKind.HEADING, text, BlockRole.SUBHEADING)
    return RepairedBlock(BlockKind.PARAGRAPH, text, BlockRole.BODY)


def _undouble(text: str) -> str | None:
    """Return the name if ``text`` is a name written twice (``徐占忱徐占忱``), else ``None``."""
    half = len(text) // 2
    if len(text) % 2 == 0 and 2 <= half <= 4 and text[:half] == text[half:]:
        return text[:half]
    return None


def _mark_bylines(blocks: list[RepairedBlock], dropped: list[str]) -> None:
    """Turn short names right under a heading into bylines, keeping a doubled byline once."""
    for index in range(1, len(blocks)):
        block, previous = blocks[index], blocks[index - 1]
        if block.kind is not BlockKind.HEADING or previous.kind is not BlockKind.HEADING:
            continue
        if previous.role is BlockRole.BYLINE or not _BYLINE.match(block.text):
            continue
        name = _undouble(block.text)
        if name is None and len(block.text.replace(" ", "")) > 4 and not block.text.startswith(("本报", "记者")):
            continue
        if name is not None:
            dropped.append(name)
            block.text = name
        block.kind, block.role = BlockKind.NOTE, BlockRole.BYLINE


# ---------------------------------------------------------------------------------------------------------------
# 5. Articles


def _split_articles(blocks: list[RepairedBlock], regions_of_blocks: list[_Region]) -> list[list[RepairedBlock]]:
    """Cut the block list where an author note ends an article or the page layout changes."""
    segments: list[list[RepairedBlock]] = [[]]
    for index, block in enumerate(blocks):
        if index and segments[-1]:
            previous = blocks[index - 1]
            region, previous_region = regions_of_blocks[index], regions_of_blocks[index - 1]
            note_ended = previous.role is BlockRole.AUTHOR_NOTE and block.role is not BlockRole.AUTHOR_NOTE
            layout_changed = (
                region is not previous_region
                and region.double_spaced != previous_region.double_spaced
                and min(len(region.lines), len(previous_region.lines)) >= MIN_REGION_LINES_FOR_SPLIT
                and _has_body(segments[-1])
            )
            if note_ended or layout_changed:
                segments.append([])
        segments[-1].append(block)
    return [segment for segment in segments if segment]


def _split_chapters(blocks: list[RepairedBlock]) -> list[list[RepairedBlock]]:
    """Cut a book-length text into one article per chapter, at headings such as 第三章 or Chapter 3.

    A txt novel is one file but many sittings: like an EPUB's chapters, each chapter becomes an article with its own
    reading position, progress and translation. Texts shorter than :data:`LONG_TEXT_CHARS` stay whole.
    """
    if sum(len(block.text) for block in blocks) < LONG_TEXT_CHARS:
        return [blocks]
    starts = [i for i, b in enumerate(blocks) if b.kind is BlockKind.HEADING and _CHAPTER.match(b.text)]
    if len(starts) < MIN_CHAPTERS:
        return [blocks]
    cuts = [0, *(i for i in starts if i > 0), len(blocks)]
    parts = [blocks[a:b] for a, b in itertools.pairwise(cuts) if blocks[a:b]]
    if len(parts) > 1 and not _has_body(parts[0]):
        title_page = parts.pop(0)
        parts[0][0:0] = title_page  # the book's title page goes with the first chapter
    return parts


def _has_body(blocks: list[RepairedBlock]) -> bool:
    return any(block.kind is BlockKind.PARAGRAPH for block in blocks)


def _leading_groups(blocks: list[RepairedBlock]) -> list[list[RepairedBlock]]:
    """The heading groups (a heading, more headings, bylines) stacked before a segment's first paragraph."""
    groups: list[list[RepairedBlock]] = []
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH or block.role is BlockRole.AUTHOR_NOTE:
            break
        starts_group = block.kind is BlockKind.HEADING and (not groups or groups[-1][-1].role is BlockRole.BYLINE)
        if starts_group or not groups:
            groups.append([])
        groups[-1].append(block)
    return groups


def _bigrams(text: str) -> set[str]:
    chars = [char for char in text if has_han(char)]
    return {a + b for a, b in itertools.pairwise(chars)}


def _assign_titles(segments: list[list[RepairedBlock]]) -> list[RepairedArticle]:
    """Give every segment its title, moving stacked headlines to the untitled segment they belong to."""
    leading = [_leading_groups(segment) for segment in segments]
    pairs_of: dict[int, set[str]] = {}  # each segment's character pairs, computed once when first needed

    def segment_pairs(index: int) -> set[str]:
        if index not in pairs_of:
            pairs_of[index] = _bigrams(" ".join(block.text for block in segments[index]))
        return pairs_of[index]

    for source_index, groups in enumerate(leading):
        for group in groups[:-1]:
            headline_pairs = _bigrams("".join(block.text for block in group if block.kind is BlockKind.HEADING))
            candidates = [
                (len(headline_pairs & segment_pairs(i)), i)
                for i in range(len(segments))
                if i != source_index and not leading[i]
            ]
            if not candidates or not headline_pairs:
                continue
            score, target = max(candidates)
            rest = [b.text for b in segments[source_index] if not any(b is member for member in group)]
            own = len(headline_pairs & _bigrams(" ".join(rest)))
            if score > own and score >= 2:
                for block in group:
                    segments[source_index].remove(block)
                segments[target][0:0] = group
                leading[target] = [group]
                pairs_of.pop(source_index, None)
                pairs_of.pop(target, None)
    articles: list[RepairedArticle] = []
    for segment in segments:
        title = None
        groups = _leading_groups(segment)
        if groups:
            first_heading = next((b for b in groups[0] if b.kind is BlockKind.HEADING), None)
            if first_heading is not None:
                first_heading.role = BlockRole.TITLE
                title = first_heading.text
        articles.append(RepairedArticle(title, segment))
    return articles


# ---------------------------------------------------------------------------------------------------------------
# Entry points


def repair_text(text: str) -> RepairResult:
    """Repair normalised text into articles of headings, paragraphs and notes (see the module docstring)."""
    lines = _read_lines(text)
    if not lines:
        return RepairResult([])
    regions = _find_regions(lines)
    paragraphs = _paragraphs(regions)
    paragraphs = _join_cut_words(paragraphs)
    blocks = [_classify(paragraph) for paragraph in paragraphs]
    dropped: list[str] = []
    _mark_bylines(blocks, dropped)
    regions_of_blocks = [regions[paragraph.region] for paragraph in paragraphs]
    segments = _split_articles(blocks, regions_of_blocks)
    segments = [part for segment in segments for part in _split_chapters(segment)]
    return RepairResult(_assign_titles(segments), dropped)


def keep_lines(text: str) -> RepairResult:
    """Treat every non-blank line as its own paragraph, with no repair (``reader annotate --keep-lines``)."""
    blocks = [
        RepairedBlock(BlockKind.PARAGRAPH, line.strip(), BlockRole.BODY) for line in text.split("\n") if line.strip()
    ]
    return RepairResult([RepairedArticle(None, blocks)] if blocks else [])
