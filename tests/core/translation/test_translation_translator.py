"""The translator service with the tiny pack: structure of the output, cache hits, cancelling, no-pack state."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.model import Document
from reader.core.pipeline import structure
from reader.core.translation.cache import TranslationCache
from reader.core.translation.engine import LENGTH_PENALTY, ArgosEngine
from reader.core.translation.packs import PackInfo, install_pack
from reader.core.translation.reference import REFERENCE_SOURCE, ReferenceTranslations
from reader.core.translation.settings import ArgosSettings, resolve_argos_settings
from reader.core.translation.translator import Translation, Translator
from tests.conftest import SAMPLE
from tests.core.translation_helpers import TINY_PACK, pack_variant

pytestmark = pytest.mark.core

SENTENCES = ["今天天气很好。", "我们去公园散步吧！", "他说：“好。”", "今天天气很好。", "经济发展需要创新。"]
SAMPLE_FIRST = "工业互联网是数字化时代工业体系和互联网体系深度融合的产物。"


@pytest.fixture
def settings() -> ArgosSettings:
    """Argos settings for this test's own XDG folders."""
    return resolve_argos_settings()


@pytest.fixture
def pack(settings: ArgosSettings) -> PackInfo:
    """The tiny zh→en pack, installed."""
    return install_pack(TINY_PACK, settings)


@pytest.fixture
def translator(settings: ArgosSettings, tmp_path: Path):
    """A translator with a cache file and the bundled reference translations, closed after the test."""
    built = Translator(settings, TranslationCache(tmp_path / "translations.sqlite"), ReferenceTranslations.load())
    yield built
    built.close()


class CountingEngine:
    """Wraps an engine and records every batch it is asked to translate."""

    def __init__(self, engine: ArgosEngine) -> None:
        self.real_translate = engine.translate
        self.batches: list[list[str]] = []

    def translate(self, sentences: list[str]) -> list[str]:
        """Record the batch, then translate it with the real engine."""
        self.batches.append(list(sentences))
        return self.real_translate(sentences)


def _count_engine_calls(translator: Translator, monkeypatch: pytest.MonkeyPatch) -> CountingEngine:
    engine = translator.engine
    assert engine is not None
    counter = CountingEngine(engine)
    monkeypatch.setattr(engine, "translate", counter.translate)
    return counter


# -- no pack ------------------------------------------------------------------------------------------------------


def test_no_pack_means_not_available(translator: Translator) -> None:
    assert (translator.available, translator.source_label, translator.engine) == (False, None, None)


def test_no_pack_leaves_other_text_untranslated(translator: Translator) -> None:
    assert translator.translate(SENTENCES) == [None] * len(SENTENCES)


def test_no_pack_still_gives_reference_translations(translator: Translator) -> None:
    result = translator.translate([SAMPLE_FIRST, "今天天气很好。"])
    assert result[0] is not None and result[0].source == REFERENCE_SOURCE
    assert result[1] is None


# -- with the tiny pack -------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("pack")
def test_every_sentence_gets_one_translation_labelled_with_the_pack(translator: Translator) -> None:
    results = translator.translate(SENTENCES)
    assert len(results) == len(SENTENCES)
    assert all(isinstance(r, Translation) and isinstance(r.text, str) for r in results)
    assert {r.source for r in results if r} == {"argos translate-zh_en 0.1"}


