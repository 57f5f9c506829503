"""Fetch the Argos package index and download a pack file: streamed, with progress, cancel, timeout and checks.

Replaces ``argostranslate.package.update_package_index`` / ``AvailablePackage.download``, which hide errors, have
no timeout or progress and read the whole file into memory. The index is Argos' ``index.json`` (a list of pack
descriptions with ``links``); when an entry gives ``size`` or ``sha256``/``checksum`` they are checked, and the
``Content-Length`` the server announces always is. Only ``http``/``https`` links are used (Argos also lists IPFS
ones). Every failure raises :class:`DownloadError` with one sentence, "offline" when no server can be reached.
"""

from __future__ import annotations

import hashlib
import logging
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reader import __version__
from reader.core.atomic import atomic_output
from reader.core.textio import format_size
from reader.core.translation.errors import DownloadError, OperationCancelledError
from reader.core.translation.packs import Cancelled, Progress, parse_json, version_key

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 20.0
MAX_INDEX_BYTES = 5 * 1024**2
#: Largest pack file accepted from the network.
MAX_PACK_BYTES = 1024**3
_CHUNK = 256 * 1024
_USER_AGENT = f"Reader/{__version__} (offline Chinese reader; Argos pack manager)"


@dataclass(frozen=True)
class IndexEntry:
    """A pack offered by the package index."""

    code: str
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    links: tuple[str, ...]
    size: int | None = None
    sha256: str | None = None

    @property
    def languages(self) -> str:
        """The language pair in words (``Chinese → English``)."""
        return f"{self.from_name or self.from_code} → {self.to_name or self.to_code}"

    @property
    def file_name(self) -> str:
        """The name the downloaded file gets (``translate-zh_en-1_9.argosmodel``)."""
        return f"{self.code}-{self.version.replace('.', '_')}.argosmodel"


def _open(url: str, timeout: float) -> Any:
    """Open ``url`` for reading; raise :class:`DownloadError` with a plain reason on failure."""
    if not url.startswith(("http://", "https://")):
        raise DownloadError(f"Reader can only download over http or https, not {url!r}.")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"The server answered {exc.code} ({exc.reason}) for {url}.") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise _offline_error(url, exc) from exc


def _offline_error(url: str, exc: BaseException) -> DownloadError:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    host = urllib.parse.urlparse(url).netloc or url
    if isinstance(reason, TimeoutError | socket.timeout):
        return DownloadError(f"{host} did not answer in time; check the internet connection and try again.")
    if isinstance(reason, ssl.SSLError):
        return DownloadError(f"The secure connection to {host} could not be verified ({reason}).")
    return DownloadError(
        f"Cannot reach {host}: this computer seems to be offline ({reason}). "
        "Connect to the internet, or install a downloaded .argosmodel file instead."
    )


def fetch_index(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> list[IndexEntry]:
    """Download and parse the package index at ``url``; entries that are not translation packs are skipped."""
    with _open(url, timeout) as response:
        try:
            data = response.read(MAX_INDEX_BYTES + 1)
        except (OSError, urllib.error.URLError) as exc:
            raise _offline_error(url, exc) from exc
    if len(data) > MAX_INDEX_BYTES:
        raise DownloadError(f"The package index at {url} is larger than {format_size(MAX_INDEX_BYTES)}.")
    return parse_index(parse_json(data, list, DownloadError, f"The package index at {url}", "a list of packages"))


def parse_index(items: list[Any]) -> list[IndexEntry]:
    """Turn the items of Argos' ``index.json`` into entries, skipping anything that is not a translation pack."""
    return [entry for item in items if (entry := _entry(item)) is not None]


def _entry(item: Any) -> IndexEntry | None:
    if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in ("from_code", "to_code")):
        return None
    kind = str(item.get("type") or "translate")
    if kind != "translate":
        return None
    size = item.get("size")
    checksum = item.get("sha256") or item.get("checksum")
    return IndexEntry(
        code=f"{kind}-{item['from_code']}_{item['to_code']}",
        from_code=item["from_code"],
        to_code=item["to_code"],
        from_name=str(item.get("from_name") or ""),
        to_name=str(item.get("to_name") or ""),
        version=str(item.get("package_version") or ""),
        links=tuple(str(link) for link in item.get("links") or [] if isinstance(link, str)),
        size=size if isinstance(size, int) and size > 0 else None,
        sha256=str(checksum).lower().removeprefix("sha256:") if checksum else None,
    )


