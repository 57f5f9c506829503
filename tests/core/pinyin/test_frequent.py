"""The most frequent polyphonic characters read as a learner hears them in everyday speech (issue 14).

One row per sentence (written for this test), the character marked 【】, its reading in tone numbers. Both readings
of each pair are held: the everyday one (还 hái, 没 méi, 和 hé) must not give way to a literary one, and the
other one must still be found where the context calls for it (还书 huán, 淹没 mò, 和面 huó).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.core

ROWS = [
    # 还 hái / huán
    ("他现在【还】觉得头晕", "hai2"),  # adverb before a verb
    ("我们【还】没到家", "hai2"),  # adverb before a negation
    ("她【还】专门买了一本书", "hai2"),  # before an adverb jieba tags otherwise
    ("比去年【还】便宜", "hai2"),  # comparison
    ("明天我去图书馆【还】书", "huan2"),  # give back a book
    ("借了钱要按时【还】", "huan2"),  # give back, end of the clause
    ("你什么时候【还】我", "huan2"),  # give back to a person
    # 没 méi / mò
    ("因为他【没】到退休年龄", "mei2"),  # 没/到, not 没到 mòdào
    ("我今天【没】吃早饭", "mei2"),  # negation before a verb
    ("房子被洪水淹【没】了", "mo4"),  # 淹没 'submerge'
    # 和 hé / huò / hè / huó / hú
    ("这【和】工作压力大有关系", "he2"),  # conjunction before a noun phrase
    ("我【和】你一起去", "he2"),  # conjunction between pronouns
    ("他买了三【和】八两个号码", "he2"),  # conjunction after a numeral, not a measure word
    ("她在厨房里【和】面", "huo2"),  # knead dough
    ("遇到矛盾他总是【和】稀泥", "huo4"),  # 和稀泥 'smooth things over'
    ("他们俩一唱一【和】", "he4"),  # join in singing
    ("我打麻将【和】了", "hu2"),  # win at mahjong
    # 得 de / dé / děi
    ("他的心麻木【得】停止了跳动", "de5"),  # complement of degree after an adjective
    ("她跑【得】很快", "de5"),  # complement after a verb
    ("他考试【得】了第一名", "de2"),  # obtain
    ("时间不早了，我【得】走了", "dei3"),  # must
    ("明天我们还【得】早点起床", "dei3"),  # must, after 还
    # 地 de / dì
    ("他慢慢【地】走回家", "de5"),  # adverbial particle
    ("书掉在【地】上", "di4"),  # the ground
    ("小猫软软【地】趴在沙发上", "de5"),  # after a reduplication the engine cuts into characters
    # 都 dōu / dū
    ("我们【都】会来的", "dou1"),  # all, before a modal (not 都会 dūhuì)
    ("北京是中国的首【都】", "du1"),  # capital
    # 长 cháng / zhǎng
    ("玫瑰总是【长】不好", "zhang3"),  # grow, before a potential complement
    ("孩子【长】高了", "zhang3"),  # grow taller
    ("这条河很【长】", "chang2"),  # long
    ("山东省【长】昨天来到了青岛", "zhang3"),  # 山东省/长 is 山东/省长, the head of a province
    ("他留着【长】头发", "chang2"),  # long hair
    # 当 dāng / dàng
    ("可【当】他低下头的时候", "dang1"),  # when
    ("【当】天下午就下雨了", "dang4"),  # that same day
    ("我把他【当】朋友看", "dang4"),  # treat as
    ("他想【当】老师", "dang1"),  # become, work as
    # 为 wéi / wèi
    ("他被选【为】班长", "wei2"),  # be chosen as
    ("我们都【为】你高兴", "wei4"),  # for
    ("【为】避免堵车，他早早出门", "wei4"),  # in order to
    ("图中【为】一只大熊猫", "wei2"),  # is (a caption)
    ("图【为】新修好的大桥", "wei2"),  # the caption formula 图为
    ("大家都称他【为】活雷锋", "wei2"),  # call someone something
    # 应 yīng / yìng
    ("你【应】早点休息", "ying1"),  # should
    ("我叫他，他没【应】", "ying4"),  # answer
    # 要 yào / yāo
    ("他每天都【要】到公园散步", "yao4"),  # has to, before a verb of motion
    ("妈妈【要】我早点回家", "yao4"),  # wants me to
    ("公司【要】求大家准时上班", "yao1"),  # 要求 demand
    # 着 zhe / zháo / zhuó
    ("她抱【着】书本走了", "zhe5"),  # aspect particle
    ("我找不【着】钥匙", "zhao2"),  # potential complement
    ("他穿【着】很讲究", "zhuo2"),  # attire
    # 了 le / liǎo
    ("我吃【了】饭", "le5"),  # aspect particle
    ("这件事我办不【了】", "liao3"),  # potential complement
    # 行 xíng / háng
    ("这样做【行】不行", "xing2"),  # all right
    ("他在银【行】工作", "hang2"),  # bank
    # 重 zhòng / chóng
    ("这个箱子很【重】", "zhong4"),  # heavy
    ("请你【重】说一遍", "chong2"),  # again
    # 只 zhǐ / zhī
    ("我【只】想睡觉", "zhi3"),  # only
    ("桌上有一【只】猫", "zhi1"),  # measure word
    # 种 zhǒng / zhòng
    ("这【种】水果很甜", "zhong3"),  # kind
    ("爷爷在院子里【种】菜", "zhong4"),  # plant
    # 教 jiāo / jiào
    ("她【教】我们唱歌", "jiao1"),  # teach someone
    ("他在大学里当【教】授", "jiao4"),  # 教授
    # 好 hǎo / hào
    ("出去走一圈就【好】了", "hao3"),  # better again
    ("这孩子【好】哭", "hao4"),  # be given to
    # 发 fā / fà
    ("我给你【发】短信", "fa1"),  # send
    ("他去理【发】店剪头发", "fa4"),  # hair
    # 数 shù / shǔ
    ("这个【数】字很大", "shu4"),  # number
    ("你【数】一下有几个人", "shu3"),  # count
    # 少 shǎo / shào
    ("今天来的人很【少】", "shao3"),  # few
    ("他是一个【少】年", "shao4"),  # youth
    # 空 kōng / kòng
    ("瓶子是【空】的", "kong1"),  # empty
    ("你明天有【空】吗", "kong4"),  # free time
    # 干 gān / gàn
    ("这是【干】垃圾", "gan1"),  # dry waste (在/干/垃圾桶 cut apart)
    ("把纸放在【干】垃圾桶里", "gan1"),  # dry waste bin
    ("你在【干】什么", "gan4"),  # do
    ("衣服已经【干】了", "gan1"),  # dry
    # 壳 ké / qiào
    ("鸡蛋【壳】掉在地上", "ke2"),  # eggshell
    ("地【壳】运动", "qiao4"),  # the earth's crust
    # 差 chà / chā / chāi
    ("他的成绩很【差】", "cha4"),  # poor
    ("两个数的【差】是五", "cha1"),  # difference
    ("他去北京出【差】了", "chai1"),  # business trip
]


@pytest.mark.parametrize(("marked", "reading"), ROWS, ids=[row[0] for row in ROWS])
def test_frequent_character_reads_as_spoken(services, marked: str, reading: str) -> None:
    index = marked.index("【")
    text = marked.replace("【", "").replace("】", "")
    tokens = services.segmenter.cut(text)
    syllables: list[str | None] = []
    for token, found in zip(tokens, services.pinyin.annotate(tokens), strict=True):
        syllables.extend(found if found is not None else [None] * len(token))
    assert syllables[index] == reading, "/".join(tokens)
