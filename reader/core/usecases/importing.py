"""Add an imported file or paste to the library: single articles, or a book with its chapters in reading order.

One implementation for the window and the command line (:func:`add_source`). A source the importer marks as a
book (an EPUB, a txt novel with chapter headings) becomes one :mod:`book <reader.core.store.books>` whose
chapters are its sections; other sources become single articles as before. An article too long to analyse and
show comfortably in one piece (a novel without chapter headings, a huge dump of text) is stored as a book of
parts cut at paragraph boundaries, so that opening it analyses one part and never the whole text at once.

Chapters are stored as text and structure only; words and pinyin are found when a chapter is opened. Known
translations (the bundled sample's reference English, the translation cache) are stored at import so that library
search finds them before the article is opened.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.importers import CancelCheck, ImportedSource, SourceBlock, import_pasted, import_path
from reader.core.model import Article, Block, BlockKind
from reader.core.pipeline import structure_source
from reader.core.store.books import BookDetails, Books
from reader.core.store.dropped import DroppedLog
from reader.core.store.library import ArticleSource, Library, content_hash

if TYPE_CHECKING:
    from reader.core.translation.translator import Translation

#: An article longer than this many characters is stored as a book of parts of at most about this size each.
#: A part this long takes about a second to analyse and lays out in the reading view without a pause.
PART_CHARS = 40_000

#: Looks up the known translations of sentences (``Translator.lookup``), one result or ``None`` per sentence.
TranslationLookup = Callable[[Sequence[str]], Sequence["Translation | None"]]


@dataclass(frozen=True, slots=True)
class AddedArticle:
    """One article the import produced: its id, title, length, and whether it was new to the library."""

    id: int
    title: str
    char_count: int
    new: bool
    book_id: int | None = None
    chapter_index: int | None = None


@dataclass(slots=True)
class ImportOutcome:
    """What :func:`add_source` stored: the articles in order and the books they form."""

    articles: list[AddedArticle] = field(default_factory=list)
    books: list[tuple[int, str]] = field(default_factory=list)  # (book id, title)

    @property
    def ids(self) -> list[int]:
        """The ids of the articles, in order (the first is what to open)."""
        return [article.id for article in self.articles]


def import_file(
    library: Library,
    path: Path,
    *,
    lookup: TranslationLookup | None = None,
    lines_as_paragraphs: bool = False,
    allow_japanese: bool = False,
    progress: Callable[[float], None] | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportOutcome:
    """Read the file at ``path`` and add it to the library (:func:`add_source`); return what was stored.

    The library records the file's absolute path (what re-import reads again). ``progress`` receives fractions
    from 0.0 to 1.0: reading the file is the first 80%, storing it the rest. Raises
    :class:`~reader.core.errors.InputError` (or :class:`~reader.core.chars.LooksJapaneseError`) with one sentence
    for a file Reader cannot read; nothing is stored then. A cancelled import stores nothing more.
    """
    reading = None if progress is None else (lambda fraction: progress(0.8 * fraction))
    source = import_path(path, progress=reading, cancelled=cancelled, allow_japanese=allow_japanese)
    if cancelled is not None and cancelled():
        return ImportOutcome()
    if progress is not None:
        progress(0.85)
    return add_source(
        library,
        source,
        path=str(Path(path).resolve()),
        lines_as_paragraphs=lines_as_paragraphs,
        lookup=lookup,
        cancelled=cancelled,
    )


def import_text(
    library: Library,
    text: str,
    *,
    lookup: TranslationLookup | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportOutcome:
    """Add pasted ``text`` to the library as new article(s) titled as a file's would be; return what was stored."""
    return add_source(library, import_pasted(text), lookup=lookup, cancelled=cancelled)


