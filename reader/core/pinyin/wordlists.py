"""Character lists the pinyin engine, its context rules and the tone display options share, each written once.

Kept apart from the rules so that :mod:`~reader.core.pinyin.styles` (tone sandhi, citation tones) can use them
without importing the engine.
"""

from __future__ import annotations

#: Chinese cardinal numerals that count things (一本, 两个, 三千).
CARDINALS = frozenset("一二两三四五六七八九十百千万")
#: Quantifiers and demonstratives that, like a numeral, come before a measure word (几个, 这种, 每次).
QUANTIFIERS = frozenset("几半这那哪每某整各")
#: Characters that start a measure phrase: a character after them is read as a measure word (一只, 这种).
COUNTER_CHARS = CARDINALS | QUANTIFIERS
#: :data:`COUNTER_CHARS` plus written digits, ASCII and full-width (3只, ３行).
COUNTERS = COUNTER_CHARS | frozenset("0123456789０１２３４５６７８９")
#: Characters of numbers and ordinals, in which 一 keeps its first tone (第一, 十一, 一九九〇, 一亿).
SANDHI_NUMERALS = CARDINALS | frozenset("〇零亿第")

#: Modal particles, neutral at the end of a clause.
MODAL_PARTICLES = frozenset("吗吧呢啊呀哇哪嘛啦哦喔咯啰喽呗")
#: Particles and suffixes whose neutral tone is grammatical: they keep it in citation tones (的, 了, 着, 桌子,
#: 什么, 我们, 吗…). Every other neutral tone is a full-tone syllable said lightly (知识 zhīshi, 衣服 yīfu).
GRAMMATICAL_NEUTRAL = frozenset("的了着得地么们子") | MODAL_PARTICLES | frozenset("哟儿麼們嗎麽")

#: Modal verbs: their other readings are verbs too (要 yāo, 会 kuài, 应 yìng), but before a verb they are modals.
MODAL_VERBS = frozenset("要会能想应该得可敢肯愿需")
#: Modal verbs and adverbs that go before a verb (they take a verb, not the aspect particle 着: 别着凉, 要着重).
BEFORE_VERB = MODAL_VERBS | frozenset("别不没也都就还又再才先快")

#: How a character is read in a given name, where custom fixes one reading whatever its readings inside words:
#: 燕 'swallow' yàn (江一燕, not the state 燕 Yān), 冠 'crown, first' guàn (陈冠希), 少 'young' shào (蔡少芬),
#: 长 'long' cháng (钱伟长), 乐 'joy' lè, 华 huá (the surname alone is Huà), 强 qiáng. Characters whose given-name
#: reading is split (柏 bǎi/bó in 张柏芝, 荫 yīn/yìn) are left to the model.
GIVEN_NAME_READINGS = {
    "燕": "yan4",
    "冠": "guan4",
    "少": "shao4",
    "长": "chang2",
    "乐": "le4",
    "华": "hua2",
    "强": "qiang2",
}
#: …and inside a run no dictionary knows, where names and loanwords keep it too (思乐, 安赛乐米塔尔, 可口可乐 lè):
#: only characters whose given-name reading also holds there (少 and 长 do not: 少见, 长胖).
UNKNOWN_RUN_READINGS = {"乐": "le4"}
