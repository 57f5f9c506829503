"""Issue 3 dictionary figures: compile and open times, lookup speed, dictionary coverage of the sample's words
before and after feeding dictionary words to the segmenter, and the pipeline's speed with the new pinyin.

Run: ``.venv/bin/python -m bench.bench_dictionary``. Prints JSON; every figure is measured in this run.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.chars import has_han
from reader.core.dictionary import Dictionary
from reader.core.paths import SAMPLE_ARTICLE, UserPaths
from reader.core.segment import Segmenter
from reader.core.services import build_services

RUNS = 9
#: Sentences whose segmentation is shown before and after (sample sentences where it changes are added).
CHECK_SENTENCES = [
    "中国提出的一带一路倡议得到了很多国家的支持。",
    "我打的电话他没有接。",
    "他说的话我听不懂。",
    "这个问题我们得好好研究一下。",
    "他穿着T恤去唱卡拉OK。",
]


def _median(func: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compile_and_open(folder: Path) -> dict[str, float]:
    """Seconds to compile the index from scratch, then to open it in a new process (what every start costs)."""
    dictionary = Dictionary.for_paths(UserPaths(folder).ensure())
    start = time.perf_counter()
    dictionary.open()
    compiled = time.perf_counter() - start
    code = (
        "import time, json, pathlib; t = time.perf_counter()\n"
        "from reader.core.dictionary import Dictionary\n"
        "from reader.core.paths import UserPaths\n"
        "t1 = time.perf_counter()\n"
        f"d = Dictionary.for_paths(UserPaths(pathlib.Path({str(folder)!r}))); d.open(); t2 = time.perf_counter()\n"
        "d.lookup('银行'); t3 = time.perf_counter()\n"
        "print(json.dumps({'import': t1 - t, 'open': t2 - t1, 'first_lookup': t3 - t2}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    opened = json.loads(out.strip().splitlines()[-1])
    return {
        "compile_seconds": compiled,
        "index_mb": dictionary.index_path.stat().st_size / 1e6,
        "new_process_import_seconds": opened["import"],
        "new_process_open_seconds": opened["open"],
        "new_process_first_lookup_seconds": opened["first_lookup"],
    }


def lookup_speed(dictionary: Dictionary) -> dict[str, float]:
    """Milliseconds per call on 2,000 HSK words (first calls, then warm) and per search."""
    words = [w.word for w in dictionary.hsk_words(range(1, 8))]
    random.Random(3).shuffle(words)
    sample = words[:2000]
    start = time.perf_counter()
    for word in sample:
        dictionary.lookup(word)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for word in sample:
        dictionary.lookup(word)
        dictionary.reading_groups(word)
        dictionary.characters(word)
    card = time.perf_counter() - start
    start = time.perf_counter()
    for word in sample:
        dictionary.contains(word)
    contains = time.perf_counter() - start
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")[:2000]
    start = time.perf_counter()
    for position in range(len(text)):
        dictionary.longest_match(text, position)
    longest = time.perf_counter() - start
    return {
        "lookup_ms": 1000 * cold / len(sample),
        "lookup_groups_characters_ms": 1000 * card / len(sample),
        "contains_warm_us": 1e6 * contains / len(sample),
        "longest_match_ms": 1000 * longest / len(text),
        "search_pinyin_ms": 1000 * _median(lambda: dictionary.search_pinyin("xuexi")),
        "search_pinyin_toneless_common_ms": 1000 * _median(lambda: dictionary.search_pinyin("shi")),
        "search_english_ms": 1000 * _median(lambda: dictionary.search_english("to learn")),
        "search_english_common_ms": 1000 * _median(lambda: dictionary.search_english("water")),
    }


def coverage(dictionary: Dictionary, home: Path) -> dict[str, object]:
    """Share of the sample's Han tokens with a dictionary entry, segmented without and with dictionary words."""
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    services = build_services(UserPaths(home))
    services.initialize()
    document = services.analyzer.analyse(text)
    sentences = [s.text for a in document.articles for b in a.blocks for s in b.sentences]
    plain = Segmenter(home / "cache" / "jieba-plain")
    plain.initialize()
    figures: dict[str, object] = {}
    changed = []
    for name, segmenter in (("before", plain), ("after", services.segmenter)):
        han = known = whole = 0
        for sentence in sentences:
            for token in segmenter.cut(sentence):
                if has_han(token):
                    han += 1
                    known += dictionary.contains(token)
                    whole += token == "一带一路"
        figures[name] = {"han_tokens": han, "with_entry": known, "share": known / han, "一带一路_whole": whole}
    for sentence in sentences + CHECK_SENTENCES:
        before, after = plain.cut(sentence), services.segmenter.cut(sentence)
        if before != after:
            changed.append({"before": "/".join(before), "after": "/".join(after)})
    figures["sentences_segmented_differently"] = f"{sum(1 for c in changed[: len(sentences)])} of {len(sentences)}"
    figures["examples"] = changed[:12] + [{"check": "/".join(services.segmenter.cut(s))} for s in CHECK_SENTENCES]
    return figures


def pipeline_speed(home: Path) -> dict[str, float]:
    """The sample through the real pipeline, against plain jieba + pypinyin, in one process.

    ``first``: the first analysis after start-up (loads the polyphone model, fills the per-word caches);
    ``warm``: the same text again; ``new text``: a different text (Reader's everyday sentences, joined) once the
    process is warm, the case of opening another article.
    """
    import jieba
    from pypinyin import lazy_pinyin

    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    everyday = (Path(__file__).resolve().parents[1] / "tests" / "data" / "everyday_polyphones.tsv").read_text(
        encoding="utf-8"
    )
    other = "\n".join(line.split("\t")[0].replace("\u2581", "") for line in everyday.splitlines() if "\t" in line)
    services = build_services(UserPaths(home))
    services.initialize()
    jieba.setLogLevel(60)
    jieba.initialize()
    first = _median(lambda: services.analyzer.analyse(text), runs=1)
    warm = _median(lambda: services.analyzer.analyse(text))
    baseline = _median(lambda: lazy_pinyin(jieba.lcut(text)))
    new = _median(lambda: services.analyzer.analyse(other, lines_as_paragraphs=True), runs=1)
    new_baseline = _median(lambda: lazy_pinyin(jieba.lcut(other)))
    return {
        "sample_chars": len(text),
        "reader_first_run_ms": 1000 * first,
        "reader_warm_ms": 1000 * warm,
        "jieba_lcut_plus_lazy_pinyin_ms": 1000 * baseline,
        "warm_ratio": warm / baseline,
        "new_text_chars": len(other),
        "reader_new_text_ms": 1000 * new,
        "new_text_jieba_plus_pypinyin_ms": 1000 * new_baseline,
        "new_text_ratio": new / new_baseline,
    }


def main() -> None:
    """Print every figure as JSON."""
    fresh = Path(tempfile.mkdtemp(prefix="reader-bench-dict-"))
    try:
        results: dict[str, object] = {"index": compile_and_open(fresh)}
        dictionary = Dictionary.for_paths(UserPaths(fresh))
        dictionary.open()
        results["speed"] = lookup_speed(dictionary)
        results["pipeline"] = pipeline_speed(fresh)
        results["coverage"] = coverage(dictionary, fresh)
        print(json.dumps(results, ensure_ascii=False, indent=1))
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


if __name__ == "__main__":
    main()
