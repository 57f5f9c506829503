"""Text without punctuation is analysed in linear time (issue 17, item 15).

A 1 MB line of Chinese without punctuation took 168 s and 2.35 GB: a context rule scanned to the next punctuation
mark for every 为 and 当. No timing here (bench/bench_unpunctuated.py measures): these tests bound the work each
step may do, which is what made it quadratic.
"""

from __future__ import annotations

import pytest

from reader.core.pinyin.rules import CLAUSE_LIMIT, Context, _clause
from reader.core.pinyin.source import PypinyinReadings
from reader.core.pipeline import PIECE_LIMIT, analysis_pieces

pytestmark = pytest.mark.core

SENTENCE = "因为他当时为大家做了很多事情所以我们都很感谢他"


def _characters(text: str) -> list[str]:
    return list(text)


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("", 10, 0),  # nothing to cut
        ("短句", 10, 1),  # shorter than a piece
        ("一二三四五六七八九十", 10, 1),  # exactly one piece
        ("一二三四五六七八九十一", 10, 2),  # one character over: a second piece
        ("一二三四五，六七八九十一二", 10, 2),  # breaks after the comma, in the second half of the window
        ("一二，三四五六七八九十一二", 10, 2),  # a comma in the first half is too early: a hard break instead
        ("abc defghij klm", 8, 2),  # Latin words are not cut in two at a space
    ],
)
def test_pieces_concatenate_to_the_text_and_stay_short(text: str, limit: int, pieces: int) -> None:
    found = analysis_pieces(text, _characters, limit)
    assert "".join("".join(piece) for piece in found) == text
    assert len(found) == pieces
    assert all(len("".join(piece)) <= limit for piece in found)


def test_a_hard_break_reads_the_last_word_again_in_the_next_piece() -> None:
    # A cutter that makes two-character words: the window ends inside the word 七八, which starts the next piece.
    def pairs(text: str) -> list[str]:
        return [text[i : i + 2] for i in range(0, len(text), 2)]

    found = analysis_pieces("一二三四五六七八九十", pairs, 7)
    assert found[0] == ["一二", "三四", "五六"]
    assert found[1][0] == "七八"


def test_the_segmenter_sees_only_bounded_pieces_of_a_long_line() -> None:
    calls: list[int] = []

    def cut(text: str) -> list[str]:
        calls.append(len(text))
        return list(text)

    text = SENTENCE * 2000  # 46,000 characters, no punctuation
    analysis_pieces(text, cut)
    assert max(calls) <= PIECE_LIMIT
    assert sum(calls) <= 2 * len(text)  # every character is segmented about once: linear work


@pytest.mark.parametrize("length", [10, 1_000, 40_000])
def test_a_rule_looks_at_a_bounded_clause_whatever_the_length(length: int) -> None:
    tokens = ["为", *(["大家"] * length)]
    context = Context(tokens, 0, 0, ("wei2", "wei4"), PypinyinReadings())
    assert len(_clause(context, 1)) == min(length, CLAUSE_LIMIT)


def test_a_long_line_gets_the_same_words_as_its_sentences(analyzer) -> None:
    text = SENTENCE * 40  # 920 characters: three pieces
    words, readings = analyzer.words_and_readings(text)
    assert "".join(words) == text
    assert len(words) == len(readings)
    assert all(reading is not None and len(reading) == len(word) for word, reading in zip(words, readings, strict=True))
    # Away from the piece boundaries the words are those of the sentence on its own.
    alone = analyzer.segmenter.cut(SENTENCE)
    assert words[: len(alone)] == alone
