"""Rules across rows, across parts and against the reference data (spec section 4), over a whole batch.

Each takes the batch's typed frames (``typed``, for comparing) and cell text (``raw``, for the value
reported); a rule that needs a part runs only for submissions where that part could be read.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from mpo.collection.issues import FINDING_COLUMNS, MAX_VALUE_CHARS
from mpo.reference import Reference

KEY = ["submission_id", "mentor_ref"]


def cross_part_findings(
    raw: dict[str, pd.DataFrame],
    typed: dict[str, pd.DataFrame],
    readable: dict[str, set[int]],
    submissions: pd.DataFrame,
    reference: Reference,
) -> list[pd.DataFrame]:
    """Findings of MP01, RM01, RM02, RM05, TR01, FN01, FN04, AB02, SUB01, SUB02 and SUB04."""
    return [
        *_mentors(raw, typed, readable),
        *_funding(raw, typed, readable, submissions, reference),
        *_about(raw, typed, readable, submissions),
        _register(submissions, reference),
        _window(submissions, reference),
    ]


def at_rows(
    raw: pd.DataFrame,
    where: np.ndarray | pd.Series,
    rule_id: str,
    part: str,
    column: str,
    detail: object = None,
) -> pd.DataFrame:
    """Findings on the rows of ``raw`` where ``where`` holds, each with its cell text in ``column``."""
    mask = np.asarray(where, dtype=bool)
    hit = raw.loc[mask]
    values = hit[column].astype(object)
    details = (
        np.asarray(detail, dtype=object)[mask] if isinstance(detail, (pd.Series, np.ndarray)) else detail
    )
    return pd.DataFrame(
        {
            "submission_id": hit["submission_id"].to_numpy(),
            "rule_id": rule_id,
            "part": part,
            "row_number": hit["row_number"].to_numpy(),
            "column_name": column,
            "value": values.where(values.notna(), None).to_numpy(),
            "detail": details,
        },
        columns=list(FINDING_COLUMNS),
    )


def _keys(frame: pd.DataFrame, columns: list[str]) -> pd.MultiIndex:
    return pd.MultiIndex.from_frame(frame[columns])


def _in(frame: pd.DataFrame, readable: set[int]) -> pd.Series:
    return frame["submission_id"].isin(readable)


def _mentors(raw, typed, readable) -> list[pd.DataFrame]:
    """MP01, RM01, RM02, TR01: mentor_ref unique in mentor_pool, and each pool mentor paid exactly once."""
    pool, pay, training = typed["mentor_pool"], typed["remuneration"], typed["training"]
    pool_keys = _keys(pool[pool["mentor_ref"].notna()], KEY)
    pay_keys = _keys(pay[pay["mentor_ref"].notna()], KEY)
    repeated = pool["mentor_ref"].notna() & pool.duplicated(KEY, keep="first")
    known_pay = pay["mentor_ref"].notna() & _keys(pay, KEY).isin(pool_keys)
    known_training = _keys(training, KEY).isin(pool_keys)
    unpaid = (
        pool["mentor_ref"].notna()
        & ~repeated
        & _in(pool, readable["remuneration"])
        & ~_keys(pool, KEY).isin(pay_keys)
    )
    return [
        at_rows(raw["mentor_pool"], repeated, "MP01", "mentor_pool", "mentor_ref"),
        at_rows(
            raw["mentor_pool"], unpaid, "RM02", "mentor_pool", "mentor_ref", "has no row in remuneration"
        ),
        at_rows(
            raw["remuneration"],
            known_pay & pay.duplicated(KEY, keep="first"),
            "RM02",
            "remuneration",
            "mentor_ref",
            "has more than one row in remuneration",
        ),
        at_rows(
            raw["remuneration"],
            pay["mentor_ref"].notna() & ~known_pay & _in(pay, readable["mentor_pool"]),
            "RM01",
            "remuneration",
            "mentor_ref",
        ),
        at_rows(
            raw["training"],
            training["mentor_ref"].notna() & ~known_training & _in(training, readable["mentor_pool"]),
            "TR01",
            "training",
            "mentor_ref",
        ),
    ]


def _funding(raw, typed, readable, submissions, reference) -> list[pd.DataFrame]:
    """FN01 (a stream repeated), RM05 (a paying stream not in funding) and FN04 (the funder's allocations)."""
    funding, pay = typed["funding"], typed["remuneration"]
    has_stream = funding["stream"].notna()
    repeated = has_stream & funding.duplicated(["submission_id", "stream"], keep="first")
    stream_keys = _keys(funding[has_stream], ["submission_id", "stream"])
    paying = pay["funding_stream"].notna() & pay["funding_stream"].ne("OWN")
    unfunded = (
        paying
        & _in(pay, readable["funding"])
        & ~_keys(pay.rename(columns={"funding_stream": "stream"}), ["submission_id", "stream"]).isin(
            stream_keys
        )
    )
    return [
        at_rows(raw["funding"], repeated, "FN01", "funding", "stream"),
        at_rows(raw["remuneration"], unfunded, "RM05", "remuneration", "funding_stream"),
        *_allocations(raw["funding"], funding, repeated, readable["funding"], submissions, reference),
    ]


def _allocations(raw, funding, repeated, readable, submissions, reference) -> list[pd.DataFrame]:
    """FN04: reported allocated_gbp against the funder's, stream by stream; OWN and OTHER never compared."""
    funder = reference.allocations[~reference.allocations["stream"].isin(["OWN", "OTHER"])]
    funder = submissions[submissions["submission_id"].isin(readable)].merge(funder, on=["ukprn", "year"])
    funder = funder[["submission_id", "stream", "allocated_gbp"]].rename(columns={"allocated_gbp": "funder"})
    funder = funder.drop_duplicates(["submission_id", "stream"])
    rows = funding.assign(first=~repeated).merge(funder, how="left", on=["submission_id", "stream"])
    differs = (
        (rows["first"] & ((rows["allocated_gbp"] - rows["funder"]).abs() > 100)).fillna(False).to_numpy()
    )
    details = np.full(len(rows), None, dtype=object)
    details[differs] = [
        f"allocated_gbp '{value[:MAX_VALUE_CHARS]}' for {stream} differs by more than £1 from the funder's "
        f"allocation of £{pence / 100:,.2f}. Check the amount against the funder's allocation"
        for value, stream, pence in zip(
            raw.loc[differs, "allocated_gbp"],
            rows.loc[differs, "stream"],
            rows.loc[differs, "funder"],
            strict=True,
        )
    ]
    present = _keys(funding[funding["stream"].notna()], ["submission_id", "stream"])
    omitted = funder[~_keys(funder, ["submission_id", "stream"]).isin(present)]
    missing = pd.DataFrame(
        {
            "submission_id": omitted["submission_id"].to_numpy(),
            "rule_id": "FN04",
            "part": "funding",
            "row_number": None,
            "column_name": "stream",
            "value": omitted["stream"].to_numpy(),
            "detail": [
                f"The funder allocated £{pence / 100:,.2f} for {stream} but funding has no {stream} row. "
                "Add the stream with what you were allocated"
                for stream, pence in zip(omitted["stream"], omitted["funder"], strict=True)
            ],
        },
        columns=list(FINDING_COLUMNS),
    )
    return [at_rows(raw, differs, "FN04", "funding", "allocated_gbp", details), missing]


def _about(raw, typed, readable, submissions) -> list[pd.DataFrame]:
    """SUB02 (one about row, matching the file name) and AB02 (mentees in the pool against trainees)."""
    about, pool = typed["about"], typed["mentor_pool"]
    counts = about["submission_id"].value_counts().reindex(sorted(readable["about"]), fill_value=0)
    wrong = counts[counts != 1]
    named = about[["submission_id"]].merge(submissions, how="left", on="submission_id")
    ukprn_differs = (about["ukprn"] != named["ukprn"].to_numpy()).fillna(False)
    year_differs = about["year"].notna() & (about["year"] != named["year"].to_numpy())
    mentees = pool["active_mentees"].groupby(pool["submission_id"])
    totals = mentees.sum().where(~pool["active_mentees"].isna().groupby(pool["submission_id"]).any())
    totals = totals.reindex(sorted(readable["mentor_pool"]), fill_value=0)
    single = about["submission_id"].map(counts).eq(1) & about["submission_id"].isin(totals.index)
    total = about["submission_id"].map(totals).astype("Int64")
    short = (single & (total < about["trainees_with_mentor"])).fillna(False)
    return [
        pd.DataFrame(
            {
                "submission_id": wrong.index.to_numpy(),
                "rule_id": "SUB02",
                "part": "about",
                "row_number": None,
                "column_name": None,
                "value": wrong.astype(str).to_numpy(),
                "detail": [
                    f"about must have exactly one data row; it has {count}. Keep the one row describing "
                    "the provider"
                    for count in wrong
                ],
            },
            columns=list(FINDING_COLUMNS),
        ),
        _unlike_file_name(raw["about"], named, ukprn_differs, "ukprn", "UKPRN"),
        _unlike_file_name(raw["about"], named, year_differs, "year", "year"),
        at_rows(
            raw["about"], short, "AB02", "about", "trainees_with_mentor", total.astype(object).to_numpy()
        ),
    ]


def _unlike_file_name(
    raw_about: pd.DataFrame, named: pd.DataFrame, differs: pd.Series, column: str, what: str
) -> pd.DataFrame:
    """SUB02 on the about rows whose ``column`` differs from the file name's (``named``, row for row)."""
    details = np.array(
        [
            f"{column} in about is '{str(value)[:MAX_VALUE_CHARS]}' but the file name's {what} is "
            f"{expected}. Correct one of them"
            for value, expected in zip(raw_about[column], named[column], strict=True)
        ],
        dtype=object,
    )
    return at_rows(raw_about, differs, "SUB02", "about", column, details)


def year_start(year: str) -> datetime:
    """An academic year begins on 1 August of its first calendar year (2025-26: 1 August 2025)."""
    return datetime(int(year[:4]), 8, 1)


def _register(submissions: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """SUB01: the UKPRN is in the provider register and the provider had not closed before the year began."""
    providers = reference.providers.set_index("ukprn")["close_date"]
    rows = []
    for submission_id, ukprn, year in submissions[["submission_id", "ukprn", "year"]].itertuples(index=False):
        if ukprn not in providers.index:
            rows.append((submission_id, ukprn, "is not in the provider register"))
        elif pd.notna(closed := providers.loc[ukprn]) and closed < year_start(year):
            rows.append(
                (
                    submission_id,
                    ukprn,
                    f"belongs to a provider that closed on {closed:%d %B %Y}, "
                    f"before the {year} year began on 1 August {year[:4]}",
                )
            )
    return _whole_file("SUB01", rows)


def _window(submissions: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """SUB04: the date of receipt is within the year's collection window (opens and closes inclusive)."""
    windows = reference.collection_years.set_index("year")
    rows = []
    for submission_id, year, received_at in submissions[["submission_id", "year", "received_at"]].itertuples(
        index=False
    ):
        if year not in windows.index:
            rows.append((submission_id, year, "is not a collection year"))
            continue
        opens, closes = windows.loc[year, "opens"], windows.loc[year, "closes"]
        received = pd.Timestamp(received_at).normalize()
        if not opens.normalize() <= received <= closes.normalize():
            rows.append(
                (
                    submission_id,
                    year,
                    f"was not open for submissions on {received:%d %B %Y}: the "
                    f"window is {opens:%d %B %Y} to {closes:%d %B %Y}",
                )
            )
    return _whole_file("SUB04", rows)


def _whole_file(rule_id: str, rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            (submission_id, rule_id, None, None, None, str(value), detail)
            for submission_id, value, detail in rows
        ],
        columns=list(FINDING_COLUMNS),
    )
