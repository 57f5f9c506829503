"""Text repair: spaces, line joining, paragraphs, headings, notes, bylines and articles."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.chars import is_han
from reader.core.model import BlockKind, BlockRole
from reader.core.normalize import normalize_text
from reader.core.repair import RepairResult, clean_spaces, keep_lines, repair_text
from tests.conftest import DATA, SAMPLE

pytestmark = pytest.mark.core

PARAGRAPHS = [
    line
    for line in (DATA / "paragraphs.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


def _blocks(result: RepairResult) -> list[str]:
    return [block.text for article in result.articles for block in article.blocks]


def _non_space(text: str) -> str:
    return re.sub(r"\s", "", text)


# ---------------------------------------------------------------------------------------------------------------
# Spaces inside a line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("积 极 稳 妥 发 展", "积极稳妥发展"),  # justified layout spreads Chinese characters
        ("施 ”“ 积 极 稳 妥", "施”“积极稳妥"),  # curly quotes between Chinese are Chinese typesetting
        ("博 鳌 亚 洲 论 坛 、中 国 — 东 盟", "博鳌亚洲论坛、中国—东盟"),  # full-width comma and dash
        ("2 0 2 4 年", "2024年"),  # spread digits close up
        ("2035 年远景目标", "2035年远景目标"),  # space between a number and a character is typesetting
        ("的 5G 生态体系", "的5G生态体系"),  # same for a Latin word next to Chinese
        ("推动 C2M（用户直连制造）", "推动C2M（用户直连制造）"),  # full-width bracket
        ("说了一句 Hello world 就走了", "说了一句Hello world就走了"),  # the space inside Latin text stays
        ("型号 iPhone 15 Pro", "型号iPhone 15 Pro"),  # Latin word and number keep their spaces
        ("占 全 球 比 重 近 30%。 制", "占全球比重近30%。制"),  # percent sign, full stop, trailing space
        ("　　他走进房间。", "他走进房间。"),  # ideographic indent goes
        ("a b c", "a b c"),  # single Latin letters outside a spread line are left alone
        ("中 华 A B C 公 司", "中华ABC公司"),  # inside a spread line single letters close up too
    ],
)
def test_clean_spaces(line: str, expected: str) -> None:
    assert clean_spaces(line) == expected


# ---------------------------------------------------------------------------------------------------------------
# Paragraphs from tables of small layouts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # wrapped lines with blank lines between paragraphs
        (
            "第一段的第一行文字很\n长长长长长长长长。\n\n第二段的第一行文字很\n短。",
            ["第一段的第一行文字很长长长长长长长长。", "第二段的第一行文字很短。"],
        ),
        # a blank line after every line: blank lines mean nothing; a short line ending a sentence ends a paragraph
        (
            "今天天气很好，我们一\n\n起去公园散步吧。好\n\n的。\n\n明天我们去城里买东\n\n西。",
            ["今天天气很好，我们一起去公园散步吧。好的。", "明天我们去城里买东西。"],
        ),
        # paragraphs marked only by a two-character ideographic indent
        (
            "　　他走进房间，看见桌\n子上放着一封信。\n　　信是妈妈写来的，\n说她一切都好。",
            ["他走进房间，看见桌子上放着一封信。", "信是妈妈写来的，说她一切都好。"],
        ),
        # one paragraph per line (not wrapped): every line stays a paragraph even if lengths vary
        (
            "这是第一段，它很长很长很长很长很长很长。\n第二段短。\n第三段又稍微长一点点。",
            ["这是第一段，它很长很长很长很长很长很长。", "第二段短。", "第三段又稍微长一点点。"],
        ),
        # Latin words split across lines keep a space, Chinese characters do not get one
        (
            "他说的英文单词是hello\nworld，然后又说了一句中文\n的话。",
            ["他说的英文单词是hello world，然后又说了一句中文的话。"],
        ),
        # CRLF and CR line endings behave like LF
        ("第一行文字很长很长很长\r\n结束。\r\n\r\n第二段。", ["第一行文字很长很长很长结束。", "第二段。"]),
    ],
)
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert _blocks(repair_text(normalize_text(text))) == expected


@pytest.mark.parametrize(
    ("text", "kind", "role"),
    [
        ("（作者系中国社会科学院经济研究所研究员）", BlockKind.NOTE, BlockRole.AUTHOR_NOTE),
        ("(记者 王小明)", BlockKind.NOTE, BlockRole.AUTHOR_NOTE),
        ("责任编辑：李华", BlockKind.NOTE, BlockRole.AUTHOR_NOTE),
        ("为全球发展事业提供有益借鉴", BlockKind.HEADING, BlockRole.TITLE),
        ("促进制造业智能化、绿色化和融合化发展", BlockKind.HEADING, BlockRole.TITLE),
        ("他走进房间，看见桌子上放着一封信。", BlockKind.PARAGRAPH, BlockRole.BODY),
        ("2024", BlockKind.PARAGRAPH, BlockRole.BODY),  # a bare number is not a heading
    ],
)
def test_block_kinds(text: str, kind: BlockKind, role: BlockRole) -> None:
    block = repair_text(text).articles[0].blocks[0]
    assert (block.kind, block.role) == (kind, role)


def test_two_line_heading_in_double_spaced_text_is_one_heading() -> None:
    text = (
        "这是正文的第一行文字很\n\n长很长的内容在这里结\n\n束了。\n\n为推进全球治理变革提\n供制度供给\n\n"
        "经济全球化使各国发展\n\n紧密相连、利益高度相\n\n关。"
    )
    blocks = repair_text(text).articles[0].blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "这是正文的第一行文字很长很长的内容在这里结束了。"),
        (BlockKind.HEADING, "为推进全球治理变革提供制度供给"),
        (BlockKind.PARAGRAPH, "经济全球化使各国发展紧密相连、利益高度相关。"),
    ]


def test_doubled_byline_is_kept_once_and_reported() -> None:
    result = repair_text("持续高质量共建“一带一路”\n徐占忱徐占忱\n\n正文第一段写在这里，内容很长很长很长。")
    article = result.articles[0]
    assert article.title == "持续高质量共建“一带一路”"
    assert [(b.role, b.text) for b in article.blocks[:2]] == [
        (BlockRole.TITLE, "持续高质量共建“一带一路”"),
        (BlockRole.BYLINE, "徐占忱"),
    ]
    assert result.dropped == ["徐占忱"]


def test_author_note_ends_an_article() -> None:
    text = "第一篇文章的正文在这里。\n\n（作者系某大学教授）\n\n第二篇文章的正文在这里。"
    articles = repair_text(text).articles
    assert [[b.text for b in a.blocks] for a in articles] == [
        ["第一篇文章的正文在这里。", "（作者系某大学教授）"],
        ["第二篇文章的正文在这里。"],
    ]


def test_keep_lines_makes_every_line_a_paragraph_without_repair() -> None:
    result = keep_lines("第一 行\n\n第二行\n第三行")
    assert _blocks(result) == ["第一 行", "第二行", "第三行"]


# ---------------------------------------------------------------------------------------------------------------
# The sample page


@pytest.fixture(scope="module")
def sample() -> RepairResult:
    return repair_text(normalize_text(SAMPLE.read_text(encoding="utf-8")))


def test_sample_has_three_articles_with_their_titles(sample: RepairResult) -> None:
    assert [article.title for article in sample.articles] == [
        "促进工业互联网创新发展",
        "持续高质量共建“一带一路”",
        None,
    ]


def test_sample_byline_goes_with_its_article(sample: RepairResult) -> None:
    bylines = [(i, b.text) for i, a in enumerate(sample.articles) for b in a.blocks if b.role is BlockRole.BYLINE]
    assert bylines == [(1, "徐占忱")]


def test_sample_articles_end_with_their_author_notes(sample: RepairResult) -> None:
    assert sample.articles[1].blocks[-1].text.startswith("（作者系中国国际经济交流中心")
    assert sample.articles[2].blocks[-1].text.startswith("（作者系中国社会科学院")


def test_sample_subheadings_are_recognised(sample: RepairResult) -> None:
    headings = [b.text for a in sample.articles for b in a.blocks if b.role is BlockRole.SUBHEADING]
    assert headings == [
        "为构建人类命运共同体提供实践经验",
        "为推进全球治理变革提供制度供给",
        "为全球发展事业提供有益借鉴",
        "为构建新发展格局提供重要支撑",
        "巩固制造业体系完备的优势",
        "促进制造业智能化、绿色化和融合化发展",
        "新发展阶段产业政策要发展和安全并举",
    ]


def test_sample_has_no_break_or_space_between_chinese_characters(sample: RepairResult) -> None:
    for text in _blocks(sample):
        assert "\n" not in text
        for left, right in re.findall(r"(.)\s+(.)", text):
            assert not (is_han(left) and is_han(right)), f"space between {left} and {right}"


def test_sample_paragraphs_end_at_sentence_ends(sample: RepairResult) -> None:
    counts = [sum(b.kind is BlockKind.PARAGRAPH for b in a.blocks) for a in sample.articles]
    assert counts == [6, 11, 9]  # counted by hand in the source page
    paragraphs = [b.text for a in sample.articles for b in a.blocks if b.kind is BlockKind.PARAGRAPH]
    assert all(text[-1] in "。！？”）" for text in paragraphs)


def test_sample_keeps_every_character_except_the_doubled_byline(sample: RepairResult) -> None:
    source = _non_space(normalize_text(SAMPLE.read_text(encoding="utf-8")))
    repaired = "".join(_non_space(text) for text in _blocks(sample)) + "".join(sample.dropped)
    assert sorted(repaired) == sorted(source)


# ---------------------------------------------------------------------------------------------------------------
# Property: whatever the wrap width and layout, nothing is lost and paragraphs come back


def _wrap(text: str, width: int, first_indent: str = "") -> list[str]:
    lines, rest = [], text
    first = True
    while rest:
        room = width - (len(first_indent) if first else 0)
        lines.append((first_indent if first else "") + rest[:room])
        rest, first = rest[room:], False
    return lines


def _spread(line: str) -> str:
    return " ".join(line)


@st.composite
def layouts(draw: st.DrawFn) -> tuple[list[str], str, str]:
    paragraphs = draw(st.lists(st.sampled_from(PARAGRAPHS), min_size=2, max_size=6))
    width = draw(st.integers(min_value=8, max_value=40))
    style = draw(st.sampled_from(["blank_between", "double_spaced", "indent"]))
    spread_every = draw(st.sampled_from([0, 3, 5]))
    lines_out: list[str] = []
    count = 0
    for paragraph in paragraphs:
        indent = "\u3000\u3000" if style == "indent" else ""
        for line in _wrap(paragraph, width, indent):
            count += 1
            lines_out.append(_spread(line) if spread_every and count % spread_every == 0 else line)
            if style == "double_spaced":
                lines_out.append("")
        if style == "blank_between":
            lines_out.append("")
    return paragraphs, style, "\n".join(lines_out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts())
def test_repair_loses_nothing_and_finds_paragraphs(layout: tuple[list[str], str, str]) -> None:
    paragraphs, style, text = layout
    result = repair_text(normalize_text(text))
    blocks = [_non_space(block) for block in _blocks(result)]
    originals = [_non_space(paragraph) for paragraph in paragraphs]
    assert "".join(blocks) == "".join(originals)
    if style == "double_spaced":
        # A paragraph whose last line happens to be full is indistinguishable from one that goes on, so only
        # require that no paragraph is cut: every repaired block is a run of whole original paragraphs.
        boundaries = {sum(len(p) for p in originals[:i]) for i in range(len(originals) + 1)}
        offsets = {sum(len(b) for b in blocks[:i]) for i in range(len(blocks) + 1)}
        assert offsets <= boundaries
    else:
        assert blocks == originals


def test_a_long_novel_becomes_one_article_per_chapter() -> None:
    chapter = "　　他走进房间，看见桌子上放着一封信。信是妈妈写来的，说她一切都好。\n" * 400
    text = "我的小说\n\n" + "".join(f"第{number}章 出发\n{chapter}" for number in "一二三四五")
    articles = repair_text(normalize_text(text)).articles
    assert [a.title for a in articles] == ["我的小说", "第二章出发", "第三章出发", "第四章出发", "第五章出发"]
    assert articles[0].blocks[1].text == "第一章出发"  # the book's title page stays with the first chapter
    assert all(len(a.blocks) >= 401 for a in articles)


def test_a_short_text_with_chapter_headings_stays_whole() -> None:
    text = "第一章\n\n他走了。\n\n第二章\n\n他来了。\n\n第三章\n\n他又走了。"
    assert len(repair_text(text).articles) == 1


def test_a_heading_after_a_finished_sentence_is_not_joined_to_it() -> None:
    text = (
        "　　他走进房间，看见桌子上放着一封信。信是妈妈写来的。\n第二章 回家\n"
        "　　第二天早上，他很早就起床了，收拾好东西。"
    )
    blocks = repair_text(normalize_text(text)).articles[0].blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "他走进房间，看见桌子上放着一封信。信是妈妈写来的。"),
        (BlockKind.HEADING, "第二章回家"),
        (BlockKind.PARAGRAPH, "第二天早上，他很早就起床了，收拾好东西。"),
    ]
