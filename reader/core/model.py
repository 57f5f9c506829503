"""The analysed document: articles made of blocks, blocks of sentences, sentences of tokens.

Offsets (``start``) are character offsets into :attr:`Article.text`, the article's stable cleaned text, which
highlights and bookmarks are anchored to. Invariants (checked by tests):

* the tokens of a sentence concatenate to the sentence text;
* the sentences of a block concatenate to the block text;
* ``Article.text`` is the block texts joined by :data:`BLOCK_SEPARATOR`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

BLOCK_SEPARATOR = "\n\n"


class BlockKind(StrEnum):
    """What a block is, as the JSON contract names it."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    NOTE = "note"


class BlockRole(StrEnum):
    """A finer label than :class:`BlockKind`, for styling and article splitting."""

    TITLE = "title"
    SUBHEADING = "subheading"
    BYLINE = "byline"
    AUTHOR_NOTE = "author_note"
    BODY = "body"


@dataclass(frozen=True, slots=True)
class Cue:
    """The time span of a subtitle cue, in milliseconds from the start of the video."""

    start_ms: int
    end_ms: int

    def label(self) -> str:
        """The span as a subtitle editor shows it: ``00:01:23.450 → 00:01:25.000``."""
        return f"{_clock(self.start_ms)} → {_clock(self.end_ms)}"


def _clock(milliseconds: int) -> str:
    seconds, millis = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


@dataclass(slots=True)
class Token:
    """One segmented word (or a run of punctuation, Latin text or spaces).

    ``pinyin`` holds one syllable per character in tone-number form (``hang2``, ``lv4``, neutral tone ``de5``),
    ``None`` for a non-Han character; the whole list is ``None`` when the token has no Han character.
    """

    text: str
    start: int = 0
    pinyin: list[str | None] | None = None
    in_dictionary: bool = False

    @property
    def end(self) -> int:
        """Offset just past the token."""
        return self.start + len(self.text)


@dataclass(slots=True)
class Sentence:
    """A sentence with its tokens and, once known, its English translation."""

    text: str
    start: int = 0
    tokens: list[Token] = field(default_factory=list)
    translation: str | None = None
    translation_source: str | None = None

    @property
    def end(self) -> int:
        """Offset just past the sentence."""
        return self.start + len(self.text)


@dataclass(slots=True)
class Block:
    """A heading, a paragraph or a note."""

    kind: BlockKind
    text: str
    role: BlockRole = BlockRole.BODY
    start: int = 0
    sentences: list[Sentence] = field(default_factory=list)
    cue: Cue | None = None  # a subtitle cue's time span (kept for hover and a future audio feature)

    @property
    def end(self) -> int:
        """Offset just past the block."""
        return self.start + len(self.text)

    @property
    def translation(self) -> str | None:
        """The block's English text: its sentence translations joined, or ``None`` if none is known."""
        parts = [s.translation for s in self.sentences if s.translation]
        return " ".join(parts) if parts else None


@dataclass(slots=True)
class Article:
    """One article: an optional title and its blocks in reading order."""

    title: str | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The stable cleaned text: block texts joined by a blank line."""
        return BLOCK_SEPARATOR.join(block.text for block in self.blocks)

    def structure_copy(self) -> Article:
        """A copy of the blocks and sentences (with translations) but no tokens: cheap, for a worker's own use."""
        return Article(
            self.title,
            [
                Block(
                    block.kind,
                    block.text,
                    block.role,
                    block.start,
                    [Sentence(s.text, s.start, [], s.translation, s.translation_source) for s in block.sentences],
                    block.cue,
                )
                for block in self.blocks
            ],
        )

    def assign_offsets(self) -> None:
        """Set ``start`` on every block, sentence and token from their order and lengths."""
        offset = 0
        for block in self.blocks:
            block.start = offset
            inner = offset
            for sentence in block.sentences:
                sentence.start = inner
                token_offset = inner
                for token in sentence.tokens:
                    token.start = token_offset
                    token_offset += len(token.text)
                inner += len(sentence.text)
            offset += len(block.text) + len(BLOCK_SEPARATOR)


@dataclass(slots=True)
class Document:
    """Everything analysed from one input: one or more articles."""

    articles: list[Article] = field(default_factory=list)
