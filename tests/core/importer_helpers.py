"""Build small real files of every importable format (EPUB, DOCX, PDF, HTML…) with Chinese text, for the tests."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

#: Real paragraphs (from the bundled sample article and everyday Chinese), long enough to wrap in a PDF.
PARAGRAPHS = [
    "工业互联网是数字化时代工业体系和互联网体系深度融合的产物。习近平总书记指出，要深入实施工业互联网创新发展战略，"
    "加快形成以创新为主要引领和支撑的数字经济。",
    "随着数字经济加速发展，工业互联网已应用于45个国民经济大类，产业规模超万亿元，展现出巨大的发展潜力。",
    "立足新发展阶段，要把握新一轮科技革命和产业变革新机遇，大力推进工业化与信息化深度融合，带动全要素生产率提高。",
    "今天天气很好，我们一起去公园散步吧。走在大路上，看见一只小鸟在树上唱歌，大家都很高兴。",
    "春天来了，小草从地下探出头来，花儿也开了。孩子们在草地上放风筝，老人们坐在长椅上聊天。",
    "他每天早上六点起床，先跑步半小时，然后吃早饭，再坐地铁去上班。晚上回家以后，他喜欢看书学习中文。",
]


@dataclass
class Chapter:
    """One EPUB chapter: a file name, a table-of-contents label and an XHTML body."""

    file: str
    label: str | None
    body: str
    linear: bool = True


def xhtml(body: str, title: str = "") -> str:
    """A complete XHTML document around ``body``."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        f"<head><title>{escape(title)}</title></head><body>{body}</body></html>"
    )


@dataclass
class EpubSpec:
    """What :func:`write_epub` puts in a book; override members to build damaged or hostile books."""

    title: str = "春天的故事"
    chapters: list[Chapter] = field(default_factory=list)
    nav: bool = True
    ncx: bool = True
    extra: dict[str, bytes] = field(default_factory=dict)
    replace: dict[str, bytes] = field(default_factory=dict)


def epub_members(spec: EpubSpec) -> dict[str, bytes]:
    """The members of an EPUB 3 book (with an EPUB 2 NCX too), by name."""
    manifest, spine, nav_items, ncx_points = [], [], [], []
    members: dict[str, bytes] = {}
    for index, chapter in enumerate(spec.chapters):
        item_id = f"c{index}"
        manifest.append(f'<item id="{item_id}" href="{chapter.file}" media-type="application/xhtml+xml"/>')
        linear = "" if chapter.linear else ' linear="no"'
        spine.append(f'<itemref idref="{item_id}"{linear}/>')
        members[f"OEBPS/{chapter.file}"] = xhtml(chapter.body, chapter.label or "").encode("utf-8")
        if chapter.label:
            nav_items.append(f'<li><a href="{chapter.file}">{escape(chapter.label)}</a></li>')
            ncx_points.append(
                f'<navPoint id="n{index}" playOrder="{index + 1}"><navLabel><text>{escape(chapter.label)}</text>'
                f'</navLabel><content src="{chapter.file}"/></navPoint>'
            )
    if spec.nav:
        manifest.append('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>')
        nav = f'<nav epub:type="toc" id="toc"><h1>目录</h1><ol>{"".join(nav_items)}</ol></nav>'
        members["OEBPS/nav.xhtml"] = xhtml(nav, "目录").encode("utf-8")
    toc_attr = ""
    if spec.ncx:
        manifest.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
        toc_attr = ' toc="ncx"'
        members["OEBPS/toc.ncx"] = (
            '<?xml version="1.0" encoding="utf-8"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
            f"<head/><docTitle><text>{escape(spec.title)}</text></docTitle><navMap>{''.join(ncx_points)}</navMap></ncx>"
        ).encode()
    members["OEBPS/content.opf"] = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:identifier id="id">test-book</dc:identifier><dc:title>{escape(spec.title)}</dc:title>'
        "<dc:language>zh</dc:language></metadata>"
        f"<manifest>{''.join(manifest)}</manifest><spine{toc_attr}>{''.join(spine)}</spine></package>"
    ).encode()
    members["META-INF/container.xml"] = (
        b'<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        b'<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
        b"</rootfiles></container>"
    )
    members.update(spec.extra)
    members.update(spec.replace)
    return members


