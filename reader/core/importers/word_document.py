"""DOCX (Word 2007 and later, also WPS): paragraphs and tables in reading order, heading styles as headings.

python-docx parses the XML without resolving entities; :func:`.safezip.open_archive` refuses zip bombs, unsafe
member names and entity declarations first. A soft line break (Shift+Enter) after a sentence or a short line
ends a paragraph of ours (Word users break poems and addresses that way); in the middle of a long sentence it is
a hard wrap and is joined, as for ``<br>`` in HTML. Inside a heading it is a space.
"""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from reader.core.errors import InputError

from .blocks import BlockList, clean_title
from .progress import ImportMonitor
from .safezip import open_archive
from .source import FileInput, ImportedSource, SourceKind

#: Style names (lower case) and style ids that make a paragraph a heading; Chinese Word names them 标题.
_HEADING_PREFIXES = ("heading", "title", "subtitle", "标题", "副标题")
#: A custom style based on a heading style is a heading too; follow the chain this far.
_MAX_STYLE_DEPTH = 5


def import_docx(file: FileInput, monitor: ImportMonitor) -> ImportedSource:
    """Read a Word document into one section; raise :class:`InputError` for a damaged or hostile file."""
    open_archive(file.data, name=file.name, what="Word document")
    try:
        document = docx.Document(io.BytesIO(file.data))
        items = list(document.iter_inner_content())
        blocks = BlockList()
        for index, item in enumerate(items):
            if index % 200 == 0:
                monitor.advance(index / len(items))
            if isinstance(item, Paragraph):
                _add_paragraph(blocks, item)
            elif isinstance(item, Table):
                _add_table(blocks, item)
        core_title = document.core_properties.title
    except InputError:
        raise
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors… on damaged files
        raise InputError(f"{file.name} is not a valid Word document (the file is damaged or incomplete).") from error
    if not blocks.blocks:
        raise InputError(f"{file.name} contains no text.")
    section = blocks.section(clean_title(core_title))
    return ImportedSource(section.title or file.stem, SourceKind.DOCX, sections=[section])


def _is_heading(paragraph: Paragraph) -> bool:
    style: Any = paragraph.style
    for _ in range(_MAX_STYLE_DEPTH):
        if style is None:
            return False
        name = (style.name or "").lower()
        style_id = (style.style_id or "").lower()
        if name.startswith(_HEADING_PREFIXES) or style_id.startswith(_HEADING_PREFIXES):
            return True
        style = style.base_style
    return False


def _add_paragraph(blocks: BlockList, paragraph: Paragraph) -> None:
    text = paragraph.text
    if not text.strip():
        return
    if _is_heading(paragraph):
        blocks.add(text.replace("\n", " "), heading=True)
    else:
        blocks.add_lines(text)


def _add_table(blocks: BlockList, table: Table) -> None:
    """Add the paragraphs of every cell, row by row; a merged cell (repeated by python-docx) only once."""
    seen: set[int] = set()
    alive: list[object] = []  # lxml reuses the ids of freed element proxies: keep them alive while comparing
    for row in table.rows:
        for cell in row.cells:
            element = cell._tc
            if id(element) in seen:
                continue
            seen.add(id(element))
            alive.append(element)
            for paragraph in cell.paragraphs:
                _add_paragraph(blocks, paragraph)
