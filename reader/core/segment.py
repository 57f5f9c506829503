"""Word segmentation with jieba: one tokenizer per application, extra dictionary words, user corrections.

jieba takes about a second to start (importing its HMM tables, building its prefix dictionary). This module
imports jieba only in :meth:`Segmenter.initialize`, which the GUI calls on a worker thread, and keeps jieba's
prefix-dictionary cache in Reader's cache folder so that later starts load it instead of rebuilding it.

Extra words (the multi-character headwords of the dictionary, so that ``一带一路`` stays whole) are merged with
jieba's own dictionary into one file in the cache folder, named after a fingerprint of the word list; jieba then
caches the merged prefix dictionary like its own, and a restart costs no more than jieba's default start.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from reader.core.atomic import atomic_output

log = logging.getLogger(__name__)

#: Supplies extra words as (word, frequency) pairs; frequency ``None`` lets the segmenter choose.
WordSource = Callable[[], Iterable[tuple[str, int | None]]]


class Segmenter:
    """Split Chinese text into words.

    ``cache_dir`` holds jieba's prefix-dictionary cache and the merged dictionary; ``extra_words`` (optional)
    is called once, at initialisation, and ``extra_words_key`` names that word list so that the merged
    dictionary is rebuilt only when the list changes.
    """

    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        extra_words: WordSource | None = None,
        extra_words_key: str = "",
    ) -> None:
        self._cache_dir = cache_dir
        self._extra_words = extra_words
        self._extra_words_key = extra_words_key
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._user_words: dict[str, int | None] = {}
        self._user_splits: dict[str, tuple[str, ...]] = {}

    @property
    def fingerprint(self) -> str:
        """Identifies the word list and user corrections in force (part of the stored-analysis key)."""
        corrections = sorted(self._user_words) + [f"{w}>{'/'.join(p)}" for w, p in sorted(self._user_splits.items())]
        digest = hashlib.sha1("|".join([self._extra_words_key, *corrections]).encode()).hexdigest()[:12]
        return digest

    @property
    def ready(self) -> bool:
        """True once :meth:`initialize` has finished (calls to :meth:`cut` will not block)."""
        return self._tokenizer is not None

    def initialize(self) -> None:
        """Load jieba and its dictionary (slow on first run, about a second later). Safe to call twice."""
        with self._lock:
            if self._tokenizer is not None:
                return
            import jieba

            jieba.setLogLevel(logging.WARNING)
            dictionary = self._merged_dictionary(jieba) if self._extra_words else None
            tokenizer = jieba.Tokenizer(dictionary) if dictionary else jieba.Tokenizer()
            if self._cache_dir is not None:
                self._cache_dir.mkdir(parents=True, exist_ok=True)
                tokenizer.tmp_dir = str(self._cache_dir)
            tokenizer.initialize()
            for word, freq in self._user_words.items():
                tokenizer.add_word(word, freq)
            for word, parts in self._user_splits.items():
                self._apply_split(tokenizer, word, parts)
            self._tokenizer = tokenizer

    def _merged_dictionary(self, jieba: Any) -> str | None:
        """Write jieba's dictionary plus the extra words to the cache folder once; return its path."""
        if self._cache_dir is None or self._extra_words is None:
            return None
        digest = hashlib.sha1(f"{self._extra_words_key}|{jieba.__version__}".encode()).hexdigest()[:16]
        target = self._cache_dir / f"jieba_dict_{digest}.txt"
        if target.exists():
            return str(target)
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        base = Path(jieba.__file__).with_name("dict.txt").read_text(encoding="utf-8")
        known = {line.split(" ", 1)[0] for line in base.splitlines() if line}
        extra = [
            f"{word} {freq if freq else 3}\n"
            for word, freq in self._extra_words()
            if word not in known and " " not in word and len(word) > 1
        ]
        with atomic_output(target, error=None) as temp, open(temp, "w", encoding="utf-8") as handle:
            handle.write(base)
            if not base.endswith("\n"):
                handle.write("\n")
            handle.writelines(extra)
        log.info("merged %d extra words into jieba's dictionary at %s", len(extra), target)
        return str(target)

    def cut(self, text: str) -> list[str]:
        """Return the words of ``text``; they concatenate to ``text``. Initialises jieba first if needed."""
        if not text:
            return []
        if self._tokenizer is None:
            self.initialize()
        return list(self._tokenizer.cut(text, HMM=True))

    def contains(self, word: str) -> bool:
        """True if jieba's dictionary (with the extra words) knows ``word``."""
        if self._tokenizer is None:
            self.initialize()
        return bool(self._tokenizer.FREQ.get(word))

    def add_word(self, word: str, freq: int | None = None) -> None:
        """Keep ``word`` whole from now on (a user's merge of two or more segments)."""
        self._user_words[word] = freq
        self._user_splits.pop(word, None)
        if self._tokenizer is not None:
            self._tokenizer.add_word(word, freq)

    def split_word(self, word: str, parts: Iterable[str]) -> None:
        """Cut ``word`` into ``parts`` from now on (a user's split of one segment)."""
        parts = tuple(parts)
        if "".join(parts) != word or len(parts) < 2:
            raise ValueError(f"{parts!r} do not make up {word!r}")
        self._user_splits[word] = parts
        self._user_words.pop(word, None)
        if self._tokenizer is not None:
            self._apply_split(self._tokenizer, word, parts)

    @staticmethod
    def _apply_split(tokenizer: Any, word: str, parts: tuple[str, ...]) -> None:
        tokenizer.del_word(word)
        for part in parts:
            if len(part) > 1:
                tokenizer.add_word(part)
        tokenizer.suggest_freq(parts, tune=True)
