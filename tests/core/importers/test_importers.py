"""Every format imports Chinese correctly through one entry point (real files built in the tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.importers import (
    SUPPORTED_SUFFIXES,
    ImportCancelledError,
    SourceKind,
    import_pasted,
    import_path,
)
from reader.core.model import BlockKind, BlockRole
from reader.core.pipeline import structure, structure_source
from tests.conftest import SAMPLE
from tests.core.importer_helpers import (
    PARAGRAPHS,
    Chapter,
    EpubSpec,
    has_chinese_font,
    simple_epub,
    write_blank_pdf_with_qt,
    write_docx,
    write_epub,
    write_pdf_pages_with_qt,
    write_pdf_with_qt,
)

pytestmark = pytest.mark.core

_RADICALS = re.compile("[\u2e80-\u2fdf]")


def _texts(source) -> list[str]:
    return [block.text for section in source.sections for block in section.blocks]


# ---------------------------------------------------------------------------------------------------------------
# Plain text


def test_text_file_is_raw_text_titled_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "我的日记.txt"
    path.write_text(PARAGRAPHS[3], encoding="utf-8")
    source = import_path(path)
    assert (source.kind, source.title, source.raw_text, source.path) == (
        SourceKind.TEXT,
        "我的日记",
        PARAGRAPHS[3],
        path,
    )


def test_text_file_structures_like_before(tmp_path: Path) -> None:
    # The sample goes through the importer and structure_source exactly as through structure() alone.
    source = import_path(SAMPLE)
    assert source.needs_repair
    assert [a.text for a in structure_source(source).articles] == [
        a.text for a in structure(SAMPLE.read_text()).articles
    ]


def test_unknown_suffix_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.log"
    path.write_text(PARAGRAPHS[0], encoding="utf-8")
    assert import_path(path).raw_text == PARAGRAPHS[0]


# ---------------------------------------------------------------------------------------------------------------
# EPUB


def test_epub_chapters_become_sections_titled_from_the_table_of_contents(tmp_path: Path) -> None:
    spec = EpubSpec(
        title="春天的故事",
        chapters=[
            Chapter("a.xhtml", "第一章 出发", f"<h1>第一章</h1><p>{PARAGRAPHS[0]}</p>"),
            Chapter("b.xhtml", "第二章 公园", f"<p>{PARAGRAPHS[3]}</p><p>{PARAGRAPHS[4]}</p>"),
        ],
    )
    source = import_path(write_epub(tmp_path / "book.epub", spec))
    assert (source.kind, source.title) == (SourceKind.EPUB, "春天的故事")
    assert [s.title for s in source.sections] == ["第一章 出发", "第二章 公园"]
    assert [b.text for b in source.sections[1].blocks] == [PARAGRAPHS[3], PARAGRAPHS[4]]


def test_epub_chapter_becomes_an_article_with_its_heading(tmp_path: Path) -> None:
    document = structure_source(import_path(simple_epub(tmp_path / "book.epub", chapters=3)))
    assert [a.title for a in document.articles] == ["第1章", "第2章", "第3章"]
    first = document.articles[0].blocks[0]
    assert (first.kind, first.role, first.text) == (BlockKind.HEADING, BlockRole.TITLE, "第1章")


def test_epub_follows_the_spine_not_the_file_names(tmp_path: Path) -> None:
    spec = EpubSpec(
        chapters=[
            Chapter("z.xhtml", "甲", f"<p>{PARAGRAPHS[0]}</p>"),
            Chapter("a.xhtml", "乙", f"<p>{PARAGRAPHS[1]}</p>"),
        ]
    )
    assert [s.title for s in import_path(write_epub(tmp_path / "b.epub", spec)).sections] == ["甲", "乙"]


def test_epub2_book_takes_titles_from_the_ncx(tmp_path: Path) -> None:
    spec = EpubSpec(nav=False, chapters=[Chapter("c1.xhtml", "序言", f"<p>{PARAGRAPHS[2]}</p>")])
    assert [s.title for s in import_path(write_epub(tmp_path / "b.epub", spec)).sections] == ["序言"]


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ('<div class="cover"><img src="cover.jpg" alt="封面"/></div>', False),  # a cover picture: no text
        ("<p>Copyright © 2024 Example Press. All rights reserved.</p>", False),  # no Chinese at all
        (f"<p>{PARAGRAPHS[1]}</p>", True),
    ],
)
def test_epub_skips_documents_without_chinese(tmp_path: Path, body: str, kept: bool) -> None:
    spec = EpubSpec(chapters=[Chapter("x.xhtml", None, body), Chapter("c.xhtml", "正文", f"<p>{PARAGRAPHS[0]}</p>")])
    source = import_path(write_epub(tmp_path / "b.epub", spec))
    assert [s.title for s in source.sections] == ["正文"]
    # A short untitled page before the first chapter is front matter: kept with the book, not a chapter.
    assert source.book is not None
    assert [b.text for b in source.book.front_matter] == ([PARAGRAPHS[1]] if kept else [])


def test_epub_part_title_page_joins_the_next_chapter(tmp_path: Path) -> None:
    spec = EpubSpec(
        chapters=[
            Chapter("part1.xhtml", "第一部", "<h1>第一部 春</h1>"),
            Chapter("c1.xhtml", "第一章", f"<h2>第一章</h2><p>{PARAGRAPHS[4]}</p>"),
        ]
    )
    (section,) = import_path(write_epub(tmp_path / "b.epub", spec)).sections
    assert section.title == "第一章"
    assert [b.text for b in section.blocks] == ["第一部 春", "第一章", PARAGRAPHS[4]]


def test_epub_continuation_file_joins_its_chapter(tmp_path: Path) -> None:
    # Converters split long chapters into several files and list only the first in the table of contents.
    spec = EpubSpec(
        chapters=[
            Chapter("index_split_000.html", "第一章", f"<h1>第一章</h1><p>{PARAGRAPHS[0]}</p>"),
            Chapter("index_split_001.html", None, f"<p>{PARAGRAPHS[1]}</p>"),
            Chapter("index_split_002.html", "第二章", f"<p>{PARAGRAPHS[2]}</p>"),
        ]
    )
    sections = import_path(write_epub(tmp_path / "b.epub", spec)).sections
    assert [(s.title, len(s.blocks)) for s in sections] == [("第一章", 3), ("第二章", 1)]


def test_epub_with_obfuscated_fonts_is_not_drm(tmp_path: Path) -> None:
    # Publishers obfuscate embedded fonts (listed in encryption.xml); the text itself is readable.
    encryption = (
        b'<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        b'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        b'<enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>'
        b'<enc:CipherData><enc:CipherReference URI="OEBPS/fonts/kai.otf"/></enc:CipherData></enc:EncryptedData>'
        b"</encryption>"
    )
    spec = EpubSpec(
        chapters=[Chapter("c.xhtml", "正文", f"<p>{PARAGRAPHS[0]}</p>")],
        extra={"META-INF/encryption.xml": encryption, "OEBPS/fonts/kai.otf": b"\x00\x01" * 100},
    )
    assert _texts(import_path(write_epub(tmp_path / "b.epub", spec))) == [PARAGRAPHS[0]]


def test_epub_leaves_out_non_linear_items(tmp_path: Path) -> None:
    spec = EpubSpec(
        chapters=[
            Chapter("c.xhtml", "正文", f"<p>{PARAGRAPHS[0]}</p>"),
            Chapter("n.xhtml", "注释", "<p>注释一</p>", linear=False),
        ]
    )
    assert [s.title for s in import_path(write_epub(tmp_path / "b.epub", spec)).sections] == ["正文"]


def test_epub_drops_ruby_annotations_and_scripts(tmp_path: Path) -> None:
    body = (
        "<p><ruby>汉<rt>hàn</rt></ruby><ruby>字<rp>(</rp><rt>zì</rt><rp>)</rp></ruby>很美。</p>"
        "<script>var 秘密 = 1;</script>"
    )
    spec = EpubSpec(chapters=[Chapter("c.xhtml", "汉字", body)])
    assert _texts(import_path(write_epub(tmp_path / "b.epub", spec))) == ["汉字很美。"]


def test_epub_self_closed_title_does_not_swallow_the_chapter(tmp_path: Path) -> None:
    chapter = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head>'
        f"<body><p>{PARAGRAPHS[2]}</p></body></html>"
    ).encode()
    spec = EpubSpec(chapters=[Chapter("c.xhtml", "章", "")], replace={"OEBPS/c.xhtml": chapter})
    assert _texts(import_path(write_epub(tmp_path / "b.epub", spec))) == [PARAGRAPHS[2]]


def test_epub_chapter_in_gbk_is_decoded(tmp_path: Path) -> None:
    chapter = (
        '<?xml version="1.0" encoding="gbk"?><html><head><title>章</title></head>'
        f"<body><p>{PARAGRAPHS[5]}</p></body></html>"
    ).encode("gbk")
    spec = EpubSpec(chapters=[Chapter("c.xhtml", "章", "")], replace={"OEBPS/c.xhtml": chapter})
    assert _texts(import_path(write_epub(tmp_path / "b.epub", spec))) == [PARAGRAPHS[5]]


# ---------------------------------------------------------------------------------------------------------------
# HTML

_PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>春天来了_散文_某某网</title>
<script>document.write("脚本里的秘密")</script><style>p {{ color: red }}</style></head>
<body><header><div class="logo">某某网</div><nav><a href="/">首页</a> <a href="/a">散文</a></nav></header>
<div id="main"><article><h1>春天来了</h1>
<p>　　春天来了，<b>小草</b>从地下
探出头来。</p>
<div class="content">{p1}<br><br>{p2}</div>
<ul class="related"><li><a href="/1">另一篇文章</a></li></ul>
<p><a href="/prev">上一章</a> <a href="/toc">目录</a> <a href="/next">下一章</a></p>
</article></div><aside>热门推荐</aside><footer>版权所有 某某网</footer>
<script>alert("另一个脚本")</script><noscript>请打开脚本</noscript></body></html>"""


