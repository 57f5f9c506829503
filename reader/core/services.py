"""The application's long-lived services, built once at start-up and passed to whoever needs them.

No module-level singletons: the GUI, the CLI and the tests each build a :class:`Services` for their
:class:`~reader.core.paths.UserPaths` (tests point it at a temporary folder).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.core.dictionary import Dictionary
from reader.core.model import Document
from reader.core.paths import UserPaths
from reader.core.pinyin.engine import PinyinEngine
from reader.core.pipeline import Analyzer
from reader.core.segment import Segmenter
from reader.core.translation.translator import Translator, build_translator

#: Bump when the pipeline's tokenization changes in a way that makes stored analyses stale.
ANALYSIS_VERSION = "2"  # 2: traditional text is cut and read on its simplified view


@dataclass
class Services:
    """Segmenter, pinyin engine and analyser (and, as they land, dictionary, translator, store)."""

    paths: UserPaths
    segmenter: Segmenter
    pinyin: PinyinEngine
    dictionary: Dictionary | None = None
    analyzer: Analyzer = field(init=False)
    translator: Translator = field(init=False)

    def __post_init__(self) -> None:
        self.analyzer = Analyzer(self.segmenter, self.pinyin, self.dictionary)
        # Reads no pack and loads no model yet: the pack folder is scanned, and the model loaded, on first use.
        self.translator = build_translator(self.paths.cache)

    @property
    def analysis_key(self) -> str:
        """Names what produced an article's words and pinyin; a stored analysis with another key is redone.

        It changes when the segmenter's word list or the user's corrections (of words or readings) change, or the
        pinyin engine does.
        """
        key = f"{ANALYSIS_VERSION}|{self.segmenter.fingerprint}|{getattr(self.pinyin, 'version', '')}"
        overrides = self.analyzer.overrides_key
        return f"{key}|{overrides}" if overrides else key

    def initialize(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Load what is slow to load; call it from a worker thread.

        The dictionary index is compiled on first run (several seconds, reported through ``progress``), then only
        opened; jieba's prefix dictionary takes about a second.
        """
        if self.dictionary is not None:
            self.dictionary.open(progress)
        self.segmenter.initialize()
        self.pinyin.prepare()
        if progress is not None:
            progress(1, 1)

    def translate_document(self, document: Document) -> None:
        """Fill in the translation of every sentence: reference first, then the cache, then the installed pack.

        Runs the model in this thread; the GUI calls ``translator.translate`` from a worker instead.
        """
        self.translator.translate_document(document)


def build_services(paths: UserPaths) -> Services:
    """Create the services for ``paths``; expensive parts load lazily or through ``initialize`` calls."""
    paths.ensure()
    dictionary = Dictionary.for_paths(paths)
    segmenter = Segmenter(
        paths.cache / "jieba", extra_words=dictionary.segmenter_words, extra_words_key=dictionary.words_key
    )
    return Services(paths, segmenter, PinyinEngine(dictionary), dictionary)
