"""Clean text taken from markup into :class:`SourceBlock` objects, and build sections from them.

Markup (HTML, DOCX, Markdown, subtitles) already says where paragraphs and headings are, so the line-joining
repair is not run on it; the characters still get the same care: normalisation (NFC, Kangxi radicals mapped back,
odd spaces and zero-width characters), whitespace runs collapsed, and typesetting spaces next to Chinese
characters removed with the same rule as text repair (:func:`reader.core.repair.clean_spaces`).
"""

from __future__ import annotations

import re

from reader.core.model import BlockKind, BlockRole
from reader.core.normalize import normalize_text
from reader.core.repair import clean_spaces

from .source import SourceBlock, SourceSection

_WHITESPACE = re.compile(r"\s+")
#: Longest title made from the start of a text that has no title of its own.
TITLE_CHARS = 40


def clean_block_text(text: str) -> str:
    """Return one paragraph's text normalised, on one line, without typesetting spaces."""
    return clean_spaces(_WHITESPACE.sub(" ", normalize_text(text)))


def clean_title(text: str | None) -> str | None:
    """Return a title cleaned like block text and shortened to :data:`TITLE_CHARS`, or ``None`` if empty."""
    if text is None:
        return None
    cleaned = clean_block_text(text)
    if not cleaned:
        return None
    return cleaned if len(cleaned) <= TITLE_CHARS else cleaned[: TITLE_CHARS - 1] + "…"


def title_from_text(text: str) -> str | None:
    """Return a title made from the first non-blank line of ``text`` (shortened), or ``None``."""
    for line in text.split("\n", 50):
        title = clean_title(line[: TITLE_CHARS * 4])
        if title:
            return title
    return None


class BlockList:
    """Collects the headings and paragraphs of one section, dropping the ones that clean to nothing."""

    def __init__(self) -> None:
        self.blocks: list[SourceBlock] = []

    def add(self, text: str, *, heading: bool = False) -> None:
        """Clean ``text`` and append it as a heading or a paragraph (nothing if it is blank)."""
        cleaned = clean_block_text(text)
        if not cleaned:
            return
        if heading:
            self.blocks.append(SourceBlock(BlockKind.HEADING, cleaned, BlockRole.SUBHEADING))
        else:
            self.blocks.append(SourceBlock(BlockKind.PARAGRAPH, cleaned, BlockRole.BODY))

    def add_lines(self, text: str) -> None:
        """Append every non-blank line of ``text`` as its own paragraph."""
        for line in text.split("\n"):
            self.add(line)

    def section(self, title: str | None = None) -> SourceSection:
        """Return the collected blocks as a section; a leading heading becomes its title block.

        ``title`` (from metadata or a table of contents) wins over the leading heading's text.
        """
        blocks = self.blocks
        if blocks and blocks[0].kind is BlockKind.HEADING:
            blocks[0].role = BlockRole.TITLE
            title = title or clean_title(blocks[0].text)
        return SourceSection(clean_title(title), blocks)
