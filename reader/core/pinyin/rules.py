"""Context rules: the reading of a polyphonic character from the words around it.

Each rule covers a category, not a word: structural particles (得 after a verb or adjective is ``de5``, before a
verb ``dei3``; 地 after an adverbial is ``de5``), complements (找不着 ``zhao2``, 做得了 ``liao3``), modal particles
at the end of a clause, erhua 儿, the measure-word reading after a numeral or demonstrative (一只 ``zhi1``, 这种
``zhong3``), the adjective reading after a degree adverb (很长 ``chang2``), surnames after 姓 or before a title,
a verb and its object read as a phrase the dictionary or pypinyin knows (倒水 ``dao4``), verbs with two verb
readings read by what follows them (:data:`VERB_FRAMES`: an object, a duration, 在 and a place, a complement, 着,
把 before them), the verb readings in a verb's place (盛一碗饭 ``cheng2``), 还 ``huan2`` before whom or what is
returned.

A rule answers with a reading, a :class:`Prefer` (a reading the model may still overrule when it is clearly
surer), a tuple of readings it leaves for the model to choose from, or ``None`` when the context does not settle
the question; the pinyin engine then asks its model.

Rules see the sentence's tokens and a few facts per word from the dictionary: jieba's part-of-speech tag
(``v`` verb, ``a`` adjective, ``d`` adverb, ``r`` pronoun, ``n…`` nouns, ``m`` numeral, ``q`` measure word…), what
each reading's senses make it (``v`` verb, ``m`` measure word, see ``reading_kinds``), surname readings, and the
reading of a phrase (:attr:`Context.phrase`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.core.chars import is_han
from reader.core.pinyin.source import ReadingSource, pypinyin_readings
from reader.core.pinyin.wordlists import COUNTERS, MODAL_PARTICLES, MODAL_VERBS


@dataclass(frozen=True, slots=True)
class Context:
    """One open character: the sentence's tokens, which token and character, the readings allowed."""

    tokens: Sequence[str]
    token: int
    char: int
    candidates: tuple[str, ...]
    facts: ReadingSource
    #: True for a character cut from a word the dictionary lacks that reads like a name (麻涌, 王机褚).
    inner: bool = False
    #: The one reading of a phrase in the dictionary or pypinyin's phrase table (倒水 ``dao4 shui3``), if any.
    phrase: Callable[[str], tuple[str, ...] | None] | None = None
    #: True for a character cut from a longer token jieba made (递铺, 人盛): what follows may not be its object.
    piece: bool = False

    @property
    def word(self) -> str:
        """The token holding the character."""
        return self.tokens[self.token]

    @property
    def alone(self) -> bool:
        """True if the character is a token of its own."""
        return len(self.word) == 1

    def previous(self, distance: int = 1) -> str:
        """The token ``distance`` places before (``""`` at the start of the sentence)."""
        index = self.token - distance
        return self.tokens[index] if index >= 0 else ""

    def next(self, distance: int = 1) -> str:
        """The token ``distance`` places after (``""`` at the end of the sentence)."""
        index = self.token + distance
        return self.tokens[index] if index < len(self.tokens) else ""

    def tag(self, word: str) -> str:
        """The tag of ``word`` (``""`` if unknown or not Chinese)."""
        if not word or not is_han(word[-1]):
            return ""
        return self.facts.tag(word) or ""


@dataclass(frozen=True, slots=True)
class Prefer:
    """A rule's weaker answer: this reading, unless the model is clearly sure of another.

    ``strong``: the model may not overrule it. ``firm``: it may also replace plain pypinyin's reading of a frequent
    character (a known verb-object phrase: 还钱 ``huan2``); a verb's place alone may not (要我 is not ``yao1``).
    """

    reading: str
    strong: bool = False
    firm: bool = False


#: A rule's answer: a reading, a preference, the readings it leaves for the model, or ``None`` (no opinion).
Found = str | Prefer | tuple[str, ...] | None
Rule = Callable[[Context], Found]

