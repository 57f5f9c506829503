"""Installing a language pack never loses the working one: malformed, junk and wrong-pair packs are refused."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.translation.engine import ArgosEngine
from reader.core.translation.errors import PackError
from reader.core.translation.packs import find_pack, install_pack, list_packs
from reader.core.translation.settings import ArgosSettings, resolve_argos_settings
from tests.core.translation_helpers import TINY_PACK, TINY_TOP, pack_variant, tiny_members, write_zip

pytestmark = pytest.mark.core


@pytest.fixture
def settings() -> ArgosSettings:
    """Argos settings for this test's own XDG folders."""
    return resolve_argos_settings()


def _members(*, drop: tuple[str, ...] = (), replace: dict[str, bytes] | None = None) -> dict[str, bytes]:
    members = {k: v for k, v in tiny_members().items() if k not in {f"{TINY_TOP}/{d}" for d in drop}}
    members.update({f"{TINY_TOP}/{name}": data for name, data in (replace or {}).items()})
    return members


def _renamed(old: str, new: str) -> dict[str, bytes]:
    return {(f"{TINY_TOP}/{new}" if k == f"{TINY_TOP}/{old}" else k): v for k, v in tiny_members().items()}


def _patch_member_header(path: Path, member: str, offsets: tuple[int, int], value: bytes) -> Path:
    """Overwrite a field of ``member``'s local and central headers (offsets from each header's start)."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    data = bytearray(path.read_bytes())
    local = info.header_offset
    data[local + offsets[0] : local + offsets[0] + len(value)] = value
    name = member.encode()
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    data[central + offsets[1] : central + offsets[1] + len(value)] = value
    path.write_bytes(bytes(data))
    return path


def _unknown_compression(path: Path) -> Path:
    write_zip(path, tiny_members())
    return _patch_member_header(path, f"{TINY_TOP}/model/model.bin", (8, 10), struct.pack("<H", 99))


def _bad_crc(path: Path) -> Path:
    write_zip(path, tiny_members())
    return _patch_member_header(path, f"{TINY_TOP}/model/model.bin", (14, 16), struct.pack("<I", 12345))


MALFORMED = {
    # the metadata file's name in upper case (a case-insensitive check let it through, then KeyError)
    "upper-case metadata name": (lambda p: write_zip(p, _renamed("metadata.json", "METADATA.JSON")), "metadata.json"),
    # metadata keys in upper case: the languages are not named
    "upper-case metadata keys": (
        lambda p: write_zip(
            p, _members(replace={"metadata.json": json.dumps({"FROM_CODE": "zh", "TO_CODE": "en"}).encode()})
        ),
        "from_code",
    ),
    # metadata.json is a folder
    "metadata folder": (
        lambda p: write_zip(
            p,
            {
                **_members(drop=("metadata.json",)),
                f"{TINY_TOP}/metadata.json/": b"",
                f"{TINY_TOP}/metadata.json/x": b"{}",
            },
        ),
        "metadata.json",
    ),
    # a compression method the zip module does not know (NotImplementedError)
    "unknown compression": (_unknown_compression, "damaged or unsupported zip"),
    # a member whose CRC does not match (BadZipFile while unpacking)
    "bad CRC": (_bad_crc, "damaged or unsupported zip"),
    # model.bin is junk: only loading the model shows it
    "junk model.bin": (lambda p: write_zip(p, _members(replace={"model/model.bin": b"junk" * 100})), "does not work"),
    # no model configuration
    "no config.json": (lambda p: write_zip(p, _members(drop=("model/config.json",))), "config.json"),
    # no vocabulary: CTranslate2 cannot load the model
    "no shared_vocabulary.json": (
        lambda p: write_zip(p, _members(drop=("model/shared_vocabulary.json",))),
        "does not work",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
def test_malformed_pack_is_refused_and_the_working_pack_stays(
    case: str, settings: ArgosSettings, tmp_path: Path
) -> None:
    good = install_pack(TINY_PACK, settings)
    make, message = MALFORMED[case]
    with pytest.raises(PackError, match=message):
        install_pack(make(tmp_path / "bad.argosmodel"), settings)
    assert list_packs(settings) == [good]
    assert len(ArgosEngine(good, settings).translate(["你好。"])) == 1
    assert [p.name for p in settings.packages_dir.parent.iterdir()] == ["packages"]  # no staging left


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
def test_cli_refuses_a_malformed_pack_with_one_line_and_status_2(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, _ = MALFORMED[case]
    status = main(["packs", "install", str(make(tmp_path / "bad.argosmodel"))])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err.startswith("reader: ") and err.count("\n") == 1


def test_pack_of_another_pair_under_the_same_folder_name_is_refused(settings: ArgosSettings, tmp_path: Path) -> None:
    install_pack(TINY_PACK, settings)
    other = pack_variant(tmp_path / "en_de.argosmodel", top=TINY_TOP, from_code="en", to_code="de")
    with pytest.raises(PackError, match="already holds the Chinese → English pack"):
        install_pack(other, settings)
    found = find_pack(settings)
    assert found is not None and found.name == TINY_TOP


def test_failed_swap_puts_the_old_pack_back(
    settings: ArgosSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_pack(TINY_PACK, settings)
    real_rename = Path.rename

    def failing_rename(self: Path, target: Path) -> Path:  # the new pack cannot be moved into place
        if ".reader-install-" in str(self) and ".replaced" not in str(self) and ".replaced" not in str(target):
            raise OSError(28, "No space left on device")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    with pytest.raises(PackError, match="could not be installed"):
        install_pack(TINY_PACK, settings)
    monkeypatch.undo()
    assert [pack.name for pack in list_packs(settings)] == [TINY_TOP]
