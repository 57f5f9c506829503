"""The human-written reference translation of the bundled sample."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.core.errors import TranslationError
from reader.core.pipeline import structure
from reader.core.translation.reference import (
    REFERENCE_FILE,
    REFERENCE_SOURCE,
    ReferenceEntry,
    ReferenceTranslations,
    reference_key,
)
from reader.core.translation.settings import resolve_argos_settings
from reader.core.translation.translator import Translator
from tests.conftest import SAMPLE

pytestmark = pytest.mark.core


@pytest.fixture(scope="module")
def reference() -> ReferenceTranslations:
    """The bundled reference file."""
    return ReferenceTranslations.load()


@pytest.fixture(scope="module")
def sample_sentences() -> list[str]:
    """Every sentence of the sample, as the pipeline splits it."""
    document = structure(SAMPLE.read_text(encoding="utf-8"))
    return [s.text for article in document.articles for block in article.blocks for s in block.sentences]


def test_every_sentence_of_the_sample_has_a_reference(
    reference: ReferenceTranslations, sample_sentences: list[str]
) -> None:
    missing = [sentence for sentence in sample_sentences if reference.lookup(sentence) is None]
    assert missing == []


def test_every_article_title_has_a_reference(reference: ReferenceTranslations) -> None:
    titles = [a.title for a in structure(SAMPLE.read_text(encoding="utf-8")).articles if a.title]
    assert titles and all(reference.lookup(title) for title in titles)


def test_reference_is_english_prose(reference: ReferenceTranslations) -> None:
    for entry in reference.entries:
        assert re.search(r"[A-Za-z]{2,}", entry.en), entry
        assert not re.search(r"[\u4e00-\u9fff]", entry.en), entry  # no Chinese left untranslated


def test_reference_file_says_it_is_human_written() -> None:
    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    assert data["translation_source"] == REFERENCE_SOURCE
    assert "Human-written" in data["about"] and "not produced by a machine" in data["about"]


@pytest.mark.parametrize(
    ("variant", "found"),
    [
        ("工业互联网是数字化时代工业体系和\n互联网体系深度融合的产物。", True),  # a line break left inside
        ("工业互联网是数字化时代 工业体系和互联网体系深度融合的产物。 ", True),  # spaces inside and after
        ("工业互联网是数字化时代工业体系和互联网体系深度融合的产物.", False),  # another full stop: another text
        ("工业互联网是数字化时代工业体系", False),  # part of a sentence
    ],
)
def test_lookup_tolerates_white_space_only(reference: ReferenceTranslations, variant: str, found: bool) -> None:
    assert (reference.lookup(variant) is not None) is found


def test_sentences_run_together_get_their_translations_joined() -> None:
    reference = ReferenceTranslations(
        [ReferenceEntry("甲。", "A."), ReferenceEntry("乙。", "B."), ReferenceEntry("丙。", "C.")]
    )
    assert reference.lookup("甲。乙。") == "A. B."
    assert reference.lookup("乙。丙。") == "B. C."
    assert reference.lookup("甲。丙。") is None  # not consecutive


def test_reference_key_removes_white_space_and_folds_compatibility_forms() -> None:
    assert reference_key(" Ａ 中\n文\u3000。") == "A中文。"


def test_bad_reference_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "ref.json"
    path.write_text('{"format": 99}', encoding="utf-8")
    with pytest.raises(TranslationError, match="not a reference translation file"):
        ReferenceTranslations.load(path)


def test_sample_is_fully_translated_with_no_pack(tmp_path: Path) -> None:
    document = structure(SAMPLE.read_text(encoding="utf-8"))
    Translator(resolve_argos_settings(), reference=ReferenceTranslations.load()).translate_document(document)
    sentences = [s for article in document.articles for block in article.blocks for s in block.sentences]
    assert all(s.translation and s.translation_source == REFERENCE_SOURCE for s in sentences)
    assert all(block.translation for article in document.articles for block in article.blocks)