@pytest.mark.usefixtures("pack")
def test_repeated_sentence_is_translated_once(translator: Translator, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = _count_engine_calls(translator, monkeypatch)
    results = translator.translate(SENTENCES)
    assert results[0] == results[3]
    assert sum(len(batch) for batch in counter.batches) == len(set(SENTENCES))


@pytest.mark.usefixtures("pack")
def test_second_request_is_served_from_the_cache(translator: Translator, monkeypatch: pytest.MonkeyPatch) -> None:
    first = translator.translate(SENTENCES)
    counter = _count_engine_calls(translator, monkeypatch)
    assert translator.translate(SENTENCES) == first
    assert counter.batches == []


@pytest.mark.usefixtures("pack")
def test_cache_is_used_after_a_restart(
    settings: ArgosSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_path = tmp_path / "restart.sqlite"
    first = Translator(settings, TranslationCache(cache_path))
    expected = first.translate(SENTENCES)
    first.close()
    second = Translator(settings, TranslationCache(cache_path))
    counter = _count_engine_calls(second, monkeypatch)
    assert second.translate(SENTENCES) == expected
    assert counter.batches == []
    second.close()


@pytest.mark.usefixtures("pack")
def test_lookup_never_runs_the_model(translator: Translator, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = _count_engine_calls(translator, monkeypatch)
    assert translator.lookup(SENTENCES) == [None] * len(SENTENCES)
    assert counter.batches == []


@pytest.mark.usefixtures("pack")
def test_reference_wins_over_the_pack(translator: Translator) -> None:
    result = translator.translate([SAMPLE_FIRST])[0]
    assert result is not None and result.source == REFERENCE_SOURCE
    assert result.text.startswith("The industrial internet")


@pytest.mark.usefixtures("pack")
def test_empty_sentence_gets_no_translation(translator: Translator) -> None:
    assert translator.translate(["  ", "你好。"])[0] is None


@pytest.mark.usefixtures("pack")
def test_cancelling_stops_between_batches_and_keeps_what_was_done(translator: Translator) -> None:
    translator.chunk_size = 2
    sentences = [f"第{i}个句子。" for i in range(10)]
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2  # allow two batches

    results = translator.translate(sentences, cancelled=cancelled)
    assert [r is not None for r in results] == [True] * 4 + [False] * 6
    assert translator.cache is not None and translator.cache.count() == 4


@pytest.mark.usefixtures("pack")
def test_progress_and_results_are_reported(translator: Translator) -> None:
    translator.chunk_size = 2
    progress: list[tuple[int, int]] = []
    seen: dict[int, Translation] = {}
    results = translator.translate(
        [SAMPLE_FIRST, *SENTENCES], progress=lambda d, t: progress.append((d, t)), on_result=seen.__setitem__
    )
    assert progress[0] == (1, 6)  # the reference sentence is known at once
    assert progress[-1] == (6, 6)
    assert seen == dict(enumerate(results))


def test_engine_decodes_with_argos_settings(settings: ArgosSettings, tmp_path: Path) -> None:
    # A pack with a target prefix (like Argos' multilingual packs): it is passed to the model and cut from the text.
    pack = install_pack(pack_variant(tmp_path / "p.argosmodel", target_prefix="▁the"), settings)
    engine = ArgosEngine(pack, settings)
    engine.load()
    recorded: dict[str, Any] = {}
    real = engine._translator

    class Recorder:
        def translate_batch(self, source: list[list[str]], **kwargs: Any) -> Any:
            recorded.update(kwargs)
            return real.translate_batch(source, **kwargs)

    engine._translator = Recorder()
    output = engine.translate(["今天天气很好。", "你好。"])
    assert recorded["target_prefix"] == [["▁the"], ["▁the"]]
    assert (recorded["beam_size"], recorded["length_penalty"], recorded["replace_unknowns"]) == (
        4,
        LENGTH_PENALTY,
        True,
    )
    assert (recorded["batch_type"], recorded["max_batch_size"]) == ("tokens", 32)
    assert len(output) == 2 and not any(text.startswith("the ") for text in output)


def test_reload_notices_an_installed_pack(translator: Translator, settings: ArgosSettings) -> None:
    assert not translator.available
    install_pack(TINY_PACK, settings)
    assert translator.reload() is not None
    assert translator.available


# -- documents and the command line -------------------------------------------------------------------------------


def _sentences(document: Document) -> list[Any]:
    return [s for article in document.articles for block in article.blocks for s in block.sentences]


@pytest.mark.usefixtures("pack")
def test_translate_document_mixes_reference_and_pack(translator: Translator) -> None:
    document = structure(f"{SAMPLE_FIRST}\n\n今天天气很好。明天下雨。")
    translator.translate_document(document)
    sources = [s.translation_source for s in _sentences(document)]
    assert sources == [REFERENCE_SOURCE, "argos translate-zh_en 0.1", "argos translate-zh_en 0.1"]


def _annotate_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["annotate", "--json", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.usefixtures("pack")
def test_annotate_json_names_the_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "text.txt"
    text.write_text("今天天气很好。我们去公园散步吧！\n\n经济发展需要创新。", encoding="utf-8")
    data = _annotate_json(text, capsys)
    blocks = [block for article in data["articles"] for block in article["blocks"]]
    assert [len(block["sentences"]) for block in blocks] == [2, 1]  # paragraph breaks and sentences kept
    for sentence in (s for block in blocks for s in block["sentences"]):
        assert isinstance(sentence["translation"], str)
        assert sentence["translation_source"] == "argos translate-zh_en 0.1"


def test_annotate_json_without_pack_leaves_other_text_untranslated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "text.txt"
    text.write_text("今天天气很好。", encoding="utf-8")
    sentence = _annotate_json(text, capsys)["articles"][0]["blocks"][0]["sentences"][0]
    assert (sentence["translation"], sentence["translation_source"]) == (None, None)


@pytest.mark.usefixtures("pack")
def test_annotate_json_of_the_sample_uses_the_reference_even_with_a_pack(capsys: pytest.CaptureFixture[str]) -> None:
    data = _annotate_json(SAMPLE, capsys)
    sources = {s["translation_source"] for a in data["articles"] for b in a["blocks"] for s in b["sentences"]}
    assert sources == {REFERENCE_SOURCE}
