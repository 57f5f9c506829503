"""``reader import FILE...`` and ``reader library list|search|remove|reimport``: the library from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reader.core.errors import InputError
from reader.core.importers import import_path
from reader.core.importers.source import ImportedSource
from reader.core.model import Article
from reader.core.paths import resolve_user_paths
from reader.core.pipeline import LooksJapaneseError, structure_source
from reader.core.store.annotations import Annotations
from reader.core.store.db import Store, open_store
from reader.core.store.library import ArticleSource, ArticleSummary, Library, content_hash
from reader.core.store.reimport import reimport_from_source
from reader.core.store.search import Search, SearchScope


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
    remove = actions.add_parser("remove", help="remove an article")
    remove.add_argument("id", type=int)
    remove.add_argument(
        "--with-annotations", action="store_true", help="also delete its highlights and bookmarks (otherwise kept)"
    )
    remove.set_defaults(handler=run_remove)
    reimport = actions.add_parser("reimport", help="read an article's file again, keeping its highlights")
    reimport.add_argument("id", type=int)
    reimport.set_defaults(handler=run_reimport)


def _open(args: argparse.Namespace) -> Store:
    return open_store(resolve_user_paths(args.data_dir).database)


def read_articles(path: Path, *, keep_lines: bool = False, allow_japanese: bool = False) -> tuple[list[Article], str]:
    """Read a file of any supported format; return its articles (structured, not tokenized) and its format."""
    source = import_path_cli(path, allow_japanese=allow_japanese)
    articles = structure_source(source, lines_as_paragraphs=keep_lines).articles
    for article in articles:
        if not article.title:
            article.title = source.title
    return articles, source.kind.value


def import_path_cli(path: Path, *, allow_japanese: bool = False) -> ImportedSource:
    """:func:`import_path` for the command line: a Japanese-looking text's message names ``--allow-japanese``."""
    try:
        return import_path(path, allow_japanese=allow_japanese)
    except LooksJapaneseError as error:
        raise LooksJapaneseError(f"{error} Add --allow-japanese to open it anyway.") from error


def run_import(args: argparse.Namespace) -> int:
    """Import every file that can be read; print one line per article, one ``reader:`` line per file that failed.

    A bad file does not stop the others: every good file is imported, and the status is 2 if any file failed
    (docs/USER_GUIDE.md, "Importing from the command line").
    """
    store = _open(args)
    failed = 0
    try:
        library = Library(store)
        for path in args.files:
            try:
                articles, kind = read_articles(path, keep_lines=args.keep_lines, allow_japanese=args.allow_japanese)
            except InputError as error:
                failed += 1
                print(f"reader: {error}", file=sys.stderr, flush=True)
                continue
            for index, article in enumerate(articles):
                existing = library.find_by_hash(content_hash(article.text))
                if existing is not None:
                    print(f"#{existing} {library.get_summary(existing).title} (already in the library)")
                    continue
                source = ArticleSource(str(path.resolve()), kind, index)
                article_id = library.add_article(article, source)
                print(f"#{article_id} {library.get_summary(article_id).title} ({len(article.text):,} characters)")
    finally:
        store.close()
    return 2 if failed else 0


def _summary_json(summary: ArticleSummary) -> dict[str, Any]:
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
    }


def run_list(args: argparse.Namespace) -> int:
    """Print the library, one article a line (or JSON)."""
    store = _open(args)
    try:
        summaries = Library(store).list_articles(args.sort)
    finally:
        store.close()
    if args.json:
        json.dump([_summary_json(s) for s in summaries], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for summary in summaries:
        read = f"{summary.progress:.0%} read"
        print(f"#{summary.id}\t{summary.title}\t{summary.char_count:,} chars\t{read}\t{summary.imported_at:%Y-%m-%d}")
    if not summaries:
        print("The library is empty; add files with `reader import FILE`.", file=sys.stderr)
    return 0


def run_search(args: argparse.Namespace) -> int:
    """Print the sentences that match the query, with their article."""
    store = _open(args)
    try:
        hits = Search(store).search(args.query, limit=args.limit, scope=args.scope)
    finally:
        store.close()
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
            }
            for h in hits
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for hit in hits:
        sentence = hit.sentence.strip()
        where = f"#{hit.article_id} {hit.title}"
        print(f"{where}: {sentence}" + (f"  ({hit.translation})" if hit.translation else ""))
    if not hits:
        print(f"No matches for {args.query!r}.", file=sys.stderr)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove one article (its highlights and bookmarks only with ``--with-annotations``)."""
    store = _open(args)
    try:
        library = Library(store)
        title = library.get_summary(args.id).title
        gone = library.delete_article(args.id, with_annotations=args.with_annotations)
    finally:
        store.close()
    if gone:
        print(f"Removed #{args.id} {title}.")
    else:
        print(f"Removed #{args.id} {title} from the list; its highlights and bookmarks are kept.")
    return 0


def run_reimport(args: argparse.Namespace) -> int:
    """Re-import one article from its file and say what happened to its highlights and bookmarks."""
    store = _open(args)
    try:
        library = Library(store)
        report = reimport_from_source(library, Annotations(store), args.id)
        title = library.get_summary(args.id).title
    finally:
        store.close()
    print(
        f"Re-imported #{args.id} {title}: {report.kept} highlights in place, {report.moved} moved, "
        f"{len(report.orphaned)} no longer found; {report.bookmarks_moved} bookmarks moved, "
        f"{len(report.bookmarks_orphaned)} no longer found."
    )
    for highlight in report.orphaned:
        print(f"  not found: “{highlight.quote}”")
    return 0
