"""``reader deck add|list|remove|export|known``: the vocabulary deck and known words from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.commands.common import user_store
from reader.core.errors import InputError
from reader.core.export import AnkiLayout, ExportFormat, ExportOptions, FormOrder, export_deck
from reader.core.export.anki_csv import DEFAULT_DECK_NAME
from reader.core.export.pleco import DEFAULT_CATEGORY
from reader.core.known_words import (
    hsk_words,
    import_known,
    parse_levels,
    read_anki_export,
    read_word_list,
)
from reader.core.paths import resolve_user_paths
from reader.core.pinyin.styles import PinyinStyle
from reader.core.store.deck import Deck, DeckEntry, DeckQuery, SortField
from reader.core.store.library import ArticleNotFoundError, Library
from reader.core.store.words import ENTRY_STATUSES, WordStatus, WordStatuses
from reader.core.usecases.deck import WordContext, add_word
from reader.core.usecases.words import mark_words

if TYPE_CHECKING:
    from reader.core.dictionary import Dictionary

_STATUS_CHOICES = [status.value for status in ENTRY_STATUSES]

EXPORT_HELP = """\
formats:
  anki-csv   text file for Anki's File > Import (2.1.55+), mapped without any clicks. With --note-type basic
             (default) it fills the stock "Basic" note type: Front = the word, Back = pinyin, meaning, sentence…
             With --note-type reader it fills the "Reader Chinese" note type, which exists in Anki only after
             importing a Reader .apkg once (Anki silently ignores a note type it does not have).
  anki-apkg  Anki package with its own "Reader Chinese" note type (tone-coloured pinyin); import it in Anki.
  csv        spreadsheet CSV (UTF-8), every field of every entry.
  pleco      Pleco flashcard text file (Import Cards), filed under the category given by --pleco-category.