def _page(charset: str = "utf-8") -> str:
    return _PAGE.format(charset=charset, p1=PARAGRAPHS[3], p2=PARAGRAPHS[4])


def test_html_keeps_the_main_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page(), encoding="utf-8")
    source = import_path(path)
    assert (source.kind, source.title) == (SourceKind.HTML, "春天来了")
    assert _texts(source) == ["春天来了", "春天来了，小草从地下探出头来。", PARAGRAPHS[3], PARAGRAPHS[4]]


@pytest.mark.parametrize(
    "hidden", ["脚本里的秘密", "另一个脚本", "color", "请打开脚本", "首页", "热门推荐", "版权所有", "上一章"]
)
def test_html_leaves_out_scripts_styles_and_navigation(tmp_path: Path, hidden: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page(), encoding="utf-8")
    assert hidden not in import_path(path).text


def test_html_in_declared_gbk_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(_page("gb2312").encode("gbk"))
    assert PARAGRAPHS[3] in _texts(import_path(path))


@pytest.mark.parametrize(
    ("body", "paragraphs"),
    [
        # <br><br> between paragraphs, as many Chinese sites write whole chapters
        (f"<div>{PARAGRAPHS[0]}<br><br>{PARAGRAPHS[1]}</div>", [PARAGRAPHS[0], PARAGRAPHS[1]]),
        # one <br> after a full sentence ends a paragraph too
        (f"<div>{PARAGRAPHS[1]}<br>{PARAGRAPHS[2]}</div>", [PARAGRAPHS[1], PARAGRAPHS[2]]),
        # a hard wrap in the middle of a long sentence is joined without a space
        (f"<p>{PARAGRAPHS[2][:20]}<br>{PARAGRAPHS[2][20:]}</p>", [PARAGRAPHS[2]]),
        # short lines (verse) stay apart
        ("<p>床前明月光，<br>疑是地上霜。</p>", ["床前明月光，", "疑是地上霜。"]),
        # Latin words broken across lines keep their space; spaces beside Chinese go
        ("<p>我用 iPhone 15\n看 5G 新闻。</p>", ["我用iPhone 15看5G新闻。"]),
    ],
)
def test_html_line_breaks(tmp_path: Path, body: str, paragraphs: list[str]) -> None:
    path = tmp_path / "page.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    assert _texts(import_path(path)) == paragraphs


