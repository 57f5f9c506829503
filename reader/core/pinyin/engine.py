"""Pinyin for the tokens of a sentence, one tone-number syllable per Han character, following the context.

How a reading is chosen, cheapest first:

1. **The word.** A token the dictionary lists with one reading fixes all its characters (银行 yín háng, 钥匙
   yào shi). A word CC-CEDICT lacks but pypinyin's phrase table has (莘庄 Xīnzhuāng, 种菜) takes that reading. A
   run jieba glued that neither knows is cut into the words and characters inside it; a run that reads like a
   name (a surname first) keeps the name readings of its characters. Most tokens stop here, and the answer is
   cached per word.
2. **A reading-oriented re-cut** where jieba's cut hides a reading: 慢慢/地上 is 慢慢/地/上, 拉/着手 is 拉/着/手,
   一行/字 is 一/行/字 (:meth:`PinyinEngine._recut`).
3. **Context rules** (:mod:`reader.core.pinyin.rules`) for the characters whose reading depends on the
   words around them: structural particles (得, 地, 的), complements (找不着, 吃不了), modal particles at the end
   of a clause, 为 and 还, surnames after 姓 or before a title, a verb and its object read as a known phrase (倒水,
   和面 across jieba's 和/面包/饺子), measure words, verbs with two verb readings read by what follows them (an
   object, a duration, 在 and a place, a complement: 倒一杯水 dào, 待了三天 dāi, 摔倒 dǎo), adverbs before verbs.
   A rule may decide, prefer a reading (the model can still overrule it when clearly surer), or narrow the choice.
4. **A small neural model** (:class:`~reader.core.pinyin.model.PolyphoneModel`) over a window of
   characters, for what is still open: single-character tokens with several readings (长, 还, 行), words the
   dictionary has with several readings (大夫, 东西), and words it lacks (names).

Readings are dictionary tones (no tone sandhi; see :func:`reader.core.pinyin.styles.apply_tone_sandhi`), with the
neutral tone where CC-CEDICT has it (钥匙 yao4 shi5, 知识 zhi1 shi5: what the pop-up shows, and what the Xiandai
Hanyu Cidian writes for these words), ``guo5`` for the aspect particle 过, and ``r5`` for erhua 儿.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from reader.core.chars import is_han
from reader.core.pinyin.model import WINDOW, PolyphoneModel
from reader.core.pinyin.rules import (
    DEFAULT_RULES,
    EXTRA_MEASURES,
    Context,
    Prefer,
    Rule,
    ends_adverbial,
)
from reader.core.pinyin.source import PypinyinReadings, ReadingSource, pypinyin_readings
from reader.core.pinyin.wordlists import (
    BEFORE_VERB,
    COUNTER_CHARS,
    GIVEN_NAME_READINGS,
    MODAL_PARTICLES,
    UNKNOWN_RUN_READINGS,
)

#: Bump when the engine's choices change (part of :attr:`PinyinEngine.version`).
ENGINE_VERSION = 6
#: Tokens whose plans are cached, and model decisions remembered (both per engine).
_PLAN_CACHE = 100_000
_DECISION_CACHE = 100_000


@dataclass(frozen=True, slots=True)
class WordPlan:
    """How one token is read before looking at its neighbours.

    ``parts`` is how the engine sees the token: itself, or, for a token the dictionary lacks (jieba's HMM glues
    unknown runs such as 他教 or 很长), the dictionary words and single characters inside it; ``inner`` marks a
    character cut from such a token that reads like a name or a literary phrase (no function word beside it).
    ``syllables`` is the reading without context (``None`` for non-Han characters). ``choices`` lists the
    whole-word readings when the dictionary has several (first = usual); ``open`` the character positions (in the
    token) whose reading the context decides, each with its candidate readings (first = usual).
    """

    parts: tuple[str, ...]
    syllables: tuple[str | None, ...]
    choices: tuple[tuple[str, ...], ...] = ()
    open: tuple[tuple[int, tuple[str, ...]], ...] = ()
    margin: float = 0.0
    inner: bool = False
    surname_margin: float | None = None
    piece: bool = False


@dataclass(frozen=True, slots=True)
class _Target:
    part: int  # index in the sentence's list of parts
    char: int  # index in that part
    position: int  # index in the sentence text
    candidates: tuple[str, ...]
    margin: float  # how much more the model must like another reading to replace the usual one
    inner: bool = False  # a character cut from a token that reads like a name
    piece: bool = False  # a character cut from a longer token


class PinyinEngine:
    """Give each Han character of each token its reading in tone-number form (``hang2``, ``de5``, ``lv4``).

    ``readings`` is the dictionary (any :class:`ReadingSource`); without one, pypinyin's tables are used.
    ``use_model`` turns the neural model for open polyphones on (the default) or off (rules and usual readings
    only). Thread-safe; build one per application and share it.
    """

    def __init__(self, readings: ReadingSource | None = None, *, use_model: bool = True) -> None:
        self.readings: ReadingSource = readings if readings is not None else PypinyinReadings()
        self.use_model = use_model
        self.rules: list[Rule] = list(DEFAULT_RULES)
        self._model: PolyphoneModel | None = None
        self._model_loaded = False
        self._lock = threading.Lock()
        self._generation = -1
        self._plans: OrderedDict[str, list[WordPlan] | None] = OrderedDict()
        self._decisions: OrderedDict[tuple[str, int, tuple[str, ...], float], str | None] = OrderedDict()

    @property
    def model_ready(self) -> bool:
        """True once the polyphone model is loaded, or if the engine does not use it."""
        return self._model_loaded or not self.use_model

    def prepare(self) -> None:
        """Load the polyphone model now (about 0.1 s) instead of on the first sentence that needs it."""
        if self.use_model:
            self._load_model()

    @property
    def version(self) -> str:
        """Names the engine and its data; stored analyses made under another version are redone."""
        data = getattr(self.readings, "words_key", type(self.readings).__name__)
        return f"pinyin-{ENGINE_VERSION}-{data}-{'model' if self.use_model else 'rules'}"

    def char_readings(self, char: str) -> tuple[str, ...]:
        """A character's readings on its own, usual first (what citation tones choose from)."""
        found = [reading[0] for reading in self.readings.common_readings(char) if len(reading) == 1]
        found += self.readings.char_prior(char)
        return tuple(dict.fromkeys(found))

    def annotate(self, tokens: Sequence[str]) -> list[list[str | None] | None]:
        """Return, per token, one syllable per character (``None`` for non-Han), or ``None`` without Han."""
        self._check_generation()
        per_token = [self.plan(token) for token in tokens]
        self._recut(tokens, per_token)
        parts: list[str] = []
        plans: list[WordPlan] = []
        owners: list[int] = []
        for index, (token, token_plans) in enumerate(zip(tokens, per_token, strict=True)):
            if token_plans is None:
                parts.append(token)
                plans.append(WordPlan((token,), (None,) * len(token)))
            else:
                for plan in token_plans:
                    parts.extend(plan.parts)
                    plans.append(plan)
            owners.extend([index] * (len(parts) - len(owners)))
        part_rows = [list(plan.syllables) for plan in plans]
        if any(plan.open for plan in plans):
            self._resolve(parts, plans, part_rows, self._plain_places(tokens, parts, owners))
        result: list[list[str | None] | None] = [None if p is None else [] for p in per_token]
        for owner, row in zip(owners, part_rows, strict=True):
            target = result[owner]
            if target is not None:
                target.extend(row)
        return result

    def _recut(self, tokens: Sequence[str], per_token: list[list[WordPlan] | None]) -> None:
        """Cut a token apart where jieba's cut hides a reading: 地 glued to the verb after an adverbial (慢慢/地上/了楼
        is 慢慢/地/上/了楼: 地 ``de5``, not 地上 ``dì shang``), a numeral and a measure word before the noun it
        counts (一行/字: ``hang2``), 着 after a one-character verb (拉/着手, 穿着/一双鞋: ``zhe5``); a polyphone that
        makes a word with the end of the token before it (河南省/长 is 河南/省长: ``zhang3``)."""
        for index, token in enumerate(tokens):
            across = self._reading_across_cut(tokens[index - 1], token) if index and len(token) == 1 else None
            if across is not None:
                # 河南省/长 is 河南/省长: the polyphone makes a word with the end of the token before it.
                per_token[index] = [WordPlan((token,), (across,))]
            elif (
                len(token) == 2
                and token[0] == "地"
                and index
                and not _starts_with(self.readings.tag(token), ("n",))  # 虽然/地震 stays a noun
                and ends_adverbial(tokens, index, self.readings)
            ):
                rest = self._char_plan(token[1])
                per_token[index] = [self._char_plan("地"), rest]
            elif len(token) == 2 and token[0] == "着" and index and self._one_char_verb(tokens[index - 1]):
                # 拉/着手 is 拉着/手: after a one-character verb, 着 is the aspect particle, not 着手 'set about'.
                per_token[index] = [self._char_plan("着"), self._char_plan(token[1])]
            elif len(token) == 2 and token[1] == "着" and self._wearing(tokens, index):
                # 穿着 is a noun 'attire' (chuānzhuó), but 穿着一双白鞋 is 'wearing': verb and particle.
                per_token[index] = [self._char_plan(token[0]), self._char_plan("着")]
            elif len(token) == 2 and self._verb_cut_off(tokens, index):
                # 在/地/上铺/了 is 在/地上/铺/了: the character before makes a word with the first half, and the second
                # half is a verb before its particle.
                per_token[index] = [self._char_plan(token[0]), self._char_plan(token[1])]
            elif len(token) == 2 and token[0] in COUNTER_CHARS and token[1] in EXTRA_MEASURES:
                # 一行 is a word (yīxíng 'a party travelling together'), but 一行字 is a row: a noun after it
                # (other than people) is what the measure word counts.
                following = tokens[index + 1] if index + 1 < len(tokens) else ""
                tag = self.readings.tag(following) or ""
                if tag.startswith("n") and not following.startswith("人"):
                    per_token[index] = [self._char_plan(token[0]), self._char_plan(token[1])]

    def _reading_across_cut(self, previous: str, char: str) -> str | None:
        """The reading of the polyphone ``char`` when it makes a word of one reading with the character before it,
        which jieba cut apart (相/中 is 相中 ``zhong4``, 往/还 is 往还 ``huan2``) or glued to a longer word whose
        rest is a word (河南省/长 is 河南/省长 ``zhang3``; 会长 after 矮 is not, 矮 being no word of two
        characters). Particles make words with anything (到了 dàoliǎo, 中的 zhòngdì) and are left to the rules."""
        # After a word of two characters the rest is one character, always "a word": no evidence of a bad cut
        # (踝骨/折 is 骨折, but 方言/中 is not 言中: trying it cost 4 errors on the baker dev half, 3 on the
        # everyday set).
        if len(previous) == 2 or char in _PARTICLES or not is_han(char) or not all(is_han(c) for c in previous):
            return None
        plans = self.plan(char)
        if not plans or not plans[0].open:
            return None
        word = _aligned(self.readings.common_readings(previous[-1] + char), "xx")
        rest = previous[:-1]
        if len(word) != 1 or (rest and not (self.readings.common_readings(rest) or self.readings.name_readings(rest))):
            return None
        return word[0][1] if word[0][1] in plans[0].open[0][1] else None

    def _wearing(self, tokens: Sequence[str], index: int) -> bool:
        """True if a word X着 read ``zhuo2`` (穿着 'attire') stands as a verb with the particle: a one-character
        verb X, not after 的, and an object after it (a numeral phrase or a noun)."""
        token = tokens[index]
        readings = self.readings.common_readings(token)
        if not readings or readings[0][-1] != "zhuo2" or not self._one_char_verb(token[0]):
            return False
        previous = tokens[index - 1] if index else ""
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if previous == "的" or not following:
            return False
        if _starts_with(self.readings.tag(following), ("a",)) and index + 2 < len(tokens):
            following = tokens[index + 2]  # 穿着/脏/衣服: an adjective, then the noun worn
        return following[0] in COUNTER_CHARS or _starts_with(self.readings.tag(following), ("n",))

    def _verb_cut_off(self, tokens: Sequence[str], index: int) -> bool:
        """True if the two-character word at ``index`` hides a verb: the one-character word before it makes a word
        with its first half, and its second half is a verb followed by 了, 着 or 过 (地/上铺/了)."""
        token = tokens[index]
        previous = tokens[index - 1] if index else ""
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if len(previous) != 1 or following not in ("了", "着", "过") or not is_han(previous):
            return False
        if not self.readings.common_readings(previous + token[0]):
            return False
        return self._one_char_verb(token[1]) and len(self.readings.common_readings(token[1])) > 1

    def _one_char_verb(self, token: str) -> bool:
        """True for a verb of one character that takes 着 (拉, 看, 握; not a modal: 要着重, 会着急)."""
        if len(token) != 1 or token in BEFORE_VERB:
            return False
        tag = self.readings.tag(token)
        if _starts_with(tag, ("d", "p", "c")):
            return False  # 越/着迷: an adverb, though CC-CEDICT's first sense of 越 is 'to exceed'
        kinds = self.readings.reading_kinds(token)
        return _starts_with(tag, ("v",)) or (bool(kinds) and "V" in kinds[0])

    # -- per-word plans ----------------------------------------------------------------------------------------

    def plan(self, token: str) -> list[WordPlan] | None:
        """How ``token`` is read without context, one plan per part (``None`` if it has no Han character)."""
        with self._lock:
            if token in self._plans:
                self._plans.move_to_end(token)
                return self._plans[token]
        plans = self._make_plans(token)
        with self._lock:
            self._plans[token] = plans
            if len(self._plans) > _PLAN_CACHE:
                self._plans.popitem(last=False)
        return plans

    def _make_plans(self, token: str) -> list[WordPlan] | None:
        if not any(is_han(char) for char in token):
            return None
        known = self._word_plan(token)
        if known is not None:
            return [known]
        doubled = self._reduplication_plan(token)
        if doubled is not None:
            return [doubled]
        parts = self._split(token)
        # A run made of dictionary words (伙伴/关系) reads as those words; pypinyin's phrase table is asked only
        # about runs with characters left over (莘庄).
        if any(len(part) == 1 for part in parts):
            phrase = self._phrase_plan(token)
            if phrase is not None:
                return [phrase]
        if self._looks_like_name(token):
            return [self._name_plan(token)]
        # jieba's HMM glues runs it does not know: names (贾祖璋, 麻涌), but also plain words (他长, 没来, 种菜).
        # A function word or a common word among the pieces, or a complement at the end (塞进, 蒙住), shows plain
        # words, whose characters take their free readings.
        ordinary = parts[-1] in _COMPLEMENT_PIECES or any(self._plain_piece(part, token) for part in parts)
        # Two characters, the first no surname (人盛, 吹倒, 扇叶, 累倒, 挑水): the characters keep the order of their
        # readings inside words (better for technical compounds), but they are no name, so the context rules may
        # read them: the second as a verb before what follows the token (人盛/了 ``cheng2``), the first as an
        # adverb before a verb (重说 ``chong2``) or as a verb before its result or object (长高 ``zhang3``, 数羊).
        plain = len(token) == 2 and self.readings.surname_reading(token[0]) is None
        plans = []
        for part in parts:
            plan = self._word_plan(part) if len(part) > 1 or ordinary else None
            if plan is None:
                plan = self._inner_plan(part)
                plan = replace(plan, inner=False) if plain else plan
            plans.append(plan if ordinary else replace(plan, piece=True))
        if ordinary and len(parts) > 1 and len(parts[-1]) == 1 and len(parts[-2]) > 1:
            # A character after a word at the end of the run is a suffix (消费量, 杠杆率), not a verb taking what
            # follows the run as its object.
            plans[-1] = replace(plans[-1], piece=True)
        return plans

    def _reduplication_plan(self, token: str) -> WordPlan | None:
        """An AABB reduplication of a dictionary word AB reads as that word (懒懒散散 like 懒散 lǎnsǎn, 挑挑拣拣 like
        挑拣 tiāojiǎn), each syllable doubled; an unknown AA of a given-name character is a pet name (乐乐)."""
        given = GIVEN_NAME_READINGS.get(token[0]) if len(token) == 2 and token[0] == token[1] else None
        if given is not None and self._fallback_char(token[0])[:1] == (given,):
            # A doubled character no dictionary lists is a pet name, read as in a given name (乐乐 lè, 燕燕 yàn);
            # not where the given name's reading is not the usual one (少少 'a little' is shǎo).
            return WordPlan((token,), (given, given))
        if len(token) != 4 or token[0] != token[1] or token[2] != token[3] or not is_han(token[0]):
            return None
        found = _aligned(self.readings.common_readings(token[0] + token[2]), "xx")
        if len(found) != 1:
            return None
        # The neutral syllable of the word takes its full tone again (规矩 guīju, 规规矩矩 guīguījǔjǔ).
        first, second = (self._full_tone(char, syllable) for char, syllable in zip(token[::2], found[0], strict=True))
        return WordPlan((token,), _mask((first, first, second, second), token))

    def _full_tone(self, char: str, syllable: str) -> str:
        """``syllable`` with the character's own tone if it is neutral (矩 ju5 → ju3)."""
        if not syllable.endswith("5"):
            return syllable
        full = [r for r in self.char_readings(char) if r[:-1] == syllable[:-1] and not r.endswith("5")]
        return full[0] if full else syllable

    def _plain_piece(self, part: str, token: str) -> bool:
        """True for a piece of an unknown token that names no one: a function word beside one other character (他长,
        很禁), a pronoun in front or a particle (他闷着头; elsewhere in a longer run a pronoun may be a syllable of a
        name: 圣何塞), or a common word of two characters or more (弹/钢琴)."""
        if len(part) == 1:
            tag = self.readings.tag(part)
            if len(token) == 2 or (token[0] == part and _starts_with(tag, ("r",))) or _starts_with(tag, ("u",)):
                return _starts_with(tag, (*_FUNCTION_TAGS, "f"))
            return False
        return bool(self.readings.common_readings(part))

    def _word_plan(self, word: str) -> WordPlan | None:
        """The plan of a dictionary word or of a single character; ``None`` for an unknown multi-character word.

        Readings of common entries come first; readings found only in names follow (明朝 míngzhāo "tomorrow
        morning" and Míng Cháo "the Ming dynasty", 冯 píng and the surname Féng), and the context decides.
        """
        if len(word) == 1:
            return self._char_plan(word)
        common = _aligned(self.readings.common_readings(word), word)
        readings = common + tuple(r for r in _aligned(self.readings.name_readings(word), word) if r not in common)
        if not readings:
            return None
        if len(readings) == 1 and not common:
            return self._proper_noun_plan(word, readings[0])
        if len(readings) == 1:
            return self._checked_word_plan(word, readings[0])
        open_positions = []
        for index in range(len(word)):
            options = tuple(dict.fromkeys(r[index] for r in readings))
            if len(options) > 1 and is_han(word[index]):
                open_positions.append((index, options))
        return WordPlan((word,), _mask(readings[0], word), readings, tuple(open_positions), margin=CHOICE_MARGIN)

    def _checked_word_plan(self, word: str, reading: tuple[str, ...]) -> WordPlan:
        """A word with one dictionary reading, which fixes its characters, unless pypinyin's phrase table reads
        one of them otherwise (湮灭: CC-CEDICT yīn, pypinyin yān): then the model may pick pypinyin's reading if it
        prefers it by :data:`AGREE_MARGIN`. Neutral tones and the sandhi tones pypinyin writes on 一 and 不 do
        not count as disagreements. (On the CPP dev split: 10 fewer errors than no opening at all, none more on the
        everyday set; see :data:`AGREE_MARGIN`.)"""
        other = _phrase_table(word)
        open_positions = []
        if other:
            for index, (mine, theirs) in enumerate(zip(reading, other, strict=True)):
                # pypinyin writes 一 and 不 with their sandhi tones, and the neutral tone differently: not a
                # disagreement about the reading.
                if mine == theirs or word[index] in "一不" or "5" in (mine[-1], theirs[-1]):
                    continue
                open_positions.append((index, (mine, theirs)))
        if not open_positions:
            return WordPlan((word,), _mask(reading, word))
        return WordPlan((word,), _mask(reading, word), open=tuple(open_positions), margin=AGREE_MARGIN)

    def _proper_noun_plan(self, word: str, reading: tuple[str, ...]) -> WordPlan:
        """A name the dictionary knows (阆中, 勃艮第): its reading, unless the model is very sure of another.

        CC-CEDICT's readings of place and person names are its least reliable part, and the model (trained on
        Wikipedia sentences) knows names best; on the CPP dev split it is right 54 times out of 55 when it
        disagrees by :data:`NAME_MARGIN` or more.
        """
        open_positions = []
        # A person's surname as the dictionary spells it stands (曾荫权 Zēng: the model knows 曾 as céng 'once').
        surname = 2 <= len(word) <= 3 and reading[0] == self.readings.surname_reading(word[0])
        attested = self._attested_positions(word, reading)
        # A person's full name (a surname and two characters: 陈冠希) reads its given name by custom; a name of
        # two characters the dictionary tags as a person is often a state or a dynasty (南燕 Nán Yān).
        person = surname and len(word) == 3 and _starts_with(self.readings.tag(word), ("nr",))
        syllables = list(reading)
        special = self._special_readings(word)
        for index, char in enumerate(word):
            if index in special:
                syllables[index] = special[index]
                continue
            if (index == 0 and surname) or index in attested:
                continue
            if person and char in GIVEN_NAME_READINGS:
                syllables[index] = GIVEN_NAME_READINGS[char]
                continue
            others = [r for r in self.readings.char_prior(char) if r != reading[index]] if is_han(char) else []
            if others:
                open_positions.append((index, (reading[index], *others)))
        return WordPlan((word,), _mask(tuple(syllables), word), open=tuple(open_positions), margin=NAME_MARGIN)

    def _attested_positions(self, word: str, reading: tuple[str, ...]) -> set[int]:
        """Positions of ``word`` whose reading a common dictionary word inside it confirms (海参崴: 海参 hǎishēn)."""
        attested: set[int] = set()
        for start in range(len(word)):
            for end in range(start + 2, len(word) + 1):
                if end - start == len(word):
                    continue  # the name itself
                found = _aligned(self.readings.common_readings(word[start:end]), word[start:end])
                if len(found) == 1 and found[0] == reading[start:end]:
                    attested.update(range(start, end))
        return attested

    def _special_readings(self, word: str) -> dict[int, str]:
        """Positions where pypinyin's phrase table reads a name's character otherwise than that character's usual
        reading (阿弥陀佛, 东阿 ē, 阿房宫 páng): a phrase entry that records an unusual reading does so on purpose,
        and outweighs both CC-CEDICT (which writes 阿房宫 fáng) and the model."""
        found = _phrase_table(word)
        if not found:
            return {}
        return {
            index: syllable
            for index, (char, syllable) in enumerate(zip(word, found, strict=True))
            if char not in "一不" and not syllable.endswith("5") and self._fallback_char(char)[:1] != (syllable,)
        }

    def _char_plan(self, char: str) -> WordPlan:
        """A character on its own: its free readings (not those found only inside words), usual one first, then
        its readings as a name (冯 píng, and the surname Féng), for the context to choose from."""
        if not is_han(char):
            return WordPlan((char,), (None,))
        names = [r[0] for r in self.readings.name_readings(char)]
        # A particle's full readings stay open for the context: as a syllable of a name or a loanword it is read in
        # full (唃厮啰 luō, 杏吧社区 bā), though the dictionary binds them to words (啰唆).
        bound = [r[0] for r in self.readings.common_readings(char)] if char in MODAL_PARTICLES else []
        if bound:
            bound += [r[0] for r in pypinyin_readings(char) if r[0].endswith("5")]  # 喔 o5
        free = self._free_readings(char)
        # CC-CEDICT may list a common reading only under the traditional form (壳 ké from 殼): when pypinyin's usual
        # reading is also the one the character takes most inside words, it comes first, and stands unless a rule
        # says otherwise (the model, trained on Wikipedia, knows the literary word 地壳 qiào better).
        usual = self._fallback_char(char)[:1]
        restored = bool(usual) and usual[0] not in free and self.readings.char_prior(char)[:1] == usual
        restored = restored and (self.readings.char_rank(char) or RESTORED_RANK + 1) <= RESTORED_RANK
        if restored:
            free = [usual[0], *free]
        candidates = tuple(dict.fromkeys((*free, *names, *bound))) or self._fallback_char(char)
        if not candidates:
            return WordPlan((char,), (None,))
        open_positions = ((0, candidates),) if len(candidates) > 1 else ()
        return WordPlan((char,), (candidates[0],), open=open_positions, margin=RESTORED_MARGIN if restored else 0.0)

    def _split(self, token: str) -> list[str]:
        """Cut a token the dictionary lacks into the longest dictionary words inside it and single characters; 着
        after a one-character verb is the particle, not the start of a word (眯/着眼 is 眯着/眼)."""
        parts = self._longest_words(token)
        for index in range(len(parts) - 1, 0, -1):
            part = parts[index]
            if len(part) > 1 and part[0] == "着" and self._one_char_verb(parts[index - 1]):
                parts[index : index + 1] = ["着", *self._longest_words(part[1:])]
        return parts

    def _longest_words(self, token: str) -> list[str]:
        """Cut ``token`` into the longest dictionary words inside it and single characters."""
        parts: list[str] = []
        index = 0
        while index < len(token):
            for length in range(min(_MAX_PART, len(token) - index), 1, -1):
                candidate = token[index : index + length]
                if self.readings.common_readings(candidate) or self.readings.name_readings(candidate):
                    parts.append(candidate)
                    index += length
                    break
            else:
                parts.append(token[index])
                index += 1
        return parts

    def _looks_like_name(self, token: str) -> bool:
        """Two or three Han characters, a surname first (tagged as a name), no function word after it (贾祖璋)."""
        if not 2 <= len(token) <= 3 or not all(is_han(char) for char in token):
            return False
        if self.readings.surname_reading(token[0]) is None:
            return False
        tag = self.readings.tag(token[0])
        # jieba's dictionary tags some names whole (曾荫权, 曾志伟): their first character is a surname even when on
        # its own it is mostly another word (曾 céng 'once').
        whole = self.readings.tag(token) or ""
        if tag is not None and not tag.startswith("nr") and not whole.startswith("nr"):
            return False
        return not any(_starts_with(self.readings.tag(char), _FUNCTION_TAGS) for char in token[1:])

    def _inner_plan(self, char: str) -> WordPlan:
        """A character left over inside a token the dictionary lacks: its readings as found inside words.

        Such characters are mostly parts of names and literary phrases (on the CPP dev split this order does
        better than the character's usual reading on its own). A few have one reading there by custom
        (:data:`~reader.core.pinyin.wordlists.UNKNOWN_RUN_READINGS`: 思乐, 安赛乐 lè).
        """
        if not is_han(char):
            return WordPlan((char,), (None,))
        if char in UNKNOWN_RUN_READINGS:
            return WordPlan((char,), (UNKNOWN_RUN_READINGS[char],), inner=True)
        prior = self._name_syllables(char)
        names = (r[0] for r in self.readings.name_readings(char))
        candidates = tuple(dict.fromkeys((*prior, *self._free_readings(char), *names)))
        if not candidates:
            return WordPlan((char,), (None,))
        return WordPlan((char,), (candidates[0],), open=((0, candidates),) if len(candidates) > 1 else (), inner=True)

    def _phrase_plan(self, token: str) -> WordPlan | None:
        """A word CC-CEDICT lacks but pypinyin's phrase table has (莘庄 Xīnzhuāng, 种菜 zhòng cài): its reading,
        unless the model prefers another reading of a polyphonic character by :data:`PHRASE_MARGIN`."""
        # A numeral or demonstrative and a measure word (几只, 一宿) are left to the measure-word rule.
        if len(token) < 2 or not all(is_han(char) for char in token) or token[0] in COUNTER_CHARS:
            return None
        found = _aligned(pypinyin_readings(token), token)
        if not found:
            return None
        reading = found[0]
        open_positions = []
        for index, char in enumerate(token):
            others = [r[0] for r in self.readings.common_readings(char) if r[0] != reading[index]]
            others += [r for r in self.readings.char_prior(char) if r != reading[index] and r not in others]
            if others:
                open_positions.append((index, (reading[index], *others)))
        # Everyday words pypinyin knows (盛饭, 种菜, 刀把, 怒号) are where the model, trained on Wikipedia, is most
        # often wrong; names and reduplications (呵叻, 咳咳) are where pypinyin's table is.
        name_like = _starts_with(self.readings.tag(token), _NAME_TAGS) or token[0] == token[1]
        margin = PHRASE_MARGIN if name_like else COMMON_PHRASE_MARGIN
        return WordPlan((token,), _mask(reading, token), open=tuple(open_positions), margin=margin)

    def _phrase_reading(self, phrase: str) -> tuple[str, ...] | None:
        """The reading of ``phrase`` if the dictionary gives it one common reading, else pypinyin's phrase table's."""
        found = _aligned(self.readings.common_readings(phrase), phrase)
        if len(found) == 1:
            return found[0]
        if found:
            return None
        other = _aligned(pypinyin_readings(phrase), phrase)
        return other[0] if other else None

    def _name_plan(self, token: str) -> WordPlan:
        """A name: the surname reading first, then each character as it is read inside words, or as custom reads
        it in a given name (:data:`~reader.core.pinyin.wordlists.GIVEN_NAME_READINGS`)."""
        surname = self.readings.surname_reading(token[0])
        syllables: list[str | None] = [surname]
        open_positions = []
        # Some characters are two surnames (隗 Kuí and Wěi, 翟 Zhái and Dí): the model may pick the other reading.
        others = [r[0] for r in (*self.readings.name_readings(token[0]), *self.readings.common_readings(token[0]))]
        others = [r for r in dict.fromkeys(others) if r != surname]
        if surname is not None and others:
            open_positions.append((0, (surname, *others)))
        for index, char in enumerate(token[1:], start=1):
            candidates = self._name_syllables(char)
            if GIVEN_NAME_READINGS.get(char) in candidates:
                syllables.append(GIVEN_NAME_READINGS[char])  # by custom (江一燕 yàn, 蔡少芬 shào)
                continue
            syllables.append(candidates[0] if candidates else None)
            if len(candidates) > 1:
                open_positions.append((index, candidates))
        return WordPlan((token,), tuple(syllables), open=tuple(open_positions), surname_margin=SURNAME_MARGIN)

    def _name_syllables(self, char: str) -> tuple[str, ...]:
        """The readings of a character inside a name or an unknown run, most likely first: its order inside
        dictionary words, which the model then weighs; for a character the model was not trained on, pypinyin's
        usual reading first (崴 wǎi, 嬅 huà, 荫 yīn: inside words these are mostly in rare literary compounds)."""
        prior = self.readings.char_prior(char) or self._fallback_char(char)
        if PolyphoneModel.trained_on(char):
            return prior
        usual = self._fallback_char(char)[:1]
        return tuple(dict.fromkeys((*usual, *prior)))

    def _free_readings(self, char: str) -> list[str]:
        """The character's readings as a word of its own, usual first, without those that only point to the words
        they occur in (便 pián: "see 便宜")."""
        common = self.readings.common_readings(char)
        kinds = self.readings.reading_kinds(char)
        free = [r[0] for r, k in zip(common, kinds, strict=False) if "b" not in k]
        return free or [r[0] for r in common]

    @staticmethod
    def _fallback_char(char: str) -> tuple[str, ...]:
        return tuple(r[0] for r in pypinyin_readings(char))

    # -- context -----------------------------------------------------------------------------------------------

    @staticmethod
    def _plain_places(tokens: Sequence[str], parts: list[str], owners: list[int]) -> list[tuple[str, int]]:
        """Per part, the token it came from and its offset in that token (where plain pypinyin reads it)."""
        places: list[tuple[str, int]] = []
        offset = 0
        for index, (part, owner) in enumerate(zip(parts, owners, strict=True)):
            if index and owners[index - 1] != owner:
                offset = 0
            places.append((tokens[owner], offset))
            offset += len(part)
        return places

    def _frequent(self, char: str) -> bool:
        """True for a character among the :data:`FREQUENT_RANK` most frequent."""
        rank = self.readings.char_rank(char)
        return rank is not None and rank <= FREQUENT_RANK

    def _resolve(
        self,
        parts: list[str],
        plans: list[WordPlan],
        rows: list[list[str | None]],
        plain: list[tuple[str, int]],
    ) -> None:
        """Fill in the open positions: rules first, then the model, then the usual reading; on a frequent character
        only a firm rule may depart from plain pypinyin's reading (:meth:`_favour_plain`; ``plain`` gives each
        part's token and offset in it)."""
        targets: list[_Target] = []
        offset = 0
        for index, (part, plan) in enumerate(zip(parts, plans, strict=True)):
            targets.extend(
                _Target(index, char, offset + char, candidates, _margin(plan, char), plan.inner, plan.piece)
                for char, candidates in plan.open
            )
            offset += len(part)
        decided: dict[tuple[int, int], str] = {}
        firm: set[tuple[int, int]] = set()
        for_model: list[_Target] = []
        for target in targets:
            found = self._apply_rules(parts, target)
            if isinstance(found, str):
                decided[(target.part, target.char)] = found
                firm.add((target.part, target.char))
            elif isinstance(found, Prefer):
                others = tuple(reading for reading in target.candidates if reading != found.reading)
                decided[(target.part, target.char)] = found.reading
                if found.firm:
                    firm.add((target.part, target.char))
                margin = STRONG_PREFER_MARGIN if found.strong else PREFER_MARGIN
                for_model.append(replace(target, candidates=(found.reading, *others), margin=margin))
            elif found:
                # A rule narrowed the choice (the verb readings of a character in a verb's place): the model
                # picks among them, or the first one stands.
                margin = target.margin if found[0] == target.candidates[0] else 0.0
                narrowed = replace(target, candidates=found, margin=margin)
                decided[(target.part, target.char)] = found[0]
                for_model.append(narrowed)
            else:
                for_model.append(target)
        for_model = self._favour_plain(parts, plans, for_model, decided, firm, plain)
        text = "".join(parts)
        # The model's answer on a character it was never trained on is noise (on the baker dev half 16 fewer errors
        # without it; CPP and the everyday sets unchanged).
        for_model = [target for target in for_model if PolyphoneModel.trained_on(text[target.position])]
        if for_model and self.use_model:
            for target, reading in zip(for_model, self._ask_model(text, for_model), strict=True):
                if reading is not None:
                    decided[(target.part, target.char)] = reading
        for index, plan in enumerate(plans):
            if not plan.open:
                continue
            row = rows[index]
            if plan.choices:
                row[:] = _mask(_best_choice(plan, decided, index), parts[index])
            else:
                for char, _ in plan.open:
                    row[char] = decided.get((index, char), row[char])

    def _favour_plain(
        self,
        parts: list[str],
        plans: list[WordPlan],
        targets: list[_Target],
        decided: dict[tuple[int, int], str],
        firm: set[tuple[int, int]],
        plain: list[tuple[str, int]],
    ) -> list[_Target]:
        """Make plain pypinyin's reading of a frequent character the one to beat, by :data:`FREQUENT_MARGIN`.

        还, 没, 和, 得, 当 are read dozens of times a page, and pypinyin's reading of them (its phrase table, else
        the character's usual reading) is right far more often than a guess: the model, trained on Wikipedia, and
        weak rule preferences pull such characters toward literary readings (还 huán, 没 mò, 和 huò). A rule that
        decides (得 after a verb, 为 before a noun phrase) or firmly prefers a reading is kept; otherwise the model
        must be clearly surer of another reading to replace pypinyin's.
        """
        result = []
        for target in targets:
            key = (target.part, target.char)
            plan = plans[target.part]
            # A name's surname, and a name the dictionary spells out (曾荫权 Zēng), are read as names, not as the
            # character's usual word (曾 céng 'once').
            named = plan.margin >= NAME_MARGIN or (target.char == 0 and plan.surname_margin is not None)
            if key in firm or named or not self._frequent(parts[target.part][target.char]):
                result.append(target)
                continue
            token, offset = plain[target.part]
            usual = plain_reading(token)[offset + target.char]  # pypinyin only where needed: it costs
            if usual is None or usual not in target.candidates:
                result.append(target)
                continue
            decided[key] = usual
            others = tuple(reading for reading in target.candidates if reading != usual)
            chosen = bool(plans[target.part].choices)
            rank = self.readings.char_rank(parts[target.part][target.char]) or FREQUENT_RANK
            wanted = FREQUENT_CHOICE_MARGIN if chosen or rank <= TOP_RANK else FREQUENT_MARGIN
            margin = max(target.margin, wanted)
            result.append(replace(target, candidates=(usual, *others), margin=margin))
        return result

    def _apply_rules(self, parts: Sequence[str], target: _Target) -> str | Prefer | tuple[str, ...] | None:
        """The first rule's answer: a reading, a preference, the candidates it leaves (usual order), or ``None``."""
        context = Context(
            parts,
            target.part,
            target.char,
            target.candidates,
            self.readings,
            target.inner,
            self._phrase_reading,
            target.piece,
        )
        for rule in self.rules:
            found = rule(context)
            if found is None:
                continue
            if isinstance(found, str):
                return found if found in target.candidates else None
            if isinstance(found, Prefer):
                return found if found.reading in target.candidates else None
            kept = tuple(reading for reading in target.candidates if reading in found)
            if len(kept) == 1:
                return kept[0]
            return kept if kept and len(kept) < len(target.candidates) else None
        return None

    def _ask_model(self, text: str, targets: list[_Target]) -> list[str | None]:
        model = self._load_model()
        if model is None:
            return [None] * len(targets)
        answers: list[str | None] = [None] * len(targets)
        keys: list[tuple[str, int, tuple[str, ...], float]] = []
        missing: list[int] = []
        with self._lock:
            for index, target in enumerate(targets):
                start = max(0, target.position - WINDOW)
                window = text[start : target.position + WINDOW + 1]
                key = (window, target.position - start, target.candidates, target.margin)
                keys.append(key)
                if key in self._decisions:
                    answers[index] = self._decisions[key]
                else:
                    missing.append(index)
        if missing:
            chosen = model.choose(
                text,
                [targets[i].position for i in missing],
                [targets[i].candidates for i in missing],
                [targets[i].margin for i in missing],
            )
            with self._lock:
                for index, reading in zip(missing, chosen, strict=True):
                    answers[index] = reading
                    self._decisions[keys[index]] = reading
                while len(self._decisions) > _DECISION_CACHE:
                    self._decisions.popitem(last=False)
        return answers

    def _load_model(self) -> PolyphoneModel | None:
        if not self._model_loaded:
            model = PolyphoneModel.load()
            with self._lock:
                if not self._model_loaded:
                    self._model, self._model_loaded = model, True
        return self._model

    def _check_generation(self) -> None:
        generation = self.readings.generation
        if generation != self._generation:
            with self._lock:
                self._plans.clear()
                self._decisions.clear()
                self._generation = generation


