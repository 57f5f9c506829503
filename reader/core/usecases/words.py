"""Mark words known, ignored or unknown again: one rule for the reading window and ``reader deck known mark``."""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.script import fold
from reader.core.store.words import StatusChange, WordStatus, WordStatuses


def mark_words(statuses: WordStatuses, words: Iterable[str], status: WordStatus | str) -> StatusChange:
    """Give ``words`` (either script) ``status``; return what changed (``statuses.undo(change)`` takes it back).

    Statuses are kept by simplified form, so 學習 marked in a Taiwan text is known in a simplified one too (and in
    the deck, which keys its entries the same way).
    """
    keys = list(dict.fromkeys(fold(word.strip()) for word in words if word.strip()))
    return statuses.mark(keys, WordStatus(status))
