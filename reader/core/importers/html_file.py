"""HTML files saved from the web: the page's main text (navigation, scripts and styles dropped) in one section."""

from __future__ import annotations

from reader.core.errors import InputError
from reader.core.textio import decode_markup

from .html_page import extract_html
from .progress import ImportMonitor
from .source import FileInput, ImportedSource, SourceKind


def import_html(file: FileInput, monitor: ImportMonitor) -> ImportedSource:
    """Read a web page's main text; its ``<title>`` (without the site name) or first heading is the title."""
    html = decode_markup(file.data, name=file.name)
    monitor.advance(0.2)
    extracted = extract_html(html, name=file.name, page=True)
    if not extracted.blocks.blocks:
        raise InputError(f"{file.name} contains no readable text.")
    section = extracted.blocks.section(extracted.title)
    return ImportedSource(
        section.title or file.stem,
        SourceKind.HTML,
        sections=[section],
        author=extracted.author,
        date=extracted.date,
    )
