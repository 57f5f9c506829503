"""Issue 13 figures: the structure Reader gives every real document, and web-page main-text scores, in one run.

Run: ``.venv/bin/python -m bench.bench_realdocs`` (reads ``../shared/realdocs``, ``tests/data/realdocs``
and ``bench/data/web_pages``);
``--pages DIR`` adds every page of a checkout of the Chinese Web Content Extraction Dataset (``original/``,
``cleaned/``, ``author/``, ``date/``).

* Books (txt, EPUB): chapters found, first and last chapter titles, lines left out, import time.
* Subtitles: cues, cues with a subtitle translation, notes, lines reported.
* Web pages: character recall and precision of the main text against the hand-marked text (characters compared
  as multisets after NFKC, white space ignored), per page and over all pages (micro average), title, author, date.
* PDF: characters of text for repair, table cells kept whole.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.importers import ImportedSource, import_path
from reader.core.importers.html_page import extract_html
from reader.core.model import BlockKind
from reader.core.repair import CELL_MARK
from reader.core.textio import decode_markup

REPO_ROOT = Path(__file__).resolve().parents[1]
REALDOCS = REPO_ROOT.parent / "shared" / "realdocs"
#: Real documents the test suite carries itself (tests/data/realdocs/SOURCES.md).
OWN_REALDOCS = REPO_ROOT / "tests" / "data" / "realdocs"
WEB_PAGES = Path(__file__).parent / "data" / "web_pages"


def chars(text: str) -> Counter[str]:
    """The non-space characters of ``text`` (NFKC) as a multiset."""
    return Counter(char for char in unicodedata.normalize("NFKC", text) if not char.isspace())


@dataclass(slots=True)
class PageScore:
    """How one page's extracted main text compares with its hand-marked text."""

    name: str
    truth: int
    found: int
    common: int
    title: str | None
    author: str | None
    date: str | None

    @property
    def recall(self) -> float:
        """Share of the hand-marked characters that were extracted."""
        return self.common / max(1, self.truth)

    @property
    def precision(self) -> float:
        """Share of the extracted characters that are in the hand-marked text."""
        return self.common / max(1, self.found)


def score_page(name: str, html_bytes: bytes, truth: str) -> PageScore:
    """Extract ``html_bytes`` as a web page and compare it with ``truth``."""
    html = decode_markup(html_bytes, name=name)
    result = extract_html(html, name=name, page=True)
    found_text = "\n".join(block.text for block in result.blocks.blocks)
    expected, found = chars(truth), chars(found_text)
    common = sum((expected & found).values())
    return PageScore(
        name, sum(expected.values()), sum(found.values()), common, result.title, result.author, result.date
    )


