"""Bad input of every kind: `reader annotate` exits with status 2 and one clear line, never a traceback.

Each case builds its file in the test (big and hostile files are generated, never stored). The check is the one a
user would make: the exit status, exactly one line on stderr that says what is wrong, nothing on stdout, and no
file written anywhere.
"""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.importers import safezip
from tests.core.importer_helpers import (
    BILLION_LAUGHS,
    PARAGRAPHS,
    Chapter,
    EpubSpec,
    epub_members,
    simple_epub,
    write_docx,
    write_epub,
    write_zip,
    xhtml,
)

pytestmark = pytest.mark.core

DATA_BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


@pytest.fixture(autouse=True)
def _close_log_files() -> Iterator[None]:
    """main() adds a log file handler per call; close the ones a test added so that none stay open."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


def _annotate(path: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["annotate", str(path), "--json", "--no-translate"])
    out, err = capsys.readouterr()
    return code, out, err


def _files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*")}


def assert_refused(path: Path | str, capsys: pytest.CaptureFixture[str], message: str, *, watch: bool = True) -> str:
    """Run `reader annotate` on ``path`` and check it refuses with one line matching ``message``.

    With ``watch``, the folder holding ``path`` must hold the same files afterwards.
    """
    folder = Path(path).parent
    watch = watch and folder.is_dir()
    before = _files_under(folder) if watch else set()
    code, out, err = _annotate(path, capsys)
    lines = err.splitlines()
    assert code == 2, err
    assert out == ""
    assert len(lines) == 1 and lines[0].startswith("reader: ") and lines[0].endswith("."), err
    assert re.search(message, lines[0]), lines[0]
    assert "Traceback" not in err and "internal error" not in err
    if watch:
        assert _files_under(folder) == before  # nothing half-written next to the input
    return lines[0]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------------------------
# Files that are not there, not files, empty, binary, huge


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_refused(tmp_path / "nowhere.txt", capsys, r"nowhere\.txt does not exist\.")


def test_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "book.epub").mkdir()
    assert_refused(tmp_path / "book.epub", capsys, r"book\.epub is a folder, not a file\.")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_device_file(capsys: pytest.CaptureFixture[str]) -> None:
    # /dev/zero reports size 0 and never ends: reading it would never stop.
    assert_refused("/dev/zero", capsys, r"/dev/zero is not a regular file \(a device or a pipe\)\.", watch=False)


@pytest.mark.parametrize("name", ["empty.txt", "empty.epub", "empty.pdf", "empty.docx", "empty.html", "empty.srt"])
def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    assert_refused(_write(tmp_path / name, b""), capsys, rf"^reader: {re.escape(name)} is empty\.$")


def test_blank_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_refused(_write(tmp_path / "blank.txt", b"\r\n  \t\n"), capsys, r"blank\.txt is empty\.")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "a PNG image"),
        (b"\xff\xd8\xff\xe0" + os.urandom(2000), "a JPEG image"),
        (b"\x7fELF" + os.urandom(2000), "a program"),
        (b"SQLite format 3\x00" + bytes(2000), "an SQLite database"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "an old Microsoft Office document"),
        (bytes(range(256)) * 8, "a binary file"),
        (b"PK\x03\x04" + os.urandom(2000), "a ZIP archive"),
    ],
    ids=["png", "jpeg", "elf", "sqlite", "ole", "binary", "zip"],
)
def test_binary_file_renamed_txt(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, kind: str) -> None:
    assert_refused(_write(tmp_path / "story.txt", data), capsys, rf"story\.txt is {kind}.*, not a text file\.")


def test_sixty_megabyte_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.txt"
    chunk = ("\n".join(PARAGRAPHS) + "\n").encode("utf-8")
    with path.open("wb") as out:
        for _ in range(60 * 1024 * 1024 // len(chunk) + 1):
            out.write(chunk)
    started = time.perf_counter()
    assert_refused(path, capsys, r"huge\.txt is 60\.0 MB; Reader opens files up to 20\.0 MB\.")
    assert time.perf_counter() - started < 2.0  # refused from its size, not after reading it


# ---------------------------------------------------------------------------------------------------------------
# Wrong, mixed and foreign encodings; text that is not Chinese

_TEXT = "\n".join(PARAGRAPHS)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_TEXT[:80].encode("utf-8") + b"\n" + _TEXT[80:].encode("gbk"), r"mixes UTF-8 with another encoding"),
        (_TEXT.encode("gbk")[:60] + b"\xff\xfe\xff" + _TEXT.encode("gbk")[60:], r"could not be decoded as UTF-8"),
        (
            ("Voilà une très belle journée au café.\n" * 20).encode("latin-1"),
            r"text\.txt contains no Chinese characters\.",
        ),
        (("It was a bright cold day in April.\n" * 20).encode("ascii"), r"text\.txt contains no Chinese characters\."),
        (
            ("今日は天気がいいですね。日本語の文章を読みましょう。\n" * 5).encode("shift_jis"),
            r"text\.txt looks like Japanese",  # named as Japanese, with the flag that opens it anyway
        ),
    ],
    ids=["utf8+gbk", "damaged-gbk", "latin1", "english", "shift-jis"],
)
def test_wrong_encoding_or_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    assert_refused(_write(tmp_path / "text.txt", data), capsys, message)


def test_epub_without_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = EpubSpec(title="Novel", chapters=[Chapter("c.xhtml", "One", "<p>It was a bright cold day in April.</p>")])
    assert_refused(write_epub(tmp_path / "novel.epub", spec), capsys, r"novel\.epub contains no chapter with Chinese")


def test_html_without_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>Only English here, nothing else at all.</p></body></html>", encoding="utf-8")
    assert_refused(path, capsys, r"page\.html contains no Chinese characters\.")


# ---------------------------------------------------------------------------------------------------------------
# Truncated and corrupt documents


def _truncated(path: Path, share: float = 0.6) -> Path:
    data = path.read_bytes()
    return _write(path.with_name("cut" + path.suffix), data[: int(len(data) * share)])


def test_truncated_epub(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _truncated(simple_epub(tmp_path / "book.epub", chapters=5))
    assert_refused(path, capsys, r"cut\.epub is not a valid EPUB book \(the file is damaged or incomplete\)\.")


def test_epub_with_a_damaged_chapter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Stored uncompressed so the chapter's bytes can be found and damaged: its CRC no longer matches.
    members = epub_members(EpubSpec(chapters=[Chapter("c.xhtml", "章", f"<p>{PARAGRAPHS[0]}</p>")]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("mimetype", "application/epub+zip")
        for name, content in members.items():
            archive.writestr(name, content)
    data = buffer.getvalue()
    spot = data.index(PARAGRAPHS[0].encode("utf-8"))
    damaged = data[:spot] + "乱码乱码".encode() + data[spot + 12 :]
    assert_refused(_write(tmp_path / "book.epub", damaged), capsys, r"book\.epub is not a valid EPUB book")


@pytest.mark.parametrize("missing", ["META-INF/container.xml", "OEBPS/content.opf", "OEBPS/c.xhtml"])
def test_epub_missing_a_part(tmp_path: Path, capsys: pytest.CaptureFixture[str], missing: str) -> None:
    members = epub_members(EpubSpec(chapters=[Chapter("c.xhtml", "章", f"<p>{PARAGRAPHS[0]}</p>")]))
    del members[missing]
    path = write_zip(tmp_path / "book.epub", members, first=("mimetype", b"application/epub+zip"))
    assert_refused(path, capsys, r"book\.epub is not a valid EPUB book")


def test_truncated_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _truncated(write_docx(tmp_path / "lesson.docx"))
    assert_refused(path, capsys, r"cut\.docx is not a valid Word document \(the file is damaged or incomplete\)\.")


def test_docx_without_its_document_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with zipfile.ZipFile(write_docx(tmp_path / "lesson.docx")) as archive:
        members = {name: archive.read(name) for name in archive.namelist() if name != "word/document.xml"}
    path = write_zip(tmp_path / "broken.docx", members)
    assert_refused(path, capsys, r"broken\.docx is not a valid Word document")


def test_zip_that_is_no_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_zip(tmp_path / "photos.docx", {"a.txt": "你好".encode()})
    assert_refused(path, capsys, r"photos\.docx is not a valid Word document")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 20,  # a header and then junk
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",  # cut off after its first object
    ],
    ids=["junk", "cut"],
)
def test_corrupt_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    assert_refused(_write(tmp_path / "paper.pdf", data), capsys, r"paper\.pdf is not a valid PDF document")


def _text_pdf() -> bytes:
    """A small PDF with a text layer, written by pypdf itself (no Qt needed)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 20 100 Td (Hello) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_truncated_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _text_pdf()
    assert_refused(_write(tmp_path / "paper.pdf", data[: len(data) // 2]), capsys, r"paper\.pdf is not a valid PDF")


def test_password_protected_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_text_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert_refused(_write(tmp_path / "locked.pdf", buffer.getvalue()), capsys, r"locked\.pdf is password-protected")


# ---------------------------------------------------------------------------------------------------------------
# Hostile archives and markup


@pytest.mark.parametrize(
    "member",
    ["OEBPS/content.opf", "OEBPS/c.xhtml", "META-INF/container.xml"],
)
def test_epub_entity_bomb_is_refused_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str], member: str) -> None:
    members = epub_members(EpubSpec(chapters=[Chapter("c.xhtml", "章", f"<p>{PARAGRAPHS[0]}</p>")]))
    members[member] = (
        BILLION_LAUGHS + members[member].decode().split("?>", 1)[1].replace("<p>", "<p>&lol9;", 1)
    ).encode()
    path = write_zip(tmp_path / "bomb.epub", members, first=("mimetype", b"application/epub+zip"))
    started = time.perf_counter()
    assert_refused(path, capsys, r"bomb\.epub declares XML entities \(possibly an entity bomb\)")
    assert time.perf_counter() - started < 2.0


def test_epub_entity_bomb_in_utf16_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = epub_members(EpubSpec(chapters=[Chapter("c.xhtml", "章", f"<p>{PARAGRAPHS[0]}</p>")]))
    chapter = BILLION_LAUGHS.replace('"1.0"', '"1.0" encoding="UTF-16"') + xhtml("<p>&lol9;</p>").split("?>", 1)[1]
    members["OEBPS/c.xhtml"] = chapter.encode("utf-16")
    path = write_zip(tmp_path / "bomb.epub", members, first=("mimetype", b"application/epub+zip"))
    assert_refused(path, capsys, r"declares XML entities")


def test_docx_entity_bomb_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with zipfile.ZipFile(write_docx(tmp_path / "lesson.docx")) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    body = members["word/document.xml"].decode().split("?>", 1)[1]
    members["word/document.xml"] = (BILLION_LAUGHS + body.replace("<w:t>", "<w:t>&lol9;", 1)).encode()
    assert_refused(write_zip(tmp_path / "bomb.docx", members), capsys, r"bomb\.docx declares XML entities")


@pytest.mark.parametrize("evil", ["../../evil.txt", "/tmp/evil.txt", "OEBPS/../../evil.txt", "C:/evil.txt"])
def test_epub_with_unsafe_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str], evil: str) -> None:
    spec = EpubSpec(chapters=[Chapter("c.xhtml", "章", f"<p>{PARAGRAPHS[0]}</p>")], extra={evil: "你好".encode()})
    folder = tmp_path / "inbox"
    folder.mkdir()
    path = write_epub(folder / "slip.epub", spec)
    assert_refused(
        path, capsys, r"slip\.epub contains unsafe file paths \(such as \.\./\), so Reader will not open it\."
    )
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil.txt").exists()