Re-exporting to Anki updates the notes already imported (matched by a key made of word and reading), never
duplicates them."""


def register(subparsers: Any) -> None:
    """Add the ``deck`` subcommand and its actions."""
    deck = subparsers.add_parser(
        "deck", help="the vocabulary deck: add, list, export to Anki/Pleco, import known words"
    )
    actions = deck.add_subparsers(dest="action", metavar="ACTION", required=True)
    _register_add(actions)
    _register_list(actions)
    remove = actions.add_parser("remove", help="delete entries by id")
    remove.add_argument("ids", nargs="+", type=int, metavar="ID")
    remove.set_defaults(handler=run_remove)
    _register_export(actions)
    _register_known(actions)


def _register_add(actions: Any) -> None:
    add = actions.add_parser("add", help="add a word to the deck")
    add.add_argument("word", help="the word in simplified characters")
    add.add_argument(
        "--reading", metavar="PINYIN", help="its reading (yin2 hang2 or yínháng); default: the dictionary's first"
    )
    add.add_argument("--sentence", metavar="TEXT", default="", help="the sentence it was found in")
    add.add_argument("--translation", metavar="TEXT", default="", help="the sentence's translation")
    add.add_argument("--definition", metavar="TEXT", default="", help="its meaning; default: the dictionary's")
    add.add_argument(
        "--traditional", metavar="WORD", default="", help="its traditional form; default: the dictionary's"
    )
    add.add_argument("--article", metavar="ID", type=int, help="library article it comes from")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeat for several)")
    add.add_argument("--note", default="", help="a personal note")
    add.add_argument("--status", choices=_STATUS_CHOICES, default=WordStatus.NEW.value)
    add.add_argument("--json", action="store_true", help="print the new entry as JSON")
    add.set_defaults(handler=run_add)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--status", action="append", choices=_STATUS_CHOICES, default=[], help="repeatable")
    parser.add_argument("--tag", action="append", default=[], help="entries with this tag (repeat: all of them)")
    parser.add_argument("--article", metavar="ID", type=int, help="entries from this library article")


def _register_list(actions: Any) -> None:
    listing = actions.add_parser("list", help="list the deck")
    listing.add_argument("--search", default="", help="hanzi, pinyin (with or without tones) or English")
    _add_filters(listing)
    listing.add_argument("--sort", choices=[field.value for field in SortField], default=SortField.ADDED.value)
    listing.add_argument("--ascending", action="store_true", help="oldest/first first (default: newest first)")
    listing.add_argument("--limit", type=int, help="at most this many entries")
    listing.add_argument("--json", action="store_true", help="print JSON (one object per entry, in a list)")
    listing.set_defaults(handler=run_list)


def _register_export(actions: Any) -> None:
    export = actions.add_parser(
        "export",
        help="write the deck for Anki, a spreadsheet or Pleco",
        description="Export deck entries (all, or the ones the filters select), oldest first.",
        epilog=EXPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--format", required=True, choices=[f.value for f in ExportFormat])
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    _add_filters(export)
    export.add_argument(
        "--since-last-export", action="store_true", help="only entries added or changed since the last export"
    )
    export.add_argument("--deck-name", default=DEFAULT_DECK_NAME, help="Anki deck to import into")
    export.add_argument(
        "--note-type",
        choices=[layout.value for layout in AnkiLayout],
        default=AnkiLayout.BASIC.value,
        help="note type an anki-csv file fills (see below)",
    )
    export.add_argument("--pleco-category", default=DEFAULT_CATEGORY, help="Pleco category of the cards")
    export.add_argument(
        "--hanzi-first",
        choices=[order.value for order in FormOrder],
        default=FormOrder.AS_READ.value,
        help="which form of a word comes first: the script it was read in (default), simplified or traditional",
    )
    export.add_argument(
        "--pinyin-style",
        choices=[style.value for style in PinyinStyle],
        default=PinyinStyle.MARKS.value,
        help="how Anki cards and the CSV's pinyin_shown column write pinyin (Pleco files always use tone numbers)",
    )
    export.set_defaults(handler=run_export)


def _register_known(actions: Any) -> None:
    known = actions.add_parser("known", help="mark words you already know (HSK levels, word lists, Anki)")
    sources = known.add_subparsers(dest="source", metavar="SOURCE", required=True)
    hsk = sources.add_parser("hsk", help="every word of some HSK 3.0 levels")
    hsk.add_argument("levels", help="levels such as 1-3 or 1,2,4 (a single number is that level only)")
    hsk.set_defaults(handler=run_known_hsk)
    words = sources.add_parser("list", help="a plain word list, one word a line (any encoding)")
    words.add_argument("file", type=Path)
    words.set_defaults(handler=run_known_list)
    anki = sources.add_parser("anki", help="one column of an Anki export (Notes in Plain Text, CSV or TSV)")
    anki.add_argument("file", type=Path)
    anki.add_argument(
        "--column", help="column number (from 1) or name from the #columns: line; default: the first note field"
    )
    anki.set_defaults(handler=run_known_anki)
    mark = sources.add_parser("mark", help="mark the given words as known")
    mark.add_argument("words", nargs="+")
    mark.set_defaults(handler=run_known_mark)


def _query(args: argparse.Namespace, **extra: Any) -> DeckQuery:
    return DeckQuery(
        statuses=tuple(WordStatus(s) for s in args.status),
        tags=tuple(args.tag),
        article_id=args.article,
        **extra,
    )


def _dictionary(args: argparse.Namespace) -> Dictionary:
    """The dictionary of the data folder (compiled on first use, several seconds)."""
    from reader.core.dictionary import Dictionary

    return Dictionary.for_paths(resolve_user_paths(args.data_dir).ensure())


def run_add(args: argparse.Namespace) -> int:
    """Add one word (simplified or traditional); print the entry."""
    with user_store(args) as store:
        title = ""
        if args.article is not None:
            try:
                title = Library(store).get_summary(args.article).title
            except ArticleNotFoundError as exc:
                raise InputError(f"The library has no article {args.article}.") from exc
        entry = add_word(
            Deck(store),
            lambda: _dictionary(args),
            args.word,
            reading=args.reading,
            traditional=args.traditional,
            definition=args.definition,
            context=WordContext(
                sentence=args.sentence,
                sentence_translation=args.translation,
                article_id=args.article,
                article_title=title,
            ),
            tags=args.tag,
            status=args.status,
            note=args.note,
        )
    if args.json:
        _print_json(entry.to_json())
    else:
        print(f"#{entry.id} {entry.simplified} {entry.pinyin_marks} added")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print the entries the filters select."""
    query = _query(args, search=args.search, sort=SortField(args.sort), descending=not args.ascending, limit=args.limit)
    with user_store(args) as store:
        entries = Deck(store).query(query)
    if args.json:
        _print_json([entry.to_json() for entry in entries])
    else:
        for entry in entries:
            print(_line(entry))
    return 0


