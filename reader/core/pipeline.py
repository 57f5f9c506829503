"""From raw text to an analysed :class:`~reader.core.model.Document`.

The work is split in two so that the GUI can show text before jieba is ready:

* :func:`structure` (fast, no jieba): normalise, repair, split into articles, blocks and sentences;
* :meth:`Analyzer.tokenize` (needs the segmenter): words, pinyin and dictionary flags for every sentence.

:meth:`Analyzer.analyse` does both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from reader.core.chars import check_is_chinese
from reader.core.model import Article, Block, Document, Sentence, Token
from reader.core.normalize import normalize_text
from reader.core.pinyin.engine import PinyinEngine
from reader.core.repair import RepairResult, keep_lines, repair_text
from reader.core.script import Script, ScriptConverter, shared_converter
from reader.core.segment import Segmenter
from reader.core.sentences import split_sentences

if TYPE_CHECKING:
    from reader.core.importers import ImportedSource


class Overrides(Protocol):
    """The learner's own readings (:class:`~reader.core.store.reading_corrections.ReadingOverrides`)."""

    @property
    def fingerprint(self) -> str:
        """Changes whenever a reading changes (part of the stored-analysis key)."""
        ...

    def reading(self, word: str, sentence: str, offset: int) -> tuple[str, ...] | None:
        """The learner's reading of ``word`` at ``offset`` in ``sentence``, if any."""
        ...


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


class Analyzer:
    """Segment sentences and annotate their words with pinyin and dictionary flags.

    Build it once with the application's segmenter, pinyin engine and lexicon and share it.
    """

    def __init__(
        self,
        segmenter: Segmenter,
        pinyin: PinyinEngine,
        lexicon: Lexicon | None = None,
        script: ScriptConverter | None = None,
    ) -> None:
        self.segmenter = segmenter
        self.pinyin = pinyin
        self.lexicon: Lexicon = lexicon if lexicon is not None else segmenter
        self.script = script if script is not None else shared_converter()
        #: The learner's reading corrections, applied after the engine (set at start-up and after each change).
        self.overrides: Overrides | None = None

    @property
    def overrides_key(self) -> str:
        """Names the reading corrections in force (empty without any)."""
        return self.overrides.fingerprint if self.overrides is not None else ""

    def analyse(self, text: str, *, lines_as_paragraphs: bool = False) -> Document:
        """Structure ``text`` and tokenize every sentence."""
        document = structure(text, lines_as_paragraphs=lines_as_paragraphs)
        for article in document.articles:
            self.tokenize(article)
        return document

    def tokenize(self, article: Article, *, cancelled: Callable[[], bool] | None = None) -> None:
        """Fill in the tokens of every sentence of ``article`` (stops early if ``cancelled()`` turns true)."""
        script = self.article_script(article)
        for block in article.blocks:
            if cancelled is not None and cancelled():
                return
            self.tokenize_block(block, script)

    def article_script(self, article: Article) -> Script:
        """The script of ``article`` as a whole (what its paragraphs that do not tell are taken to be)."""
        return self.script.detect_paragraphs(block.text for block in article.blocks)

    def tokenize_block(self, block: Block, article_script: Script = Script.NEUTRAL) -> None:
        """Fill in the tokens of every sentence of one block.

        A block in traditional characters is cut and read on its simplified view (jieba's dictionary and the
        pinyin rules are simplified); the tokens keep the characters as written, at the same offsets. A block
        that does not tell (no character only one script uses) follows ``article_script``; if that does not tell
        either, only the characters both scripts share are simplified (看著 is read 看着; 么 stays 么).
        """
        contains = self.lexicon.contains
        script = self.script.detect(block.text)
        if script is Script.NEUTRAL:
            script = article_script
        for sentence in block.sentences:
            words, readings = self.words_and_readings(sentence.text, script)
            tokens: list[Token] = []
            position = 0
            for word, reading in zip(words, readings, strict=True):
                written = sentence.text[position : position + len(word)]
                known = reading is not None and (contains(word) or (written != word and contains(written)))
                tokens.append(Token(written, sentence.start + position, reading, known))
                position += len(word)
            sentence.tokens = tokens

    def words_and_readings(
        self, text: str, script: Script | None = None
    ) -> tuple[list[str], list[list[str | None] | None]]:
        """The words of ``text`` and their pinyin, analysed in pieces of bounded length (:func:`analysis_pieces`).

        A text in traditional characters (``script``) is cut and read on its simplified view: the words returned
        are the view's, at the same offsets. The learner's reading corrections apply to the words as written.
        """
        view = self._view(text, script) if script is not None else text
        words: list[str] = []
        readings: list[list[str | None] | None] = []
        for piece in analysis_pieces(view, self.segmenter.cut):
            words.extend(piece)
            readings.extend(self.pinyin.annotate(piece))
        if self.overrides is not None and self.overrides.fingerprint:
            offset = 0
            for index, word in enumerate(words):
                own = self.overrides.reading(text[offset : offset + len(word)], text, offset)
                if own is not None and len(own) == len(word):
                    readings[index] = list(own)
                offset += len(word)
        return words, readings

    def _view(self, text: str, script: Script) -> str:
        if script is Script.TRADITIONAL:
            return self.script.simplified_view(text)
        if script is Script.NEUTRAL:
            return self.script.to_simplified(text)
        return text


#: Longest run of text segmented and read at once. A sentence is rarely longer; a text without punctuation (a 1 MB
#: line) is analysed in pieces of about this size, so every step stays linear in the text and memory bounded.
PIECE_LIMIT = 400


def analysis_pieces(text: str, cut: Callable[[str], list[str]], limit: int = PIECE_LIMIT) -> list[list[str]]:
    """Cut ``text`` into words, in pieces of at most ``limit`` characters that never split a word.

    A piece ends after the last space or punctuation mark in the second half of its window; in a run of Han
    characters or letters only, it ends before its last word (which the window may have cut short), and that
    word starts the next piece. The words of all pieces concatenate to ``text``.
    """
    pieces: list[list[str]] = []
    start = 0
    while len(text) - start > limit:
        end = _natural_break(text, start + limit // 2, start + limit)
        words = cut(text[start : end if end is not None else start + limit])
        if end is None and len(words) > 1:
            words.pop()  # may be a word cut in two by the window: read it again at the start of the next piece
        pieces.append(words)
        start += sum(len(word) for word in words)
    if start < len(text):
        pieces.append(cut(text[start:]))
    return pieces


def _natural_break(text: str, low: int, high: int) -> int | None:
    """The position just after the last space or punctuation mark in ``text[low:high]`` (no word spans it), if any."""
    for index in range(high - 1, low - 1, -1):
        if not text[index].isalnum():
            return index + 1
    return None
