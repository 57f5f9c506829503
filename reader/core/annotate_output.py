"""Serialise an analysed document: the JSON of ``reader annotate --json`` and the interlinear terminal text.

The JSON shape is documented in ``docs/annotate-json.md``; keys beyond the documented ones may be added, never
removed or renamed.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from reader.core.model import Article, Block, Document, Sentence, Token
from reader.core.pinyin.styles import PinyinStyle, format_syllables

if TYPE_CHECKING:  # the importers import the pipeline, which this module must not pull in at run time
    from reader.core.importers import ImportedSource

JSON_FORMAT_VERSION = 1


def document_to_json(
    document: Document, style: PinyinStyle = PinyinStyle.MARKS, source: ImportedSource | None = None
) -> dict[str, Any]:
    """Return the document as the JSON-ready dict of the annotate contract.

    With ``source`` (what the document was imported from) the JSON also says where it came from: the source's
    title, format, author and date, the book and each article's chapter when it is a book, and the lines the
    importer left out.
    """
    data: dict[str, Any] = {"format": JSON_FORMAT_VERSION, "pinyin_style": style.value}
    book = source.book if source is not None else None
    if source is not None:
        data["source"] = {
            "title": source.title,
            "kind": source.kind.value,
            "author": source.author,
            "date": source.date,
        }
        data["book"] = (
            {"title": book.title, "author": book.author, "blurb": book.blurb, "chapters": len(document.articles)}
            if book is not None
            else None
        )
        data["dropped"] = [{"line": d.line, "text": d.text, "reason": d.reason} for d in source.dropped]
    parts = [section.part for section in source.sections if section.blocks] if book is not None and source else []
    data["articles"] = [
        _article(article, style, _chapter(index, article, parts) if book is not None else None)
        for index, article in enumerate(document.articles)
    ]
    return data


def _chapter(index: int, article: Article, parts: list[str | None]) -> dict[str, Any]:
    return {"index": index + 1, "title": article.title, "part": parts[index] if index < len(parts) else None}


def _article(article: Article, style: PinyinStyle, chapter: dict[str, Any] | None) -> dict[str, Any]:
    return {"title": article.title, "chapter": chapter, "blocks": [_block(block, style) for block in article.blocks]}


def _block(block: Block, style: PinyinStyle) -> dict[str, Any]:
    return {
        "kind": block.kind.value,
        "role": block.role.value,
        "text": block.text,
        "start": block.start,
        "cue": {"start_ms": block.cue.start_ms, "end_ms": block.cue.end_ms} if block.cue is not None else None,
        "sentences": [_sentence(sentence, style) for sentence in block.sentences],
    }


def _sentence(sentence: Sentence, style: PinyinStyle) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "start": sentence.start,
        "translation": sentence.translation,
        "translation_source": sentence.translation_source,
        "tokens": [_token(token, style) for token in sentence.tokens],
    }


def _token(token: Token, style: PinyinStyle) -> dict[str, Any]:
    return {
        "text": token.text,
        "pinyin": format_syllables(token.pinyin, style) if token.pinyin is not None else None,
        "in_dictionary": token.in_dictionary,
    }


# ---------------------------------------------------------------------------------------------------------------
# Interlinear text for a terminal


def cell_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - cell_width(text))


def render_interlinear(document: Document, style: PinyinStyle = PinyinStyle.MARKS, width: int = 80) -> str:
    """Return the document as text with a pinyin line above each line of words, wrapped to ``width`` columns."""
    out: list[str] = []
    for index, article in enumerate(document.articles):
        if index:
            out.append("")
        out.append(f"=== {article.title or f'Article {index + 1} (no title)'} ===")
        for block in article.blocks:
            out.append("")
            out.extend(_render_block(block, style, width))
    return "\n".join(out) + "\n"


def _render_block(block: Block, style: PinyinStyle, width: int) -> list[str]:
    lines: list[str] = []
    pinyin_line, hanzi_line, used = "", "", 0
    for sentence in block.sentences:
        for token in sentence.tokens or [Token(sentence.text)]:
            hanzi = token.text.strip() or " "
            syllables = format_syllables(token.pinyin, style) if token.pinyin else []
            reading = "".join(s or "" for s in syllables)
            cell = max(cell_width(hanzi), cell_width(reading)) + 1
            if used + cell > width and used:
                lines.extend([pinyin_line.rstrip(), hanzi_line.rstrip()])
                pinyin_line, hanzi_line, used = "", "", 0
            pinyin_line += _pad(reading, cell)
            hanzi_line += _pad(hanzi, cell)
            used += cell
    if used:
        lines.extend([pinyin_line.rstrip(), hanzi_line.rstrip()])
    label = {"heading": "#", "note": "(note)"}.get(block.kind.value, "")
    if label and lines:
        lines.insert(0, label)
    translations = [s.translation for s in block.sentences if s.translation]
    if translations:
        source = next((s.translation_source for s in block.sentences if s.translation_source), None)
        lines.append(f"  EN ({source}): {' '.join(translations)}" if source else f"  EN: {' '.join(translations)}")
    return lines