def _line(entry: DeckEntry) -> str:
    definition = " / ".join(line for line in entry.definition.splitlines() if line)
    if len(definition) > 60:
        definition = definition[:59] + "…"
    return f"#{entry.id}\t{entry.simplified}\t{entry.pinyin_marks}\t{entry.status.value}\t{definition}"


def run_remove(args: argparse.Namespace) -> int:
    """Delete entries by id; report the ids that did not exist."""
    with user_store(args) as store:
        deleted = Deck(store).delete(args.ids)
    for entry in deleted:
        print(f"#{entry.id} {entry.simplified} {entry.pinyin_marks} removed")
    missing = sorted(set(args.ids) - {entry.id for entry in deleted})
    if missing:
        raise InputError(f"The deck has no entry {', '.join(f'#{i}' for i in missing)}.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Export the selected entries; print how many went into which file."""
    options = ExportOptions(
        deck_name=args.deck_name,
        anki_layout=AnkiLayout(args.note_type),
        pleco_category=args.pleco_category,
        form_order=FormOrder(args.hanzi_first),
        pinyin_style=PinyinStyle(args.pinyin_style),
    )
    with user_store(args) as store:
        result = export_deck(
            Deck(store),
            ExportFormat(args.format),
            args.output,
            _query(args),
            since_last_export=args.since_last_export,
            options=options,
        )
    since = f" changed since {result.since:%Y-%m-%d %H:%M} UTC" if result.since else ""
    print(f"{result.count} entries{since} written to {result.path} ({result.format.value})")
    return 0


def _run_known(args: argparse.Namespace, words: Iterable[str], source: str) -> int:
    with user_store(args) as store:
        result = import_known(WordStatuses(store), words)
    print(
        f"{result.marked_known} words marked known from {source} "
        f"({result.words_read} read, {result.already_marked} already marked or in the deck)"
    )
    return 0


def run_known_hsk(args: argparse.Namespace) -> int:
    """Mark the words of HSK levels as known."""
    from reader.core.dictionary import HSK_BAND

    levels = parse_levels(args.levels)
    dictionary = _dictionary(args)

    def words_of_level(level: int) -> list[str]:
        """The words of one level; 7, 8 and 9 form one band, which the syllabus (and the dictionary) call 7."""
        return [item.word for item in dictionary.hsk_words([min(level, HSK_BAND)])]

    label = f"HSK {levels[0]}–{levels[-1]}" if len(levels) > 1 else f"HSK {levels[0]}"
    return _run_known(args, hsk_words(levels, words_of_level), label)


def run_known_list(args: argparse.Namespace) -> int:
    """Mark the words of a plain word list as known."""
    return _run_known(args, read_word_list(args.file), args.file.name)


def run_known_anki(args: argparse.Namespace) -> int:
    """Mark the words of one column of an Anki export as known."""
    column: int | str | None = int(args.column) if str(args.column).isdigit() else args.column
    return _run_known(args, read_anki_export(args.file, column), args.file.name)


def run_known_mark(args: argparse.Namespace) -> int:
    """Mark the given words as known."""
    with user_store(args) as store:
        change = mark_words(WordStatuses(store), args.words, WordStatus.KNOWN)
    print(f"{change.count} words marked known")
    return 0


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
