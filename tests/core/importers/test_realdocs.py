"""The real-document corpus (``../shared/realdocs``): the structure each real file must give.

Built for the kind of file, not the file: each row checks what a learner would see first (chapter count, first
and last chapter titles, book title and author, subtitle translations, web-page main text). Skipped when the
corpus is not next to the repository.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from reader.core.importers import SUBTITLE_SOURCE, ImportedSource, import_path
from reader.core.importers.pdf_tables import read_page, table_page_text
from reader.core.model import BlockKind
from reader.core.pipeline import structure_source
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.core

REALDOCS = REPO_ROOT.parent / "shared" / "realdocs"
#: Real documents the suite carries itself (see its SOURCES.md): tests that need them never skip.
OWN_REALDOCS = REPO_ROOT / "tests" / "data" / "realdocs"
WEB_PAGES = REPO_ROOT / "bench" / "data" / "web_pages"


@pytest.fixture(scope="module")
def realdocs() -> Path:
    if not REALDOCS.is_dir():
        pytest.skip("../shared/realdocs is not available")
    return REALDOCS


def _import(folder: Path, name: str) -> ImportedSource:
    # A corpus elsewhere may lack a file this one has: that file's checks skip, the others still run.
    if not (folder / name).exists():
        pytest.skip(f"{name} is not in {folder}")
    return import_path(folder / name)


@pytest.mark.parametrize(
    ("name", "count", "first", "last", "title", "author"),
    [
        # GB18030, rain8 notices (three times), page markers, headings centred with spaces.
        (
            "novel_hongloumeng_gb18030_rain8_ch01-40.txt",
            40,
            "第一回 甄士隐梦幻识通灵 贾雨村风尘怀闺秀",
            "第四十回 史太君两宴大观园 金鸳鸯三宣牙牌令",
            "novel_hongloumeng_gb18030_rain8_ch01-40",  # the file has no title line: its name
            None,
        ),
        # 楔子 before 第一回, full-width spaces in headings, CRLF, a 《书名》作者 line.
        (
            "novel_shuihuzhuan_utf8_crlf_xiezi-ch40.txt",
            41,
            "楔子 张天师祈禳瘟疫 洪太尉误走妖魔",
            "第四十回 宋江智取无为军 张顺活捉黄文炳",
            "水浒传",
            "施耐庵",
        ),
        # A txt site's header and watermarks; 尾声 inside 呼兰河传 is not a chapter.
        ("novel_xiaohong_utf8_txtsite.txt", 41, "第1章 失眠之夜（代序）", "第41章 后记", "萧红经典全集", None),
        # Big5: a 目錄 of the 卷 headings, volumes as the only headings.
        ("trad_fushengliuji_big5.txt", 4, "卷一 閨房記樂", "卷四 浪遊記快", "浮生六記", "清.沈復（沈三白）"),
        # Big5-HKSCS: 簡介, a two-column 目錄 numbered differently (第001回), body headings indented.
        (
            "trad_sanguoyanyi_big5-hkscs_ch01-40.txt",
            40,
            "第一回 宴桃園豪傑三結義 斬黃巾英雄首立功",
            "第四十回 蔡夫人議獻荊州 諸葛亮火燒新野",
            "三國演義",
            "羅貫中",
        ),
        # EPUB 2 (toc.ncx) with an HTML contents page listed in the TOC.
        (
            "epub2_hongloumeng_sigil_ncx.epub",
            120,
            "第一回 甄士隐梦幻识通灵 贾雨村风尘怀闺秀",
            "第一百二十回 甄士隐详说太虚情 贾雨村归结红楼梦",
            "红楼梦",
            "曹雪芹，高鹗",
        ),
        # EPUB 3 whose TOC lists only the licence: headings found in the text (第八十九回's paragraph swallows
        # 第九十回's heading in the source, so 119 of 120).
        (
            "epub3_sanguo_gutenberg_zh-hant.epub",
            119,
            "第一回：宴桃園豪傑三結義，斬黃巾英雄首立功",
            "第一二○回：薦杜預老將獻新謀，降孫皓三分歸一統",
            "三國志演義",
            "Guanzhong Luo",
        ),
    ],
)
def test_books_give_their_chapters(
    realdocs: Path, name: str, count: int, first: str, last: str, title: str, author: str | None
) -> None:
    source = _import(realdocs, name)
    assert source.book is not None
    titles = [section.title for section in source.sections]
    assert (len(titles), titles[0], titles[-1]) == (count, first, last)
    assert (source.book.title, source.book.author) == (title, author)
    assert len(set(titles)) == len(titles)  # no table-of-contents entry became an empty chapter


@pytest.mark.parametrize(
    ("name", "reasons", "absent"),
    [
        ("novel_hongloumeng_gb18030_rain8_ch01-40.txt", {"site line", "site notice", "page marker", "rule"}, "rain8"),
        ("novel_xiaohong_utf8_txtsite.txt", {"site line", "watermark"}, "xiaoshuotxt"),
        ("trad_sanguoyanyi_big5-hkscs_ch01-40.txt", {"table of contents"}, "第001回"),
    ],
)
def test_site_lines_are_left_out_and_logged(realdocs: Path, name: str, reasons: set[str], absent: str) -> None:
    source = _import(realdocs, name)
    assert reasons <= {line.reason for line in source.dropped}
    assert absent not in source.text.lower()


@pytest.mark.parametrize(
    ("name", "cues", "translated", "first"),
    [
        # English lines first, Chinese second; cue 26 twice, the first run into cue 25; a credit line.
        ("sub_coursera_ml_en-zh_bilingual.srt", 86, 86, ("欢迎来到机器学习免费在线课程。机器学习是", "Welcome")),
        # '# ' before every Chinese line, a header of '#' lines, placeholder noise.
        ("sub_daoyueshe_zh-en_bilingual_hashlines.srt", 195, 195, ("孙俪", "Sun Li")),
        # Chinese only, cue settings, no cue ids (English terms inside Chinese lines stay Chinese).
        ("sub_freecodecamp_js_zh-only.vtt", 50, 0, ("这是为初学者准备的JavaScript教程，相信你会需要它", None)),
    ],
)
def test_subtitles_give_cues_and_translations(
    realdocs: Path, name: str, cues: int, translated: int, first: tuple[str, str | None]
) -> None:
    source = _import(realdocs, name)
    paragraphs = [b for b in source.sections[0].blocks if b.kind is BlockKind.PARAGRAPH]
    assert len(paragraphs) == cues
    assert sum(1 for b in paragraphs if b.translation_source == SUBTITLE_SOURCE) == translated
    assert paragraphs[0].text == first[0]
    assert (paragraphs[0].translation or "").startswith(first[1] or "")
    assert all(b.cue is not None for b in paragraphs)
    assert not any(b.text.startswith("#") for b in paragraphs)


def test_bilingual_subtitles_translate_every_cue(realdocs: Path) -> None:
    for name in ("sub_coursera_ml_en-zh_bilingual.srt", "sub_daoyueshe_zh-en_bilingual_hashlines.srt"):
        blocks = [b for b in _import(realdocs, name).sections[0].blocks if b.kind is BlockKind.PARAGRAPH]
        assert all(b.translation_source == SUBTITLE_SOURCE for b in blocks), name


def _recall_precision(found: str, truth: str) -> tuple[float, float]:
    expected = Counter(c for c in truth if not c.isspace())
    got = Counter(c for c in found if not c.isspace())
    common = sum((expected & got).values())
    return common / sum(expected.values()), common / max(1, sum(got.values()))


@pytest.mark.parametrize(
    ("name", "title", "recall", "precision"),
    [
        ("html_nmg_gov_utf8", "内蒙古延续部分到期税收优惠政策助企纾困预计4年为纳税人减负180亿元", 0.95, 0.95),
        ("html_sina_house_gb2312", "拿出10万元投资房产 小两口尝试以钱生钱(图)", 0.95, 0.95),
        # A blog's home page showing ten posts: the ground truth is its first post, and so is the main text.
        ("html_wenxuecity_blog_gb2312-declared_gbk_trad", None, 0.95, 0.95),
    ],
)
def test_web_page_main_text(realdocs: Path, name: str, title: str | None, recall: float, precision: float) -> None:
    source = _import(realdocs, f"{name}.html")
    truth = (realdocs / f"{name}.gt.txt").read_text(encoding="utf-8")
    got_recall, got_precision = _recall_precision(source.text, truth)
    assert got_recall >= recall and got_precision >= precision
    if title is not None:
        assert source.title == title


def test_taiwan_news_page_headline_author_date_and_body(realdocs: Path) -> None:
    # What the page's own repository asserts (twnews tests/soup/test_soup_cna.py), plus no furniture.
    source = _import(realdocs, "html_cna_taiwan_zh-hant.html")
    assert (source.title, source.author) == ("平鎮輪胎行惡火 疏散7人1女命喪", "邱俊欽")
    assert source.date is not None and source.date.startswith("2016/03/19 10:48")
    assert "桃園市平鎮區一家輪胎行" in source.text
    assert "訂閱" not in source.text and "隱私" not in source.text


def test_bench_web_pages_score_together(tmp_path: Path) -> None:
    # The twelve benchmark pages in the repository: over all their characters, recall ≥ 90 %, precision ≥ 95 %.
    totals = Counter[str]()
    for meta in sorted(WEB_PAGES.glob("*.json")):
        page = tmp_path / f"{meta.stem}.html"
        page.write_bytes(gzip.decompress(meta.with_suffix(".html.gz").read_bytes()))
        truth = json.loads(meta.read_text(encoding="utf-8"))["text"]
        found = import_path(page).text
        expected = Counter(c for c in truth if not c.isspace())
        got = Counter(c for c in found if not c.isspace())
        totals["truth"] += sum(expected.values())
        totals["found"] += sum(got.values())
        totals["common"] += sum((expected & got).values())
    assert totals["common"] >= 0.9 * totals["truth"]
    assert totals["common"] >= 0.95 * totals["found"]


@pytest.mark.parametrize(
    ("name", "runs"),
    [
        # CSRC's list (Excel → Acrobat): thin filled rulings, shaded rows, a category cell spanning many rows and
        # wrapping (农、林、牧、渔业 / (A)); pypdf ran each row's cells together on one line.
        (
            "pdf_csrc_listed_companies_by_industry_table_p1-2.pdf",
            [
                ["门类名称及代码", "行业大类代码", "行业大类名称", "上市公司代码", "上市公司简称"],
                ["农、林、牧、渔业(A)", "01", "农业", "000998", "隆平高科", "002041", "登海种业"],
                ["采矿业(B)", "06", "煤炭开采和洗选业", "000552", "靖远煤电"],
            ],
        ),
        # A browser print: the timeline table's cells (stroked borders, underlined links inside) were one run-on
        # paragraph that swallowed the next heading.
        (
            "pdf_wikipedia_rengongzhineng_browser-print.pdf",
            [["20世纪40年代", "20世纪50年代"], ["计算机", "1945电脑（ENIAC）", "1957 FORTRAN语言"], ["1965 DENDRAL"]],
        ),
    ],
)
def test_pdf_table_cells_are_blocks(name: str, runs: list[list[str]]) -> None:
    folder = OWN_REALDOCS if (OWN_REALDOCS / name).exists() else REALDOCS
    if not (folder / name).exists():
        pytest.skip(f"{name} is not available (../shared/realdocs is not next to the repository)")
    document = structure_source(_import(folder, name))
    blocks = [block for article in document.articles for block in article.blocks]
    texts = [block.text for block in blocks]
    for cells in runs:
        start = texts.index(cells[0])
        assert texts[start : start + len(cells)] == cells
        assert all(block.kind is BlockKind.PARAGRAPH for block in blocks[start : start + len(cells)])


def test_pdf_without_tables_keeps_pypdf_text(realdocs: Path) -> None:
    # The Beijing report has no ruled table: every page's text is exactly pypdf's, so its structure is unchanged.
    reader = PdfReader(realdocs / "pdf_beijing_gov_work_report_2024.pdf")
    assert all(table_page_text(*read_page(page)) is None for page in reader.pages)
