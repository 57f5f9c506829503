"""EPUB books: chapters follow the table of contents (top-level entries), else the headings in the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.importers import import_path
from reader.core.model import BlockRole
from tests.core.importer_helpers import PARAGRAPHS, Chapter, EpubSpec, write_docx, write_epub, xhtml

pytestmark = pytest.mark.core


def nav(items: str) -> bytes:
    """An EPUB 3 navigation document whose table of contents is the ``<li>`` markup ``items``."""
    return xhtml(f'<nav epub:type="toc" id="toc"><h1>目录</h1><ol>{items}</ol></nav>', "目录").encode()


def test_title_page_and_content_file_are_one_chapter_titled_by_the_toc(tmp_path: Path) -> None:
    # A published EPUB 2 layout: each chapter is a title page plus a content file with its own subheading.
    spec = EpubSpec(
        ncx=False,
        chapters=[
            Chapter("t1.xhtml", None, "<h1>第一章</h1><h2>出发</h2>"),
            Chapter("c1.xhtml", None, f"<h3>一、早晨</h3><p>{PARAGRAPHS[0]}</p>"),
            Chapter("t2.xhtml", None, "<h1>第二章</h1><h2>公园</h2>"),
            Chapter("c2.xhtml", None, f"<h3>一、春天</h3><p>{PARAGRAPHS[4]}</p>"),
            Chapter("c3.xhtml", None, f"<p>{PARAGRAPHS[5]}</p>"),
        ],
        replace={
            "OEBPS/nav.xhtml": nav(
                '<li><a href="t1.xhtml">第一章 出发</a></li><li><a href="t2.xhtml">第二章 公园</a></li>'
            )
        },
    )
    source = import_path(write_epub(tmp_path / "b.epub", spec))
    assert [s.title for s in source.sections] == ["第一章 出发", "第二章 公园"]
    second = source.sections[1]
    assert [b.text for b in second.blocks] == ["第二章", "公园", "一、春天", PARAGRAPHS[4], PARAGRAPHS[5]]
    assert second.blocks[0].role is BlockRole.TITLE
    assert second.blocks[2].role is BlockRole.SUBHEADING  # the content file's heading is a subheading


def test_nested_entries_are_subheadings(tmp_path: Path) -> None:
    spec = EpubSpec(
        ncx=False,
        chapters=[
            Chapter("c1.xhtml", None, f"<h1>第一章</h1><p>{PARAGRAPHS[0]}</p>"),
            Chapter("c1a.xhtml", None, f"<p>{PARAGRAPHS[1]}</p>"),
            Chapter("c2.xhtml", None, f"<h1>第二章</h1><p>{PARAGRAPHS[2]}</p>"),
        ],
        replace={
            "OEBPS/nav.xhtml": nav(
                '<li><a href="c1.xhtml">第一章</a><ol><li><a href="c1a.xhtml">第一节 小镇</a></li></ol></li>'
                '<li><a href="c2.xhtml">第二章</a></li>'
            )
        },
    )
    source = import_path(write_epub(tmp_path / "b.epub", spec))
    assert [s.title for s in source.sections] == ["第一章", "第二章"]
    blocks = source.sections[0].blocks
    assert [(b.text, b.role) for b in blocks[1:3]] == [
        (PARAGRAPHS[0], BlockRole.BODY),
        ("第一节 小镇", BlockRole.SUBHEADING),  # the nested entry's label marks where its file starts
    ]


def test_book_title_wrapper_entry_is_not_a_chapter(tmp_path: Path) -> None:
    chapters = [Chapter(f"c{i}.xhtml", None, f"<h1>第{i}章</h1><p>{PARAGRAPHS[i]}</p>") for i in range(1, 4)]
    items = "".join(f'<li><a href="c{i}.xhtml">第{i}章</a></li>' for i in range(1, 4))
    spec = EpubSpec(
        ncx=False,
        chapters=chapters,
        replace={"OEBPS/nav.xhtml": nav(f'<li><a href="c1.xhtml">春天的故事</a><ol>{items}</ol></li>')},
    )
    assert [s.title for s in import_path(write_epub(tmp_path / "b.epub", spec)).sections] == ["第1章", "第2章", "第3章"]


def test_html_contents_page_is_left_out_and_logged(tmp_path: Path) -> None:
    contents = "".join(f'<p><a href="c{i}.xhtml">第{i}章</a></p>' for i in range(1, 4))
    chapters = [Chapter("toc.xhtml", "目录", f"<h1>目录</h1>{contents}")] + [
        Chapter(f"c{i}.xhtml", f"第{i}章", f"<h1>第{i}章</h1><p>{PARAGRAPHS[i]}</p>") for i in range(1, 4)
    ]
    source = import_path(write_epub(tmp_path / "b.epub", EpubSpec(chapters=chapters)))
    assert [s.title for s in source.sections] == ["第1章", "第2章", "第3章"]
    assert {line.reason for line in source.dropped} == {"table of contents"}


def test_useless_toc_falls_back_to_headings_in_the_text(tmp_path: Path) -> None:
    # Project Gutenberg's layout: the text split by size, headings as plain paragraphs, a licence in the TOC.
    body = "".join(f"<p>第{n}回：英雄{n}</p><p>{PARAGRAPHS[i]}</p>" for i, n in enumerate("一二三四"))
    spec = EpubSpec(
        ncx=False,
        chapters=[
            Chapter("p1.xhtml", None, "<h1>The Project Gutenberg eBook of 三國志演義</h1>" + body[: len(body) // 2]),
            Chapter("p2.xhtml", None, body[len(body) // 2 :] + "<p>End of the Project Gutenberg eBook</p>"),
            Chapter(
                "lic.xhtml",
                None,
                "<h2>THE FULL PROJECT GUTENBERG LICENSE</h2><p>Project Gutenberg is a registered trademark.</p>",
            ),
        ],
        replace={"OEBPS/nav.xhtml": nav('<li><a href="lic.xhtml">THE FULL PROJECT GUTENBERG LICENSE</a></li>')},
    )
    source = import_path(write_epub(tmp_path / "b.epub", spec))
    assert [s.title for s in source.sections] == [
        "第一回：英雄一",
        "第二回：英雄二",
        "第三回：英雄三",
        "第四回：英雄四",
    ]
    assert source.book is not None
    assert source.book.front_matter[0].text == "The Project Gutenberg eBook of 三國志演義"
    assert "End of the Project Gutenberg eBook" in [line.text for line in source.dropped]


def test_book_metadata_comes_from_the_opf(tmp_path: Path) -> None:
    spec = EpubSpec(title="红楼梦", chapters=[Chapter("c.xhtml", "第一回", f"<p>{PARAGRAPHS[0]}</p>")])
    source = import_path(write_epub(tmp_path / "b.epub", spec))
    assert source.book is not None
    assert (source.title, source.book.title) == ("红楼梦", "红楼梦")


def test_text_limit_applies_to_the_books_text_not_its_file_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A hundred chapters of a megabyte each compress to a small file; the text limit still stops the import.
    monkeypatch.setattr("reader.core.importers.epub_book.MAX_TEXT_BYTES", 3000)
    chapters = [Chapter(f"c{i}.xhtml", f"第{i}章", f"<p>{PARAGRAPHS[0] * 3}</p>") for i in range(10)]
    with pytest.raises(InputError, match="of text, Reader's limit"):
        import_path(write_epub(tmp_path / "b.epub", EpubSpec(chapters=chapters)))


def test_text_limit_applies_to_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A Word file is read up to 100 MB (pictures are big); its text still has the text limit.
    monkeypatch.setattr("reader.core.importers.MAX_TEXT_BYTES", 200)
    with pytest.raises(InputError, match=r"d.docx holds more than 200 bytes of text"):
        import_path(write_docx(tmp_path / "d.docx"))
