"""A test corpus built in code: a valid baseline return, a small matching Reference, and file writers.

Rows are addressed as the provider sees them: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import copy
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from mpo.collection.validate import ReceivedReturn
from mpo.reference import Reference
from mpo.returns.containers import Sheet, write_xlsx, write_zip
from mpo.returns.naming import format_return_name, parse_return_name
from schemas.parts import PARTS

UKPRN = 10004321
CLOSED_UKPRN = 10000002
YEAR = "2025-26"
FILE_TIMESTAMP = datetime(2026, 1, 15, 9, 30)
RECEIVED_AT = datetime(2026, 1, 20, 9, 0)

Parts = dict[str, list[list]]

_BASELINE: dict[str, list[dict]] = {
    "about": [
        dict(
            ukprn=UKPRN,
            year=YEAR,
            teaching_staff=120,
            trainee_teachers=10,
            trainees_with_mentor=8,
            new_staff=12,
            new_staff_with_mentor=10,
            leavers=15,
            leavers_mentored=5,
            mentored_staff=30,
            has_mentoring_policy=True,
        )
    ],
    "mentor_pool": [
        dict(
            mentor_ref="M001",
            employed_role="MGR",
            mentor_type="POOL",
            subject_area=13,
            is_learning_coach=False,
            contexts="ITT_IN;INDUCTION",
            selection="INVITED",
            line_manages_mentee=False,
            grades_observations=False,
            active_mentees=3,
            meetings_per_term=2.5,
            start_date=date(2020, 9, 1),
        ),
        dict(
            mentor_ref="M002",
            employed_role="TCH",
            mentor_type="SPEC",
            subject_area=6,
            is_learning_coach=True,
            contexts="CPD",
            selection="APPLIED",
            line_manages_mentee=False,
            grades_observations=True,
            active_mentees=4,
            meetings_per_term=None,
            start_date=date(2023, 1, 15),
        ),
        dict(
            mentor_ref="M003",
            employed_role="SNR",
            mentor_type="BOTH",
            subject_area=2,
            is_learning_coach=False,
            contexts="ITT_PRE",
            selection="DESIGNATED",
            line_manages_mentee=True,
            grades_observations=False,
            active_mentees=2,
            meetings_per_term=4,
            start_date=date(2024, 9, 1),
        ),
    ],
    "remuneration": [
        dict(
            mentor_ref="M001",
            arrangement="REMISSION",
            remitted_hours=60,
            payment_gbp=None,
            payment_basis=None,
            funding_stream="ITT_ALLOCATION",
        ),
        dict(
            mentor_ref="M002",
            arrangement="PAYMENT",
            remitted_hours=None,
            payment_gbp=500.0,
            payment_basis="FIXED",
            funding_stream="MENTOR_GRANT",
        ),
        dict(
            mentor_ref="M003",
            arrangement="BOTH",
            remitted_hours=40,
            payment_gbp=250.5,
            payment_basis="HOURLY",
            funding_stream="OWN",
        ),
    ],
    "training": [
        dict(
            mentor_ref="M001",
            programme_type="ACCREDITED_MODULE",
            programme_name="Mentoring in FE",
            delivery="EXTERNAL",
            accredited=True,
            level=5,
            hours=30,
            status="COMPLETED",
            reason=None,
            start_date=date(2025, 9, 10),
            completion_date=date(2025, 12, 1),
        ),
        dict(
            mentor_ref="M002",
            programme_type="ONLINE_COURSE",
            programme_name="Getting ready to mentor",
            delivery="PARTNERSHIP",
            accredited=False,
            level=None,
            hours=6,
            status="ENROLLED",
            reason=None,
            start_date=date(2025, 10, 1),
            completion_date=None,
        ),
        dict(
            mentor_ref="M003",
            programme_type="BRIEFING",
            programme_name=None,
            delivery="INTERNAL",
            accredited=False,
            level=None,
            hours=2,
            status="DECLINED",
            reason="TIME",
            start_date=None,
            completion_date=None,
        ),
    ],
    "funding": [
        dict(
            stream="ITT_ALLOCATION",
            allocated_gbp=25000.0,
            spent_remission_gbp=3000,
            spent_payments_gbp=0,
            spent_training_gbp=500,
            spent_cover_gbp=1000,
            spent_coordination_gbp=2000,
            spent_materials_gbp=100,
            spent_other_gbp=0,
            has_spending_plan=True,
        ),
        dict(
            stream="MENTOR_GRANT",
            allocated_gbp=5000,
            spent_remission_gbp=0,
            spent_payments_gbp=500,
            spent_training_gbp=0,
            spent_cover_gbp=0,
            spent_coordination_gbp=0,
            spent_materials_gbp=0,
            spent_other_gbp=0,
            has_spending_plan=False,
        ),
        dict(
            stream="OWN",
            allocated_gbp=2000,
            spent_remission_gbp=1000,
            spent_payments_gbp=250.5,
            spent_training_gbp=0,
            spent_cover_gbp=0,
            spent_coordination_gbp=0,
            spent_materials_gbp=0,
            spent_other_gbp=0,
            has_spending_plan=True,
        ),
    ],
}


def baseline() -> Parts:
    """A fresh, valid return: header row then data rows per part, typed Python cells."""
    return {
        name: [list(part.column_names)] + [[row[c] for c in part.column_names] for row in _BASELINE[name]]
        for name, part in PARTS.items()
    }


def set_cell(parts: Parts, part: str, row_number: int, column: str, value) -> Parts:
    """Set one cell, addressed by row number (2 = first data row) and column name."""
    parts[part][row_number - 1][parts[part][0].index(column)] = value
    return parts


def add_row(parts: Parts, part: str, **cells) -> Parts:
    """Append a row: a copy of the part's first data row with ``cells`` changed."""
    row = copy.copy(parts[part][1])
    for column, value in cells.items():
        row[parts[part][0].index(column)] = value
    parts[part].append(row)
    return parts


