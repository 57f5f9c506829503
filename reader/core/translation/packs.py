"""Installed Argos language packs: list them, check a ``.argosmodel`` file, install it, remove a pack.

A pack file is a zip holding one top folder with ``metadata.json`` (``from_code``, ``to_code``,
``package_version``…), ``model/`` (a CTranslate2 model) and ``sentencepiece.model``, sometimes with ``stanza/`` or
``minisbd/`` (Reader splits sentences itself and ignores those). Installing unpacks the top folder into Argos'
package folder (see :mod:`reader.core.translation.settings`), like ``argostranslate.package.install_from_path``
but checked first: no path outside the folder, no absolute path or link, no absurd size or compression ratio.
It is unpacked in a temporary folder, where its model is loaded and made to translate one sentence; only a pack
that works there replaces the installed one (same language pair only), in two renames, so a failed, cancelled
or broken install leaves the working pack in place.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from reader.core.errors import TranslationError
from reader.core.textio import format_size
from reader.core.translation.engine import ArgosEngine
from reader.core.translation.errors import OperationCancelledError, PackError
from reader.core.translation.settings import ArgosSettings

log = logging.getLogger(__name__)

#: Called with (bytes done, bytes in all) while a pack is unpacked or downloaded.
Progress = Callable[[int, int], None]
#: Polled between steps; returning True stops the work.
Cancelled = Callable[[], bool]

#: Largest unpacked pack accepted (the real zh→en pack is about 200 MB unpacked).
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_MEMBERS = 10_000
#: Largest compression ratio accepted for a member above :data:`RATIO_CHECK_FROM` (a zip bomb has ~1000:1).
MAX_RATIO = 100
RATIO_CHECK_FROM = 1024**2
MAX_METADATA_BYTES = 1024**2
_CHUNK = 1024**2
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,127}")
#: Files every pack must hold (relative to its top folder), with the words used when one is missing.
REQUIRED_FILES = (
    ("metadata.json", "metadata.json"),
    ("model/model.bin", "CTranslate2 model (model/model.bin)"),
    ("model/config.json", "model configuration (model/config.json)"),
    ("sentencepiece.model", "sentencepiece.model (packs with a BPE tokenizer are not supported)"),
)
#: Errors the zip module raises on a damaged or unsupported member (bad CRC, unknown compression method…).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, zlib.error, KeyError)
#: The sentence a freshly unpacked pack must translate before it is installed, by source language.
TRIAL_SENTENCES = {"zh": "你好。"}


#: Every pack's source label starts with this: a translation whose source starts so came from a machine.
MACHINE_SOURCE_PREFIX = "argos "


def is_machine_translation(source: str) -> bool:
    """Whether a translation with this source label came from a language pack (reference, subtitle or the
    learner's own translations do not)."""
    return source.startswith(MACHINE_SOURCE_PREFIX)


@dataclass(frozen=True)
class PackInfo:
    """An installed language pack, described by its ``metadata.json``."""

    path: Path
    code: str
    type: str
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    target_prefix: str = ""

    @property
    def name(self) -> str:
        """The pack's folder name (``translate-zh_en-1_9``)."""
        return self.path.name

    @property
    def label(self) -> str:
        """The label shown as a translation's source (``argos translate-zh_en 1.9``)."""
        return f"{MACHINE_SOURCE_PREFIX}{self.code} {self.version}".rstrip()

    @property
    def languages(self) -> str:
        """The language pair in words (``Chinese → English``)."""
        return f"{self.from_name or self.from_code} → {self.to_name or self.to_code}"

    @property
    def model_dir(self) -> Path:
        """The CTranslate2 model folder."""
        return self.path / "model"

    @property
    def sentencepiece_model(self) -> Path:
        """The SentencePiece model shared by source and target."""
        return self.path / "sentencepiece.model"

    def size_bytes(self) -> int:
        """Bytes the pack takes on disk."""
        return sum(path.stat().st_size for path in self.path.rglob("*") if path.is_file())


def pack_code(metadata: dict[str, Any]) -> str:
    """Return the name ``argospm`` gives a pack: its type, then ``-from_to`` (``translate-zh_en``)."""
    kind = str(metadata.get("type") or "translate")
    return f"{kind}-{metadata['from_code']}_{metadata['to_code']}"


_J = TypeVar("_J", list[Any], dict[str, Any])


def parse_json(
    data: bytes, kind: type[_J], error: Callable[[str], Exception], what: str, shape: str, *, encoding: str = "utf-8"
) -> _J:
    """Parse JSON ``data`` that must be a ``kind`` (list or dict), raising ``error`` with one plain sentence if not.

    The sentences are ``"{what} is not valid JSON."`` and ``"{what} is not {shape}."``.
    """
    try:
        value = json.loads(data.decode(encoding))
    except (UnicodeDecodeError, ValueError) as exc:
        raise error(f"{what} is not valid JSON.") from exc
    if not isinstance(value, kind):
        raise error(f"{what} is not {shape}.")
    return value


def parse_metadata(data: bytes, where: str) -> dict[str, Any]:
    """Parse a pack's ``metadata.json``; raise :class:`PackError` unless it names both languages."""
    # utf-8-sig: a metadata.json saved with a byte-order mark still reads
    what = f"{where} has a metadata.json that"
    metadata = parse_json(data, dict, PackError, what, "a JSON object", encoding="utf-8-sig")
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not _SAFE_NAME.fullmatch(value):
            raise PackError(f"{where} has no valid {key!r} in its metadata.json.")
    if str(metadata.get("type") or "translate") != "translate":
        raise PackError(f"{where} is not a translation pack (its type is {metadata.get('type')!r}).")
    return metadata


def read_pack(folder: Path) -> PackInfo:
    """Describe the pack installed in ``folder``; raise :class:`PackError` if it is not a usable pack."""
    where = f"The pack folder {folder.name}"
    try:
        data = (folder / "metadata.json").read_bytes()
    except OSError as exc:
        raise PackError(f"{where} has no readable metadata.json.") from exc
    metadata = parse_metadata(data, where)
    for required, what in REQUIRED_FILES[1:]:
        if not (folder / required).is_file():
            raise PackError(f"{where} has no {what}.")
    return PackInfo(
        path=folder,
        code=pack_code(metadata),
        type=str(metadata.get("type") or "translate"),
        from_code=metadata["from_code"],
        to_code=metadata["to_code"],
        from_name=str(metadata.get("from_name") or ""),
        to_name=str(metadata.get("to_name") or ""),
        version=str(metadata.get("package_version") or ""),
        target_prefix=str(metadata.get("target_prefix") or ""),
    )


def list_packs(settings: ArgosSettings) -> list[PackInfo]:
    """Return the usable packs in Argos' folders, sorted by code then version (broken folders are logged)."""
    packs: list[PackInfo] = []
    for directory in settings.package_dirs:
        if not directory.is_dir():
            continue
        for folder in sorted(directory.iterdir()):
            if not folder.is_dir() or folder.name.startswith("."):
                continue
            try:
                packs.append(read_pack(folder))
            except PackError as exc:
                log.warning("skipping %s: %s", folder, exc)
    return sorted(packs, key=lambda pack: (pack.code, version_key(pack.version)))


def find_pack(settings: ArgosSettings, from_code: str = "zh", to_code: str = "en") -> PackInfo | None:
    """Return the newest installed pack translating ``from_code`` to ``to_code``, or ``None``."""
    matches = [pack for pack in list_packs(settings) if (pack.from_code, pack.to_code) == (from_code, to_code)]
    return max(matches, key=lambda pack: version_key(pack.version)) if matches else None


def version_key(version: str) -> tuple[int, ...]:
    """Order versions by their numbers (``1.10`` after ``1.9``)."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


# ---------------------------------------------------------------------------------------------------------------
# Checking and installing a pack file


@dataclass(frozen=True)
class ArchiveCheck:
    """What :func:`check_archive` learned about a pack file that passed every check."""

    top: str
    metadata: dict[str, Any]
    members: tuple[zipfile.ZipInfo, ...]
    unpacked_bytes: int

    @property
    def code(self) -> str:
        """The ``argospm`` name of the pack in the file."""
        return pack_code(self.metadata)


def check_archive(path: Path) -> ArchiveCheck:
    """Check that ``path`` is a safe, complete Argos translation pack; raise :class:`PackError` if not."""
    where = f"{path.name}"
    if not path.is_file():
        raise PackError(f"{where} does not exist or is not a file.")
    if not zipfile.is_zipfile(path):
        raise PackError(f"{where} is not a language pack (.argosmodel files are zip archives).")
    try:
        with zipfile.ZipFile(path) as archive:
            members = tuple(archive.infolist())
            top = _check_members(members, where)
            metadata_info = archive.getinfo(f"{top}/metadata.json")
            if metadata_info.file_size > MAX_METADATA_BYTES:
                raise PackError(f"{where} has a metadata.json of {format_size(metadata_info.file_size)}.")
            metadata = parse_metadata(archive.read(metadata_info), where)
    except (*_ZIP_ERRORS, OSError) as exc:
        raise PackError(f"{where} is a damaged or unsupported zip archive ({_describe(exc)}).") from exc
    unpacked = sum(member.file_size for member in members)
    return ArchiveCheck(top, metadata, members, unpacked)


def _check_members(members: tuple[zipfile.ZipInfo, ...], where: str) -> str:
    """Check every member's name, type and size; return the one top folder."""
    if not members:
        raise PackError(f"{where} is an empty archive.")
    if len(members) > MAX_MEMBERS:
        raise PackError(f"{where} holds {len(members)} files, far more than a language pack.")
    tops: set[str] = set()
    seen: set[str] = set()
    total = 0
    for member in members:
        parts = _safe_parts(member.filename, where)
        tops.add(parts[0])
        key = "/".join(parts).casefold()
        if key in seen:
            raise PackError(f"{where} holds {member.filename!r} twice.")
        seen.add(key)
        _check_member_kind(member, where)
        total += member.file_size
        if total > MAX_UNPACKED_BYTES:
            raise PackError(f"{where} would unpack to more than {format_size(MAX_UNPACKED_BYTES)}.")
        if member.file_size > RATIO_CHECK_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise PackError(f"{where} has a member that expands suspiciously ({member.filename!r}).")
    if len(tops) != 1:
        raise PackError(f"{where} must hold exactly one top folder (it holds {len(tops)} top-level entries).")
    top = tops.pop()
    if not _SAFE_NAME.fullmatch(top):
        raise PackError(f"{where} has a top folder with an unusual name ({top!r}).")
    files = {member.filename for member in members if not member.is_dir()}
    for required, what in REQUIRED_FILES:
        # Exact, case-sensitive names of files (not folders): Argos and CTranslate2 open exactly these.
        if f"{top}/{required}" not in files:
            raise PackError(f"{where} has no {what}.")
    return top


def _safe_parts(name: str, where: str) -> list[str]:
    """Split a member name into parts, refusing absolute paths, ``..``, backslashes and drive letters."""
    if "\\" in name or "\x00" in name or name.startswith("/") or re.match(r"[A-Za-z]:", name):
        raise PackError(f"{where} contains an unsafe path ({name!r}).")
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise PackError(f"{where} contains an unsafe path ({name!r}).")
    return parts


def _check_member_kind(member: zipfile.ZipInfo, where: str) -> None:
    """Refuse links, devices and encrypted members: a pack holds plain files and folders only."""
    mode = member.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        raise PackError(f"{where} contains a link or special file ({member.filename!r}).")
    if member.flag_bits & 0x1:
        raise PackError(f"{where} contains an encrypted file ({member.filename!r}).")


def install_pack(
    archive_path: Path,
    settings: ArgosSettings,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PackInfo:
    """Check and install the pack file ``archive_path``; return the installed pack.

    An installed pack with the same ``argospm`` name (an older version) is replaced. ``progress(done, total)``
    reports unpacked bytes; ``cancelled()`` is polled between chunks and, when true, stops the install with
    :class:`OperationCancelledError`, leaving the installed packs as they were.
    """
    check = check_archive(archive_path)
    destination = settings.packages_dir
    try:
        destination.mkdir(parents=True, exist_ok=True)
        _check_free_space(destination, check.unpacked_bytes)
        staging = Path(tempfile.mkdtemp(prefix=".reader-install-", dir=_staging_parent(destination)))
    except OSError as exc:
        raise PackError(f"The pack folder {destination} cannot be written ({exc.strerror or exc}).") from exc
    try:
        try:
            _extract(archive_path, check, staging, progress, cancelled)
        except _ZIP_ERRORS as exc:
            raise PackError(f"{archive_path.name} is a damaged or unsupported zip archive ({_describe(exc)}).") from exc
        unpacked = staging / check.top
        trial_translation(read_pack(unpacked), settings, archive_path.name)
        target = destination / check.top
        replaced = _check_replacement(destination, target, read_pack(unpacked))
        _swap_in(unpacked, target, replaced, staging / ".replaced")
    except OSError as exc:
        raise PackError(f"The pack could not be installed in {destination} ({exc.strerror or exc}).") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("installed pack %s in %s", check.code, target)
    return read_pack(target)


def trial_translation(pack: PackInfo, settings: ArgosSettings, where: str) -> str:
    """Load ``pack``'s model and translate one sentence with it; raise :class:`PackError` if that fails.

    This is what makes a pack "work": a junk ``model.bin``, a missing vocabulary or a broken configuration only
    show when CTranslate2 loads and runs the model, so every install runs it before touching the installed packs.
    """
    engine = ArgosEngine(pack, settings)
    try:
        result = engine.translate([TRIAL_SENTENCES.get(pack.from_code, "Hello.")])
    except TranslationError as exc:
        raise PackError(f"{where} does not work as a language pack: its model could not translate a sentence.") from exc
    finally:
        engine.close()
    if len(result) != 1 or not isinstance(result[0], str):
        raise PackError(f"{where} does not work as a language pack: its model gave no translation.")
    return result[0]


def _check_replacement(destination: Path, target: Path, new: PackInfo) -> list[Path]:
    """Return the installed pack folders ``new`` replaces; refuse to replace a pack of another language pair."""
    replaced = [destination / pack.name for pack in _same_code(destination, new.code)]
    if target.exists() and target not in replaced:
        try:
            old = read_pack(target)
        except PackError:
            old = None  # a broken folder under the same name: the working new pack may replace it
        if old is not None and (old.from_code, old.to_code) != (new.from_code, new.to_code):
            raise PackError(
                f"The pack folder {target.name} already holds the {old.languages} pack; this file is a "
                f"{new.languages} pack under the same name, so it was not installed."
            )
        replaced.append(target)
    return replaced


def _swap_in(unpacked: Path, target: Path, replaced: list[Path], trash: Path) -> None:
    """Move the checked pack to ``target`` and the packs it replaces aside; put them back if the move fails."""
    trash.mkdir()
    moved: list[tuple[Path, Path]] = []
    try:
        for index, old in enumerate(replaced):
            if old.exists():
                aside = trash / f"{index}-{old.name}"
                old.rename(aside)
                moved.append((old, aside))
        unpacked.rename(target)
    except OSError:
        for old, aside in reversed(moved):
            if not old.exists():
                aside.rename(old)
        raise


def _describe(exc: BaseException) -> str:
    """A short reason for a zip error (KeyError's text is only the quoted name)."""
    if isinstance(exc, KeyError):
        return f"a member is missing: {exc}"
    return str(exc) or type(exc).__name__


def _staging_parent(destination: Path) -> Path:
    """A folder on the same disk as ``destination`` but outside it (Argos reads every folder inside it)."""
    parent = destination.parent
    return parent if parent != destination and _writable(parent) else destination


def _writable(folder: Path) -> bool:
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _check_free_space(folder: Path, needed: int) -> None:
    free = shutil.disk_usage(folder).free
    if free < needed + 16 * 1024**2:
        raise PackError(f"Not enough disk space: the pack needs {format_size(needed)}, {format_size(free)} is free.")


def _same_code(folder: Path, code: str) -> list[PackInfo]:
    found = []
    for path in sorted(folder.iterdir()):
        if not path.is_dir() or path.name.startswith("."):
            continue
        try:
            pack = read_pack(path)
        except PackError:
            continue
        if pack.code == code:
            found.append(pack)
    return found


def _extract(
    archive_path: Path, check: ArchiveCheck, staging: Path, progress: Progress | None, cancelled: Cancelled | None
) -> None:
    """Unpack every member below ``staging``, counting bytes (a member may not exceed its declared size)."""
    done = 0
    with zipfile.ZipFile(archive_path) as archive:
        for member in check.members:
            target = staging.joinpath(*PurePosixPath(member.filename).parts)
            if member.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            with archive.open(member) as source, open(target, "xb") as sink:
                while chunk := source.read(_CHUNK):
                    written += len(chunk)
                    if written > member.file_size:
                        raise PackError(f"{archive_path.name} has a member larger than it declares.")
                    sink.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, check.unpacked_bytes)
                    if cancelled is not None and cancelled():
                        raise OperationCancelledError("The installation was cancelled.")
    if progress is not None:
        progress(check.unpacked_bytes, check.unpacked_bytes)


def remove_pack(name: str, settings: ArgosSettings) -> list[PackInfo]:
    """Remove the installed pack(s) whose folder name or ``argospm`` name is ``name``; return what was removed.

    Only the writable pack folder is touched (packs bundled with a snap are read-only).
    """
    folder = settings.packages_dir
    matches = [pack for pack in list_packs(settings) if name in (pack.name, pack.code) and pack.path.parent == folder]
    if not matches:
        raise PackError(f"No installed language pack is called {name!r} (see `reader packs list`).")
    for pack in matches:
        try:
            doomed = Path(tempfile.mkdtemp(prefix=".reader-remove-", dir=_staging_parent(folder)))
            pack.path.rename(doomed / pack.name)
        except OSError as exc:
            raise PackError(f"The pack {pack.name} could not be removed ({exc.strerror or exc}).") from exc
        shutil.rmtree(doomed, ignore_errors=True)
        log.info("removed pack %s", pack.path)
    return matches
