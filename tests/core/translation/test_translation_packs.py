"""Language packs: where Argos keeps them, checking pack files, install, replace, remove."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.translation import packs as packs_module
from reader.core.translation.errors import OperationCancelledError, PackError
from reader.core.translation.packs import check_archive, find_pack, install_pack, list_packs, remove_pack
from reader.core.translation.settings import ArgosSettings, resolve_argos_settings
from tests.core.translation_helpers import TINY_PACK, TINY_TOP, pack_variant, tiny_members, write_zip

pytestmark = pytest.mark.core


@pytest.fixture
def settings() -> ArgosSettings:
    """Argos settings for this test's own XDG folders (set by the autouse fixture)."""
    return resolve_argos_settings()


# -- where the packs are ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        # nothing set: Argos' default below the home folder, on every platform
        ({"HOME": "/h"}, "/h/.local/share/argos-translate/packages"),
        # XDG_DATA_HOME moves Argos' data folder
        ({"HOME": "/h", "XDG_DATA_HOME": "/x"}, "/x/argos-translate/packages"),
        # ARGOS_PACKAGES_DIR wins over everything
        ({"HOME": "/h", "XDG_DATA_HOME": "/x", "ARGOS_PACKAGES_DIR": "/p"}, "/p"),
        # inside a snap, the snap's user data folder replaces the home folder
        (
            {"HOME": "/h", "SNAP": "/nonexistent-snap", "SNAP_USER_DATA": "/s"},
            "/s/.local/share/argos-translate/packages",
        ),
    ],
)
def test_packages_dir_is_resolved_as_argos_does(
    env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", env["HOME"])
    assert resolve_argos_settings(env).packages_dir == Path(expected)


def test_settings_file_sets_the_packages_dir_and_environment_overrides_it(tmp_path: Path) -> None:
    config = tmp_path / "config" / "argos-translate"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"ARGOS_PACKAGES_DIR": "/from-file", "ARGOS_BEAM_SIZE": "2"}))
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    from_file = resolve_argos_settings(env)
    assert (from_file.packages_dir, from_file.beam_size) == (Path("/from-file"), 2)
    assert resolve_argos_settings({**env, "ARGOS_PACKAGES_DIR": "/from-env"}).packages_dir == Path("/from-env")


def test_default_index_url_is_argos_index(settings: ArgosSettings) -> None:
    assert settings.index_url.endswith("/argospm-index/main/index.json")


def test_resolving_creates_no_folder(settings: ArgosSettings) -> None:
    assert not settings.packages_dir.exists()


# -- listing and installing ---------------------------------------------------------------------------------------


def test_no_pack_installed(settings: ArgosSettings) -> None:
    assert list_packs(settings) == []
    assert find_pack(settings) is None


def test_install_makes_the_pack_available(settings: ArgosSettings) -> None:
    pack = install_pack(TINY_PACK, settings)
    assert pack.path == settings.packages_dir / TINY_TOP
    assert (pack.code, pack.from_code, pack.to_code, pack.version) == ("translate-zh_en", "zh", "en", "0.1")
    assert pack.label == "argos translate-zh_en 0.1"
    assert find_pack(settings) == pack


def test_install_leaves_no_temporary_folder(settings: ArgosSettings) -> None:
    install_pack(TINY_PACK, settings)
    assert [p.name for p in settings.packages_dir.parent.iterdir()] == ["packages"]
    assert [p.name for p in settings.packages_dir.iterdir()] == [TINY_TOP]


def test_install_reports_progress_up_to_the_total(settings: ArgosSettings) -> None:
    calls: list[tuple[int, int]] = []
    install_pack(TINY_PACK, settings, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1] > 0
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_installing_again_replaces_the_pack(settings: ArgosSettings) -> None:
    install_pack(TINY_PACK, settings)
    install_pack(TINY_PACK, settings)
    assert len(list_packs(settings)) == 1


def test_newer_version_replaces_the_older_one(settings: ArgosSettings, tmp_path: Path) -> None:
    install_pack(TINY_PACK, settings)
    newer = install_pack(
        pack_variant(tmp_path / "new.argosmodel", top="translate-zh_en-0_2", package_version="0.2"), settings
    )
    assert list_packs(settings) == [newer]
    assert newer.version == "0.2"


def test_newest_of_two_pack_folders_is_used(settings: ArgosSettings) -> None:
    # argospm unpacks a new version beside the old one: Reader picks the newest (1.10 comes after 1.9).
    old = install_pack(TINY_PACK, settings)
    for name, version in (("translate-zh_en-1_9", "1.9"), ("translate-zh_en-1_10", "1.10")):
        copy = shutil.copytree(old.path, settings.packages_dir / name)
        metadata = json.loads((copy / "metadata.json").read_text())
        (copy / "metadata.json").write_text(json.dumps({**metadata, "package_version": version}))
    found = find_pack(settings)
    assert found is not None and (found.name, found.version) == ("translate-zh_en-1_10", "1.10")


def test_cancelled_install_leaves_installed_packs_untouched(settings: ArgosSettings, tmp_path: Path) -> None:
    install_pack(TINY_PACK, settings)
    newer = pack_variant(tmp_path / "new.argosmodel", top="translate-zh_en-0_2", package_version="0.2")
    with pytest.raises(OperationCancelledError):
        install_pack(newer, settings, cancelled=lambda: True)
    assert [pack.version for pack in list_packs(settings)] == ["0.1"]
    assert [p.name for p in settings.packages_dir.parent.iterdir()] == ["packages"]


def test_broken_folder_is_skipped_when_listing(settings: ArgosSettings) -> None:
    install_pack(TINY_PACK, settings)
    (settings.packages_dir / "junk").mkdir()
    assert [pack.name for pack in list_packs(settings)] == [TINY_TOP]


