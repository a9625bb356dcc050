"""A small, real warehouse for tests: hand-made collection-store rows, staged and built by dbt.

``build_example_warehouse(directory)`` gives the path of a built warehouse file (every mart of
``dbt_project/``) made from ``write_example_store``'s rows; the warehouse tests assert indicator
values against it, and other tests (dashboards, publish) can reuse it as a small real warehouse.
``build_warehouse(store, build)`` stages and builds any store.

The example (years 2024-25 and 2025-26):

| ukprn    | type | region     | partner. | 2024-25                              | 2025-26               |
| -------- | ---- | ---------- | -------- | ------------------------------------ | --------------------- |
| 10000001 | GFE  | London     | P1       | #1 SUPERSEDED by #2, #2 ACCEPTED     | #8 ACCEPTED, #9 STALE |
| 10000002 | ITP  | London     | P1;P2    | #3 ACCEPTED                          | nothing               |
| 10000003 | ACL  | North East | P2       | #4 ACCEPTED: no trainees, no mentors | nothing               |
| 10000004 | SFC  | South West |          | #5 REJECTED, #6 DUPLICATE of #5      | nothing               |
| 10000005 | TSO  | South West |          | nothing (closed 2025-03-31)          | not expected (closed) |
| 10000006 | HEI  | London     |          | not expected (opened 2025-01-15)     | nothing               |

#7 has a file name that does not parse (FILE02: no ukprn, no year). 2024-25 closed on
2025-10-31 (missing returns are late); 2025-26 closes on 2099-07-31 (nothing late).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from mpo.collection.store import connect
from mpo.warehouse.stage import stage_build

REPO = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO / "dbt_project"


class DbtBuildError(RuntimeError):
    pass


def run_dbt(args: list[str], build_path: Path, work_dir: Path):
    """Run dbt in-process against ``build_path``; target and logs go to ``work_dir``.

    Keeping target/ and logs/ out of dbt_project/ lets several builds run side by side.
    """
    from dbt.cli.main import dbtRunner

    previous = os.environ.get("MPO_BUILD_PATH")
    os.environ["MPO_BUILD_PATH"] = str(build_path)
    try:
        result = dbtRunner().invoke([
            *args,
            "--project-dir", str(DBT_PROJECT_DIR),
            "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(work_dir / "target"),
            "--log-path", str(work_dir / "logs"),
            "--quiet",
        ])
    finally:
        _close_dbt_duckdb()
        if previous is None:
            os.environ.pop("MPO_BUILD_PATH", None)
        else:
            os.environ["MPO_BUILD_PATH"] = previous
    return result


def _close_dbt_duckdb() -> None:
    """Close the DuckDB database dbt-duckdb keeps open in this process after an in-process run.

    Otherwise the build file stays open read-write, and ``duckdb.connect(path, read_only=True)``
    in the same process fails ("different configuration than existing connections").
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager._ENV = None


def build_warehouse(store_path: Path, build_path: Path, work_dir: Path | None = None) -> Path:
    """Stage ``store_path`` into a fresh ``build_path`` and ``dbt build`` it (models, seeds, tests).

    Raises ``DbtBuildError`` naming the failed nodes when a model or a data test fails.
    """
    work_dir = work_dir or build_path.parent / "dbt"
    stage_build(store_path, build_path)
    result = run_dbt(["build"], build_path, work_dir)
    if not result.success:
        failures = []
        for node_result in getattr(result.result, "results", None) or []:
            if str(node_result.status) not in ("success", "pass"):
                failures.append(f"{node_result.node.unique_id}: {node_result.status} {node_result.message}")
        raise DbtBuildError(f"dbt build failed: {result.exception or ''}\n" + "\n".join(failures))
    return build_path


def insert(connection, table: str, rows: Iterable[Mapping]) -> None:
    """Insert dicts into ``table``; columns a row leaves out are NULL."""
    rows = list(rows)
    columns = sorted({column for row in rows for column in row})
    placeholders = ", ".join("?" for _ in columns)
    connection.executemany(
        f"insert into {table} ({', '.join(columns)}) values ({placeholders})",
        [[row.get(column) for column in columns] for row in rows],
    )


