"""The dictionary plugged into the application: segmenter words, the analyser's flags, start-up."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.core


def tokens_of(analyzer, text: str):
    document = analyzer.analyse(text)
    return [t for a in document.articles for b in a.blocks for s in b.sentences for t in s.tokens]


def test_services_share_one_dictionary(services) -> None:
    assert services.dictionary is not None
    assert services.analyzer.lexicon is services.dictionary
    assert services.pinyin.readings is services.dictionary


def test_belt_and_road_stays_one_word(analyzer) -> None:
    tokens = tokens_of(analyzer, "共建“一带一路”是重大倡议。")
    word = next(t for t in tokens if "一带" in t.text)
    assert word.text == "一带一路"
    assert word.in_dictionary
    assert word.pinyin == ["yi1", "dai4", "yi1", "lu4"]


def test_common_words_keep_jiebas_cut(analyzer) -> None:
    # 打的 (to take a taxi) and 的话 are dictionary words; here the ordinary cut must win.
    assert [t.text for t in tokens_of(analyzer, "我打的电话他没有接。")][:4] == ["我", "打", "的", "电话"]


def test_in_dictionary_follows_the_dictionary(analyzer) -> None:
    flags = {t.text: t.in_dictionary for t in tokens_of(analyzer, "我们去银行取钱。")}
    assert flags["银行"] and flags["我们"]
    assert flags["。"] is False


def test_initialize_reports_progress_and_loads_the_model(services) -> None:
    calls: list[tuple[int, int]] = []
    services.initialize(lambda done, total: calls.append((done, total)))
    assert calls[-1] == (1, 1)
    assert services.pinyin.model_ready
