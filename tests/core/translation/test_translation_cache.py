"""The machine-translation cache: keys, persistence, size cap, clearing, damaged files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.translation.cache import TranslationCache, normalize_sentence

pytestmark = pytest.mark.core

PACK = "argos translate-zh_en 1.9"


@pytest.fixture
def cache(tmp_path: Path):
    """A cache file in a temporary folder, closed after the test."""
    opened = TranslationCache(tmp_path / "cache" / "translations.sqlite")
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("你好。", "你好。"),  # already normal
        ("  你好。 ", "你好。"),  # spaces around a sentence do not matter
        ("你好，\n世界。", "你好， 世界。"),  # a line break inside is one space
        ("C2M  模式", "C2M 模式"),  # runs of spaces become one
        ("\u0041\u030a", "\u00c5"),  # NFC: A + combining ring is Å
    ],
)
def test_normalize_sentence(text: str, key: str) -> None:
    assert normalize_sentence(text) == key


def test_stored_translation_is_found(cache: TranslationCache) -> None:
    cache.put_many(PACK, [("你好。", "Hello.")])
    assert cache.get(PACK, "你好。") == "Hello."


def test_lookup_ignores_surrounding_white_space(cache: TranslationCache) -> None:
    cache.put_many(PACK, [("你好。", "Hello.")])
    assert cache.get_many(PACK, [" 你好。\n"]) == {"你好。": "Hello."}


def test_other_pack_version_does_not_share_translations(cache: TranslationCache) -> None:
    cache.put_many(PACK, [("你好。", "Hello.")])
    assert cache.get("argos translate-zh_en 2.0", "你好。") is None


def test_cache_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "translations.sqlite"
    first = TranslationCache(path)
    first.put_many(PACK, [("你好。", "Hello.")])
    first.close()
    second = TranslationCache(path)
    assert second.get(PACK, "你好。") == "Hello."
    second.close()


def test_size_cap_drops_least_recently_used(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "t.sqlite", max_entries=10)
    cache.put_many(PACK, [(f"句子{i}。", f"Sentence {i}.") for i in range(10)])
    cache.get(PACK, "句子0。")  # used again: it must survive eviction
    cache.put_many(PACK, [("新句子。", "New sentence.")])
    assert cache.count() <= 10
    assert cache.get(PACK, "句子0。") == "Sentence 0."
    assert cache.get(PACK, "新句子。") == "New sentence."
    assert cache.get(PACK, "句子1。") is None
    cache.close()


def test_clear_empties_the_cache(cache: TranslationCache) -> None:
    cache.put_many(PACK, [("你好。", "Hello."), ("再见。", "Goodbye.")])
    assert cache.clear() == 2
    assert cache.count() == 0


def test_damaged_file_is_replaced_by_an_empty_cache(tmp_path: Path) -> None:
    path = tmp_path / "translations.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = TranslationCache(path)
    assert cache.count() == 0
    cache.put_many(PACK, [("你好。", "Hello.")])
    assert cache.get(PACK, "你好。") == "Hello."
    cache.close()


def test_file_of_an_older_format_is_emptied(tmp_path: Path) -> None:
    path = tmp_path / "translations.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE translations (x)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    cache = TranslationCache(path)
    cache.put_many(PACK, [("你好。", "Hello.")])
    assert cache.count() == 1
    cache.close()


def test_many_sentences_in_one_lookup(cache: TranslationCache) -> None:
    # More sentences than one SQL statement may hold parameters for.
    pairs = [(f"第{i}句。", f"Sentence {i}.") for i in range(1500)]
    cache.put_many(PACK, pairs)
    assert len(cache.get_many(PACK, [zh for zh, _ in pairs])) == 1500
