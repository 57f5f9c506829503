"""Regression test on Reader's own everyday sentences (tests/data/everyday_polyphones.tsv).

Each line marks one polyphonic character between two U+2581 marks and gives its dictionary reading. The set
is deliberately hard (about half the marks are a character's less common reading); bench/bench_pinyin.py reports
the accuracy, and this test fails if it drops below the recorded level.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.core

DATA = Path(__file__).resolve().parents[1] / "data" / "everyday_polyphones.tsv"
#: The accuracy measured when the set was last re-run (bench/RESULTS.md), minus a little slack.
MINIMUM_ACCURACY = 0.88


def load() -> list[tuple[str, int, str]]:
    """(sentence, index of the marked character, reading) for every line of the set."""
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marked, reading = line.split("\t")
        index = marked.index("\u2581")
        assert marked[index + 2] == "\u2581", line
        rows.append((marked[:index] + marked[index + 1] + marked[index + 3 :], index, reading))
    return rows


def test_the_set_is_large_and_varied() -> None:
    rows = load()
    assert len(rows) >= 150
    assert len({sentence[index] for sentence, index, _ in rows}) >= 60


def test_accuracy_on_everyday_sentences(services) -> None:  # type: ignore[no-untyped-def]
    wrong = []
    rows = load()
    for sentence, index, reading in rows:
        tokens = services.segmenter.cut(sentence)
        syllables: list[str | None] = []
        for token, found in zip(tokens, services.pinyin.annotate(tokens), strict=True):
            syllables.extend(found if found is not None else [None] * len(token))
        if syllables[index] != reading:
            wrong.append(f"{sentence} {sentence[index]}: {syllables[index]} (expected {reading})")
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= MINIMUM_ACCURACY, "\n".join(wrong)
