"""Opening a received zip container safely (FILE01): both .xlsx and .zip returns are zip archives.

Limits come from the zip directory first (cheap, before anything is decompressed) and are enforced
again on the bytes actually decompressed, because a directory can lie about sizes.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import PurePosixPath

from schemas.rules import MAX_COMPRESSION_RATIO, MAX_UNCOMPRESSED_BYTES

_DRIVE = re.compile(r"^[A-Za-z]:")
_XML_DTD = (b"<!DOCTYPE", b"<!ENTITY")


class UnreadableFile(Exception):
    """The file cannot be opened as its container (FILE01); the message says why, for the provider."""


def member_path_is_safe(name: str) -> bool:
    """True when a member's path stays inside the archive root (no '..', absolute path, drive or '\\')."""
    if "\\" in name or name.startswith("/") or _DRIVE.match(name) or "\x00" in name:
        return False
    return ".." not in PurePosixPath(name).parts


def read_members(data: bytes) -> dict[str, bytes]:
    """Every file member of a zip, decompressed under the FILE01 limits; raises UnreadableFile."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise UnreadableFile(
            "it is not a valid zip archive (the file is damaged or of another type)"
        ) from error
    _check_directory(infos)
    members: dict[str, bytes] = {}
    budget = MAX_UNCOMPRESSED_BYTES
    with archive:
        for info in infos:
            members[info.filename] = _read_capped(archive, info, budget)
            budget -= len(members[info.filename])
    return members


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        if not member_path_is_safe(info.filename):
            raise UnreadableFile(
                f"the archive holds a member outside its root folder ('{info.filename[:80]}')"
            )
        if info.flag_bits & 0x1:
            raise UnreadableFile("it is encrypted (password-protected); send it without a password")
        if info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise UnreadableFile("it expands more than 100 times when unpacked (a zip bomb)")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableFile("it unpacks to more than 50 MB")
    if declared > MAX_COMPRESSION_RATIO * max(sum(info.compress_size for info in infos), 1):
        raise UnreadableFile("it expands more than 100 times when unpacked (a zip bomb)")


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """A member's bytes, stopping as soon as the real output passes a limit whatever the directory says."""
    cap = min(budget, MAX_COMPRESSION_RATIO * max(info.compress_size, 1))
    try:
        with archive.open(info) as stream:
            content = stream.read(cap + 1)  # never more than one byte past the limit is decompressed
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
        OSError,
    ) as error:
        raise UnreadableFile(
            f"a member ('{info.filename[:80]}') is damaged or uses an unsupported method"
        ) from error
    if len(content) > cap:
        raise UnreadableFile("it expands beyond the 50 MB / 100 times limits when unpacked (a zip bomb)")
    return content


def check_xml_members(members: dict[str, bytes]) -> None:
    """Workbook XML must not declare a DTD or entities (entity-expansion attacks); raises UnreadableFile."""
    for name, content in members.items():
        if not name.lower().endswith((".xml", ".rels")):
            continue
        head = (
            content.decode("utf-16", "replace").encode()
            if content[:2] in (b"\xff\xfe", b"\xfe\xff")
            else content
        )
        if any(marker in head for marker in _XML_DTD):
            raise UnreadableFile(
                f"its part '{name[:80]}' declares a DTD or entities, which workbooks never need"
            )


def stored_zip(members: dict[str, bytes]) -> bytes:
    """The checked members re-packed without compression, so the workbook reader sees only checked bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()
