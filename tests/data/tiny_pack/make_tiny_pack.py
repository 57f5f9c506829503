"""Build the tiny zh→en Argos language pack used by the translation tests.

The pack is real in every way the code path cares about: a zip holding one top folder with ``metadata.json``, a
CTranslate2 Transformer in ``model/`` and a ``sentencepiece.model``. Only the weights are random (seeded), so the
output is gibberish: tests assert structure, never text.

Run it from the repository root to regenerate the committed fixture::

    .venv/bin/python tests/data/tiny_pack/make_tiny_pack.py

It needs numpy, ctranslate2 and sentencepiece only, takes under a second, and writes
``tests/data/tiny_pack/translate-zh_en-tiny.argosmodel`` (about 50 KB).
"""

from __future__ import annotations

import io
import json
import random
import tempfile
import zipfile
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
from ctranslate2.converters.converter import Converter
from ctranslate2.specs import TransformerSpec, common_spec, model_spec

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "translate-zh_en-tiny.argosmodel"
TOP_FOLDER = "translate-zh_en-tiny"
SEED = 20261126
D_MODEL = 32
FFN = 64
HEADS = 2
VOCAB_SIZE = 200
#: Fixed timestamp for every zip entry, so that regenerating gives the same bytes when the inputs are equal.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)

METADATA = {
    "package_version": "0.1",
    "argos_version": "1.9.0",
    "from_code": "zh",
    "from_name": "Chinese",
    "to_code": "en",
    "to_name": "English",
    "type": "translate",
    "code": "translate-zh_en",
    "links": [],
}

HANZI = (
    "我你他她们的是在有不了人这中大为上个国和地到以说时要就出会也对生能而子那得于着下自之年过发后作里用道"
    "行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军"
)
ENGLISH_WORDS = (
    "the of and to in is that for it as was with be by on not he this are or his from at which but have an had "
    "they you were their one all we can her has there been if more when will would who so no industry internet "
    "development economy country world growth system platform data innovation supply chain modern security trade "
    "cooperation global road belt open new high quality digital manufacturing technology finance market policy"
)


def training_sentences(rng: random.Random) -> list[str]:
    """Return a few hundred generated Chinese and English sentences to train the SentencePiece model on."""
    chinese = ["".join(rng.choices(HANZI, k=rng.randint(6, 24))) + "。" for _ in range(300)]
    words = ENGLISH_WORDS.split()
    english = [" ".join(rng.choices(words, k=rng.randint(4, 14))).capitalize() + "." for _ in range(300)]
    return chinese + english


def train_sentencepiece(sentences: list[str]) -> bytes:
    """Train a unigram SentencePiece model on ``sentences`` and return its serialised bytes."""
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=buffer,
        vocab_size=VOCAB_SIZE,
        model_type="unigram",
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
        # No normalisation table: it would make up most of the file (the pipeline already normalises text).
        normalization_rule_name="identity",
    )
    return buffer.getvalue()


class RandomTransformerConverter(Converter):
    """A CTranslate2 converter whose "source model" is a seeded random Transformer over a given vocabulary."""

    def __init__(self, vocabulary: list[str], seed: int) -> None:
        self.vocabulary = vocabulary
        self.rng = np.random.default_rng(seed)

    def _load(self) -> TransformerSpec:
        spec = TransformerSpec.from_config((1, 1), HEADS)
        self._fill(spec.encoder)
        self._fill(spec.decoder)
        vocab = len(self.vocabulary)
        spec.encoder.embeddings[0].weight = self._random(vocab, D_MODEL)
        spec.decoder.embeddings.weight = self._random(vocab, D_MODEL)
        spec.decoder.projection.weight = self._random(vocab, D_MODEL)
        # A bias towards </s> keeps random outputs short (a few words), as a trained model's would be.
        bias = np.zeros(vocab, dtype=np.float32)
        bias[self.vocabulary.index("</s>")] = 2.0
        spec.decoder.projection.bias = bias
        spec.register_source_vocabulary(self.vocabulary)
        spec.register_target_vocabulary(self.vocabulary)
        return spec

    def _random(self, *shape: int) -> np.ndarray:
        return self.rng.standard_normal(shape).astype(np.float32)

    def _fill(self, layer: model_spec.LayerSpec) -> None:
        """Give every layer norm, attention and feed-forward block of ``layer`` random weights of the right shape."""
        for name, value in vars(layer).items():
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, common_spec.LinearSpec):
                        self._fill_attention_linear(name, layer, index, item)
                    elif isinstance(item, model_spec.LayerSpec):
                        self._fill(item)
            elif isinstance(value, common_spec.LayerNormSpec):
                value.gamma = np.ones(D_MODEL, dtype=np.float32)
                value.beta = np.zeros(D_MODEL, dtype=np.float32)
            elif isinstance(value, common_spec.LinearSpec) and name in ("linear_0", "linear_1"):
                rows, cols = (FFN, D_MODEL) if name == "linear_0" else (D_MODEL, FFN)
                value.weight = self._random(rows, cols)
                value.bias = np.zeros(rows, dtype=np.float32)
            elif isinstance(value, model_spec.LayerSpec) and not isinstance(value, common_spec.EmbeddingsSpec):
                self._fill(value)

    def _fill_attention_linear(self, name: str, layer: object, index: int, linear: common_spec.LinearSpec) -> None:
        """Shape an attention projection: fused QKV (self-attention) or Q then fused KV (cross-attention)."""
        if name != "linear":
            raise ValueError(f"unexpected linear list {name!r} in {type(layer).__name__}")
        # Self-attention has [fused qkv, out]; cross-attention has [q, fused kv, out].
        shapes = {2: (3 * D_MODEL, D_MODEL), 3: (D_MODEL, 2 * D_MODEL, D_MODEL)}
        rows = shapes[len(vars(layer)["linear"])][index]
        linear.weight = self._random(rows, D_MODEL)
        linear.bias = np.zeros(rows, dtype=np.float32)


def build_pack(output: Path = OUTPUT, seed: int = SEED) -> Path:
    """Write the tiny pack to ``output`` and return its path."""
    rng = random.Random(seed)
    sp_bytes = train_sentencepiece(training_sentences(rng))
    processor = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    with tempfile.TemporaryDirectory() as work:
        model_dir = Path(work) / "model"
        RandomTransformerConverter(vocabulary, seed).convert(str(model_dir), quantization="int8")
        files = {f"{TOP_FOLDER}/model/{path.name}": path.read_bytes() for path in sorted(model_dir.iterdir())}
    files[f"{TOP_FOLDER}/sentencepiece.model"] = sp_bytes
    files[f"{TOP_FOLDER}/metadata.json"] = json.dumps(METADATA, indent=4).encode("utf-8")
    files[f"{TOP_FOLDER}/README.md"] = b"Tiny random-weight zh-en pack for Reader's tests; its output is gibberish.\n"
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for folder in (f"{TOP_FOLDER}/", f"{TOP_FOLDER}/model/"):
            archive.writestr(zipfile.ZipInfo(folder, ZIP_DATE), b"")
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return output


if __name__ == "__main__":
    path = build_pack()
    print(f"{path} ({path.stat().st_size} bytes, ctranslate2 {ctranslate2.__version__})")