#: Characters up to this frequency rank keep plain pypinyin's reading unless a firm rule decides or the model is
#: surer of another by :data:`FREQUENT_MARGIN` (:meth:`PinyinEngine._favour_plain`). Chosen on the baker dev half
#: (no guard 645 real errors; ranks 150/300/600/1000/3000: 637/636/644/648/679 with the first version of the guard).
FREQUENT_RANK = 600
#: How much more (in logits) the model must like another reading of such a character than pypinyin's.
FREQUENT_MARGIN = 2.0
#: The most frequent characters (的, 了, 和, 没, 好, 与…): there pypinyin's reading stands unless a firm rule decides.
TOP_RANK = 100
#: …and for a word the dictionary has with several readings, where pypinyin's phrase table names one (当天 dàngtiān,
#: 当晚): so large that pypinyin decides. On the baker dev half 14 fewer errors, on the everyday dev set 2 fewer.
FREQUENT_CHOICE_MARGIN = 1000.0
#: …and to replace a character's usual reading CC-CEDICT lists only under the traditional form (壳 ké): decided.
RESTORED_MARGIN = 1000.0
#: …for characters up to this frequency rank (rarer ones are mostly read in names and literary words).
RESTORED_RANK = 3000
#: How much more (in logits) the model must like another reading to change a dictionary name's reading.
NAME_MARGIN = 6.0
#: …and for a dictionary word that pypinyin's phrase table reads differently (湮灭 yīn/yān): two sources disagree.
#: On the baker dev half margins of 2/4/6/8/12 give 450/452/443/443/440 errors (CPP dev 229/230/229/231/232): the
#: phrase table misreads everyday words (散发 fà, 上调 diào, 乡长 cháng) that the model then followed.
AGREE_MARGIN = 6.0
#: The same for a word with several common readings (大夫 dàifu / dàfū): the usual one needs less defending.
CHOICE_MARGIN = 2.0
#: How much more (in logits) the model must like another reading to override a rule's preference (a verb's place).
#: 4 before issue 14's second round; 2/4/6/8 give 447/443/441/441 errors on the baker dev half (CPP dev unchanged).
PREFER_MARGIN = 6.0
#: The same for a strong preference (the only verb reading before an aspect particle, a complement, an object; a
#: known verb-object phrase). So large that the rule decides: the model, trained on Wikipedia, overrules such
#: readings wrongly in everyday sentences (盛饭, 露一手); margins of 8, 12 and 20 cost 2 to 8 errors on the everyday
#: dev set for at most 6 fewer on CPP dev.
STRONG_PREFER_MARGIN = 1000.0
#: Complements that end a verb phrase jieba's HMM glued into one token (塞进, 蒙住, 结满).
_COMPLEMENT_PIECES = frozenset("进住满完掉开起出回破到死坏")
#: …and for a name or a reduplication only pypinyin's phrase table has (莘庄 Xīnzhuāng).
PHRASE_MARGIN = 16.0
#: …and for another word only pypinyin's phrase table has (盛饭, 种菜): decided. On the dev sets: everyday 4 fewer
#: errors; CPP one fewer (甚么) and one more (劈成 pǐ, where CPP reads pī).
COMMON_PHRASE_MARGIN = 1000.0
#: Particles, which make dictionary words with the character before them (到了, 中的, 想着) that are rarely meant.
_PARTICLES = frozenset("了的得着地过")
#: jieba's tags of names and of non-words.
_NAME_TAGS = ("nr", "ns", "nt", "nz", "x")
#: …and to read a name's surname otherwise than the dictionary's surname reading.
SURNAME_MARGIN = 3.0
#: Longest dictionary word looked for inside an unknown token.
_MAX_PART = 6
#: Tags of words that do not occur inside a name (particles, prepositions, conjunctions, adverbs, pronouns).
_FUNCTION_TAGS = ("u", "p", "c", "d", "r", "y", "e")


