"""Subtitles (SRT, WebVTT, ASS/SSA): one paragraph per cue, its English lines as its translation.

A learner's subtitle file is often bilingual (fansubs, course subtitles): each cue holds Chinese lines and English
lines, in either order. A cue's Chinese lines are its text; its English lines are its translation, labelled
``"subtitle"`` (:data:`~.source.SUBTITLE_SOURCE`) so it is shown in the translation column and never passed off
as machine translation. Translator notes (``注：…``, ``译注：…``) and credit lines (``（字幕整理：…）``) become
note blocks. Each block keeps its cue's time span (:class:`~reader.core.model.Cue`).

SRT and WebVTT are read here line by line rather than by a library, because real files bend the format and a
library drops what it cannot parse: a cue without the blank line before it (two cues run together), a header of
``#`` lines before the first cue, every Chinese line prefixed with ``# `` (a fansub team's convention), cue
settings after the timestamps, a broken timestamp. A cue whose timestamp cannot be read keeps its text (without a
time), and the line is reported in the import's ``dropped`` log, as are header lines and noise lines (``@#¥%``).
ASS/SSA files go through pysubs2, whose plain-text view already drops override codes (``{\\an8}``).
Formatting tags (``<i>``, ``<font color=…>``, ``<c.yellow>``, karaoke times) are dropped everywhere.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pysubs2

from reader.core.chars import count_han
from reader.core.errors import InputError
from reader.core.model import BlockKind, BlockRole, Cue
from reader.core.textio import decode_text

from .blocks import clean_block_text
from .progress import ImportMonitor
from .source import (
    SUBTITLE_SOURCE,
    DroppedLine,
    FileInput,
    ImportedSource,
    SourceBlock,
    SourceKind,
    SourceSection,
)

#: A file is bilingual (English lines are translations) if this share of its cues has both languages.
BILINGUAL_SHARE = 0.3
#: pysubs2's format names for the suffixes it reads here.
ASS_FORMATS = {".ass": "ass", ".ssa": "ssa"}

_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})[,.：:](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
#: An arrow between times that do not parse: a broken timing line.
_BROKEN_TIMING = re.compile(r"\d[:：.,]\d.*(?:-->|->|—>)|(?:-->|->|—>).*\d[:：.,]\d")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<\d{1,2}:\d{2}[:.\d]*>|\{\\[^{}]*\}")
_HASH_PREFIX = re.compile(r"^#+\s*")
_NOTE = re.compile(r"^[（(\[【]?\s*(?:注|译注|譯註|译者注|譯者註|注释|註|TN)\s*[:：]", re.IGNORECASE)
_CREDIT = re.compile(r"^[（(\[【]\s*(?:字幕|翻译|翻譯|校对|校對|时间轴|時間軸|译者|譯者|压制|壓制|听译|聽譯)")
_LATIN = re.compile(r"[A-Za-z]")
#: Spaces between two Chinese characters or Chinese punctuation: a pause in a subtitle line.
_PAUSE = re.compile(r"(?<=[\u3400-\u9fff\uff01-\uff1f\u3001-\u3011])[ \u3000]+(?=[\u3400-\u9fff\u3008-\u3011])")
_VTT_BLOCK = re.compile(r"^(?:WEBVTT|NOTE\b|STYLE\b|REGION\b|Kind:|Language:)", re.IGNORECASE)


@dataclass(slots=True)
class _Cue:
    """A cue as read from the file: its time span (``None`` if its timestamp is broken) and its text lines."""

    cue: Cue | None
    lines: list[tuple[int, str]] = field(default_factory=list)  # (1-based line number, text)


def import_subtitles(file: FileInput, monitor: ImportMonitor) -> ImportedSource:
    """Read a subtitle file into one section with a paragraph per cue (and note blocks for translator notes)."""
    text = decode_text(file.data, name=file.name).replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    dropped: list[DroppedLine] = []
    if file.suffix in ASS_FORMATS or re.search(r"^\[Script Info\]", text[:2000], re.MULTILINE):
        cues = _read_ass(text, file)
    else:
        cues = read_srt_or_vtt(text, dropped)
    monitor.advance(0.5)
    blocks = cue_blocks(cues, dropped)
    if not blocks:
        raise InputError(f"{file.name} contains no subtitles.")
    title = file.stem
    return ImportedSource(title, SourceKind.SUBTITLES, sections=[SourceSection(title, blocks)], dropped=dropped)


def _read_ass(text: str, file: FileInput) -> list[_Cue]:
    """The dialogue events of an ASS/SSA file, as cues of plain-text lines."""
    try:
        subtitles = pysubs2.SSAFile.from_string(text, format_=ASS_FORMATS.get(file.suffix, "ass"))
    except Exception as error:  # pysubs2 raises its own and ValueError/KeyError on malformed files
        raise InputError(f"{file.name} is not a valid subtitle file.") from error
    return [
        _Cue(Cue(event.start, event.end), [(0, line) for line in event.plaintext.split("\n")])
        for event in subtitles
        if not event.is_comment
    ]


def _milliseconds(hours: str | None, minutes: str, seconds: str, fraction: str) -> int:
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(fraction.ljust(3, "0")[:3])


def parse_timing(line: str) -> Cue | None:
    """The time span of an SRT/VTT timing line (``00:00:01,080 --> 00:00:01,720 align:start``), or ``None``."""
    match = _TIMING.match(line)
    if match is None:
        return None
    groups = match.groups()
    start, end = _milliseconds(*groups[:4]), _milliseconds(*groups[4:])
    return Cue(start, max(start, end))


def read_srt_or_vtt(text: str, dropped: list[DroppedLine]) -> list[_Cue]:
    """Read the cues of an SRT or WebVTT file; log header lines and broken timestamps in ``dropped``."""
    lines = text.split("\n")
    cues: list[_Cue] = []
    current: _Cue | None = None
    in_header_block = False  # a VTT NOTE/STYLE block, or the header before the first cue
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        timing = parse_timing(line) if "-" in line else None
        if timing is not None:
            if current is not None and current.lines and _is_cue_id(current.lines[-1][1]):
                current.lines.pop()  # the next cue's number, written without a blank line before it
            current = _Cue(timing)
            cues.append(current)
            in_header_block = False
            continue
        if not line:
            current = None
            in_header_block = False
            continue
        if _BROKEN_TIMING.search(line) and cues:
            # A timing line that does not parse (00:00:0x,000 --> …): the cue's text is kept, without a time.
            if current is not None and current.lines and _is_cue_id(current.lines[-1][1]):
                current.lines.pop()
            dropped.append(DroppedLine(number, raw, "broken timestamp (the cue's text is kept)"))
            current = _Cue(None)
            cues.append(current)
            continue
        if current is None:
            if _VTT_BLOCK.match(line) or in_header_block or (not cues and not _next_is_timing(lines, number)):
                in_header_block = in_header_block or bool(_VTT_BLOCK.match(line)) or not cues
                dropped.append(DroppedLine(number, raw, "header"))
                continue
            if _is_cue_id(line) and _next_is_timing(lines, number):
                continue
            if _BROKEN_TIMING.search(line):
                dropped.append(DroppedLine(number, raw, "broken timestamp (the cue's text is kept)"))
                current = _Cue(None)
                cues.append(current)
                continue
            if _is_cue_id(line):
                continue  # a cue number whose timing line is missing or broken: its text follows
            current = _Cue(None)  # text without a timing line: kept as a cue without time
            cues.append(current)
            dropped.append(DroppedLine(number, raw, "cue without a timestamp (its text is kept)"))
        current.lines.append((number, line))
    return cues


def _is_cue_id(line: str) -> bool:
    return line.isdigit()


def _next_is_timing(lines: list[str], number: int) -> bool:
    """True if the line after line ``number`` (1-based) is a timing line."""
    return number < len(lines) and parse_timing(lines[number].strip()) is not None


def clean_cue_line(line: str) -> str:
    """A cue line without formatting tags, override codes, entities or a fansub's ``# `` prefix."""
    line = html.unescape(_TAG.sub("", line)).replace("\\N", " ").replace("\\n", " ").replace("\\h", " ")
    return _HASH_PREFIX.sub("", line.strip()).strip()


