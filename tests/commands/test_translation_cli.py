"""``reader packs``: list, install, remove and clear the cache from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.core.paths import resolve_user_paths
from reader.core.translation.cache import TranslationCache
from reader.core.translation.translator import CACHE_FILE_NAME
from tests.core.translation_helpers import TINY_PACK, TINY_TOP

pytestmark = pytest.mark.core


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["packs", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_list_with_no_pack_says_how_to_install_one(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "list")
    assert status == 0
    assert "No language packs installed" in out and "reader packs install" in out


def test_install_then_list_shows_the_pack_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "install", str(TINY_PACK))
    assert status == 0 and "Installed translate-zh_en 0.1 (Chinese → English)" in out
    status, out, _ = _run(capsys, "list")
    assert status == 0
    assert "translate-zh_en" in out and TINY_TOP in out and "(in use)" in out


def test_remove_deletes_the_pack(capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "install", str(TINY_PACK))
    status, out, _ = _run(capsys, "remove", "translate-zh_en")
    assert status == 0 and "Removed translate-zh_en" in out
    assert "No language packs installed" in _run(capsys, "list")[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("install", "missing.argosmodel"), "does not exist"),  # no such file
        (("install", __file__), "not a language pack"),  # not a zip
        (("remove", "translate-xx_yy"), "No installed language pack"),  # nothing to remove
    ],
)
def test_errors_exit_with_status_2_and_one_line(
    args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, *args)
    assert status == 2
    assert err.count("\n") == 1 and message in err


def test_clear_cache_empties_the_cache(capsys: pytest.CaptureFixture[str]) -> None:
    path: Path = resolve_user_paths().cache / CACHE_FILE_NAME
    cache = TranslationCache(path)
    cache.put_many("argos translate-zh_en 0.1", [("你好。", "Hello.")])
    cache.close()
    status, out, _ = _run(capsys, "clear-cache")
    assert status == 0 and "Cleared 1 cached translations." in out
    reopened = TranslationCache(path)
    assert reopened.count() == 0
    reopened.close()
