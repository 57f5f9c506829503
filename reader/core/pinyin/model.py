"""A small neural model that picks the reading of a polyphonic character from the characters around it.

The weights are g2pM's (Park & Lee, Interspeech 2020; Apache-2.0), shipped inside the installed ``g2pM`` package:
one bidirectional LSTM layer (32 units each way) over character embeddings, then two dense layers. g2pM runs the
LSTM over the whole sentence in float64; this re-implementation runs it only over a window of
:data:`WINDOW` characters on each side of every target (accuracy on the CPP dev split is unchanged), batches all
targets of a sentence, folds the embeddings into the input weights once at load time, and restricts the answer to
the readings the caller allows. numpy only; nothing is downloaded.

The model was trained on Wikipedia sentences (CPP's training split) and misreads many everyday words on its own
(钥匙, 高兴, 着急), so :class:`~reader.core.pinyin.engine.PinyinEngine` asks it only about characters whose reading the
dictionary and the context rules leave open.
"""

from __future__ import annotations

import importlib.util
import logging
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

#: Characters of context on each side of a target.
WINDOW = 6
_BOS, _EOS, _UNK = "시", "끝", "<UNK>"


def _package_dir() -> Path | None:
    spec = importlib.util.find_spec("g2pM")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


class PolyphoneModel:
    """g2pM's polyphone classifier, run over a window around each target character."""

    def __init__(self, state: dict[str, Any], char_index: dict[str, int], class_index: dict[str, int]) -> None:
        import numpy as np

        embeddings = state["embedding.weight"].astype(np.float32)
        # Embedding lookup followed by the input projection is one table lookup once the two are multiplied.
        forward_in = embeddings @ state["lstm.weight_ih_l0"].T + state["lstm.bias_ih_l0"] + state["lstm.bias_hh_l0"]
        backward_in = (
            embeddings @ state["lstm.weight_ih_l0_reverse"].T
            + state["lstm.bias_ih_l0_reverse"]
            + state["lstm.bias_hh_l0_reverse"]
        )
        forward_hh = state["lstm.weight_hh_l0"].T
        backward_hh = state["lstm.weight_hh_l0_reverse"].T
        # One table of input gates for both directions (backward rows after forward rows), one stack of
        # recurrent weights: a step of both directions is one gather and one batched matmul.
        self._vocabulary = embeddings.shape[0]
        self._inputs = np.concatenate((forward_in, backward_in)).astype(np.float32)
        self._recurrent = np.ascontiguousarray(np.stack((forward_hh, backward_hh)), dtype=np.float32)
        self._units = forward_hh.shape[0]
        self._hidden_w = np.ascontiguousarray(state["logit_layer.0.weight"].T, dtype=np.float32)
        self._hidden_b = state["logit_layer.0.bias"].astype(np.float32)
        self._out_w = np.ascontiguousarray(state["logit_layer.2.weight"].T, dtype=np.float32)
        self._out_b = state["logit_layer.2.bias"].astype(np.float32)
        self._char_index = char_index
        self._unknown = char_index[_UNK]
        self._bos = char_index[_BOS]
        self._eos = char_index[_EOS]
        # g2pM writes ü as "u:"; Reader writes it as "v".
        self._class_index = {label.replace("u:", "v"): index for label, index in class_index.items()}

    @classmethod
    def load(cls) -> PolyphoneModel | None:
        """Load the weights from the installed g2pM package; ``None`` (logged) if it is missing or unreadable."""
        folder = _package_dir()
        if folder is None:
            log.info("g2pM is not installed; polyphones fall back to the dictionary's usual readings")
            return None
        try:
            state = _unpickle(folder / "np_ckpt.pkl")
            chars = _unpickle(folder / "char2idx.pkl")
            classes = _unpickle(folder / "class2idx.pkl")
            return cls(state, chars, classes)
        except (OSError, pickle.UnpicklingError, KeyError, ValueError, AttributeError) as exc:
            log.warning("could not load g2pM's weights from %s: %s", folder, exc)
            return None

    def knows(self, reading: str) -> bool:
        """True if the model can output ``reading`` (tone-number syllable, ü as v)."""
        return reading in self._class_index

    def choose(
        self,
        text: str,
        positions: Sequence[int],
        candidates: Sequence[Sequence[str]],
        margins: Sequence[float] | None = None,
    ) -> list[str | None]:
        """For each position of ``text``, the candidate reading the model scores highest.

        ``candidates[i]`` are the readings allowed at ``positions[i]``, the usual one first. With a positive
        ``margins[i]`` the model must prefer another reading by at least that much (in logits) to replace the
        usual one. The answer is ``None`` where the model knows fewer than two candidates (it cannot choose, and
        would always pick the one it knows) or does not know the usual one when a margin is asked for.
        """
        if not positions:
            return []
        scores = self._logits(text, positions).tolist()
        chosen: list[str | None] = []
        for index, (row, allowed) in enumerate(zip(scores, candidates, strict=True)):
            known = [(reading, self._class_index[reading]) for reading in allowed if reading in self._class_index]
            margin = margins[index] if margins is not None else 0.0
            if len(known) < 2 or (margin > 0 and allowed[0] not in self._class_index):
                chosen.append(None)
                continue
            best, best_index = max(known, key=lambda pair: row[pair[1]])
            if margin > 0 and row[best_index] - row[self._class_index[allowed[0]]] < margin:
                best = allowed[0]
            chosen.append(best)
        return chosen

    def _logits(self, text: str, positions: Sequence[int]) -> np.ndarray:
        """Scores of every reading class for each target, from a window of characters around it.

        Both directions run together (a stack of two batches), and every step's inputs are gathered at once.
        """
        import numpy as np

        ids = np.array([self._bos, *(self._char_index.get(c, self._unknown) for c in text), self._eos])
        last = len(ids) - 1
        targets = np.asarray(positions) + 1  # ids has BOS in front
        offsets = np.arange(WINDOW, -1, -1)[:, None]
        # Forward runs from the left edge of the window to the target, backward from the right edge to it.
        left = targets[None, :] - offsets
        right = targets[None, :] + offsets
        rows = np.stack((ids[np.clip(left, 0, last)], ids[np.clip(right, 0, last)] + self._vocabulary), axis=1)
        inputs = self._inputs[rows]  # (steps, 2, batch, 4 * units)
        valid = np.stack((left >= 0, right <= last), axis=1)[..., None]  # (steps, 2, batch, 1)
        partial = [not bool(step.all()) for step in valid]
        units = self._units
        h = np.zeros((2, len(targets), units), np.float32)
        c = np.zeros_like(h)
        for step in range(len(inputs)):
            gates = inputs[step] + h @ self._recurrent
            sigmoid = 1.0 / (1.0 + np.exp(-gates))
            new_c = sigmoid[..., units : 2 * units] * c + sigmoid[..., :units] * np.tanh(
                gates[..., 2 * units : 3 * units]
            )
            new_h = sigmoid[..., 3 * units :] * np.tanh(new_c)
            if partial[step]:
                new_c = np.where(valid[step], new_c, c)
                new_h = np.where(valid[step], new_h, h)
            h, c = new_h, new_c
        hidden = np.maximum(np.concatenate((h[0], h[1]), axis=1) @ self._hidden_w + self._hidden_b, 0.0)
        return hidden @ self._out_w + self._out_b


def _unpickle(path: Path) -> Any:
    with path.open("rb") as handle:
        # Pickles of the installed g2pM package itself (numpy arrays and dicts), never user data.
        return pickle.load(handle)
