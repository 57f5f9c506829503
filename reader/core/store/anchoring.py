"""Find a quoted span again after an article's text has changed (a re-import with better repair, an edited file).

An :class:`Anchor` keeps the span's offsets, its quoted text and a little context on each side. :func:`reanchor`
looks for the quote in the new text: at its old place first, then at every occurrence, preferring the one whose
surrounding text matches the stored context best and, on a tie, the one nearest the old place; if the exact quote is
gone it tries again ignoring whitespace (PDF repair often adds or removes spaces and line breaks). ``None`` means
the span is orphaned: the caller keeps it and says so, it never drops it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Characters of context stored on each side of a quote.
CONTEXT_CHARS = 32
#: Occurrences of a quote examined at most (a one-character quote like 的 can occur thousands of times).
MAX_CANDIDATES = 5_000


@dataclass(frozen=True, slots=True)
class Anchor:
    """A span of an article's text with the text around it."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """Return the anchor of ``text[start:end]`` with up to :data:`CONTEXT_CHARS` of context on each side."""
    return Anchor(
        start, end, text[start:end], text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
    )


def reanchor(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """Return the new (start, end) of the anchored quote in ``text``, or ``None`` if it is no longer there."""
    if not anchor.quote:
        return None
    if text[anchor.start : anchor.end] == anchor.quote and _context_score(anchor, text, anchor.start) > 0:
        return anchor.start, anchor.end
    found = _best_occurrence(anchor, text)
    if found is not None:
        return found, found + len(anchor.quote)
    return _reanchor_ignoring_spaces(anchor, text)


def _best_occurrence(anchor: Anchor, text: str) -> int | None:
    best: tuple[int, int] | None = None
    best_position = None
    position = text.find(anchor.quote)
    examined = 0
    while position != -1 and examined < MAX_CANDIDATES:
        key = (_context_score(anchor, text, position), -abs(position - anchor.start))
        if best is None or key > best:
            best, best_position = key, position
        position = text.find(anchor.quote, position + 1)
        examined += 1
    return best_position


def _context_score(anchor: Anchor, text: str, position: int) -> int:
    """How many characters of the stored context match the text around ``position``."""
    before = text[max(0, position - len(anchor.prefix)) : position]
    after_start = position + len(anchor.quote)
    after = text[after_start : after_start + len(anchor.suffix)]
    return _common_prefix(before[::-1], anchor.prefix[::-1]) + _common_prefix(after, anchor.suffix)


def _common_prefix(first: str, second: str) -> int:
    """The number of leading characters the two strings share."""
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def _reanchor_ignoring_spaces(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """Match the quote with all whitespace removed from it and from ``text``; map the match back to offsets."""
    quote = "".join(anchor.quote.split())
    if not quote:
        return None
    kept = [i for i, char in enumerate(text) if not char.isspace()]
    squeezed = "".join(text[i] for i in kept)
    squeezed_anchor = Anchor(
        _squeezed_offset(kept, anchor.start),
        0,
        quote,
        "".join(anchor.prefix.split()),
        "".join(anchor.suffix.split()),
    )
    position = _best_occurrence(squeezed_anchor, squeezed)
    if position is None:
        return None
    return kept[position], kept[position + len(quote) - 1] + 1


def _squeezed_offset(kept: list[int], offset: int) -> int:
    """The index in the whitespace-free text of the first kept character at or after ``offset``."""
    low, high = 0, len(kept)
    while low < high:
        middle = (low + high) // 2
        if kept[middle] < offset:
            low = middle + 1
        else:
            high = middle
    return low
