"""Publishing a build: atomic, self-contained, a few snapshots kept, extracts safe to open in spreadsheets."""

import csv

import duckdb

from mpo.warehouse.publish import KEEP_SNAPSHOTS, current_publication, publish


def make_build(home, marker: str):
    path = home.build_dir / "warehouse.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as build:
        build.execute("create table dim_provider as select 10000001 as ukprn, ? as provider_name", [marker])
        build.execute("create schema staging")
        build.execute("create view staging.v as select * from main.dim_provider")
    return path


def test_publish_makes_the_build_the_warehouse_readers_open(home):
    publication = publish(home, make_build(home, "Alpha College"), "1:abc")
    assert current_publication(home) == publication
    with duckdb.connect(str(home.warehouse), read_only=True) as reader:
        assert reader.execute("select provider_name from dim_provider").fetchall() == [("Alpha College",)]
        assert reader.execute("select count(*) from staging.v").fetchone() == (1,)
    assert not (home.build_dir / "warehouse.duckdb").exists()


def test_extracts_hold_every_mart_and_neutralise_formulas_in_csv(home):
    publish(home, make_build(home, "=HYPERLINK(\"http://x\")"), "1:abc")
    extracts = home.published / "extracts"
    with open(extracts / "dim_provider.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [{"ukprn": "10000001", "provider_name": "'=HYPERLINK(\"http://x\")"}]
    parquet = duckdb.sql(f"select provider_name from '{extracts / 'dim_provider.parquet'}'").fetchall()
    assert parquet == [("=HYPERLINK(\"http://x\")",)]
    assert not (extracts / "v.csv").exists()


def test_only_the_newest_snapshots_are_kept_and_a_reader_of_an_old_one_is_unaffected(home):
    first = publish(home, make_build(home, "v0"), "0:a")
    reader = duckdb.connect(str(first.snapshot), read_only=True)
    for n in range(1, KEEP_SNAPSHOTS + 2):
        latest = publish(home, make_build(home, f"v{n}"), f"{n}:a")
    snapshots = sorted((home.published / "snapshots").glob("*.duckdb"))
    assert len(snapshots) == KEEP_SNAPSHOTS and latest.snapshot in snapshots
    assert reader.execute("select provider_name from dim_provider").fetchone() == ("v0",)
    reader.close()
    with duckdb.connect(str(home.warehouse), read_only=True) as analyst:
        newest = analyst.execute("select provider_name from dim_provider").fetchone()
        assert newest == (f"v{KEEP_SNAPSHOTS + 1}",)
    extract_folders = sorted(home.published.glob("extracts-*"))
    assert len(extract_folders) == KEEP_SNAPSHOTS
