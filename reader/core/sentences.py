"""Split a paragraph into sentences.

A sentence ends after 。！？；!?; or an ellipsis (…… or ...), together with any closing quotes and brackets
that follow (``他说：“好。”`` is one sentence) and any spaces after it, so that the sentences of a paragraph
concatenate back to the paragraph exactly.
"""

from __future__ import annotations

import re

from reader.core.chars import CLOSERS, SENTENCE_END

_CLOSERS = re.escape("".join(sorted(CLOSERS)))
_ENDERS = re.escape("".join(sorted(SENTENCE_END)))
_SENTENCE = re.compile(rf"(?:[{_ENDERS}]+|…+|\.{{3,}})[{_CLOSERS}]*\s*")


def split_sentences(text: str) -> list[str]:
    """Return the sentences of ``text``; they concatenate to ``text``."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE.finditer(text):
        end = match.end()
        if end >= len(text) or _continues(text, end):
            continue
        sentences.append(text[start:end])
        start = end
    if start < len(text):
        sentences.append(text[start:])
    return sentences


def _continues(text: str, end: int) -> bool:
    """True if the text after a sentence mark is punctuation that still belongs to the sentence."""
    return text[end] in "，,、：:）)"