#: Measure-word readings CC-CEDICT's senses do not mark as such (一行字 ``hang2``, 住了一宿 ``xiu3``).
EXTRA_MEASURES = {"行": "hang2", "宿": "xiu3", "重": "chong2", "觉": "jiao4"}
#: Adjective readings after a degree adverb where CC-CEDICT's merged simplified entries give several (干 from 乾
#: 'dry' and 幹 'capable': 有点干 ``gan1``).
EXTRA_ADJECTIVES = {"干": "gan1"}
#: What may follow 还 ``huan2`` 'give back': a recipient, an aspect particle, a result.
_HUAN_AFTER = frozenset({"给", "了", "过", "着", "清", "完", "上", "回", "回去", "回来", "掉", "钱", "债"})
#: Degree adverbs: what follows is an adjective.
_DEGREE = frozenset(
    {"很", "太", "真", "挺", "非常", "特别", "比较", "最", "更", "十分", "越来越", "这么", "那么", "多么"}
    | {"有点", "有点儿", "相当", "极", "蛮", "过于", "不太", "好不"}
)
#: Degree complements after an adjective (差极了, 好得很).
_DEGREE_AFTER = frozenset({"极了", "得很", "透了", "死了", "坏了"})
#: Words after which a verb follows (modals, requests).
_BEFORE_VERB = frozenset(
    {"请", "要", "会", "能", "想", "可以", "应该", "别", "不要", "帮", "帮我", "给我", "来", "去", "先", "再"}
    | {"快", "正在", "一起", "赶紧", "马上", "不能", "不会", "能够", "愿意", "打算", "准备", "开始"}
)
#: Adverbs after which 得 is the modal ``dei3`` (还得去, 就得走).
_ADVERBS_BEFORE_DEI = frozenset({"还", "就", "也", "都", "总", "总是", "非", "必须", "又", "只", "可", "才", "真"})
#: Verbal complements: a character before them is read as a verb (卡在, 背起, 藏起来).
_COMPLEMENTS = frozenset(
    {"完", "到", "成", "出", "起", "开", "住", "掉", "回", "进", "满", "破", "坏", "死", "懂", "遍", "够", "光"}
    | {"不下", "不了", "不完", "不到", "不住", "不动", "不起", "不开", "不出"}
    | {"起来", "出来", "下来", "上来", "过来", "回来", "进来", "出去", "下去", "上去", "过去", "回去", "进去"}
)
#: Complements of place and recipient: a character before them, and a place or person after, is a verb (待在, 还给).
_PLACE_COMPLEMENTS = frozenset({"在", "给", "到", "进", "向", "往"})
#: Complements that make a verb likely but not certain (满 also follows adjectives): they narrow the choice to the
#: verb readings but do not pick one.
_WEAK_COMPLEMENTS = frozenset({"进", "满", "破", "坏", "死", "懂", "遍", "够", "光"})
#: A verb's place shown strongly enough to pick the only verb reading of a character whose usual reading is not one.
_STRONG = "strong"
#: Negations and prohibitions before a verb.
_NEGATIONS = frozenset({"没", "没有", "别", "不要", "甭", "不用"})
#: Words that put the thing handled before the verb (把书卷起来, 被他蒙了).
_DISPOSAL = frozenset({"把", "被", "将", "让", "叫"})
#: Measure phrases of the action, not of an object (量一下, 看一遍).
_VERBAL_MEASURES = frozenset({"一下", "一遍", "一次", "一会", "一会儿", "一番", "一声", "一眼", "一口气"})
#: Durations after a verb (待了半天, 待了一会儿); also numeral + time unit (三天, 两个月).
_DURATIONS = frozenset({"半天", "好久", "很久", "许久", "多年", "一会", "一会儿", "一辈子", "一整天", "一晚上", "一夜"})
_TIME_UNITS = frozenset("天年月时钟周期夜宿代")
#: Counts of an action or amounts of a change (吐了好几次, 转了一圈, 降了十度).
_ACTION_COUNTS = frozenset("次遍回趟圈下度倍成")
#: Where something ends up all over (吐了一地, 洒了一身, 哭了一路).
_SPREADS = frozenset("地身脸路床桌")
#: Result complements that are not in _COMPLEMENTS.
_RESULTS = frozenset(
    {"上", "下", "好", "满", "进", "掉", "住", "出", "上来", "下来", "高", "大", "胖", "瘦", "死", "坏", "开", "破"}
    | {"清楚", "明白", "低", "小", "紧", "松", "快", "慢", "亮", "暗"}
)
#: Verbs with two verb readings, and the reading each frame gives (frames: ``object``, ``person``, ``duration``,
#: ``count``, ``place``, ``result``, ``zhe``, ``de``, ``verb``, ``end`` and ``disposal``; see :func:`verb_frame`).
#: Linguistic facts about the verbs, one per character: 倒 dào 'pour' takes what is poured, dǎo 'fall' takes
#: nothing or a place.
VERB_FRAMES: dict[str, dict[str, str]] = {
    "倒": {"object": "dao4", "result": "dao4", "disposal": "dao4", "de": "dao4", "place": "dao3", "end": "dao3"},
    "待": {"duration": "dai1", "place": "dai1", "zhe": "dai1", "end": "dai1", "object": "dai4"},
    "呆": {"duration": "dai1", "place": "dai1", "zhe": "dai1"},
    "落": {"disposal": "la4"},
    "吐": {"count": "tu4", "end": "tu4", "object": "tu3", "result": "tu3", "disposal": "tu3"},
    "卡": {"place": "qia3", "result": "qia3"},
    "扇": {"object": "shan1"},
    "削": {"object": "xiao1", "result": "xiao1", "disposal": "xiao1"},
    "剥": {"object": "bao1", "result": "bao1", "disposal": "bao1"},
    "塞": {"object": "sai1", "result": "sai1", "place": "sai1", "disposal": "sai1"},
    "挑": {"object": "tiao1", "zhe": "tiao1", "result": "tiao1", "place": "tiao1"},
    "系": {"object": "ji4", "result": "ji4", "disposal": "ji4", "zhe": "ji4"},
    "教": {"object": "jiao1"},
    "要": {"object": "yao4"},
    "转": {"count": "zhuan4", "duration": "zhuan4", "de": "zhuan4", "zhe": "zhuan4", "end": "zhuan4"},
    "盛": {"object": "cheng2", "result": "cheng2", "disposal": "cheng2"},
    "钻": {"object": "zuan1", "result": "zuan1", "place": "zuan1"},
    "干": {"object": "gan4", "duration": "gan4"},
    "量": {"object": "liang2", "disposal": "liang2"},
    "称": {"object": "cheng1", "disposal": "cheng1"},
    "数": {"object": "shu3", "disposal": "shu3", "result": "shu3"},
    "尽": {"object": "jin4", "end": "jin4"},
    "冲": {"result": "chong1", "place": "chong1", "person": "chong4"},
    "当": {"disposal": "dang4", "person": "dang4"},
    "处": {"de": "chu3"},
    "供": {"zhe": "gong4", "result": "gong4"},
    "藏": {"object": "cang2", "result": "cang2", "place": "cang2", "disposal": "cang2"},
    "划": {"result": "hua2", "object": "hua2"},
    "泊": {"place": "bo2", "end": "bo2"},
    "铺": {"object": "pu1", "result": "pu1", "disposal": "pu1", "place": "pu1"},
    "重": {"verb": "chong2"},
    "哄": {"object": "hong3"},
    "答": {"object": "da2", "count": "da2"},
    "种": {"object": "zhong4"},
    "差": {"duration": "cha4", "count": "cha4", "object": "cha4"},
    "降": {"duration": "jiang4", "count": "jiang4", "object": "jiang4"},
    "折": {"end": "she2", "disposal": "zhe2", "object": "zhe2"},
    "调": {"result": "tiao2", "object": "tiao2", "person": "diao4", "place": "diao4"},
    "背": {"place": "bei1"},
    "结": {"result": "jie1"},
    "累": {"de": "lei4", "end": "lei4", "result": "lei4", "count": "lei4", "verb": "lei4"},
    "长": {"de": "zhang3", "result": "zhang3", "zhe": "zhang3"},
    "刨": {"object": "pao2", "result": "pao2", "disposal": "pao2", "end": "pao2"},
    "抡": {"object": "lun1", "result": "lun1", "disposal": "lun1"},
    "攒": {"result": "zan3", "disposal": "zan3"},
    "扒": {"object": "ba1", "result": "ba1"},
    "粘": {"object": "zhan1", "result": "zhan1", "disposal": "zhan1"},
    "钉": {"object": "ding4", "result": "ding4", "disposal": "ding4"},
    "崴": {"object": "wai3", "result": "wai3", "end": "wai3"},
    "涨": {"de": "zhang4"},
}
#: Titles after a surname (曾先生, 单老师).
_TITLES = frozenset(
    {"先生", "女士", "小姐", "太太", "老师", "教授", "同学", "师傅", "阿姨", "叔叔", "大夫", "医生", "经理", "主任"}
    | {"老板", "校长", "局长", "部长", "书记", "总"}
)
#: Particles that are no object, whatever a phrase table says (中的 zhòngdì is not 中/的 in 发展中的).
_NOT_OBJECTS = frozenset({"的", "地", "得", "之", "是", "和", "与", "着"})
#: Personal pronouns (what 还 huán returns things to).
_PERSONS = frozenset({"我", "你", "您", "他", "她", "它", "我们", "你们", "他们", "她们", "人家", "大家", "别人"})
#: Verbs whose result complement 着 is read ``zhao2`` (找不着, 没睡着).
_ZHAO_VERBS = frozenset("找睡猜见碰摸够买借打点烧用吃赶抓逮闻看听")
#: Measure words of land (这块地, 一片地).
_DI_MEASURES = frozenset("块片亩")
#: Verbs and prepositions of place ending the word before a noun 地 (放在地上, 倒到地, 满地).
_PLACE_VERB_ENDINGS = frozenset("在到于从往向满遍进入落倒扫种")
#: Words after which 地 is the noun (地的, 地上 cut apart, 地里).
_AFTER_NOUN_DI = frozenset({"的", "上", "下", "里", "面", "方", "区", "点", "图", "址", "球"})
#: Adverbs of manner that follow the modal 得 ``dei3`` (你得多穿点, 你得快点).
_DEI_ADVERBS = frozenset({"多", "少", "快", "早", "先", "赶快", "赶紧", "好好", "马上", "立刻", "再", "自己"})
#: What may follow a potential complement 了 ``liao3`` (做得了吗): the end of the clause.
_CLAUSE_END = frozenset("。，、；：！？…）」』”’,.;:!?)吗呢吧啊呀的")


def _starts(tag: str, *prefixes: str) -> bool:
    return bool(tag) and tag.startswith(prefixes)


def _is_reduplication(word: str) -> bool:
    """AA or AABB (慢慢, 高高兴兴): adverbials before 地."""
    return (len(word) == 2 and word[0] == word[1]) or (len(word) == 4 and word[0] == word[1] and word[2] == word[3])


def erhua(context: Context) -> str | None:
    """A lone 儿 is the erhua suffix ``r5`` after a word the dictionary knows with it (小猫儿, 一点儿, 这儿);
    elsewhere it is ``er2``: 'son, child' (为儿求情, 无儿无女, 脑瘫儿) or a syllable of a name (菲儿, 蜜雪儿)."""
    if context.word not in ("儿", "兒") or "r5" not in context.candidates:
        return None
    previous = context.previous()
    if not previous or not is_han(previous[-1]):
        return None
    for host in (previous, previous[-1]):
        if any(reading[-1] == "r5" for reading in context.facts.common_readings(host + context.word)):
            return "r5"
    return "er2" if "er2" in context.candidates else None


def particle_de(context: Context) -> str | None:
    """的 on its own is the particle ``de5`` (的确, 目的, 打的 are words of their own)."""
    return "de5" if context.alone and context.word == "的" else None


def adverbial_di(context: Context) -> str | None:
    """地 after an adverbial and before a verb phrase is ``de5`` (认真地回答, 热情地欢迎, 一步一步地走); the noun
    ``di4`` after a measure word, a demonstrative, 的, a verb that takes it as object or place (种地, 这块地, 放在地),
    and before a locative, 的 or the end of the clause."""
    if not (context.alone and context.word == "地"):
        return None
    previous = context.previous()
    following = context.next()
    if not previous or not is_han(previous[-1]) or not following or not is_han(following[0]):
        return "di4"
    repeated = context.tokens[max(0, context.token - 4) : context.token]
    if len(repeated) == 4 and repeated[:2] == repeated[2:]:
        return "de5"  # 一片一片地, 一步一步地: a repeated measure phrase, not 片地 'a piece of land'
    if _takes_di_as_noun(context, previous):
        return "di4"
    if ends_adverbial(context.tokens, context.token, context.facts):
        return "de5"
    if following in _AFTER_NOUN_DI or following.startswith("被"):
        return "di4"  # 地的, 地上; 养殖地被淹: a verb phrase after 地 does not open with the passive 被
    # A word of two characters or more (热情, 兴奋) before 地 and a verb phrase after it: the adverbial particle. The
    # engine cuts words the dictionary lacks into characters (小/声, 玩/命): two of them count as one word.
    before = context.previous(2)
    if len(previous) == 1 and len(before) == 1 and is_han(before):
        previous = before + previous
    if len(previous) > 1 and (_verb_phrase_starts(context, following) or _first_kind(context, following, "v")):
        return "de5"  # 小声地讲话: jieba tags 讲话 n, CC-CEDICT gives it a verb sense
    return "di4"


def ends_adverbial(tokens: Sequence[str], index: int, facts: ReadingSource) -> bool:
    """True if the token before ``index`` is an adverbial that 地 can follow: an adjective, adverb, idiom or
    reduplication of two characters or more (认真, 慢慢, 实事求是), a repeated phrase (一步一步), or a word made
    adverbial by 性/然/般/样 (预见性, 突然, 一般, 同样), which may reach here cut off from its stem."""
    previous = tokens[index - 1] if index >= 1 else ""
    before = tokens[index - 2] if index >= 2 else ""
    if not previous or not is_han(previous[-1]):
        return False
    tag = facts.tag(previous) or ""
    if len(previous) > 1 and (_is_reduplication(previous) or _starts(tag, "a", "d", "z", "i", "l", "b")):
        return True
    text = "".join(tokens[max(0, index - 6) : index])
    if any(len(text) >= 2 * n and text[-n:] == text[-2 * n : -n] for n in (2, 3)):
        return True
    if len(text) >= 4 and text[-4] == text[-3] and text[-2] == text[-1]:
        return True  # 结结实实, 高高兴兴: an AABB reduplication, which the engine may have cut (结/结实/实)
    if len(previous) == 1 and before == previous:
        return True  # 软/软: a reduplication the engine cut into its characters
    return previous[-1:] in ("性", "然", "般", "样") and is_han((before + previous[:-1])[-1:] or "a")