Y1, Y2 = "2024-25", "2025-26"
A, B, C, D, E, F = 10000001, 10000002, 10000003, 10000004, 10000005, 10000006
P = Decimal  # money


def _submission(submission_id, ukprn, year, status, received, **extra):
    name = f"MPR_{ukprn}_{year}_{received:%Y%m%dT%H%M%S}.xlsx" if ukprn else "badly named.xlsx"
    return {
        "submission_id": submission_id, "file_name": name, "sha256": f"{submission_id:064x}",
        "ukprn": ukprn, "year": year, "file_timestamp": received if ukprn else None,
        "received_at": received, "status": status, "error_count": 0, "warning_count": 0,
        "container": "xlsx", "size_bytes": 10_000, **extra,
    }


SUBMISSIONS = [
    _submission(1, A, Y1, "SUPERSEDED", datetime(2024, 11, 1, 9), superseded_by=2),
    _submission(2, A, Y1, "ACCEPTED", datetime(2024, 12, 1, 9), warning_count=1),
    _submission(3, B, Y1, "ACCEPTED", datetime(2024, 12, 2, 9)),
    _submission(4, C, Y1, "ACCEPTED", datetime(2024, 12, 3, 9)),
    _submission(5, D, Y1, "REJECTED", datetime(2024, 12, 4, 9), error_count=1),
    _submission(6, D, Y1, "DUPLICATE", datetime(2024, 12, 5, 9), duplicate_of=5),
    _submission(7, None, None, "REJECTED", datetime(2024, 12, 6, 9), error_count=1),
    _submission(8, A, Y2, "ACCEPTED", datetime(2025, 10, 1, 9)),
    _submission(9, A, Y2, "STALE", datetime(2025, 10, 2, 9)),
]

VALIDATION_ISSUES = [
    {"submission_id": 2, "file_name": SUBMISSIONS[1]["file_name"], "rule_id": "RM04", "severity": "WARNING",
     "part": "remuneration", "row_number": 4, "column_name": "remitted_hours", "value": "30",
     "message": "Remitted hours per mentee are below 20."},
    {"submission_id": 5, "file_name": SUBMISSIONS[4]["file_name"], "rule_id": "VAL03", "severity": "ERROR",
     "part": "about", "row_number": 2, "column_name": "teaching_staff", "value": "",
     "message": "teaching_staff is blank: enter the headcount."},
    {"submission_id": 7, "file_name": SUBMISSIONS[6]["file_name"], "rule_id": "FILE02", "severity": "ERROR",
     "part": None, "row_number": None, "column_name": None, "value": None,
     "message": "The file name does not follow MPR_<UKPRN>_<YEAR>_<YYYYMMDDTHHMMSS>."},
]


def _about(submission_id, ukprn, year, staff, trainees, trainees_mentored, new, new_mentored,
           leavers, leavers_mentored, mentored, policy):
    return {"submission_id": submission_id, "row_number": 2, "ukprn": ukprn, "year": year,
            "teaching_staff": staff, "trainee_teachers": trainees, "trainees_with_mentor": trainees_mentored,
            "new_staff": new, "new_staff_with_mentor": new_mentored, "leavers": leavers,
            "leavers_mentored": leavers_mentored, "mentored_staff": mentored, "has_mentoring_policy": policy}


PART_ABOUT = [
    # the superseded return: none of it may reach the marts
    _about(1, A, Y1, 100, 50, 50, 10, 10, 10, 10, 90, True),
    _about(2, A, Y1, 40, 4, 3, 8, 2, 8, 2, 16, True),
    _about(3, B, Y1, 10, 1, 1, 2, 2, 1, 0, 2, False),
    _about(4, C, Y1, 10, 0, 0, 0, 0, 0, 0, 0, False),
    _about(8, A, Y2, 20, 2, 1, 0, 0, 0, 0, 1, True),
]


