"""Plain text, from a file or pasted: decoded (see :mod:`reader.core.textio`) and left for text repair."""

from __future__ import annotations

from reader.core.errors import InputError
from reader.core.textio import MAX_TEXT_BYTES, decode_text, format_size

from .blocks import title_from_text
from .html_page import extract_html
from .progress import ImportMonitor
from .source import FileInput, ImportedSource, SourceKind

#: Title of pasted text that has no line to take a title from.
PASTED_TITLE = "Pasted text"


def import_text(file: FileInput, monitor: ImportMonitor) -> ImportedSource:
    """Decode a text file; its name is its title, repair finds its headings and paragraphs later."""
    text = decode_text(file.data, name=file.name)
    monitor.advance(1.0)
    return ImportedSource(file.stem, SourceKind.TEXT, raw_text=text)


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
    return ImportedSource(title_from_text(text) or PASTED_TITLE, SourceKind.PASTED, raw_text=text)
