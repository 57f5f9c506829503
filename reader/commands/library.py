"""``reader import FILE...`` and ``reader library list|search|remove|reimport``: the library from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reader.commands.common import user_store
from reader.core.chars import LooksJapaneseError
from reader.core.errors import InputError
from reader.core.importers import import_path
from reader.core.importers.source import ImportedSource
from reader.core.paths import resolve_user_paths
from reader.core.store.annotations import Annotations
from reader.core.store.books import Books, BookSummary
from reader.core.store.library import ArticleSummary, Library
from reader.core.store.search import Search, SearchScope
from reader.core.translation.translator import build_translator
from reader.core.usecases.importing import AddedArticle, ImportOutcome, import_file
from reader.core.usecases.reimport import reimport_from_source


def register(subparsers: Any) -> None:
    """Add the ``import`` and ``library`` subcommands."""
    importer = subparsers.add_parser(
        "import",
        help="add files to the library",
        description="Add each file's articles to the library (identical content is not added twice).",
    )
    importer.add_argument(
        "files", nargs="+", type=Path, help="files to import (txt, EPUB, PDF, DOCX, HTML, Markdown, SRT/VTT)"
    )
    importer.add_argument("--keep-lines", action="store_true", help="every line of a text file is its own paragraph")
    importer.add_argument(
        "--allow-japanese", action="store_true", help="import texts that look Japanese too (with Chinese readings)"
    )
    importer.set_defaults(handler=run_import)

    library = subparsers.add_parser("library", help="list, search or remove library articles")
    actions = library.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the articles")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--sort", choices=["title", "imported", "opened", "progress", "length"], default="imported")
    listing.set_defaults(handler=run_list)
    search = actions.add_parser("search", help="search the text and translations of every article")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--scope", choices=[scope.value for scope in SearchScope], default=SearchScope.ALL.value)
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(handler=run_search)
    remove = actions.add_parser("remove", help="remove an article (or with --book a book and its chapters)")
    remove.add_argument("id", type=int)
    remove.add_argument("--book", action="store_true", help="ID is a book's (as `library list` shows it)")
    remove.add_argument(
        "--with-annotations", action="store_true", help="also delete its highlights and bookmarks (otherwise kept)"
    )
    remove.set_defaults(handler=run_remove)
    reimport = actions.add_parser("reimport", help="read an article's file again, keeping its highlights")
    reimport.add_argument("id", type=int)
    reimport.set_defaults(handler=run_reimport)


def import_path_cli(path: Path, *, allow_japanese: bool = False) -> ImportedSource:
    """:func:`import_path` for the command line: a Japanese-looking text's message names ``--allow-japanese``."""
    try:
        return import_path(path, allow_japanese=allow_japanese)
    except LooksJapaneseError as error:
        raise LooksJapaneseError(f"{error} Add --allow-japanese to open it anyway.") from error


def run_import(args: argparse.Namespace) -> int:
    """Import every file that can be read; print one line per article or book, one ``reader:`` line per failure.

    A bad file does not stop the others: every good file is imported, and the status is 2 if any file failed
    (docs/USER_GUIDE.md, "Importing from the command line"). A book prints one line with its chapters' ids.
    """
    failed = 0
    with user_store(args) as store:
        translator = build_translator(resolve_user_paths(args.data_dir).cache)
        try:
            library = Library(store)
            for path in args.files:
                try:
                    outcome = import_file(
                        library,
                        path,
                        lookup=translator.lookup,
                        lines_as_paragraphs=args.keep_lines,
                        allow_japanese=args.allow_japanese,
                    )
                except LooksJapaneseError as error:
                    failed += 1
                    print(f"reader: {error} Add --allow-japanese to open it anyway.", file=sys.stderr, flush=True)
                    continue
                except InputError as error:
                    failed += 1
                    print(f"reader: {error}", file=sys.stderr, flush=True)
                    continue
                _print_outcome(outcome)
        finally:
            translator.close()
    return 2 if failed else 0


def _print_outcome(outcome: ImportOutcome) -> None:
    """One line per single article; one line per book, naming its chapters' ids (``reader library list``)."""
    in_book: dict[int, list[AddedArticle]] = {}
    for article in outcome.articles:
        if article.book_id is None:
            note = f"{article.char_count:,} characters" if article.new else "already in the library"
            print(f"#{article.id} {article.title} ({note})")
        else:
            in_book.setdefault(article.book_id, []).append(article)
    for book_id, title in outcome.books:
        chapters = in_book.get(book_id, [])
        chars = sum(chapter.char_count for chapter in chapters)
        ids = f"#{chapters[0].id}–#{chapters[-1].id}" if len(chapters) > 1 else f"#{chapters[0].id}" if chapters else ""
        state = "" if any(chapter.new for chapter in chapters) else ", already in the library"
        print(f"Book {book_id} {title}: {len(chapters)} chapters {ids} ({chars:,} characters{state})")


