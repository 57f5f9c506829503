"""Table tests for the pieces under the importers: decoding, page furniture, block cleaning, archive names."""

from __future__ import annotations

import pytest

from reader.core.errors import InputError
from reader.core.importers.blocks import BlockList, clean_heading_text
from reader.core.importers.markdown_document import split_front_matter
from reader.core.importers.pdf_document import strip_page_furniture
from reader.core.importers.safezip import unsafe_member_name
from reader.core.textio import decode_markup, decode_text
from tests.core.importer_helpers import PARAGRAPHS

pytestmark = pytest.mark.core

SIMPLIFIED = "\n".join(PARAGRAPHS)
TRADITIONAL = "我們走在大路上，一帶一路倡議提出十週年，積極穩妥發展。\n今天天氣很好，我們一起去公園散步吧。\n" * 3


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
        (b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), SIMPLIFIED),  # UTF-8 with BOM
        (SIMPLIFIED.encode("utf-16"), SIMPLIFIED),  # UTF-16 with BOM
        (SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED),  # UTF-16 LE without BOM: judged from where the NULs are
        (SIMPLIFIED.encode("gb18030"), SIMPLIFIED),
        (SIMPLIFIED.encode("gbk"), SIMPLIFIED),
        (TRADITIONAL.encode("big5"), TRADITIONAL),  # Big5 also decodes as GB18030, but into rare characters
        (SIMPLIFIED.encode("utf-8")[:-1], SIMPLIFIED[:-1]),  # a download cut in the middle of the last character
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "gb18030", "gbk", "big5", "utf8-cut-end"],
)
def test_decode_text_detects_the_encoding(data: bytes, expected: str) -> None:
    assert decode_text(data, name="x.txt") == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.txt is empty."),
        (b" \n\t\r\n", "x.txt is empty."),
        ("   ".encode("utf-16"), "x.txt is empty."),  # a BOM and nothing else
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "x.txt is a PNG image, not a text file."),
        (bytes(range(256)) * 4, "x.txt is a binary file, not a text file."),
        (
            SIMPLIFIED[:100].encode("utf-8") + b"\n" + SIMPLIFIED[100:].encode("gbk"),
            "x.txt mixes UTF-8 with another encoding; save it again as UTF-8 and retry.",
        ),
        (
            SIMPLIFIED.encode("gbk")[:50] + b"\xff\xff" + SIMPLIFIED.encode("gbk")[50:],
            "x.txt could not be decoded as UTF-8, UTF-16, GB18030 or Big5 (unknown encoding).",
        ),
    ],
    ids=["empty", "blank", "bom-only", "png", "binary", "mixed", "damaged-gbk"],
)
def test_decode_text_refuses_with_one_sentence(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(data, name="x.txt")
    assert str(caught.value) == message


def test_shift_jis_is_not_mistaken_for_gb18030() -> None:
    # Shift-JIS decodes as GB18030 without error (into rare characters); it must come out as Japanese.
    text = "今日は天気がいいですね。日本語の文章を読みましょう。\n" * 4
    assert decode_text(text.encode("shift_jis"), name="x.txt") == text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('<meta charset="gb2312"><p>中文正文</p>'.encode("gbk"), "中文"),  # declared and right
        ('<meta http-equiv="Content-Type" content="text/html; charset=GBK"><p>中文</p>'.encode("gbk"), "中文"),
        ('<?xml version="1.0" encoding="utf-8"?><p>中文正文内容</p>'.encode("gbk"), "中文"),  # declared and wrong
        ('<meta charset="big5"><p>中文正文</p>'.encode("big5"), "中文"),
        # declared, with one character cut in half (a truncated title): decoded as a browser shows it
        (
            b'<meta charset="gb2312"><title>' + "中文标题".encode("gbk")[:-1] + "</title><p>中文正文</p>".encode("gbk"),
            "中文正文",
        ),
        # not declared, GBK with a stray byte: not taken for a Cyrillic page
        (
            ("<p>" + PARAGRAPHS[0] + "</p>").encode("gbk")
            + b"\xc7<br>"
            + ("<p>" + PARAGRAPHS[1] + "</p>").encode("gbk"),
            "工业互联网",
        ),
    ],
)
def test_decode_markup_uses_a_declared_encoding_that_fits(data: bytes, expected: str) -> None:
    assert expected in decode_markup(data, name="x.html")


def test_a_western_page_with_a_few_accents_is_not_read_as_damaged_chinese() -> None:
    # Nearly every byte is ASCII, as in a GBK page with one stray byte; but there is no Chinese to keep.
    page = "<p>Café and naïve résumé in a long English page about coffee.</p>".encode("latin-1")
    assert not any("\u4e00" <= char <= "\u9fff" for char in decode_markup(page, name="x.html"))


# ---------------------------------------------------------------------------------------------------------------
# PDF page furniture

