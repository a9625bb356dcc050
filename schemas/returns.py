"""The pandera models of the five parts (spec sections 3-4), built from ``schemas.parts``.

Each part has two models, validated lazily on a whole batch of returns at once:

- ``RAW_SCHEMAS``: the cells as text (NA when blank). VAL03, VAL01, SEC01 and MP02 are checked here,
  so a value that does not read as its kind is reported per cell and never hides a later check.
- ``TYPED_SCHEMAS``: the typed values (docs/design.md), NA where blank or invalid, plus a few context
  columns (``CONTEXT_COLUMNS``). VAL02 and the row rules comparing columns are checked here.

Every check is named by its rule id. A column check's failures name their column; a frame-level
check names the column of its ``RowRule`` (found by the check's position, ``check_number``).

Decisions where the spec is silent:

- SEC01 is any cell text starting with = + - @ tab or CR, except a plain signed number or amount
  (``-5``, ``+3.5``, ``-£1,250.00``), which a spreadsheet reads as a number, not a formula; workbook
  number, boolean and date cells arrive rendered as plain values, so they never trigger it.
- mentor_ref's characters are VAL01, lengths (mentor_ref 20, programme_name 120) VAL02; MP02 is
  checked in mentor_pool only (elsewhere such a ref is VAL01). Refs compare exactly, after trimming.
- Where the spec gives no maximum, the store's types do: whole numbers up to 2,147,483,647, money up
  to £9,999,999,999.99 (VAL02 beyond). Money with more than 2 decimal places is VAL01.
- A date cell with a time other than midnight is VAL01; a workbook error cell (#DIV/0!) reads blank.
- ``contexts``: empty items are ignored and repeats dropped.
- A value given but unreadable is VAL01 only: rules that need it (RM03, TR02-TR04, AB01, ...) skip it
  rather than call it missing. Out-of-range values stay typed, so later rules still see them.
- RM04 applies where remitted_hours > 0 (0 or blank is RM03's). AB02 is skipped while any
  active_mentees is blank or unreadable, or about has other than one row.
- FN02 and FN03 name allocated_gbp. FN04 for a funder stream missing from the return: part funding,
  no row, column ``stream``, value the stream. SUB02 for the about row count: no row or column,
  value the count.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

import pandas as pd
import pandera.pandas as pa

from mpo.collection.cells import (
    DTYPES,
    INT_LIMIT,
    MONEY_LIMIT_PENCE,
    looks_like_formula,
    looks_personal,
    parse_column,
)
from schemas.parts import PARTS, Column


def _rule(rule_id: str, passes) -> pa.Check:
    # ignore_na=False: each check says itself how a blank cell counts
    return pa.Check(passes, name=rule_id, ignore_na=False)


def _readable(column: Column):
    def passes(raw: pd.Series) -> pd.Series:
        return ~parse_column(column, raw)[1]

    return passes


def raw_checks(column: Column, part_name: str) -> list[pa.Check]:
    """VAL03 (required and blank), VAL01 (does not read as its kind), SEC01, MP02 on one column's text."""
    checks = []
    if column.required:
        checks.append(_rule("VAL03", lambda raw: raw.notna()))
    if column.kind != "text":
        checks.append(_rule("VAL01", _readable(column)))
    checks.append(_rule("SEC01", lambda raw: ~looks_like_formula(raw)))
    if part_name == "mentor_pool" and column.name == "mentor_ref":
        checks.append(_rule("MP02", lambda raw: ~looks_personal(raw)))
    return checks


def limits(column: Column) -> tuple[float | None, float | None]:
    """A column's allowed range in its typed unit (money in pence); the store's limits where unbounded."""
    if column.kind == "money":
        high = MONEY_LIMIT_PENCE if column.maximum is None else column.maximum * 100
        return column.minimum * 100, high
    if column.kind == "int":
        return column.minimum, INT_LIMIT if column.maximum is None else column.maximum
    return column.minimum, column.maximum