def test_zip_bomb_member_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 64 MB of zeros packs into about 64 KB: a ratio near 1000 to 1.
    spec = EpubSpec(
        chapters=[Chapter("c.xhtml", "章", f"<p>{PARAGRAPHS[0]}</p>")], extra={"OEBPS/pad.bin": bytes(64 << 20)}
    )
    started = time.perf_counter()
    path = write_epub(tmp_path / "bomb.epub", spec)
    assert path.stat().st_size < 1 << 20
    assert_refused(path, capsys, r"bomb\.epub is compressed suspiciously tightly \(it may be a zip bomb\)")
    assert time.perf_counter() - started < 10.0


def test_zip_bomb_total_size_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Many members, each innocent, that together unpack to more than the limit (lowered to keep the test small).
    monkeypatch.setattr(safezip, "MAX_UNPACKED_BYTES", 4 << 20)
    extra = {f"OEBPS/images/{n}.bin": os.urandom(512 << 10) for n in range(10)}
    spec = EpubSpec(chapters=[Chapter("c.xhtml", "章", f"<p>{PARAGRAPHS[0]}</p>")], extra=extra)
    assert_refused(
        write_epub(tmp_path / "big.epub", spec), capsys, r"big\.epub unpacks to 5\.0 MB, more than the 4\.0 MB"
    )