# ---------------------------------------------------------------------------------------------------------------
# DOCX


def test_docx_headings_paragraphs_and_tables(tmp_path: Path) -> None:
    source = import_path(write_docx(tmp_path / "lesson.docx"))
    blocks = source.sections[0].blocks
    assert (source.kind, source.title) == (SourceKind.DOCX, "学习中文")
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.HEADING, "春天来了"),
        (BlockKind.PARAGRAPH, PARAGRAPHS[4]),
        (BlockKind.HEADING, "每天的生活"),
        (BlockKind.PARAGRAPH, PARAGRAPHS[5]),  # the soft line break mid-sentence is joined
        (BlockKind.PARAGRAPH, "早上"),
        (BlockKind.PARAGRAPH, "跑步"),
        (BlockKind.PARAGRAPH, "晚上"),
        (BlockKind.PARAGRAPH, "看书"),
        (BlockKind.PARAGRAPH, PARAGRAPHS[3]),
    ]


def test_docx_without_title_property_takes_its_first_heading(tmp_path: Path) -> None:
    assert import_path(write_docx(tmp_path / "lesson.docx", title=None)).title == "春天来了"


# ---------------------------------------------------------------------------------------------------------------
# Markdown and subtitles


def test_markdown_headings_and_plain_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: 我的笔记\ntags: [中文]\n---\n# 春天\n\n**春天**来了，小草从地下\n探出头来。\n\n"
        "## 散步\n\n- 今天天气[很好](https://example.com)。\n- 我们去公园。\n\n<script>alert('秘密')</script>\n",
        encoding="utf-8",
    )
    source = import_path(path)
    assert (source.kind, source.title) == (SourceKind.MARKDOWN, "我的笔记")
    assert [(b.kind, b.text) for b in source.sections[0].blocks] == [
        (BlockKind.HEADING, "春天"),
        (BlockKind.PARAGRAPH, "春天来了，小草从地下探出头来。"),
        (BlockKind.HEADING, "散步"),
        (BlockKind.PARAGRAPH, "今天天气很好。"),
        (BlockKind.PARAGRAPH, "我们去公园。"),
    ]


