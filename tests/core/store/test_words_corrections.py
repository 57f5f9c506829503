"""Segmentation corrections: merges and splits persist and reach every segmenter built afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.segment import Segmenter
from reader.core.store.corrections import CorrectionKind, Corrections, load_corrections
from reader.core.store.db import Store
from tests.core.deck_helpers import Clock

pytestmark = pytest.mark.core


@pytest.fixture
def store(file_store: Store) -> Store:
    """These tests use a database file (WAL), as the app does."""
    return file_store


@pytest.fixture
def corrections(store: Store) -> Corrections:
    return Corrections(store, clock=Clock())


def test_merge_and_split_are_stored(corrections: Corrections) -> None:
    corrections.merge(["一带", "一路"])
    corrections.split("不好意思", ["不", "好意思"])
    stored = [(c.word, c.kind, c.parts) for c in corrections.all()]
    assert stored == [
        ("一带一路", CorrectionKind.MERGE, ("一带", "一路")),
        ("不好意思", CorrectionKind.SPLIT, ("不", "好意思")),
    ]


def test_a_new_correction_of_a_word_replaces_the_old(corrections: Corrections) -> None:
    corrections.split("不好意思", ["不", "好意思"])
    corrections.merge(["不好", "意思"])
    assert [(c.word, c.kind) for c in corrections.all()] == [("不好意思", CorrectionKind.MERGE)]


def test_remove_forgets_a_correction(corrections: Corrections) -> None:
    corrections.merge(["一带", "一路"])
    removed = corrections.remove("一带一路")
    assert removed is not None and removed.word == "一带一路"
    assert corrections.all() == []
    assert corrections.remove("一带一路") is None


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("不好意思", ["不好", "意"]),  # parts do not spell the word
        ("不好意思", ["不好意思"]),  # one part is no split
        ("不好意思", ["不好", ""]),  # empty part
        ("ab", ["a", "b"]),  # not Chinese
    ],
)
def test_bad_split_is_refused(corrections: Corrections, word: str, parts: list[str]) -> None:
    with pytest.raises(InputError):
        corrections.split(word, parts)


def test_fingerprint_changes_with_the_corrections(corrections: Corrections) -> None:
    empty = corrections.fingerprint()
    corrections.merge(["一带", "一路"])
    merged = corrections.fingerprint()
    corrections.remove("一带一路")
    assert empty != merged
    assert corrections.fingerprint() == empty


def test_loaded_corrections_apply_to_a_new_segmenter(store: Store, shared_cache: Path) -> None:
    """What the learner corrected yesterday is how every article is segmented today."""
    corrections = Corrections(store)
    corrections.merge(["一带", "一路"])
    corrections.split("不好意思", ["不", "好意思"])
    segmenter = Segmenter(shared_cache / "jieba")
    assert load_corrections(store, segmenter) == 2
    assert "一带一路" in segmenter.cut("我们要推进一带一路建设。")
    assert segmenter.cut("不好意思，我来晚了。")[:2] == ["不", "好意思"]


def test_merge_teaches_a_running_segmenter_at_once(corrections: Corrections, shared_cache: Path) -> None:
    segmenter = Segmenter(shared_cache / "jieba")
    segmenter.initialize()
    corrections.merge(["一带", "一路"], segmenter)
    assert "一带一路" in segmenter.cut("推进一带一路建设")
