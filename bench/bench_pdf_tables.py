"""What finding ruled tables costs a PDF import: pypdf's plain text layer against the text layer read with positions.

Run: ``.venv/bin/python -m bench.bench_pdf_tables [PDF ...]`` (default: every PDF in ``../shared/realdocs`` and
``tests/data/realdocs``).
For each file: pages, tables and cells found, time of ``page.extract_text()`` for all pages (what the importer did
before) and of :func:`read_page` + :func:`page_items` (what it does now), best of three.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from reader.core.importers.pdf_tables import Table, page_items, read_page

REPO = Path(__file__).resolve().parents[1]
FOLDERS = (REPO.parent / "shared" / "realdocs", REPO / "tests" / "data" / "realdocs")


def best_of_three(action: Callable[[], object]) -> float:
    """The shortest of three timed runs of ``action`` (a callable), in seconds."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(path: Path) -> str:
    """One Markdown table row for ``path``."""
    pages = PdfReader(path).pages
    plain = best_of_three(lambda: [page.extract_text() for page in pages])
    with_tables = best_of_three(lambda: [page_items(*read_page(page)) for page in pages])
    found = [item for page in pages for item in (page_items(*read_page(page)) or []) if isinstance(item, Table)]
    cells = sum(len(table.cells) for table in found)
    return (
        f"| {path.name} | {len(pages)} | {len(found)} | {cells} | {plain:.2f} s | {with_tables:.2f} s "
        f"| {with_tables / max(plain, 1e-9) - 1:+.0%} |"
    )


def main(argv: list[str]) -> None:
    """Print the table for the files named on the command line, or for the real-document corpus."""
    paths = [Path(arg) for arg in argv] or sorted(path for folder in FOLDERS for path in folder.glob("*.pdf"))
    print("| file | pages | tables (page parts) | cells | extract_text | with tables | extra |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for path in paths:
        print(measure(path))


if __name__ == "__main__":
    main(sys.argv[1:])
