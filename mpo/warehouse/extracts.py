"""Extracts for analysts: every published mart as Parquet and as tidy CSV."""

from __future__ import annotations

from pathlib import Path

import duckdb

from mpo.safety import neutralise_sql


def published_tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The marts: the tables of the default schema (staging and intermediate live in their own)."""
    return [row[0] for row in connection.execute(
        "select table_name from duckdb_tables() where schema_name = 'main' order by table_name"
    ).fetchall()]


def write_extracts(warehouse: Path, folder: Path) -> Path:
    """Write ``<mart>.parquet`` and ``<mart>.csv`` for each mart; CSV text that a spreadsheet would run
    as a formula is neutralised (Parquet keeps values exactly as stored)."""
    folder.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for table in published_tables(connection):
            connection.execute(f"copy {table} to '{folder / table}.parquet' (format parquet)")
            columns = connection.execute(
                "select column_name, data_type from duckdb_columns() where schema_name = 'main' "
                "and table_name = ? order by column_index", [table],
            ).fetchall()
            select = ", ".join(
                f"{neutralise_sql(name)} as {name}" if data_type == "VARCHAR" else name
                for name, data_type in columns
            )
            connection.execute(f"copy (select {select} from {table}) to '{folder / table}.csv' (header)")
    return folder
