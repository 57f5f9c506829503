"""Downloading packs from a package index, served locally on 127.0.0.1: never the internet."""

from __future__ import annotations

import hashlib
import http.server
import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.translation.download import IndexEntry, download_pack, fetch_index, find_entry, parse_index
from reader.core.translation.errors import DownloadError, OperationCancelledError
from reader.core.translation.packs import find_pack
from reader.core.translation.settings import resolve_argos_settings
from tests.core.translation_helpers import TINY_PACK, serve_folder

pytestmark = pytest.mark.core

PACK_BYTES = TINY_PACK.read_bytes()
PACK_SHA256 = hashlib.sha256(PACK_BYTES).hexdigest()


def _index_item(base: str, **changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "package_version": "0.1",
        "argos_version": "1.9.0",
        "from_code": "zh",
        "from_name": "Chinese",
        "to_code": "en",
        "to_name": "English",
        "links": ["ipfs://QmNotUsed", f"{base}translate-zh_en-0_1.argosmodel"],
        "code": "translate-zh_en",
        "size": len(PACK_BYTES),
        "sha256": PACK_SHA256,
    }
    item.update(changes)
    return item


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served on 127.0.0.1 holding the tiny pack; yields (folder, base URL)."""
    folder = tmp_path / "site"
    folder.mkdir()
    shutil.copy(TINY_PACK, folder / "translate-zh_en-0_1.argosmodel")
    with serve_folder(folder) as base:
        yield folder, base


def _write_index(folder: Path, items: list[Any]) -> None:
    (folder / "index.json").write_text(json.dumps(items), encoding="utf-8")


def _entry(base: str, **changes: Any) -> IndexEntry:
    found = find_entry(parse_index([_index_item(base, **changes)]))
    assert found is not None
    return found


def test_index_is_fetched_and_parsed(site: tuple[Path, str]) -> None:
    folder, base = site
    _write_index(folder, [_index_item(base), {"type": "sbd", "from_code": "xx", "to_code": "xx"}, "junk"])
    entries = fetch_index(base + "index.json")
    assert [(e.code, e.version, e.size, e.sha256) for e in entries] == [
        ("translate-zh_en", "0.1", len(PACK_BYTES), PACK_SHA256)
    ]


def test_newest_matching_entry_is_chosen(site: tuple[Path, str]) -> None:
    folder, base = site
    items = [_index_item(base, package_version=v) for v in ("1.9", "1.10", "1.2")]
    items.append(_index_item(base, from_code="en", to_code="zh", package_version="9.9"))
    _write_index(folder, items)
    entry = find_entry(fetch_index(base + "index.json"))
    assert entry is not None and entry.version == "1.10"


def test_download_streams_the_file_with_progress(site: tuple[Path, str], tmp_path: Path) -> None:
    _, base = site
    progress: list[tuple[int, int]] = []
    path = download_pack(_entry(base), tmp_path / "downloads", progress=lambda d, t: progress.append((d, t)))
    assert path.read_bytes() == PACK_BYTES
    assert progress[-1] == (len(PACK_BYTES), len(PACK_BYTES))
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_wrong_checksum_is_refused_and_nothing_is_kept(site: tuple[Path, str], tmp_path: Path) -> None:
    _, base = site
    with pytest.raises(DownloadError, match="checksum"):
        download_pack(_entry(base, sha256="0" * 64), tmp_path / "downloads")
    assert list((tmp_path / "downloads").iterdir()) == []


def test_wrong_size_is_refused(site: tuple[Path, str], tmp_path: Path) -> None:
    _, base = site
    with pytest.raises(DownloadError, match="not the indexed size"):
        download_pack(_entry(base, size=len(PACK_BYTES) + 1), tmp_path / "downloads")


def test_huge_declared_size_is_refused(site: tuple[Path, str], tmp_path: Path) -> None:
    _, base = site
    with pytest.raises(DownloadError, match="more than a language pack can be"):
        download_pack(_entry(base, size=50 * 1024**3), tmp_path / "downloads")


def test_cancelled_download_leaves_no_file(site: tuple[Path, str], tmp_path: Path) -> None:
    _, base = site
    with pytest.raises(OperationCancelledError):
        download_pack(_entry(base), tmp_path / "downloads", cancelled=lambda: True)
    assert list((tmp_path / "downloads").iterdir()) == []


def test_missing_file_reports_the_server_answer(site: tuple[Path, str], tmp_path: Path) -> None:
    _, base = site
    with pytest.raises(DownloadError, match="404"):
        download_pack(_entry(base, links=[base + "missing.argosmodel"]), tmp_path / "downloads")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html>", "is not valid JSON"),  # a web page where the index should be
        ('{"packages": []}', "is not a list of packages"),  # JSON, but not the list argospm writes
    ],
)
def test_index_that_is_not_a_json_list_is_reported(site: tuple[Path, str], text: str, message: str) -> None:
    folder, base = site
    (folder / "index.json").write_text(text, encoding="utf-8")
    with pytest.raises(DownloadError, match=message):
        fetch_index(base + "index.json")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_offline_gives_a_clear_message() -> None:
    with pytest.raises(DownloadError, match="seems to be offline"):
        fetch_index(f"http://127.0.0.1:{_closed_port()}/index.json", timeout=2)


def test_silent_server_times_out() -> None:
    class SlowHandler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(2)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    server.daemon_threads = True
    server.block_on_close = False
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        with pytest.raises(DownloadError, match="did not answer in time"):
            fetch_index(f"http://127.0.0.1:{server.server_address[1]}/index.json", timeout=0.3)
    finally:
        server.shutdown()
        server.server_close()


def test_cli_download_installs_the_pack(site: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    folder, base = site
    _write_index(folder, [_index_item(base)])
    assert main(["packs", "download", "--index-url", base + "index.json"]) == 0
    assert "Installed translate-zh_en 0.1" in capsys.readouterr().out
    settings = resolve_argos_settings()
    assert find_pack(settings) is not None
    assert not any(settings.downloads_dir.iterdir())  # the downloaded file is deleted once installed


def test_cli_download_offline_exits_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packs", "download", "--index-url", f"http://127.0.0.1:{_closed_port()}/index.json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "offline" in err
