"""EPUB: every chapter of the book becomes one article, titled exactly as the table of contents titles it.

Why a chapter is an *article* and not a section of one book-sized article: reading position, progress and
translation work per article, and a chapter is what a learner reads in one sitting; a whole novel as one
article would be several megabytes in the reading view. The book's title and author come from the OPF metadata.

The table of contents (``nav.xhtml`` in EPUB 3, ``toc.ncx`` in EPUB 2, as EbookLib reads them) decides:

* one article per **top-level entry**, in spine order; every spine document up to the next top-level entry
  belongs to it (a chapter's title page and its content files, the halves of a chapter a converter split);
* a document that a **nested entry** points to starts a subheading inside the article;
* several top-level entries in one file split it where a block repeats the next entry's title;
* a top-level entry of headings only (a part's title page, "第一部") joins the chapter after it as its ``part``;
* documents without Chinese text (cover, image pages, an English colophon), non-linear items and the EPUB 3
  navigation document are left out, and an HTML table of contents (``目录``) is left out and logged.

A table of contents that is missing or useless (Project Gutenberg's lists only its licence, at the end) is
replaced by chapter headings found in the text (``第一回：…``), as for a txt book (:mod:`.txt_book`); failing
both, every document is a section. The text limit (:data:`~reader.core.textio.MAX_TEXT_BYTES`) applies to the
book's text, so a book of a hundred one-megabyte chapters is refused as it is read.

Safety: :func:`reader.core.importers.safezip.open_archive` checks the archive before EbookLib reads it (zip-slip,
zip bombs, entity declarations), EbookLib reads from memory (never from a folder on disk) and parses XML
without resolving entities, and chapters are parsed by the HTML5 parser of :mod:`.html_page`.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote

import ebooklib
from defusedxml import ElementTree as SafeElementTree
from ebooklib import epub

from reader.core.chars import has_han
from reader.core.errors import InputError
from reader.core.model import BlockKind, BlockRole
from reader.core.textio import MAX_TEXT_BYTES, decode_markup, format_size

from .blocks import clean_heading_text, clean_title
from .html_page import extract_html
from .progress import ImportMonitor
from .safezip import ZIP_ERRORS, open_archive
from .source import BookInfo, DroppedLine, FileInput, ImportedSource, SourceBlock, SourceKind, SourceSection
from .txt_book import MIN_CHAPTERS, split_blocks

_CONTENT_SUFFIXES = (".xhtml", ".html", ".htm", ".xml", ".xht")
#: A document before the first chapter with at most this many characters is front matter (title page, copyright).
MAX_FRONT_MATTER_CHARS = 600
#: A table of contents is useful only if at most this share of the text comes before its first chapter.
USEFUL_TOC_SHARE = 0.1
_CONTENTS_TITLE = re.compile(r"^(?:目\s*[录錄次]|contents|table of contents)$", re.IGNORECASE)
_ENCRYPTION_NS = "{http://www.w3.org/2001/04/xmlenc#}"


def import_epub(file: FileInput, monitor: ImportMonitor) -> ImportedSource:
    """Read an EPUB book into one section per chapter; raise :class:`InputError` for damaged or hostile books."""
    archive = open_archive(file.data, name=file.name, what="EPUB book")
    _refuse_drm(archive, file.name)
    book = _read_book(file)
    monitor.advance(0.1)
    documents = _spine_documents(book, file.name, monitor)
    if not documents:
        raise InputError(f"{file.name} contains no chapter with Chinese text.")
    dropped: list[DroppedLine] = []
    front: list[SourceBlock] = []
    sections, useful = _chapters_from_toc(documents, _toc_entries(book.toc), front, dropped)
    if not useful or len(sections) < MIN_CHAPTERS:
        # The table of contents is missing or useless (Gutenberg's lists only its licence): find the headings.
        found = _chapters_from_headings(documents)
        if found is not None and (not useful or len(found[1]) > len(sections)):
            front, sections, log = found
            dropped = [line for line in dropped if line.reason != "table of contents"] + log
    if not sections:
        sections = _merge_sections([_document_section(document, None) for document in documents])
    title = clean_title(_metadata(book, "title")) or sections[0].title or file.stem
    info = BookInfo(title, clean_title(_metadata(book, "creator")), None, front)
    return ImportedSource(title, SourceKind.EPUB, sections=sections, book=info, dropped=dropped)


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


def _metadata(book: epub.EpubBook, name: str) -> str | None:
    """The first Dublin Core ``name`` (title, creator) of the OPF metadata, if it is text."""
    values = book.get_metadata("DC", name)
    return values[0][0] if values and isinstance(values[0][0], str) else None


def _document_key(href: str) -> str:
    """A chapter file's name as tables of contents and the manifest both spell it (no anchor, no escapes)."""
    return posixpath.normpath(unquote(href.split("#", 1)[0]))


@dataclass(slots=True)
class _Document:
    """One spine document with Chinese text: its file name as tables of contents spell it, and its blocks."""

    key: str
    blocks: list[SourceBlock]


