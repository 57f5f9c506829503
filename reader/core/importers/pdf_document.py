"""PDF: the text layer of every page (pypdf), cleaned of page furniture, then the same repair as a txt file.

Text from Chinese PDFs carries Kangxi radicals and compatibility ideographs in place of ordinary characters
(``⾛`` for 走) and typesetting spaces; :func:`reader.core.normalize.normalize_text` and text repair deal with
those. What only a PDF has is handled here:

* **page numbers**: an edge line (the first or last two lines of a page) that is only a page number: ``12``,
  ``- 12 -``, ``第 12 页``, ``12 / 30``, ``Page 12``. A bare number counts only if the numbers of several pages
  agree with their page order (``number = page index + offset``), so a year at the end of a one-page letter stays;
* **running headers and footers**: an edge line that recurs, digits aside, at an edge of at least
  :data:`RUNNING_SHARE` of the pages (and at least three, or both of two), is short and does not end a sentence;
* **lines printed twice at a page break**: some writers (Qt's ``QTextDocument.print_``) put the line that starts
  the next page, clipped, at the foot of the page before; pypdf ignores clipping, so the line comes out twice.

* **tables**: each cell of a ruled table is one block (see :mod:`.pdf_tables`); a table cell is never page furniture.

A PDF whose pages yield (almost) no text is a scan: it gets the "no text layer; OCR is not supported" message.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from reader.core.errors import InputError
from reader.core.normalize import normalize_text
from reader.core.repair import CELL_MARK, ends_sentence

from .blocks import clean_title
from .pdf_tables import PageItems, columns_of, join_across_pages, page_items, read_page, render
from .progress import ImportMonitor
from .source import FileInput, ImportedSource, SourceKind

logger = logging.getLogger(__name__)

#: How many non-blank lines at the top and at the bottom of a page may be headers, footers or page numbers.
EDGE_LINES = 2
#: A line recurring at a page edge on at least this share of the pages is a running header or footer.
RUNNING_SHARE = 0.4
#: Running headers and footers are at most this long.
MAX_RUNNING_CHARS = 50
#: Fewer letters and characters than this per page means the PDF is scanned images.
MIN_TEXT_CHARS_PER_PAGE = 2
#: A line repeated across a page break is dropped once only if it is at least this long.
MIN_REPEATED_LINE_CHARS = 8

_MARKED_PAGE_NUMBER = re.compile(
    r"^(?:[-–—·•]\s*\d{1,4}\s*[-–—·•]"
    r"|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_DIGITS = re.compile(r"\d+")
_JUNK_TITLE = re.compile(r"^(microsoft word|untitled|无标题)|\.(docx?|pdf|txt|indd|wps)$", re.IGNORECASE)


def import_pdf(file: FileInput, monitor: ImportMonitor) -> ImportedSource:
    """Read the text layer of a PDF; raise :class:`InputError` for a damaged, locked or scanned PDF."""
    reader = _open(file)
    try:
        page_count = len(reader.pages)
    except Exception as error:  # pypdf raises many kinds of errors on damaged files
        raise _damaged(file.name) from error
    pages, failed = _read_pages(reader, page_count, file.name, monitor)
    if page_count == 0 or failed == page_count:
        raise _damaged(file.name)
    lines = [line for page in strip_page_furniture(pages) for line in page]
    text = "\n".join(lines)
    if sum(1 for char in text if char.isalnum()) < MIN_TEXT_CHARS_PER_PAGE * page_count:
        raise InputError(f"{file.name} has no text layer (it is probably scanned); OCR is not supported.")
    monitor.advance(1.0)
    return ImportedSource(_title(reader, file), SourceKind.PDF, raw_text=text)


def _read_pages(reader: PdfReader, page_count: int, name: str, monitor: ImportMonitor) -> tuple[list[list[str]], int]:
    """The non-blank, stripped lines of every page (table cells one per line), and how many pages failed."""
    texts: list[str | PageItems] = []
    failed = 0
    columns: set[float] | None = None  # of a table that ended the page before
    for index in range(page_count):
        monitor.advance(index / max(page_count, 1))
        try:
            runs, rules = read_page(reader.pages[index])
        except Exception:  # one broken page must not lose the others
            logger.warning("%s: page %d has no readable text layer", name, index + 1, exc_info=True)
            runs, rules, failed = [], [], failed + 1
        items = page_items(runs, rules, columns=columns)
        if items is not None and texts and not isinstance(texts[-1], str):
            join_across_pages(texts[-1], items)
        columns = None if items is None else columns_of(items)
        # The visitor sees every piece pypdf's text is made of, in order: joined, they are pypdf's text.
        texts.append("".join(run.text for run in runs) if items is None else items)
    pages = [
        [line.strip() for line in normalize_text(text if isinstance(text, str) else render(text)).split("\n")]
        for text in texts
    ]
    pages = [[line for line in page if line] for page in pages]
    return pages, failed


def _open(file: FileInput) -> PdfReader:
    """Open the PDF, unlocking it if it has only an owner password (a common "no copying" restriction)."""
    try:
        reader = PdfReader(io.BytesIO(file.data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{file.name} is password-protected; Reader cannot open it.")
        return reader
    except InputError:
        raise
    except (FileNotDecryptedError, DependencyError) as error:
        raise InputError(f"{file.name} is encrypted in a way Reader cannot read.") from error
    except Exception as error:  # pypdf raises many kinds of errors on damaged files
        raise _damaged(file.name) from error


def _damaged(name: str) -> InputError:
    return InputError(f"{name} is not a valid PDF document (the file is damaged or incomplete).")


def _title(reader: PdfReader, file: FileInput) -> str:
    """The document title from the PDF's properties, unless it is empty or a leftover file name."""
    try:
        metadata = reader.metadata
        raw = metadata.title if metadata is not None else None
    except Exception:  # damaged metadata is no reason to refuse the text
        raw = None
    title = clean_title(normalize_text(raw)) if isinstance(raw, str) else None
    if title and not _JUNK_TITLE.search(title):
        return title
    return file.stem


