"""Subtitles as learners get them: bilingual cues, notes, headers, tags, broken timestamps, cue times."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.importers import SUBTITLE_SOURCE, import_path
from reader.core.importers.subtitles import clean_cue_line, join_chinese_lines, line_language, parse_timing
from reader.core.model import BlockKind, Cue
from reader.core.pipeline import structure_source
from reader.core.store.codec import decode_structure, encode_structure

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("line", "cue"),
    [
        ("00:00:01,080 --> 00:00:01,720", Cue(1080, 1720)),  # SRT
        ("00:00:12.110 --> 00:00:12.120 align:start position:0%", Cue(12110, 12120)),  # VTT with cue settings
        ("00:01.500 --> 00:02.000", Cue(1500, 2000)),  # VTT without hours
        ("1:02:03,4 --> 1:02:04,25", Cue(3723400, 3724250)),  # one-digit hour, short fractions
        ("00:00:05,000 --> 00:00:04,000", Cue(5000, 5000)),  # an end before its start is clamped
        ("00:00:0l,000 --> 00:00:02,000", None),  # a letter l for a one: broken
        ("1", None),  # a cue number
    ],
)
def test_parse_timing(line: str, cue: Cue | None) -> None:
    assert parse_timing(line) == cue


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("<i>你好</i>", "你好"),  # SRT italics
        ('<font color="#ffff00">注意</font>', "注意"),  # SRT colour
        ("<v 老师><c.yellow>欢迎</c>", "欢迎"),  # VTT voice and class spans
        ("<00:00:01.000>卡<00:00:01.500>拉OK", "卡拉OK"),  # VTT karaoke times
        ("{\\an8}今天", "今天"),  # ASS override code in an SRT
        ("# 孙俪", "孙俪"),  # a fansub's '# ' prefix on Chinese lines
        ("Tom &amp; Jerry", "Tom & Jerry"),  # entities
    ],
)
def test_clean_cue_line(line: str, clean: str) -> None:
    assert clean_cue_line(line) == clean


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("欢迎来到北京", "zh"),
        ("我是 Beau Carnes，是 freeCodeCamp 的老师", "zh"),  # Chinese with English names
        ("Welcome to Beijing!", "en"),
        ("Sun Li (孙俪) is here with us today", "en"),  # English with a Chinese name
        ("I", "en"),  # a one-letter English line
        ("@#¥¥*&¥%", ""),  # placeholder noise
        ("♪♪", ""),  # music marks
        ("2024", ""),  # a number alone
    ],
)
def test_line_language(line: str, language: str) -> None:
    assert line_language(line) == language


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["别碰我 疼"], "别碰我 疼"),  # a space between phrases is the subtitle's pause
        (["你好，", "欢迎来到北京！"], "你好，欢迎来到北京！"),  # a line break after punctuation adds nothing
        (["今天", "我们去长城"], "今天 我们去长城"),  # a line break between phrases is a pause
        (["是 freeCodeCamp 的老师"], "是freeCodeCamp的老师"),  # typesetting spaces around Latin words go
    ],
)
def test_join_chinese_lines(lines: list[str], text: str) -> None:
    assert join_chinese_lines(lines) == text


BILINGUAL = """# https://www.youtube.com/watch?v=abc
# 标题
# 【美食】北京肘子卷饼

1
00:00:01,080 --> 00:00:01,720
# 孙俪
Sun Li

2
00:00:02,799 --> 00:00:03,799
Welcome to this free online class
欢迎来到免费在线课程
注：这是一个双关语
3
00:00:04,000 --> 00:00:05,000
# @#¥%
这个
That one

4
00:00:0x,000 --> 00:00:07,000
坏了的时间
Broken time

