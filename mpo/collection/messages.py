"""The plain-English wording of every issue, in one place, keyed by rule id.

A message names the column, says what is allowed and what to change. ``detail`` carries facts only
the rule knows (a reason, the column compared with, an amount).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pandas as pd

from schemas import codes
from schemas.parts import PARTS, Column


class Context(NamedTuple):
    part: str
    column: str
    value: str
    detail: str
    expected: str
    meaning: str


def _limits(column: Column, unit: str) -> str:
    low, high = column.minimum, column.maximum
    fmt = (lambda n: f"£{n:,.0f}") if column.kind == "money" else (lambda n: f"{n:g}")
    if high is None:
        return f"{unit} of {fmt(low)} or more"
    return f"{unit} from {fmt(low)} to {fmt(high)}"


def expected(column: Column) -> str:
    """What a column accepts, in words."""
    kind = column.kind
    if kind == "int":
        return _limits(column, "a whole number")
    if kind == "decimal":
        return _limits(column, "a number")
    if kind == "money":
        return _limits(column, "an amount in pounds (for example 1250.50)")
    if kind in ("code", "codes"):
        listed = ", ".join(column.codes)
        return f"one of {listed}" if kind == "code" else f"one or more of {listed}, separated by ';'"
    return {
        "ukprn": "the provider's 8-digit UKPRN",
        "year": "an academic year written YYYY-YY, for example 2025-26",
        "yesno": f"yes or no ({'/'.join(codes.YES)} or {'/'.join(codes.NO)})",
        "date": "a date written YYYY-MM-DD",
        "ref": f"1 to {column.max_length} letters, digits, '_' or '-'",
        "text": f"text of at most {column.max_length} characters",
    }[kind]


def _too(c: Context) -> str:
    return f"'{c.value}' is {c.detail}" if c.detail else f"'{c.value}' is out of range"


def _not_in_pool(c: Context) -> str:
    """RM01 and TR01: a remuneration or training row for a mentor mentor_pool does not have."""
    return (
        f"mentor_ref '{c.value}' is not in mentor_pool. Add the mentor to mentor_pool or correct "
        "the reference."
    )


_Template = Callable[[Context], str]
TEMPLATES: dict[str, _Template] = {
    "FILE01": lambda c: (
        f"The file cannot be opened: {c.detail}. Save the return again from the template "
        "(an .xlsx workbook or a .zip of CSV files) and resubmit it."
    ),
    "FILE02": lambda c: (
        f"The file name '{c.value}' does not follow MPR_<UKPRN>_<YEAR>_<YYYYMMDD>T<HHMMSS>"
        ".xlsx or .zip (for example MPR_10004321_2025-26_20260115T093000.xlsx). Rename it."
    ),
    "FILE03": lambda c: (
        f"The file is {c.detail}, larger than the 20 MB limit. Remove anything that is not "
        "part of the return and resubmit."
    ),
    "FILE04": lambda c: (
        f"The part '{c.part}' is missing. Add a sheet (workbook) or a {c.part}.csv file (zip) "
        f"named {c.part}" + (" (it may have no data rows)." if c.part == "training" else ".")
    ),
    "FILE05": lambda c: (
        f"The part '{c.part}' has no column '{c.column}'. Add the column with that heading in the first row."
    ),
    "FILE06": lambda c: (
        f"{c.detail}; it was ignored. Remove it, or correct its name if it is a column of the return."
    ),
    "FILE07": lambda c: (
        f"The part '{c.part}' is not readable as UTF-8 CSV text ({c.detail}). Save it as "
        "'CSV UTF-8' and resubmit."
    ),
    "SUB01": lambda c: f"UKPRN {c.value} {c.detail}. Check the UKPRN in the file name.",
    "SUB02": lambda c: c.detail,
    "SUB04": lambda c: f"The year {c.value} {c.detail}. Submit within the collection window.",
    "VAL01": lambda c: f"{c.column} must be {c.expected}; '{c.value}' is not. Correct {c.meaning}.",
    "VAL02": lambda c: f"{c.column} must be {c.expected}; {_too(c)}. Correct {c.meaning}.",
    "VAL03": lambda c: f"{c.column} is blank. Enter {c.expected} ({c.meaning}).",
    "MP01": lambda c: (
        f"mentor_ref '{c.value}' is used for more than one mentor. Give each mentor their own "
        "reference, or remove the repeated row."
    ),
    "MP02": lambda c: (
        f"mentor_ref '{c.value}' looks like a name or an e-mail address. Replace it with a "
        "pseudonymous reference (for example M0042); never send personal data."
    ),
    "MP03": lambda c: (
        f"active_mentees is '{c.value}', more than 12 mentees for one mentor. Check the number; "
        "if it is right, no change is needed."
    ),
    "MP04": lambda c: (
        f"start_date '{c.value}' is after the date the return was received. Correct the date "
        "the person became a mentor."
    ),
    "RM01": _not_in_pool,
    "RM02": lambda c: f"mentor_ref '{c.value}' {c.detail}. Give every mentor exactly one remuneration row.",
    "RM03": lambda c: f"{c.column} {c.detail}; it is '{c.value}'. Correct {c.column} or arrangement.",
    "RM04": lambda c: (
        f"remitted_hours '{c.value}' is {c.detail}, below the 20 hours a year per mentee of the "
        "benchmark agreement. Check the hours; if they are right, no change is needed."
    ),
    "RM05": lambda c: (
        f"funding_stream '{c.value}' is neither OWN nor a stream listed in funding. Add the stream "
        "to funding or correct funding_stream."
    ),
    "TR01": _not_in_pool,
    "TR02": lambda c: f"level {c.detail}. Correct level or accredited.",
    "TR03": lambda c: f"completion_date {c.detail}. Correct completion_date or status.",
    "TR04": lambda c: f"reason is blank for a {c.detail} programme. Enter one of {', '.join(codes.REASONS)}.",
    "FN01": lambda c: f"The stream '{c.value}' appears more than once in funding. Give one row per stream.",
    "FN02": lambda c: (
        f"The total spent ({c.detail}) is more than allocated_gbp '{c.value}' for this stream. "
        "Check the amounts; if they are right, no change is needed."
    ),
    "FN03": lambda c: (
        f"allocated_gbp '{c.value}' for MENTOR_GRANT is above the £6,000 grant. Check the amount."
    ),
    "FN04": lambda c: c.detail,
    "AB01": lambda c: f"{c.column} ('{c.value}') is more than {c.detail}. Correct whichever count is wrong.",
    "AB02": lambda c: (
        f"trainees_with_mentor is '{c.value}' but the mentors in mentor_pool have {c.detail} "
        "active mentees in total. Check both."
    ),
    "SEC01": lambda c: (
        f"{c.column} '{c.value}' starts with a character that spreadsheets read as a formula "
        "(=, +, -, @, tab). It is kept, but shown with a leading ' everywhere; remove the "
        "character if it is not meant."
    ),
}


def issue_message(rule_id: str, part: str | None, column: str | None, value: object, detail: object) -> str:
    """The message of one issue."""
    spec_column = _spec_column(part, column)
    context = Context(
        part=part or "",
        column=column or "",
        value="" if _missing(value) else str(value),
        detail="" if _missing(detail) else str(detail),
        expected=expected(spec_column) if spec_column else "",
        meaning=f"the {column} ({spec_column.meaning})" if spec_column else "the value",
    )
    return TEMPLATES[rule_id](context)


def _spec_column(part: str | None, column: str | None) -> Column | None:
    if part in PARTS and column in PARTS[part].column_names:
        return PARTS[part].column(column)
    return None


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)