def strip_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Return the pages' lines without page numbers, running headers and footers, and lines printed twice.

    ``pages`` holds the non-blank, stripped lines of every page; the result has the same shape. Page numbers go
    first (they sit below a line printed twice), then lines printed twice (else they would count as recurring).
    """
    pages = _without(pages, _mark_page_numbers(pages))
    for index in range(len(pages) - 1):
        page, following = pages[index], pages[index + 1]
        if page and following and page[-1] == following[0] and len(page[-1]) >= MIN_REPEATED_LINE_CHARS:
            page.pop()
    return _without(pages, _mark_running_lines(pages))


def _without(pages: list[list[str]], drop: list[set[int]]) -> list[list[str]]:
    """The pages without the lines whose indexes ``drop`` lists for each page."""
    return [
        [line for index, line in enumerate(page) if index not in gone] for page, gone in zip(pages, drop, strict=True)
    ]


def _edge_indexes(page: list[str]) -> list[int]:
    """Indexes of the lines that may be headers or footers: the first and last :data:`EDGE_LINES` lines."""
    edges = set(range(min(EDGE_LINES, len(page)))) | set(range(max(0, len(page) - EDGE_LINES), len(page)))
    # A table cell is never page furniture, even a header row repeated at the top of every page.
    return sorted(index for index in edges if not page[index].startswith(CELL_MARK))


def _mark_page_numbers(pages: list[list[str]]) -> list[set[int]]:
    """The indexes of the edge lines of every page that are page numbers."""
    drop: list[set[int]] = [set() for _ in pages]
    bare: list[tuple[int, int, int]] = []  # (page index, line index, offset of its number from the page index)
    for page_index, page in enumerate(pages):
        for line_index in _edge_indexes(page):
            line = page[line_index]
            if _MARKED_PAGE_NUMBER.match(line):
                drop[page_index].add(line_index)
            elif _BARE_NUMBER.match(line):
                bare.append((page_index, line_index, int(line) - page_index))
    if not bare:
        return drop
    offset, count = Counter(offset for _, _, offset in bare).most_common(1)[0]
    if count < 2 and not (len(pages) == 1 and offset == 1):
        return drop
    for page_index, line_index, line_offset in bare:
        if line_offset == offset:
            drop[page_index].add(line_index)
    return drop


def _shape(line: str) -> str:
    """A line with its numbers and spaces taken out, so that ``第3版`` and ``第4版`` look alike."""
    return _DIGITS.sub("#", line).replace(" ", "")


def _mark_running_lines(pages: list[list[str]]) -> list[set[int]]:
    """The indexes of the edge lines of every page that recur at the edges of many pages (headers, footers)."""
    drop: list[set[int]] = [set() for _ in pages]
    if len(pages) < 2:
        return drop
    pages_with: Counter[str] = Counter()
    for page in pages:
        shapes = {_shape(page[index]) for index in _edge_indexes(page)}
        pages_with.update(shapes)
    needed = max(2.0 if len(pages) == 2 else 3.0, RUNNING_SHARE * len(pages))
    for page_index, page in enumerate(pages):
        for line_index in _edge_indexes(page):
            line = page[line_index]
            if len(line) > MAX_RUNNING_CHARS or ends_sentence(line):
                continue
            if pages_with[_shape(line)] >= needed:
                drop[page_index].add(line_index)
    return drop