def _summary_json(summary: ArticleSummary, book: BookSummary | None = None) -> dict[str, Any]:
    return {
        "id": summary.id,
        "title": summary.title,
        "source_path": summary.source.path,
        "source_kind": summary.source.kind,
        "imported_at": summary.imported_at.isoformat(),
        "opened_at": summary.opened_at.isoformat() if summary.opened_at else None,
        "characters": summary.char_count,
        "progress": round(summary.progress, 4),
        "tags": list(summary.tags),
        "book_id": summary.book_id,
        "book_title": book.title if book is not None else None,
        "chapter_index": summary.chapter_index,
    }


def run_list(args: argparse.Namespace) -> int:
    """Print the library, one article a line, a book's chapters indented under it in reading order (or JSON)."""
    with user_store(args) as store:
        entries = Books(Library(store)).list_entries(args.sort)
    if args.json:
        rows = []
        for entry in entries:
            if isinstance(entry, BookSummary):
                rows += [_summary_json(chapter, entry) for chapter in entry.chapters]
            else:
                rows.append(_summary_json(entry))
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for entry in entries:
        if isinstance(entry, BookSummary):
            author = f" ({entry.author})" if entry.author else ""
            read = f"{entry.chapters_read}/{len(entry.chapters)} chapters read"
            chars = f"{entry.char_count:,} chars"
            print(f"Book {entry.id}\t{entry.title}{author}\t{chars}\t{read}\t{entry.imported_at:%Y-%m-%d}")
            for chapter in entry.chapters:
                print(f"  #{chapter.id}\t{chapter.title}\t{chapter.char_count:,} chars\t{chapter.progress:.0%} read")
            continue
        read = f"{entry.progress:.0%} read"
        print(f"#{entry.id}\t{entry.title}\t{entry.char_count:,} chars\t{read}\t{entry.imported_at:%Y-%m-%d}")
    if not entries:
        print("The library is empty; add files with `reader import FILE`.", file=sys.stderr)
    return 0


def run_search(args: argparse.Namespace) -> int:
    """Print the sentences that match the query, with their article."""
    with user_store(args) as store:
        hits = Search(store).search(args.query, limit=args.limit, scope=args.scope)
    if args.json:
        rows = [
            {
                "article_id": h.article_id,
                "title": h.title,
                "block_index": h.block_index,
                "start": h.start,
                "end": h.end,
                "sentence": h.sentence,
                "translation": h.translation,
                "note": h.note,
            }
            for h in hits
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for hit in hits:
        sentence = hit.sentence.strip()
        where = f"#{hit.article_id} {hit.title}"
        extra = f"  ({hit.translation})" if hit.translation else f"  (note: {hit.note})" if hit.note else ""
        print(f"{where}: {sentence}{extra}")
    if not hits:
        print(f"No matches for {args.query!r}.", file=sys.stderr)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove one article or book (highlights and bookmarks only with ``--with-annotations``)."""
    with user_store(args) as store:
        library = Library(store)
        if args.book:
            books = Books(library)
            book = books.get_book(args.id)
            title = f"book {args.id} {book.title} ({len(book.chapters)} chapters)"
            gone = books.delete_book(args.id, with_annotations=args.with_annotations)
        else:
            title = f"#{args.id} {library.get_summary(args.id).title}"
            gone = library.delete_article(args.id, with_annotations=args.with_annotations)
    if gone:
        print(f"Removed {title}.")
    else:
        print(f"Removed {title} from the list; its highlights and bookmarks are kept.")
    return 0


def run_reimport(args: argparse.Namespace) -> int:
    """Re-import one article from its file and say what happened to its highlights and bookmarks."""
    with user_store(args) as store:
        library = Library(store)
        report = reimport_from_source(library, Annotations(store), args.id)
        title = library.get_summary(args.id).title
    print(
        f"Re-imported #{args.id} {title}: {report.kept} highlights in place, {report.moved} moved, "
        f"{len(report.orphaned)} no longer found; {report.bookmarks_moved} bookmarks moved, "
        f"{len(report.bookmarks_orphaned)} no longer found."
    )
    for highlight in report.orphaned:
        print(f"  not found: “{highlight.quote}”")
    return 0