@dataclass(frozen=True, slots=True)
class _Entry:
    """One table-of-contents entry: its label, the file it points to, and how deep it is nested."""

    title: str
    key: str
    depth: int


def _spine_documents(book: epub.EpubBook, name: str, monitor: ImportMonitor) -> list[_Document]:
    """The spine's documents that hold Chinese text, in reading order; refuse a book over the text limit.

    The limit is on the text, not the file: a book of many one-megabyte chapters is refused as soon as its text
    passes :data:`~reader.core.textio.MAX_TEXT_BYTES`, before the rest is read.
    """
    spine = [idref for idref, linear in book.spine if str(linear).lower() != "no"]
    documents: list[_Document] = []
    size = 0
    for index, idref in enumerate(spine):
        monitor.advance(0.1 + 0.9 * index / len(spine))
        item = book.get_item_with_id(idref)
        blocks = _document_blocks(item, name)
        if not blocks:
            continue
        size += sum(len(block.text.encode("utf-8")) for block in blocks)
        if size > MAX_TEXT_BYTES:
            raise InputError(
                f"{name} holds more than {format_size(MAX_TEXT_BYTES)} of text, Reader's limit for one file; "
                "split the book and import the parts."
            )
        documents.append(_Document(_document_key(item.get_name()), blocks))
    return documents


def _document_blocks(item: object, name: str) -> list[SourceBlock]:
    """The blocks of one spine document, or none if it is not a text document with Chinese text."""
    if not isinstance(item, epub.EpubItem) or isinstance(item, epub.EpubNav):
        return []
    if item.get_type() != ebooklib.ITEM_DOCUMENT:
        return []
    # The raw bytes: EbookLib's get_content() re-serialises chapters through a UTF-8-only HTML parser.
    content = item.content
    if not isinstance(content, bytes) or not content.strip():
        return []
    try:
        html = decode_markup(content, name=f"{name} ({item.get_name()})")
    except InputError:
        return []  # an undecodable chapter (binary junk in the manifest) is skipped, not fatal
    blocks = extract_html(html, name=name, page=False).blocks.blocks
    return blocks if any(has_han(block.text) for block in blocks) else []


def _document_section(document: _Document, title: str | None) -> SourceSection:
    """One document as a section: a leading heading is its title block (``title`` wins over its text)."""
    blocks = list(document.blocks)
    if blocks and blocks[0].kind is BlockKind.HEADING:
        blocks[0].role = BlockRole.TITLE
        title = title or clean_heading_text(blocks[0].text)
    return SourceSection(clean_heading_text(title) if title else None, blocks)


def _toc_entries(toc: object) -> list[_Entry]:
    """Flatten EbookLib's table of contents (links, and ``(section, children)`` pairs) keeping each depth."""
    entries: list[_Entry] = []
    stack: list[tuple[object, int]] = [(item, 0) for item in reversed(toc)] if isinstance(toc, list | tuple) else []
    while stack:
        entry, depth = stack.pop()
        if isinstance(entry, tuple | list):
            if len(entry) == 2 and isinstance(entry[1], list | tuple):
                stack.extend((child, depth + 1) for child in reversed(entry[1]))
                stack.append((entry[0], depth))
            continue
        href, title = getattr(entry, "href", None), getattr(entry, "title", None)
        if isinstance(title, str) and title.strip():
            key = _document_key(href) if isinstance(href, str) and href else ""
            entries.append(_Entry(clean_heading_text(title), key, depth))
    # A single top entry holding everything (the book's own title) is not a chapter: its children are.
    while entries and sum(entry.depth == 0 for entry in entries) == 1 and any(e.depth > 0 for e in entries):
        entries = [_Entry(e.title, e.key, e.depth - 1) for e in entries if e.depth > 0]
    return entries


def _squash(text: str) -> str:
    """Text compared between a table of contents and the headings: no spaces or punctuation."""
    return "".join(char for char in text if char.isalnum())


def _is_contents_page(document: _Document, titles: set[str]) -> bool:
    """True for an HTML table of contents: most of its blocks are other entries' titles."""
    if len(document.blocks) < MIN_CHAPTERS:
        return False
    listed = sum(_squash(block.text) in titles for block in document.blocks)
    return listed >= 0.6 * len(document.blocks)


