"""Issue rows (spec section 4): what every rule reports, as one frame with the store's columns."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from mpo.collection.messages import issue_message
from schemas.parts import PARTS
from schemas.rules import ERROR, RULES, WARNING

ISSUE_COLUMNS = (
    "submission_id",
    "rule_id",
    "severity",
    "part",
    "row_number",
    "column_name",
    "value",
    "message",
)
FINDING_COLUMNS = ("submission_id", "rule_id", "part", "row_number", "column_name", "value", "detail")
MAX_VALUE_CHARS = 100
_PART_RANK = {name: rank for rank, name in enumerate(PARTS, start=1)}


class Finding(NamedTuple):
    """One broken rule before it is worded: row_number None for a whole-file or whole-part issue."""

    rule_id: str
    part: str | None = None
    row_number: int | None = None
    column_name: str | None = None
    value: str | None = None
    detail: str | None = None  # facts for the message only (a reason, the other column, a limit)


def findings_frame(submission_id: int, findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings of one submission as a frame of FINDING_COLUMNS."""
    rows = [(submission_id, *finding) for finding in findings]
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))


def issues_frame(findings: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Worded, typed issues from frames of FINDING_COLUMNS, in submission, part and row order."""
    frames = [frame for frame in findings if len(frame)]
    found = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(FINDING_COLUMNS))
    value = found["value"].astype(object).where(found["value"].notna(), None)
    found = found.assign(value=value.map(lambda text: None if text is None else str(text)[:MAX_VALUE_CHARS]))
    issues = pd.DataFrame(
        {
            "submission_id": found["submission_id"].astype("int64"),
            "rule_id": found["rule_id"].astype(object),
            "severity": found["rule_id"].map(lambda rule_id: RULES[rule_id].severity).astype(object),
            "part": _text(found["part"]),
            "row_number": pd.array(found["row_number"], dtype="Int64"),
            "column_name": _text(found["column_name"]),
            "value": _text(found["value"]),
            "message": pd.Series(
                [
                    issue_message(*row)
                    for row in zip(
                        found["rule_id"],
                        found["part"],
                        found["column_name"],
                        found["value"],
                        found["detail"],
                        strict=True,
                    )
                ],
                dtype=object,
                index=found.index,
            ),
        }
    )
    order = pd.DataFrame(
        {
            "submission_id": issues["submission_id"],
            "part": issues["part"].map(_PART_RANK).fillna(0),
            "row": issues["row_number"].fillna(0),
        }
    ).sort_values(["submission_id", "part", "row"], kind="stable")
    return issues.loc[order.index].reset_index(drop=True)


def _text(column: pd.Series) -> pd.Series:
    """Optional text as object with None for missing (what the store and the reports expect)."""
    column = column.astype(object)
    return column.where(column.notna(), None)


def issue_counts(issues: pd.DataFrame) -> pd.DataFrame:
    """Errors and warnings per submission: columns submission_id, error_count, warning_count."""
    counts = pd.crosstab(issues["submission_id"], issues["severity"])
    counts = counts.reindex(columns=[ERROR, WARNING], fill_value=0)
    counts.columns = ["error_count", "warning_count"]
    return counts.reset_index().astype("int64")