def _takes_di_as_noun(context: Context, previous: str) -> bool:
    """True where 地 is the noun: after 的, a numeral, demonstrative or measure word (这块地, 各地), a one-character
    verb (种地, 扫地), or a verb or preposition of place (放在地, 从地)."""
    tag = context.tag(previous)
    return (
        previous in ("的", "之")
        or previous[-1] in COUNTERS
        or previous[-1] in _DI_MEASURES
        or (len(previous) == 1 and _starts(tag, "v", "p"))
        or previous[-1] in _PLACE_VERB_ENDINGS
    )


def _first_kind(context: Context, word: str, letters: str) -> bool:
    """True if the first sense of ``word``'s usual reading is of one of the kinds ``letters`` (``a``, ``V``…)."""
    kinds = context.facts.reading_kinds(word)
    return bool(kinds) and any(letter in kinds[0] for letter in letters)


def _verb_phrase_starts(context: Context, word: str) -> bool:
    """True if ``word`` opens a verb phrase: a verb, an adverb, a preposition (往, 把, 向) or a modal."""
    if _starts(context.tag(word), "v", "d", "p") or word in _BEFORE_VERB:
        return True
    kinds = context.facts.reading_kinds(word)
    return bool(kinds) and "V" in kinds[0]


def structural_de(context: Context) -> str | None:
    """得 after a verb or adjective is ``de5`` (说得好); before a verb ``dei3`` (你得走); before 了/a noun ``de2``."""
    if not (context.alone and context.word == "得"):
        return None
    previous, following = context.previous(), context.next()
    previous_tag, following_tag = context.tag(previous), context.tag(following)
    # 得了 before an object is 'obtained' (考试得了满分, 得了感冒); at the end of a clause 了 is a complement
    # (做得了吗), and 得 the particle after the verb.
    if following == "了":
        after = context.next(2)
        if after and is_han(after[0]) and after not in _CLAUSE_END:
            return "de2"
    # A verb or an adjective by its tag or by its first sense (jieba tags 高兴 b, 麻木 nr, 消失 n): 麻木得停止了跳动.
    predicate = _starts(previous_tag, "v", "a") or (len(previous) > 1 and _first_kind(context, previous, "aV"))
    if predicate and previous not in _ADVERBS_BEFORE_DEI:
        return "de5"
    if following == "了":
        return "de2"
    if previous in _ADVERBS_BEFORE_DEI and following and is_han(following[0]):
        return "dei3"  # 还得多打药, 都得老板批准: after 还/就/都/也, 'must' (得了 'got' is above)
    # After a person and before an adverb of manner or a verb: the modal 'must' (你得多穿点, 我们得走了).
    if (previous in _PERSONS or _starts(previous_tag, "r")) and following in _DEI_ADVERBS:
        return "dei3"
    following_kinds = context.facts.reading_kinds(following) if following else ()
    verb_after = (following_kinds and "V" in following_kinds[0]) or _starts(following_tag, "v", "a", "d", "p")
    # 'must' needs someone who must (你得走, 还得去); after anything else the particle (气得说不出话).
    subject = (
        previous in _PERSONS
        or previous in _ADVERBS_BEFORE_DEI
        or _starts(previous_tag, "r")
        or (len(previous) > 1 and _starts(previous_tag, "n"))
    )
    if verb_after and not subject and len(previous) == 1 and is_han(previous):
        return "de5"
    if verb_after:
        return "dei3"
    if following in _BEFORE_VERB:
        return "dei3"
    if _starts(following_tag, "n", "m", "q"):
        return "de2"
    return None


def complement_zhao(context: Context) -> str | None:
    """着 after 找/睡/猜… preceded by 不/没/得 is the complement ``zhao2`` (没找着); after other verbs ``zhe5``."""
    if not (context.alone and context.word == "着"):
        return None
    previous = context.previous()
    # The particle follows a verb or an adjective; after a noun and before 了, 着 is the verb 'catch fire, be lit'
    # (火着了, 灯着了).
    if context.next() == "了" and _starts(context.tag(previous), "n") and len(previous) == 1:
        return "zhao2"
    # A word split by 了 (着了迷 is 着迷 ``zhao2 mi2``).
    if context.next() == "了" and context.phrase is not None and context.next(2)[:1]:
        word = context.phrase("着" + context.next(2)[:1])
        if word is not None:
            return word[0]
    if previous and previous[-1] in _ZHAO_VERBS:
        before = context.previous(2)
        if before in ("不", "没", "没有", "得") or previous[:-1] in ("不", "没", "得"):
            return "zhao2"
    if previous in ("不", "得") and _starts(context.tag(context.previous(2)), "v"):
        return "zhao2"  # a potential complement after any verb: 饿不着, 够得着
    following = context.next()
    opening = not previous or not is_han(previous[0]) or _starts(context.tag(previous), "f")
    if following and following[-1] in _CLOTHES and opening:
        return "zhuo2"  # 'wear' with no verb before it: 下着长裙, 着亮黑色长裤
    return "zhe5"


#: What is worn (the last character of the word): 着 before it with no verb before is 'wear' ``zhuo2``.
_CLOTHES = frozenset("裙裤衫衣装袍鞋袜帽靴")


def complement_liao(context: Context) -> str | None:
    """了 after a potential 得/不 at the end of a clause is ``liao3`` (做得了吗); otherwise the particle ``le5``.
    jieba's word 不了 or 得了 right after a verb is the same complement (吃/不了/这么多, 来/不了/了)."""
    if context.word in ("不了", "得了") and context.char == 1:
        if _starts(context.tag(context.previous()), "v"):
            return "liao3"
        return None
    if not (context.alone and context.word == "了"):
        return None
    previous, following = context.previous(), context.next()
    if previous in ("得", "不") and (not following or following[0] in _CLAUSE_END):
        return "liao3"
    return "le5"


def aspect_guo(context: Context) -> str | None:
    """过 right after a verb is the aspect particle ``guo5`` (去过, 看过); elsewhere the verb ``guo4``."""
    if not (context.alone and context.word == "过"):
        return None
    return "guo5" if _starts(context.tag(context.previous()), "v") else None


#: Verbs that take "X 为 Y" (name, appoint, regard X as Y): 为 after them and their object is ``wei2``.
_NAMING_VERBS = frozenset({"称", "称其", "称之", "任命", "选", "评", "列", "视", "命名", "封", "尊", "奉", "推举"})


def preposition_wei(context: Context) -> str | None:
    """为 is the verb ``wei2`` after a verb (选为), in 以…为… and 为…所…, and when no verb follows soon in its
    clause (改名为北京); it is the preposition ``wei4`` "for" when a verb follows its object (为中小企业提供服务,
    为你高兴)."""
    if not (context.alone and context.word == "为"):
        return None
    previous, before = context.previous(), context.previous(2)
    # Two single characters before 为 are mostly a word the engine cut apart (北/监为), not a verb of one character.
    cut_apart = len(previous) == 1 and len(before) == 1 and is_han(before)
    takes_action = previous in _VERBS_OF_INTENT or previous in MODAL_VERBS  # 决定为…分离, 要为父母讨回公道
    if previous in _NAMING_VERBS or (_starts(context.tag(previous), "v") and not cut_apart and not takes_action):
        return "wei2"
    clause_before = _clause(context, -1)
    clause_after = _clause(context, 1)
    if "以" in clause_before or "所" in clause_after:
        return "wei2"
    if previous == "所" and context.next() not in ("何", "什么", "哪"):
        return "wei2"  # 内鬼所为, 所作所为 (but 所为何事 'for what')
    # 称他为, 任命孙德基为, 把…视为: a verb that names or appoints, then whom, then 为 'as'; 图为 opening a caption.
    if any(word in _NAMING_VERBS for word in clause_before[1:6]):
        return "wei2"
    if clause_before in (["图"], ["左图"], ["右图"], ["上图"], ["下图"]) or previous in _WHAT_FOLLOWS:
        return "wei2"
    # A literary adverb, then 为, whom and the verb that ends the clause: the passive 'by' (终为警察发现).
    passive = previous in _COPULA_ADVERBS
    if passive and clause_after:
        return "wei2"
    if context.next() in _PERSONS or context.tag(context.next()) == "r" or "而" in clause_after:
        return "wei4"  # 为你高兴, 只为自己着想, 为…而努力
    if len(clause_after) == 1 and len(clause_after[0]) == 1:
        return "wei2"  # 封国为随, 改名为京: one character ending the clause is what something is or is named
    if clause_after and context.tag(clause_after[0]) in ("v", "vg") and context.previous() not in ("所", "以"):
        return "wei4"  # 为报复, 为避免引起注意: 'in order to'
    # "为 + whom + verb": the verb comes within a few words, not inside a modifier (为…进站的大厅 is wei2). A verb
    # that ends the clause counts (为儿求情, 为女友撇清) unless a literary adverb makes 为 'be' or the passive 'by'
    # (终为救援人员发现, 不愧为…) or the last word is a bare character (左手为轻微伤).
    for word in clause_after[1:8]:
        if word in ("的", *_COORDINATING):
            break  # 为制片人并担任嘉宾: the verb after 并 is a second predicate, not what 为 is for
        last = word == clause_after[-1]
        tag = context.tag(word)
        if (tag == "v" or (tag == "vn" and not last)) and not (last and (passive or len(word) < 2)):
            return "wei4"
    return "wei2" if clause_after else None


