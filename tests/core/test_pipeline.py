"""The analysed document keeps its invariants: tokens make sentences, sentences make blocks, offsets add up."""

from __future__ import annotations

import pytest

from reader.core.chars import LooksJapaneseError, check_not_japanese, has_han, is_han
from reader.core.errors import InputError
from reader.core.model import BLOCK_SEPARATOR, Document
from reader.core.pipeline import Analyzer, structure
from tests.conftest import SAMPLE

pytestmark = pytest.mark.core


@pytest.fixture(scope="module")
def sample_document(analyzer: Analyzer) -> Document:
    return analyzer.analyse(SAMPLE.read_text(encoding="utf-8"))


def test_tokens_make_sentences_and_sentences_make_blocks(sample_document: Document) -> None:
    for article in sample_document.articles:
        for block in article.blocks:
            assert "".join(s.text for s in block.sentences) == block.text
            for sentence in block.sentences:
                assert "".join(t.text for t in sentence.tokens) == sentence.text


def test_offsets_point_into_the_article_text(sample_document: Document) -> None:
    for article in sample_document.articles:
        text = article.text
        assert text == BLOCK_SEPARATOR.join(b.text for b in article.blocks)
        for block in article.blocks:
            assert text[block.start : block.end] == block.text
            for sentence in block.sentences:
                assert text[sentence.start : sentence.end] == sentence.text
                for token in sentence.tokens:
                    assert text[token.start : token.end] == token.text


def test_every_han_character_has_one_syllable(sample_document: Document) -> None:
    for article in sample_document.articles:
        for block in article.blocks:
            for sentence in block.sentences:
                for token in sentence.tokens:
                    if not has_han(token.text):
                        assert token.pinyin is None
                        continue
                    assert token.pinyin is not None and len(token.pinyin) == len(token.text)
                    for char, syllable in zip(token.text, token.pinyin, strict=True):
                        assert (syllable is not None) == is_han(char)
                        assert syllable is None or syllable[-1] in "12345"


def test_lines_as_paragraphs_keeps_each_line() -> None:
    document = structure("第一句。\n第二句很长很长\n\n第三句", lines_as_paragraphs=True)
    assert [b.text for b in document.articles[0].blocks] == ["第一句。", "第二句很长很长", "第三句"]


@pytest.mark.parametrize(
    "text",
    [
        "Only English words here, nothing else.",
        "12345 67890 !!!",
    ],
    ids=["english", "digits"],
)
def test_text_that_is_not_chinese_is_refused(text: str) -> None:
    with pytest.raises(InputError):
        structure(text)


def test_japanese_is_refused_unless_the_learner_insists() -> None:
    # structure() is also the "open it anyway" path, so the kana check is its own step (importers run it first).
    text = "これは日本語の文章です。ひらがなとカタカナが多いです。"
    with pytest.raises(LooksJapaneseError):
        check_not_japanese(text)
    assert structure(text).articles


def test_mixed_text_with_some_chinese_is_accepted() -> None:
    document = structure("我们今天学习 Python 编程，很有意思。")
    assert document.articles[0].blocks[0].text == "我们今天学习Python编程，很有意思。"