def is_cjk_punct(char: str) -> bool:
    """True for full-width punctuation (，。！？「」…), which needs no space around it."""
    return "\u3000" <= char <= "\u303f" or "\uff01" <= char <= "\uff20" or char in "…—“”‘’"


def join_chinese_lines(lines: list[str]) -> str:
    """The Chinese lines of a cue as one text; a space between Chinese phrases (a subtitle's pause) stays.

    Subtitles separate phrases with a space instead of a comma (``别碰我 疼``); dropping it would run the phrases
    together. Spaces next to Latin words are cleaned as in any paragraph (``是 Beau 的`` → ``是Beau的``).
    """
    text = ""
    for line in lines:
        for phrase in _PAUSE.split(line):
            phrase = clean_block_text(phrase)
            if not phrase:
                continue
            # After punctuation the pause is already written; elsewhere the space is the pause.
            pause = text and not is_cjk_punct(text[-1]) and not is_cjk_punct(phrase[0])
            text += (" " if pause else "") + phrase
    return text


def line_language(line: str) -> str:
    """``"zh"`` for a Chinese line, ``"en"`` for an English (Latin) line, ``""`` for noise (``@#¥%``, ``♪``).

    A line with both is Chinese when its Han characters are not outnumbered six to one by Latin letters
    (``我是 Beau Carnes``), English otherwise (``Sun Li (孙俪) is here``).
    """
    han = count_han(line)
    latin = len(_LATIN.findall(line))
    if han and han * 6 >= latin:
        return "zh"
    if latin >= 2 or (latin and not han):
        return "en"
    return ""


