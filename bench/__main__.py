"""Run the benchmarks: ``python -m bench`` runs them all, ``python -m bench pipeline gui`` runs some.

Each benchmark is also a module of its own (``python -m bench.bench_gui``); they print Markdown rows for
bench/RESULTS.md.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all if none are named)."""
    available = sorted(
        info.name.removeprefix("bench_")
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if info.name.startswith("bench_")
    )
    wanted = argv or available
    unknown = [name for name in wanted if name not in available]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}", file=sys.stderr)
        return 2
    for name in wanted:
        print(f"\n## {name}  (python -m bench.bench_{name})\n", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"bench.bench_{name}").main()
        print(f"\n({time.perf_counter() - started:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
