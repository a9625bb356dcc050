"""Published warehouses for the dashboard tests, built by the real dbt project.

``publish_example`` publishes the warehouse fixture's hand-made example (six providers, two
partnerships). ``publish_sector`` publishes a larger, seeded sector: enough providers per region
that the public sees real figures beside suppressed ones. Names say who is inside partnership P1
("Member ...") and who is not ("Outsider ..."), so a leak is easy to spot in rendered text.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from mpo.collection.store import connect
from mpo.config import MpoHome
from mpo.warehouse.publish import Publication, publish
from schemas.codes import (
    ARRANGEMENTS,
    EMPLOYED_ROLES,
    MENTOR_TYPES,
    REASONS,
    SPEND_CATEGORIES,
    TRAINING_STATUSES,
)
from tests.warehouse_fixture import build_example_warehouse, build_warehouse, insert

SECTOR_YEARS = ("2023-24", "2024-25", "2025-26")
SECTOR_REGIONS = ("London", "North West", "South East", "West Midlands")
SECTOR_PARTNERSHIPS = {"P1": "Capital Mentoring Partnership", "P2": "Northern Mentoring Partnership"}


def publish_example(root: Path) -> tuple[MpoHome, Publication]:
    home = MpoHome(root).init()
    build = build_example_warehouse(root.parent / f"{root.name}-build")
    return home, publish(home, build, "example")


def publish_sector(
    root: Path,
    seed: int = 7,
    providers: int = 36,
    spend_scale: float = 1.0,
) -> tuple[MpoHome, Publication]:
    """A seeded sector; ``spend_scale`` changes evidenced spend so two builds differ visibly."""
    home = MpoHome(root).init()
    work = root.parent / f"{root.name}-build-{seed}-{spend_scale}"
    work.mkdir(parents=True, exist_ok=True)
    store = work / "collection.duckdb"
    connection = connect(store)
    try:
        for table, rows in sector_tables(seed, providers, spend_scale).items():
            if rows:
                insert(connection, table, rows)
    finally:
        connection.close()
    build = build_warehouse(store, work / "warehouse.duckdb", work / "dbt")
    return home, publish(home, build, f"sector-{seed}-{spend_scale}")


def sector_tables(seed: int, providers: int, spend_scale: float) -> dict[str, list[dict]]:
    rnd = random.Random(seed)
    tables: dict[str, list[dict]] = {
        name: []
        for name in (
            "submissions",
            "validation_issues",
            "part_about",
            "part_mentor_pool",
            "part_remuneration",
            "part_training",
            "part_funding",
            "ref_providers",
            "ref_allocations",
            "ref_partnerships",
            "ref_collection_years",
        )
    }
    for year in SECTOR_YEARS:
        start = int(year[:4])
        tables["ref_collection_years"].append(
            {"year": year, "opens": date(start, 9, 1), "closes": date(start + 1, 10, 31)}
        )
    for code, name in SECTOR_PARTNERSHIPS.items():
        tables["ref_partnerships"].append(
            {"partnership_code": code, "partnership_name": name, "lead_ukprn": None}
        )
    submission_id = 0
    for index in range(providers):
        ukprn = 10010000 + index
        partnerships = "P1" if index % 3 == 0 else "P2" if index % 3 == 1 else ""
        kind = ("College", "Academy", "Trust")[index % 3]
        name = f"{'Member' if partnerships == 'P1' else 'Outsider'} {kind} {index:02d}"
        tables["ref_providers"].append(
            {
                "ukprn": ukprn,
                "provider_name": name,
                "provider_type": ("GFE", "ITP", "SFC", "ACL")[index % 4],
                "region": SECTOR_REGIONS[index % len(SECTOR_REGIONS)],
                "partnerships": partnerships,
                "open_date": date(2000, 1, 1),
                "close_date": None,
            }
        )
        for year in SECTOR_YEARS:
            if rnd.random() < 0.08:
                continue  # a missing return
            start = int(year[:4])
            for stream in ("ITT_ALLOCATION", "MENTOR_GRANT"):
                tables["ref_allocations"].append(
                    {
                        "ukprn": ukprn,
                        "year": year,
                        "stream": stream,
                        "allocated_gbp": Decimal(rnd.randint(5, 60) * 1000),
                    }
                )
            if rnd.random() < 0.15:
                submission_id += 1
                _rejected(tables, submission_id, ukprn, year, rnd)
                if rnd.random() < 0.5:
                    continue
            submission_id += 1
            _accepted(tables, submission_id, ukprn, year, start, rnd, spend_scale)
    return tables


def _file(submission_id: int, ukprn: int, year: str, when: datetime) -> dict:
    return {
        "submission_id": submission_id,
        "file_name": f"MPR_{ukprn}_{year}_{when:%Y%m%dT%H%M%S}.xlsx",
        "sha256": f"{submission_id:064x}",
        "ukprn": ukprn,
        "year": year,
        "file_timestamp": when,
        "received_at": when,
        "container": "xlsx",
        "size_bytes": 12_000,
        "error_count": 0,
        "warning_count": 0,
    }


def _rejected(tables: dict, submission_id: int, ukprn: int, year: str, rnd: random.Random) -> None:
    row = _file(submission_id, ukprn, year, datetime(int(year[:4]) + 1, 1, 5, 9))
    tables["submissions"].append({**row, "status": "REJECTED", "error_count": 1})
    rule = rnd.choice(["VAL01", "AB01", "RM03", "FN01"])
    tables["validation_issues"].append(
        {
            "submission_id": submission_id,
            "file_name": row["file_name"],
            "rule_id": rule,
            "severity": "ERROR",
            "part": "about",
            "row_number": 2,
            "column_name": "teaching_staff",
            "value": "=SUM(A1:A9)",
            "message": f"{rule}: correct the value and submit again.",
        }
    )


def _accepted(
    tables: dict,
    submission_id: int,
    ukprn: int,
    year: str,
    start: int,
    rnd: random.Random,
    spend_scale: float,
) -> None:
    row = _file(submission_id, ukprn, year, datetime(start + 1, 1, 10, 9))
    tables["submissions"].append({**row, "status": "ACCEPTED", "warning_count": 1})
    tables["validation_issues"].append(
        {
            "submission_id": submission_id,
            "file_name": row["file_name"],
            "rule_id": "RM04",
            "severity": "WARNING",
            "part": "remuneration",
            "row_number": 2,
            "column_name": "remitted_hours",
            "value": "10",
            "message": "Remitted hours per mentee are below 20.",
        }
    )
    staff = rnd.randint(20, 300)
    trainees, new = rnd.randint(0, 30), rnd.randint(0, 20)
    mentored = rnd.randint(0, staff)
    # leavers split so that neither leaver rate can exceed 1
    leavers_mentored = rnd.randint(0, min(mentored, staff // 10))
    leavers = leavers_mentored + rnd.randint(0, min(staff - mentored, staff // 10))
    tables["part_about"].append(
        {
            "submission_id": submission_id,
            "row_number": 2,
            "ukprn": ukprn,
            "year": year,
            "teaching_staff": staff,
            "trainee_teachers": trainees,
            "trainees_with_mentor": rnd.randint(0, trainees),
            "new_staff": new,
            "new_staff_with_mentor": rnd.randint(0, new),
            "leavers": leavers,
            "leavers_mentored": leavers_mentored,
            "mentored_staff": mentored,
            "has_mentoring_policy": rnd.random() < 0.64,
        }
    )
    for number in range(rnd.randint(2, 14)):
        ref, arrangement = f"M{number:03d}", rnd.choice(ARRANGEMENTS)
        remitted = arrangement in ("REMISSION", "BOTH")
        paid = arrangement in ("PAYMENT", "BOTH")
        tables["part_mentor_pool"].append(
            {
                "submission_id": submission_id,
                "row_number": number + 2,
                "mentor_ref": ref,
                "employed_role": rnd.choice(EMPLOYED_ROLES),
                "mentor_type": rnd.choice(MENTOR_TYPES),
                "subject_area": rnd.choice([1, 2, 4, 6, 15]),
                "is_learning_coach": rnd.random() < 0.5,
                "contexts": "ITT_IN;CPD",
                "selection": "INVITED",
                "line_manages_mentee": rnd.random() < 0.2,
                "grades_observations": rnd.random() < 0.35,
                "active_mentees": rnd.randint(0, 6),
                "meetings_per_term": 3.0,
                "start_date": date(2019, 9, 1),
            }
        )
        tables["part_remuneration"].append(
            {
                "submission_id": submission_id,
                "row_number": number + 2,
                "mentor_ref": ref,
                "arrangement": arrangement,
                "remitted_hours": float(rnd.choice([10, 15, 30, 60])) if remitted else None,
                "payment_gbp": Decimal("300.00") if paid else None,
                "payment_basis": "FIXED" if paid else None,
                "funding_stream": "OWN",
            }
        )
        if rnd.random() < 0.6:
            status, accredited = rnd.choice(TRAINING_STATUSES), rnd.random() < 0.4
            tables["part_training"].append(
                {
                    "submission_id": submission_id,
                    "row_number": len(tables["part_training"]) + 2,
                    "mentor_ref": ref,
                    "programme_type": "SHORT_COURSE",
                    "programme_name": "Mentoring in FE",
                    "delivery": "INTERNAL",
                    "accredited": accredited,
                    "level": 5 if accredited else None,
                    "hours": 6.0,
                    "status": status,
                    "reason": rnd.choice(REASONS) if status in ("WITHDRAWN", "DECLINED") else None,
                    "start_date": date(start, 10, 1),
                    "completion_date": date(start + 1, 3, 1) if status == "COMPLETED" else None,
                }
            )
    for number, stream in enumerate(("ITT_ALLOCATION", "MENTOR_GRANT", "OWN")):
        allocated = rnd.randint(5, 60) * 1000
        spent = {
            f"spent_{c}_gbp": Decimal(round(rnd.random() * allocated / 7 * spend_scale, 2)).quantize(
                Decimal("0.01")
            )
            for c in SPEND_CATEGORIES
        }
        tables["part_funding"].append(
            {
                "submission_id": submission_id,
                "row_number": number + 2,
                "stream": stream,
                "allocated_gbp": Decimal(allocated),
                **spent,
                "has_spending_plan": rnd.random() < 0.3,
            }
        )


_published: dict[str, tuple[MpoHome, Publication]] = {}


def shared(name: str, factory, builder) -> tuple[MpoHome, Publication]:
    """Build each published warehouse once per test session, whichever test module asks first."""
    if name not in _published:
        _published[name] = builder(factory.mktemp(name) / "mpo_home")
    return _published[name]
