"""From raw text to an analysed :class:`~reader.core.model.Document`.

The work is split in two so that the GUI can show text before jieba is ready:

* :func:`structure` (fast, no jieba): normalise, repair, split into articles, blocks and sentences;
* :meth:`Analyzer.tokenize` (needs the segmenter): words, pinyin and dictionary flags for every sentence.

:meth:`Analyzer.analyse` does both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from reader.core.chars import count_han, count_matches
from reader.core.errors import InputError
from reader.core.model import Article, Block, Document, Sentence, Token
from reader.core.normalize import normalize_text
from reader.core.pinyin import PinyinEngine
from reader.core.repair import RepairResult, keep_lines, repair_text
from reader.core.segment import Segmenter
from reader.core.sentences import split_sentences

if TYPE_CHECKING:  # the importers call check_is_chinese from here: a run-time import would be circular
    from reader.core.importers import ImportedSource


class Lexicon(Protocol):
    """Anything that can say whether a word has a dictionary entry."""

    def contains(self, word: str) -> bool:
        """True if ``word`` has an entry."""
        ...


def structure(text: str, *, lines_as_paragraphs: bool = False) -> Document:
    """Normalise and repair ``text`` into articles, blocks and sentences (no words yet).

    ``lines_as_paragraphs`` skips repair: every non-blank line becomes a paragraph.
    Raises :class:`InputError` if the text holds no Chinese.
    """
    text = normalize_text(text)
    check_is_chinese(text)
    repaired: RepairResult = keep_lines(text) if lines_as_paragraphs else repair_text(text)
    return _document(repaired)


def structure_source(source: ImportedSource, *, lines_as_paragraphs: bool = False) -> Document:
    """Structure an imported file or paste (see :mod:`reader.core.importers`) into articles, blocks and sentences.

    Raw text (txt, pasted, PDF) goes through :func:`structure`; ``lines_as_paragraphs`` applies to it only.
    Structured sources (EPUB, HTML, DOCX, Markdown, subtitles) keep the headings and paragraphs their markup
    gave, without line repair: one article per section, titled by the section. Raises :class:`InputError` if
    the text holds no Chinese.
    """
    if source.raw_text is not None:
        return structure(source.raw_text, lines_as_paragraphs=lines_as_paragraphs)
    check_is_chinese(source.text)
    return _document(RepairResult([section for section in source.sections if section.blocks]))


def _document(repaired: RepairResult) -> Document:
    """Turn repaired articles into a document whose blocks are split into sentences."""
    document = Document()
    for repaired_article in repaired.articles:
        article = Article(repaired_article.title)
        for repaired_block in repaired_article.blocks:
            block = Block(repaired_block.kind, repaired_block.text, repaired_block.role, cue=repaired_block.cue)
            if repaired_block.translation:
                # English that came with the file (a subtitle cue's) belongs to the whole block: one sentence, so
                # it sits beside its Chinese and no machine translation is asked for part of it.
                block.sentences = [
                    Sentence(
                        block.text,
                        translation=repaired_block.translation,
                        translation_source=repaired_block.translation_source,
                    )
                ]
            else:
                block.sentences = [Sentence(sentence) for sentence in split_sentences(block.text)]
            article.blocks.append(block)
        article.assign_offsets()
        document.articles.append(article)
    return document


_LETTER = re.compile(r"[^\W\d_]")
_KANA = re.compile("[\u3040-\u30ff]")


def check_is_chinese(text: str) -> None:
    """Raise :class:`InputError` unless Chinese characters make up a fair share of the letters in ``text``."""
    # Regular expressions count in C: a book of a million characters is checked in milliseconds.
    han = count_han(text)
    letters = count_matches(_LETTER, text)
    kana = count_matches(_KANA, text)
    if han == 0:
        raise InputError("The text contains no Chinese characters.")
    if han < 0.2 * letters or kana > han:
        raise InputError("The text does not look like Chinese (too few Chinese characters).")


class Analyzer:
    """Segment sentences and annotate their words with pinyin and dictionary flags.

    Build it once with the application's segmenter, pinyin engine and lexicon and share it.
    """

    def __init__(self, segmenter: Segmenter, pinyin: PinyinEngine, lexicon: Lexicon | None = None) -> None:
        self.segmenter = segmenter
        self.pinyin = pinyin
        self.lexicon: Lexicon = lexicon if lexicon is not None else segmenter

    def analyse(self, text: str, *, lines_as_paragraphs: bool = False) -> Document:
        """Structure ``text`` and tokenize every sentence."""
        document = structure(text, lines_as_paragraphs=lines_as_paragraphs)
        for article in document.articles:
            self.tokenize(article)
        return document

    def tokenize(self, article: Article, *, cancelled: Callable[[], bool] | None = None) -> None:
        """Fill in the tokens of every sentence of ``article`` (stops early if ``cancelled()`` turns true)."""
        for block in article.blocks:
            if cancelled is not None and cancelled():
                return
            self.tokenize_block(block)

    def tokenize_block(self, block: Block) -> None:
        """Fill in the tokens of every sentence of one block."""
        contains = self.lexicon.contains
        for sentence in block.sentences:
            words = self.segmenter.cut(sentence.text)
            readings = self.pinyin.annotate(words)
            tokens: list[Token] = []
            offset = sentence.start
            for word, reading in zip(words, readings, strict=True):
                tokens.append(Token(word, offset, reading, reading is not None and contains(word)))
                offset += len(word)
            sentence.tokens = tokens
