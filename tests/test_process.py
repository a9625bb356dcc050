"""End to end through the real job: generated returns, landing → archive → validation → load → dbt → publish.

The generator's manifest says what should become of each file; these tests hold the pipeline to it.
"""

import json
import shutil
from datetime import datetime

import duckdb
import pytest

from mpo.collection.journal import read_receipts
from mpo.config import MpoHome
from mpo.sector.generate import deliver_late_arrivals, generate_sector, manifest_path
from mpo.warehouse.publish import current_publication
from pipelines.run import process_landing

GENERATED_AT = datetime(2026, 11, 20, 12, 0)
MARTS = {
    "submissions", "validation_issues", "dim_provider", "dim_partnership", "bridge_provider_partnership",
    "dim_year", "fct_mentor", "fct_remuneration", "fct_training", "fct_funding", "provider_year_indicators",
    "provider_year_stream_funding", "sector_year_indicators", "region_year_indicators",
    "provider_type_year_indicators", "partnership_year_indicators", "collection_status",
    "subject_mentor_capacity",
}


def statuses(home: MpoHome) -> dict[str, list[str]]:
    with duckdb.connect(str(home.warehouse), read_only=True) as warehouse:
        rows = warehouse.execute("select sha256, status from submissions order by submission_id").fetchall()
    found: dict[str, list[str]] = {}
    for sha256, status in rows:
        found.setdefault(sha256, []).append(status)
    return found


def manifest(home: MpoHome) -> list[dict]:
    return json.loads(manifest_path(home).read_text())["files"]


@pytest.fixture(scope="module")
def sector(tmp_path_factory):
    """A small sector, generated and processed once: the landing batch, then the late arrivals."""
    home = MpoHome(tmp_path_factory.mktemp("sector") / "mpo_home").init()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MPO_HOME", str(home.root))
        generate_sector(home, providers=60, seed=7, generated_at=GENERATED_AT)
        first = process_landing(home, settle_seconds=0)
        landing_statuses = statuses(home)
        deliver_late_arrivals(home)
        second = process_landing(home, settle_seconds=0)
        yield home, first, second, landing_statuses


def test_every_landing_file_ends_with_the_status_the_generator_planned(sector):
    home, first, _, landing_statuses = sector
    assert first.ok, first.describe()
    for planned in (f for f in manifest(home) if f["batch"] == "landing"):
        got = landing_statuses[planned["sha256"]]
        # Exact copies share a SHA-256: the first is decided on its merits, the others are duplicates.
        assert planned["expected_status"] in got, (planned["file_name"], got)


def test_late_arrivals_are_stale_or_duplicate_and_change_nothing_current(sector):
    home, _, second, landing_statuses = sector
    assert second.ok, second.describe()
    final = statuses(home)
    late = [f for f in manifest(home) if f["batch"] == "late"]
    assert late, "the generator held back no late files"
    for planned in late:
        assert final[planned["sha256"]][-1] == planned["expected_status"], planned["file_name"]
    current_before = {sha for sha, found in landing_statuses.items() if "ACCEPTED" in found}
    current_after = {sha for sha, found in final.items() if "ACCEPTED" in found}
    assert current_after == current_before


def test_each_faulty_file_is_rejected_with_its_rule_and_warnings_are_reported(sector):
    home, *_ = sector
    with duckdb.connect(str(home.warehouse), read_only=True) as warehouse:
        reported = warehouse.execute(
            "select s.file_name, i.rule_id, i.severity from validation_issues i "
            "join submissions s using (submission_id)"
        ).fetchall()
    by_file: dict[str, set[str]] = {}
    for file_name, rule_id, _ in reported:
        by_file.setdefault(file_name, set()).add(rule_id)
    planned = [f for f in manifest(home) if f["errors"] or f["warnings"]]
    assert any(f["errors"] for f in planned) and any(f["warnings"] for f in planned)
    for faulty in planned:
        rules = by_file.get(faulty["file_name"], set())
        assert set(faulty["errors"]) <= rules, faulty["file_name"]
        assert set(faulty["warnings"]) <= rules, faulty["file_name"]


def test_every_submission_has_a_json_and_an_html_report(sector):
    home, *_ = sector
    for receipt in read_receipts(home.receipts_journal):
        report = json.loads((home.reports / f"{receipt.seq}.json").read_text())
        assert report["submission_id"] == receipt.seq and report["sha256"] == receipt.sha256
        assert (home.reports / f"{receipt.seq}.html").exists()


def test_the_published_warehouse_answers_every_mart_read_only(sector):
    home, *_ = sector
    with duckdb.connect(str(home.warehouse), read_only=True) as warehouse:
        tables = {row[0] for row in warehouse.execute(
            "select table_name from duckdb_tables() where schema_name = 'main'").fetchall()}
        assert MARTS <= tables
        accepted = warehouse.execute(
            "select count(*) from submissions where status = 'ACCEPTED'").fetchone()[0]
        assert warehouse.execute("select count(*) from provider_year_indicators").fetchone()[0] == accepted
    assert {p.stem for p in (home.published / "extracts").glob("*.parquet")} >= MARTS


def test_processing_the_same_landing_again_changes_nothing(sector, tmp_path, monkeypatch):
    home = MpoHome(tmp_path / "again")
    shutil.copytree(sector[0].root, home.root, symlinks=True)
    monkeypatch.setenv("MPO_HOME", str(home.root))
    before = (current_publication(home), home.receipts_journal.read_bytes(), statuses(home))
    outcome = process_landing(home, settle_seconds=0)
    assert outcome.ok, outcome.describe()
    assert (current_publication(home), home.receipts_journal.read_bytes(), statuses(home)) == before


def test_a_build_that_fails_its_tests_leaves_the_published_warehouse_in_place(sector, tmp_path, monkeypatch):
    home = MpoHome(tmp_path / "broken")
    shutil.copytree(sector[0].root, home.root, symlinks=True)
    monkeypatch.setenv("MPO_HOME", str(home.root))
    published = current_publication(home)
    with duckdb.connect(str(home.warehouse), read_only=True) as warehouse:
        before = warehouse.execute("select * from provider_year_indicators order by ukprn, year").fetchall()
    # Corrupt an accepted return behind validation's back: more trainees with a mentor than trainees.
    with duckdb.connect(str(home.collection_store)) as store:
        store.execute("update part_about set trainees_with_mentor = trainee_teachers + 1 "
                      "where submission_id = (select min(submission_id) from submissions "
                      "where status = 'ACCEPTED')")
    # Any new file (this one is rejected) makes the store newer than the warehouse, so a build is due.
    (home.landing / "not_a_return.zip").write_bytes(b"not a return")
    outcome = process_landing(home, settle_seconds=0)
    assert not outcome.ok
    assert "warehouse_models" in outcome.describe()
    assert current_publication(home) == published
    with duckdb.connect(str(home.warehouse), read_only=True) as warehouse:
        after = warehouse.execute("select * from provider_year_indicators order by ukprn, year").fetchall()
    assert after == before
