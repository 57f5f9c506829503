"""Table tests for txt books: chapter headings, site lines, tables of contents and front matter."""

from __future__ import annotations

import pytest

from reader.core.importers import import_pasted, import_path
from reader.core.importers.txt_book import Level, _heading, read_txt_book, site_line_reason
from reader.core.model import BlockRole
from reader.core.pipeline import structure_source

pytestmark = pytest.mark.core

BODY = "　　他每天早上六点起床，先跑步半小时，然后吃早饭，再坐地铁去上班。晚上回家以后，他喜欢看书学习中文。\n"


@pytest.mark.parametrize(
    ("line", "title", "level"),
    [
        ("第一章 出发", "第一章 出发", Level.CHAPTER),  # Chinese numeral, ASCII space
        ("第097章 夜雨", "第097章 夜雨", Level.CHAPTER),  # Arabic numerals with a leading zero
        ("第１２章　归来", "第１２章 归来", Level.CHAPTER),  # full-width digits and a full-width space
        ("　　第一回　宴桃園豪傑三結義　斬黃巾英雄首立功", "第一回 宴桃園豪傑三結義 斬黃巾英雄首立功", Level.CHAPTER),
        (
            "               第一回  甄士隐梦幻识通灵 贾雨村风尘怀闺秀 ",
            "第一回 甄士隐梦幻识通灵 贾雨村风尘怀闺秀",
            Level.CHAPTER,
        ),
        ("第三节", "第三节", Level.CHAPTER),  # a marker alone
        ("第二百零一章：决战", "第二百零一章：决战", Level.CHAPTER),  # a colon as separator
        ("第十章出发", "第十章出发", Level.CHAPTER),  # no separator, short, no punctuation
        ("正文 第九十七章 风云再起", "第九十七章 风云再起", Level.CHAPTER),  # site prefix dropped from the title
        ("章节目录 第一章 少年", "第一章 少年", Level.CHAPTER),
        ("VIP章节 第三百章 大结局", "第三百章 大结局", Level.CHAPTER),
        ("第一卷 风起云涌", "第一卷 风起云涌", Level.VOLUME),  # a volume
        ("卷二 閒情記趣", "卷二 閒情記趣", Level.VOLUME),  # 卷 before its numeral
        ("楔子", "楔子", Level.CHAPTER),  # unnumbered chapters
        ("序章 重生", "序章 重生", Level.CHAPTER),
        ("番外一 春日", "番外一 春日", Level.CHAPTER),
        ("后记", "后记", Level.CHAPTER),
        ("第一章 出发 www.xbiquge.la", "第一章 出发", Level.CHAPTER),  # a site's address glued on
        ("第二章 远行（www.example.com）", "第二章 远行", Level.CHAPTER),
    ],
)
def test_heading_lines(line: str, title: str, level: Level) -> None:
    found = _heading(line)
    assert found is not None
    assert (found[0], found[1]) == (title, level)


@pytest.mark.parametrize(
    "line",
    [
        "第一章就讲了这个道理，大家都明白。",  # prose that starts like a heading
        "第二天早上，他去了学校。",  # 第二天 is not a chapter
        "第三回合他就输了",  # 回合: the marker runs into a word… with punctuation-free rest, still too long?
        "第一节课开始以后，老师走进了教室，大家都安静了下来，开始认真听讲。",  # a long sentence
        "后记本子上写满了字。",  # 后记 followed by more words without a separator
        "序言写得很好，我读了三遍",
    ],
)
def test_prose_is_not_a_heading(line: str) -> None:
    assert _heading(line) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("w w w.x iaoshu otx t.nett.xt.小..说...天.堂", "watermark"),  # spaced-out address
        ("ＷＷw.xiＡosＨuotxt.nett/x/t小.说。天.堂", "watermark"),  # full-width letters
        ('wＷw。xiaoshuo txt.neｔt(xＴ小说"//天,堂/', "watermark"),  # an ideographic full stop for the dot
        ("更多TXT电子书下载,请访问雨枫轩:http://www.rain8.com", "site line"),
        ("版权声明：本站所有电子书本着交流学习的目的", "site notice"),
        ("仅供读者研究学习，不得用作商业用途，", "site notice"),
        ("（本章完）", "site notice"),
        ("本书来自电子书下载基地", "site notice"),  # a notice without any Latin letter
        ("手机用户请浏览阅读，更优质的阅读体验。", "site notice"),
        ("-----------------------------------------------------------------", "rule"),
        ("==========", "rule"),
        ("----------------------- Page 12-----------------------", "page marker"),
    ],
)
def test_site_lines(line: str, reason: str) -> None:
    assert site_line_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "　　他打开网页，看见最新的消息，心里一沉。",  # a story about the web, no address
        "　　他在电脑上下载了一本小说，读到深夜。",  # site words without an address
        "　　他打开了google.com网站。",  # an address inside a sentence of the story
        "……",  # an ellipsis line is text
        "* * *",  # a scene break is kept
        "第一章 出发",
    ],
)
def test_text_lines_are_kept(line: str) -> None:
    assert site_line_reason(line) is None