#: Conjunctions that join a second predicate to the clause (为制片人并担任嘉宾).
_COORDINATING = ("并", "并且", "且", "而且", "同时", "并将")
#: Verbs of intent and saying that take an action after them: 为 after them is 'for' (决定为连体儿做分离手术).
_VERBS_OF_INTENT = frozenset(
    {"决定", "表示", "愿意", "希望", "准备", "打算", "努力", "继续", "开始", "坚持", "同意", "答应", "承诺", "计划"}
    | {"主动", "专门", "特意", "积极", "自愿", "乐意", "甘愿", "宁愿"}
)
#: "What follows / precedes is": 以下为…摘要, 如下为.
_WHAT_FOLLOWS = frozenset({"以下", "以上", "如下", "下面", "上面", "下列", "下文", "上文"})
#: Adverbs of the written language before 为 that make it 'be' or the passive 'by' (终为…所, 皆为, 不愧为).
_COPULA_ADVERBS = frozenset({"终", "皆", "均", "亦", "乃", "即", "实", "俱", "不愧", "不失", "堪"})


#: The most tokens a rule looks at on either side of a character: a text without punctuation (a 1 MB line) must
#: not make every 为 and 当 scan to its end (quadratic time). Clauses of everyday text are far shorter.
CLAUSE_LIMIT = 30


def _clause(context: Context, direction: int) -> list[str]:
    """The tokens from the character's token to the nearest punctuation in ``direction`` (-1 before, 1 after), at
    most :data:`CLAUSE_LIMIT` of them."""
    words: list[str] = []
    index = context.token + direction
    while 0 <= index < len(context.tokens) and len(words) < CLAUSE_LIMIT:
        word = context.tokens[index]
        if word == "、":
            index += direction  # an enumeration comma joins a list inside the clause (以酱、盐等作料为…)
            continue
        if not word or not is_han(word[0]):
            break
        words.append(word)
        index += direction
    return words


def modal_particle(context: Context) -> str | None:
    """A modal particle (吗, 吧, 呢, 啊, 哦, 咯, 啰…) takes its neutral reading at the end of a clause, after a word
    (你是学生吗？, 走吧。, 拎出来哦). Inside a clause the model decides (奔跑吧兄弟 is the particle, 杏吧社区 the
    loanword 'bar')."""
    if not context.alone or context.word not in MODAL_PARTICLES:
        return None
    opening = not context.previous() and not is_han(context.next()[:1] or "，")
    if context.word == "啊" and opening and "a1" in context.candidates:
        return "a1"  # 啊，… opening a sentence: the interjection ā, not a particle
    # The neutral tone of the usual syllable first (喔 ō: o5, not CC-CEDICT's wo5).
    usual = context.candidates[0][:-1]
    neutral = sorted((r for r in context.candidates if r.endswith("5")), key=lambda reading: reading[:-1] != usual)
    if not neutral:
        return None
    previous, following = context.previous(), context.next()
    at_end = not following or not is_han(following[0]) or (following in MODAL_PARTICLES and following != context.word)
    # After a word (not a syllable of a name or loanword: 哆啦, 彭萨哇, 啦啦啦).
    tag = context.tag(previous)
    if at_end and tag and not _starts(tag, "nr", "ns", "nz", "x") and previous != context.word:
        return neutral[0]
    return None


def particle_in_name(context: Context) -> str | None:
    """A particle character before a noun or an unknown character in its clause is a syllable of a name or a
    loanword, read in full: 唃厮啰故地 ``luo1``, 杏吧社区 ``ba1``, 菲啰啉 ``luo1``."""
    if not context.alone or context.word not in MODAL_PARTICLES:
        return None
    following = context.next()
    if not following or not is_han(following[0]) or _starts(context.tag(context.previous()), "v"):
        return None  # after a verb it is the particle, before whoever is spoken to (奔跑吧兄弟)
    tag = context.tag(following)
    if tag and not _starts(tag, "n", "x"):
        return None
    full = [reading for reading in context.candidates if not reading.endswith("5")]
    return full[0] if full else None


def returning_huan(context: Context) -> str | None:
    """还 is the verb ``huan2`` 'give back' before a person, 给, a noun, an aspect particle, a result (还清, 还完)
    or the end of the clause (按时还。); before other words (还没, 还不错, 还会) the adverb ``hai2``."""
    if not (context.alone and context.word == "还"):
        return None
    following = context.next()
    if not following or not is_han(following[0]) or following in _HUAN_AFTER or following in _PERSONS:
        return "huan2"
    if _starts(context.tag(following), "nr"):
        return "huan2"  # 还麦克菲公正: give back to someone
    if context.previous() in ("不", "没") and _starts(context.tag(following), "f"):
        return "huan2"  # 借钱不还后: the verb, then a locative
    if following in _DEGREE:
        return "hai2"  # 还很硬朗 (jieba tags 很 zg, as it tags some nouns)
    if following in MODAL_PARTICLES and context.previous() in _NEGATIONS | {"不"}:
        return "huan2"  # 书我还没还呢: the verb after a negation, ending its clause
    tag = context.tag(following)
    if _starts(tag, "n", "zg", "j") or (
        not tag and len(following) > 1 and not _starts(context.tag(following[0]), "d", "v", "a")
    ):
        # A noun after 还 is what is given back only in a known phrase (还钱, 还书: the collocation rule); jieba
        # tags many verbs as nouns (还利用, 还密谋, 还专门), and the adverb is far more frequent.
        return None
    return "hai2"


def doing_gan(context: Context) -> str | None:
    """干 before 着 or 起 is the verb ``gan4`` 'do' (干着家务, 干起了散活), and so after the work it does ending
    the clause (找活干); before a verb and 着 it is the adverb ``gan1`` 'in vain' (干瞅着)."""
    if not (context.alone and context.word == "干"):
        return None
    following, previous = context.next(), context.previous()
    if following in ("着", "起", "起来", "起了"):
        return "gan4"
    if previous in _WORK and (not following or not is_han(following[0])):
        return "gan4"  # 没事干, 找活干: the work to do, then 'do'
    if len(following) == 1 and context.next(2) == "着" and _starts(context.tag(following), "v"):
        return "gan1"  # 干瞅着, 干等着: 'in vain' before a verb and 着
    return None


#: Work to do, before 干 'do' ending the clause (有活干).
_WORK = frozenset({"活", "活儿", "事", "事儿", "事情", "工作", "家务", "农活"})


def result_complement(context: Context) -> str | None:
    """A character that jieba glued to the one-character verb before it, in a run the dictionary lacks, is that
    verb's result, in its result reading (:data:`_RESULT_READINGS`: 抽干 ``gan1``, 踢倒 ``dao3``)."""
    reading = _RESULT_READINGS.get(context.word)
    if not (context.alone and context.piece) or reading is None:
        return None
    previous = context.previous()
    if len(previous) == 1 and _starts(context.tag(previous), "v") and previous not in "苦实能":
        return reading
    return None


#: Results of a verb and how they read: 'dry' (吹干, not 苦干 'work hard'), 'fall over' (踢倒, 推倒), 'used up'
#: (烧尽).
_RESULT_READINGS = {"干": "gan1", "倒": "dao3", "尽": "jin4"}


def negation_mei(context: Context) -> str | None:
    """没 before 过 and a length of time is ``mei2`` 'not yet' (没过几天, 没过多久), not 没过 ``mo4 guo4``
    'submerge'."""
    if not (context.alone and context.word == "没") or context.next() != "过":
        return None
    after = context.next(2)
    return "mei2" if after[:1] in COUNTERS or after.startswith(("多久", "多长", "多少", "不久")) else None


def faint_yun(context: Context) -> str | None:
    """晕 before 过去 or 倒 is ``yun1`` 'faint' (晕过去, 晕倒), whatever pypinyin's phrase table says (晕过去 yùn);
    'dizzy' ``yun4`` is 头晕, 晕车."""
    if context.word[context.char] != "晕":
        return None
    rest = context.word[context.char + 1 :] if not context.alone else context.next()
    return "yun1" if rest in _FAINTING else None


#: What follows 晕 'faint': 晕过去, 晕倒, 晕死过去.
_FAINTING = frozenset({"过去", "了过去", "倒", "倒了", "死", "死过去"})


def sleep_jiao(context: Context) -> str | None:
    """觉 after 睡 and what measures the sleep is ``jiao4`` 'a sleep' (睡一宿觉, 睡个好觉, 睡了一觉)."""
    if not (context.alone and context.word == "觉"):
        return None
    return "jiao4" if "睡" in "".join(_clause(context, -1)[:4]) else None


