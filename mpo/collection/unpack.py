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

from schemas.rules import MAX_COMPRESSION_RATIO, MAX_SHEET_CELLS, MAX_UNCOMPRESSED_BYTES

_DRIVE = re.compile(r"^[A-Za-z]:")
_XML_DTD = (b"<!DOCTYPE", b"<!ENTITY")

# A cell or row start tag (any namespace prefix); attribute values may hold '>' but never '<'.
_CELL_TAG = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>""")
_ATTRIBUTE = re.compile(rb"""([^\s=<>"'/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")  # name, then a quoted value
_CELL_REF = re.compile(rb"([A-Za-z]*)(\d*)")
# Any r attribute's letters and digits, anywhere (a superset of the cells' references), for the quick bound.
_ANY_REF = re.compile(rb"""r\s*=\s*["']\$?([A-Za-z]*)\$?(\d*)""")


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
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError) as error:
        raise UnreadableFile(
            "it is not a valid zip archive (the file is damaged or of another type)"
        ) from error
    for info in entries:  # directories too: one that leaves the root is as hostile as a file
        if not member_path_is_safe(info.filename):
            raise UnreadableFile(
                f"the archive holds a member outside its root folder ('{info.filename[:80]}')"
            )
    infos = [info for info in entries if not info.is_dir()]
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
        # UTF-16 or UTF-32, with a byte-order mark or without: the markup is ASCII with NUL bytes between
        head = content.replace(b"\0", b"") if b"\0" in content[:4] else content
        if any(marker in head for marker in _XML_DTD):
            raise UnreadableFile(
                f"its part '{name[:80]}' declares a DTD or entities, which workbooks never need"
            )


def check_sheet_sizes(members: dict[str, bytes]) -> None:
    """No worksheet may span more than MAX_SHEET_CELLS from A1 to its farthest cell; raises UnreadableFile."""
    for name, content in members.items():
        if b"sheetData" not in content:  # not a worksheet (any member can be one: the workbook names them)
            continue
        rows, columns = sheet_extent_bound(content)
        if rows * columns > MAX_SHEET_CELLS:  # the quick bound cannot clear it: walk the cells
            rows, columns = sheet_extent(content)
        if rows * columns > MAX_SHEET_CELLS:
            raise UnreadableFile(
                f"its part '{name[:80]}' reaches row {rows:,} and column {columns:,}, far beyond any "
                "return; delete the stray cells below or to the right of the data"
            )


def sheet_extent_bound(xml: bytes) -> tuple[int, int]:
    """A quick bound, never below ``sheet_extent``: the largest row and column any r attribute names, plus
    one for each row or cell not written as ``<row r=`` or ``<c r=`` (it may follow the one before).
    Tight for Excel's files; anything unusual only makes it larger, and ``sheet_extent`` then decides."""
    refs = _ANY_REF.findall(xml)
    letters, digits = zip(*refs, strict=True) if refs else ((), ())
    if digits and max(map(len, digits)) > 10:
        return _BEYOND, _BEYOND
    rows = max(map(int, filter(None, digits)), default=0)
    columns = max(map(_column_number, set(filter(None, letters))), default=0)
    # every start tag counts ('<c' also starts '<cols', ':c' any prefixed one): never fewer than the cells
    unplaced_rows = xml.count(b"<row") + xml.count(b":row") - xml.count(b"<row r=")
    unplaced_cells = xml.count(b"<c") + xml.count(b":c") - xml.count(b"<c r=")
    return rows + unplaced_rows, columns + unplaced_cells


def sheet_extent(xml: bytes) -> tuple[int, int]:
    """The last row and column (1-based) of the grid a reader builds for a worksheet's XML.

    Positions follow the reader: a cell's ``r`` (the last one, should there be two), else the next
    column of its row; a row's ``r``, else the next row. Self-closing cells hold nothing and are
    skipped; anything else that might be a cell counts, so the extent errs on the large side.
    """
    last_row = last_column = row = column = 0
    for tag, attributes in _CELL_TAG.findall(xml):
        refs = [_CELL_REF.fullmatch(double or single)
                for name, double, single in _ATTRIBUTE.findall(attributes) if name == b"r"]
        refs = [ref for ref in refs if ref]
        if tag == b"row":
            digits = refs[-1].group(2) if refs else b""
            row, column = (_number(digits) if digits else row + 1), 0
            continue
        if attributes.rstrip().endswith(b"/"):
            continue
        places = [
            (_number(digits) if digits else row, _column_number(letters) if letters else column + 1)
            for letters, digits in (ref.groups() for ref in refs)
        ] or [(row, column + 1)]
        last_row = max(last_row, *(place[0] for place in places))
        last_column = max(last_column, *(place[1] for place in places))
        row, column = places[-1]
    return last_row, last_column


_BEYOND = 10**10  # past any reader's rows and columns: not worth converting exactly


def _number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 10 else _BEYOND


def _column_number(letters: bytes) -> int:
    if len(letters) > 7:
        return _BEYOND
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def stored_zip(members: dict[str, bytes]) -> bytes:
    """The checked members re-packed without compression, so the workbook reader sees only checked bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()