def _mentor(submission_id, row, ref, role, kind, subject, line_manages, grades, mentees):
    return {"submission_id": submission_id, "row_number": row, "mentor_ref": ref, "employed_role": role,
            "mentor_type": kind, "subject_area": subject, "is_learning_coach": False,
            "contexts": "ITT_IN;CPD", "selection": "INVITED", "line_manages_mentee": line_manages,
            "grades_observations": grades,
            "active_mentees": mentees, "meetings_per_term": 3.0, "start_date": date(2020, 9, 1)}


PART_MENTOR_POOL = [
    *[_mentor(1, row, f"OLD{row}", "MGR", "SPEC", 1, True, True, 5) for row in range(2, 7)],
    _mentor(2, 2, "A1", "MGR", "SPEC", 1, True, False, 2),
    _mentor(2, 3, "A2", "TCH", "POOL", 1, False, True, 1),
    _mentor(2, 4, "A3", "SNR", "BOTH", 2, False, False, 3),
    _mentor(2, 5, "A4", "TCH", "POOL", 6, False, False, 0),
    _mentor(3, 2, "B1", "TED", "SPEC", 6, False, False, 1),
    _mentor(8, 2, "A1", "MGR", "SPEC", 1, False, False, 1),
]


def _pay(submission_id, row, ref, arrangement, hours=None, payment=None, basis=None, stream="OWN"):
    return {"submission_id": submission_id, "row_number": row, "mentor_ref": ref, "arrangement": arrangement,
            "remitted_hours": hours, "payment_gbp": payment, "payment_basis": basis, "funding_stream": stream}


PART_REMUNERATION = [
    *[_pay(1, row, f"OLD{row}", "REMISSION", 100.0) for row in range(2, 7)],
    _pay(2, 2, "A1", "REMISSION", 40.0, stream="MENTOR_GRANT"),
    _pay(2, 3, "A2", "PAYMENT", None, P("500.00"), "HOURLY", "MENTOR_GRANT"),
    _pay(2, 4, "A3", "BOTH", 30.0, P("300.00"), "FIXED", "OWN"),
    _pay(2, 5, "A4", "NONE"),
    _pay(3, 2, "B1", "REMISSION", 25.0, stream="MENTOR_GRANT"),
    _pay(8, 2, "A1", "REMISSION", 20.0),
]


def _training(submission_id, row, ref, status, accredited=False, reason=None, completed=None):
    return {"submission_id": submission_id, "row_number": row, "mentor_ref": ref,
            "programme_type": "ACCREDITED_MODULE" if accredited else "SHORT_COURSE",
            "programme_name": "Mentoring in FE", "delivery": "EXTERNAL", "accredited": accredited,
            "level": 5 if accredited else None, "hours": 6.0, "status": status, "reason": reason,
            "start_date": date(2024, 10, 1), "completion_date": completed}


PART_TRAINING = [
    *[_training(1, row, f"OLD{row}", "COMPLETED", True, completed=date(2024, 11, 1)) for row in range(2, 7)],
    _training(2, 2, "A1", "COMPLETED", True, completed=date(2024, 11, 15)),
    _training(2, 3, "A2", "DECLINED", reason="TIME"),
    _training(2, 4, "A3", "ENROLLED"),
    _training(2, 5, "A3", "COMPLETED", completed=date(2024, 11, 20)),
    _training(3, 2, "B1", "OFFERED"),
    _training(3, 3, "B1", "WITHDRAWN", reason="COST"),
]


def _funding(submission_id, row, stream, allocated, plan, **spent):
    categories = ("remission", "payments", "training", "cover", "coordination", "materials", "other")
    return {"submission_id": submission_id, "row_number": row, "stream": stream,
            "allocated_gbp": P(allocated),
            **{f"spent_{c}_gbp": P(spent.get(c, "0.00")) for c in categories}, "has_spending_plan": plan}


