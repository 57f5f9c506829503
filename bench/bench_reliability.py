"""Reliability figures (issue 17): linear-time Markdown, the cost of synchronous=FULL, the mixed-encoding check.

Run: ``.venv/bin/python -m bench.bench_reliability``. Each import case runs in a new process, which reports its
wall time and peak RSS (``ru_maxrss``) over a baseline taken after the imports; the store figures are medians of
per-write times on a database file in a temporary folder (each write its own transaction, as in the app).
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.store.annotations import Annotations
    from reader.core.store.deck import Deck

#: Markdown inputs that took quadratic time with Python-Markdown (``'[' * 50000``: past 120 s).
MARKDOWN_CASES = {
    "'中文测试。' + '[' * 50000": "中文测试。" + "[" * 50_000,
    "20 KB of unclosed brackets": "中文测试。" + "[" * 20_000,
    "'中文测试。' + '[' * 1,000,000": "中文测试。" + "[" * 1_000_000,
    "1 MB of ordinary Chinese Markdown": (
        "# 标题\n\n" + "**春天**来了，小草从地下探出头来。今天天气[很好](https://example.com)。\n\n" * 20
    )
    * 700,
}
WRITES = 200


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(case: str) -> None:
    """In a new process: import one Markdown case and print seconds and peak RSS growth as JSON."""
    from reader.core.importers import import_path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.md"
        path.write_text(MARKDOWN_CASES[case], encoding="utf-8")
        base = _peak_mb()
        started = time.perf_counter()
        import_path(path)
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb() - base}))


def markdown_rows() -> list[str]:
    """One table row per Markdown case, each measured in its own process."""
    rows = []
    for case, text in MARKDOWN_CASES.items():
        output = subprocess.run(
            [sys.executable, "-m", "bench.bench_reliability", "--child", case],
            capture_output=True,
            text=True,
            check=True,
            timeout=900,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        rows.append(
            f"| Markdown import: {case} ({len(text.encode()) / 1024:,.0f} KB) | {result['seconds']:.2f} s, "
            f"+{result['peak_mb']:.0f} MB peak RSS |"
        )
    return rows


def _median_ms(fn: Callable[[int], object], count: int) -> float:
    times = []
    for n in range(count):
        started = time.perf_counter()
        fn(n)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _store_writes(deck: Deck, annotations: Annotations, article_id: int) -> tuple[float, float]:
    """Median milliseconds of one deck add and of one highlight add."""
    from tests.core.kill_worker import word_for

    add = _median_ms(lambda n: deck.add(*word_for(n)), WRITES)
    highlight = _median_ms(lambda n: annotations.add_highlight(article_id, n, n + 3), WRITES)
    return add, highlight


def store_rows() -> list[str]:
    """Median time of one deck add and one highlight add, with synchronous NORMAL and FULL."""
    from reader.core.store.annotations import Annotations
    from reader.core.store.db import open_store
    from reader.core.store.deck import Deck
    from reader.core.store.library import Library
    from tests.core.store_helpers import make_article

    rows = []
    for mode in ("NORMAL", "FULL"):
        with tempfile.TemporaryDirectory() as folder:
            store = open_store(Path(folder) / "reader.sqlite", synchronous=mode)
            article_id = Library(store).add_article(make_article("标题\n\n" + "我们在这里反复添加生词和高亮。" * 40))
            add, highlight = _store_writes(Deck(store), Annotations(store), article_id)
            store.close()
        rows.append(f"| one deck add / one highlight, synchronous={mode} | {add:.2f} ms / {highlight:.2f} ms |")
    return rows


def encoding_rows() -> list[str]:
    """Time to decode a 20 MB GBK file (the part-by-part check for a second encoding included)."""
    from reader.core.textio import decode_text

    line = "我们今天去公园散步，天气很好，大家都很高兴。学生们在学校里认真学习，老师说明天要考试。\n"
    data = (line * (20 * 1024 * 1024 // len(line.encode("gbk")))).encode("gbk")
    started = time.perf_counter()
    decode_text(data)
    return [f"| decode a 20 MB GBK file (with the GBK/Big5 part check) | {time.perf_counter() - started:.2f} s |"]


def main() -> None:
    """Print the rows for bench/RESULTS.md."""
    print("| case | measured |\n| --- | --- |")
    for row in markdown_rows() + store_rows() + encoding_rows():
        print(row, flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