def word_alone(context: Context) -> str | None:
    """A character that is a word on its own in one reading and takes the other only inside words
    (:data:`_ALONE_READINGS`: 脏 ``zang1`` 'dirty', the organ 心脏 ``zang4`` only in words)."""
    reading = _ALONE_READINGS.get(context.word)
    if reading is None or not context.alone or context.inner:
        return None
    following = context.next()
    named = is_han(following[:1] or "a") and (not context.tag(following) or _starts(context.tag(following), "n"))
    if context.facts.surname_reading(context.word) and named:
        return None  # 薄王案: the surname Bó before a name or a noun
    return reading


#: Readings of characters as words on their own, as the Xiandai Hanyu Cidian gives them: 脏 'dirty' (心脏, 内脏
#: are words), 薄 'thin' (薄弱, 单薄 are words).
_ALONE_READINGS = {"脏": "zang1", "薄": "bao2"}


def capital_du(context: Context) -> str | None:
    """都 is ``du1`` 'capital, city' before a place word (满都镇): the adverb ``dou1`` comes before a verb phrase."""
    if context.alone and context.word == "都" and context.next() in _PLACE_WORDS:
        return "du1"
    return None


def strength_jin(context: Context) -> str | None:
    """劲 on its own is the noun ``jin4`` 'strength, zest' (使多大劲, 铆足了劲, 没劲): ``jing4`` 'strong' is
    literary and comes before the noun it describes (劲骑五百, and in words: 劲敌, 强劲)."""
    if not (context.alone and context.word == "劲"):
        return None
    following = context.next()
    # A noun or a verb right after it may be what it describes (劲骑); a modal or an adverb may not (劲要使对地方).
    describes = _starts(context.tag(following), "n", "v", "q", "m") and following not in _BEFORE_VERB
    if following and is_han(following[0]) and describes:
        return None
    return "jin4"


def joy_le(context: Context) -> str | None:
    """乐 on its own ending a clause is ``le4`` 'joy' (以此为乐, 自得其乐); 'music' ``yue4`` lives in words (音乐,
    乐队)."""
    if not (context.alone and context.word == "乐"):
        return None
    following = context.next()
    return "le4" if not following or not is_han(following[0]) else None


def rate_lv(context: Context) -> str | None:
    """率 right after a noun is the suffix ``lv4`` 'rate' (杠杆率, 空房率); 'lead' ``shuai4`` has a leader before
    it and the troops or people led after it (将军率部, 他率团出访)."""
    if not (context.alone and context.word == "率"):
        return None
    previous, following = context.previous(), context.next()
    leader = _starts(context.tag(previous), "nr", "r") or following[:1] in _LED
    if len(previous) > 1 and _starts(context.tag(previous), "n") and not leader:
        return "lv4"
    return None


#: What follows 率 'lead': troops, a delegation, a crowd (率部, 率团, 率众).
_LED = frozenset("部军兵师团队众领先")


#: Words for administrative places that follow a place name (东都镇, 丰都县).
_PLACE_WORDS = frozenset({"镇", "县", "市", "区", "乡", "村", "府", "城", "市报"})


def modal_ying(context: Context) -> str | None:
    """应 after an adverb and before more of its clause is the modal ``ying1`` 'should' (日方不应非法阻挠);
    ending the clause it is ``ying4`` 'answer' (叫他他不应)."""
    if not (context.alone and context.word == "应") or context.previous() not in _ADVERBS_BEFORE_MODAL:
        return None
    following = context.next()
    return "ying1" if following and is_han(following[0]) else None


#: Adverbs that come before the modal 应 (不应, 也应, 更应).
_ADVERBS_BEFORE_MODAL = frozenset({"不", "也", "都", "更", "还", "本", "就", "亦", "均", "则"})


def copula_xi(context: Context) -> str | None:
    """系 before a place is the written copula ``xi4`` 'is' (李某系东乌珠穆沁旗人), not ``ji4`` 'tie'."""
    if not (context.alone and context.word == "系"):
        return None
    following = context.next()
    place = following[:-1] if following.endswith("人") else following  # 系山东人
    return "xi4" if _starts(context.tag(following), "ns") or _starts(context.tag(place), "ns") else None


def towards_chong(context: Context) -> str | None:
    """冲 before a person is the preposition ``chong4`` 'towards' (冲她笑笑, 冲自己眨眼睛)."""
    if not (context.alone and context.word == "冲"):
        return None
    following = context.next()
    if following in _PERSONS or following in ("自己", "我们", "大伙") or _starts(context.tag(following), "nr"):
        return "chong4"
    return None


def surname_context(context: Context) -> str | None:
    """A character after 姓 or before a title (先生, 老师, 女士…) is a surname: 姓单 ``shan4``, 曾先生 ``zeng1``."""
    if not context.alone:
        return None
    surname = context.facts.surname_reading(context.word)
    if surname is None or surname not in context.candidates:
        return None
    if context.previous() == "姓" or context.next() in _TITLES:
        return surname
    # 曾 'once' always comes before a verb phrase: before a noun or 的 it is the surname (曾的喉咙, 曾/轶/可).
    following = context.next()
    kinds = context.facts.reading_kinds(following) if following else ()
    verb = bool(kinds) and "V" in kinds[0]  # jieba tags some verbs as nouns (假装/n, 客串/n)
    if context.word in _ADVERB_SURNAMES and _starts(context.tag(following), "n", "u") and not verb:
        return surname
    return None


#: Adverbs that are also surnames, read as the surname when no verb follows.
_ADVERB_SURNAMES = frozenset({"曾"})


def collocation(context: Context) -> Found:
    """A verb and its object read as a known phrase: 倒一杯水 is read like 倒水 ``dao4``, 扎针 ``zha1``, 还钱
    ``huan2``, 种树 ``zhong4``, 系鞋带 ``ji4`` (CC-CEDICT's words and pypinyin's phrases, which jieba cut apart).

    The phrase is the character with the next word (or the next word's first character when that word is not in
    the dictionary, or when the rest of that word makes a word with the one after it: 和/面包/饺子 is 和面/包饺子),
    or with the noun after a numeral and measure word.
    """
    if not context.alone or context.inner or context.phrase is None:
        return None
    following, after = context.next(), context.next(2)
    objects = [following]
    particle = following if following in ("了", "过") else ""
    if particle:
        following, after = after, context.next(3)
        objects = [following]
    if len(following) > 1 and not context.facts.common_readings(following):
        objects.append(following[0])
    elif len(following) == 2 and after and context.phrase(following[1] + after) is not None:
        # jieba's word may steal the character's object: 和/面包/饺子 reads as 和面/包饺子 when both are words.
        objects.append(following[0])
    # 一杯/水: the noun after a numeral and its measure word (not the measure word after a bare numeral: 五/分钟).
    counted = following[:1] in COUNTERS and not all(char in COUNTERS for char in following)
    if counted and after and following not in _VERBAL_MEASURES:
        objects += [after, after[:1]]
    # Last, the verb with its particle as pypinyin reads it (和了 hú le), unless a complement follows the particle
    # (落/了/下来 is not pypinyin's 落了 là le).
    if particle and following not in _COMPLEMENTS:
        objects.append(particle)
    for word in objects:
        if not word or not all(is_han(char) for char in word) or len(word) > 3 or word in _NOT_OBJECTS:
            continue
        if all(char in COUNTERS for char in word):
            continue  # a numeral is no object (差五分钟 is not 隔三差五's 差五)
        if word in _BEFORE_VERB:
            continue  # a modal is no object (都/会/跑走 is not 都会 dūhuì 'metropolis')
        if context.word in MODAL_VERBS and _starts(context.tag(word), "v"):
            continue  # a modal before a verb has no object (要/晕 is not 要晕 yāoyūn)
        reading = context.phrase(context.word + word)
        if reading is not None and reading[0] in context.candidates:
            return Prefer(reading[0], strong=True, firm=True)
    return None


