"""Sentence splitting keeps closing quotes with their sentence and loses nothing."""

from __future__ import annotations

import pytest

from reader.core.sentences import split_sentences

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我是学生。你呢？", ["我是学生。", "你呢？"]),
        ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),  # closing quote stays with its sentence
        ("真的吗？！太好了！", ["真的吗？！", "太好了！"]),  # a run of marks ends one sentence
        ("一是聚焦；二是完善。", ["一是聚焦；", "二是完善。"]),  # semicolons end sentences
        ("他想了想……终于开口。", ["他想了想……", "终于开口。"]),  # ellipsis
        ("Wait... 我来了。", ["Wait... ", "我来了。"]),  # ASCII ellipsis, trailing space kept with the sentence
        ("增长38.6%，超过总和。", ["增长38.6%，超过总和。"]),  # a decimal point is not a full stop
        ("（作者系研究员。）", ["（作者系研究员。）"]),  # closing bracket kept
        ("没有标点的标题", ["没有标点的标题"]),
        ("好！，是的。", ["好！，是的。"]),  # a mark followed by a comma does not end the sentence
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
    assert "".join(split_sentences(text)) == text
