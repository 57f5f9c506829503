"""`reader annotate --json` says where the text came from: book and chapters, subtitle cues, dropped lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.commands.test_annotate import run_cli  # noqa: F401  (the fixture)
from tests.core.importers.test_subtitles import BILINGUAL
from tests.core.importers.test_txt_book import web_novel_dump

pytestmark = pytest.mark.core


def test_book_json_carries_book_and_chapter_keys(run_cli, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "novel.txt"
    path.write_text(web_novel_dump(), encoding="utf-8")
    status, out, err = run_cli("annotate", "--json", "--no-translate", str(path))
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["book"] == {
        "title": "星河旅人",
        "author": "林一",
        "blurb": "一个少年离开家乡，走向星辰大海。",
        "chapters": 4,
    }
    assert [a["chapter"] for a in data["articles"]][:2] == [
        {"index": 1, "title": "第一章 离家", "part": "第一卷 少年"},
        {"index": 2, "title": "第二章 远行", "part": "第一卷 少年"},
    ]
    assert {"line": 6, "text": "==========", "reason": "rule"} in data["dropped"]


def test_subtitle_json_carries_cues_and_subtitle_translations(run_cli, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "vlog.srt"
    path.write_text(BILINGUAL, encoding="utf-8")
    status, out, _ = run_cli("annotate", "--json", "--no-translate", str(path))
    assert status == 0
    data = json.loads(out)
    first = data["articles"][0]["blocks"][0]
    assert first["cue"] == {"start_ms": 1080, "end_ms": 1720}
    assert (first["sentences"][0]["translation"], first["sentences"][0]["translation_source"]) == ("Sun Li", "subtitle")
    assert data["book"] is None and data["articles"][0]["chapter"] is None