_SRT = """1
00:00:01,000 --> 00:00:03,500
<i>你好，</i>
欢迎来到北京！

2
00:00:03,600 --> 00:00:05,000
{\\an8}今天我们去长城。

3
00:00:05,000 --> 00:00:06,000
今天我们去长城。
"""

_VTT = """WEBVTT

NOTE 这是注释，不是字幕

1
00:00:01.000 --> 00:00:03.500 align:start
<v 老师>你好，<c.yellow>欢迎来到北京</c>！

00:00:03.600 --> 00:00:05.000
今天我们去长城。
"""


@pytest.mark.parametrize(("suffix", "content"), [(".srt", _SRT), (".vtt", _VTT)])
def test_subtitles_one_paragraph_per_cue(tmp_path: Path, suffix: str, content: str) -> None:
    path = tmp_path / f"episode{suffix}"
    path.write_text(content, encoding="utf-8")
    source = import_path(path)
    assert (source.kind, source.title) == (SourceKind.SUBTITLES, "episode")
    assert _texts(source) == ["你好，欢迎来到北京！", "今天我们去长城。"]


# ---------------------------------------------------------------------------------------------------------------
# PDF (rendered with Qt, as a learner's PDF would be)


@pytest.fixture
def qt_pdf_ready(qapp):
    """A QGuiApplication and a Chinese font, needed to render a PDF with Chinese text."""
    if not has_chinese_font():
        pytest.skip("no Chinese font installed (apt install fonts-noto-cjk)")
    return qapp


@pytest.mark.gui
def test_pdf_text_layer_maps_radicals_back_and_drops_page_numbers(tmp_path: Path, qt_pdf_ready) -> None:
    html = "<h1>春天的故事</h1>" + "".join(f"<p>{text}</p>" for text in PARAGRAPHS * 2)
    source = import_path(write_pdf_with_qt(tmp_path / "story.pdf", html))
    assert source.kind is SourceKind.PDF and source.needs_repair
    assert not _RADICALS.search(source.text)  # ⾛⼀⼤… and ⺠⻛⻓ became 走一大… 民风长
    assert not re.search(r"^\d+$", source.text, re.MULTILINE)  # page numbers gone


@pytest.mark.gui
def test_pdf_repairs_into_the_original_paragraphs(tmp_path: Path, qt_pdf_ready) -> None:
    html = "<h1>春天的故事</h1>" + "".join(f"<p>{text}</p>" for text in PARAGRAPHS * 2)
    document = structure_source(import_path(write_pdf_with_qt(tmp_path / "story.pdf", html)))
    (article,) = document.articles
    assert article.title == "春天的故事"
    # Every paragraph comes back whole: lines joined, nothing lost or doubled at page breaks.
    assert [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH] == PARAGRAPHS * 2


@pytest.mark.gui
def test_pdf_running_header_and_page_numbers_are_dropped(tmp_path: Path, qt_pdf_ready) -> None:
    pages = [[PARAGRAPHS[i][:18], PARAGRAPHS[i][18:36]] for i in range(4)]
    path = write_pdf_pages_with_qt(tmp_path / "paper.pdf", pages, header="人民日报 2024年5月1日 第4版")
    lines = import_path(path).text.split("\n")
    assert lines == [line for page in pages for line in page]