@lru_cache(maxsize=65536)
def plain_reading(token: str) -> tuple[str | None, ...]:
    """Plain pypinyin's reading of a token (its phrase table, else each character's usual reading), one syllable
    per character, ``None`` at non-Han characters (all ``None`` if pypinyin's syllables do not line up)."""
    from pypinyin import Style, lazy_pinyin

    positions = [index for index, char in enumerate(token) if is_han(char)]
    found = lazy_pinyin("".join(token[i] for i in positions), style=Style.TONE3, neutral_tone_with_five=True)
    row: list[str | None] = [None] * len(token)
    if len(found) == len(positions):
        for position, syllable in zip(positions, found, strict=True):
            row[position] = syllable.replace("ü", "v")
    return tuple(row)


def _margin(plan: WordPlan, char: int) -> float:
    """The margin the model needs at position ``char`` of ``plan`` (a name's surname has its own)."""
    return plan.surname_margin if char == 0 and plan.surname_margin is not None else plan.margin


def _starts_with(tag: str | None, prefixes: tuple[str, ...]) -> bool:
    return bool(tag) and tag is not None and tag.startswith(prefixes)


def _phrase_table(word: str) -> tuple[str, ...] | None:
    """pypinyin's reading of an all-Han ``word`` with one syllable per character, if it has one."""
    found = _aligned(pypinyin_readings(word), word) if word and all(is_han(char) for char in word) else ()
    return found[0] if found else None


def _aligned(readings: tuple[tuple[str, ...], ...], word: str) -> tuple[tuple[str, ...], ...]:
    """Keep the readings with one syllable per character of ``word``."""
    return tuple(r for r in readings if len(r) == len(word))


def _mask(reading: tuple[str, ...], token: str) -> tuple[str | None, ...]:
    """The reading with ``None`` at non-Han characters (T恤 → None, xu4) and only real syllables kept."""
    return tuple(s if is_han(c) and s[-1:].isdigit() else None for c, s in zip(token, reading, strict=True))


def _best_choice(plan: WordPlan, decided: dict[tuple[int, int], str], part: int) -> tuple[str, ...]:
    """The whole-word reading that agrees with most of the decided positions (the usual one on a tie)."""
    best = plan.choices[0]
    best_score = -1
    for choice in plan.choices:
        score = sum(1 for char, _ in plan.open if decided.get((part, char)) == choice[char])
        if score > best_score:
            best, best_score = choice, score
    return best
