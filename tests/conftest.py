"""Shared fixtures: every test gets its own data folder, and nothing may reach the network."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt or argostranslate: headless Qt, and Argos' folders away from $HOME.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE = REPO_ROOT / "resources" / "sample_article.txt"
DATA = Path(__file__).resolve().parent / "data"
#: jieba's prefix-dictionary cache and other derived data shared by all tests of one run (rebuilt per run).
SESSION_CACHE_ENV = "READER_TEST_SHARED_CACHE"


class NetworkBlockedError(RuntimeError):
    """Raised when a test tries to open a connection that is not to this machine."""


@pytest.fixture(autouse=True)
def reader_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point READER_HOME and the XDG folders at a fresh temporary folder for every test."""
    home = tmp_path_factory.mktemp("reader_home")
    monkeypatch.setenv("READER_HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        folder = home / "xdg" / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    return home


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Refuse connections to anything but loopback, so a test that would go online fails loudly."""
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and self.family != socket.AF_UNIX:
            raise NetworkBlockedError(f"test tried to reach {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    yield


@pytest.fixture
def store():
    """A fresh in-memory database with every table, closed after the test."""
    from reader.core.store.db import open_store

    opened = open_store(":memory:")
    yield opened
    opened.close()


@pytest.fixture
def file_store(tmp_path: Path):
    """A fresh database file (WAL, as the app uses it), closed after the test."""
    from reader.core.store.db import open_store

    opened = open_store(tmp_path / "reader.sqlite")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder shared by the whole test run (jieba's prefix dictionary, compiled indexes)."""
    return tmp_path_factory.mktemp("shared_cache")


@pytest.fixture(scope="session")
def services(shared_cache: Path):
    """One set of application services for the run, its caches in the shared folder (built once: slow parts)."""
    from reader.core.paths import UserPaths
    from reader.core.services import build_services

    built = build_services(UserPaths(shared_cache / "home"))
    built.segmenter.initialize()
    return built


@pytest.fixture(scope="session")
def dictionary(shared_cache: Path):
    """The dictionary, its index compiled once per run in the shared folder (the one ``services`` uses)."""
    from reader.core.dictionary import Dictionary
    from reader.core.paths import UserPaths

    opened = Dictionary.for_paths(UserPaths(shared_cache / "home").ensure())
    opened.open()
    return opened


def share_dictionary_index(dictionary, cache: Path) -> None:
    """Give another data folder's cache the run's compiled dictionary index (a hard link: no second compile)."""
    target = cache / dictionary.index_path.name
    if target.exists():
        return
    cache.mkdir(parents=True, exist_ok=True)
    try:
        os.link(dictionary.index_path, target)
    except OSError:
        shutil.copyfile(dictionary.index_path, target)


@pytest.fixture(scope="session")
def analyzer(services):
    """The shared analyser (segmenter initialised)."""
    return services.analyzer
