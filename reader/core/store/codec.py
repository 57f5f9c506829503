"""Compact JSON for an article's structure and analysis, so that reopening needs neither repair nor jieba.

The article's text is stored as one string (:attr:`Article.text`); the structure holds, per block, its kind, role
and the lengths of its sentences (their texts are slices of the block text), and a subtitle cue's
``[start_ms, end_ms]`` as an optional fourth element. The analysis holds, per sentence,
its tokens as lengths with pinyin and dictionary flags:

* a bare integer ``n`` — a token of ``n`` characters with no pinyin that is not in the dictionary;
* ``[n, "zhong1 guo2", 1]`` — a token with one syllable per character (``""`` for a non-Han character) and its
  dictionary flag.

Offsets are recomputed with :meth:`Article.assign_offsets` on load, so nothing stored can disagree with the text.
"""

from __future__ import annotations

import json
from typing import Any

from reader.core.errors import StoreError
from reader.core.model import BLOCK_SEPARATOR, Article, Block, BlockKind, BlockRole, Cue, Sentence, Token

STRUCTURE_VERSION = 1


def encode_structure(article: Article) -> str:
    """Return the JSON describing ``article``'s blocks and sentence boundaries."""
    blocks: list[list[Any]] = []
    for block in article.blocks:
        entry: list[Any] = [block.kind.value, block.role.value, [len(s.text) for s in block.sentences]]
        if block.cue is not None:  # a subtitle cue's time span, as an optional fourth element
            entry.append([block.cue.start_ms, block.cue.end_ms])
        blocks.append(entry)
    return json.dumps({"v": STRUCTURE_VERSION, "blocks": blocks}, ensure_ascii=False, separators=(",", ":"))


def decode_structure(title: str | None, text: str, structure: str) -> Article:
    """Rebuild an :class:`Article` (blocks and sentences, no tokens) from its text and structure JSON."""
    data = json.loads(structure)
    article = Article(title)
    offset = 0
    for kind, role, lengths, *extra in data["blocks"]:
        length = sum(lengths)
        block_text = text[offset : offset + length]
        block = Block(BlockKind(kind), block_text, BlockRole(role))
        if extra:
            block.cue = Cue(int(extra[0][0]), int(extra[0][1]))
        inner = 0
        for sentence_length in lengths:
            block.sentences.append(Sentence(block_text[inner : inner + sentence_length]))
            inner += sentence_length
        article.blocks.append(block)
        offset += length + len(BLOCK_SEPARATOR)
    if article.text != text:
        raise StoreError("The stored article does not match its structure; re-import it from its file.")
    article.assign_offsets()
    return article


def encode_analysis(article: Article) -> str:
    """Return the JSON of every sentence's tokens (call after the article has been tokenized)."""
    blocks = [[[_encode_token(token) for token in s.tokens] for s in block.sentences] for block in article.blocks]
    return json.dumps(blocks, ensure_ascii=False, separators=(",", ":"))


def _encode_token(token: Token) -> int | list[Any]:
    if token.pinyin is None and not token.in_dictionary:
        return len(token.text)
    syllables = " ".join(p or "" for p in token.pinyin) if token.pinyin is not None else None
    return [len(token.text), syllables, 1 if token.in_dictionary else 0]


def apply_analysis(article: Article, analysis: str) -> bool:
    """Fill in the tokens of ``article`` from stored analysis JSON; return False (tokens untouched) on a mismatch."""
    data = json.loads(analysis)
    if len(data) != len(article.blocks):
        return False
    decoded: list[list[list[Token]]] = []
    for block, sentences in zip(article.blocks, data, strict=True):
        if len(sentences) != len(block.sentences):
            return False
        block_tokens = []
        for sentence, tokens in zip(block.sentences, sentences, strict=True):
            decoded_tokens = _decode_tokens(sentence, tokens)
            if decoded_tokens is None:
                return False
            block_tokens.append(decoded_tokens)
        decoded.append(block_tokens)
    for block, block_tokens in zip(article.blocks, decoded, strict=True):
        for sentence, tokens in zip(block.sentences, block_tokens, strict=True):
            sentence.tokens = tokens
    article.assign_offsets()
    return True


def _decode_tokens(sentence: Sentence, tokens: list[Any]) -> list[Token] | None:
    """Slice the sentence into the stored tokens, or return ``None`` if the lengths do not add up."""
    result: list[Token] = []
    text = sentence.text
    offset = 0
    for item in tokens:
        if isinstance(item, int):
            result.append(Token(text[offset : offset + item]))
            offset += item
            continue
        length, syllables, in_dictionary = item
        pinyin = [p or None for p in syllables.split(" ")] if syllables is not None else None
        if pinyin is not None and len(pinyin) != length:
            return None
        result.append(Token(text[offset : offset + length], 0, pinyin, bool(in_dictionary)))
        offset += length
    return result if offset == len(text) else None