def web_pages(extra: Path | None) -> list[tuple[str, bytes, str]]:
    """(name, HTML bytes, hand-marked text) of every page with ground truth."""
    pages: list[tuple[str, bytes, str]] = []
    for truth_file in sorted(REALDOCS.glob("html_*.gt.txt")):
        html = truth_file.with_name(truth_file.name.removesuffix(".gt.txt") + ".html")
        pages.append((html.name, html.read_bytes(), truth_file.read_text(encoding="utf-8")))
    for meta in sorted(WEB_PAGES.glob("*.json")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        html_bytes = gzip.decompress(meta.with_suffix(".html.gz").read_bytes())
        pages.append((meta.stem[:8], html_bytes, data["text"]))
    if extra is not None:
        # The realdocs pages are dataset pages too (SOURCES.md names their files): count each page once.
        sources = (REALDOCS / "SOURCES.md").read_text(encoding="utf-8")
        known = {name[:8] for name, _, _ in pages} | set(re.findall(r"original/([0-9a-f]{8})", sources))
        for html in sorted((extra / "original").glob("*.html")):
            if html.stem[:8] in known:
                continue
            truth = (extra / "cleaned" / f"{html.stem}.txt").read_text(encoding="utf-8", errors="replace")
            pages.append((html.stem[:8], html.read_bytes(), truth))
    return pages


def report_pages(extra: Path | None) -> None:
    """Print the web-page table and the micro-averaged recall and precision."""
    print("| page | recall | precision | title | author | date |")
    print("| --- | --- | --- | --- | --- | --- |")
    scores: list[PageScore] = []
    skipped: list[str] = []
    for name, html_bytes, truth in web_pages(extra):
        try:
            score = score_page(name, html_bytes, truth)
        except Exception as error:  # an undecodable page is reported, not fatal to the run
            skipped.append(f"{name} ({error})")
            continue
        scores.append(score)
        print(
            f"| {name} | {score.recall:.1%} | {score.precision:.1%} | {score.title or ''} | {score.author or ''} | "
            f"{score.date or ''} |"
        )
    truth_total = sum(s.truth for s in scores)
    found = sum(s.found for s in scores)
    common = sum(s.common for s in scores)
    both = sum(s.recall >= 0.95 and s.precision >= 0.95 for s in scores)
    print(
        f"\n**{len(scores)} pages: recall {common / truth_total:.1%}, precision {common / found:.1%}** (characters "
        f"over all pages); {both} pages have both ≥ 95 %."
    )
    for name in skipped:
        print(f"- skipped {name}")


def describe(source: ImportedSource) -> str:
    """A one-line summary of an imported document's structure."""
    sections = [s for s in source.sections if s.blocks]
    if source.kind.value == "subtitles":
        blocks = [b for s in sections for b in s.blocks]
        cues = [b for b in blocks if b.kind is BlockKind.PARAGRAPH]
        translated = sum(1 for b in cues if b.translation)
        notes = sum(1 for b in blocks if b.kind is BlockKind.NOTE)
        return f"{len(cues)} cues, {translated} with a subtitle translation, {notes} notes"
    if source.book is not None:
        first, last = sections[0].title, sections[-1].title
        author = f", author {source.book.author}" if source.book.author else ""
        return f"book “{source.book.title}”{author}: {len(sections)} chapters, “{first}” … “{last}”"
    if source.raw_text is not None:
        cells = source.raw_text.count(CELL_MARK)
        table = f", {cells:,} table cells kept whole" if cells else ""
        return f"{len(source.raw_text):,} characters of text for repair{table}"
    blocks = [b for s in sections for b in s.blocks]
    headings = sum(1 for b in blocks if b.kind is BlockKind.HEADING)
    return f"{len(sections)} article(s), {len(blocks)} blocks ({headings} headings), title “{source.title}”"


def _own_structure(html: str) -> str:
    """Reader's extraction without readability (the page's own structure only): the baseline."""
    import reader.core.importers.html_page as html_page

    share = html_page.READABILITY_MIN_SHARE
    enough = html_page.READABILITY_ENOUGH
    html_page.READABILITY_MIN_SHARE, html_page.READABILITY_ENOUGH = float("inf"), 10**12
    try:
        result = html_page.extract_html(html, name="page", page=True)
        return "\n".join(block.text for block in result.blocks.blocks)
    finally:
        html_page.READABILITY_MIN_SHARE, html_page.READABILITY_ENOUGH = share, enough


def compare_extractors(extra: Path | None) -> None:
    """Micro recall/precision of the candidate libraries alone, to show why readability-lxml was chosen."""
    candidates: dict[str, Callable[[str], str]] = {"Reader (page structure only)": _own_structure}
    try:
        from readability import Document

        candidates["readability-lxml alone"] = lambda html: "\n".join(
            block.text
            for block in extract_html(Document(html).summary(html_partial=True), name="p", page=False).blocks.blocks
        )
    except ImportError:
        pass
    try:
        import trafilatura

        candidates["trafilatura 2 (default)"] = lambda html: trafilatura.extract(html, include_tables=True) or ""
        candidates["trafilatura 2 (favor_precision)"] = lambda html: (
            trafilatura.extract(html, include_tables=True, favor_precision=True) or ""
        )
    except ImportError:
        print("(trafilatura is not installed: `pip install trafilatura` to compare it)")
    candidates["**Reader (readability + fallback)**"] = lambda html: "\n".join(
        block.text for block in extract_html(html, name="p", page=True).blocks.blocks
    )
    pages = []
    for name, html_bytes, truth in web_pages(extra):
        try:
            pages.append((decode_markup(html_bytes, name=name), chars(truth)))
        except Exception:  # undecodable: listed as skipped in the page table
            continue
    print("| extractor | recall | precision | pages with both ≥ 95 % | time |")
    print("| --- | --- | --- | --- | --- |")
    for label, extract in candidates.items():
        truth_total = found_total = common_total = both = 0
        started = time.perf_counter()
        for html, expected in pages:
            try:
                found = chars(extract(html))
            except Exception:  # a library failing on a page scores nothing for it
                found = Counter()
            common = sum((expected & found).values())
            truth_total += sum(expected.values())
            found_total += sum(found.values())
            common_total += common
            both += common >= 0.95 * sum(expected.values()) and common >= 0.95 * sum(found.values())
        elapsed = time.perf_counter() - started
        print(
            f"| {label} | {common_total / truth_total:.1%} | {common_total / max(1, found_total):.1%} | "
            f"{both} of {len(pages)} | {elapsed:.1f} s |"
        )


def report_documents() -> None:
    """Print one row per real document: what it became, the lines left out, the import time."""
    print("| file | structure | lines left out | import |")
    print("| --- | --- | --- | --- |")
    for path in sorted([*REALDOCS.iterdir(), *OWN_REALDOCS.iterdir()], key=lambda path: path.name):
        if path.name == "SOURCES.md" or path.name.endswith(".gt.txt") or path.suffix == ".html":
            continue
        started = time.perf_counter()
        source = import_path(path)
        elapsed = time.perf_counter() - started
        reasons = Counter(line.reason for line in source.dropped)
        left_out = ", ".join(f"{count} {reason}" for reason, count in reasons.most_common()) or "none"
        print(f"| {path.name} | {describe(source)} | {left_out} | {elapsed:.2f} s |")


def main(argv: list[str] | None = None) -> None:
    """Score the corpus and print Markdown for bench/RESULTS.md."""
    parser = argparse.ArgumentParser(prog="python -m bench.bench_realdocs")
    parser.add_argument("--pages", type=Path, help="a checkout of the Chinese Web Content Extraction Dataset")
    parser.add_argument("--compare", action="store_true", help="also score readability-lxml and trafilatura alone")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not REALDOCS.is_dir():
        print(f"{REALDOCS} is missing: nothing to score.")
        return
    report_documents()
    print()
    report_pages(args.pages)
    if args.compare:
        print()
        compare_extractors(args.pages)


if __name__ == "__main__":
    main()
