"""Issue 13 figures for a 4 MB txt novel: import time, peak memory, and the time to analyse one chapter.

Run: ``.venv/bin/python -m bench.bench_books``. The novel is the real txt novels of ``../shared/realdocs``
(红楼梦, 水浒传, 萧红经典全集, 三國演義, 浮生六記: their site headers, watermarks, tables of contents and all)
concatenated, and repeated until the file reaches 4 MB of UTF-8, so it has the headings and furniture of real
files. Import is timed in a fresh process from the file on disk to a structured document (``import_path`` +
``structure_source``: decoding, site lines, chapters, repair, sentence splitting) with the process's peak memory;
analysis (words, pinyin, dictionary) is what opening a chapter costs, timed per chapter with warm services.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.core.paths import UserPaths
from reader.core.textio import decode_text

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
NOVELS = (
    "novel_hongloumeng_gb18030_rain8_ch01-40.txt",
    "novel_shuihuzhuan_utf8_crlf_xiezi-ch40.txt",
    "novel_xiaohong_utf8_txtsite.txt",
    "trad_sanguoyanyi_big5-hkscs_ch01-40.txt",
    "trad_fushengliuji_big5.txt",
)
TARGET_BYTES = 4 * 1024 * 1024

_IMPORT = """
import json, resource, sys, time
started = time.perf_counter()
from reader.core.importers import import_path
from reader.core.pipeline import structure_source
source = import_path(sys.argv[1])
imported = time.perf_counter()
document = structure_source(source)
done = time.perf_counter()
print(json.dumps({
    "import": imported - started, "structure": done - imported,
    "chapters": len(document.articles), "dropped": len(source.dropped),
    "characters": sum(len(a.text) for a in document.articles),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def write_novel(path: Path) -> Path:
    """Concatenate the real novels (decoded) until the UTF-8 file reaches :data:`TARGET_BYTES`."""
    texts = [decode_text((REALDOCS / name).read_bytes(), name=name) for name in NOVELS]
    parts: list[str] = []
    size = 0
    index = 0
    while size < TARGET_BYTES:
        text = texts[index % len(texts)]
        parts.append(text)
        size += len(text.encode("utf-8"))
        index += 1
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def time_import(path: Path) -> dict[str, float]:
    """Import ``path`` in a fresh process; return its timings, peak memory and what came out."""
    output = subprocess.run(
        [sys.executable, "-c", _IMPORT, str(path)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)


def time_chapters(path: Path, home: Path) -> dict[str, float]:
    """Seconds to analyse chapters as the reading view does on opening one (median and slowest of a sample)."""
    from reader.core.importers import import_path
    from reader.core.pipeline import structure_source
    from reader.core.services import build_services

    services = build_services(UserPaths(home))
    started = time.perf_counter()
    services.segmenter.initialize()
    services.analyzer.tokenize(structure_source(import_path(REALDOCS / NOVELS[4])).articles[0])  # warm caches
    warm_up = time.perf_counter() - started
    articles = structure_source(import_path(path)).articles
    sample = sorted(articles, key=lambda a: len(a.text))
    picks = [*sample[:: max(1, len(sample) // 20)], sample[-1]]
    times: list[float] = []
    for article in picks:
        started = time.perf_counter()
        services.analyzer.tokenize(article)
        times.append(time.perf_counter() - started)
    return {
        "warm_up": warm_up,
        "median": statistics.median(times),
        "slowest": max(times),
        "longest_chars": len(sample[-1].text),
        "median_chars": len(sample[len(sample) // 2].text),
    }


def main() -> None:
    """Print the figures as Markdown rows for bench/RESULTS.md."""
    if not REALDOCS.is_dir():
        print(f"{REALDOCS} is missing: nothing to measure.")
        return
    with tempfile.TemporaryDirectory() as folder:
        novel = write_novel(Path(folder) / "novel.txt")
        size = novel.stat().st_size
        runs = [time_import(novel) for _ in range(3)]
        chapters = time_chapters(novel, Path(folder) / "home")
    total = statistics.median(r["import"] + r["structure"] for r in runs)
    first = runs[0]
    print("| figure | value | target |")
    print("| --- | --- | --- |")
    print(f"| novel | {size / 1024 / 1024:.1f} MB UTF-8, {first['characters']:,.0f} characters | |")
    print(f"| chapters found / lines left out | {first['chapters']:.0f} / {first['dropped']:.0f} | |")
    imported = statistics.median(r["import"] for r in runs)
    print(f"| import_path (decode, site lines, chapters, repair) | {imported:.1f} s | |")
    print(f"| structure_source (sentences) | {statistics.median(r['structure'] for r in runs):.1f} s | |")
    print(f"| **import total** (median of 3, fresh process) | **{total:.1f} s** | ≤ 20 s |")
    print(f"| **peak memory** of the importing process | **{max(r['peak_mb'] for r in runs):.0f} MB** | ≤ 400 MB |")
    print(f"| services warm-up (first run: dictionary compiled) | {chapters['warm_up']:.1f} s | |")
    print(
        f"| **open a chapter**: analyse it (median chapter, {chapters['median_chars']:,.0f} characters) | "
        f"**{chapters['median'] * 1000:.0f} ms** | ≤ 0.3 s |"
    )
    print(
        f"| open the longest chapter ({chapters['longest_chars']:,.0f} characters) | "
        f"{chapters['slowest'] * 1000:.0f} ms | |"
    )


if __name__ == "__main__":
    main()
