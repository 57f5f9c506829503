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
#: A part of a structured source that becomes one article: an EPUB chapter, or a whole web page or document.
SourceSection = RepairedArticle


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
    """

    title: str
    kind: SourceKind
    path: Path | None = None
    raw_text: str | None = None
    sections: list[SourceSection] = field(default_factory=list)

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
