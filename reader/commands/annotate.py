"""``reader annotate PATH|-``: print the analysed text (JSON or interlinear) for scripts and terminals."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reader.commands.library import import_path_cli
from reader.core.annotate_output import document_to_json, render_interlinear
from reader.core.chars import LooksJapaneseError
from reader.core.errors import InputError
from reader.core.importers import ImportedSource, import_pasted
from reader.core.model import Article
from reader.core.paths import resolve_user_paths
from reader.core.pinyin.styles import (
    PinyinStyle,
    ToneOptions,
    display_readings,
)
from reader.core.pipeline import structure_source
from reader.core.script import CharacterForm, convert_article
from reader.core.services import build_services
from reader.core.textio import MAX_TEXT_BYTES, decode_text, format_size


def register(subparsers: Any) -> None:
    """Add the ``annotate`` subcommand."""
    parser = subparsers.add_parser(
        "annotate",
        help="print a text with words, pinyin and translations",
        description="Analyse a Chinese text and print it: pinyin over words for a terminal, or JSON.",
    )
    parser.add_argument("path", help="file to analyse (txt, EPUB, PDF, DOCX, HTML, Markdown, SRT/VTT), or - for stdin")
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/annotate-json.md)")
    parser.add_argument(
        "--keep-lines", action="store_true", help="treat every input line as its own paragraph (no repair)"
    )
    parser.add_argument(
        "--pinyin-style", choices=[style.value for style in PinyinStyle], default=PinyinStyle.MARKS.value
    )
    parser.add_argument(
        "--citation-tones",
        action="store_true",
        help="give every character its own tone instead of the dictionary's neutral tones (知识 zhīshí, not zhīshi)",
    )
    parser.add_argument("--tone-sandhi", action="store_true", help="show spoken tones of 一, 不 and third-tone pairs")
    parser.add_argument("--no-translate", action="store_true", help="leave translations out")
    parser.add_argument(
        "--script",
        choices=["as-written", "simplified", "traditional", "traditional-tw", "traditional-hk"],
        default="as-written",
        help="print the characters converted (traditional = Taiwan standard); words, pinyin and offsets stay the same",
    )
    parser.add_argument(
        "--allow-japanese", action="store_true", help="annotate a text that looks Japanese (with Chinese readings)"
    )
    parser.set_defaults(handler=run)


def read_input(path: str, *, allow_japanese: bool = False) -> ImportedSource:
    """Read the input to annotate: a file of any supported format, or for ``-`` text from standard input."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        if len(data) > MAX_TEXT_BYTES:
            raise InputError(f"The input is larger than {format_size(MAX_TEXT_BYTES)}, Reader's limit.")
        try:
            return import_pasted(decode_text(data, name="The input"), allow_japanese=allow_japanese)
        except LooksJapaneseError as error:
            raise LooksJapaneseError(f"{error} Add --allow-japanese to annotate it anyway.") from error
    return import_path_cli(Path(path), allow_japanese=allow_japanese)


def tone_options(args: argparse.Namespace) -> ToneOptions:
    """The tone display options asked for on the command line (the GUI's View ▸ Pinyin options)."""
    return ToneOptions(PinyinStyle(args.pinyin_style), args.citation_tones, args.tone_sandhi)


def apply_tone_options(article: Article, options: ToneOptions, char_readings: Callable[[str], Sequence[str]]) -> None:
    """Rewrite the article's pinyin with the tone display options, as the reading view shows it."""
    for block in article.blocks:
        for sentence in block.sentences:
            texts = [token.text for token in sentence.tokens]
            readings = display_readings(texts, [token.pinyin for token in sentence.tokens], options, char_readings)
            for token, reading in zip(sentence.tokens, readings, strict=True):
                token.pinyin = reading


def run(args: argparse.Namespace) -> int:
    """Analyse the input and print it."""
    source = read_input(args.path, allow_japanese=args.allow_japanese)
    services = build_services(resolve_user_paths(args.data_dir))
    if services.dictionary is not None and sys.stderr.isatty() and services.dictionary.needs_compile():
        # Only on a terminal: scripts reading stderr see nothing but errors.
        print("reader: preparing the dictionary (first run only, about 10 seconds)…", file=sys.stderr, flush=True)
    document = structure_source(source, lines_as_paragraphs=args.keep_lines)
    options = tone_options(args)
    for article in document.articles:
        services.analyzer.tokenize(article)
        apply_tone_options(article, options, services.pinyin.char_readings)
    if not args.no_translate:
        services.translate_document(document)  # on the characters as written, so the cache serves both forms
    form = CharacterForm.parse(args.script)
    for article in document.articles:
        convert_article(article, form)
    style = options.style
    if args.json:
        json.dump(document_to_json(document, style, source), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        width = shutil.get_terminal_size((100, 24)).columns
        sys.stdout.write(render_interlinear(document, style, width))
    return 0
