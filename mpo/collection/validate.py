"""Validate a batch of received returns (spec section 4): read each, then check each part batch-wide.

Checking the batch, not a file at a time, matters: a pandera call costs milliseconds whatever the
number of rows, so one call per part per batch keeps validation at thousands of returns a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pandera
import pyarrow as pa

from mpo.collection.cells import parse_column
from mpo.collection.cross_part import cross_part_findings
from mpo.collection.issues import (
    FINDING_COLUMNS,
    Finding,
    findings_frame,
    issue_counts,
    issues_frame,
)
from mpo.collection.read import ReadReturn, read_return
from mpo.reference import Reference
from mpo.returns.naming import ReturnName
from schemas.parts import PARTS, Part
from schemas.returns import RAW_SCHEMAS, ROW_RULES, TYPED_SCHEMAS, range_detail
from schemas.rules import RULES

__all__ = ["ReceivedReturn", "ValidationResult", "file_name_issue", "file_name_issues", "issue_counts",
           "validate_returns"]


@dataclass(frozen=True)
class ReceivedReturn:
    submission_id: int
    file_name: str
    path: Path  # the archived copy to read (its bytes are the file as received)
    received_at: datetime  # naive local wall-clock time of receipt (SUB04, MP04)
    name: ReturnName  # already parsed: FILE02 is decided before validation


@dataclass
class ValidationResult:
    issues: pd.DataFrame  # issues.ISSUE_COLUMNS
    parts: dict[str, pd.DataFrame]  # part -> typed rows of every submission whose part could be read


def validate_returns(returns: Sequence[ReceivedReturn], reference: Reference) -> ValidationResult:
    """Read and validate a batch of returns; every issue of every return is reported (lazy)."""
    reads = {
        received.submission_id: read_return(received.path, received.name.container) for received in returns
    }
    findings = [
        pd.DataFrame(
            [(submission_id, *finding) for submission_id, read in reads.items() for finding in read.findings],
            columns=list(FINDING_COLUMNS),
        )
    ]
    raw = {name: raw_batch(part, reads) for name, part in PARTS.items()}
    typed = {name: typed_batch(part, raw[name]) for name, part in PARTS.items()}
    context = _context(raw, typed, returns)
    for name in PARTS:
        findings.append(schema_findings(RAW_SCHEMAS[name], raw[name], raw[name]))
        findings.append(schema_findings(TYPED_SCHEMAS[name], typed[name].assign(**context[name]), raw[name]))
    submissions = pd.DataFrame(
        [(r.submission_id, r.name.ukprn, r.name.year, r.received_at) for r in returns],
        columns=["submission_id", "ukprn", "year", "received_at"],
    )
    readable = {name: {sid for sid, read in reads.items() if name in read.parts} for name in PARTS}
    findings.extend(cross_part_findings(raw, typed, readable, submissions, reference))
    return ValidationResult(issues_frame(findings), typed)


def file_name_issues(files: Iterable[tuple[int, str]]) -> pd.DataFrame:
    """The FILE02 issues of files whose names do not parse, from (submission_id, file name) pairs."""
    return issues_frame(findings_frame(submission_id, [Finding("FILE02", value=file_name)])
                        for submission_id, file_name in files)


def file_name_issue(submission_id: int, file_name: str) -> dict[str, Any]:
    """One FILE02 issue row (columns of ``issues.ISSUE_COLUMNS``)."""
    return file_name_issues([(submission_id, file_name)]).iloc[0].to_dict()


def raw_batch(part: Part, reads: dict[int, ReadReturn]) -> pd.DataFrame:
    """The cell text of one part for every return where it was read, with submission_id and row_number."""
    ids: list[int] = []
    numbers: list[int] = []
    cells: dict[str, list[str | None]] = {name: [] for name in part.column_names}
    for submission_id, read in reads.items():
        raw = read.parts.get(part.name)
        if raw is None:
            continue
        count = len(raw.rows)
        ids.extend([submission_id] * count)
        numbers.extend(raw.row_numbers)
        columns = dict(zip(raw.columns, zip(*raw.rows, strict=True), strict=False)) if count else {}
        for name, values in cells.items():
            values.extend(columns.get(name, (None,) * count))  # an absent optional column reads as blank
    frame = {
        name: pd.arrays.ArrowStringArray(pa.array(values, type=pa.string())) for name, values in cells.items()
    }
    return pd.DataFrame(
        {
            "submission_id": np.array(ids, dtype="int64"),
            "row_number": np.array(numbers, dtype="int64"),
            **frame,
        }
    )


def typed_batch(part: Part, raw: pd.DataFrame) -> pd.DataFrame:
    """Typed rows (docs/design.md): NA where a cell is blank or does not read as its kind."""
    typed = {column.name: parse_column(column, raw[column.name])[0] for column in part.columns}
    return pd.DataFrame({"submission_id": raw["submission_id"], "row_number": raw["row_number"], **typed})


def _context(
    raw: dict[str, pd.DataFrame], typed: dict[str, pd.DataFrame], returns: Sequence[ReceivedReturn]
) -> dict[str, dict[str, pd.Series]]:
    """The context columns of schemas.returns.CONTEXT_COLUMNS for each part of the batch."""
    received_on = {r.submission_id: pd.Timestamp(r.received_at).normalize() for r in returns}
    pool = typed["mentor_pool"]
    mentees = pool[pool["mentor_ref"].notna()].drop_duplicates(["submission_id", "mentor_ref"])
    remuneration = typed["remuneration"]
    joined = remuneration[["submission_id", "mentor_ref"]].merge(
        mentees[["submission_id", "mentor_ref", "active_mentees"]],
        how="left",
        on=["submission_id", "mentor_ref"],
    )

    def blanks(part_name: str, *names: str) -> dict[str, pd.Series]:
        return {f"{name}__blank": raw[part_name][name].isna().astype(bool) for name in names}

    return {
        "about": {},
        "mentor_pool": {"received_on": pool["submission_id"].map(received_on).astype("datetime64[ns]")},
        "remuneration": blanks("remuneration", "remitted_hours", "payment_gbp", "payment_basis")
        | {
            "mentor_active_mentees": pd.Series(joined["active_mentees"].array, index=remuneration.index),
        },
        "training": blanks("training", "level", "reason", "completion_date"),
        "funding": {},
    }


def schema_findings(schema: pandera.DataFrameSchema, frame: pd.DataFrame, raw: pd.DataFrame) -> pd.DataFrame:
    """Validate one part of the batch lazily; each failure case becomes a finding on its row and column."""
    try:
        schema.validate(frame, lazy=True, inplace=True)
        return pd.DataFrame(columns=list(FINDING_COLUMNS))
    except pandera.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    part = PARTS[_part_of(schema)]
    unknown = cases[~cases["check"].isin(RULES) | cases["index"].isna()]
    if len(unknown):  # a dtype failure or a check that raised: a bug in MPO, never the provider's fault
        raise RuntimeError(f"validation of {part.name} failed unexpectedly:\n{unknown.head(10)}")
    wide = cases["schema_context"].eq("DataFrameSchema").to_numpy()
    rules = [ROW_RULES[part.name][int(number)] for number in cases.loc[wide, "check_number"]]
    columns = cases["column"].to_numpy(dtype=object).copy()
    details = np.full(len(cases), None, dtype=object)
    columns[wide] = [rule.column for rule in rules]
    details[wide] = [rule.detail for rule in rules]
    cases = cases.assign(column=columns, detail=details, index=cases["index"].astype("int64"))
    cases = cases.drop_duplicates(["check", "check_number", "column", "index"])
    ranged = cases["check"].eq("VAL02").to_numpy()
    cases.loc[ranged, "detail"] = [
        range_detail(part.column(column), value)
        for column, value in zip(cases.loc[ranged, "column"], cases.loc[ranged, "failure_case"], strict=True)
    ]
    positions = cases["index"].to_numpy()
    values = [
        raw[column].array[position] for column, position in zip(cases["column"], positions, strict=True)
    ]
    return pd.DataFrame(
        {
            "submission_id": raw["submission_id"].to_numpy()[positions],
            "rule_id": cases["check"].to_numpy(),
            "part": part.name,
            "row_number": raw["row_number"].to_numpy()[positions],
            "column_name": cases["column"].to_numpy(),
            "value": [None if value is pd.NA else value for value in values],
            "detail": cases["detail"].to_numpy(),
        }
    )


def _part_of(schema: pandera.DataFrameSchema) -> str:
    return schema.name.split(" ")[0]
