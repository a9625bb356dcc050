"""The collection store: one DuckDB file, written by the pipeline alone, that the warehouse build reads.

It holds every submission and its issues, the typed rows of accepted submissions and the
reference data. Tables are created from ``schemas.parts`` so the store cannot drift from the spec.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from schemas.parts import PARTS

SUBMISSIONS_DDL = """
create table if not exists submissions (
    submission_id   bigint primary key,   -- receipt order, from 1
    file_name       varchar not null,
    sha256          varchar not null,
    ukprn           integer,              -- null when the file name does not parse (FILE02)
    year            varchar,
    file_timestamp  timestamp,
    received_at     timestamp not null,
    status          varchar not null,     -- ACCEPTED, REJECTED, DUPLICATE, STALE, SUPERSEDED
    error_count     integer not null,
    warning_count   integer not null,
    superseded_by   bigint,
    duplicate_of    bigint,
    container       varchar,              -- xlsx or zip, from the extension
    size_bytes      bigint not null
)
"""

VALIDATION_ISSUES_DDL = """
create table if not exists validation_issues (
    submission_id  bigint not null,
    file_name      varchar not null,
    rule_id        varchar not null,
    severity       varchar not null,
    part           varchar,
    row_number     integer,
    column_name    varchar,
    value          varchar,
    message        varchar not null
)
"""

REFERENCE_DDL = {
    "ref_providers": """(
        ukprn integer primary key, provider_name varchar not null, provider_type varchar not null,
        region varchar not null, partnerships varchar not null, open_date date not null, close_date date)""",
    "ref_allocations": """(
        ukprn integer not null, year varchar not null, stream varchar not null,
        allocated_gbp decimal(12,2) not null)""",
    "ref_partnerships": """(
        partnership_code varchar primary key, partnership_name varchar not null, lead_ukprn integer)""",
    "ref_collection_years": "(year varchar primary key, opens date not null, closes date not null)",
}


META_DDL = "create table if not exists store_meta (key varchar primary key, value varchar not null)"


def part_table(part_name: str) -> str:
    return f"part_{part_name}"


def part_ddl(part_name: str) -> str:
    columns = ",\n    ".join(f"{c.name} {c.storage_type}" for c in PARTS[part_name].columns)
    return (
        f"create table if not exists {part_table(part_name)} (\n"
        f"    submission_id bigint not null,\n    row_number integer not null,\n    {columns}\n)"
    )


def store_tables() -> list[str]:
    """The tables the warehouse build reads (the store's own bookkeeping aside)."""
    return ["submissions", "validation_issues", *REFERENCE_DDL, *(part_table(name) for name in PARTS)]


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if need be) the store for writing; the pipeline is its only writer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(path), config={"threads": 2, "memory_limit": "4GB"})
    connection.execute(SUBMISSIONS_DDL)
    connection.execute(VALIDATION_ISSUES_DDL)
    connection.execute(META_DDL)
    for table, columns in REFERENCE_DDL.items():
        connection.execute(f"create table if not exists {table} {columns}")
    for part_name in PARTS:
        connection.execute(part_ddl(part_name))
    return connection


@contextmanager
def transaction(connection: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: a failure or a crash part-way leaves the store as it was."""
    connection.begin()
    try:
        yield connection
        connection.commit()
    except BaseException:
        connection.rollback()
        raise


def content_version(connection: duckdb.DuckDBPyConnection) -> str:
    """Changes whenever the store's content does: the last submission and the reference data's digest."""
    return connection.execute(
        "select coalesce(max(submission_id), 0) || ':' || coalesce((select value from store_meta "
        "where key = 'reference_sha256'), '') from submissions"
    ).fetchone()[0]
