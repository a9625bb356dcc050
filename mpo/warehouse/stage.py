"""Write step of write-audit-publish: a fresh, self-contained build file for dbt to work in."""

from __future__ import annotations

from pathlib import Path

import duckdb

RAW_SCHEMA = "raw"


def stage_build(store_path: Path, build_path: Path) -> Path:
    """Copy every table of the collection store into schema ``raw`` of a new build file.

    The build file must not depend on the store: it is published as it is, and readers open
    it where the store is not attached.
    """
    build_path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (build_path, build_path.with_name(build_path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    with duckdb.connect(str(build_path)) as build:
        build.execute(f"attach '{store_path}' as store (read_only)")
        build.execute(f"create schema {RAW_SCHEMA}")
        tables = [row[0] for row in build.execute(
            "select table_name from duckdb_tables() where database_name = 'store'"
        ).fetchall()]
        for table in tables:
            build.execute(f"create table {RAW_SCHEMA}.{table} as select * from store.main.{table}")
        build.execute("detach store")
    return build_path
