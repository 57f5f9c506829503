"""Check, before Qt starts, that its Linux platform plugin can load, so a missing system library gets one sentence.

Qt aborts the whole process (``qt.qpa.plugin: Could not load the Qt platform plugin "xcb"``) when a library its
xcb plugin links against is missing, which a Python ``try`` cannot catch. Loading the plugin file with ``dlopen``
first fails in the ordinary way and names the first missing library. No Qt import happens here: ``PySide6.QtGui``
itself fails to import without ``libEGL``/``libGL``.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from reader.core.errors import ReaderError

#: Debian/Ubuntu packages whose dependency closure holds every library Qt's xcb plugin and the Qt libraries it
#: loads (QtCore, QtGui, QtWidgets, QtDBus, QtXcbQpa) link against; worked out with ldd and dpkg -S (see README).
XCB_PACKAGES = (
    "libdbus-1-3",
    "libegl1",
    "libfontconfig1",
    "libgl1",
    "libglib2.0-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxkbcommon-x11-0",
)
APT_LINE = "sudo apt-get install " + " ".join(XCB_PACKAGES)

#: The dynamic loader names the library first: "libfoo.so.1: cannot open shared object file: …" (absent) or
#: "/usr/lib/…/libfoo.so.1: file too short" (damaged).
_MISSING_LIBRARY = re.compile(r"([^\s:]+\.so(?:\.[\w.]+)?): ")


def chosen_platform(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Return the platform plugin Qt will try first on Linux (``"xcb"``, ``"wayland"``, ...), or None elsewhere."""
    if not platform.startswith("linux"):
        return None
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        # "xcb:option=value" and "wayland;xcb" (a fallback list) both start with the plugin tried first
        return requested.split(";")[0].split(":")[0].strip() or None
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return "wayland"  # Qt 6 prefers its wayland plugin in a Wayland session
    return "xcb"


def xcb_plugin_path() -> Path | None:
    """Return the path of PySide6's bundled xcb platform plugin, or None when it is not where a wheel puts it."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if path.is_file():
            return path
    return None


def missing_library(error: BaseException) -> str | None:
    """Return the shared library a dynamic loader error names ("libfoo.so.1: cannot open shared object file")."""
    match = _MISSING_LIBRARY.search(str(error))
    return Path(match.group(1)).name if match else None


def _dlopen(path: Path) -> None:
    # RTLD_LAZY: only the libraries must be present; symbols resolve when Qt itself uses the plugin.
    ctypes.CDLL(str(path), mode=os.RTLD_LAZY | os.RTLD_LOCAL)


def probe_xcb_plugin(path: Path, load: Callable[[Path], None] | None = None) -> str | None:
    """Load the xcb plugin with the system loader; return the first missing library it names, or None when it loads."""
    try:
        (load or _dlopen)(path)
    except OSError as error:
        return missing_library(error) or str(error)
    return None


def missing_library_message(library: str) -> str:
    """Return the one sentence shown when a system library Qt needs is missing."""
    return (
        f"Qt cannot open a window because the system library {library} is missing or cannot be loaded; "
        f"on Debian or Ubuntu install Qt's libraries with: {APT_LINE}"
    )


def check_qt_platform(
    environ: Mapping[str, str] | None = None,
    plugin: Path | None = None,
    load: Callable[[Path], None] | None = None,
) -> None:
    """Raise ReaderError with one sentence when Qt's xcb plugin would abort the process at start-up."""
    environ = os.environ if environ is None else environ
    if chosen_platform(environ) != "xcb":
        return
    plugin = plugin or xcb_plugin_path()
    if plugin is None:
        return  # not a PySide6 wheel layout: let Qt report whatever it finds
    library = probe_xcb_plugin(plugin, load)
    if library is not None:
        raise ReaderError(missing_library_message(library))
    if not environ.get("DISPLAY"):
        raise ReaderError(
            "Reader needs a graphical desktop but DISPLAY is not set; start it from a desktop session "
            "(the command-line tools work anywhere: reader --help)"
        )
