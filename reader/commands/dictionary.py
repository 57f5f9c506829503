"""``reader dict WORD|--pinyin Q|--english Q``: look words up in the offline dictionary from a terminal."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.core.chars import has_han
from reader.core.dictionary import Dictionary, Entry, hsk_label
from reader.core.dictionary.entries import Decomposition
from reader.core.errors import InputError
from reader.core.paths import resolve_user_paths
from reader.core.pinyin.styles import PinyinStyle, format_syllable, numbers_to_marks

#: Senses printed per entry in the terminal (``--json`` gives them all).
MAX_SENSES = 6


def register(subparsers: Any) -> None:
    """Add the ``dict`` subcommand."""
    parser = subparsers.add_parser(
        "dict",
        help="look up a word, or search by pinyin or English (offline CC-CEDICT)",
        description=(
            "Look up Chinese words in the offline dictionary (CC-CEDICT with HSK levels). A text that is not one "
            "word is cut into the longest dictionary words."
        ),
    )
    parser.add_argument("word", nargs="?", help="a word or phrase in simplified or traditional characters")
    query = parser.add_mutually_exclusive_group()
    query.add_argument("--pinyin", metavar="Q", help="search by reading: xuexi, xue2xi2 or xué xí")
    query.add_argument("--english", metavar="Q", help="search by English word(s): learn, train station")
    query.add_argument(
        "--load-cedict", metavar="FILE", help="replace the dictionary with a newer CC-CEDICT file (cedict_ts.u8)"
    )
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N search results (default 20)")
    parser.add_argument(
        "--pinyin-style", choices=[style.value for style in PinyinStyle], default=PinyinStyle.MARKS.value
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the lookup or search and print the results."""
    given = [value for value in (args.word, args.pinyin, args.english, args.load_cedict) if value]
    if len(given) != 1:
        raise InputError("Give one word, or one of --pinyin, --english or --load-cedict.")
    if args.limit < 1:
        raise InputError("--limit must be at least 1.")
    dictionary = Dictionary.for_paths(resolve_user_paths(args.data_dir).ensure())
    style = PinyinStyle(args.pinyin_style)
    if args.load_cedict:
        return _load(dictionary, Path(args.load_cedict), args.json)
    dictionary.open(_progress(args.json))
    if args.word:
        word = args.word.strip()
        if not word:
            raise InputError("The word is empty.")
        payload = _word_payload(dictionary, word)
    elif args.pinyin:
        payload = {
            "query": args.pinyin,
            "mode": "pinyin",
            "results": _entries(dictionary.search_pinyin(args.pinyin, args.limit)),
        }
    else:
        payload = {
            "query": args.english,
            "mode": "english",
            "results": _entries(dictionary.search_english(args.english, args.limit)),
        }
    if args.json:
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(payload, style))
    return 0


def _progress(quiet: bool) -> Callable[[int, int], None]:
    """Show the compilation's progress on a terminal (first run, or a newly loaded file)."""

    def progress(done: int, total: int) -> None:
        if quiet or not sys.stderr.isatty():
            return
        sys.stderr.write(f"\rCompiling the dictionary (first use)… {100 * done // max(total, 1)}%")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return progress


def _load(dictionary: Dictionary, path: Path, as_json: bool) -> int:
    info = dictionary.replace_from_file(path, _progress(as_json))
    if as_json:
        json.dump({"entries": info.entries, "cedict_date": info.cedict_date, "source": info.source}, sys.stdout)
        sys.stdout.write("\n")
    else:
        date = f" (CC-CEDICT {info.cedict_date})" if info.cedict_date else ""
        print(f"Dictionary replaced: {info.entries:,} entries{date}.")
    return 0


def _word_payload(dictionary: Dictionary, word: str) -> dict[str, Any]:
    """Entries of ``word``; if it is not a headword, the longest dictionary words it is made of."""
    entries = dictionary.lookup(word)
    if entries or not has_han(word):
        payload: dict[str, Any] = {"query": word, "mode": "word", "results": _entries(entries)}
        if len(word) == 1 and (decomposition := dictionary.decomposition(word)) is not None:
            payload["decomposition"] = _decomposition(decomposition)
        return payload
    words = []
    position = 0
    while position < len(word):
        match = dictionary.longest_match(word, position)
        if match is None:
            position += 1
            continue
        words.append({"word": match.word, "start": match.start, "results": _entries(list(match.entries))})
        position = match.end
    return {"query": word, "mode": "words", "words": words}


def _entries(entries: list[Entry]) -> list[dict[str, Any]]:
    return [
        {
            "simplified": entry.simplified,
            "traditional": entry.traditional,
            "pinyin": entry.pinyin_numbers,
            "pinyin_marks": entry.pinyin_marks,
            "senses": list(entry.senses),
            "hsk_level": entry.hsk_level,
            "frequency_rank": entry.frequency_rank,
        }
        for entry in entries
    ]


def _decomposition(decomposition: Decomposition) -> dict[str, Any]:
    return {
        "layout": decomposition.layout,
        "components": list(decomposition.components),
        "radicals": list(decomposition.radicals),
        "meanings": dict(decomposition.meanings),
    }


# ---------------------------------------------------------------------------------------------------------------
# Terminal output


def render(payload: dict[str, Any], style: PinyinStyle) -> str:
    """The payload as text for a terminal: one block per headword, one line per reading."""
    if payload["mode"] == "words":
        blocks = [_render_entries(item["results"], style) for item in payload["words"]]
        text = "\n".join(blocks)
    else:
        text = _render_entries(payload["results"], style)
    if not text:
        return f"No dictionary entry for {payload['query']!r}.\n"
    decomposition = payload.get("decomposition")
    if decomposition:
        parts = " + ".join(
            f"{part} ({decomposition['meanings'][part]})" if part in decomposition["meanings"] else part
            for part in decomposition["components"]
        )
        text += f"  parts ({decomposition['layout']}): {parts}\n"
    return text


def _render_entries(entries: list[dict[str, Any]], style: PinyinStyle) -> str:
    lines: list[str] = []
    current = None
    for entry in entries:
        head = entry["simplified"]
        if entry["traditional"] != head:
            head += f" ({entry['traditional']})"
        if head != current:
            facts = [label for label in (hsk_label(entry["hsk_level"]),) if label]
            if entry["frequency_rank"]:
                facts.append(f"frequency #{entry['frequency_rank']:,}")
            lines.append(head + (f"  [{', '.join(facts)}]" if facts else ""))
            current = head
        reading = " ".join(_syllable(s, style) for s in entry["pinyin"].split())
        senses = entry["senses"][:MAX_SENSES]
        more = len(entry["senses"]) - len(senses)
        lines.append(f"  {reading}  " + "; ".join(senses) + (f"; … ({more} more)" if more > 0 else ""))
    return "\n".join(lines) + "\n" if lines else ""


def _syllable(syllable: str, style: PinyinStyle) -> str:
    """A CC-CEDICT syllable in ``style``; letters and names keep their case (Latin letters stay as they are)."""
    if not syllable[-1:].isdigit():
        return syllable
    if style is PinyinStyle.MARKS:
        return numbers_to_marks(syllable)
    return format_syllable(syllable.lower(), style)
