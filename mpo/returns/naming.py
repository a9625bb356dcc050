"""File names of spec section 1: ``MPR_<UKPRN>_<YEAR>_<YYYYMMDD>T<HHMMSS>.<xlsx|zip>``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

CONTAINERS = ("xlsx", "zip")
_NAME = re.compile(
    r"^MPR_(?P<ukprn>1\d{7})_(?P<year>\d{4}-\d{2})_(?P<stamp>\d{8}T\d{6})\.(?P<ext>xlsx|zip)$"
)
_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class ReturnName:
    ukprn: int
    year: str
    file_timestamp: datetime
    container: str


def is_academic_year(text: str) -> bool:
    """``YYYY-YY`` where YY is the year after YYYY (2025-26)."""
    match = _YEAR.match(text)
    return bool(match) and (int(match.group(1)) + 1) % 100 == int(match.group(2))


def parse_return_name(file_name: str) -> ReturnName | None:
    """The parts of a well-formed return name, or None when it does not follow section 1."""
    match = _NAME.match(file_name)
    if not match or not is_academic_year(match.group("year")):
        return None
    try:
        stamp = datetime.strptime(match.group("stamp"), "%Y%m%dT%H%M%S")
    except ValueError:
        return None
    return ReturnName(int(match.group("ukprn")), match.group("year"), stamp, match.group("ext"))


def format_return_name(ukprn: int, year: str, file_timestamp: datetime, container: str) -> str:
    return f"MPR_{ukprn}_{year}_{file_timestamp:%Y%m%dT%H%M%S}.{container}"