def add_source(
    library: Library,
    source: ImportedSource,
    *,
    path: str | None = None,
    lines_as_paragraphs: bool = False,
    lookup: TranslationLookup | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportOutcome:
    """Structure ``source`` and store it in the library as single articles or as a book; return what was stored.

    ``path`` is the file's path as the library records it (``None`` for pasted text). ``lookup`` fills in known
    translations before storing. ``cancelled`` is polled between articles; what was stored stays stored.
    """
    kind = source.kind.value
    articles = structure_source(source, lines_as_paragraphs=lines_as_paragraphs).articles
    for index, article in enumerate(articles):
        article.title = display_title(article, index, len(articles)) or source.title
        if lookup is not None:
            fill_known_translations(article, lookup)
    outcome = ImportOutcome()
    books = Books(library)
    book = source.book
    if book is not None and articles:
        details = BookDetails(book.title or source.title, book.author, book.blurb, _front_matter(book.front_matter))
        chapters, volumes = _chapters_in_parts(articles, _parts(source, articles))
        _add_book(books, outcome, details, chapters, path, kind, volumes)
        _record_dropped(library, source, outcome)
        return outcome
    for index, article in enumerate(articles):
        if cancelled is not None and cancelled():
            break
        parts = split_if_long(article)
        if len(parts) > 1:
            _add_book(books, outcome, BookDetails(article.title or source.title), parts, path, kind)
            continue
        existing = library.find_by_hash(content_hash(article.text))
        article_id = (
            existing if existing is not None else library.add_article(article, ArticleSource(path, kind, index))
        )
        summary = library.get_summary(article_id)
        outcome.articles.append(
            AddedArticle(
                article_id, summary.title, summary.char_count, existing is None, summary.book_id, summary.chapter_index
            )
        )
    _record_dropped(library, source, outcome)
    return outcome


def _record_dropped(library: Library, source: ImportedSource, outcome: ImportOutcome) -> None:
    """Keep the lines the importer left out with the import's first article, for File ▸ Lines Left Out…."""
    if source.dropped and outcome.articles:
        DroppedLog(library.store).record(outcome.articles[0].id, source.dropped)


def _add_book(
    books: Books,
    outcome: ImportOutcome,
    details: BookDetails,
    chapters: list[Article],
    path: str | None,
    kind: str,
    parts: list[str | None] | None = None,
) -> None:
    added = books.add_book(details, chapters, path=path, kind=kind, parts=parts)
    book = books.get_book(added.book_id)
    outcome.books.append((book.id, book.title))
    by_id = {chapter.id: chapter for chapter in book.chapters}
    for article_id in added.article_ids:
        chapter = by_id.get(article_id)
        if chapter is not None:
            outcome.articles.append(
                AddedArticle(chapter.id, chapter.title, chapter.char_count, added.new, book.id, chapter.chapter_index)
            )


def _front_matter(blocks: Sequence[SourceBlock]) -> str | None:
    """The front matter's blocks as text, one per paragraph (``None`` if there are none)."""
    return "\n\n".join(text for block in blocks if (text := block.text.strip())) or None


def _parts(source: ImportedSource, articles: list[Article]) -> list[str | None] | None:
    """The volume (卷/部) each chapter sits under, if the importer found volumes (sections and chapters align)."""
    sections = [section for section in source.sections if section.blocks]
    if len(sections) != len(articles) or not any(section.part for section in sections):
        return None
    return [section.part for section in sections]


def stored_articles(source: ImportedSource, articles: list[Article]) -> list[Article]:
    """The articles :func:`add_source` stores for a structured ``source``, long ones cut into parts, in order."""
    if source.book is not None:
        return _chapters_in_parts(articles, None)[0]
    return [part for article in articles for part in split_if_long(article)]


def _chapters_in_parts(
    chapters: list[Article], volumes: list[str | None] | None
) -> tuple[list[Article], list[str | None] | None]:
    """Cut any chapter too long to open comfortably (an EPUB of 1 MB chapters) into parts titled "Title (2/3)"."""
    if all(len(chapter.text) <= PART_CHARS for chapter in chapters):
        return chapters, volumes
    cut: list[Article] = []
    cut_volumes: list[str | None] = []
    for index, chapter in enumerate(chapters):
        parts = split_if_long(chapter)
        for number, part in enumerate(parts, 1):
            part.title = chapter.title if len(parts) == 1 else f"{chapter.title} ({number}/{len(parts)})"
            cut.append(part)
            cut_volumes.append(volumes[index] if volumes is not None else None)
    return cut, (cut_volumes if volumes is not None else None)


def display_title(article: Article, index: int, count: int) -> str | None:
    """A library title for an untitled article of a multi-article file: its first words."""
    if article.title or count == 1:
        return article.title
    first = next((block.text for block in article.blocks if block.text.strip()), "")
    return first[:24] + ("…" if len(first) > 24 else "") if first else f"Part {index + 1}"


def fill_known_translations(article: Article, lookup: TranslationLookup) -> None:
    """Give sentences the translations already known (reference or cache), without running any model."""
    missing = [sentence for block in article.blocks for sentence in block.sentences if not sentence.translation]
    if not missing:
        return
    for sentence, found in zip(missing, lookup([s.text for s in missing]), strict=True):
        if found is not None:
            sentence.translation, sentence.translation_source = found.text, found.source


def split_if_long(article: Article) -> list[Article]:
    """The parts :func:`add_source` stores for ``article``: itself if short enough, else :func:`split_long_article`."""
    return split_long_article(article) if len(article.text) > PART_CHARS else [article]


def split_long_article(article: Article, part_chars: int = PART_CHARS) -> list[Article]:
    """Cut an article into parts of about ``part_chars`` characters at paragraph boundaries, in order.

    A part starts at a heading when one falls in the second half of the part being filled, so parts tend to
    begin with their own section title; a part's title is its first heading, else "Part N". A single paragraph
    longer than ``part_chars`` stays whole (its analysis is bounded elsewhere).
    """
    parts: list[Article] = []
    current: list[Block] = []  # blocks of the part being filled
    size = 0
    for block in article.blocks:
        full = size + len(block.text) > part_chars
        heading_break = block.kind is BlockKind.HEADING and size > part_chars // 2
        if current and (full or heading_break):
            parts.append(_part(current, len(parts)))
            current, size = [], 0
        current.append(block)
        size += len(block.text) + 2
    if current:
        parts.append(_part(current, len(parts)))
    return parts


def _part(blocks: list[Block], index: int) -> Article:
    heading = next((block.text for block in blocks[:3] if block.kind is BlockKind.HEADING), None)
    part = Article(f"Part {index + 1}: {heading}" if heading else f"Part {index + 1}", blocks)
    part.assign_offsets()
    return part
