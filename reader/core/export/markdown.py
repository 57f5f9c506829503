"""Render an article's highlights and notes as Markdown (for notes apps, or to print)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from reader.core.atomic import write_text_atomic
from reader.core.model import Article
from reader.core.store.annotations import Annotations, Highlight
from reader.core.store.library import ArticleSummary, Library


def render_markdown(
    annotations: Annotations,
    article_id: int,
    *,
    pinyin: Callable[[str], str] | None = None,
    translations: bool = True,
) -> str:
    """Return an article's highlights and notes as Markdown, in reading order.

    Each highlight is a block quote, followed by its pinyin (``pinyin(quote)``, if given), the stored English
    of the sentences it covers (if ``translations``) and the note. Orphaned highlights come last under their
    own heading.
    """
    library = Library(annotations.store)
    summary = library.get_summary(article_id)
    article = library.load_article(article_id)
    return render_highlights(summary, article, annotations.list_highlights(article_id), pinyin, translations)


def export_markdown(
    annotations: Annotations,
    article_id: int,
    path: Path,
    *,
    pinyin: Callable[[str], str] | None = None,
    translations: bool = True,
) -> Path:
    """Write :func:`render_markdown` to ``path`` atomically (temporary file, then rename); return the path."""
    text = render_markdown(annotations, article_id, pinyin=pinyin, translations=translations)
    return write_text_atomic(Path(path), text)


def render_highlights(
    summary: ArticleSummary,
    article: Article,
    highlights: list[Highlight],
    pinyin: Callable[[str], str] | None,
    translations: bool,
) -> str:
    """Return the Markdown for ``highlights`` of ``article``: a heading, then one section per highlight."""
    lines = [f"# {summary.title}", ""]
    if summary.source.path:
        lines += [f"Source: {summary.source.path}  ", ""]
    lines += [f"Highlights exported {datetime.now():%Y-%m-%d %H:%M}.", ""]
    anchored = [h for h in highlights if not h.orphaned]
    orphaned = [h for h in highlights if h.orphaned]
    if not anchored and not orphaned:
        lines += ["*No highlights yet.*", ""]
    for highlight in anchored:
        english = _covered_translation(article, highlight.start, highlight.end) if translations else None
        lines += _entry(highlight, pinyin, english)
    if orphaned:
        lines += ["## Highlights no longer found in the text", ""]
        for highlight in orphaned:
            lines += _entry(highlight, pinyin, None)
    return "\n".join(lines).rstrip("\n") + "\n"


def _entry(highlight: Highlight, pinyin: Callable[[str], str] | None, english: str | None) -> list[str]:
    quote_lines = [line.strip() for line in highlight.quote.splitlines() if line.strip()]
    lines = [f"> {line}" for line in quote_lines]
    if pinyin is not None:
        lines += [">", f"> *{pinyin(highlight.quote).strip()}*"]
    if english:
        lines += [">", f"> {english}"]
    lines.append("")
    if highlight.note.strip():
        note_lines = highlight.note.strip().splitlines()
        lines += [f"**Note:** {note_lines[0]}", *note_lines[1:], ""]
    lines += ["---", ""]
    return lines


def _covered_translation(article: Article, start: int, end: int) -> str | None:
    """The stored English of the sentences that overlap ``[start, end)``, joined; ``None`` if none is known."""
    parts = [
        sentence.translation
        for block in article.blocks
        if block.start < end and start < block.end
        for sentence in block.sentences
        if sentence.start < end and start < sentence.end and sentence.translation
    ]
    return " ".join(parts) if parts else None