#: Kinds of things that choose a reading (linguistic facts, grouped by meaning; a word matches by its ending too:
#: 小辫子 is a 辫子, 书包 a 包).
_TEXTS = frozenset({"诗", "课文", "文章", "单词", "生词", "台词", "公式", "口诀", "歌词", "讲稿", "稿子", "答案"})
_TEXTS = _TEXTS | {"句子", "乘法表", "绕口令", "成语", "词语", "条文", "电话号码"}
_LOADS = frozenset({"包", "孩子", "米", "袋", "柴", "行李", "筐", "篓", "箱子", "老人", "伤员", "病人", "枪", "桶"})
_LOADS = _LOADS | {"娃娃", "宝宝", "面粉", "粮食", "书包", "背篓", "麻袋", "口袋"}
#: What one looks after (看孩子 ``kan1`` 'mind the children'; 看电影 is ``kan4``).
_MINDED = frozenset({"孩子", "小孩", "小孩子", "门", "家", "行李", "摊", "摊子", "店", "铺子", "仓库", "犯人", "羊"})
_MINDED = _MINDED | {"牛", "鸡", "鸭", "庄稼", "果园", "菜园", "场子", "病人"}
_FRUITS = frozenset({"果", "果子", "果实", "籽", "种子", "瓜", "葡萄", "苹果", "桃", "枣", "穗", "豆荚", "桃子"})
_TIED = frozenset({"辫子", "辫", "头发", "马尾", "马尾辫", "腰带", "带子", "绳子", "鞋带", "花环", "红绸", "口袋"})
_TIED = _TIED | {"袋子", "袋口", "绷带", "伤口", "裤腿", "头巾"}
#: What happens once, counted by 场 ``chang2`` (一场雨, 一场大病); shows and games are ``chang3`` (一场电影).
_HAPPENINGS = frozenset({"雨", "雪", "风", "病", "灾", "灾难", "冰雹", "霜", "洪水", "误会", "虚惊", "风波", "风暴"})
#: What disperses, 散 ``san4`` (会议散了, 云散了), and what comes loose, ``san3`` (装订散了, 头发散着).
_GATHERINGS = frozenset({"会", "会议", "人群", "大家", "人", "云", "雾", "烟", "戏", "队伍", "宴会", "晚会", "聚会"})
_LOOSE = frozenset({"装订", "书", "绳子", "头发", "辫子", "鞋带", "包", "架子", "行李", "捆", "线"})
#: Dry things, 干 ``gan1`` (干垃圾, 干毛巾, 干柴); 干活, 干家务 are ``gan4``.
_DRY = frozenset({"垃圾", "垃圾桶", "毛巾", "抹布", "柴", "柴火", "草", "稻草", "树叶", "电池", "冰", "粮", "辣椒"})
_DRY = _DRY | {"海带", "香菇", "木耳", "果子", "馒头", "面包", "沙子", "泥巴"}
#: Per character: (reading, the things that choose it, whether the thing must end its clause). 看 ``kan1`` needs
#: the thing at the end (看孩子。 but 看孩子们踢球 is ``kan4``).
THING_READINGS: dict[str, tuple[tuple[str, frozenset[str], bool], ...]] = {
    "背": (("bei4", _TEXTS, False), ("bei1", _LOADS, False)),
    "看": (("kan1", _MINDED, True),),
    "结": (("jie1", _FRUITS, False),),
    "扎": (("za1", _TIED, False),),
    "场": (("chang2", _HAPPENINGS, False),),
    "散": (("san4", _GATHERINGS, False), ("san3", _LOOSE, False)),
    "干": (("gan1", _DRY, False),),
}
#: Words that may stand between a verb and its object (着, 了, complements, 一会儿, 点儿, 的 of 结的果子).
_BETWEEN = frozenset(
    {"着", "了", "过", "的", "一下", "一会", "一会儿", "点儿", "一点", "一点儿", "上", "起", "出", "下"}
)
#: Endings of a verb's token that leave it a verb (背着, 扎起来, 背出).
_VERB_ENDINGS = frozenset({"着", "了", "过", "起来", "出", "出来", "下来", "完", "熟", "会", "好", "上", "成", "紧"})
#: Particles that may close a clause after the thing (看孩子吧).
_CLOSING = frozenset({"了", "吧", "呢", "吗", "啊", "呀", "去", "来"})


def kind_of_thing(context: Context) -> str | None:
    """A verb or measure word read by the kind of thing it takes (:data:`THING_READINGS`): 背诗 ``bei4``
    'recite' and 背着一袋米 ``bei1`` 'carry on the back', 看孩子 ``kan1`` 'mind', 结果子 ``jie1`` 'bear fruit',
    扎辫子 ``za1`` 'tie', 一场雨 ``chang2``. The thing is looked for after the character within its clause (past
    着/了, a measure phrase, an adjective), or before it when the verb ends its clause (这首诗你会背吗,
    把头发扎起来)."""
    word, char = context.word, context.char
    table = THING_READINGS.get(word[char])
    if table is None or context.inner:
        return None
    if word[char] == "场":
        measure = (char == 1 and word[0] in COUNTERS) or (context.alone and context.previous()[-1:] in COUNTERS)
        if not measure:
            return None
        following = context.next()
        # 大病了一场, 哭了一场: the whole happening, at the end of the clause.
        before = context.previous(1 if char == 1 else 2)
        if (not following or not is_han(following[0])) and before == "了" and "chang2" in context.candidates:
            return "chang2"
        for reading, things, _ in table:
            if following and any(following.startswith(t) or following.endswith(t) for t in things):
                return reading if reading in context.candidates else None
        return None
    if char != 0 or not (context.alone or word[1:] in _VERB_ENDINGS):
        return None
    if context.next() == word[0] or (context.next() == "了" and context.next(2) == word[0]):
        return None  # 看了看, 看看: a glance
    if word[char] == "干":
        # 'dry' right before the thing (干垃圾桶); with anything between, 干 is the verb (干了一天的活).
        return table[0][0] if context.alone and _matches(context.next(), table[0][1]) else None
    found = _thing_after(context, table)
    if found is None and _ends_clause(context):
        found = _thing_before(context, table)
    return found if found in context.candidates else None


def _matches(word: str, things: frozenset[str]) -> bool:
    return any(word == thing or (word.endswith(thing) and len(word) <= len(thing) + 2) for thing in things)


def _thing_after(context: Context, table: tuple[tuple[str, frozenset[str], bool], ...]) -> str | None:
    """The reading chosen by the first thing after the character, within four words of its clause."""
    for distance in range(1, 6):
        word = context.next(distance)
        if not word or not is_han(word[0]):
            return None
        for reading, things, at_end in table:
            if _matches(word, things):
                after = context.next(distance + 1)
                if after == "的":
                    return None  # 看孩子的作业: the thing is not the object
                if at_end and after and is_han(after[0]) and after not in _CLOSING:
                    return None
                return reading
        if word in _BETWEEN or word[:1] in COUNTERS or _starts(context.tag(word), "a", "m", "q", "b"):
            continue
        if context.next(distance - 1)[-1:] in COUNTERS:
            continue  # the measure word after a numeral (一/捆/柴)
        if distance > 1 and _starts(context.tag(word), "v", "p"):
            return None
    return None


def _ends_clause(context: Context) -> bool:
    """True if nothing but particles, complements or a result (扎紧) follows the character's word in its clause."""
    following = context.next()
    if following in _RESULTS:
        following = context.next(2)
    return not following or not is_han(following[0]) or following in _CLOSING or following in _COMPLEMENTS


def _thing_before(context: Context, table: tuple[tuple[str, frozenset[str], bool], ...]) -> str | None:
    """The reading chosen by the nearest thing earlier in the clause (what 把 handles, or the topic)."""
    for word in _clause(context, -1):
        for reading, things, at_end in table:
            if not at_end and _matches(word, things):
                return reading
    return None


#: Words before 空 ``kong4`` 'free time' (没有空, 有空吗).
_HAVING = frozenset({"有", "没有", "没", "有没有", "没什么", "抽", "得"})
#: Words after which 干 is the verb ``gan4`` 'do it' when it ends its clause (大家一起干吧, 我们接着干).
_DOING = frozenset({"一起", "一块儿", "一块", "接着", "继续", "好好", "拼命", "使劲", "加油", "要", "想", "肯", "愿意"})
_DOING = _DOING | {"敢", "咱们", "我们", "大家", "来", "去", "跟着", "马上", "赶紧", "重新", "自己"}


#: Readings a character takes when it ends its clause after certain words: 空 ``kong4`` 'free time' after 有/没有
#: (我这周没有空, 你有空吗), 干 ``gan4`` 'do it' after 一起/接着/要… (大家一起干吧; 快干了 stays open). Per
#: character: the words before it, the words that may still follow it, the reading.
CLAUSE_FINAL_READINGS: dict[str, tuple[frozenset[str], tuple[str, ...], str]] = {
    "空": (_HAVING, ("了", "的话"), "kong4"),
    "干": (_DOING, ("了", "下去"), "gan4"),
}


def clause_final_reading(context: Context) -> str | None:
    """A character ending its clause after the words of :data:`CLAUSE_FINAL_READINGS` (没有空, 一起干吧)."""
    frame = CLAUSE_FINAL_READINGS.get(context.word) if context.alone else None
    if frame is None or context.previous() not in frame[0]:
        return None
    following = context.next()
    if not following or not is_han(following[0]) or following in MODAL_PARTICLES or following in frame[1]:
        return frame[2]
    return None


def treating_dang(context: Context) -> str | None:
    """当 ``dang4`` in its frames: 'treat as' (一个人当两个人用, 把他当朋友看), 'be fooled' (上了他的当), and
    'pawn' (拿去当了, 当了五百块钱); 当天, 当作 are words of their own. 当…的时候 is ``dang1`` 'when'."""
    if not (context.alone and context.word == "当"):
        return None
    after = _clause(context, 1)
    before = _clause(context, -1)  # nearest first
    if any(word in ("时", "时候", "的时候", "之时", "时刻") for word in after):
        return "dang1"  # 当他低下头的时候: 'when'
    if after and (after[-1] in ("用", "看", "待") or (len(after[-1]) == 2 and after[-1][-1] == "用")):
        return "dang4"
    if not after and context.previous() == "的" and any(word.startswith("上") for word in before):
        return "dang4"
    if after[:1] == ["了"]:
        rest = "".join(after[1:])
        if not rest and before and before[0] in ("拿去", "去", "送去"):
            return "dang4"
        if rest[:1] in COUNTERS and any(unit in rest for unit in ("块", "元", "钱", "两银子")):
            return "dang4"
    return None


