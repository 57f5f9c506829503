"""A synthetic but varied library for the store benchmarks: real sentences mixed with frequency-weighted words.

Half of the sentences come from the bundled sample article (real prose), half are strings of words drawn from
jieba's dictionary by frequency (so rare and common words both occur, as in a real library), ending in
Chinese punctuation. Every article gets a distinct title and about ``chars`` characters. Deterministic per seed.
"""

from __future__ import annotations

import bisect
import itertools
import random
from pathlib import Path

import jieba

from reader.core.model import Article, Block, BlockKind, BlockRole, Sentence
from reader.core.paths import SAMPLE_ARTICLE
from reader.core.pipeline import structure
from reader.core.textio import read_text_file

_PUNCT = ["。", "。", "。", "！", "？", "；"]


class CorpusMaker:
    """Builds articles from the sample's sentences and jieba's word list."""

    def __init__(self, seed: int = 7) -> None:
        self.random = random.Random(seed)
        sample = structure(read_text_file(SAMPLE_ARTICLE))
        self.sentences = [
            s.text.strip() for a in sample.articles for b in a.blocks for s in b.sentences if len(s.text.strip()) > 4
        ]
        words, weights = [], []
        dictionary = Path(jieba.__file__).parent / "dict.txt"
        for line in dictionary.read_text(encoding="utf-8").splitlines():
            word, freq, _tag = line.split(" ")
            if all("\u4e00" <= ch <= "\u9fff" for ch in word):
                words.append(word)
                weights.append(int(freq))
        self.words = words
        self.cumulative = list(itertools.accumulate(weights))

    def word(self) -> str:
        """A dictionary word drawn by frequency."""
        point = self.random.random() * self.cumulative[-1]
        return self.words[bisect.bisect_left(self.cumulative, point)]

    def sentence(self) -> str:
        """A real sentence or a generated one."""
        if self.random.random() < 0.5:
            return self.random.choice(self.sentences)
        parts = []
        for _ in range(self.random.randint(6, 22)):
            parts.append(self.word())
            if self.random.random() < 0.08:
                parts.append("，")
        return "".join(parts) + self.random.choice(_PUNCT)

    def article(self, number: int, chars: int = 10_000) -> Article:
        """Article ``number`` with a heading and paragraphs of 2–6 sentences, about ``chars`` characters long."""
        title = f"第{number}篇 {self.word()}{self.word()}"
        blocks = [Block(BlockKind.HEADING, title, BlockRole.TITLE, sentences=[Sentence(title)])]
        size = len(title)
        while size < chars:
            sentences = [Sentence(self.sentence()) for _ in range(self.random.randint(2, 6))]
            text = "".join(s.text for s in sentences)
            blocks.append(Block(BlockKind.PARAGRAPH, text, sentences=sentences))
            size += len(text) + 2
        article = Article(title, blocks)
        article.assign_offsets()
        return article
