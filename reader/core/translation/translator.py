"""The translation service: reference translations first, then the cache, then the installed zh→en pack.

Build one :class:`Translator` at start-up and share it. :meth:`Translator.lookup` answers from the reference
and the cache only (fast: safe on the GUI thread); :meth:`Translator.translate` also runs the pack's model on
the remaining sentences, in batches, storing each batch in the cache as soon as it is done; call it from a
worker thread. Sentences are the pipeline's (:func:`reader.core.sentences.split_sentences`): they are never
re-split, so each Chinese sentence lines up with its English one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.model import Document, Sentence
from reader.core.translation.cache import TranslationCache, normalize_sentence
from reader.core.translation.engine import ArgosEngine
from reader.core.translation.packs import Cancelled, PackInfo, find_pack
from reader.core.translation.reference import REFERENCE_SOURCE, ReferenceTranslations
from reader.core.translation.settings import ArgosSettings, resolve_argos_settings

log = logging.getLogger(__name__)

#: Sentences per model call: small enough that cancelling takes effect within about a second on the real pack.
DEFAULT_CHUNK_SIZE = 8
#: Called with (sentences done, sentences in all).
SentenceProgress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Translation:
    """The English of one sentence and where it came from (``reference`` or a pack label)."""

    text: str
    source: str


class Translator:
    """Translate Chinese sentences into English offline, never twice for the same sentence and pack.

    ``available`` is False when no zh→en pack is installed: then only reference translations are known, and the
    UI should offer to install the pack. After installing or removing a pack, call :meth:`reload`.
    """

    def __init__(
        self,
        settings: ArgosSettings,
        cache: TranslationCache | None = None,
        reference: ReferenceTranslations | None = None,
        *,
        from_code: str = "zh",
        to_code: str = "en",
        chunk_size: int = DEFAULT_CHUNK_SIZE,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.reference = reference if reference is not None else ReferenceTranslations([])
        self.from_code = from_code
        self.to_code = to_code
        self.chunk_size = max(1, chunk_size)
        self._lock = threading.Lock()
        self._pack: PackInfo | None = None
        self._engine: ArgosEngine | None = None
        self._scanned = False

    # -- the pack ------------------------------------------------------------------------------------------------

    @property
    def pack(self) -> PackInfo | None:
        """The installed pack in use (the newest zh→en one), or ``None``; Argos' folder is read on first use."""
        with self._lock:
            if not self._scanned:
                self._pack = find_pack(self.settings, self.from_code, self.to_code)
                self._scanned = True
            return self._pack

    @property
    def available(self) -> bool:
        """True if a pack is installed, so that any sentence can be translated."""
        return self.pack is not None

    @property
    def source_label(self) -> str | None:
        """The ``translation_source`` of machine translations (``argos translate-zh_en 1.9``), or ``None``."""
        pack = self.pack
        return pack.label if pack is not None else None

    @property
    def engine(self) -> ArgosEngine | None:
        """The engine running the pack (created on first use, model loaded on first translation)."""
        pack = self.pack
        with self._lock:
            if pack is not None and self._engine is None:
                self._engine = ArgosEngine(pack, self.settings)
            return self._engine

    def reload(self) -> PackInfo | None:
        """Look for packs again (after an install or removal) and drop the loaded model; return the pack in use."""
        with self._lock:
            engine, self._engine = self._engine, None
            self._scanned = False
        if engine is not None:
            engine.close()
        return self.pack

    def close(self) -> None:
        """Free the model and close the cache file."""
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()
        if self.cache is not None:
            self.cache.close()

    # -- translating ---------------------------------------------------------------------------------------------

    def lookup(self, sentences: Sequence[str]) -> list[Translation | None]:
        """Return what is already known for each sentence (reference or cache); never runs the model."""
        results: list[Translation | None] = [None] * len(sentences)
        self._fill_known(sentences, results)
        return results

    def translate(
        self,
        sentences: Sequence[str],
        *,
        cancelled: Cancelled | None = None,
        progress: SentenceProgress | None = None,
        on_result: Callable[[int, Translation], None] | None = None,
    ) -> list[Translation | None]:
        """Translate ``sentences`` (call from a worker thread); return one result per sentence, in order.

        Known sentences come from the reference and the cache; the rest go through the pack's model in batches of
        :attr:`chunk_size`, each batch cached as soon as it is done. ``cancelled()`` is polled before each batch:
        when it turns true the call returns at once, leaving ``None`` for what was not translated. A result is also
        ``None`` for an empty sentence and, with no pack installed, for every sentence without a reference.
        ``on_result(index, translation)`` is called as each sentence's translation becomes known (for every
        index of a repeated sentence); ``progress(done, total)`` after each step.
        """
        results: list[Translation | None] = [None] * len(sentences)
        self._fill_known(sentences, results)
        total = len(sentences)
        if on_result is not None:
            for index, result in enumerate(results):
                if result is not None:
                    on_result(index, result)
        pending = self._pending(sentences, results)
        done = total - sum(len(indexes) for indexes in pending.values())
        if progress is not None:
            progress(done, total)
        engine, label = self.engine, self.source_label
        if not pending or engine is None or label is None:
            return results
        keys = list(pending)
        for start in range(0, len(keys), self.chunk_size):
            if cancelled is not None and cancelled():
                log.debug("translation cancelled with %d sentences left", len(keys) - start)
                break
            chunk = keys[start : start + self.chunk_size]
            english = engine.translate(chunk)
            if self.cache is not None:
                self.cache.put_many(label, zip(chunk, english, strict=True))
            for key, text in zip(chunk, english, strict=True):
                translation = Translation(text, label)
                for index in pending[key]:
                    results[index] = translation
                    if on_result is not None:
                        on_result(index, translation)
                done += len(pending[key])
            if progress is not None:
                progress(done, total)
        return results

    def _fill_known(self, sentences: Sequence[str], results: list[Translation | None]) -> None:
        """Fill ``results`` from the reference translations, then from the cache for the pack in use."""
        for index, sentence in enumerate(sentences):
            english = self.reference.lookup(sentence)
            if english is not None:
                results[index] = Translation(english, REFERENCE_SOURCE)
        label = self.source_label
        if self.cache is None or label is None:
            return
        missing = [sentence for sentence, result in zip(sentences, results, strict=True) if result is None]
        cached = self.cache.get_many(label, missing)
        if not cached:
            return
        for index, sentence in enumerate(sentences):
            if results[index] is None:
                text = cached.get(normalize_sentence(sentence))
                if text is not None:
                    results[index] = Translation(text, label)

    @staticmethod
    def _pending(sentences: Sequence[str], results: list[Translation | None]) -> dict[str, list[int]]:
        """The untranslated sentences, normalised and de-duplicated, with the indexes each one fills."""
        pending: dict[str, list[int]] = {}
        for index, (sentence, result) in enumerate(zip(sentences, results, strict=True)):
            if result is None:
                key = normalize_sentence(sentence)
                if key:
                    pending.setdefault(key, []).append(index)
        return pending

    # -- documents -----------------------------------------------------------------------------------------------

    def translate_sentences(
        self,
        sentences: Iterable[Sentence],
        *,
        cancelled: Cancelled | None = None,
        progress: SentenceProgress | None = None,
    ) -> None:
        """Set ``translation`` and ``translation_source`` on each sentence that gets a translation."""
        targets = list(sentences)
        results = self.translate([s.text for s in targets], cancelled=cancelled, progress=progress)
        for sentence, result in zip(targets, results, strict=True):
            if result is not None:
                sentence.translation, sentence.translation_source = result.text, result.source

    def translate_document(
        self,
        document: Document,
        *,
        cancelled: Cancelled | None = None,
        progress: SentenceProgress | None = None,
    ) -> None:
        """Translate every sentence of ``document`` in reading order (see :meth:`translate`)."""
        sentences = [s for article in document.articles for block in article.blocks for s in block.sentences]
        self.translate_sentences(sentences, cancelled=cancelled, progress=progress)

    def title_translation(self, title: str) -> Translation | None:
        """Return the known translation of an article title (reference or cache; never runs the model)."""
        return self.lookup([title])[0]


#: The cache file's name inside Reader's cache folder.
CACHE_FILE_NAME = "translations.sqlite"


def build_translator(cache_dir: Path, settings: ArgosSettings | None = None) -> Translator:
    """Create the application's translator: Argos' folders from the environment, the cache in ``cache_dir``."""
    return Translator(
        settings if settings is not None else resolve_argos_settings(),
        TranslationCache(cache_dir / CACHE_FILE_NAME),
        ReferenceTranslations.load_bundled(),
    )