def _chapters_from_toc(
    documents: list[_Document], entries: list[_Entry], front: list[SourceBlock], dropped: list[DroppedLine]
) -> tuple[list[SourceSection], bool]:
    """One section per top-level entry, in spine order, holding every document up to the next top-level entry.

    A document a nested entry points to starts a subheading inside the chapter; a document no entry points to
    (a chapter's content file after its title page, the second half of a split chapter) continues the chapter.
    Short documents before the first chapter (title page, copyright) are the book's front matter.
    The flag says whether the table of contents is useful: its first chapter starts near the start of the text
    (a table listing only a licence at the end is not).
    """
    top: dict[str, list[str]] = {}
    nested: dict[str, str] = {}
    for entry in entries:
        if entry.depth == 0:
            top.setdefault(entry.key, []).append(entry.title)
        else:
            nested.setdefault(entry.key, entry.title)
    titles = {_squash(entry.title) for entry in entries}
    sections: list[SourceSection] = []
    started = False
    before = 0  # characters before the first chapter
    for document in documents:
        labels = top.get(document.key)
        if _is_contents_page(document, titles) or (labels and _CONTENTS_TITLE.match(labels[0])):
            dropped.extend(DroppedLine(0, block.text, "table of contents") for block in document.blocks)
            continue
        if labels:
            started = True
            sections.extend(_split_by_titles(document, labels, sections))
        elif not started:
            before += sum(len(block.text) for block in document.blocks)
            if sum(len(block.text) for block in document.blocks) <= MAX_FRONT_MATTER_CHARS:
                front.extend(document.blocks)
            else:
                sections.append(_document_section(document, nested.get(document.key)))
        else:
            _continue_chapter(sections[-1], document, nested.get(document.key))
    total = sum(len(block.text) for document in documents for block in document.blocks)
    useful = started and before <= USEFUL_TOC_SHARE * total
    return _merge_part_pages(sections), useful


def _split_by_titles(document: _Document, labels: list[str], sections: list[SourceSection]) -> list[SourceSection]:
    """The chapters that start in ``document``: one per label, cut where a block repeats the next label.

    Text before the first label's heading (and everything, when a label is not found) stays with the chapter
    before, if there is one.
    """
    cuts: list[int] = [0]
    for label in labels[1:]:
        wanted = _squash(label)
        found = next(
            (i for i in range(cuts[-1] + 1, len(document.blocks)) if _squash(document.blocks[i].text) == wanted),
            None,
        )
        if found is not None:
            cuts.append(found)
    new: list[SourceSection] = []
    bounds = [*cuts, len(document.blocks)]
    for label, start, end in zip(labels, bounds, bounds[1:], strict=False):
        section = _document_section(_Document(document.key, document.blocks[start:end]), label)
        new.append(section)
    return new


def _continue_chapter(section: SourceSection, document: _Document, subheading: str | None) -> None:
    """Append ``document`` to the chapter ``section``; its leading heading (or a nested label) is a subheading."""
    blocks = list(document.blocks)
    if blocks and blocks[0].kind is BlockKind.HEADING:
        blocks[0].role = BlockRole.SUBHEADING
    elif subheading:
        blocks.insert(0, SourceBlock(BlockKind.HEADING, subheading, BlockRole.SUBHEADING))
    section.blocks.extend(blocks)


def _merge_part_pages(sections: list[SourceSection]) -> list[SourceSection]:
    """Give a part's title page (a chapter of headings only) to the chapter after it, naming it its ``part``."""
    merged: list[SourceSection] = []
    pending: list[SourceSection] = []
    for section in sections:
        if section.blocks and all(block.kind is BlockKind.HEADING for block in section.blocks):
            pending.append(section)
            continue
        if pending:
            _prepend_title_pages(section, pending)
            section.part = pending[0].title
            pending = []
        merged.append(section)
    return _keep_trailing_title_pages(merged, pending)


def _prepend_title_pages(section: SourceSection, title_pages: list[SourceSection]) -> None:
    """Put the headings of the title pages before ``section`` as its subheadings."""
    for title_page in reversed(title_pages):
        for block in title_page.blocks:
            block.role = BlockRole.SUBHEADING
        section.blocks[0:0] = title_page.blocks


def _keep_trailing_title_pages(merged: list[SourceSection], pending: list[SourceSection]) -> list[SourceSection]:
    """Title pages left after the last chapter join it (or stand alone when there is no chapter)."""
    if pending and merged:
        for title_page in pending:
            merged[-1].blocks.extend(title_page.blocks)
    elif pending:
        merged.extend(pending)
    return merged


def _chapters_from_headings(
    documents: list[_Document],
) -> tuple[list[SourceBlock], list[SourceSection], list[DroppedLine]] | None:
    """Chapters found by their headings in the text (第一回：…), for a book whose table of contents is useless."""
    blocks = [block for document in documents for block in document.blocks]
    found = split_blocks(blocks)
    if found is None:
        return None
    front, sections, log = found
    if sections:
        last = sections[-1].blocks
        while last and not has_han(last[-1].text):  # an English colophon after the last chapter
            log.append(DroppedLine(0, last.pop().text, "no Chinese text"))
    return front, sections, log


def _merge_sections(sections: list[SourceSection]) -> list[SourceSection]:
    # Used when there is neither a useful table of contents nor chapter headings: one section per file.
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
        _prepend_title_pages(section, pending)
        if section.title is None and pending:
            section.title = pending[0].title
        pending = []
        merged.append(section)
    return _keep_trailing_title_pages(merged, pending)