@pytest.mark.gui
def test_pdf_table_cells_stay_one_block_each(tmp_path: Path, qt_pdf_ready) -> None:
    # A bordered table whose second column wraps each cell over several lines, between two paragraphs.
    rows = [("项目", "说明"), ("工业互联网", PARAGRAPHS[1]), ("新发展阶段", PARAGRAPHS[2])]
    table = "".join(f"<tr><td>{left}</td><td>{right}</td></tr>" for left, right in rows)
    html = f'<p>{PARAGRAPHS[0]}</p><table border="1" cellpadding="3">{table}</table><p>{PARAGRAPHS[3]}</p>'
    document = structure_source(import_path(write_pdf_with_qt(tmp_path / "table.pdf", html)))
    blocks = [block.text for article in document.articles for block in article.blocks]
    cells = [cell for row in rows for cell in row]
    assert blocks[0] == PARAGRAPHS[0]
    assert blocks[1 : 1 + len(cells)] == cells  # the table spills onto page 2: its last cell is cut there
    assert blocks[-1] == PARAGRAPHS[3]


@pytest.mark.gui
def test_pdf_table_row_cut_by_a_page_break_is_joined(tmp_path: Path, qt_pdf_ready) -> None:
    # On an A6 page the third row's long cell starts on page 1 and ends on page 2; Qt also draws the cut line
    # off the page, which pypdf reads (it ignores clipping).
    long_cell = PARAGRAPHS[3] + PARAGRAPHS[1]
    rows = [("项目", "说明"), ("工业互联网", PARAGRAPHS[1]), ("数字经济", long_cell)]
    table = "".join(f"<tr><td>{left}</td><td>{right}</td></tr>" for left, right in rows)
    html = f'<p>{PARAGRAPHS[0]}</p><table border="1" cellpadding="3">{table}</table><p>{PARAGRAPHS[2]}</p>'
    path = write_pdf_with_qt(tmp_path / "table.pdf", html)
    document = structure_source(import_path(path))
    blocks = [block.text for article in document.articles for block in article.blocks]
    assert blocks == [PARAGRAPHS[0], *(cell for row in rows for cell in row), PARAGRAPHS[2]]


@pytest.mark.gui
def test_pdf_without_text_layer_says_ocr_is_not_supported(tmp_path: Path, qt_pdf_ready) -> None:
    with pytest.raises(InputError, match=r"has no text layer .*OCR is not supported"):
        import_path(write_blank_pdf_with_qt(tmp_path / "scan.pdf"))


@pytest.mark.gui
def test_pdf_renamed_txt_is_still_read_as_pdf(tmp_path: Path, qt_pdf_ready) -> None:
    path = write_pdf_with_qt(tmp_path / "story.pdf", f"<p>{PARAGRAPHS[0]}</p>")
    renamed = path.rename(tmp_path / "story.txt")
    assert import_path(renamed).kind is SourceKind.PDF


# ---------------------------------------------------------------------------------------------------------------
# Pasted text, format sniffing, progress and cancel


def test_pasted_text_is_raw_text_titled_by_its_first_line() -> None:
    source = import_pasted(f"\n  春天来了\n{PARAGRAPHS[4]}\n")
    assert (source.kind, source.title, source.needs_repair) == (SourceKind.PASTED, "春天来了", True)


def test_pasted_html_gives_its_paragraphs() -> None:
    source = import_pasted(PARAGRAPHS[0], html=f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>")
    assert _texts(source) == [PARAGRAPHS[0], PARAGRAPHS[1]]


def test_epub_without_suffix_is_recognised(tmp_path: Path) -> None:
    path = simple_epub(tmp_path / "book.epub").rename(tmp_path / "book")
    assert import_path(path).kind is SourceKind.EPUB


def test_progress_rises_to_one(tmp_path: Path) -> None:
    reports: list[float] = []
    import_path(simple_epub(tmp_path / "book.epub", chapters=8), progress=reports.append)
    assert reports[-1] == 1.0 and reports == sorted(reports) and len(reports) >= 8


def test_cancel_stops_the_import(tmp_path: Path) -> None:
    reports: list[float] = []
    with pytest.raises(ImportCancelledError, match="cancelled"):
        import_path(
            simple_epub(tmp_path / "book.epub", chapters=8),
            progress=reports.append,
            cancelled=lambda: len(reports) >= 3,
        )
    assert max(reports) < 1.0


def test_every_supported_suffix_has_an_importer() -> None:
    assert set(SUPPORTED_SUFFIXES.values()) == set(SourceKind) - {SourceKind.PASTED}
