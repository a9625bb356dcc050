"""Write step of write-audit-publish: a fresh, self-contained build file for dbt to work in."""

from __future__ import annotations

from pathlib import Path

import duckdb

RAW_SCHEMA = "raw"
PERSONAL_DATA_RULE = "MP02"
WITHHELD_MESSAGE = (
    "The value is withheld here because it looks like personal data (a name or an e-mail address); "
    "the validation report sent to the provider shows it."
)


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
            build.execute(f"create table {RAW_SCHEMA}.{table} as {_published_rows(table)}")
        build.execute("detach store")
    return build_path


def _published_rows(table: str) -> str:
    """The query that copies a store table into the build.

    A provider who writes a name or an e-mail address where a mentor's pseudonym belongs (MP02) has
    their return rejected, so those rows never load; but the issues about them quote the value. The
    provider's report shows it to them; the warehouse, which analysts and dashboards read, must not
    hold it, so every issue of that submission quoting the same value is withheld, message included.
    """
    if table != "validation_issues":
        return f"select * from store.main.{table}"
    return f"""
        select issues.* replace (
            case when personal.value is null then issues.value end as value,
            case when personal.value is null then issues.message else '{WITHHELD_MESSAGE}' end as message
        )
        from store.main.validation_issues as issues
        left join (
            select distinct submission_id, value from store.main.validation_issues
            where rule_id = '{PERSONAL_DATA_RULE}'
        ) as personal on personal.submission_id = issues.submission_id and personal.value = issues.value
    """
