"""The compact JSON of an article's structure and tokens: exact round trips, and refusal of mismatched data."""

from __future__ import annotations

import json

import pytest

from reader.core.errors import StoreError
from reader.core.model import Token
from reader.core.store.codec import apply_analysis, decode_structure, encode_analysis, encode_structure
from tests.core.store_helpers import make_article

pytestmark = pytest.mark.core


def _tokenize_by_hand(article) -> None:
    """One token per character: Han characters get a syllable, everything else none."""
    for block in article.blocks:
        for sentence in block.sentences:
            sentence.tokens = [
                Token(ch, 0, ["x1"] if "\u4e00" <= ch <= "\u9fff" else None, "\u4e00" <= ch <= "\u9fff")
                for ch in sentence.text
            ]
    article.assign_offsets()


def test_tokens_round_trip_exactly() -> None:
    article = make_article()
    _tokenize_by_hand(article)
    loaded = decode_structure(article.title, article.text, encode_structure(article))
    assert apply_analysis(loaded, encode_analysis(article)) is True
    assert [t for b in loaded.blocks for s in b.sentences for t in s.tokens] == [
        t for b in article.blocks for s in b.sentences for t in s.tokens
    ]


def test_mixed_token_keeps_none_for_its_latin_characters() -> None:
    article = make_article("A股上涨。")
    article.blocks[0].sentences[0].tokens = [
        Token("A股", 0, [None, "gu3"], True),
        Token("上涨", 2, ["shang4", "zhang3"], True),
        Token("。", 4),
    ]
    loaded = decode_structure(None, article.text, encode_structure(article))
    apply_analysis(loaded, encode_analysis(article))
    assert loaded.blocks[0].sentences[0].tokens[0].pinyin == [None, "gu3"]


def test_analysis_of_other_text_is_refused_and_leaves_no_tokens() -> None:
    article = make_article()
    _tokenize_by_hand(article)
    analysis = json.loads(encode_analysis(article))
    analysis[1][0] = analysis[1][0][:-1]  # one token short: lengths no longer add up to the sentence
    loaded = decode_structure(article.title, article.text, encode_structure(article))
    assert apply_analysis(loaded, json.dumps(analysis)) is False
    assert all(not s.tokens for b in loaded.blocks for s in b.sentences)


def test_structure_that_does_not_fit_the_text_is_reported() -> None:
    article = make_article()
    with pytest.raises(StoreError, match="does not match"):
        decode_structure(article.title, article.text + "多余", encode_structure(article))
