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
from reader.core.repair import clean_spaces, ends_sentence

from .source import SourceBlock, SourceSection

_WHITESPACE = re.compile(r"\s+")
#: Three or more single characters separated by spaces: a heading spread out by typesetting.
_SPREAD = re.compile(r"(?:^| )[^ ](?: [^ ]){2,}(?: |$)")
#: Longest title made from the start of a text that has no title of its own.
TITLE_CHARS = 40
#: A line broken inside a paragraph continues it only if it is at least this long (see :meth:`BlockList.add_lines`).
MIN_WRAPPED_LINE_CHARS = 16


def clean_block_text(text: str) -> str:
    """Return one paragraph's text normalised, on one line, without typesetting spaces."""
    return clean_spaces(_WHITESPACE.sub(" ", normalize_text(text)))


def clean_heading_text(text: str) -> str:
    """Return a heading's text normalised and on one line, keeping a space between its words.

    Unlike a paragraph, a heading's space between Chinese words is meant (``第一章 出发``), unless the heading is
    spread out character by character (``第 一 章``), which is typesetting.
    """
    collapsed = _WHITESPACE.sub(" ", normalize_text(text).replace("\u3000", " ")).strip()
    return clean_spaces(collapsed) if _SPREAD.search(collapsed) else collapsed


def clean_title(text: str | None) -> str | None:
    """Return a title cleaned like a heading and shortened to :data:`TITLE_CHARS`, or ``None`` if empty."""
    if text is None:
        return None
    cleaned = clean_heading_text(text)
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


def _continues(line: str) -> bool:
    """True if a paragraph goes on after ``line``: it was wrapped mid-sentence, not broken on purpose."""
    return len(line) >= MIN_WRAPPED_LINE_CHARS and not ends_sentence(line) and line[-1] not in "：:"


class BlockList:
    """Collects the headings and paragraphs of one section, dropping the ones that clean to nothing."""

    def __init__(self) -> None:
        self.blocks: list[SourceBlock] = []

    def add(self, text: str, *, heading: bool = False) -> None:
        """Clean ``text`` and append it as a heading or a paragraph (nothing if it is blank)."""
        cleaned = clean_heading_text(text) if heading else clean_block_text(text)
        if not cleaned:
            return
        if heading:
            self.blocks.append(SourceBlock(BlockKind.HEADING, cleaned, BlockRole.SUBHEADING))
        else:
            self.blocks.append(SourceBlock(BlockKind.PARAGRAPH, cleaned, BlockRole.BODY))

    def add_lines(self, text: str) -> None:
        """Append the lines of ``text`` (broken by ``<br>`` or a soft line break) as paragraphs.

        A blank line always ends a paragraph. A line continues into the next only if it stops mid-sentence and
        is at least :data:`MIN_WRAPPED_LINE_CHARS` long (hard-wrapped text); shorter lines are verse, list items
        or addresses and stay on their own.
        """
        paragraph: list[str] = []
        for line in text.split("\n"):
            cleaned = clean_block_text(line)
            if paragraph and not (cleaned and _continues(paragraph[-1])):
                self.add("\n".join(paragraph))
                paragraph = []
            if cleaned:
                paragraph.append(cleaned)
        if paragraph:
            self.add("\n".join(paragraph))

    def section(self, title: str | None = None) -> SourceSection:
        """Return the collected blocks as a section; a leading heading becomes its title block.

        ``title`` (from metadata or a table of contents) wins over the leading heading's text.
        """
        blocks = self.blocks
        if blocks and blocks[0].kind is BlockKind.HEADING:
            blocks[0].role = BlockRole.TITLE
            title = title or clean_title(blocks[0].text)
        return SourceSection(clean_title(title), blocks)
