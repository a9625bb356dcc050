"""Academic years, collection windows and when providers produce their files.

The window rule of the synthetic sector: a year opens on 1 August of its first calendar year and
closes on the later of a realistic close (31 October after the year ends) and one year after the
generation time. SUB04 is checked against the wall-clock time of receipt, so a demo sector
processed any day within a year of generation is inside every generated year's window. The one
year written only to exercise SUB04 is the first year whose 1 August is still in the future.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from mpo.returns.naming import is_academic_year


def first_calendar_year(year: str) -> int:
    return int(year[:4])


def year_start(year: str) -> date:
    return date(first_calendar_year(year), 8, 1)


def year_end(year: str) -> date:
    return date(first_calendar_year(year) + 1, 7, 31)


def academic_year(first: int) -> str:
    return f"{first}-{(first + 1) % 100:02d}"


def realistic_close(year: str) -> date:
    return date(first_calendar_year(year) + 1, 10, 31)


def collection_window(year: str, generated_at: datetime) -> tuple[date, date]:
    """(opens, closes) of a generated year: open from 1 August, and still open a year after generation."""
    return year_start(year), max(realistic_close(year), (generated_at + timedelta(days=365)).date())


def not_yet_open_year(generated_at: datetime) -> str:
    """The first academic year whose window has not opened at generation time (for SUB04)."""
    first = (
        generated_at.year if generated_at.date() < date(generated_at.year, 8, 1) else generated_at.year + 1
    )
    return academic_year(first)


def check_years(years: list[str], generated_at: datetime) -> None:
    """Refuse years that are malformed, repeated or not yet open (every return would fail SUB04)."""
    problems = [
        f"{year!r} is not an academic year like 2025-26" for year in years if not is_academic_year(year)
    ]
    problems += [f"{year} is given twice" for year in sorted({y for y in years if years.count(y) > 1})]
    problems += [
        f"{year} opens on {year_start(year)}, after the generation time {generated_at:%Y-%m-%d}"
        for year in years
        if is_academic_year(year) and year_start(year) > generated_at.date()
    ]
    if not years or problems:
        raise ValueError("cannot generate these years: " + ("; ".join(problems) or "no years given"))


def submission_period(year: str, generated_at: datetime) -> tuple[datetime, datetime]:
    """When providers produce a year's files: from the August after the year ends, for about 100 days.

    A year not yet over at generation time is submitted from its opening; every timestamp lies
    inside the window and at least an hour before generation time.
    """
    latest = generated_at - timedelta(hours=1)
    start = datetime.combine(year_end(year) + timedelta(days=1), datetime.min.time())
    if start + timedelta(days=7) > latest:
        start = datetime.combine(year_start(year), datetime.min.time())
    return start, min(start + timedelta(days=100), latest)