def fooled_meng(context: Context) -> str | None:
    """蒙 done to a person is ``meng1`` 'fool, baffle' (我被他蒙了, 这个问题把我蒙住了, 别蒙我); done to a thing it
    is ``meng2`` 'cover' (把眼睛蒙上), which the model reads."""
    if context.word[context.char] != "蒙" or context.char != 0 or "meng1" not in context.candidates:
        return None
    if not (context.alone or context.word[1:] in _VERB_ENDINGS or context.word[1:] == "住"):
        return None
    previous, before = context.previous(), context.previous(2)
    if before in _DISPOSAL and previous in _PERSONS:
        return "meng1"
    if context.next() in _PERSONS and context.next(2) != "的":
        return "meng1"
    if context.next() in ("对", "错", "对了", "错了"):
        return "meng1"  # 蒙对的: a guess
    ends = not context.next(2) or not is_han(context.next(2)[0])
    dazed = context.previous() in _SUDDENLY or any(word in _PERSONS for word in _clause(context, -1))
    if context.next() == "了" and ends and dazed:
        return "meng1"  # 他整个人都蒙了, 教练一下蒙了: dazed
    return None


#: Adverbs of how suddenly someone is dazed (一下蒙了, 当场蒙了).
_SUDDENLY = frozenset({"一下", "一下子", "顿时", "当场", "瞬间", "立刻", "当时", "彻底", "完全"})


#: Feelings after 好 ``hao3`` 'so, very' (我好怕, 好想家, 好担心): not habits.
_FEELINGS = frozenset("怕想爱恨疼痛急气闷困烦馋悔喜怪盼愁慌羡希担讨舍")


def fond_of_hao(context: Context) -> str | None:
    """好 ``hao4`` 'be given to' before what someone habitually does: 他好喝酒, 这孩子好哭, 他好吃零食 (好吃 with
    an object is not 'tasty'). 好 before a feeling (好怕, 好担心) is ``hao3`` 'so'."""
    if context.word[context.char] != "好" or context.char != 0 or "hao4" not in context.candidates:
        return None
    following = context.next()
    if len(context.word) == 2:
        # 好吃/零食, 好玩/游戏: the 'tasty, fun' word cannot take an object, so 好 is 'be fond of'.
        verb = context.word[1]
        if verb not in _FEELINGS and _starts(context.tag(verb), "v") and _starts(context.tag(following), "n"):
            return "hao4"
        return None
    previous = context.previous()
    if previous in ("什么", "啥", "啥子", "没什么"):
        return "hao3"  # 有什么好拍的: 'worth doing', not 'be given to'
    subject = previous in _PERSONS or _starts(context.tag(previous), "r", "n")
    if not subject or not following or following[0] in _FEELINGS or not _starts(context.tag(following), "v"):
        return None
    after = context.next(2)
    at_end = not after or not is_han(after[0]) or after in ("了", "的")
    habit = len(following) == 1 or (len(following) == 2 and following[1] not in "心气")
    return "hao4" if at_end and habit else None


def verb_frame(context: Context) -> str | None:
    """A verb with two verb readings, read by what follows it (:data:`VERB_FRAMES`): an object (倒一杯水 ``dao4``,
    削苹果 ``xiao1``), a duration or a count (待了三天 ``dai1``, 吐了好几次 ``tu4``), 在 and a place (倒在床上
    ``dao3``, 卡在喉咙里 ``qia3``), a complement (塞进 ``sai1``), 着, or nothing (摔倒了 ``dao3``); or by 把 and
    the thing before it (把钥匙落在家里 ``la4``)."""
    frames = VERB_FRAMES.get(context.word)
    if not context.alone or context.inner or frames is None:
        return None
    frame = "disposal" if "disposal" in frames and _after_disposal(context) else _frame(context)
    if frame == "person" and frame not in frames:
        frame = "object"  # a person is an object unless the verb treats people apart (冲我笑 ``chong4``)
    if frame == "object" and context.piece:
        return None  # 递铺/街道: the end of a name, not a verb and its object
    reading = frames.get(frame) if frame else None
    return reading if reading in context.candidates else None


def _frame(context: Context) -> str | None:
    """Which frame the verb stands in (see :data:`VERB_FRAMES`), ``None`` if none is clear."""
    previous, before = context.previous(), context.previous(2)
    following, after = context.next(), context.next(2)
    if following == "着":
        return "person" if context.next(2) in _PERSONS and "zhe" not in VERB_FRAMES.get(context.word, {}) else "zhe"
    if following == "得":
        return "de"
    aspect = following in ("了", "过")
    skip = 2 if aspect else 1
    if aspect:
        following, after = after, context.next(3)
    if not following or not is_han(following[0]):
        return "end"
    if following in ("在", "到", "于") and after[:1] and is_han(after[0]):
        return "place"
    quantity = _quantity(_text_after(context, skip))
    if quantity is not None:
        return quantity
    if following in _COMPLEMENTS or following in _RESULTS:
        return "result"
    if len(following) == 2 and following[0] in "不得" and following[1] in _RESULTS:
        return "result"  # a potential complement: 长不好, 长得高
    if not aspect and len(following) == 1 and _starts(context.tag(following), "v"):
        return "verb"  # 重说一遍: an adverb before a one-character verb
    # An object, unless a noun stands right before the character with nothing to govern it: then the character
    # is more likely part of a name for a thing (农学系副教授, not 'tie').
    subject_ok = not _starts(context.tag(previous), "n") or _starts(context.tag(before), "p", "v") or aspect
    # A person right after the verb, with someone before it (我当你是朋友; not 当我回家的时候 'when').
    if subject_ok and following in _PERSONS and previous and is_han(previous[0]):
        return "person"
    if subject_ok and _starts(context.tag(following), "n", "r"):
        return "object"
    # After 了 or 过, a noun phrase that ends the clause is the object (尽了最大的努力, 倒了满满一杯茶).
    clause = _clause(context, 1)[skip - 1 :] if aspect else []
    if "的" in clause[:-1] and clause[-1] not in _NOT_OBJECTS and not _starts(context.tag(clause[-1]), "v", "u", "y"):
        return "object"
    return None


def _after_disposal(context: Context) -> bool:
    """True if 把 and the thing handled come right before the character (把作业本落在…, 把杯子里的水倒了)."""
    for distance in range(2, 7):
        if context.previous(distance) in ("把", "将"):  # 将 is the written 把 (将汽油倒在衣服上)
            between = [context.previous(d) for d in range(1, distance)]
            return all(word and is_han(word[0]) and not _starts(context.tag(word), "v", "p", "d") for word in between)
    return False


def _text_after(context: Context, skip: int) -> str:
    """The Han text from ``skip`` tokens after the character to the end of the clause (at most 8 characters)."""
    text = ""
    index = context.token + skip
    while index < len(context.tokens) and len(text) < 8:
        word = context.tokens[index]
        if not word or not is_han(word[0]):
            break
        text += word
        index += 1
    return text


def _quantity(text: str) -> str | None:
    """``duration`` (三天, 一个月, 半天), ``count`` (好几次, 一圈, 一地) or ``object`` (一杯水, 一个梨) for a
    numeral phrase at the start of ``text``; ``None`` otherwise."""
    if any(text.startswith(word) for word in _DURATIONS):
        return "duration"
    rest = text[1:] if text[:1] == "好" and text[1:2] == "几" else text
    count = 0
    while count < len(rest) and rest[count] in COUNTERS:
        count += 1
    if count == 0 or count >= len(rest) or (rest[:count] == "一" and rest[count] in "起般直定样切共些点边"):
        return None
    general = rest[count] == "个" and count + 1 < len(rest)
    if general:
        count += 1  # 一个月 is a duration, 一个梨 an object: what follows 个 is the unit or the thing itself
    unit = rest[count]
    if unit in _TIME_UNITS or rest[count : count + 2] in ("小时", "分钟", "星期", "礼拜"):
        return "duration"
    if unit in _ACTION_COUNTS or rest[count : count + 1] in _SPREADS:
        return "count"
    return "object" if general or len(rest) > count + 1 else None


#: Verbs after which speech drops the 一 of a measure phrase (有只狗, 养了只猫, 买了个包).
_HAVING = frozenset({"有", "有了", "养", "养了", "买了", "来了", "捡了", "抱着"})


def measure_word(context: Context) -> str | None:
    """After a numeral, an ordinal or a demonstrative, the reading that is a measure word (一只 ``zhi1``, 这种
    ``zhong3``, 各种 ``zhong3``, 第二行 ``hang2``)."""
    if not context.alone or _starts(context.tag(context.word), "c", "p"):
        return None  # a conjunction or preposition after a numeral joins it to the next (三和八, 李某和吴某)
    previous = context.previous()
    # 有只狗, 养了只猫: speech drops the 一 after a verb of having, before what is counted.
    counted = _starts(context.tag(context.next()), "n", "m", "a")
    dropped_one = context.word in ("只", "个") and previous in _HAVING and counted
    if not dropped_one and (not previous or previous[-1] not in COUNTERS):
        return None
    extra = EXTRA_MEASURES.get(context.word)
    if extra is not None and extra in context.candidates:
        return extra
    return _only_kind(context, lambda kinds: "m" in kinds)


