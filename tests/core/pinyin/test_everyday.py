"""Regression tests on Reader's own everyday sentences.

Two sets, each line marking one polyphonic character between two U+2581 marks and giving its dictionary reading:
``everyday_polyphones.tsv`` (306 sentences, the held-out test: never tuned on) and ``everyday_polyphones_dev.tsv``
(1,531 sentences the context rules were tuned on). Both are deliberately hard (about half the marks are a
character's less common reading); bench/bench_pinyin.py reports the accuracy, and these tests fail if it drops
below the recorded level.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.core

DATA = Path(__file__).resolve().parents[2] / "data"
TEST_SET = DATA / "everyday_polyphones.tsv"
DEV_SET = DATA / "everyday_polyphones_dev.tsv"
#: The accuracy measured when each set was last re-run (bench/RESULTS.md), rounded down.
MINIMUM_ACCURACY = {TEST_SET: 0.97, DEV_SET: 0.975}


def load(path: Path = TEST_SET) -> list[tuple[str, int, str]]:
    """(sentence, index of the marked character, reading) for every line of the set."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marked, reading = line.split("\t")
        index = marked.index("\u2581")
        assert marked[index + 2] == "\u2581", line
        rows.append((marked[:index] + marked[index + 1] + marked[index + 3 :], index, reading))
    return rows


@pytest.mark.parametrize(("path", "sentences", "characters"), [(TEST_SET, 150, 60), (DEV_SET, 300, 114)])
def test_the_set_is_large_and_varied(path: Path, sentences: int, characters: int) -> None:
    rows = load(path)
    assert len(rows) >= sentences
    assert len({sentence[index] for sentence, index, _ in rows}) >= characters


def test_the_dev_set_shares_no_sentence_with_the_test_set() -> None:
    assert not {row[0] for row in load(TEST_SET)} & {row[0] for row in load(DEV_SET)}


@pytest.mark.parametrize("path", [TEST_SET, DEV_SET], ids=["test", "dev"])
def test_accuracy_on_everyday_sentences(services, path: Path) -> None:
    wrong = []
    rows = load(path)
    for sentence, index, reading in rows:
        tokens = services.segmenter.cut(sentence)
        syllables: list[str | None] = []
        for token, found in zip(tokens, services.pinyin.annotate(tokens), strict=True):
            syllables.extend(found if found is not None else [None] * len(token))
        if syllables[index] != reading:
            wrong.append(f"{sentence} {sentence[index]}: {syllables[index]} (expected {reading})")
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= MINIMUM_ACCURACY[path], "\n".join(wrong)