def test_zip_with_too_many_members_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safezip, "MAX_MEMBERS", 50)
    extra = {f"OEBPS/x{n}.css": b"p{}" for n in range(60)}
    spec = EpubSpec(chapters=[Chapter("c.xhtml", "章", f"<p>{PARAGRAPHS[0]}</p>")], extra=extra)
    assert_refused(write_epub(tmp_path / "many.epub", spec), capsys, r"many\.epub holds \d+ files, more than the 50")


def test_epub_with_drm_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    encryption = (
        b'<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        b'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        b'<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
        b'<enc:CipherData><enc:CipherReference URI="OEBPS/c.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>'
    )
    spec = EpubSpec(
        chapters=[Chapter("c.xhtml", "章", f"<p>{PARAGRAPHS[0]}</p>")], extra={"META-INF/encryption.xml": encryption}
    )
    assert_refused(write_epub(tmp_path / "drm.epub", spec), capsys, r"drm\.epub is protected by DRM")


def test_deeply_nested_html_is_refused_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 200_000 + "中文" + "</div>" * 200_000 + "</body></html>")
    started = time.perf_counter()
    assert_refused(path, capsys, r"deep\.html nests its elements over 10,000 levels deep")
    assert time.perf_counter() - started < 3.0


def test_html_scripts_never_reach_the_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "ran.txt"
    page = (
        f"<html><head><script>require('fs').writeFileSync('{marker}', '脚本运行了')</script></head><body>"
        f"<p>{PARAGRAPHS[3]}</p><script type=module>document.body.innerText = '被脚本改写'</script>"
        '<img src="x" onerror="alert(\'图片脚本\')"><a href="javascript:alert(\'链接脚本\')">链接</a></body></html>'
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    code, out, err = _annotate(path, capsys)
    assert code == 0, err
    assert PARAGRAPHS[3][:10] in out
    assert not any(text in out for text in ("脚本运行了", "被脚本改写", "图片脚本", "链接脚本", "writeFileSync"))
    assert not marker.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("movie.srt", "这不是字幕文件，只是一些中文。\n", r"movie\.srt contains no subtitles\."),
        ("movie.vtt", "WEBVTT\n\nNOTE 只有注释\n", r"movie\.vtt contains no subtitles\."),
        ("old.doc", "", r"old\.doc is an old Word document \(\.doc\); save it as \.docx and try again\."),
        ("book.mobi", "", r"book\.mobi is a Kindle book; convert it to EPUB"),
    ],
)
def test_unreadable_or_unsupported_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode() or b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert_refused(path, capsys, message)