def drop_column(parts: Parts, part: str, column: str) -> Parts:
    index = parts[part][0].index(column)
    parts[part] = [row[:index] + row[index + 1 :] for row in parts[part]]
    return parts


def reference() -> Reference:
    """The funder's data matching the baseline: the provider, one closed provider, allocations, windows."""
    providers = pd.DataFrame(
        {
            "ukprn": pd.array([UKPRN, CLOSED_UKPRN], dtype="int64"),
            "provider_name": ["Example College", "Gone Ltd"],
            "provider_type": ["GFE", "ITP"],
            "region": ["London", "North East"],
            "partnerships": ["P01", ""],
            "open_date": pd.to_datetime(["2000-01-01", "2001-01-01"]),
            "close_date": pd.to_datetime([None, "2024-07-31"]),
        }
    )
    allocations = pd.DataFrame(
        {
            "ukprn": pd.array([UKPRN, UKPRN], dtype="int64"),
            "year": [YEAR, YEAR],
            "stream": ["ITT_ALLOCATION", "MENTOR_GRANT"],
            "allocated_gbp": pd.array([2_500_000, 500_000], dtype="Int64"),
        }
    )
    partnerships = pd.DataFrame(
        {
            "partnership_code": ["P01"],
            "partnership_name": ["Capital CETT"],
            "lead_ukprn": pd.array([UKPRN], dtype="Int64"),
        }
    )
    years = pd.DataFrame(
        {
            "year": ["2024-25", YEAR],
            "opens": pd.to_datetime(["2024-09-01", "2025-09-01"]),
            "closes": pd.to_datetime(["2025-03-31", "2026-03-31"]),
        }
    )
    return Reference(providers, allocations, partnerships, years)


def container_bytes(parts: dict[str, Sheet], container: str) -> bytes:
    return write_xlsx(parts) if container == "xlsx" else write_zip(parts)


def zip_of(members: dict[str, bytes]) -> bytes:
    """A zip of raw members, for files the return writer would never produce."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def received(
    folder: Path,
    content: bytes,
    container: str = "xlsx",
    submission_id: int = 1,
    ukprn: int = UKPRN,
    year: str = YEAR,
    received_at: datetime = RECEIVED_AT,
) -> ReceivedReturn:
    """Archive ``content`` under ``folder`` as a received return with a well-formed name."""
    file_name = format_return_name(ukprn, year, FILE_TIMESTAMP, container)
    path = folder / f"{submission_id}.{container}"
    path.write_bytes(content)
    return ReceivedReturn(submission_id, file_name, path, received_at, parse_return_name(file_name))


def received_parts(folder: Path, parts: Parts, container: str = "xlsx", **kwargs) -> ReceivedReturn:
    return received(folder, container_bytes(parts, container), container, **kwargs)
