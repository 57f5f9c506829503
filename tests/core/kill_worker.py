"""Child process of test_kill_safety: add deck words and highlights in a loop until it is killed.

Usage: ``python -m tests.core.kill_worker DATABASE ROUND``. After each add has returned (its transaction
committed) it prints one line — ``word ID WORD`` or ``highlight ID START END`` — and flushes, so the parent knows
exactly which adds it must find again after the SIGKILL.
"""

from __future__ import annotations

import sys

from reader.core.store.annotations import Annotations
from reader.core.store.db import open_store
from reader.core.store.deck import Deck
from reader.core.store.library import Library

#: Characters with one common reading, so that every generated word has a valid pinyin.
SYLLABLES = (
    ("中", "zhong1"), ("国", "guo2"), ("人", "ren2"), ("学", "xue2"), ("生", "sheng1"), ("大", "da4"),
    ("小", "xiao3"), ("水", "shui3"), ("火", "huo3"), ("山", "shan1"), ("天", "tian1"), ("月", "yue4"),
    ("口", "kou3"), ("手", "shou3"), ("花", "hua1"), ("书", "shu1"), ("门", "men2"), ("马", "ma3"),
    ("鱼", "yu2"), ("鸟", "niao3"),
)  # fmt: skip


def word_for(number: int) -> tuple[str, str]:
    """A distinct word (and its pinyin) for every number: its digits in base 20, at least four characters."""
    chars, readings = [], []
    for _ in range(4):
        number, digit = divmod(number, len(SYLLABLES))
        chars.append(SYLLABLES[digit][0])
        readings.append(SYLLABLES[digit][1])
    while number:
        number, digit = divmod(number, len(SYLLABLES))
        chars.append(SYLLABLES[digit][0])
        readings.append(SYLLABLES[digit][1])
    return "".join(chars), " ".join(readings)


def main(database: str, round_number: int) -> None:
    """Add a word and a highlight per step, forever, reporting each one that returned."""
    store = open_store(database)
    library, deck, annotations = Library(store), Deck(store), Annotations(store)
    article_id = library.list_articles()[0].id
    length = library.get_summary(article_id).char_count
    step = 0
    warming_up = True
    while True:
        word, pinyin = word_for(round_number * 100_000 + step)
        entry = deck.add(word, pinyin, sentence=f"第{step}句。", article_id=article_id)
        if warming_up:  # the first add imports pypinyin (0.3–0.7 s): be ready only once adds are quick
            print("ready", flush=True)
            warming_up = False
        print(f"word {entry.id} {word}", flush=True)
        start = step % (length - 4)
        highlight = annotations.add_highlight(article_id, start, start + 3, note=f"round {round_number} step {step}")
        print(f"highlight {highlight.id} {start} {start + 3}", flush=True)
        step += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