PART_FUNDING = [
    _funding(1, 2, "MENTOR_GRANT", "9999.00", True, training="9999.00"),
    _funding(2, 2, "MENTOR_GRANT", "5000.00", True, remission="1000.00", payments="500.00",
             training="1200.50", cover="300.00"),
    _funding(2, 3, "OWN", "2000.00", False, remission="800.00"),
    _funding(3, 2, "MENTOR_GRANT", "1000.00", False, training="500.00"),
    _funding(4, 2, "OWN", "0.00", False),
]

REF_PROVIDERS = [
    {"ukprn": A, "provider_name": "Alpha College", "provider_type": "GFE", "region": "London",
     "partnerships": "P1", "open_date": date(2000, 1, 1), "close_date": None},
    {"ukprn": B, "provider_name": "Beta Training", "provider_type": "ITP", "region": "London",
     "partnerships": "P1;P2", "open_date": date(2000, 1, 1), "close_date": None},
    {"ukprn": C, "provider_name": "Gamma Community Learning", "provider_type": "ACL", "region": "North East",
     "partnerships": "P2", "open_date": date(2000, 1, 1), "close_date": None},
    {"ukprn": D, "provider_name": "Delta Sixth Form", "provider_type": "SFC", "region": "South West",
     "partnerships": "", "open_date": date(2000, 1, 1), "close_date": None},
    {"ukprn": E, "provider_name": "Epsilon Trust", "provider_type": "TSO", "region": "South West",
     "partnerships": "", "open_date": date(2000, 1, 1), "close_date": date(2025, 3, 31)},
    {"ukprn": F, "provider_name": "Zeta University", "provider_type": "HEI", "region": "London",
     "partnerships": "", "open_date": date(2025, 1, 15), "close_date": None},
]

REF_ALLOCATIONS = [
    {"ukprn": A, "year": Y1, "stream": "MENTOR_GRANT", "allocated_gbp": P("5000.00")},
    # the return for this provider-year leaves this stream out
    {"ukprn": A, "year": Y1, "stream": "ITT_ALLOCATION", "allocated_gbp": P("20000.00")},
    {"ukprn": B, "year": Y1, "stream": "MENTOR_GRANT", "allocated_gbp": P("1000.00")},
    # no current return for this provider-year: not in the funding marts
    {"ukprn": D, "year": Y1, "stream": "MENTOR_GRANT", "allocated_gbp": P("3000.00")},
]

REF_PARTNERSHIPS = [
    {"partnership_code": "P1", "partnership_name": "Capital Mentoring Partnership", "lead_ukprn": A},
    {"partnership_code": "P2", "partnership_name": "Northern Mentoring Partnership", "lead_ukprn": C},
]

REF_COLLECTION_YEARS = [
    {"year": Y1, "opens": date(2024, 9, 1), "closes": date(2025, 10, 31)},
    {"year": Y2, "opens": date(2025, 9, 1), "closes": date(2099, 7, 31)},
]

EXAMPLE_TABLES = {
    "submissions": SUBMISSIONS,
    "validation_issues": VALIDATION_ISSUES,
    "part_about": PART_ABOUT,
    "part_mentor_pool": PART_MENTOR_POOL,
    "part_remuneration": PART_REMUNERATION,
    "part_training": PART_TRAINING,
    "part_funding": PART_FUNDING,
    "ref_providers": REF_PROVIDERS,
    "ref_allocations": REF_ALLOCATIONS,
    "ref_partnerships": REF_PARTNERSHIPS,
    "ref_collection_years": REF_COLLECTION_YEARS,
}


def write_example_store(store_path: Path) -> Path:
    """A collection store holding exactly the example rows above."""
    connection = connect(store_path)
    try:
        for table, rows in EXAMPLE_TABLES.items():
            insert(connection, table, rows)
    finally:
        connection.close()
    return store_path


def build_example_warehouse(directory: Path) -> Path:
    """Build the example into ``directory``; returns the built warehouse file's path."""
    directory.mkdir(parents=True, exist_ok=True)
    store = write_example_store(directory / "collection.duckdb")
    return build_warehouse(store, directory / "warehouse.duckdb", directory / "dbt")