def web_novel_dump() -> str:
    """A web-novel txt as sites serve it: header, contents, volumes, prefixed headings, ads between chapters."""
    lines = [
        "《星河旅人》",
        "作者：林一",
        "内容简介：",
        "　　一个少年离开家乡，走向星辰大海。",
        "本书由TXT小说天堂整理，更多好书请访问 www.example-txt.com",
        "==========",
        "目录",
        "第一章 离家",
        "第二章 远行",
        "第三章 归来",
        "",
        "第一卷 少年",
        "章节目录 第一章 离家",
        BODY,
        "w w w.x iaoshu otx t.nett.xt.小..说...天.堂",
        BODY,
        "正文 第二章 远行",
        BODY,
        "（本章完）",
        "第二卷 青年",
        "VIP章节 第三章 归来",
        BODY * 2,
        "番外 星空",
        BODY,
    ]
    return "\n".join(lines)


def test_web_novel_dump_becomes_a_book() -> None:
    book = read_txt_book(web_novel_dump(), "fallback")
    assert book is not None
    assert [c.title for c in book.chapters] == ["第一章 离家", "第二章 远行", "第三章 归来", "番外 星空"]
    assert [c.part for c in book.chapters] == ["第一卷 少年", "第一卷 少年", "第二卷 青年", "第二卷 青年"]
    assert (book.book.title, book.book.author) == ("星河旅人", "林一")
    assert book.book.blurb == "一个少年离开家乡，走向星辰大海。"
    reasons = {line.text.strip(): line.reason for line in book.dropped}
    assert reasons["目录"] == reasons["第一章 离家"] == "table of contents"
    assert reasons["（本章完）"] == "site notice"
    assert reasons["=========="] == "rule"
    assert "w w w.x iaoshu otx t.nett.xt.小..说...天.堂" in reasons
    assert all(line.line > 0 for line in book.dropped)  # every dropped line is located in the file


def test_chapter_text_is_kept_whole() -> None:
    book = read_txt_book(web_novel_dump(), "fallback")
    assert book is not None
    first = book.chapters[0]
    assert first.blocks[0].role is BlockRole.TITLE
    assert "".join(b.text for b in first.blocks[1:]) == BODY.strip() * 2
    assert "天堂" not in "".join(b.text for c in book.chapters for b in c.blocks)


def test_inner_epilogue_is_a_subheading() -> None:
    text = "\n".join(["第一章 甲", BODY, "尾声", BODY, "第二章 乙", BODY, "第三章 丙", BODY])
    book = read_txt_book(text, "x")
    assert book is not None
    assert [c.title for c in book.chapters] == ["第一章 甲", "第二章 乙", "第三章 丙"]
    assert [b.role for b in book.chapters[0].blocks if b.text == "尾声"] == [BlockRole.SUBHEADING]


def test_volumes_without_chapters_are_chapters() -> None:
    text = "\n".join(["浮生六記", "", "卷一 閨房記樂", BODY, "卷二 閒情記趣", BODY, "卷三 坎坷記愁", BODY])
    book = read_txt_book(text, "x")
    assert book is not None
    assert [c.title for c in book.chapters] == ["卷一 閨房記樂", "卷二 閒情記趣", "卷三 坎坷記愁"]
    assert book.book.title == "浮生六記"


def test_heading_printed_twice_is_one_chapter() -> None:
    text = "\n".join(["第一章 甲", "", "第一章 甲", BODY, "第二章 乙 www.example.com", BODY, "第三章 丙", BODY])
    book = read_txt_book(text, "x")
    assert book is not None
    assert [c.title for c in book.chapters] == ["第一章 甲", "第二章 乙", "第三章 丙"]
    assert [line.reason for line in book.dropped] == ["repeated heading"]


def test_two_chapters_are_not_a_book() -> None:
    assert read_txt_book("\n".join(["第一章 甲", BODY, "第二章 乙", BODY]), "x") is None


def test_txt_book_imports_as_chapters(tmp_path) -> None:
    path = tmp_path / "星河旅人.txt"
    path.write_text(web_novel_dump(), encoding="gb18030")
    source = import_path(path)
    assert source.book is not None and source.title == "星河旅人"
    document = structure_source(source)
    assert [a.title for a in document.articles] == ["第一章 离家", "第二章 远行", "第三章 归来", "番外 星空"]


def test_site_lines_leave_a_plain_txt_too(tmp_path) -> None:
    path = tmp_path / "short.txt"
    path.write_text(BODY + "更多TXT电子书下载,请访问雨枫轩:http://www.rain8.com\n" + BODY, encoding="utf-8")
    source = import_path(path)
    assert source.book is None and source.raw_text is not None
    assert "rain8" not in source.raw_text
    assert [line.line for line in source.dropped] == [2]


def test_pasted_novel_is_a_book() -> None:
    source = import_pasted(web_novel_dump())
    assert source.book is not None and source.book.title == "星河旅人"
    assert [s.title for s in source.sections][:2] == ["第一章 离家", "第二章 远行"]
