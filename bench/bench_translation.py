"""Issue 4 figures: the translator's own cost per sentence beyond ctranslate2's, and the cost of a cache hit.

Run: ``.venv/bin/python -m bench.bench_translation``. Uses the tiny test pack (random weights, so ctranslate2's
own time is small and Reader's overhead stands out) installed in a temporary Argos folder, and the 133 sentences
of the bundled sample (reference translations switched off so that every sentence goes through the model).

* overhead per sentence = (wall time of ``Translator.translate`` on a cold cache − time inside ctranslate2's
  ``translate_batch``) / sentences; it covers normalising, de-duplicating, SentencePiece encoding and decoding,
  batching and writing the cache.
* cache hit = wall time of ``Translator.translate`` when every sentence is cached, per sentence (whole sample in
  one call) and for a single-sentence call (what the GUI pays for a paragraph already seen).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from reader.core.paths import REPO_ROOT, SAMPLE_ARTICLE
from reader.core.pipeline import structure
from reader.core.translation.cache import TranslationCache
from reader.core.translation.packs import install_pack
from reader.core.translation.settings import resolve_argos_settings
from reader.core.translation.translator import Translator

TINY_PACK = REPO_ROOT / "tests" / "data" / "tiny_pack" / "translate-zh_en-tiny.argosmodel"
RUNS = 7


def sample_sentences() -> list[str]:
    """The sample's sentences as the pipeline splits them."""
    document = structure(SAMPLE_ARTICLE.read_text(encoding="utf-8"))
    return [s.text for article in document.articles for block in article.blocks for s in block.sentences]


def measure(work: Path) -> dict[str, float]:
    """Run every measurement with Argos' folders and the cache below ``work``."""
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        os.environ[name] = str(work / name.lower())
    settings = resolve_argos_settings()
    install_pack(TINY_PACK, settings)
    cache = TranslationCache(work / "translations.sqlite")
    translator = Translator(settings, cache)
    engine = translator.engine
    assert engine is not None
    sentences = sample_sentences()

    started = time.perf_counter()
    engine.load()
    load = time.perf_counter() - started

    overheads, totals = [], []
    for _ in range(RUNS):
        cache.clear()
        engine.model_seconds = 0.0
        started = time.perf_counter()
        results = translator.translate(sentences)
        total = time.perf_counter() - started
        assert all(result is not None for result in results)
        totals.append(total)
        overheads.append((total - engine.model_seconds) / len(sentences))

    batch_hits, single_hits = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        translator.translate(sentences)
        batch_hits.append((time.perf_counter() - started) / len(sentences))
        for sentence in sentences[:20]:
            started = time.perf_counter()
            translator.translate([sentence])
            single_hits.append(time.perf_counter() - started)
    translator.close()
    return {
        "sentences": len(sentences),
        "model_load_s": load,
        "cold_sample_s": statistics.median(totals),
        "overhead_ms_per_sentence": 1000 * statistics.median(overheads),
        "hit_ms_per_sentence_in_batch": 1000 * statistics.median(batch_hits),
        "hit_ms_single_sentence": 1000 * statistics.median(single_hits),
        "hit_ms_single_sentence_max": 1000 * max(single_hits),
    }


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory() as work:
        figures = measure(Path(work))
    print(f"sample sentences:                          {figures['sentences']:.0f}")
    print(f"tiny model load:                           {figures['model_load_s'] * 1000:.0f} ms")
    print(f"whole sample, cold cache (median of {RUNS}):   {figures['cold_sample_s'] * 1000:.0f} ms")
    print(f"overhead beyond ctranslate2 per sentence:  {figures['overhead_ms_per_sentence']:.3f} ms  (target <= 2 ms)")
    print(f"cache hit per sentence, whole sample:      {figures['hit_ms_per_sentence_in_batch']:.3f} ms")
    print(f"cache hit, one-sentence call (median):     {figures['hit_ms_single_sentence']:.3f} ms  (target <= 1 ms)")
    print(f"cache hit, one-sentence call (max):        {figures['hit_ms_single_sentence_max']:.3f} ms")


if __name__ == "__main__":
    main()
