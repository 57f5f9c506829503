"""EPUB: every chapter of the book becomes one article, titled from the table of contents.

Why a chapter is an *article* and not a section of one book-sized article: reading position, progress and
translation work per article, and a chapter is what a learner reads in one sitting; a whole novel as one
article would be several megabytes in the reading view. The book's title is the source title (each article's
source), so the library can still group a book's chapters.

The chapters are the spine's documents in reading order (non-linear items such as pop-up footnotes are left
out, as is the EPUB 3 navigation document). A chapter's title is its table-of-contents label, else its first
heading. A spine document that holds only headings (a part title page: "第一部") is joined to the chapter after
it, and one with neither a label nor a leading heading (the second file of a chapter that a converter split) to
the chapter before it; documents without any Chinese character (cover, copyright page, an English colophon) are
left out.

Safety: :func:`reader.core.importers.safezip.open_archive` checks the archive before EbookLib reads it (zip-slip,
zip bombs, entity declarations), EbookLib reads from memory (never from a folder on disk) and parses XML
without resolving entities, and chapters are parsed by the HTML5 parser of :mod:`.html_page`.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote

import ebooklib
from defusedxml import ElementTree as SafeElementTree
from ebooklib import epub

from reader.core.chars import has_han
from reader.core.errors import InputError
from reader.core.model import BlockKind, BlockRole
from reader.core.textio import decode_markup

from .blocks import clean_title
from .html_page import extract_html
from .progress import ImportMonitor
from .safezip import ZIP_ERRORS, open_archive
from .source import FileInput, ImportedSource, SourceKind, SourceSection

_CONTENT_SUFFIXES = (".xhtml", ".html", ".htm", ".xml", ".xht")
_ENCRYPTION_NS = "{http://www.w3.org/2001/04/xmlenc#}"


def import_epub(file: FileInput, monitor: ImportMonitor) -> ImportedSource:
    """Read an EPUB book into one section per chapter; raise :class:`InputError` for damaged or hostile books."""
    archive = open_archive(file.data, name=file.name, what="EPUB book")
    _refuse_drm(archive, file.name)
    book = _read_book(file)
    monitor.advance(0.1)
    labels = _toc_labels(book.toc)
    sections: list[SourceSection] = []
    spine = [(idref, linear) for idref, linear in book.spine if str(linear).lower() != "no"]
    for index, (idref, _linear) in enumerate(spine):
        monitor.advance(0.1 + 0.9 * index / len(spine))
        section = _chapter(book.get_item_with_id(idref), labels, file.name)
        if section is not None:
            sections.append(section)
    sections = _merge_sections(sections)
    if not sections:
        raise InputError(f"{file.name} contains no chapter with Chinese text.")
    title = clean_title(_metadata_title(book)) or sections[0].title or file.stem
    return ImportedSource(title, SourceKind.EPUB, sections=sections)


def _read_book(file: FileInput) -> epub.EpubBook:
    """Let EbookLib read the book from memory, retrying with the NCX table of contents if the nav document fails."""
    last_error: Exception | None = None
    for options in ({"ignore_ncx": True}, {"ignore_ncx": False}):
        try:
            return epub.read_epub(io.BytesIO(file.data), options)
        except Exception as error:  # EbookLib raises KeyError, IndexError, lxml errors… on damaged books
            last_error = error
    raise InputError(f"{file.name} is not a valid EPUB book (the file is damaged or incomplete).") from last_error


def _refuse_drm(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a book whose text (not only its fonts) is encrypted: that is DRM, and the text is unreadable."""
    if "META-INF/encryption.xml" not in archive.namelist():
        return
    try:
        content = archive.read("META-INF/encryption.xml")
        root = SafeElementTree.fromstring(content)
    except (*ZIP_ERRORS, SafeElementTree.ParseError) as error:
        raise InputError(f"{name} is not a valid EPUB book (the file is damaged or incomplete).") from error
    for reference in root.iter(f"{_ENCRYPTION_NS}CipherReference"):
        if reference.get("URI", "").lower().endswith(_CONTENT_SUFFIXES):
            raise InputError(f"{name} is protected by DRM; Reader can only open DRM-free books.")


def _metadata_title(book: epub.EpubBook) -> str | None:
    titles = book.get_metadata("DC", "title")
    return titles[0][0] if titles and isinstance(titles[0][0], str) else None


def _document_key(href: str) -> str:
    """A chapter file's name as tables of contents and the manifest both spell it (no anchor, no escapes)."""
    return posixpath.normpath(unquote(href.split("#", 1)[0]))


def _toc_labels(toc: object) -> dict[str, str]:
    """Map every chapter file named in the table of contents to its first label (walked without recursion)."""
    labels: dict[str, str] = {}
    stack: list[object] = list(reversed(toc)) if isinstance(toc, list | tuple) else []
    while stack:
        entry = stack.pop()
        if isinstance(entry, tuple | list):
            stack.extend(reversed(entry))
            continue
        href, title = getattr(entry, "href", None), getattr(entry, "title", None)
        if isinstance(href, str) and href and isinstance(title, str) and title.strip():
            labels.setdefault(_document_key(href), title)
    return labels


def _chapter(item: object, labels: dict[str, str], name: str) -> SourceSection | None:
    """One spine document as a section, or ``None`` if it is not a chapter with Chinese text."""
    if not isinstance(item, epub.EpubItem) or isinstance(item, epub.EpubNav):
        return None
    if item.get_type() != ebooklib.ITEM_DOCUMENT:
        return None
    # The raw bytes: EbookLib's get_content() re-serialises chapters through a UTF-8-only HTML parser.
    content = item.content
    if not isinstance(content, bytes) or not content.strip():
        return None
    try:
        html = decode_markup(content, name=f"{name} ({item.get_name()})")
    except InputError:
        return None  # an undecodable chapter (binary junk in the manifest) is skipped, not fatal
    blocks = extract_html(html, name=name, page=False).blocks
    section = blocks.section(labels.get(_document_key(item.get_name())))
    if not any(has_han(block.text) for block in section.blocks):
        return None
    return section


def _merge_sections(sections: list[SourceSection]) -> list[SourceSection]:
    """Join part title pages to the chapter after them, and continuation files to the chapter before them.

    A section made only of headings is a part's title page. A section without a title (no table-of-contents
    label, no leading heading) continues the chapter before it: converters such as Calibre split long chapters
    into several files (``index_split_001.html``) and list only the first.
    """
    merged: list[SourceSection] = []
    pending: list[SourceSection] = []
    for section in sections:
        if all(block.kind is BlockKind.HEADING for block in section.blocks):
            pending.append(section)
            continue
        if section.title is None and merged and not pending:
            merged[-1].blocks.extend(section.blocks)
            continue
        for title_page in reversed(pending):
            for block in title_page.blocks:
                block.role = BlockRole.SUBHEADING
            section.blocks[0:0] = title_page.blocks
        if section.title is None and pending:
            section.title = pending[0].title
        pending = []
        merged.append(section)
    if pending and merged:
        for title_page in pending:
            merged[-1].blocks.extend(title_page.blocks)
    elif pending:
        merged.extend(pending)
    return merged