def test_remove_by_argospm_name(settings: ArgosSettings) -> None:
    install_pack(TINY_PACK, settings)
    removed = remove_pack("translate-zh_en", settings)
    assert [pack.name for pack in removed] == [TINY_TOP]
    assert list_packs(settings) == []
    assert list(settings.packages_dir.parent.iterdir()) == [settings.packages_dir]


def test_remove_by_folder_name(settings: ArgosSettings) -> None:
    install_pack(TINY_PACK, settings)
    remove_pack(TINY_TOP, settings)
    assert find_pack(settings) is None


def test_removing_an_unknown_pack_is_refused(settings: ArgosSettings) -> None:
    with pytest.raises(PackError, match="No installed language pack"):
        remove_pack("translate-xx_yy", settings)


# -- refusing bad pack files --------------------------------------------------------------------------------------


def _members_with(*, drop: tuple[str, ...] = (), replace: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """The tiny pack's members with some dropped or replaced (paths relative to the top folder)."""
    members = {name: data for name, data in tiny_members().items() if name not in {f"{TINY_TOP}/{d}" for d in drop}}
    members.update({f"{TINY_TOP}/{name}": data for name, data in (replace or {}).items()})
    return members


BAD_ARCHIVES = {
    # a zip whose member climbs out of the pack folder (zip-slip)
    "zip-slip": ({**tiny_members(), f"{TINY_TOP}/../../evil.txt": b"x"}, "unsafe path"),
    # an absolute path
    "absolute": ({**tiny_members(), "/tmp/evil.txt": b"x"}, "unsafe path"),
    # a Windows drive path
    "drive": ({**tiny_members(), "C:/evil.txt": b"x"}, "unsafe path"),
    # backslashes are separators on Windows
    "backslash": ({**tiny_members(), f"{TINY_TOP}\\..\\evil.txt": b"x"}, "unsafe path"),
    # no metadata.json
    "no-metadata": (_members_with(drop=("metadata.json",)), "no metadata.json"),
    # metadata.json that is not JSON
    "bad-metadata": (_members_with(replace={"metadata.json": b"{not json"}), "not valid JSON"),
    # metadata.json that is JSON but a list, not an object
    "list-metadata": (_members_with(replace={"metadata.json": b'["zh", "en"]'}), "not a JSON object"),
    # metadata.json written with a byte-order mark still reads (the archive is refused for its other fault)
    "bom-metadata": (
        _members_with(replace={"metadata.json": b"\xef\xbb\xbf" + json.dumps({"to_code": "en"}).encode()}),
        "from_code",
    ),
    # metadata.json without the source language
    "no-from-code": (_members_with(replace={"metadata.json": json.dumps({"to_code": "en"}).encode()}), "from_code"),
    # no CTranslate2 model
    "no-model": (_members_with(drop=("model/model.bin",)), "model/model.bin"),
    # a BPE pack: Reader's engine needs SentencePiece
    "no-sentencepiece": (_members_with(drop=("sentencepiece.model",)), "sentencepiece.model"),
    # two top-level entries
    "two-tops": ({**tiny_members(), "other/file.txt": b"x"}, "exactly one top folder"),
}


@pytest.mark.parametrize("case", list(BAD_ARCHIVES), ids=list(BAD_ARCHIVES))
def test_bad_archive_is_refused_and_nothing_is_installed(case: str, settings: ArgosSettings, tmp_path: Path) -> None:
    members, message = BAD_ARCHIVES[case]
    path = write_zip(tmp_path / "bad.argosmodel", members)
    with pytest.raises(PackError, match=message):
        install_pack(path, settings)
    assert not (tmp_path / "evil.txt").exists()
    assert list_packs(settings) == []


def test_file_that_is_not_a_zip_is_refused(settings: ArgosSettings, tmp_path: Path) -> None:
    path = tmp_path / "pack.argosmodel"
    path.write_text("hello")
    with pytest.raises(PackError, match="not a language pack"):
        install_pack(path, settings)


def test_symbolic_link_member_is_refused(tmp_path: Path) -> None:
    members = {**tiny_members(), f"{TINY_TOP}/link": b"/etc/passwd"}
    path = write_zip(tmp_path / "link.argosmodel", members, links=(f"{TINY_TOP}/link",))
    with pytest.raises(PackError, match="link or special file"):
        check_archive(path)


def test_pack_larger_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packs_module, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(PackError, match="would unpack to more than"):
        check_archive(TINY_PACK)


def test_zip_bomb_member_is_refused(tmp_path: Path) -> None:
    members = {**tiny_members(), f"{TINY_TOP}/zeros.bin": bytes(5 * 1024 * 1024)}
    with pytest.raises(PackError, match="expands suspiciously"):
        check_archive(write_zip(tmp_path / "bomb.argosmodel", members))


# -- sharing the folder with argostranslate -----------------------------------------------------------------------


@pytest.mark.parametrize("installer", ["reader", "argos"])
def test_packs_are_shared_with_argostranslate(installer: str, settings: ArgosSettings) -> None:
    if importlib.util.find_spec("argostranslate") is None:  # not imported here: it reads its folders at import
        pytest.skip("argos-translate-lt is not installed")
    list_code = (
        "from argostranslate import package\n"
        "print(sorted(package.argospm_package_name(p) for p in package.get_installed_packages()))"
    )
    if installer == "reader":
        install_pack(TINY_PACK, settings)
        code = list_code
    else:
        code = f"from argostranslate import package\npackage.install_from_path({str(TINY_PACK)!r})\n" + list_code
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ), timeout=60
    )
    assert result.stdout.strip() == "['translate-zh_en']", result.stderr
    assert [pack.code for pack in list_packs(resolve_argos_settings())] == ["translate-zh_en"]
