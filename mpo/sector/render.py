"""Typed rows → the bytes of a return file, written the way a provider's MIS types them (spec 3 leniency).

Codes in lower or title case, yes/no as Y/N, yes/no, TRUE/FALSE, 1/0 or boolean cells, money as
numbers or ``£1,250.50`` text, UKPRNs as number cells, dates as date cells or ISO text, optional
columns left out when blank. A value that is already text (a fault) is written as it is.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime

from mpo.returns.containers import Cell, Sheet, write_xlsx, write_zip
from mpo.sector.returns import Parts
from mpo.sector.traits import InputStyle
from schemas.parts import PARTS, Column


@dataclass(frozen=True)
class Layout:
    """Which parts and columns a file has, beyond the spec's (faults FILE04-06 change it)."""

    missing_parts: frozenset[str] = frozenset()
    missing_columns: dict[str, frozenset[str]] = field(default_factory=dict)
    extra_columns: dict[str, str] = field(default_factory=dict)  # part → name of an unknown column
    extra_sheet: bool = False


def render_container(
    parts: Parts, style: InputStyle, container: str, layout: Layout, stamp: datetime
) -> bytes:
    """The file's bytes; zip members carry the file's timestamp, so the same return gives the same bytes."""
    sheets = render_sheets(parts, style, container, layout)
    return write_xlsx(sheets, stamp) if container == "xlsx" else write_zip(sheets, stamp)


def render_sheets(parts: Parts, style: InputStyle, container: str, layout: Layout) -> dict[str, Sheet]:
    sheets: dict[str, Sheet] = {}
    for name, part in PARTS.items():
        if name in layout.missing_parts:
            continue
        rows = parts[name]
        keep = [
            i
            for i, column in enumerate(part.columns)
            if column.name not in layout.missing_columns.get(name, ())
            and (column.required or not style.omit_optional or any(row[i] is not None for row in rows))
        ]
        header: list[Cell] = [part.columns[i].name for i in keep]
        body = [[render_cell(row[i], part.columns[i], style, container) for i in keep] for row in rows]
        if name in layout.extra_columns:
            header.append(layout.extra_columns[name])
            body = [[*cells, "see notes"] for cells in body]
        sheets[name.title() if style.title_case_names else name] = [header, *body]
    if layout.extra_sheet:
        sheets["notes"] = [["note"], ["Prepared by the MIS team"]]
    return sheets


def render_cell(value: object, column: Column, style: InputStyle, container: str) -> Cell:
    """One value as this provider's system writes it into this container."""
    if value is None or isinstance(value, str) and column.kind not in ("code", "codes"):
        return value
    typed = container == "xlsx"
    if column.kind == "ukprn":
        return value if typed and style.ukprn_as_number else str(value)
    if column.kind in ("code", "codes"):
        return _case(str(value), style.code_case)
    if column.kind == "yesno":
        if style.yes_no is None:
            return bool(value) if typed else ("Y" if value else "N")
        return style.yes_no[0] if value else style.yes_no[1]
    if column.kind == "money":
        pounds = value / 100
        if style.money_as_text:
            return f"£{pounds:,.2f}"
        return pounds if typed else f"{pounds:.2f}"
    if column.kind == "date":
        return value if typed and not style.dates_as_text else value.isoformat()
    if column.kind in ("int", "decimal"):
        number = int(value) if float(value).is_integer() else value
        return number if typed else str(number)
    return value


def _case(text: str, case: str) -> str:
    return text.lower() if case == "lower" else text.title() if case == "title" else text


def file_mtime(stamp: datetime) -> int:
    """Seconds since the epoch of a file-name timestamp (read as UTC), for the landing file's mtime."""
    return calendar.timegm(stamp.timetuple())