# ---------------------------------------------------------------------------------------------------------------
# Small bad files kept in tests/data/bad/ (each named for what is wrong with it)

_STORED = sorted(DATA_BAD.glob("*.*")) if DATA_BAD.is_dir() else []


@pytest.mark.parametrize("path", [p for p in _STORED if p.name != "README.md"], ids=lambda p: p.name)
def test_stored_bad_file(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = (DATA_BAD / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^- `{re.escape(path.name)}`: .*?“(.+?)”", expected, re.MULTILINE)
    assert match, f"{path.name} is not described in tests/data/bad/README.md"
    assert_refused(path, capsys, re.escape(match.group(1)))


# ---------------------------------------------------------------------------------------------------------------
# The real command, in its own process


@pytest.mark.parametrize(
    ("builder", "message"),
    [
        (
            lambda folder: _write(folder / "cut.epub", simple_epub(folder / "b.epub").read_bytes()[:900]),
            "not a valid EPUB",
        ),
        (lambda folder: _write(folder / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(500)), "PNG image"),
        (lambda folder: _write(folder / "junk.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4), "not a valid PDF"),
    ],
    ids=["epub", "png", "pdf"],
)
def test_command_line_prints_one_line_and_exits_2(
    tmp_path: Path, builder: Callable[[Path], Path], message: str
) -> None:
    path = builder(tmp_path)
    env = {**os.environ, "READER_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "reader.cli", "annotate", str(path), "--no-translate"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr and "Traceback" not in result.stderr
