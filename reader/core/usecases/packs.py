"""Install, download and remove Argos language packs: one implementation for the Language Packs dialog and
``reader packs``.

Downloading looks the pair up in the package index first (:func:`find_download`); when the newest version is
installed already, nothing is downloaded. A download is installed as soon as it has arrived and its file is then
deleted, whether the install worked or not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.translation.download import DEFAULT_TIMEOUT, IndexEntry, download_pack, fetch_index, find_entry
from reader.core.translation.errors import DownloadError
from reader.core.translation.packs import Cancelled, PackInfo, find_pack, install_pack, remove_pack, version_key
from reader.core.translation.settings import ArgosSettings

#: Progress of a pack operation: what is happening (``Downloading zh→en 1.9``), bytes done, bytes in all (0: unknown).
StepProgress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class PackOffer:
    """The newest pack the index offers for a language pair, and the newest one installed for it."""

    entry: IndexEntry
    installed: PackInfo | None

    @property
    def up_to_date(self) -> bool:
        """True if the installed pack is as new as the offered one (downloading would change nothing)."""
        return self.installed is not None and version_key(self.installed.version) >= version_key(self.entry.version)

    @property
    def up_to_date_note(self) -> str:
        """The sentence that says nothing needs downloading."""
        return f"The newest {self.entry.languages} pack (version {self.entry.version or '?'}) is installed already."


def find_download(
    settings: ArgosSettings,
    from_code: str = "zh",
    to_code: str = "en",
    *,
    index_url: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> PackOffer:
    """Look the pair up in the package index (``index_url``, else the settings'); :class:`DownloadError` if absent."""
    url = index_url or settings.index_url
    entry = find_entry(fetch_index(url, timeout=timeout), from_code, to_code)
    if entry is None:
        raise DownloadError(f"The package index at {url} offers no {from_code}→{to_code} pack.")
    return PackOffer(entry, find_pack(settings, from_code, to_code))


def install_file(
    path: Path,
    settings: ArgosSettings,
    *,
    progress: StepProgress | None = None,
    cancelled: Cancelled | None = None,
) -> PackInfo:
    """Check the pack file ``path``, install it (replacing an older version of the pair) and return the new pack."""
    return install_pack(path, settings, progress=_step(progress, f"Installing {path.name}"), cancelled=cancelled)


def download_and_install(
    entry: IndexEntry,
    settings: ArgosSettings,
    *,
    progress: StepProgress | None = None,
    cancelled: Cancelled | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> PackInfo:
    """Download ``entry``'s pack file, install it and delete the download; return the installed pack."""
    path = download_pack(
        entry,
        settings.downloads_dir,
        progress=_step(progress, f"Downloading {entry.languages} {entry.version}"),
        cancelled=cancelled,
        timeout=timeout,
    )
    try:
        return install_file(path, settings, progress=progress, cancelled=cancelled)
    finally:
        path.unlink(missing_ok=True)


def remove(name: str, settings: ArgosSettings) -> list[PackInfo]:
    """Remove the installed pack(s) called ``name`` (folder or ``argospm`` name); return what was removed."""
    return remove_pack(name, settings)


def _step(progress: StepProgress | None, label: str) -> Callable[[int, int], None] | None:
    """The core's byte progress for one step, reported to ``progress`` with the step's label."""
    if progress is None:
        return None
    return lambda done, total: progress(label, done, total)
