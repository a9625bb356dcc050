"""Lenient reading of cell text (spec section 3): one scalar parser per column kind, applied per column.

A raw cell is text (a workbook's typed cells are rendered as text by ``mpo.collection.read``), or
NA when blank. Each parser returns the typed value, or ``INVALID`` when the text does not read as
its kind (VAL01). Ranges are not checked here (VAL02 is a check of ``schemas.returns``).
Columns are parsed through their distinct values: a return repeats codes, flags and dates, so a
batch has few distinct values per column and each is parsed once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from mpo.returns.naming import is_academic_year
from schemas import codes
from schemas.parts import Column

INVALID = object()  # the parse result of text that does not read as its kind

# Storage limits where the spec gives no maximum: INTEGER and DECIMAL(12,2) of the collection store.
INT_LIMIT = 2_147_483_647
MONEY_LIMIT_PENCE = 999_999_999_999
# A whole number beyond every limit (1e30, an account number pasted as an amount) is held at this: still
# out of every range, so VAL02 reports it, where the number itself would overflow the 64-bit typed column
# (or a sum of it) and fail the whole batch.
OUT_OF_RANGE = 10 * MONEY_LIMIT_PENCE

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_MONEY = re.compile(
    r"^(?P<sign>[+-]?)£?\s*(?P<sign2>[+-]?)(?P<whole>\d{1,3}(,\d{3})+|\d*)(\.(?P<frac>\d{0,2}))?$"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REF = re.compile(r"^[A-Za-z0-9_-]+$")
_UKPRN = re.compile(r"^\d{8}$")
_RISKY_START = re.compile(r"^[=+\-@\t\r]")
_PERSONAL = re.compile(r"@|[^\W_]\s+[^\W_]")

DTYPES = {
    "ukprn": "Int64",
    "int": "Int64",
    "money": "Int64",
    "decimal": "Float64",
    "yesno": "boolean",
    "date": "datetime64[ns]",
}


def parse_number(text: str) -> Any:
    """A plain decimal number (no thousands separators; exponent allowed, as Excel may render)."""
    text = text.strip()
    return float(text) if _NUMBER.match(text) else INVALID


def parse_int(text: str) -> Any:
    """A whole number; 3.0 reads as 3, 3.5 does not."""
    number = parse_number(text)
    if number is INVALID or not number.is_integer():
        return INVALID
    return _whole(int(number))


def parse_money(text: str) -> Any:
    """Pounds, as ``1250.5``, ``£1,250.50`` or ``-£5``, to whole pence; more than 2 decimals is invalid."""
    compact = text.strip()
    match = _MONEY.match(compact)
    if not match or not (match["whole"] or match["frac"]) or (match["sign"] and match["sign2"]):
        number = parse_number(compact)  # a workbook number rendered with an exponent
        if number is INVALID or not math.isfinite(number) or abs(number * 100 - round(number * 100)) > 1e-6:
            return INVALID
        return _whole(int(round(number * 100)))
    digits = match["whole"].replace(",", "")
    whole = int(digits or 0) if len(digits) <= 18 else OUT_OF_RANGE  # no need to read all of a longer one
    pence = _whole(whole * 100 + int((match["frac"] or "").ljust(2, "0")))
    return -pence if "-" in (match["sign"], match["sign2"]) else pence


def _whole(number: int) -> int:
    return max(-OUT_OF_RANGE, min(OUT_OF_RANGE, number))


def parse_yesno(text: str) -> Any:
    word = text.strip().upper()
    return True if word in codes.YES else False if word in codes.NO else INVALID


def parse_date(text: str) -> Any:
    """ISO ``YYYY-MM-DD`` (a workbook date cell arrives rendered so)."""
    text = text.strip()
    if not _DATE.match(text):
        return INVALID
    try:
        value = datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return INVALID
    return value if 1678 <= value.year <= 2261 else INVALID  # datetime64[ns] bounds


def parse_ukprn(text: str) -> Any:
    value = parse_int(text)
    return value if value is not INVALID and _UKPRN.match(str(value)) else INVALID


def parse_year(text: str) -> Any:
    text = text.strip()
    return text if is_academic_year(text) else INVALID


def parse_ref(text: str) -> Any:
    text = text.strip()
    return text if _REF.match(text) else INVALID


def parse_text(text: str) -> Any:
    return text.strip()


def code_parser(allowed: tuple[str, ...]) -> Callable[[str], Any]:
    def parse_code(text: str) -> Any:
        word = text.strip().upper()
        return word if word in allowed else INVALID

    return parse_code


def codes_parser(allowed: tuple[str, ...]) -> Callable[[str], Any]:
    """A ';'-list: items trimmed, any case, each a known code, at least one; stored ';'-joined, no repeats."""

    def parse_codes(text: str) -> Any:
        items = [item.strip().upper() for item in text.split(";") if item.strip()]
        if not items or any(item not in allowed for item in items):
            return INVALID
        return ";".join(dict.fromkeys(items))

    return parse_codes


_KIND_PARSERS: dict[str, Callable[[str], Any]] = {
    "ukprn": parse_ukprn,
    "year": parse_year,
    "int": parse_int,
    "decimal": parse_number,
    "money": parse_money,
    "yesno": parse_yesno,
    "date": parse_date,
    "ref": parse_ref,
    "text": parse_text,
}


def parser_for(column: Column) -> Callable[[str], Any]:
    """The scalar parser of a column of ``schemas.parts``."""
    if column.kind == "code":
        return code_parser(column.codes)
    if column.kind == "codes":
        return codes_parser(column.codes)
    return _KIND_PARSERS[column.kind]


@lru_cache(maxsize=256)
def _cached_parser(column: Column) -> Callable[[str], Any]:
    return lru_cache(maxsize=65_536)(parser_for(column))


def parse_column(column: Column, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The typed values (NA when blank or invalid) and the mask of invalid cells of one raw column."""
    parse = _cached_parser(column)
    positions, distinct = pd.factorize(raw)  # a blank cell's position is -1: the None appended below
    parsed = [parse(text) for text in distinct]
    invalid = np.array([value is INVALID for value in parsed] + [False], dtype=bool)[positions]
    values = [None if value is INVALID else value for value in parsed] + [None]
    dtype = DTYPES.get(column.kind)
    if dtype is None:
        typed = np.array(values, dtype=object)[positions]
    elif dtype == "datetime64[ns]":
        typed = pd.array(pd.to_datetime(pd.Series(values, dtype=object))).take(positions)
    else:
        typed = pd.array(values, dtype=dtype).take(positions)
    return pd.Series(typed, index=raw.index, name=column.name), pd.Series(invalid, index=raw.index)


def looks_like_formula(raw: pd.Series) -> pd.Series:
    """Text starting with = + - @ tab or CR (SEC01), except a plain signed number or amount such as -5."""
    risky = raw.str.match(_RISKY_START.pattern).fillna(False).astype(bool)
    if not risky.any():
        return risky
    plain_number = raw[risky].map(lambda text: parse_money(text) is not INVALID)
    risky.loc[plain_number[plain_number].index] = False
    return risky


def looks_personal(raw: pd.Series) -> pd.Series:
    """A mentor_ref containing '@' or a space between two words (MP02)."""
    return raw.str.contains(_PERSONAL.pattern, regex=True).fillna(False).astype(bool)


def render_cell(value: Any) -> str | None:
    """A workbook cell as text: numbers without float noise, booleans TRUE/FALSE, dates ISO; blank -> None."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return None if value is None else str(value)