def find_entry(entries: list[IndexEntry], from_code: str = "zh", to_code: str = "en") -> IndexEntry | None:
    """Return the newest index entry translating ``from_code`` to ``to_code``, or ``None``."""
    matches = [entry for entry in entries if (entry.from_code, entry.to_code) == (from_code, to_code)]
    return max(matches, key=lambda entry: version_key(entry.version)) if matches else None


def download_pack(
    entry: IndexEntry,
    folder: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Download ``entry``'s pack file into ``folder`` and return its path.

    Tries each http(s) link in turn. ``progress(done, total)`` reports bytes (``total`` is 0 when unknown);
    ``cancelled()`` is polled between chunks and stops the download with :class:`OperationCancelledError`. The file
    appears under its final name only once complete and checked.
    """
    links = [link for link in entry.links if link.startswith(("http://", "https://"))]
    if not links:
        raise DownloadError(f"The package index gives no http(s) link for {entry.code}.")
    folder.mkdir(parents=True, exist_ok=True)
    errors: list[DownloadError] = []
    for link in links:
        try:
            return _download(link, entry, folder, progress, cancelled, timeout)
        except DownloadError as exc:
            log.warning("download of %s failed: %s", link, exc)
            errors.append(exc)
    raise errors[-1]


def _download(
    url: str,
    entry: IndexEntry,
    folder: Path,
    progress: Progress | None,
    cancelled: Cancelled | None,
    timeout: float,
) -> Path:
    target = folder / entry.file_name
    digest = hashlib.sha256()
    with _open(url, timeout) as response:
        announced = _announced_length(response)
        expected = entry.size or announced
        if expected and expected > MAX_PACK_BYTES:
            raise DownloadError(f"{entry.code} is {format_size(expected)}, more than a language pack can be.")
        if entry.size and announced and entry.size != announced:
            raise DownloadError(f"The server sends {format_size(announced)} for {entry.code}, not the indexed size.")
        with atomic_output(target, error=None, prefix=".download-", suffix=".part") as temp:
            with open(temp, "wb") as sink:
                done = _stream(response, sink, digest, expected, progress, cancelled, url)
            _verify(entry, done, expected, digest.hexdigest())
    log.info("downloaded %s (%d bytes) to %s", url, done, target)
    return target


def _announced_length(response: Any) -> int | None:
    value = response.headers.get("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _stream(
    response: Any,
    sink: BinaryIO,
    digest: Any,
    expected: int | None,
    progress: Progress | None,
    cancelled: Cancelled | None,
    url: str,
) -> int:
    """Copy the response body to ``sink`` in chunks; return the byte count."""
    done = 0
    limit = min(expected, MAX_PACK_BYTES) if expected else MAX_PACK_BYTES
    while True:
        if cancelled is not None and cancelled():
            raise OperationCancelledError("The download was cancelled.")
        try:
            chunk = response.read(_CHUNK)
        except (OSError, urllib.error.URLError) as exc:
            raise _offline_error(url, exc) from exc
        if not chunk:
            return done
        done += len(chunk)
        if done > limit:
            raise DownloadError("The server sent more data than announced; the download was stopped.")
        digest.update(chunk)
        sink.write(chunk)
        if progress is not None:
            progress(done, expected or 0)


def _verify(entry: IndexEntry, done: int, expected: int | None, sha256: str) -> None:
    if expected is not None and done != expected:
        raise DownloadError(
            f"The download of {entry.code} stopped early ({format_size(done)} of {format_size(expected)})."
        )
    if entry.sha256 and entry.sha256 != sha256:
        raise DownloadError(f"The downloaded {entry.code} does not match the index's checksum; it was deleted.")
