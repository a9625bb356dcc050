"""The dbt project as a whole: what the build publishes, that the file stands alone, that every
published column is documented, and that the seeds are the code lists of schemas.codes."""

from __future__ import annotations

import csv
import json
import re
import shutil

import duckdb
import pytest

from schemas import codes
from tests.warehouse_fixture import DBT_PROJECT_DIR, build_example_warehouse

MARTS = {
    "submissions", "validation_issues", "collection_status",
    "dim_provider", "dim_partnership", "bridge_provider_partnership", "dim_year",
    "fct_mentor", "fct_remuneration", "fct_training", "fct_funding",
    "provider_year_indicators", "provider_year_stream_funding",
    "sector_year_indicators", "region_year_indicators", "provider_type_year_indicators",
    "partnership_year_indicators", "subject_mentor_capacity",
}
SEEDS = {"subject_areas", "provider_types"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    directory = tmp_path_factory.mktemp("warehouse")
    return build_example_warehouse(directory), directory / "dbt" / "target"


def tables(connection, catalog: str | None = None) -> list[tuple[str, str, str]]:
    where = f"where table_catalog = '{catalog}'" if catalog else ""
    return connection.execute(
        f"select table_schema, table_name, table_type from information_schema.tables {where}"
    ).fetchall()


def test_marts_are_tables_in_main(built):
    warehouse, _ = built
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        main = {name: kind for schema, name, kind in tables(connection) if schema == "main"}
        assert set(main) == MARTS | SEEDS
        assert set(main.values()) == {"BASE TABLE"}
        schemas = {schema for schema, _, _ in tables(connection)}
        assert schemas == {"main", "raw", "staging", "intermediate"}   # not main_staging


def test_the_file_stands_alone_under_another_name(built, tmp_path):
    """Published snapshots are the build file under other names: its views must still resolve."""
    warehouse, _ = built
    snapshot = tmp_path / "20260101T000000-abc.duckdb"
    shutil.copyfile(warehouse, snapshot)
    with duckdb.connect(str(snapshot), read_only=True) as connection:
        views = [(s, n) for s, n, kind in tables(connection) if kind == "VIEW"]
        assert {s for s, _ in views} == {"staging", "intermediate"}
        for schema, name in views:
            connection.execute(f'select count(*) from "{schema}"."{name}"').fetchall()
    # and when attached under an alias next to other databases
    with duckdb.connect() as connection:
        connection.execute(f"attach '{snapshot}' as published (read_only)")
        for schema, name, kind in tables(connection, "published"):
            if kind == "VIEW":
                connection.execute(f'select count(*) from published."{schema}"."{name}"').fetchall()


def test_every_published_column_is_documented(built):
    warehouse, target = built
    manifest = json.loads((target / "manifest.json").read_text())
    documented = {
        node["name"]: {name: column.get("description", "") for name, column in node["columns"].items()}
        for node in manifest["nodes"].values()
        if node["resource_type"] in ("model", "seed") and node["name"] in MARTS | SEEDS
    }
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for table in sorted(MARTS | SEEDS):
            columns = [row[0] for row in connection.execute(
                "select column_name from information_schema.columns where table_schema = 'main' "
                "and table_name = ? order by ordinal_position", [table]).fetchall()]
            described = documented[table]
            missing = [c for c in columns if not described.get(c, "").strip()]
            assert not missing, f"{table}: undocumented columns {missing}"
            stale = set(described) - set(columns)
            assert not stale, f"{table}: documented columns that do not exist {stale}"


def read_seed(name: str) -> list[dict]:
    with open(DBT_PROJECT_DIR / "seeds" / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_seeds_are_the_code_lists():
    subject_areas = {int(row["subject_area"]): row["subject_area_name"] for row in read_seed("subject_areas")}
    assert subject_areas == codes.SUBJECT_AREAS
    assert tuple(row["provider_type"] for row in read_seed("provider_types")) == codes.PROVIDER_TYPES


def test_spend_categories_macro_is_the_code_list():
    macro = (DBT_PROJECT_DIR / "macros" / "spend_categories.sql").read_text()
    listed = re.search(r"return\(\[(.*?)\]\)", macro, re.S).group(1)
    assert tuple(re.findall(r"'(\w+)'", listed)) == codes.SPEND_CATEGORIES
