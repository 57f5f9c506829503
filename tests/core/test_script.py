"""Script detection and conversion (reader.core.script), and traditional text read on its simplified view."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.script import CharacterForm, Script, ScriptConverter, fold

pytestmark = pytest.mark.core

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
REALDOCS = SHARED / "realdocs"

CONVERTER = ScriptConverter()


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("他還沒有回來。", Script.TRADITIONAL),  # Taiwan
        ("佢哋喺度睇緊電視。", Script.TRADITIONAL),  # Hong Kong Cantonese
        ("臺北的天氣很好。", Script.TRADITIONAL),  # 台 is written in both scripts, 臺 only in traditional
        ("他还没有回来。", Script.SIMPLIFIED),
        ("皇后的头发干净了。", Script.SIMPLIFIED),  # 后/发/干 also exist in traditional text, but 头/净 do not
        ("显著的成果。", Script.SIMPLIFIED),  # 著 is a traditional form of 着, yet a GB2312 character too (显著)
        ("著名的作家。", Script.NEUTRAL),  # written the same in both scripts
        ("我是人。", Script.NEUTRAL),  # no character tells
        ("Hello, world", Script.NEUTRAL),  # no Han at all
        ("台北市長說，", Script.TRADITIONAL),  # 台 plus 長/說: one telling character outweighs a shared one
    ],
)
def test_detect(text: str, script: Script) -> None:
    assert CONVERTER.detect(text) is script


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("他還沒有回來", "他还没有回来"),
        ("看著他", "看着他"),  # 著 as the particle 着
        ("顯著的成果", "显著的成果"),  # 著 zhù stays 著 inside a word (OpenCC phrase)
        ("乾隆皇帝", "乾隆皇帝"),  # 乾 qián in a name is not 干
        ("乾淨", "干净"),
        ("爲什麼", "为什么"),  # 爲: variant of 為
        ("裏面和裡面", "里面和里面"),  # Hong Kong 裏 and Taiwan 裡
        ("臺灣和台灣", "台湾和台湾"),
        ("山峯", "山峰"),  # variant 峯
        ("衞生", "卫生"),  # Hong Kong form 衞
        ("甚麼", "什么"),  # Hong Kong 甚麼
        ("綫路", "线路"),  # Hong Kong 綫
        ("Python 3.11版本，很好！", "Python 3.11版本，很好！"),  # Latin text and punctuation untouched
        ("二噁英", "二𫫇英"),  # a phrase mapped to a character outside the BMP: still one code point
    ],
)
def test_to_simplified_is_character_accurate(traditional: str, simplified: str) -> None:
    converted = CONVERTER.to_simplified(traditional)
    assert converted == simplified
    assert len(converted) == len(traditional)


@pytest.mark.parametrize(
    ("text", "form", "expected"),
    [
        ("他还没有回来", CharacterForm.TAIWAN, "他還沒有回來"),
        ("看着他", CharacterForm.TAIWAN, "看著他"),
        ("里面为什么", CharacterForm.TAIWAN, "裡面為什麼"),  # Taiwan standard 裡 / 為
        ("里面为什么", CharacterForm.HONG_KONG, "裡面為甚麼"),  # Hong Kong standard 甚麼
        ("说话", CharacterForm.HONG_KONG, "説話"),  # Hong Kong 説
        ("台湾", CharacterForm.TAIWAN, "臺灣"),
        ("頭髮乾淨", CharacterForm.TAIWAN, "頭髮乾淨"),  # traditional stays as written
        ("乾隆皇帝", CharacterForm.HONG_KONG, "乾隆皇帝"),  # the writer's 乾 survives the round trip
        ("裏面", CharacterForm.TAIWAN, "裡面"),  # Hong Kong variant shown in Taiwan's standard
        ("裡面", CharacterForm.HONG_KONG, "裡面"),  # OpenCC's Hong Kong standard accepts Taiwan's 裡
        ("爲甚麼", CharacterForm.TAIWAN, "為什麼"),  # Hong Kong 爲甚麼 in Taiwan's standard
        ("他還沒有回來", CharacterForm.SIMPLIFIED, "他还没有回来"),
        ("他还没有回来", CharacterForm.SIMPLIFIED, "他还没有回来"),  # already simplified
        ("著名的作家", CharacterForm.SIMPLIFIED, "著名的作家"),  # simplified text is never "re-simplified"
        ("他還沒有回來", CharacterForm.AS_WRITTEN, "他還沒有回來"),
    ],
)
def test_convert_keeps_length(text: str, form: CharacterForm, expected: str) -> None:
    assert CONVERTER.convert(text, form) == expected


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("学习", "學習"),
        ("特区", "特區"),
        ("里面", "裏面"),  # Hong Kong variant
        ("里面", "裡面"),  # Taiwan variant
        ("为什么", "爲甚麼"),
    ],
)
def test_fold_matches_across_scripts(left: str, right: str) -> None:
    assert fold(left) == fold(right)


@pytest.mark.parametrize(
    ("value", "form"),
    [
        ("simplified", CharacterForm.SIMPLIFIED),
        ("traditional", CharacterForm.TAIWAN),  # the CLI's short name
        ("traditional-hk", CharacterForm.HONG_KONG),
        ("as-written", CharacterForm.AS_WRITTEN),
        ("nonsense", CharacterForm.AS_WRITTEN),  # unknown settings fall back, never raise
        (None, CharacterForm.AS_WRITTEN),
    ],
)
def test_parse_form(value: str | None, form: CharacterForm) -> None:
    assert CharacterForm.parse(value) is form


# -- traditional text read on the simplified view ----------------------------------------------------------------


def _tokens(analyzer, text: str) -> list[tuple[str, str]]:
    document = analyzer.analyse(text)
    return [
        (token.text, " ".join(s or "-" for s in token.pinyin) if token.pinyin else "")
        for article in document.articles
        for block in article.blocks
        for sentence in block.sentences
        for token in sentence.tokens
    ]


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        ("他還沒有回來。", "還", "hai2"),  # not 他還 tāhuán
        ("他看著我。", "看著", "kan4 zhe5"),  # not zhuó
        ("我會說中文。", "中文", "zhong1 wen2"),  # not 說中 / 文
        ("我們將在明天出發。", "將", "jiang1"),  # the future 將, not jiàng
        ("這個問題很難解決。", "解決", "jie3 jue2"),  # not 難解 / 決
        ("裏面爲甚麼有山峯？", "山峯", "shan1 feng1"),  # variants 裏/爲/峯 and Hong Kong 甚麼
        ("著名的作家來了。", "著名", "zhu4 ming2"),  # 著 zhù stays zhù
        ("他穿著一件新衣服。", "穿著", "chuan1 zhe5"),
        ("她還在臺灣工作。", "臺灣", "tai2 wan1"),
    ],
)
def test_traditional_reads_like_simplified(analyzer, text: str, word: str, reading: str) -> None:
    assert (word, reading) in _tokens(analyzer, text)


def test_yu_reads_yu(analyzer) -> None:
    syllables = [s for _, reading in _tokens(analyzer, "他於昨天到達。") for s in reading.split()]
    assert syllables[1] == "yu2"


@pytest.mark.parametrize(
    "text",
    [
        "他還沒有回來，我們的學習很好。",  # a paragraph in one script
        "第一段是简体字。\n\n第二段是繁體字，這裡說中文。",  # a mixed text: each paragraph by its own script
    ],
)
def test_tokens_keep_the_characters_as_written(analyzer, text: str) -> None:
    document = analyzer.analyse(text)
    for article in document.articles:
        for block in article.blocks:
            for sentence in block.sentences:
                assert "".join(token.text for token in sentence.tokens) == sentence.text
                for token in sentence.tokens:
                    assert article.text[token.start : token.end] == token.text


def test_mixed_paragraphs_are_detected_one_by_one() -> None:
    assert CONVERTER.detect("第一段是简体字。") is Script.SIMPLIFIED
    assert CONVERTER.detect("第二段是繁體字，這裡說中文。") is Script.TRADITIONAL
    assert CONVERTER.detect_paragraphs(["这是简体。", "這是繁體，還有說明。"]) is Script.TRADITIONAL


# -- real traditional documents ----------------------------------------------------------------------------------

REAL_TRADITIONAL = [
    "trad_fushengliuji_big5.txt",  # Big5, Qing novel
    "trad_sanguoyanyi_big5-hkscs_ch01-40.txt",  # Big5-HKSCS
    "trad_panghuang_luxun_utf8_no-newlines.txt",  # Hong Kong edition, UTF-8, no line breaks
    "html_cna_taiwan_zh-hant.html",  # Taiwan news page
]


@pytest.fixture(params=REAL_TRADITIONAL)
def real_document(request: pytest.FixtureRequest):
    path = REALDOCS / request.param
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is missing)")
    from reader.core.importers import import_path
    from reader.core.pipeline import structure_source

    return structure_source(import_path(path))


def test_real_traditional_documents_are_detected(real_document) -> None:
    for article in real_document.articles[:3]:
        paragraphs = [block.text for block in article.blocks]
        assert CONVERTER.detect_paragraphs(paragraphs) is Script.TRADITIONAL


def test_real_traditional_documents_convert_one_for_one(real_document) -> None:
    for article in real_document.articles[:3]:
        text = article.text
        simplified = CONVERTER.to_simplified(text)
        assert len(simplified) == len(text)
        # Nothing shifted: a changed character is almost always the one-character simplification of the original
        # (the rest are OpenCC phrase choices such as 瞭解 → 了解 and 計畫 → 计划).
        changed = [(a, b) for a, b in zip(text, simplified, strict=True) if a != b]
        agree = sum(1 for a, b in changed if CONVERTER.to_simplified(a) == b)
        assert changed
        assert agree >= 0.99 * len(changed)


def test_real_traditional_article_analyses_as_written(analyzer, real_document) -> None:
    article = real_document.articles[0]
    for block in article.blocks[:40]:
        analyzer.tokenize_block(block)
        for sentence in block.sentences:
            assert "".join(token.text for token in sentence.tokens) == sentence.text
