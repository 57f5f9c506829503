"""`reader` on Linux without the system libraries Qt's xcb plugin needs: one sentence and exit 2, not Qt's abort."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.commands import qt_platform
from reader.commands.qt_platform import APT_LINE, XCB_PACKAGES, chosen_platform, probe_xcb_plugin, xcb_plugin_path

pytestmark = pytest.mark.core

GLIBC_ERROR = "libxcb-icccm.so.4: cannot open shared object file: No such file or directory"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "xcb"),  # nothing set: Qt's default on Linux
        ({"QT_QPA_PLATFORM": "xcb"}, "xcb"),
        ({"QT_QPA_PLATFORM": "xcb:nograb"}, "xcb"),  # plugin options after a colon
        ({"QT_QPA_PLATFORM": "offscreen"}, "offscreen"),  # the test suite and headless scripts
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "wayland"),  # a fallback list: the first is tried first
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "wayland"),  # Qt 6 in a Wayland session
        ({"XDG_SESSION_TYPE": "wayland"}, "xcb"),  # no compositor socket: Qt falls back to xcb
        ({"XDG_SESSION_TYPE": "x11", "WAYLAND_DISPLAY": "wayland-0"}, "xcb"),  # XWayland-only session
    ],
)
def test_chosen_platform_follows_qt(environ: dict[str, str], expected: str) -> None:
    assert chosen_platform(environ, platform="linux") == expected


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_no_check_outside_linux(platform: str) -> None:
    assert chosen_platform({}, platform=platform) is None


def _refuse_to_load(path: Path) -> None:
    raise OSError(GLIBC_ERROR)


def _start_gui_forbidden(**_kwargs: object) -> int:
    raise AssertionError("Qt must not start when its platform plugin cannot load")


def test_missing_xcb_library_gives_one_sentence_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(qt_platform, "xcb_plugin_path", lambda: tmp_path / "libqxcb.so")
    monkeypatch.setattr(qt_platform, "_dlopen", _refuse_to_load)
    monkeypatch.setattr("reader.ui.app.run_gui", _start_gui_forbidden)
    status = main(["--data-dir", str(tmp_path / "data")])
    _out, err = capsys.readouterr()
    assert status == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "libxcb-icccm.so.4 is missing" in err
    assert err.rstrip().endswith(APT_LINE)
    assert "sudo apt-get install libdbus-1-3 " in err and "libxcb-keysyms1" in err


def test_no_display_gives_one_sentence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    environ = {"QT_QPA_PLATFORM": "xcb"}
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(qt_platform.ReaderError, match="DISPLAY is not set"):
        qt_platform.check_qt_platform(environ, plugin=tmp_path / "libqxcb.so", load=lambda _path: None)


def test_offscreen_skips_the_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    qt_platform.check_qt_platform({"QT_QPA_PLATFORM": "offscreen"}, load=_refuse_to_load)


def test_missing_egl_at_import_gives_the_same_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """PySide6.QtGui itself links libEGL: without it even the offscreen platform fails at import."""
    real_import = __import__

    def failing_import(name: str, *args: object, **kwargs: object) -> object:
        if name == "reader.ui.app":
            raise ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("builtins.__import__", failing_import)
    status = main(["--data-dir", str(tmp_path / "data"), "gui"])
    _out, err = capsys.readouterr()
    assert status == 2 and "libEGL.so.1 is missing" in err and APT_LINE in err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF and dlopen are Linux's")
def test_real_plugin_with_a_library_renamed_away(tmp_path: Path) -> None:
    """A copy of the real plugin whose libxcb-icccm entry names a library no system has: the real loader says so."""
    plugin = xcb_plugin_path()
    if plugin is None:
        pytest.skip("PySide6's xcb plugin is not installed here")
    if probe_xcb_plugin(plugin) is not None:
        pytest.skip(f"the real plugin does not load here ({probe_xcb_plugin(plugin)})")
    qt = tmp_path / "Qt"
    (qt / "plugins" / "platforms").mkdir(parents=True)
    (qt / "lib").symlink_to(plugin.parents[2] / "lib")  # the plugin's RUNPATH is $ORIGIN/../../lib
    data = plugin.read_bytes()
    assert b"libxcb-icccm.so.4\0" in data
    copy = qt / "plugins" / "platforms" / "libqxcb.so"
    copy.write_bytes(data.replace(b"libxcb-icccm.so.4\0", b"libxcb-icccX.so.4\0"))
    assert probe_xcb_plugin(copy) == "libxcb-icccX.so.4"


def test_apt_line_names_each_package_once() -> None:
    assert len(set(XCB_PACKAGES)) == len(XCB_PACKAGES) == len(APT_LINE.split()) - 3


@pytest.mark.parametrize(
    ("error", "library"),
    [
        ("libxcb-icccm.so.4: cannot open shared object file: No such file or directory", "libxcb-icccm.so.4"),
        ("/lib/x86_64-linux-gnu/libxcb-icccm.so.4: file too short", "libxcb-icccm.so.4"),  # a damaged file
        ("libEGL.so.1: cannot open shared object file: No such file or directory", "libEGL.so.1"),
        ("libQt6XcbQpa.so.6: cannot open shared object file", "libQt6XcbQpa.so.6"),  # a broken PySide6 install
        ("something else went wrong", None),  # not a loader error: the caller shows the text itself
    ],
)
def test_missing_library_reads_the_loader_error(error: str, library: str | None) -> None:
    assert qt_platform.missing_library(OSError(error)) == library
