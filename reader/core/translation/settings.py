"""Argos Translate's folders and settings, resolved exactly as ``argostranslate.settings`` resolves them.

Reader installs packs where Argos keeps them, so a pack installed with ``argospm install translate-zh_en`` is
found by Reader and the other way round. Argos reads each setting from an environment variable first, then from
``$XDG_CONFIG_HOME/argos-translate/settings.json``; its folders live below ``$XDG_DATA_HOME`` and
``$XDG_CACHE_HOME`` (``~/.local/share`` and ``~/.local/cache`` when unset, on every platform; ``$SNAP_USER_DATA``
replaces the home folder inside a snap). Unlike ``import argostranslate``, resolving creates no folder.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_INDEX_BASE = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


@dataclass(frozen=True)
class ArgosSettings:
    """Where Argos packs live and how Argos runs them (beam size, batch size, threads, device)."""

    packages_dir: Path
    extra_package_dirs: tuple[Path, ...]
    downloads_dir: Path
    index_url: str
    device: str = "cpu"
    beam_size: int = 4
    batch_size: int = 32
    compute_type: str = "auto"
    inter_threads: int = 1
    intra_threads: int = 0

    @property
    def package_dirs(self) -> tuple[Path, ...]:
        """Every folder searched for installed packs, the writable one first."""
        return (self.packages_dir, *self.extra_package_dirs)


def resolve_argos_settings(environ: Mapping[str, str] | None = None) -> ArgosSettings:
    """Return Argos' settings for ``environ`` (default: ``os.environ``), as ``argostranslate.settings`` would."""
    env = os.environ if environ is None else environ
    home = Path(env["SNAP_USER_DATA"]) if "SNAP" in env and env.get("SNAP_USER_DATA") else Path.home()
    data_dir = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / "argos-translate"
    config_dir = Path(env.get("XDG_CONFIG_HOME") or home / ".config") / "argos-translate"
    cache_dir = Path(env.get("XDG_CACHE_HOME") or home / ".local" / "cache") / "argos-translate"
    file_settings = _read_settings_file(config_dir / "settings.json")

    def setting(key: str, default: str) -> str:
        if key in env:
            return env[key]
        value = file_settings.get(key)
        return str(value) if value is not None else default

    return ArgosSettings(
        packages_dir=Path(setting("ARGOS_PACKAGES_DIR", str(data_dir / "packages"))).expanduser(),
        extra_package_dirs=_snap_package_dirs(env),
        downloads_dir=cache_dir / "downloads",
        index_url=setting("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX_BASE).rstrip("/") + "/index.json",
        device=setting("ARGOS_DEVICE_TYPE", "cpu"),
        beam_size=_int_setting(setting("ARGOS_BEAM_SIZE", "4"), 4, minimum=1),
        batch_size=_int_setting(setting("ARGOS_BATCH_SIZE", "32"), 32, minimum=1),
        compute_type=setting("ARGOS_COMPUTE_TYPE", "auto"),
        inter_threads=_int_setting(setting("ARGOS_INTER_THREADS", "1"), 1, minimum=1),
        intra_threads=_int_setting(setting("ARGOS_INTRA_THREADS", str(default_intra_threads())), 0, minimum=0),
    )


def default_intra_threads() -> int:
    """Threads the model may use when the user has not chosen: all cores but one, left for the window.

    Argos' own default (0) lets CTranslate2 take every core; on a 2-core machine that made the GUI stutter and, with
    the test model, made translation 15× slower than one thread (bench/RESULTS.md, "Translation in the GUI").
    """
    return max(1, (os.cpu_count() or 2) - 1)


def _read_settings_file(path: Path) -> dict[str, Any]:
    """Argos' settings.json as a dict; a missing or broken file counts as empty (Argos only prints a warning)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable Argos settings file %s: %s", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def _int_setting(value: str, default: int, *, minimum: int) -> int:
    try:
        number = int(value)
    except ValueError:
        log.warning("ignoring Argos setting %r: not a whole number", value)
        return default
    return max(number, minimum)


def _snap_package_dirs(env: Mapping[str, str]) -> tuple[Path, ...]:
    """Read-only pack folders bundled with a snap, searched after the main folder as Argos does."""
    if not env.get("SNAP"):
        return ()
    custom = Path(env["SNAP"]) / "snap_custom"
    folders = [custom / "packages"] if (custom / "packages").is_dir() else []
    content = custom / "content_snap_packages"
    if content.is_dir():
        folders.extend(sorted(path for path in content.iterdir() if path.is_dir()))
    return tuple(folders)
