"""Issue 17 item 15: a 1 MB line of Chinese without punctuation through ``reader annotate``, time and peak memory.

Run: ``.venv/bin/python -m bench.bench_unpunctuated [--megabytes N]``. The line is the bundled sample article with
every punctuation mark, space and line break removed, repeated to the size asked (UTF-8 bytes); ``reader annotate
--no-translate --json -`` reads it from stdin in a new process. Before the fix the analysis was quadratic (a rule
scanned to the next punctuation mark for every 为 and 当): 168 s and 2.35 GB for 1 MB. A second, four-times-shorter
line shows the growth is linear.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.core.paths import SAMPLE_ARTICLE


def unpunctuated_line(size: int) -> str:
    """Han characters only (the sample article's), repeated to about ``size`` UTF-8 bytes, ending in a newline."""
    han = "".join(char for char in SAMPLE_ARTICLE.read_text(encoding="utf-8") if char.isalnum() and ord(char) > 0x2E80)
    chars = size // 3
    return (han * (chars // len(han) + 1))[:chars] + "\n"


def run(text: str, home: Path) -> tuple[float, float, int]:
    """Seconds, peak memory (MB) of the child and the number of tokens in the JSON output."""
    env = dict(os.environ, READER_HOME=str(home))
    command = [sys.executable, "-m", "reader.cli", "annotate", "--no-translate", "--json", "-"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, input=text, capture_output=True, text=True, env=env, check=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss is the largest child so far (kB on Linux): run the big line last for a fair figure.
    megabytes = max(peak, before) / 1024 if sys.platform != "darwin" else max(peak, before) / 2**20
    return seconds, megabytes, result.stdout.count('"pinyin"')


def main() -> None:
    """Print Markdown rows for bench/RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--home", type=Path, help="data folder to use (default: a temporary one)")
    args, _ = parser.parse_known_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="reader-bench-unpunctuated-"))
    size = int(args.megabytes * 2**20)
    run(unpunctuated_line(1000), home)  # compiles the dictionary index on a new data folder
    print("| `reader annotate --no-translate --json -`, one line, no punctuation | time | peak memory | tokens |")
    print("| --- | --- | --- | --- |")
    for label, bytes_ in ((f"{args.megabytes / 4:g} MB", size // 4), (f"{args.megabytes:g} MB", size)):
        seconds, megabytes, tokens = run(unpunctuated_line(bytes_), home)
        row = f"| {label} ({bytes_ // 3:,} characters) | {seconds:.1f} s | {megabytes:.0f} MB | {tokens:,} |"
        print(row, flush=True)
    if args.home is None:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
