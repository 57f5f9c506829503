"""Re-anchoring a quoted span in changed text: one case per row."""

from __future__ import annotations

import pytest

from reader.core.store.anchoring import make_anchor, reanchor

pytestmark = pytest.mark.core

OLD = "我喜欢学习中文。你呢？我们一起学习吧！"


def _anchor_of(text: str, quote: str, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return make_anchor(text, start, start + len(quote))


@pytest.mark.parametrize(
    ("old", "quote", "occurrence", "new", "expected_start"),
    [
        # unchanged text: same place
        (OLD, "学习中文", 0, OLD, 3),
        # a paragraph inserted before: the span moves with its text
        (OLD, "学习中文", 0, "新的一段。\n\n" + OLD, 3 + len("新的一段。\n\n")),
        # the quote occurs twice: the stored context picks the second one, not the first
        (OLD, "学习", 1, OLD, OLD.index("学习吧")),
        # the second occurrence survives a change in front of the first
        (OLD, "学习", 1, "他" + OLD, OLD.index("学习吧") + 1),
        # the sentence around the quote was edited, but the quote is unique
        (OLD, "一起学习", 0, "我喜欢学习中文。大家一起学习吧！", len("我喜欢学习中文。大家")),
        # PDF repair removed a stray space inside the quote: found ignoring whitespace
        ("工业 互联网的发展", "工业 互联网", 0, "工业互联网的发展", 0),
        # a line break added inside the quote: found ignoring whitespace
        ("数字经济加速发展", "经济加速", 0, "数字经济\n加速发展", 2),
        # the quote is gone: orphaned
        (OLD, "你呢", 0, "我喜欢学习中文。我们一起学习吧！", None),
    ],
    ids=[
        "same",
        "shifted",
        "second-occurrence",
        "second-after-edit",
        "context-edited",
        "space-removed",
        "break-added",
        "gone",
    ],
)
def test_reanchor(old: str, quote: str, occurrence: int, new: str, expected_start: int | None) -> None:
    anchor = _anchor_of(old, quote, occurrence)
    found = reanchor(anchor, new)
    if expected_start is None:
        assert found is None
        return
    assert found is not None
    assert found[0] == expected_start
    assert "".join(new[found[0] : found[1]].split()) == "".join(quote.split())


def test_nearest_occurrence_wins_when_context_is_equal() -> None:
    old = "好。" * 50
    anchor = make_anchor(old, 60, 61)  # one 好 among fifty, identical context everywhere
    found = reanchor(anchor, "。" + old)  # every 好 moved to an odd offset: 59 and 61 are nearest
    assert found in ((59, 60), (61, 62))
