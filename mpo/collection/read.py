"""Reading an archived return into the text of each part's cells (FILE01, FILE03-FILE07).

A workbook's typed cells (numbers, booleans, dates) are rendered as text here, so everything after
reading sees one form; formulas are never evaluated (the reader returns their cached values).
Row numbers are the ones the provider sees: the header row is the first non-blank row (normally
row 1) and blank rows are skipped but still counted.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path, PurePosixPath

from python_calamine import CalamineWorkbook

from mpo.collection.cells import render_cell
from mpo.collection.issues import Finding
from mpo.collection.unpack import (
    UnreadableFile,
    check_sheet_sizes,
    check_xml_members,
    read_members,
    stored_zip,
)
from schemas.parts import PARTS, Part
from schemas.rules import MAX_FILE_BYTES

Row = list[str | None]
_log = logging.getLogger(__name__)


@dataclass
class RawPart:
    """One readable part: the spec columns present (sheet order) and the text of each data row."""

    columns: list[str]
    rows: list[Row]
    row_numbers: list[int]


@dataclass
class ReadReturn:
    """What could be read of one file: readable parts, and the file- and part-level findings."""

    parts: dict[str, RawPart] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


class _PartUnreadable(Exception):
    """A part's bytes are not UTF-8 CSV text (FILE07)."""


def read_return(path: Path, container: str) -> ReadReturn:
    """Read an archived .xlsx or .zip return; never raises for anything in the file."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:  # decided before the file is opened
        return ReadReturn(findings=[Finding("FILE03", detail=f"{size / 1_000_000:.1f} MB")])
    try:
        return _read(path.read_bytes(), container)
    except UnreadableFile as error:
        return ReadReturn(findings=[Finding("FILE01", detail=str(error))])
    except BaseException as error:  # the workbook reader signals some damage with a Rust panic
        if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
            raise
        # a file nobody foresaw must not stop its batch: it is unreadable for the provider, a log line for us
        _log.exception("reading %s failed unexpectedly", path)
        return ReadReturn(findings=[Finding("FILE01", detail="it could not be read")])


def _read(data: bytes, container: str) -> ReadReturn:
    """Match sheets or members to parts, then read each part; raises UnreadableFile (FILE01)."""
    members = read_members(data)
    sources, loader = _workbook(members) if container == "xlsx" else _csv_members(members)
    result = ReadReturn()
    matched: dict[str, str] = {}
    for source, part_name in sources.items():
        if part_name in PARTS and part_name not in matched:
            matched[part_name] = source
        else:
            kind = "sheet" if container == "xlsx" else "file"
            result.findings.append(
                Finding(
                    "FILE06",
                    value=source,
                    detail=(f"The {kind} '{source[:80]}' is not a part of the return (or repeats one)"),
                )
            )
    for part in PARTS.values():
        if part.name not in matched:
            result.findings.append(Finding("FILE04", part.name))
            continue
        try:
            rows = loader(matched[part.name])
        except _PartUnreadable as error:
            result.findings.append(Finding("FILE07", part.name, detail=str(error)))
            continue
        raw_part, findings = table(part, rows)
        result.findings.extend(findings)
        if raw_part is not None:
            result.parts[part.name] = raw_part
    return result


def _workbook(members: dict[str, bytes]) -> tuple[dict[str, str], Callable[[str], list[Row]]]:
    """Sheets by name (matched case-insensitively, trimmed) and a loader of a sheet's rendered rows."""
    check_xml_members(members)
    check_sheet_sizes(members)  # before the reader builds any sheet as a dense grid
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(stored_zip(members)))
        names = list(book.sheet_names)
    except Exception as error:  # any reader failure means the file is not a usable workbook
        raise UnreadableFile("it is not a readable Excel workbook (.xlsx)") from error

    def load(name: str) -> list[Row]:
        try:
            cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as error:
            raise UnreadableFile(f"the sheet '{name[:80]}' cannot be read") from error
        # a non-blank text cell (the common case) is kept as it is without a call
        return [
            [
                (value if value.strip() else None) if type(value) is str else render_cell(value)
                for value in row
            ]
            for row in cells
        ]

    return {name: name.strip().lower() for name in names}, load


def _csv_members(members: dict[str, bytes]) -> tuple[dict[str, str], Callable[[str], list[Row]]]:
    """Members by base name (case-insensitive, ``<part>.csv``) and a loader of a member's rows."""

    def part_of(name: str) -> str:
        base = PurePosixPath(name).name.lower()
        return base[: -len(".csv")] if base.endswith(".csv") else base

    def load(name: str) -> list[Row]:
        try:
            text = members[name].decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _PartUnreadable(f"byte {error.start + 1} is not UTF-8") from error
        try:
            return [[cell if cell.strip() else None for cell in row] for row in csv.reader(io.StringIO(text))]
        except csv.Error as error:
            raise _PartUnreadable(f"it is not valid CSV: {error}") from error

    return {name: part_of(name) for name in members}, load


def table(part: Part, rows: Sequence[Row]) -> tuple[RawPart | None, list[Finding]]:
    """Match a part's header (trimmed, any case) and keep its non-blank data rows with their row numbers."""
    findings: list[Finding] = []
    start = next((index for index, row in enumerate(rows) if any(row)), len(rows))
    header = rows[start] if start < len(rows) else []
    data = rows[start + 1 :]
    known = set(part.column_names)
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = (cell or "").strip()
        if name.lower() in known and name.lower() not in positions:
            positions[name.lower()] = index
        elif name:
            findings.append(
                Finding(
                    "FILE06",
                    part.name,
                    None,
                    name[:100],
                    detail=(
                        f"The column '{name[:80]}' of {part.name} is not a column of the return "
                        "(or repeats one)"
                    ),
                )
            )
        elif any(index < len(row) and row[index] for row in data):
            findings.append(
                Finding(
                    "FILE06",
                    part.name,
                    None,
                    None,
                    detail=(f"A column of {part.name} (number {index + 1}) has values but no heading"),
                )
            )
    missing = [name for name in part.required_columns if name not in positions]
    findings.extend(Finding("FILE05", part.name, None, name) for name in missing)
    if missing:
        return None, findings
    indices = list(positions.values())
    take = itemgetter(*indices, indices[0])  # one index more, so one column still gives a tuple
    needed = max(indices) + 1
    kept: list[Row] = []
    numbers: list[int] = []
    for number, row in enumerate(data, start=start + 2):
        if any(row):
            kept.append(
                list(take(row)[:-1])
                if len(row) >= needed
                else [row[i] if i < len(row) else None for i in indices]
            )
            numbers.append(number)
    return RawPart(list(positions), kept, numbers), findings