_BODY = [PARAGRAPHS[i][:18] for i in range(6)]


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        # bare page numbers at the foot that follow the page order
        ([[_BODY[0], "1"], [_BODY[1], "2"], [_BODY[2], "3"]], [[_BODY[0]], [_BODY[1]], [_BODY[2]]]),
        # numbered from 5 (a chapter cut out of a book): the offset agrees, so they go
        ([["5", _BODY[0]], ["6", _BODY[1]]], [[_BODY[0]], [_BODY[1]]]),
        # marked page numbers go wherever they sit at an edge
        ([["- 1 -", _BODY[0]], [_BODY[1], "第 2 页"], [_BODY[2], "3 / 3"]], [[_BODY[0]], [_BODY[1]], [_BODY[2]]]),
        # a number that does not follow the page order is text (a year closing a letter)
        ([[_BODY[0], "2024"], [_BODY[1]]], [[_BODY[0], "2024"], [_BODY[1]]]),
        # a one-page document keeps a closing number other than 1
        ([[_BODY[0], "7"]], [[_BODY[0], "7"]]),
        # a running header with a changing date and page: gone from every page
        (
            [[f"人民日报 2024年5月{d}日 第{d}版", _BODY[d], _BODY[d + 1]] for d in range(1, 4)],
            [[_BODY[d], _BODY[d + 1]] for d in range(1, 4)],
        ),
        # a line printed at the foot of a page and again at the top of the next (clipped text): kept once
        ([[_BODY[0], _BODY[1], "1"], [_BODY[1], _BODY[2], "2"]], [[_BODY[0]], [_BODY[1], _BODY[2]]]),
        # a recurring sentence is text, not a header
        ([["我们走吧。", _BODY[i]] for i in range(3)], [["我们走吧。", _BODY[i]] for i in range(3)]),
    ],
    ids=["foot", "offset", "marked", "year", "one-page", "header", "doubled", "sentence"],
)
def test_strip_page_furniture(pages: list[list[str]], expected: list[list[str]]) -> None:
    assert strip_page_furniture(pages) == expected


# ---------------------------------------------------------------------------------------------------------------
# Blocks from markup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一章 出发", "第一章 出发"),  # a space between the chapter's number and name is meant
        ("第 一 章", "第一章"),  # spread out by typesetting
        ("\u3000\u3000春天\n来了  ", "春天 来了"),
        ("⾛向未来", "走向未来"),  # a Kangxi radical
    ],
)
def test_clean_heading_text(text: str, expected: str) -> None:
    assert clean_heading_text(text) == expected


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("床前明月光，\n疑是地上霜。", ["床前明月光，", "疑是地上霜。"]),  # verse
        (f"{PARAGRAPHS[0][:30]}\n{PARAGRAPHS[0][30:]}", [PARAGRAPHS[0]]),  # a hard wrap mid-sentence
        (f"{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}", [PARAGRAPHS[1], PARAGRAPHS[2]]),  # a break after a sentence
        (f"{PARAGRAPHS[0][:30]}\n\n{PARAGRAPHS[0][30:]}", [PARAGRAPHS[0][:30], PARAGRAPHS[0][30:]]),  # blank line
        (
            "一个很长的介绍，下面是今天要买的东西：\n苹果\n香蕉",
            ["一个很长的介绍，下面是今天要买的东西：", "苹果", "香蕉"],
        ),
        ("\u3000\u3000他说：“走 吧！”\n", ["他说：“走吧！”"]),  # indent and a typesetting space removed
    ],
    ids=["verse", "wrapped", "sentence", "blank", "list", "indent"],
)
def test_add_lines(text: str, paragraphs: list[str]) -> None:
    blocks = BlockList()
    blocks.add_lines(text)
    assert [block.text for block in blocks.blocks] == paragraphs


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        ("---\ntitle: 我的笔记\n---\n正文", "我的笔记", "正文"),
        ('---\ntitle: "引号里的标题"\ndate: 2024-05-01\n---\n# 正文', "引号里的标题", "# 正文"),
        ("# 没有前言\n正文", None, "# 没有前言\n正文"),
        ("---\n不是前言，没有结束", None, "---\n不是前言，没有结束"),
    ],
)
def test_split_front_matter(text: str, title: str | None, body: str) -> None:
    assert split_front_matter(text) == (title, body)


# ---------------------------------------------------------------------------------------------------------------
# Archive member names


@pytest.mark.parametrize(
    ("name", "unsafe"),
    [
        ("OEBPS/chapter1.xhtml", False),
        ("OEBPS/images/../chapter1.xhtml", True),  # even when it stays inside, ``..`` is not in a real book
        ("../../etc/passwd", True),
        ("/etc/passwd", True),
        ("C:/Windows/win.ini", True),
        ("..\\..\\evil.txt", True),
        ("OEBPS/..hidden.xhtml", False),  # dots in a name are fine
    ],
)
def test_unsafe_member_name(name: str, unsafe: bool) -> None:
    assert unsafe_member_name(name) is unsafe
