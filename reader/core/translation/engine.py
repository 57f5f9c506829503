"""Run an Argos pack's CTranslate2 model directly, sentence by sentence, with Argos' decoding settings.

argostranslate's own ``translate()`` splits sentences with stanza or MiniSBD, which download models on first
use and fail offline. Reader already has its sentences, so this engine only does what
``argostranslate.translate.apply_packaged_translation`` does after splitting: SentencePiece pieces in, one
batched ``translate_batch`` call (beam search with Argos' beam size, length penalty 0.2, unknown words copied
from the source, the pack's target prefix if any), pieces decoded back to text. Nothing here touches the network.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reader.core.errors import TranslationError
from reader.core.translation.settings import ArgosSettings

if TYPE_CHECKING:
    from reader.core.translation.packs import PackInfo

log = logging.getLogger(__name__)

#: Argos' length penalty (``apply_packaged_translation``).
LENGTH_PENALTY = 0.2
#: ctranslate2's default output limit, raised for very long sentences so that they are not cut short.
MIN_DECODING_LENGTH_LIMIT = 256
_SPACE_MARK = "\u2581"


class ArgosEngine:
    """Translate sentences with one installed pack; the model loads on the first call (0.2–2 s), then stays.

    Thread-safe: calls are serialised by a lock, so the GUI's worker and the CLI can share one engine.
    """

    def __init__(self, pack: PackInfo, settings: ArgosSettings) -> None:
        self.pack = pack
        self.settings = settings
        self._translator: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        #: Seconds spent inside ctranslate2's ``translate_batch`` (for the overhead benchmark).
        self.model_seconds = 0.0

    @property
    def loaded(self) -> bool:
        """True once the model is in memory."""
        return self._translator is not None

    def load(self) -> None:
        """Load the CTranslate2 model and the SentencePiece model (safe to call twice)."""
        with self._lock:
            self._load_locked()

    def _load_locked(self) -> None:
        if self._translator is not None:
            return
        import ctranslate2
        import sentencepiece

        started = time.perf_counter()
        options: dict[str, Any] = {
            "device": self.settings.device,
            "inter_threads": self.settings.inter_threads,
            "intra_threads": self.settings.intra_threads,
        }
        if self.settings.compute_type != "auto":
            options["compute_type"] = self.settings.compute_type
        try:
            tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(self.pack.sentencepiece_model))
            translator = ctranslate2.Translator(str(self.pack.model_dir), **options)
        except (RuntimeError, OSError, ValueError) as exc:
            raise TranslationError(f"The language pack {self.pack.name} could not be loaded ({exc}).") from exc
        self._tokenizer, self._translator = tokenizer, translator
        log.info("loaded pack %s in %.2f s", self.pack.label, time.perf_counter() - started)

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Return the English of each sentence, in order (one ``translate_batch`` call for all of them)."""
        if not sentences:
            return []
        with self._lock:
            self._load_locked()
            pieces = [self._tokenizer.encode(sentence, out_type=str) for sentence in sentences]
            prefix = self.pack.target_prefix
            started = time.perf_counter()
            try:
                results = self._translator.translate_batch(
                    pieces,
                    target_prefix=[[prefix]] * len(pieces) if prefix else None,
                    replace_unknowns=True,
                    max_batch_size=self.settings.batch_size,
                    batch_type="tokens",
                    beam_size=self.settings.beam_size,
                    num_hypotheses=1,
                    length_penalty=LENGTH_PENALTY,
                    max_decoding_length=max(MIN_DECODING_LENGTH_LIMIT, 2 * max(map(len, pieces)) + 16),
                )
            except (RuntimeError, ValueError) as exc:
                raise TranslationError(f"The language pack {self.pack.name} failed to translate ({exc}).") from exc
            finally:
                self.model_seconds += time.perf_counter() - started
            return [self._decode(result.hypotheses[0]) for result in results]

    def _decode(self, tokens: list[str]) -> str:
        """Turn output pieces into text as Argos does: drop the target prefix and the tokenizer's leading space."""
        prefix = self.pack.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        text = self._tokenizer.decode_pieces(tokens).replace(_SPACE_MARK, " ")
        return text.strip()

    def close(self) -> None:
        """Free the model's memory (it loads again on the next call)."""
        with self._lock:
            self._translator = None
            self._tokenizer = None
