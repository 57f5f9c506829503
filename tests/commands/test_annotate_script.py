"""`reader annotate --script`: the same words and pinyin, the characters shown in the chosen script."""

from __future__ import annotations

import json

import pytest

from tests.commands.test_annotate import _check_contract, run_cli  # noqa: F401  (fixture)

pytestmark = pytest.mark.core

TAIWAN = "他還沒有回來。我們在臺灣學習中文。"


def _tokens(out: str) -> list[tuple[str, str]]:
    data = json.loads(out)
    _check_contract(data)
    return [
        (token["text"], " ".join(token["pinyin"] or []))
        for article in data["articles"]
        for block in article["blocks"]
        for sentence in block["sentences"]
        for token in sentence["tokens"]
    ]


@pytest.mark.parametrize(
    ("script", "stdin", "expected"),
    [
        ("simplified", TAIWAN, [("还", "hái"), ("学习", "xué xí"), ("台湾", "tái wān")]),  # Taiwan text in simplified
        ("as-written", TAIWAN, [("還", "hái"), ("學習", "xué xí")]),  # the default changes nothing
        ("traditional", "他还没有回来。", [("還", "hái"), ("沒有", "méi yǒu")]),  # traditional means Taiwan
        ("traditional-hk", "里面为什么", [("裡面", "lǐ miàn")]),  # Hong Kong standard
    ],
)
def test_script_converts_the_characters_only(run_cli, script: str, stdin: str, expected) -> None:  # noqa: F811
    status, out, err = run_cli("annotate", "--json", "--no-translate", "--script", script, "-", stdin=stdin)
    assert (status, err) == (0, "")
    tokens = _tokens(out)
    for pair in expected:
        assert pair in tokens


def test_offsets_match_the_text_as_written(run_cli) -> None:  # noqa: F811
    written = json.loads(run_cli("annotate", "--json", "--no-translate", "-", stdin=TAIWAN)[1])
    shown = json.loads(run_cli("annotate", "--json", "--no-translate", "--script", "simplified", "-", stdin=TAIWAN)[1])
    first, second = written["articles"][0]["blocks"][0], shown["articles"][0]["blocks"][0]
    assert len(first["text"]) == len(second["text"])
    assert [s["start"] for s in first["sentences"]] == [s["start"] for s in second["sentences"]]


def test_unknown_script_is_one_clear_error(run_cli) -> None:  # noqa: F811
    status, out, err = run_cli("annotate", "--script", "klingon", "-", stdin=TAIWAN)
    assert (status, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and "klingon" in err
