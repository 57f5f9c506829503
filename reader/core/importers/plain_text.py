"""Plain text, from a file or pasted: decoded (see :mod:`reader.core.textio`) and left for text repair."""

from __future__ import annotations

from reader.core.errors import InputError
from reader.core.normalize import normalize_text
from reader.core.textio import MAX_TEXT_BYTES, decode_text, format_size

from .blocks import title_from_text
from .html_page import extract_html
from .progress import ImportMonitor
from .source import FileInput, ImportedSource, SourceKind
from .txt_book import drop_site_lines, read_txt_book

#: Title of pasted text that has no line to take a title from.
PASTED_TITLE = "Pasted text"


def import_text(file: FileInput, monitor: ImportMonitor) -> ImportedSource:
    """Decode a text file: a book (a txt novel) becomes its chapters, other text is left for repair.

    Site lines (download notices, watermarks) are left out either way and listed in ``dropped``. A book's
    chapters are repaired here (about half a second per megabyte); anything else is repaired later, titled by the
    file name.
    """
    text = normalize_text(decode_text(file.data, name=file.name))
    monitor.advance(0.2)
    chapters = monitor.step(0.2, 1.0)
    book = read_txt_book(text, file.stem, chapters.advance)
    monitor.advance(1.0)
    if book is not None and book.chapters:
        return ImportedSource(
            book.book.title, SourceKind.TEXT, sections=book.chapters, book=book.book, dropped=book.dropped
        )
    kept, dropped = drop_site_lines(text)
    if not kept.strip():
        return ImportedSource(file.stem, SourceKind.TEXT, raw_text=text)
    return ImportedSource(file.stem, SourceKind.TEXT, raw_text=kept, dropped=dropped)


def import_pasted_text(text: str, html: str | None = None) -> ImportedSource:
    """Import text from the clipboard; with ``html`` (the clipboard's HTML flavour) its paragraphs are used.

    Pasted HTML is used only if it holds Chinese text; otherwise, and without it, the plain text goes through
    repair like a txt file. Raises :class:`InputError` if the text is empty or larger than a text file may be.
    """
    if len(text) > MAX_TEXT_BYTES or len(text.encode("utf-8", errors="replace")) > MAX_TEXT_BYTES:
        raise InputError(f"The pasted text is larger than {format_size(MAX_TEXT_BYTES)}, Reader's limit.")
    if html and len(html) <= 4 * MAX_TEXT_BYTES:
        extracted = extract_html(html, name="The pasted text", page=False)
        if extracted.blocks.blocks:
            section = extracted.blocks.section(extracted.title)
            if any("\u4e00" <= char <= "\u9fff" for char in section.text):
                title = section.title or title_from_text(text) or PASTED_TITLE
                return ImportedSource(title, SourceKind.PASTED, sections=[section])
    if not text.replace("\ufeff", "").strip():
        raise InputError("The pasted text is empty.")
    book = read_txt_book(normalize_text(text), title_from_text(text) or PASTED_TITLE)
    if book is not None and book.chapters:
        # A pasted novel (copied from a txt or a site) is a book like the txt file would be.
        return ImportedSource(
            book.book.title, SourceKind.PASTED, sections=book.chapters, book=book.book, dropped=book.dropped
        )
    return ImportedSource(title_from_text(text) or PASTED_TITLE, SourceKind.PASTED, raw_text=text)
