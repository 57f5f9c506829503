"""Text repair at the edges of headings: a heading never ends mid-word, an author note stays a note."""

from __future__ import annotations

import pytest

from reader.core.model import BlockKind
from reader.core.repair import repair_text

pytestmark = pytest.mark.core

BODY = ["现代化是以现代科学技术的兴起、", "发展和应用为主要动力的，工业化", "是现代化的核心内容和主要标志。"]


def _blocks(text: str) -> list[tuple[str, str]]:
    return [(block.kind.value, block.text) for article in repair_text(text).articles for block in article.blocks]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A table cell cut in the middle of 研究 and 学习 (a browser-printed Wikipedia timeline).
        (["人工智能研", "究", "1953博弈论"], [("heading", "人工智能研究"), ("heading", "1953博弈论")]),
        (["2007深度学", "习", "人工智能语", "言1960 LISP语言"], ["2007深度学习", "人工智能语言1960 LISP语言"]),
        # An enumeration after a heading is not a cut word (规划一 / 划一).
        (["知识表示法规划", "", "一、2023年工作回顾"], ["知识表示法规划", "一、2023年工作回顾"]),
    ],
)
def test_heading_cut_mid_word_is_joined(lines: list[str], expected: list) -> None:
    got = _blocks("\n".join(lines))
    texts = [text for _, text in got]
    wanted = [item[1] if isinstance(item, tuple) else item for item in expected]
    assert texts == wanted
    for item, (kind, _) in zip(expected, got, strict=True):
        if isinstance(item, tuple):
            assert kind == item[0]


def test_a_short_heading_line_is_not_joined_to_the_body() -> None:
    # 发展|现代化 would make 展现, a word; the heading's last line is short, so it ended on purpose.
    text = "促进制造业智能化、绿色\n化和融合化发展\n\n" + "\n\n".join(BODY)
    assert _blocks(text)[0] == ("heading", "促进制造业智能化、绿色化和融合化发展")


def test_headline_cut_mid_word_joins_its_continuation() -> None:
    text = "\n".join(
        [
            "隆基股份：拟投资扩产4000万公",
            "里金刚线项目，预计明年投产。公司",
            "表示，项目总投资约十亿元，建设周",
            "期为两年。",
        ]
    )
    assert not any(kind == "heading" for kind, _ in _blocks(text))
    assert "4000万公里金刚线" in _blocks(text)[0][1]


@pytest.mark.parametrize(
    "separator",
    [
        "\n\n",  # the note has a blank line before it, like every line
        "\n",  # the note touches the last line of the paragraph
    ],
)
def test_author_note_after_the_last_paragraph_stays_a_note(separator: str) -> None:
    # A PDF layout with a blank line after every line (issue 17, item 21).
    lines = [*BODY, "发展创造更多新机遇。"]
    text = "\n\n".join(lines) + separator + "（作者系本报记者）"
    blocks = _blocks(text)
    assert blocks[-1] == (BlockKind.NOTE.value, "（作者系本报记者）")
    assert blocks[-2][1].endswith("发展创造更多新机遇。")
