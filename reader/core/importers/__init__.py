"""Import every format a learner brings through one entry point: :func:`import_path` (and :func:`import_pasted`).

The result is an :class:`ImportedSource`: a title, the format, and either raw text that still needs text repair
(plain text without chapters, pasted text, PDF) or sections of headings and paragraphs (a book's chapters: a txt
novel's, found by :mod:`.txt_book`, or an EPUB's; HTML, DOCX, Markdown, subtitles: one section). A book also
carries :class:`BookInfo` (title, author, blurb, front matter); every line an importer left out on purpose is in
``dropped``; subtitle blocks carry their cue times and English. :func:`reader.core.pipeline.structure_source`
turns it into a :class:`~reader.core.model.Document` (one article per section). Every format has the same text
limit (:func:`check_text_size`).

The format is chosen by the file's suffix, corrected by its first bytes (a PDF or EPUB without its suffix, or
renamed ``.txt``, still opens); unknown suffixes are read as text. Everything a user can get wrong raises
:class:`~reader.core.errors.InputError` with one sentence; :class:`ImportCancelledError` means the caller's
``cancelled()`` returned True. The functions keep no state, so they may run on any worker thread.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path

from reader.core.chars import check_is_chinese, check_not_japanese
from reader.core.errors import InputError
from reader.core.textio import MAX_TEXT_BYTES, format_size, read_bytes_checked

from .plain_text import import_pasted_text
from .progress import CancelCheck, ImportCancelledError, ImportMonitor, ProgressCallback
from .source import (
    SUBTITLE_SOURCE,
    BookInfo,
    DroppedLine,
    FileInput,
    ImportedSource,
    SourceBlock,
    SourceKind,
    SourceSection,
)

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "SUBTITLE_SOURCE",
    "SUPPORTED_SUFFIXES",
    "BookInfo",
    "CancelCheck",
    "DroppedLine",
    "ImportCancelledError",
    "ImportedSource",
    "ProgressCallback",
    "SourceBlock",
    "SourceKind",
    "SourceSection",
    "import_pasted",
    "import_path",
]

logger = logging.getLogger(__name__)

#: Largest EPUB, DOCX or PDF file Reader opens (books with pictures are big; their text is small).
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024

#: File suffixes Reader imports, and the format each means (for the Open dialog's filter, and drag-and-drop).
SUPPORTED_SUFFIXES: dict[str, SourceKind] = {
    ".txt": SourceKind.TEXT,
    ".text": SourceKind.TEXT,
    ".epub": SourceKind.EPUB,
    ".pdf": SourceKind.PDF,
    ".docx": SourceKind.DOCX,
    ".html": SourceKind.HTML,
    ".htm": SourceKind.HTML,
    ".xhtml": SourceKind.HTML,
    ".md": SourceKind.MARKDOWN,
    ".markdown": SourceKind.MARKDOWN,
    ".mdown": SourceKind.MARKDOWN,
    ".mkd": SourceKind.MARKDOWN,
    ".srt": SourceKind.SUBTITLES,
    ".vtt": SourceKind.SUBTITLES,
    ".ass": SourceKind.SUBTITLES,
    ".ssa": SourceKind.SUBTITLES,
}

#: Formats Reader recognises but cannot read, with what to do instead.
_UNSUPPORTED: dict[str, str] = {
    ".doc": "an old Word document (.doc); save it as .docx and try again",
    ".wps": "a WPS document; save it as .docx and try again",
    ".mobi": "a Kindle book; convert it to EPUB (for example with Calibre) and try again",
    ".azw": "a Kindle book; convert it to EPUB (for example with Calibre) and try again",
    ".azw3": "a Kindle book; convert it to EPUB (for example with Calibre) and try again",
    ".djvu": "a DjVu scan; Reader needs a text layer and does not do OCR",
    ".rtf": "an RTF document; save it as .docx and try again",
    ".odt": "an OpenDocument text; save it as .docx and try again",
    ".pages": "a Pages document; export it as .docx or EPUB and try again",
}

_CONTAINERS = frozenset({SourceKind.EPUB, SourceKind.DOCX, SourceKind.PDF})
#: The importer of each format, as (module, function): imported on first use, so that start-up and memory do not
#: pay for PDF, EPUB and Word libraries the learner may never need.
_IMPORTERS: dict[SourceKind, tuple[str, str]] = {
    SourceKind.TEXT: ("plain_text", "import_text"),
    SourceKind.EPUB: ("epub_book", "import_epub"),
    SourceKind.PDF: ("pdf_document", "import_pdf"),
    SourceKind.DOCX: ("word_document", "import_docx"),
    SourceKind.HTML: ("html_file", "import_html"),
    SourceKind.MARKDOWN: ("markdown_document", "import_markdown"),
    SourceKind.SUBTITLES: ("subtitles", "import_subtitles"),
}


def _importer(kind: SourceKind) -> Callable[[FileInput, ImportMonitor], ImportedSource]:
    """The import function for ``kind``, loading its module if needed."""
    module, function = _IMPORTERS[kind]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


#: Above this many characters the "is it Chinese?" check looks at samples (the full check runs in analysis).
_FULL_CHECK_CHARS = 300_000


def import_path(
    path: Path | str,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    allow_japanese: bool = False,
) -> ImportedSource:
    """Import the file at ``path``, whatever its format, and return its text and title.

    A text that looks Japanese raises :class:`~reader.core.chars.LooksJapaneseError` unless ``allow_japanese``
    (the learner confirmed, or passed ``--allow-japanese``).

    ``progress`` receives fractions from 0.0 to 1.0 as pages or chapters are read; ``cancelled`` is polled
    between them and, once it returns True, the import stops with :class:`ImportCancelledError`.
    Raises :class:`~reader.core.errors.InputError` (one sentence for the user) for a missing file, a folder, an
    empty, oversized, damaged, hostile, scanned or non-Chinese file, or an unsupported format.
    """
    path = Path(path)
    monitor = ImportMonitor(progress, cancelled)
    monitor.advance(0.0)
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED and path.is_file():
        raise InputError(f"{path.name} is {_UNSUPPORTED[suffix]}.")
    kind = SUPPORTED_SUFFIXES.get(suffix, SourceKind.TEXT)
    limit = MAX_DOCUMENT_BYTES if kind in _CONTAINERS else MAX_TEXT_BYTES
    data = read_bytes_checked(path, max_bytes=limit)
    if not data.strip():
        raise InputError(f"{path.name} is empty.")
    kind = sniff_kind(data, kind)
    monitor.advance(0.05)
    file = FileInput(data, path.name, path.stem or path.name, suffix)
    source = _importer(kind)(file, monitor.step(0.05, 0.95))
    source.path = path
    check_text_size(source, path.name)
    try:
        check_chinese(source.text, allow_japanese=allow_japanese)
    except InputError as error:
        # Name the file: "novel.epub contains no Chinese characters." rather than "The text contains…".
        message = str(error)
        named = path.name + message.removeprefix("The text") if message.startswith("The text") else message
        raise type(error)(named) from error
    monitor.advance(1.0)
    logger.info("imported %s as %s: %d characters", path.name, source.kind, len(source.text))
    return source


def import_pasted(text: str, *, html: str | None = None, allow_japanese: bool = False) -> ImportedSource:
    """Import pasted text (and, if the clipboard has it, its HTML flavour for better paragraphs).

    Raises :class:`~reader.core.errors.InputError` if the text is empty, too large or not Chinese.
    """
    source = import_pasted_text(text, html)
    check_chinese(source.text, allow_japanese=allow_japanese)
    return source


def check_text_size(source: ImportedSource, name: str) -> None:
    """Refuse a source whose text is over :data:`MAX_TEXT_BYTES`, whatever its format and file size.

    A compressed container (EPUB, DOCX) or a PDF can hold far more text than its file size suggests; the limit is
    on what Reader would have to store and analyse.
    """
    if len(source.text) > MAX_TEXT_BYTES // 4 and len(source.text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise InputError(
            f"{name} holds more than {format_size(MAX_TEXT_BYTES)} of text, Reader's limit for one file; "
            "split it and import the parts."
        )


def sniff_kind(data: bytes, kind: SourceKind) -> SourceKind:
    """Correct the format guessed from the suffix by the file's first bytes (PDF and ZIP-based formats)."""
    if data.startswith(b"%PDF-"):
        return SourceKind.PDF
    if data.startswith(b"PK\x03\x04") and kind not in (SourceKind.EPUB, SourceKind.DOCX):
        head = data[:4096]
        if b"mimetypeapplication/epub+zip" in head or b"META-INF/container.xml" in data[-65536:]:
            return SourceKind.EPUB
        if b"word/document.xml" in data[-65536:]:
            return SourceKind.DOCX
    return kind


def check_chinese(text: str, *, allow_japanese: bool = False) -> None:
    """Raise :class:`~reader.core.errors.InputError` unless ``text`` is Chinese (long texts: judged on samples).

    Text with the kana of Japanese raises :class:`~reader.core.chars.LooksJapaneseError` unless
    ``allow_japanese``.
    """
    if not allow_japanese:
        check_not_japanese(text)
    if len(text) <= _FULL_CHECK_CHARS:
        check_is_chinese(text)
        return
    third = _FULL_CHECK_CHARS // 3
    middle = len(text) // 2
    try:
        check_is_chinese(text[:third] + text[middle : middle + third] + text[-third:])
    except InputError:
        check_is_chinese(text)
