"""Issue 2 figures: repair + segment + pinyin of the sample against plain jieba + pypinyin, scaling, start-up, memory.

Run: ``.venv/bin/python -m bench.bench_pipeline``. Everything is measured in one run, side by side.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.paths import SAMPLE_ARTICLE, UserPaths
from reader.core.services import build_services

RUNS = 15


def _median_time(func: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _subprocess_json(code: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def startup(cache: Path) -> dict[str, float]:
    """Seconds to import and initialise the segmenter in a fresh process with the given cache folder."""
    code = (
        "import time, json; t = time.perf_counter()\n"
        "from reader.core.paths import UserPaths\n"
        "from reader.core.services import build_services\n"
        f"s = build_services(UserPaths(__import__('pathlib').Path({str(cache)!r})))\n"
        "s.segmenter.initialize(); t1 = time.perf_counter()\n"
        "s.analyzer.analyse('我们一起学习中文。'); t2 = time.perf_counter()\n"
        "print(json.dumps({'segmenter_ready': t1 - t, 'first_sentence': t2 - t}))"
    )
    return _subprocess_json(code)


def peak_memory(cache: Path) -> float:
    """Peak RSS in MB of a process that analyses the sample."""
    code = (
        "import json, resource, pathlib\n"
        "from reader.core.paths import UserPaths, SAMPLE_ARTICLE\n"
        "from reader.core.services import build_services\n"
        f"s = build_services(UserPaths(pathlib.Path({str(cache)!r})))\n"
        "s.analyzer.analyse(SAMPLE_ARTICLE.read_text(encoding='utf-8'))\n"
        "print(json.dumps({'rss': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
    )
    return _subprocess_json(code)["rss"]


def main() -> None:
    """Print the figures as Markdown rows for bench/RESULTS.md."""
    import jieba
    import pypinyin

    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        cold = startup(home)
        warm = startup(home)
        services = build_services(UserPaths(home))
        services.segmenter.initialize()
        jieba.initialize()
        analyse = services.analyzer.analyse
        analyse(text)  # warm caches

        def plain() -> None:
            pypinyin.lazy_pinyin(jieba.lcut(text))

        plain()
        ours = _median_time(lambda: analyse(text))
        baseline = _median_time(plain)
        ten = text * 10
        ours_10 = _median_time(lambda: analyse(ten), runs=5)
        baseline_10 = _median_time(lambda: pypinyin.lazy_pinyin(jieba.lcut(ten)), runs=5)
        memory = peak_memory(home)

    characters = len(text)
    print(f"| sample ({characters:,} characters): repair + segment + pinyin (ours) | {ours * 1000:.1f} ms |")
    print(f"| sample: plain `jieba.lcut` + `pypinyin.lazy_pinyin` | {baseline * 1000:.1f} ms |")
    print(f"| ratio ours / plain (target ≤ 2×) | {ours / baseline:.2f}× |")
    print(f"| sample ×10: ours | {ours_10 * 1000:.0f} ms ({ours_10 / ours:.1f}× the sample; target ≤ 11×) |")
    print(f"| sample ×10: plain | {baseline_10 * 1000:.0f} ms ({baseline_10 / baseline:.1f}×) |")
    print(f"| cold start (empty cache): import + segmenter ready | {cold['segmenter_ready']:.2f} s |")
    print(f"| warm start (cache present): import + segmenter ready | {warm['segmenter_ready']:.2f} s |")
    print(f"| warm start: first sentence analysed | {warm['first_sentence']:.2f} s |")
    print(f"| peak RSS after analysing the sample | {memory:.0f} MB |")


if __name__ == "__main__":
    main()
