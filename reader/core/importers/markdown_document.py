"""Markdown: rendered to HTML by Python-Markdown, then read like an EPUB chapter (headings stay headings).

Front matter (a ``---`` block at the top) is not text; its ``title:`` is the document title. Raw HTML inside
Markdown passes through the renderer and is then read by the same extractor as web pages, so scripts and styles
are dropped and never run.
"""

from __future__ import annotations

import re

import markdown

from reader.core.errors import InputError
from reader.core.textio import decode_text

from .blocks import clean_title
from .html_page import extract_html
from .progress import ImportMonitor
from .source import FileInput, ImportedSource, SourceKind

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title\s*:\s*(.+?)\s*$", re.MULTILINE)
#: Python-Markdown extensions: tables, fenced code, footnotes, definition lists, abbreviations, attribute lists.
_EXTENSIONS = ["extra", "sane_lists"]


def import_markdown(file: FileInput, monitor: ImportMonitor) -> ImportedSource:
    """Read a Markdown file into one section of headings and paragraphs."""
    text = decode_text(file.data, name=file.name)
    front_title, body = split_front_matter(text)
    monitor.advance(0.1)
    try:
        html = markdown.markdown(body, extensions=_EXTENSIONS)
    except Exception as error:  # RecursionError on absurd nesting, or a bug in an extension on odd input
        raise InputError(f"{file.name} could not be read as Markdown.") from error
    monitor.advance(0.7)
    extracted = extract_html(html, name=file.name, page=False)
    if not extracted.blocks.blocks:
        raise InputError(f"{file.name} contains no text.")
    section = extracted.blocks.section(front_title)
    return ImportedSource(section.title or file.stem, SourceKind.MARKDOWN, sections=[section])


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Return the front matter's title (or ``None``) and the Markdown after the front matter."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, text
    title = _FRONT_TITLE.search(match.group(1))
    value = title.group(1).strip("\"'") if title else None
    return clean_title(value), text[match.end() :]
