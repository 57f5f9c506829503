"""Library store figures (issues 7 and 8): a library of 1,000 articles (about 10 million characters).

Run: ``.venv/bin/python -m bench.bench_store`` (about two minutes; ``--articles N`` for a smaller library).
Measures: adding the articles; opening the store (fresh process, and the optional page check); the library list;
library search (1-, 2-, 3+-character Chinese queries, Latin, English translations); FTS5 ``trigram`` against
jieba-segmented tokens for correctness and speed; reopening an analysed article from stored tokens against
re-segmenting it; the database's size.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.store_corpus import CorpusMaker
from reader.core.store.books import Books
from reader.core.store.db import Store, open_store
from reader.core.store.library import ArticleSort, ArticleSource, Library
from reader.core.store.search import Search

ENGLISH = [
    *(
        [
            "the",
            "economy",
            "grows",
            "with",
            "new",
            "industry",
            "and",
            "digital",
            "technology",
            "while",
            "people",
            "learn",
            "to",
            "work",
            "together",
        ]
    ),
    *(
        [
            "students",
            "read",
            "books",
            "about",
            "history",
            "science",
            "culture",
            "and",
            "the",
            "future",
            "of",
            "the",
            "internet",
            "platform",
            "data",
        ]
    ),
]

#: Queries by kind: common and rare, of each length the search treats differently.
QUERIES = {
    "1 char, common (的)": "的",
    "1 char, rare (鑫)": "鑫",
    "2 chars, common (发展)": "发展",
    "2 chars, rare (麒麟)": "麒麟",
    "3 chars (互联网)": "互联网",
    "4 chars (一带一路)": "一带一路",
    "6 chars, no match": "数字经济发展",
    "Latin (5G)": "5G",
    "Latin, rare (Qz)": "Qz",
    "English word (learning)": "learning",
    "English, no match (zebra)": "zebra",
    "pinyin, common (fazhan)": "fazhan",
    "pinyin with tones (fa1zhan3)": "fa1zhan3",
    "pinyin, rare (qilin)": "qilin",
    "pinyin, 2 letters (de: scan)": "de",
    "pinyin, long (hulianwang)": "hulianwang",
}


def _median_ms(func: Callable[[], object], runs: int = 9) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def build_library(path: Path, articles: int) -> dict[str, float]:
    """Create the library; return the seconds spent adding and the characters added."""
    maker = CorpusMaker()
    english = random.Random(3)
    store = open_store(path)
    library = Library(store)
    chars = 0
    adding = 0.0
    for number in range(articles):
        article = maker.article(number)
        if number % 5 == 0:  # a fifth of the library has translations
            for block in article.blocks:
                for sentence in block.sentences:
                    sentence.translation = " ".join(english.choice(ENGLISH) for _ in range(12)) + "."
        chars += len(article.text)
        start = time.perf_counter()
        library.add_article(article, ArticleSource(f"/library/{number}.txt", "text"))
        adding += time.perf_counter() - start
        if number % 100 == 0:
            library.set_tags(library.list_articles(ArticleSort.IMPORTED)[0].id, ["news"])
    store.close()
    return {"seconds": adding, "characters": chars}


def open_in_new_process(path: Path) -> dict[str, float]:
    """Import the store modules and open the database in a fresh process; also time the page check."""
    code = (
        "import time, json, sys, importlib; t0 = time.perf_counter()\n"
        "from reader.core.store import db\n"
        "from reader.core.store.library import Library\n"
        "for name in db.STORE_MODULES: importlib.import_module(name)\n"
        "t1 = time.perf_counter(); store = db.open_store(sys.argv[1], check=False); t2 = time.perf_counter()\n"
        "rows = Library(store).list_articles(); t3 = time.perf_counter()\n"
        "problems = store.integrity_problems(); t4 = time.perf_counter()\n"
        "print(json.dumps({'import_ms': (t1 - t0) * 1000, 'open_ms': (t2 - t1) * 1000,\n"
        "                  'first_list_ms': (t3 - t2) * 1000, 'quick_check_ms': (t4 - t3) * 1000}))\n"
    )
    runs = [
        json.loads(subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
                   .stdout.strip().splitlines()[-1])
        for _ in range(3)
    ]  # fmt: skip
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def list_figures(store: Store) -> dict[str, float]:
    """Milliseconds to list the library, sorted and filtered."""
    library = Library(store)
    return {
        "list, newest first": _median_ms(lambda: library.list_articles()),
        "list, by title": _median_ms(lambda: library.list_articles(ArticleSort.TITLE)),
        "list, filtered by text": _median_ms(lambda: library.list_articles(text="第99")),
        "list, filtered by tag": _median_ms(lambda: library.list_articles(tag="news")),
        "library tree (books and articles)": _median_ms(lambda: Books(library).list_entries()),
        "filter box: articles matching 发展": _median_ms(lambda: Search(store).matching_articles("发展")),
        "filter box: articles matching fazhan": _median_ms(lambda: Search(store).matching_articles("fazhan")),
        "filter box: articles matching qilin": _median_ms(lambda: Search(store).matching_articles("qilin")),
    }


def search_figures(store: Store) -> dict[str, tuple[float, int]]:
    """Milliseconds (median) and hit count for each query, limit 50, as the search box asks."""
    search = Search(store)
    figures = {}
    for label, query in QUERIES.items():
        figures[label] = (
            _median_ms(functools.partial(search.search, query, limit=50)),
            len(search.search(query, limit=50)),
        )
    figures["2 chars, 3 per article"] = (
        _median_ms(lambda: search.search("发展", limit=50, per_article=3)),
        len(search.search("发展", limit=50, per_article=3)),
    )
    return figures


JIEBA_QUERY = "SELECT rowid FROM bench_jieba WHERE bench_jieba MATCH ?"


def trigram_vs_jieba(store: Store, articles: int) -> dict[str, dict[str, float]]:
    """Index the first ``articles`` articles both ways; compare each query's matching blocks with plain substring.

    Recall is the share of blocks that really contain the query (``instr``) that the index returns.
    """
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    conn = store.conn
    rows = conn.execute("SELECT rowid, text FROM search_zh ORDER BY rowid").fetchall()
    limit_rowid = (articles + 1) << 32
    rows = [(rowid, text) for rowid, text in rows if rowid < limit_rowid]
    conn.execute("CREATE VIRTUAL TABLE temp.bench_jieba USING fts5(text, tokenize = 'unicode61')")
    start = time.perf_counter()
    conn.executemany(
        "INSERT INTO temp.bench_jieba (rowid, text) VALUES (?, ?)",
        [(rowid, " ".join(jieba.lcut(text))) for rowid, text in rows],
    )
    jieba_build = time.perf_counter() - start
    results: dict[str, dict[str, float]] = {"_build": {"jieba_seconds": jieba_build, "blocks": len(rows)}}
    for query in ("发展", "经济", "中国", "联网", "济发", "互联网", "工业互联网", "一带一路", "网络化"):
        truth = {rowid for rowid, text in rows if query in text}
        trigram = (
            {
                r[0]
                for r in conn.execute(
                    "SELECT rowid FROM search_zh WHERE search_zh MATCH ? AND rowid < ?", [f'"{query}"', limit_rowid]
                )
            }
            if len(query) >= 3
            else truth
        )  # shorter queries are answered by the exact scan
        phrase = " ".join(jieba.lcut(query))

        def jieba_match(p: str = phrase) -> list[tuple[int]]:
            return conn.execute(JIEBA_QUERY, [f'"{p}"']).fetchall()

        jieba_hits = {
            r[0] for r in conn.execute("SELECT rowid FROM bench_jieba WHERE bench_jieba MATCH ?", [f'"{phrase}"'])
        }
        results[query] = {
            "blocks": len(truth),
            "trigram_recall": len(trigram & truth) / len(truth) if truth else 1.0,
            "jieba_recall": len(jieba_hits & truth) / len(truth) if truth else 1.0,
            "jieba_false": len(jieba_hits - truth),
            "jieba_ms": _median_ms(jieba_match, 5),
        }
    conn.execute("DROP TABLE temp.bench_jieba")
    return results


def short_like_on_trigram(store: Store) -> dict[str, int]:
    """Rows that ``LIKE '%发展%'`` returns from the trigram table, against the rows that contain 发展 (``instr``)."""
    conn = store.conn
    return {
        "sqlite": conn.execute("SELECT sqlite_version()").fetchone()[0],
        "like_rows": conn.execute("SELECT count(*) FROM search_zh WHERE text LIKE '%发展%'").fetchone()[0],
        "instr_rows": conn.execute("SELECT count(*) FROM search_zh WHERE instr(text, '发展') > 0").fetchone()[0],
    }


def stored_tokens_vs_segmenting(path: Path) -> dict[str, float]:
    """Reopen the sample (and the sample ×10) from stored tokens, against loading it bare and re-segmenting it."""
    from reader.core.paths import SAMPLE_ARTICLE, UserPaths
    from reader.core.pipeline import structure
    from reader.core.services import build_services
    from reader.core.textio import read_text_file

    services = build_services(UserPaths(path.parent / "home"))
    start = time.perf_counter()
    services.segmenter.initialize()
    jieba_init = time.perf_counter() - start
    store = open_store(path.parent / "tokens.sqlite")
    library = Library(store)
    text = read_text_file(SAMPLE_ARTICLE)
    figures = {"jieba_initialize_ms": jieba_init * 1000}
    for label, body in (("sample", text), ("sample x10", "\n\n".join([text] * 10))):
        articles = structure(body).articles
        ids = []
        for article in articles:
            services.analyzer.tokenize(article)
            ids.append(library.add_article(article, analysis_key="k"))

        def reopen_stored(ids: list[int] = ids) -> None:
            for article_id in ids:
                library.load_article(article_id, analysis_key="k")

        def reopen_and_segment(ids: list[int] = ids) -> None:
            for article_id in ids:
                services.analyzer.tokenize(library.load_article(article_id))

        figures[f"{label}: load with stored tokens ms"] = _median_ms(reopen_stored, 5)
        figures[f"{label}: load + re-segment ms"] = _median_ms(reopen_and_segment, 5)
        figures[f"{label}: characters"] = sum(len(a.text) for a in articles)
    store.close()
    return figures


def main() -> None:
    """Build the library in a temporary folder and print every figure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reader.sqlite"
        built = build_library(path, args.articles)
        print(f"Added {args.articles} articles, {built['characters']:,} characters in {built['seconds']:.1f} s "
              f"({built['characters'] / built['seconds'] / 1e6:.2f} M chars/s)")  # fmt: skip
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
        print(f"Database size: {size / 1e6:.0f} MB")
        for key, value in open_in_new_process(path).items():
            print(f"New process: {key} = {value:.1f}")
        store = open_store(path)
        for key, value in list_figures(store).items():
            print(f"{key}: {value:.2f} ms")
        for key, (ms, hits) in search_figures(store).items():
            print(f"search {key}: {ms:.1f} ms, {hits} hits")
        like = short_like_on_trigram(store)
        print(f"SQLite {like['sqlite']}: LIKE '%发展%' on the trigram table returns {like['like_rows']} rows; "
              f"{like['instr_rows']} rows contain it")  # fmt: skip
        comparison = trigram_vs_jieba(store, min(100, args.articles))
        build = comparison["_build"]
        print(f"jieba index of {build['blocks']:.0f} blocks built in {build['jieba_seconds']:.1f} s")
        for query, row in comparison.items():
            if query != "_build":
                print(
                    f"  {query}: {row['blocks']:.0f} blocks; recall trigram {row['trigram_recall']:.0%}, "
                    f"jieba {row['jieba_recall']:.0%} (+{row['jieba_false']:.0f} wrong), "
                    f"jieba query {row['jieba_ms']:.2f} ms"
                )
        store.close()
        for key, value in stored_tokens_vs_segmenting(path).items():
            print(f"{key}: {value:.1f}")


if __name__ == "__main__":
    main()