def _in_range(low: float | None, high: float | None):
    def passes(values: pd.Series) -> pd.Series:
        inside = pd.Series(True, index=values.index)
        if low is not None:
            inside &= (values >= low).fillna(True)
        if high is not None:
            inside &= (values <= high).fillna(True)
        return inside.astype(bool)

    return passes


def _short_enough(max_length: int):
    def passes(text: pd.Series) -> pd.Series:
        return text.isna() | (text.str.len() <= max_length).fillna(True).astype(bool)

    return passes


def typed_checks(column: Column, part_name: str) -> list[pa.Check]:
    """VAL02 (range, or length of text) and MP03 on one column's typed values."""
    checks = []
    low, high = limits(column)
    if low is not None or high is not None:
        checks.append(_rule("VAL02", _in_range(low, high)))
    if column.max_length is not None:
        checks.append(_rule("VAL02", _short_enough(column.max_length)))
    if part_name == "mentor_pool" and column.name == "active_mentees":
        checks.append(_rule("MP03", _in_range(None, 12)))
    return checks


def range_detail(column: Column, typed_value: object) -> str:
    """Which way a VAL02 value is out: too low, too high or too long."""
    if isinstance(typed_value, str):
        return f"longer than {column.max_length} characters"
    low, _ = limits(column)
    return "too low" if low is not None and typed_value < low else "too high"


@dataclass(frozen=True)
class RowRule:
    """A rule comparing columns of one row; ``column`` is the column the provider should change."""

    rule_id: str
    column: str
    detail: str  # completes the rule's message (mpo.collection.messages)
    breaks: Callable[[pd.DataFrame], pd.Series]  # True where broken; NA (unknown) never breaks

    def passes(self, frame: pd.DataFrame) -> pd.Series:
        return ~self.breaks(frame).fillna(False).astype(bool)


# Context the row rules need beyond the part's own columns, added by the validator: whether an
# optional cell was blank (a cell that is given but unreadable is VAL01, not "missing"), the date of
# receipt (MP04) and the mentor's active_mentees from mentor_pool (RM04).
CONTEXT_COLUMNS: dict[str, dict[str, str]] = {
    "about": {},
    "mentor_pool": {"received_on": "datetime64[ns]"},
    "remuneration": {
        "remitted_hours__blank": "bool",
        "payment_gbp__blank": "bool",
        "payment_basis__blank": "bool",
        "mentor_active_mentees": "Int64",
    },
    "training": {"level__blank": "bool", "reason__blank": "bool", "completion_date__blank": "bool"},
    "funding": {},
}


def _any_of(*allowed: str) -> Callable[[pd.Series], pd.Series]:
    return lambda codes: codes.isin(allowed).astype("boolean").mask(codes.isna())


def _more_than(column: str, total: str) -> RowRule:
    return RowRule("AB01", column, total, lambda f: f[column] > f[total])


_REMISSION, _NO_REMISSION = _any_of("REMISSION", "BOTH"), _any_of("PAYMENT", "NONE")
_PAYMENT, _NO_PAYMENT = _any_of("PAYMENT", "BOTH"), _any_of("REMISSION", "NONE")
_SPENT = [column.name for column in PARTS["funding"].columns if column.name.startswith("spent_")]