def write_zip(path: Path, members: dict[str, bytes], *, first: tuple[str, bytes] | None = None) -> Path:
    """Write a ZIP archive (``first`` stored uncompressed in front, as EPUB's ``mimetype`` must be)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if first is not None:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def write_epub(path: Path, spec: EpubSpec) -> Path:
    """Write the book ``spec`` describes to ``path``."""
    return write_zip(path, epub_members(spec), first=("mimetype", b"application/epub+zip"))


def simple_epub(path: Path, chapters: int = 3) -> Path:
    """A book of ``chapters`` chapters, two paragraphs each."""
    spec = EpubSpec(
        chapters=[
            Chapter(
                f"ch{index + 1}.xhtml",
                f"第{index + 1}章",
                f"<h1>第{index + 1}章</h1><p>{PARAGRAPHS[index % 6]}</p><p>{PARAGRAPHS[(index + 1) % 6]}</p>",
            )
            for index in range(chapters)
        ]
    )
    return write_epub(path, spec)


def write_docx(path: Path, *, title: str | None = "学习中文") -> Path:
    """A Word document: a title, a heading, paragraphs (one with a soft line break) and a table."""
    import docx

    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    document.add_heading("春天来了", level=1)
    document.add_paragraph(PARAGRAPHS[4])
    document.add_heading("每天的生活", level=2)
    paragraph = document.add_paragraph(PARAGRAPHS[5][:20])
    paragraph.add_run().add_break()
    paragraph.add_run(PARAGRAPHS[5][20:])
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "早上"
    table.cell(0, 1).text = "跑步"
    table.cell(1, 0).text = "晚上"
    table.cell(1, 1).text = "看书"
    document.add_paragraph(PARAGRAPHS[3])
    document.save(str(path))
    return path


#: A txt novel as download sites ship it: title, author, a site notice (line 3), a rule (line 4), three chapters and
#: an end-of-chapter mark. The import leaves the notice, the rule and the mark out.
SITE_NOVEL = "\n".join(
    [
        "《示例小说》",
        "作者：张三",
        "本书由某某小说网收集整理，更多小说请访问 www.example-novel.com",
        "==========",
        "第一章 出发",
        *PARAGRAPHS[:3],
        "第二章 到达",
        *PARAGRAPHS[3:5],
        "（本章完）",
        "第三章 回家",
        PARAGRAPHS[5],
    ]
)

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">\n' for n in range(1, 10)
    )
    + "]>\n"
)


def has_chinese_font() -> bool:
    """True if Qt finds a font that can draw simplified Chinese (needs a QGuiApplication)."""
    from PySide6.QtGui import QFontDatabase

    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def write_pdf_with_qt(path: Path, html: str) -> Path:
    """Render ``html`` to an A6 PDF with ``QPdfWriter`` and ``QTextDocument.print_`` (page numbers at the foot)."""
    from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))
    document = QTextDocument()
    document.setDefaultFont(QFont("Noto Serif CJK SC", 10))
    document.setHtml(html)
    document.print_(writer)
    return path


def write_pdf_pages_with_qt(path: Path, pages: list[list[str]], *, header: str | None = None) -> Path:
    """Paint every page's lines with ``QPainter``, with a running header and a page number at the foot."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    writer.setResolution(72)
    painter = QPainter(writer)
    painter.setFont(QFont("Noto Serif CJK SC", 10))
    for number, lines in enumerate(pages, start=1):
        if number > 1:
            writer.newPage()
        if header is not None:
            painter.drawText(QPointF(40, 30), header)
        for index, line in enumerate(lines):
            painter.drawText(QPointF(40, 60 + 16 * index), line)
        painter.drawText(QPointF(200, 560), str(number))
    painter.end()
    return path


def write_blank_pdf_with_qt(path: Path, pages: int = 2) -> Path:
    """A PDF of pages holding only drawn shapes: what a scan looks like to a text extractor."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))
    painter = QPainter(writer)
    for number in range(pages):
        if number:
            writer.newPage()
        painter.fillRect(QRectF(100, 100, 2000, 1500), QColor("gray"))
    painter.end()
    return path
