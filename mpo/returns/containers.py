"""Write a return's parts as the two containers of spec section 1: an .xlsx workbook or a .zip of CSVs.

The workbook writer is a small hand-rolled one: a return is a few plain sheets, and writing the
XML directly is an order of magnitude faster than a general library, which matters when the
generator writes thousands of returns.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape

Cell = str | int | float | bool | date | None
Sheet = Sequence[Sequence[Cell]]  # the header row first, then data rows

_EXCEL_EPOCH = date(1899, 12, 30)
_ZIP_EPOCH = datetime(1980, 1, 1)  # the earliest time a zip entry can carry
_DATE_STYLE = 1  # index of the date format in styles.xml below


def write_zip(parts: Mapping[str, Sheet], stamp: datetime = _ZIP_EPOCH) -> bytes:
    """A zip holding ``<part>.csv`` for each part (UTF-8, comma separated, header first).

    Members carry ``stamp`` rather than the clock, so the same parts always give the same bytes.
    """
    members = {}
    for name, rows in parts.items():
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows([_csv_text(cell) for cell in row] for row in rows)
        members[f"{name}.csv"] = text.getvalue()
    return _zip(members, stamp)


def write_xlsx(parts: Mapping[str, Sheet], stamp: datetime = _ZIP_EPOCH) -> bytes:
    """A workbook with one sheet per part, numbers, booleans and dates as real typed cells."""
    names = list(parts)
    members = {
        "[Content_Types].xml": _content_types(len(names)),
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": _workbook(names),
        "xl/_rels/workbook.xml.rels": _workbook_rels(len(names)),
        "xl/styles.xml": _STYLES,
    }
    for index, name in enumerate(names, start=1):
        members[f"xl/worksheets/sheet{index}.xml"] = _sheet(parts[name])
    return _zip(members, stamp)


def _zip(members: Mapping[str, str], stamp: datetime) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            entry = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, text)
    return buffer.getvalue()


def _csv_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "Y" if cell else "N"
    if isinstance(cell, (date, datetime)):
        return cell.isoformat()
    return str(cell)


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell_xml(ref: str, cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return f'<c r="{ref}" t="b"><v>{int(cell)}</v></c>'
    if isinstance(cell, (int, float)):
        return f'<c r="{ref}"><v>{cell!r}</v></c>'
    if isinstance(cell, date):
        serial = (cell.date() if isinstance(cell, datetime) else cell) - _EXCEL_EPOCH
        return f'<c r="{ref}" s="{_DATE_STYLE}"><v>{serial.days}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(cell)}</t></is></c>'


def _sheet(rows: Iterable[Sequence[Cell]]) -> str:
    body = []
    for row_index, row in enumerate(rows, start=1):
        cells = "".join(
            _cell_xml(f"{_column_letters(col)}{row_index}", cell) for col, cell in enumerate(row)
        )
        body.append(f'<row r="{row_index}">{cells}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(body)}</sheetData></worksheet>"
    )


def _content_types(sheets: int) -> str:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, sheets + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>"
    )


def _workbook(names: Sequence[str]) -> str:
    sheets = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{sheets}</sheets></workbook>"
    )


def _workbook_rels(sheets: int) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, sheets + 1)
    )
    styles = (
        f'<Relationship Id="rId{sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/styles" Target="styles.xml"/>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rels}{styles}</Relationships>"
    )


_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)

# Style 0 is the default; style 1 shows a date (built-in number format 14).
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    "</styleSheet>"
)