5
00:00:08,000 --> 00:00:09,000
and the English goes on
"""


def test_broken_timestamp_without_a_blank_line_before_does_not_leak(tmp_path: Path) -> None:
    path = tmp_path / "broken.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\n你好\nHello\n2\n00:00:0x,000 --> 00:00:03,000\n再见\nBye\n",
        encoding="utf-8",
    )
    source = import_path(path)
    blocks = source.sections[0].blocks
    assert [(b.text, b.translation, b.cue) for b in blocks] == [
        ("你好", "Hello", Cue(1000, 2000)),
        ("再见", "Bye", None),
    ]
    assert [(line.line, line.reason) for line in source.dropped] == [(6, "broken timestamp (the cue's text is kept)")]


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    path = tmp_path / "vlog.srt"
    path.write_text(BILINGUAL, encoding="utf-8")
    return path


def test_bilingual_cues_split_chinese_from_english(bilingual: Path) -> None:
    blocks = import_path(bilingual).sections[0].blocks
    paragraphs = [(b.text, b.translation) for b in blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs == [
        ("孙俪", "Sun Li"),
        ("欢迎来到免费在线课程", "Welcome to this free online class"),  # English first, Chinese second
        ("这个", "That one"),
        ("坏了的时间", "Broken time and the English goes on"),  # an English-only cue joins the cue before
    ]
    assert {b.translation_source for b in blocks if b.translation} == {SUBTITLE_SOURCE}


def test_translator_note_becomes_a_note_and_cue_ids_do_not_leak(bilingual: Path) -> None:
    # Cue 3 follows the note without a blank line: its number must not be read as text of cue 2.
    blocks = import_path(bilingual).sections[0].blocks
    notes = [b for b in blocks if b.kind is BlockKind.NOTE]
    assert [(n.text, n.cue) for n in notes] == [("注：这是一个双关语", Cue(2799, 3799))]
    assert all("3" not in (b.translation or "") for b in blocks)


def test_cue_times_are_kept_and_a_broken_one_is_reported(bilingual: Path) -> None:
    source = import_path(bilingual)
    blocks = [b for b in source.sections[0].blocks if b.kind is BlockKind.PARAGRAPH]
    assert [b.cue for b in blocks] == [Cue(1080, 1720), Cue(2799, 3799), Cue(4000, 5000), None]
    reasons = {line.line: line.reason for line in source.dropped}
    assert reasons[1] == reasons[3] == "header"
    assert reasons[17] == "noise"
    assert "broken timestamp" in reasons[22]


def test_subtitle_translation_reaches_the_sentence(bilingual: Path) -> None:
    # One sentence per cue: the English belongs to the whole cue, and no machine translation is asked for.
    article = structure_source(import_path(bilingual)).articles[0]
    sentences = [s for b in article.blocks if b.kind is BlockKind.PARAGRAPH for s in b.sentences]
    assert sentences[1].translation == "Welcome to this free online class"
    assert sentences[1].translation_source == SUBTITLE_SOURCE
    assert article.blocks[0].cue == Cue(1080, 1720)


def test_chinese_only_vtt(tmp_path: Path) -> None:
    path = tmp_path / "course.vtt"
    path.write_text(
        "WEBVTT\nKind: captions\nLanguage: zh\n\n"
        "00:00:02.550 --> 00:00:06.050 align:start position:0%\n这是为初学者准备的 JavaScript 教程\n\n"
        "00:00:12.110 --> 00:00:12.120 align:start position:0%\n在这套教程中，你会学习到\n",
        encoding="utf-8",
    )
    blocks = import_path(path).sections[0].blocks
    assert [(b.text, b.translation, b.cue) for b in blocks] == [
        ("这是为初学者准备的JavaScript教程", None, Cue(2550, 6050)),
        ("在这套教程中，你会学习到", None, Cue(12110, 12120)),
    ]


def test_ass_dialogue_drops_override_codes_and_splits_languages(tmp_path: Path) -> None:
    path = tmp_path / "show.ass"
    path.write_text(
        "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\n"
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, "
        "Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, "
        "MarginR, MarginV, Encoding\n"
        "Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1\n\n"
        "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        "Dialogue: 0,0:00:01.00,0:00:03.50,Default,,0,0,0,,{\\pos(320,50)}{\\fad(200,200)}我们走吧\\N{\\fs12}Let's go\n"
        "Comment: 0,0:00:04.00,0:00:05.00,Default,,0,0,0,,这是注释\n",
        encoding="utf-8",
    )
    blocks = import_path(path).sections[0].blocks
    assert [(b.text, b.translation, b.cue) for b in blocks] == [("我们走吧", "Let's go", Cue(1000, 3500))]


def test_cue_times_survive_the_store_codec(bilingual: Path) -> None:
    article = structure_source(import_path(bilingual)).articles[0]
    stored = decode_structure(article.title, article.text, encode_structure(article))
    assert [b.cue for b in stored.blocks] == [b.cue for b in article.blocks]
