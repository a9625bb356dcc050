"""Pandera models of the four reference files of docs/spec.md section 2, checked on their raw text.

Each file is read with every cell as stripped text, then validated lazily so every problem is
reported at once. A check's ``error`` is the plain-English instruction shown to whoever fixes the
file; checks that compare columns name the column to change in ``ROW_CHECK_COLUMN``.
Checks across files (unknown provider, unknown partnership) live in ``mpo.reference``.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from mpo.returns.naming import is_academic_year
from schemas.codes import PROVIDER_TYPES, REGIONS, STREAMS

UKPRN = re.compile(r"^1\d{7}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Pounds with optional £, thousands commas and up to two decimals: 1250, 1250.5, £1,250.50.
_MONEY = re.compile(r"^£?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$")
_PARTNERSHIP_CODE = re.compile(r"^[A-Z0-9_-]{1,20}$")

BAD_UKPRN = "write the UKPRN as 8 digits starting with 1, e.g. 10004321"
BAD_DATE = "write the date as YYYY-MM-DD, e.g. 2025-08-01"
BAD_YEAR = "write the academic year as YYYY-YY where YY is the next year, e.g. 2025-26"
BAD_MONEY = "write a non-negative amount in pounds, e.g. 1250.50 or £1,250.50"
BLANK = "fill in this value; it must not be blank"
DUPLICATE_UKPRN = "remove the duplicate row: each UKPRN appears once in providers.csv"
DUPLICATE_ALLOCATION = "merge or remove the duplicate row: each (ukprn, year, stream) appears once"
DUPLICATE_PARTNERSHIP = "remove the duplicate row: each partnership_code appears once"
DUPLICATE_YEAR = "remove the duplicate row: each year appears once"
CLOSE_BEFORE_OPEN = "change close_date: a provider cannot close before its open_date"
CLOSES_BEFORE_OPENS = "change closes: the collection window cannot close before it opens"
BAD_PARTNERSHIP_CODE = "write partnership codes as 1-20 of A-Z, 0-9, _ or -, separated by ';'"

# The column a whole-row check asks the user to change.
ROW_CHECK_COLUMN = {
    DUPLICATE_UKPRN: "ukprn",
    DUPLICATE_ALLOCATION: "stream",
    DUPLICATE_PARTNERSHIP: "partnership_code",
    DUPLICATE_YEAR: "year",
    CLOSE_BEFORE_OPEN: "close_date",
    CLOSES_BEFORE_OPENS: "closes",
}


def parse_iso_date(text: str) -> date | None:
    """The date written as YYYY-MM-DD, or None when it is not one."""
    if not _ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_money_pence(text: str) -> int | None:
    """Whole pence of a non-negative pounds amount (``£1,250.50`` → 125050), or None."""
    if not _MONEY.match(text):
        return None
    pounds, _, pence = text.lstrip("£").replace(",", "").partition(".")
    return int(pounds) * 100 + int(pence.ljust(2, "0") or 0)


def split_partnerships(text: str) -> list[str]:
    """The codes of a ``;``-list, trimmed and upper-cased; blank items dropped."""
    return [code.strip().upper() for code in text.split(";") if code.strip()]


def _valid_dates(series: pd.Series) -> pd.Series:
    return series.map(lambda text: parse_iso_date(text) is not None)


def _codes_allowed(series: pd.Series, allowed: tuple[str, ...]) -> pd.Series:
    return series.str.upper().isin(allowed)


def _not_before(frame: pd.DataFrame, start: str, end: str, blank_end_ok: bool) -> pd.Series:
    """True where ``end`` is on or after ``start``; a bad date passes (reported by its own check)."""
    if start not in frame or end not in frame:
        return pd.Series(True, index=frame.index)
    starts, ends = frame[start].map(parse_iso_date), frame[end].map(parse_iso_date)
    return pd.Series(
        [s is None or e is None or e >= s for s, e in zip(starts, ends, strict=True)], index=frame.index
    ) | (frame[end].eq("") & blank_end_ok)


def _first_of_each(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """False on the second and later rows with the same key (case-insensitive)."""
    if any(key not in frame for key in keys):
        return pd.Series(True, index=frame.index)
    return ~frame[keys].apply(lambda column: column.str.upper()).duplicated(keep="first")


class _TextFile(pa.DataFrameModel):
    class Config:
        strict = False  # an extra column is ignored, as in returns
        coerce = False


class ProvidersFile(_TextFile):
    ukprn: Series[str]
    provider_name: Series[str]
    provider_type: Series[str]
    region: Series[str]
    partnerships: Series[str]
    open_date: Series[str]
    close_date: Series[str]

    @pa.check("ukprn", error=BAD_UKPRN)
    def ukprn_format(cls, series: Series[str]) -> Series[bool]:
        return series.str.fullmatch(UKPRN.pattern)

    @pa.check("provider_name", error=BLANK)
    def name_present(cls, series: Series[str]) -> Series[bool]:
        return series.ne("")

    @pa.check("provider_type", error=f"use one of the provider types {', '.join(PROVIDER_TYPES)}")
    def known_type(cls, series: Series[str]) -> Series[bool]:
        return _codes_allowed(series, PROVIDER_TYPES)

    @pa.check("region", error=f"use one of the nine English regions: {'; '.join(REGIONS)}")
    def known_region(cls, series: Series[str]) -> Series[bool]:
        return series.str.lower().isin([region.lower() for region in REGIONS])

    @pa.check("partnerships", error=BAD_PARTNERSHIP_CODE)
    def partnership_codes(cls, series: Series[str]) -> Series[bool]:
        return series.map(lambda text: all(_PARTNERSHIP_CODE.match(c) for c in split_partnerships(text)))

    @pa.check("open_date", error=BAD_DATE)
    def open_is_date(cls, series: Series[str]) -> Series[bool]:
        return _valid_dates(series)

    @pa.check("close_date", error=f"leave blank while open, else {BAD_DATE}")
    def close_is_date(cls, series: Series[str]) -> Series[bool]:
        return series.eq("") | _valid_dates(series)

    @pa.dataframe_check(error=CLOSE_BEFORE_OPEN)
    def closes_after_opening(cls, frame: pd.DataFrame) -> Series[bool]:
        return _not_before(frame, "open_date", "close_date", blank_end_ok=True)

    @pa.dataframe_check(error=DUPLICATE_UKPRN)
    def one_row_per_provider(cls, frame: pd.DataFrame) -> Series[bool]:
        return _first_of_each(frame, ["ukprn"])


class AllocationsFile(_TextFile):
    ukprn: Series[str]
    year: Series[str]
    stream: Series[str]
    allocated_gbp: Series[str]

    @pa.check("ukprn", error=BAD_UKPRN)
    def ukprn_format(cls, series: Series[str]) -> Series[bool]:
        return series.str.fullmatch(UKPRN.pattern)

    @pa.check("year", error=BAD_YEAR)
    def academic_year(cls, series: Series[str]) -> Series[bool]:
        return series.map(is_academic_year)

    @pa.check("stream", error=f"use one of the streams {', '.join(STREAMS)}")
    def known_stream(cls, series: Series[str]) -> Series[bool]:
        return _codes_allowed(series, STREAMS)

    @pa.check("allocated_gbp", error=BAD_MONEY)
    def money(cls, series: Series[str]) -> Series[bool]:
        return series.map(lambda text: parse_money_pence(text) is not None)

    @pa.dataframe_check(error=DUPLICATE_ALLOCATION)
    def one_row_per_stream(cls, frame: pd.DataFrame) -> Series[bool]:
        return _first_of_each(frame, ["ukprn", "year", "stream"])


class PartnershipsFile(_TextFile):
    partnership_code: Series[str]
    partnership_name: Series[str]
    lead_ukprn: Series[str]

    @pa.check("partnership_code", error=BAD_PARTNERSHIP_CODE)
    def code_format(cls, series: Series[str]) -> Series[bool]:
        return series.str.upper().str.fullmatch(_PARTNERSHIP_CODE.pattern)

    @pa.check("partnership_name", error=BLANK)
    def name_present(cls, series: Series[str]) -> Series[bool]:
        return series.ne("")

    @pa.check("lead_ukprn", error=f"leave blank when there is no lead, else {BAD_UKPRN}")
    def lead_format(cls, series: Series[str]) -> Series[bool]:
        return series.eq("") | series.str.fullmatch(UKPRN.pattern)

    @pa.dataframe_check(error=DUPLICATE_PARTNERSHIP)
    def one_row_per_partnership(cls, frame: pd.DataFrame) -> Series[bool]:
        return _first_of_each(frame, ["partnership_code"])


class CollectionYearsFile(_TextFile):
    year: Series[str]
    opens: Series[str]
    closes: Series[str]

    @pa.check("year", error=BAD_YEAR)
    def academic_year(cls, series: Series[str]) -> Series[bool]:
        return series.map(is_academic_year)

    @pa.check("opens", error=BAD_DATE)
    def opens_is_date(cls, series: Series[str]) -> Series[bool]:
        return _valid_dates(series)

    @pa.check("closes", error=BAD_DATE)
    def closes_is_date(cls, series: Series[str]) -> Series[bool]:
        return _valid_dates(series)

    @pa.dataframe_check(error=CLOSES_BEFORE_OPENS)
    def window_in_order(cls, frame: pd.DataFrame) -> Series[bool]:
        return _not_before(frame, "opens", "closes", blank_end_ok=False)

    @pa.dataframe_check(error=DUPLICATE_YEAR)
    def one_row_per_year(cls, frame: pd.DataFrame) -> Series[bool]:
        return _first_of_each(frame, ["year"])


REFERENCE_FILES: dict[str, type[_TextFile]] = {
    "providers.csv": ProvidersFile,
    "allocations.csv": AllocationsFile,
    "partnerships.csv": PartnershipsFile,
    "collection_years.csv": CollectionYearsFile,
}
