"""Shared helpers of the translation tests: the tiny pack, variants of it, and a local package server."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import DATA

TINY_PACK = DATA / "tiny_pack" / "translate-zh_en-tiny.argosmodel"
TINY_TOP = "translate-zh_en-tiny"


def tiny_members() -> dict[str, bytes]:
    """The tiny pack's members by name (folders have empty content and a trailing slash)."""
    with zipfile.ZipFile(TINY_PACK) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(path: Path, members: dict[str, bytes], *, links: tuple[str, ...] = ()) -> Path:
    """Write ``members`` to a zip at ``path``; names in ``links`` are stored as symbolic links."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in links:
                info.external_attr = (0o120777) << 16
            elif name.endswith("/"):
                info.external_attr = (0o040755) << 16
            else:
                info.external_attr = (0o100644) << 16
            archive.writestr(info, data)
    return path


def pack_variant(path: Path, *, top: str = TINY_TOP, **metadata: object) -> Path:
    """Write the tiny pack under another top folder and/or with changed metadata fields."""
    members = tiny_members()
    meta = json.loads(members[f"{TINY_TOP}/metadata.json"])
    meta.update(metadata)
    members[f"{TINY_TOP}/metadata.json"] = json.dumps(meta).encode()
    renamed = {top + name[len(TINY_TOP) :]: data for name, data in members.items()}
    return write_zip(path, renamed)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 in a thread; yield the base URL (ending with a slash)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
