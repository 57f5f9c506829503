"""Reading text files in the encodings Chinese texts come in, and refusing what is not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.textio import decode_text, read_text_file

pytestmark = pytest.mark.core

TEXT = "学习中文很有意思。我们一起读报纸吧！"
TRADITIONAL = "學習中文很有意思。我們一起讀報紙吧！"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT),  # UTF-8 with BOM (Windows Notepad)
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT),
        (("第1行\n" + TEXT + "\n2024年\n").encode("utf-16-le"), "第1行\n" + TEXT + "\n2024年\n"),  # no BOM
        (TEXT.encode("gb18030"), TEXT),
        (TEXT.encode("gbk"), TEXT),
        (TEXT.encode("gb2312"), TEXT),
        (TRADITIONAL.encode("big5"), TRADITIONAL),
        ("中文ㄅㄆ€".encode("gb18030"), "中文ㄅㄆ€"),  # GB18030-only characters
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le-nobom",
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "gb-only",
    ],
)
def test_decodes(data: bytes, expected: str) -> None:
    assert decode_text(data) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
        (b"PK\x03\x04" + bytes(100), "ZIP archive"),
        (b"\x7fELF" + bytes(100), "program"),
        (bytes(range(256)) * 4, "binary"),
        (TEXT.encode("utf-8")[:-1] + TEXT.encode("big5", errors="ignore")[:7] + b"\xff\xfe\xfd", "decoded"),
    ],
    ids=["empty", "blank", "png", "zip", "elf", "random-bytes", "mixed-encodings"],
)
def test_refuses(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_text(data)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_text_file(tmp_path / "nope.txt")


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_text_file(tmp_path)


def test_too_large_file_names_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(TEXT.encode("utf-8") * 100)
    with pytest.raises(InputError, match=r"up to 1 KB"):
        read_text_file(big, max_bytes=1024)
