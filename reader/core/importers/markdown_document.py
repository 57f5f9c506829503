"""Markdown: rendered to HTML by markdown-it-py, then read like an EPUB chapter (headings stay headings).

markdown-it-py (CommonMark, with tables, footnotes and definition lists) takes time linear in the input, where
Python-Markdown took quadratic time on runs of brackets (``'[' * 50000``: past 120 s; bench/RESULTS.md,
"Reliability"). Its inline pass, the costly one, runs block by block here, very long blocks in slices of
:data:`INLINE_SLICE` characters, polling the import's cancel flag between them, so Cancel stops it promptly.

Front matter (a ``---`` block at the top) is not text; its ``title:`` is the document title. Raw HTML inside
Markdown passes through the renderer and is then read by the same extractor as web pages, so scripts and styles
are dropped and never run.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from reader.core.errors import InputError
from reader.core.textio import decode_text

from .blocks import clean_title
from .html_page import extract_html
from .progress import ImportCancelledError, ImportMonitor
from .source import FileInput, ImportedSource, SourceKind

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title\s*:\s*(.+?)\s*$", re.MULTILINE)
#: Characters of one block's inline markup parsed at a time (a longer paragraph is parsed in slices).
INLINE_SLICE = 20_000
_MONITOR_KEY = "reader_import_monitor"


def _inline_in_steps(state: StateCore) -> None:
    """markdown-it's inline rule, block by block and slice by slice, checking for Cancel between them."""
    monitor: ImportMonitor | None = state.env.get(_MONITOR_KEY)
    inline = [token for token in state.tokens if token.type == "inline"]
    for done, token in enumerate(inline):
        children: list[Token] = []
        content = token.content
        for start in range(0, max(len(content), 1), INLINE_SLICE):
            if monitor is not None:
                monitor.advance(done / max(len(inline), 1))
            piece: list[Token] = []
            state.md.inline.parse(content[start : start + INLINE_SLICE], state.md, state.env, piece)
            children.extend(piece)
        token.children = children


def _build_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True}).enable("table").use(footnote_plugin).use(deflist_plugin)
    parser.core.ruler.at("inline", _inline_in_steps)
    return parser


_PARSER = _build_parser()


def import_markdown(file: FileInput, monitor: ImportMonitor) -> ImportedSource:
    """Read a Markdown file into one section of headings and paragraphs."""
    text = decode_text(file.data, name=file.name)
    front_title, body = split_front_matter(text)
    monitor.advance(0.1)
    html = render_markdown(body, monitor.step(0.1, 0.7), name=file.name)
    monitor.advance(0.7)
    extracted = extract_html(html, name=file.name, page=False)
    if not extracted.blocks.blocks:
        raise InputError(f"{file.name} contains no text.")
    section = extracted.blocks.section(front_title)
    return ImportedSource(section.title or file.stem, SourceKind.MARKDOWN, sections=[section])


def render_markdown(text: str, monitor: ImportMonitor | None = None, *, name: str = "The text") -> str:
    """Render Markdown to HTML in linear time; ``monitor`` gets progress and may cancel between blocks."""
    env: dict[str, Any] = {_MONITOR_KEY: monitor}
    try:
        tokens = _PARSER.parse(text, env)
        return str(_PARSER.renderer.render(tokens, _PARSER.options, env))
    except ImportCancelledError:
        raise
    except Exception as error:  # RecursionError on absurd nesting, or a bug in a plugin on odd input
        raise InputError(f"{name} could not be read as Markdown.") from error


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Return the front matter's title (or ``None``) and the Markdown after the front matter."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, text
    title = _FRONT_TITLE.search(match.group(1))
    value = title.group(1).strip("\"'") if title else None
    return clean_title(value), text[match.end() :]
