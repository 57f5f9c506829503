"""Benchmarks; each module runs with `python -m bench.<module>` and prints figures for bench/RESULTS.md."""