def after_degree_adverb(context: Context) -> str | None:
    """After 很/太/非常…, the adjective reading (很长 ``chang2`` "long", 太重 ``zhong4`` "heavy"); the usual
    reading if several are adjectives (很少 ``shao3``)."""
    if not context.alone or (context.previous() not in _DEGREE and context.next() not in _DEGREE_AFTER):
        return None
    extra = EXTRA_ADJECTIVES.get(context.word)
    if extra is not None and extra in context.candidates:
        return extra
    adjectives = _matching(context, lambda kinds: "a" in kinds)
    if len(adjectives) == 1 or (adjectives and adjectives[0] == context.candidates[0]):
        return adjectives[0]
    return None


def attribute_before_noun(context: Context) -> str | None:
    """Between 着, 了 or 的 and a noun, a character is the noun's attribute: its only adjective reading (留着长头发
    ``chang2``, 晒了干辣椒 ``gan1``), not a verb's (长 ``zhang3`` 'grow')."""
    if not context.alone or context.previous() not in ("着", "了", "的"):
        return None
    if not _starts(context.tag(context.next()), "n"):
        return None
    adjectives = _matching(context, lambda kinds: "a" in kinds)
    return adjectives[0] if len(adjectives) == 1 else None


def verb_slot(context: Context) -> Found:
    """Where a verb goes, the verb readings of the character (盛一碗 ``cheng2``, 种小麦 ``zhong4``, 藏在 ``cang2``).

    A verb goes before an aspect particle (了, 着, 过), a complement (藏起来, 塞进, 待在), 一下/一碗…, a person or
    a noun it takes as object, and after a modal, 请, 别 or 把/被 and the thing handled. Prepositions,
    conjunctions and adverbs (为你, 给你, 将在) are left alone. When the usual reading is not a verb, the reading
    whose first sense is a verb wins, else the only one with a verb sense; otherwise the readings that are verbs
    are left for the model to choose from (待 ``dai1``/``dai4``).
    """
    if not context.alone or context.inner or _starts(context.tag(context.word), "p", "c", "d"):
        return None
    if context.word in _NEGATIONS:
        return None  # 没/到 is 'not yet arrived', not 没 mò 'sink' before a complement
    previous = context.previous()
    if context.word in _RESULTS and len(previous) == 1 and _starts(context.tag(previous), "v"):
        return None  # a result after its verb (写好了, 修好): not a verb of its own
    if context.word in _RESULTS and context.next() == "了":
        return None  # a result or a state that ends (就好了, 坏了): not a verb's other reading
    place = _verb_place(context)
    if place is None:
        return None
    usual = _usual_kinds(context)
    if place == _STRONG and "V" not in usual and not (context.word in MODAL_VERBS and "v" in usual):
        for wanted in (lambda kinds: "V" in kinds, lambda kinds: "v" in kinds):
            matching = _matching(context, wanted)
            if len(matching) == 1:
                return Prefer(matching[0], strong=True, firm=_firm_verb_place(context))
    # Before 得 an adjective fits as well as a verb (长得快, 累得说不出话).
    letters = "va" if place == "得" else "v"
    verbs = _matching(context, lambda kinds: any(letter in kinds for letter in letters))
    if len(verbs) == 1 and len(context.candidates) > 1:
        return Prefer(verbs[0])
    return tuple(verbs) if verbs and len(verbs) < len(context.candidates) else None


def _firm_verb_place(context: Context) -> bool:
    """True if the verb's place is shown clearly enough to change a frequent character's usual reading: an aspect
    particle or 一下 after it (量一下, 应了一声); a complement, a person or a modal before it (背起来, 教我们,
    要空一行) for a character that is no modal or locative (not 要我, 要到银行, 黄昏中我们)."""
    following = context.next()
    if following in ("了", "着", "过", "一下"):
        return True
    if context.word in MODAL_VERBS or _starts(context.tag(context.word), "f"):
        return False
    return following in _COMPLEMENTS or following in _PERSONS or context.previous() in _BEFORE_VERB


def _verb_place(context: Context) -> str | None:
    """What shows a verb's place here (the word after or before it), or ``None``."""
    following, after = context.next(), context.next(2)
    previous, before = context.previous(), context.previous(2)
    more = bool(following) and is_han(following[0])
    if following in ("了", "着", "过", "一下") or following in _COMPLEMENTS or following in _PERSONS:
        return _STRONG if following not in _WEAK_COMPLEMENTS else following
    if following == "得":
        return following
    if following in _PLACE_COMPLEMENTS and after[:1] and is_han(after[0]):
        return following
    # 一碗, 一下, 一杯 (not 一般, 一起, 一直: adverbs and adjectives).
    measure = following[:1] == "一" and (len(following) >= 2 or is_han(after[:1] or "a"))
    if measure and not _starts(context.tag(following), "a", "d", "c", "p", "v", "i", "l"):
        return _STRONG
    if more and previous in _BEFORE_VERB:
        return _STRONG
    if more and previous in _NEGATIONS:
        return previous
    # 把/被 and the thing or person handled: 把手机落在…, 被他蒙了.
    if before in _DISPOSAL and _starts(context.tag(previous), "n", "r"):
        return before
    return None


def _usual_kinds(context: Context) -> str:
    """What the usual (first) candidate reading is (``v``/``V``/``m`` letters)."""
    readings = context.facts.common_readings(context.word)
    kinds = context.facts.reading_kinds(context.word)
    for reading, kind in zip(readings, kinds, strict=False):
        if reading[0] == context.candidates[0]:
            return kind
    return ""


def adverb_before_verb(context: Context) -> str | None:
    """An adverb or a modal verb on its own before a verb phrase keeps its usual reading (都 ``dou1`` 'all', 更
    ``geng4``, 将 ``jiang1``, 没 ``mei2``, 应 ``ying1``, 要 ``yao4``): its other readings belong to words (首都, 更新,
    将军, 淹没) or to other frames (应了一声, 要我)."""
    modal = context.word in MODAL_VERBS and context.word != "得"  # 得 is structural_de's
    if not context.alone or not (_starts(context.tag(context.word), "d") or context.word == "没" or modal):
        return None
    following = context.next()
    if following and is_han(following[0]) and _verb_phrase_starts(context, following):
        return _usual(context)
    return None


def _usual(context: Context) -> str:
    """The character's usual reading on its own (pypinyin's first) if it is a candidate, else the first candidate.

    Cut out of a token the dictionary lacks (更让人), a character's candidates come in their order inside words
    (更新 gēng first), which is not how it reads as a word of its own (更 gèng)."""
    usual = pypinyin_readings(context.word)[:1] if context.inner or context.piece else ()
    return usual[0][0] if usual and usual[0][0] in context.candidates else context.candidates[0]


def function_word(context: Context) -> str | None:
    """A conjunction, a locative or a pronoun on its own keeps its usual reading (和 ``he2``, 中 ``zhong1``, 咋
    ``za3``): its other readings belong to words (和面, 暖和, 中奖) or to a verb use the rules above catch (中了大奖).

    (Prepositions and particles are left to the model: on the CPP dev split this rule costs accuracy for them.)"""
    if context.alone and (_starts(context.tag(context.word), "c", "f") or context.word in _PRONOUNS):
        return _usual(context)
    return None


#: Pronouns of one character with several readings (咋 ``za3`` 'how'; 什 is left out: alone it is 什锦's shí).
_PRONOUNS = frozenset("咋那哪这谁啥咱")


def _matching(context: Context, wanted: Callable[[str], bool]) -> list[str]:
    """The candidates (in their usual order) whose kinds satisfy ``wanted``."""
    readings = context.facts.common_readings(context.word)
    kinds = context.facts.reading_kinds(context.word)
    return [r[0] for r, k in zip(readings, kinds, strict=False) if wanted(k) and r[0] in context.candidates]


def _only_kind(context: Context, wanted: Callable[[str], bool]) -> str | None:
    """The single candidate whose kinds satisfy ``wanted``; ``None`` if none or several do."""
    matching = _matching(context, wanted)
    return matching[0] if len(matching) == 1 else None


DEFAULT_RULES: tuple[Rule, ...] = (
    erhua,
    particle_de,
    adverbial_di,
    structural_de,
    complement_zhao,
    complement_liao,
    aspect_guo,
    preposition_wei,
    modal_particle,
    particle_in_name,
    returning_huan,
    doing_gan,
    result_complement,
    negation_mei,
    sleep_jiao,
    faint_yun,
    capital_du,
    strength_jin,
    rate_lv,
    joy_le,
    modal_ying,
    copula_xi,
    towards_chong,
    surname_context,
    after_degree_adverb,
    attribute_before_noun,
    kind_of_thing,
    clause_final_reading,
    treating_dang,
    fooled_meng,
    fond_of_hao,
    collocation,
    measure_word,
    verb_frame,
    verb_slot,
    adverb_before_verb,
    function_word,
    word_alone,
)
