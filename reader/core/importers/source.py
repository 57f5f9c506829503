"""What an importer hands back: :class:`ImportedSource`, a title and either raw text or structured sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from reader.core.repair import RepairedArticle, RepairedBlock


class SourceKind(StrEnum):
    """The format a source came from (stored with the article, shown in the library)."""

    TEXT = "text"
    PASTED = "pasted"
    PDF = "pdf"
    EPUB = "epub"
    HTML = "html"
    DOCX = "docx"
    MARKDOWN = "markdown"
    SUBTITLES = "subtitles"


#: One heading or paragraph whose boundaries the file's markup gave (its text clean, on one line): the same
#: structure text repair produces from raw text, so structured sources skip repair and nothing is converted.
SourceBlock = RepairedBlock
#: A part of a structured source that becomes one article: a book's chapter, or a whole web page or document.
SourceSection = RepairedArticle

#: The ``translation_source`` of English that came with a bilingual subtitle file (never machine translation).
SUBTITLE_SOURCE = "subtitle"


@dataclass(slots=True)
class BookInfo:
    """What a book says about itself, for a source whose sections are its chapters (a txt novel, an EPUB).

    ``front_matter`` holds the blocks before the first chapter (title page, 简介, 作者 lines), which are not a
    chapter; ``blurb`` is its description paragraphs as plain text. ``title`` and ``author`` come from the EPUB's
    OPF metadata or the txt's front matter (``《书名》``, ``作者：…``).
    """

    title: str
    author: str | None = None
    blurb: str | None = None
    front_matter: list[SourceBlock] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DroppedLine:
    """A line an importer left out of the text (site boilerplate, a watermark), for the log the user can see."""

    line: int  # 1-based line number in the decoded file (0 when the format has no lines, such as EPUB)
    text: str
    reason: str  # short, for the log: "site line", "watermark", "rule", "table of contents", "bad timestamp"…


@dataclass(slots=True)
class ImportedSource:
    """Everything read from one file or one paste, before analysis.

    Exactly one of two shapes:

    * ``raw_text`` is set (plain text, pasted text, PDF): the text still needs the full repair of
      :func:`reader.core.repair.repair_text` (line joining, paragraph ends, headings, article splitting);
    * ``sections`` is non-empty (EPUB, HTML, DOCX, Markdown, subtitles): the markup already gave headings and
      paragraphs, normalised and cleaned of stray spaces; repair must not join their lines.

    ``title`` is the source's own title (EPUB/HTML ``<title>``/DOCX properties, else its first heading, else the
    file name); the articles made from it may carry their own titles.

    ``book`` is set when the source is a book: then ``sections`` are its chapters in reading order (each titled
    exactly as its table of contents or heading titles it). ``dropped`` lists every line the importer left out
    on purpose (boilerplate, watermarks, a table of contents, cues with broken timestamps), in file order, so
    the user can check nothing of the text was lost. ``author`` and ``date`` are a web page's byline, if given.
    """

    title: str
    kind: SourceKind
    path: Path | None = None
    raw_text: str | None = None
    sections: list[SourceSection] = field(default_factory=list)
    book: BookInfo | None = None
    dropped: list[DroppedLine] = field(default_factory=list)
    author: str | None = None
    date: str | None = None

    def __post_init__(self) -> None:
        if (self.raw_text is None) == (not self.sections):
            raise ValueError("an ImportedSource holds either raw_text or sections, not both and not neither")

    @property
    def needs_repair(self) -> bool:
        """True if the source is raw text that must go through text repair."""
        return self.raw_text is not None

    @property
    def text(self) -> str:
        """All of the source's text: the raw text, or the sections' blocks one per line."""
        if self.raw_text is not None:
            return self.raw_text
        return "\n\n".join(section.text for section in self.sections)


@dataclass(slots=True)
class FileInput:
    """The bytes of one file to import, with its name (for messages) and its stem (the fallback title)."""

    data: bytes
    name: str
    stem: str
    suffix: str = ""
