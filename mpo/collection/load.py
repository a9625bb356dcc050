"""Load one batch into the collection store: submissions, issues and typed rows, in one transaction."""

from __future__ import annotations

import duckdb
import pandas as pd

from mpo.collection.store import part_table, transaction
from mpo.reference import Reference
from schemas.parts import PARTS

SUBMISSION_COLUMNS = (
    "submission_id", "file_name", "sha256", "ukprn", "year", "file_timestamp", "received_at", "status",
    "error_count", "warning_count", "superseded_by", "duplicate_of", "container", "size_bytes",
)
ISSUE_COLUMNS = (
    "submission_id", "file_name", "rule_id", "severity", "part", "row_number", "column_name", "value",
    "message",
)


def pence_to_pounds(column: str) -> str:
    """SQL for whole pence to DECIMAL(12,2) pounds, in decimal arithmetic: no penny lost to floating point."""
    return f"cast(cast({column} as decimal(16,0)) * cast(0.01 as decimal(3,2)) as decimal(12,2))"


def _typed_select(part_name: str) -> str:
    expressions = ["submission_id", "row_number"]
    for column in PARTS[part_name].columns:
        if column.kind == "money":
            expressions.append(f"{pence_to_pounds(column.name)} as {column.name}")
        else:
            expressions.append(f"cast({column.name} as {column.storage_type}) as {column.name}")
    return ", ".join(expressions)


def load_batch(connection: duckdb.DuckDBPyConnection, submissions: pd.DataFrame, issues: pd.DataFrame,
               parts: dict[str, pd.DataFrame], superseded: dict[int, int]) -> None:
    """Write a decided batch; ``superseded`` maps store submissions replaced by this batch to their successor.

    Either all of it is written or, on any failure, none of it: a crash never leaves half a batch.
    """
    with transaction(connection):
        connection.register("batch_submissions", submissions.loc[:, list(SUBMISSION_COLUMNS)])
        connection.execute("insert into submissions select * from batch_submissions")
        connection.register("batch_issues", issues.loc[:, list(ISSUE_COLUMNS)])
        connection.execute("insert into validation_issues select * from batch_issues")
        for part_name, frame in parts.items():
            connection.register("batch_rows", _with_all_columns(part_name, frame))
            connection.execute(
                f"insert into {part_table(part_name)} select {_typed_select(part_name)} from batch_rows"
            )
            connection.unregister("batch_rows")
        if superseded:
            connection.executemany(
                "update submissions set status = 'SUPERSEDED', superseded_by = ? where submission_id = ?",
                [(new, old) for old, new in superseded.items()],
            )


def _with_all_columns(part_name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Optional columns a provider left out arrive missing; they load as NULL."""
    missing = [name for name in PARTS[part_name].column_names if name not in frame.columns]
    return frame.assign(**{name: pd.NA for name in missing}) if missing else frame


# Store table -> (Reference attribute, its money columns held in pence).
REFERENCE_TABLES = {
    "ref_providers": ("providers", ()),
    "ref_allocations": ("allocations", ("allocated_gbp",)),
    "ref_partnerships": ("partnerships", ()),
    "ref_collection_years": ("collection_years", ()),
}


def replace_reference(connection: duckdb.DuckDBPyConnection, reference: Reference, digest: str) -> bool:
    """Replace the reference tables when the funder's files changed; returns whether they did."""
    stored = connection.execute("select value from store_meta where key = 'reference_sha256'").fetchone()
    if stored and stored[0] == digest:
        return False
    with transaction(connection):
        for table, (attribute, money_columns) in REFERENCE_TABLES.items():
            columns = connection.execute(
                "select column_name, data_type from duckdb_columns() where table_name = ? "
                "order by column_index", [table],
            ).fetchall()
            select = ", ".join(
                pence_to_pounds(name) if name in money_columns else f"cast({name} as {data_type})"
                for name, data_type in columns
            )
            connection.register("reference_frame", getattr(reference, attribute))
            connection.execute(f"delete from {table}")
            connection.execute(f"insert into {table} select {select} from reference_frame")
            connection.unregister("reference_frame")
        connection.execute("insert or replace into store_meta values ('reference_sha256', ?)", [digest])
    return True