ROW_RULES: dict[str, list[RowRule]] = {
    "about": [
        _more_than("trainees_with_mentor", "trainee_teachers"),
        _more_than("new_staff_with_mentor", "new_staff"),
        _more_than("leavers_mentored", "leavers"),
        _more_than("leavers_mentored", "mentored_staff"),
        _more_than("leavers", "teaching_staff"),
        _more_than("mentored_staff", "teaching_staff"),
    ],
    "mentor_pool": [
        RowRule("MP04", "start_date", "", lambda f: f["start_date"] > f["received_on"]),
    ],
    "remuneration": [
        RowRule(
            "RM03",
            "remitted_hours",
            "must be more than 0 when arrangement is REMISSION or BOTH",
            lambda f: (
                _REMISSION(f["arrangement"]) & (f["remitted_hours__blank"] | (f["remitted_hours"] <= 0))
            ),
        ),
        RowRule(
            "RM03",
            "remitted_hours",
            "must be blank or 0 when arrangement is PAYMENT or NONE",
            lambda f: _NO_REMISSION(f["arrangement"]) & (f["remitted_hours"] > 0),
        ),
        RowRule(
            "RM03",
            "payment_gbp",
            "must be more than 0 when arrangement is PAYMENT or BOTH",
            lambda f: _PAYMENT(f["arrangement"]) & (f["payment_gbp__blank"] | (f["payment_gbp"] <= 0)),
        ),
        RowRule(
            "RM03",
            "payment_gbp",
            "must be blank or 0 when arrangement is REMISSION or NONE",
            lambda f: _NO_PAYMENT(f["arrangement"]) & (f["payment_gbp"] > 0),
        ),
        RowRule(
            "RM03",
            "payment_basis",
            "must be given (HOURLY, PER_PLACEMENT or FIXED) when payment_gbp is more than 0",
            lambda f: (f["payment_gbp"] > 0) & f["payment_basis__blank"],
        ),
        # Hours of 0 or less are RM03's; RM04 is the benchmark for hours that were given.
        RowRule(
            "RM04",
            "remitted_hours",
            "under 20 hours for each of the mentor's active mentees",
            lambda f: (
                _REMISSION(f["arrangement"])
                & (f["remitted_hours"] > 0)
                & (f["mentor_active_mentees"] >= 1)
                & (f["remitted_hours"] < 20 * f["mentor_active_mentees"])
            ),
        ),
    ],
    "training": [
        RowRule(
            "TR02",
            "level",
            "is required (3 to 7) when the programme is accredited",
            lambda f: f["accredited"] & f["level__blank"],
        ),
        RowRule(
            "TR02",
            "level",
            "must be blank when the programme is not accredited",
            lambda f: ~f["accredited"] & ~f["level__blank"],
        ),
        RowRule(
            "TR03",
            "completion_date",
            "is required when status is COMPLETED",
            lambda f: f["status"].eq("COMPLETED").astype("boolean") & f["completion_date__blank"],
        ),
        RowRule(
            "TR03",
            "completion_date",
            "is before start_date",
            lambda f: f["completion_date"] < f["start_date"],
        ),
        RowRule(
            "TR04",
            "reason",
            "WITHDRAWN or DECLINED",
            lambda f: _any_of("WITHDRAWN", "DECLINED")(f["status"]) & f["reason__blank"],
        ),
    ],
    "funding": [
        RowRule(
            "FN02",
            "allocated_gbp",
            "the sum of the spent_ columns",
            lambda f: (
                f["stream"].ne("OWN").astype("boolean").mask(f["stream"].isna())
                & (reduce(operator.add, (f[name] for name in _SPENT)) > f["allocated_gbp"])
            ),
        ),
        RowRule(
            "FN03",
            "allocated_gbp",
            "",
            lambda f: f["stream"].eq("MENTOR_GRANT").astype("boolean") & (f["allocated_gbp"] > 600_000),
        ),
    ],
}


def _raw_schema(part_name: str) -> pa.DataFrameSchema:
    columns = {
        c.name: pa.Column(nullable=True, checks=raw_checks(c, part_name)) for c in PARTS[part_name].columns
    }
    return pa.DataFrameSchema(columns, name=f"{part_name} (text)")


def _typed_schema(part_name: str) -> pa.DataFrameSchema:
    columns = {
        c.name: pa.Column(DTYPES.get(c.kind, object), nullable=True, checks=typed_checks(c, part_name))
        for c in PARTS[part_name].columns
    }
    columns |= {name: pa.Column(dtype, nullable=True) for name, dtype in CONTEXT_COLUMNS[part_name].items()}
    checks = [_rule(rule.rule_id, rule.passes) for rule in ROW_RULES[part_name]]
    return pa.DataFrameSchema(columns, checks=checks, name=part_name)


RAW_SCHEMAS = {name: _raw_schema(name) for name in PARTS}
TYPED_SCHEMAS = {name: _typed_schema(name) for name in PARTS}