def _is_bilingual(cues: list[_Cue]) -> bool:
    """True if at least :data:`BILINGUAL_SHARE` of the cues hold both a Chinese and an English line."""
    both = 0
    for cue in cues:
        languages = {line_language(clean_cue_line(raw)) for _, raw in cue.lines}
        both += {"zh", "en"} <= languages
    return both >= BILINGUAL_SHARE * max(1, len(cues))


def cue_blocks(cues: list[_Cue], dropped: list[DroppedLine]) -> list[SourceBlock]:
    """One paragraph per cue, note blocks for notes; a cue repeating the one before (rolling captions) is kept once.

    In a bilingual file a cue's English lines are its translation, and an English-only cue's English joins the
    translation of the cue before; in a Chinese-only file English lines are part of the text.
    """
    blocks: list[SourceBlock] = []
    previous: SourceBlock | None = None
    bilingual = _is_bilingual(cues)
    for cue in cues:
        chinese: list[str] = []
        english: list[str] = []
        notes: list[str] = []
        for number, raw in cue.lines:
            line = clean_cue_line(raw)
            if not line:
                continue
            if _NOTE.match(line) or _CREDIT.match(line):
                notes.append(line)
                continue
            language = line_language(line)
            if language == "zh" or (language == "en" and not bilingual):
                chinese.append(line)  # in a Chinese-only file an English line (a code term) is text
            elif language == "en":
                english.append(line)
            else:
                dropped.append(DroppedLine(number, raw, "noise"))
        text = join_chinese_lines(chinese)
        translation = " ".join(" ".join(english).split()) or None
        if text and previous is not None and text == previous.text:
            continue  # a rolling caption repeats the cue before
        if text:
            block = SourceBlock(BlockKind.PARAGRAPH, text, BlockRole.BODY, cue=cue.cue)
            if translation:
                block.translation, block.translation_source = translation, SUBTITLE_SOURCE
            blocks.append(block)
            previous = block
        elif translation and previous is not None:
            # English without Chinese in a bilingual file: the Chinese of the cue before covers it.
            previous.translation = f"{previous.translation} {translation}" if previous.translation else translation
            previous.translation_source = SUBTITLE_SOURCE
        elif translation:
            dropped.append(DroppedLine(0, translation, "English with no Chinese cue"))
        blocks.extend(SourceBlock(BlockKind.NOTE, clean_block_text(note), cue=cue.cue) for note in notes)
    return blocks
