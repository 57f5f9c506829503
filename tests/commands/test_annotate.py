"""`reader annotate`: the JSON contract, the terminal text, and one clear line for bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from tests.conftest import SAMPLE, share_dictionary_index

pytestmark = pytest.mark.core


@pytest.fixture
def run_cli(shared_cache: Path, dictionary, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `reader ...` in-process with the shared data folder; return (status, stdout, stderr)."""
    home = shared_cache / "cli_home"
    share_dictionary_index(dictionary, home / "cache")

    def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
        status = main(["--data-dir", str(home), *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run


def _check_contract(data: dict[str, Any]) -> None:
    for article in data["articles"]:
        assert set(article) >= {"title", "blocks"}
        for block in article["blocks"]:
            assert block["kind"] in ("heading", "paragraph", "note")
            assert "".join(s["text"] for s in block["sentences"]) == block["text"]
            for sentence in block["sentences"]:
                assert set(sentence) >= {"text", "translation", "translation_source", "tokens"}
                assert "".join(t["text"] for t in sentence["tokens"]) == sentence["text"]
                for token in sentence["tokens"]:
                    assert isinstance(token["in_dictionary"], bool)
                    if token["pinyin"] is not None:
                        assert len(token["pinyin"]) == len(token["text"])


def test_sample_json_has_three_articles_and_follows_the_contract(run_cli) -> None:
    status, out, err = run_cli("annotate", "--json", "--no-translate", str(SAMPLE))
    assert (status, err) == (0, "")
    data = json.loads(out)
    _check_contract(data)
    assert [a["title"] for a in data["articles"]] == ["促进工业互联网创新发展", "持续高质量共建“一带一路”", None]


@pytest.mark.parametrize(
    ("style", "word", "expected"),
    [
        ("numbers", "银行", ["yin2", "hang2"]),
        ("marks", "银行", ["yín", "háng"]),
        ("zhuyin", "银行", ["ㄧㄣˊ", "ㄏㄤˊ"]),
        ("numbers", "绿色", ["lv4", "se4"]),  # ü written v
    ],
)
def test_pinyin_styles(run_cli, style: str, word: str, expected: list[str]) -> None:
    status, out, _ = run_cli(
        "annotate", "--json", "--keep-lines", "--no-translate", "--pinyin-style", style, "-", stdin=f"我去{word}。\n"
    )
    tokens = json.loads(out)["articles"][0]["blocks"][0]["sentences"][0]["tokens"]
    assert status == 0
    assert next(t["pinyin"] for t in tokens if t["text"] == word) == expected


def test_neutral_tone_is_5_in_numbers_style(run_cli) -> None:
    _, out, _ = run_cli(
        "annotate", "--json", "--keep-lines", "--no-translate", "--pinyin-style", "numbers", "-", stdin="他的书。\n"
    )
    tokens = json.loads(out)["articles"][0]["blocks"][0]["sentences"][0]["tokens"]
    assert next(t["pinyin"] for t in tokens if t["text"] == "的") == ["de5"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), {"认识": ["ren4", "shi5"], "弟弟": ["di4", "di5"], "的": ["de5"], "一个": ["yi1", "ge4"]}),
        (("--citation-tones",), {"认识": ["ren4", "shi2"], "弟弟": ["di4", "di4"], "的": ["de5"]}),
        (("--tone-sandhi",), {"一个": ["yi2", "ge4"], "认识": ["ren4", "shi5"]}),
        (("--citation-tones", "--tone-sandhi"), {"认识": ["ren4", "shi2"], "一个": ["yi2", "ge4"]}),
    ],
)
def test_tone_options(run_cli, options: tuple[str, ...], expected: dict[str, list[str]]) -> None:
    _, out, _ = run_cli(
        "annotate",
        "--json",
        "--keep-lines",
        "--no-translate",
        "--pinyin-style",
        "numbers",
        *options,
        "-",
        stdin="他认识我的弟弟，一个好人。\n",
    )
    tokens = json.loads(out)["articles"][0]["blocks"][0]["sentences"][0]["tokens"]
    found = {t["text"]: t["pinyin"] for t in tokens}
    assert {word: found[word] for word in expected} == expected


def test_keep_lines_gives_one_block_per_input_line(run_cli) -> None:
    lines = ["他说得很好。", "你得小心。", "我们一起走吧"]
    _, out, _ = run_cli("annotate", "--json", "--keep-lines", "--no-translate", "-", stdin="\n".join(lines) + "\n")
    assert [b["text"] for b in json.loads(out)["articles"][0]["blocks"]] == lines


def test_terminal_output_puts_pinyin_over_words(run_cli) -> None:
    status, out, _ = run_cli("annotate", "--keep-lines", "--no-translate", "-", stdin="我爱学习中文。\n")
    assert status == 0
    pinyin_line, hanzi_line = [line for line in out.splitlines() if line.strip()][1:3]
    assert "xuéxí" in pinyin_line and "学习" in hanzi_line
    assert pinyin_line.index("xuéxí") == _column(hanzi_line, "学习")


def _column(line: str, word: str) -> int:
    prefix = line[: line.index(word)]
    return sum(2 if "\u4e00" <= ch <= "\u9fff" or ch in "。，" else 1 for ch in prefix)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "does not exist"),
        (lambda d: d, "folder"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(64)), "PNG image"),
        (lambda d: _write(d / "english.txt", b"Hello, this is an English text.\n"), "no Chinese"),
        (lambda d: _write(d / "latin1.txt", "Caf\xe9 cr\xe8me br\xfbl\xe9e\n".encode("latin-1")), "Chinese"),
    ],
    ids=["missing", "folder", "empty", "binary", "english", "latin1"],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(tmp_path / "home"), "annotate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_oversized_file_exits_2_naming_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: 60 MB without writing them
    result = subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(tmp_path / "home"), "annotate", str(big)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "60.0 MB" in result.stderr and "MB" in result.stderr.split(";")[-1]
