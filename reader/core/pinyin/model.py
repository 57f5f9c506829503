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
#: The 623 polyphonic characters the model was trained to read: CPP's inventory (every character marked in its
#: dev and test splits, the same set as its training split; data Apache-2.0, kakaobrain/g2pM). On any other
#: character its output layer never learned which reading to prefer, and its answer follows the overall frequency
#: of the syllables (莹 ying1, 拱 gong1 in names): such characters keep the dictionary's usual reading.
TRAINED_CHARACTERS = frozenset(
    "万上与丧中为丽么乐乘乙了予亟亲亹什仆仇仔仡令价任会传伯估伺似佃佚佛作佣侗供侧便俊俞俟倒倘假偈偻傀僮儿"
    "克免兴冠冯冲凉几凹分切划创刨别刷刹刺削剌剡剥剿劈劲勒勾化匮匹区匾华卒单卜占卡卷厂压厕厦参叉发句叨只召"
    "可叶号吁合同吐吒吓吗否吧听吱呐呗呛呢呵咋和咥咧咯咱咳咽哄哇哈哏哑哗哟哦哩哪哺唉唠唯唷啊啦啰喂喇喔喝喳"
    "喷嗯嘌嘲噌嚓囤囱圈圜圩地场坊坻垛埋埏埔堡塞处大夫夯头夹奄奇奔奘女好妻委姥娜娩媛嬛子孱宁宿将少尺尽尾尿"
    "居屏属屯岂峇峒崭崴嵌巂差帖幢干广庑应底度廑弄弟弹强当待得徼忒恁恶悄悝戌扁扇扎扒打扛扫扳把折抡抢抹拂担"
    "拓拗拚拧拽拾挑挝挟挡挣挨捋据掖掺揣搁搂摸撇撒撩撮擂操攒教敛散数斗旄旋晃晕晟曲更曾服朝朮术朴杆杈杓杠杷"
    "杻板枸柏柜查校桁桄桔档棹椎楂楞楷槛樘模横正歪殷毂比氏氐氓汗汞汤沈沉沓没沤泊泡泥泷浅浆济浜涌涡涨淋混渐"
    "渠湮溇溺漂澄澹濯瀑炅炔炮炸焌煞熜熨熬燎燕爪片牟率王玟琢瑱甚甬町畜番畲疟疸症的监盖盛相省看眯着矫石硐碌"
    "磕磨祭禁禅禺离种秘秤称稍稽空窨竺笼答簸粘粥糊糜系累絜繇纤纥约纪结给络绦绰绷综缀缉缊缝缪缯罢翘翟耙耶肖"
    "肚背胖脉脏脚脯腊膀膏臊臭舍般艮色艾节芍芥芯芸芾苔苕茄茆茜草荑荠荡荷莎莘莞莳菌菲菸落葛蒙蓼蔓蔚蕃蕉薄藉"
    "藏虾蚂蚌蛤蜇蠡行衣衰裨褚褪褶要覃见观觉角觜解訾论识语说读调谜谥谩谯豁豊貉贲贾赚趟足跂跄跑踏蹶车轧转轲"
    "轴载辙辟边过还远迤追适通逮那都酊酢采重量鉄钉钌钯钻钿铛铣铤铫铺锔锯镐镝镡长閤间闷阆阇阏阙阿陂陆降隆隐"
    "隗隽难雀雨露靓靡页顷颉颏食饮馏馕驮骑鬲鲜鸟鹄龈"
)
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

    @staticmethod
    def trained_on(char: str) -> bool:
        """True if the model learned to read ``char`` (one of :data:`TRAINED_CHARACTERS`)."""
        return char in TRAINED_CHARACTERS

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
