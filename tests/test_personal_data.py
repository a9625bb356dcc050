"""Personal data: a name or an e-mail address written as a mentor's identifier is refused (MP02) and
never reaches the warehouse; free text from a return reaches it only through documented columns.

Two providers re-send their accepted returns with changes, through the real job: one with its
mentors' identifiers replaced by a name and an e-mail address, one with free text in the programme
name and in a column the spec does not know. Then every text column of every table and view in the
published file, and every extract, is searched for them.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from datetime import datetime

import duckdb
import pytest

from mpo.collection.receive import archive_path
from mpo.config import MpoHome
from mpo.returns.naming import format_return_name
from mpo.sector.generate import generate_sector
from pipelines.run import process_landing

NAME, EMAIL = "Jane Smith", "j.smith@college.ac.uk"
PROGRAMME = "Canary programme QX7"  # free text in a documented column: programme_name
NOTE = "Canary note QX7"  # free text in a column the spec does not know: ignored (FILE06)
RESENT_AT = datetime(2026, 11, 20, 15, 0)

pytestmark = pytest.mark.slow  # a sector of its own and two runs of the job: in make test-reliability

Rows = list[list[str]]


def resend(home: MpoHome, submission: tuple, change: Callable[[dict[str, Rows]], None]) -> str:
    """Land a newer copy of an accepted .zip return, its CSV parts changed by ``change``."""
    file_name, sha256, ukprn, year = submission
    with zipfile.ZipFile(archive_path(home.archive, sha256, file_name)) as old:
        parts = {member.removesuffix(".csv"): list(csv.reader(io.StringIO(old.read(member).decode("utf-8"))))
                 for member in old.namelist()}
    change(parts)
    new_name = format_return_name(ukprn, year, RESENT_AT, "zip")
    with zipfile.ZipFile(home.landing / new_name, "w") as new:
        for part, rows in parts.items():
            text = io.StringIO()
            csv.writer(text, lineterminator="\n").writerows(rows)
            new.writestr(f"{part}.csv", text.getvalue())
    return new_name


def set_column(rows: Rows, column: str, values: Callable[[int, str], str]) -> None:
    index = rows[0].index(column)
    for number, row in enumerate(rows[1:], start=1):
        row[index] = values(number, row[index])


def with_personal_refs(parts: dict[str, Rows]) -> None:
    """The first two mentors named by a name and an e-mail address, consistently in every part."""
    pool = parts["mentor_pool"]
    refs = {pool[1][pool[0].index("mentor_ref")]: NAME, pool[2][pool[0].index("mentor_ref")]: EMAIL}
    for part in ("mentor_pool", "remuneration", "training"):
        set_column(parts[part], "mentor_ref", lambda _, ref: refs.get(ref, ref))


def with_free_text(parts: dict[str, Rows]) -> None:
    set_column(parts["training"], "programme_name", lambda number, name: PROGRAMME if number == 1 else name)
    parts["mentor_pool"] = [row + ["notes" if number == 0 else NOTE]
                            for number, row in enumerate(parts["mentor_pool"])]


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    home = MpoHome(tmp_path_factory.mktemp("personal") / "mpo_home").init()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MPO_HOME", str(home.root))
        generate_sector(home, providers=12, seed=4, generated_at=datetime(2026, 11, 20, 12, 0))
        assert process_landing(home, settle_seconds=0).ok
        with duckdb.connect(str(home.collection_store), read_only=True) as store:
            # accepted zip returns with at least two mentors and a training row, the newest year first
            candidates = store.execute("""
                select file_name, sha256, ukprn, year from submissions s
                where status = 'ACCEPTED' and container = 'zip'
                  and (select count(*) from part_mentor_pool m where m.submission_id = s.submission_id) >= 2
                  and exists (select 1 from part_training t where t.submission_id = s.submission_id)
                order by year desc, ukprn limit 2
            """).fetchall()
        assert len(candidates) == 2, "the sector has too few returns to change"
        names = {"personal": resend(home, candidates[0], with_personal_refs),
                 "free text": resend(home, candidates[1], with_free_text)}
        assert process_landing(home, settle_seconds=0).ok
        yield home, names


def submission(home: MpoHome, file_name: str) -> tuple[int, str]:
    with duckdb.connect(str(home.collection_store), read_only=True) as store:
        return store.execute("select submission_id, status from submissions where file_name = ?",
                             [file_name]).fetchone()


def text_hits(home: MpoHome, needle: str) -> set[tuple[str, str, str]]:
    """(schema, table, column) of every text column in the published file, views included, and of
    every published extract, Parquet and CSV (schema "extract"), that holds ``needle``."""
    with duckdb.connect(str(home.warehouse), read_only=True) as warehouse:
        text_columns = warehouse.execute(
            "select schema_name, table_name, column_name from duckdb_columns() "
            "where data_type = 'VARCHAR' and database_name = current_database()").fetchall()
        relations = [(schema, table, f'"{schema}"."{table}"', column)
                     for schema, table, column in text_columns]
        extracts = home.published / "extracts"
        for extract in [*extracts.glob("*.parquet"), *extracts.glob("*.csv")]:
            source = (f"read_parquet('{extract}')" if extract.suffix == ".parquet"
                      else f"read_csv('{extract}', all_varchar = true, header = true)")
            described = warehouse.execute(f"describe select * from {source}").fetchall()
            relations += [("extract", extract.name, source, column)
                          for column, kind, *_ in described if kind == "VARCHAR"]
        return {(schema, table, column) for schema, table, source, column in relations
                if warehouse.execute(f'select count(*) from {source} where "{column}" like ?',
                                     [f"%{needle}%"]).fetchone()[0]}


def test_names_and_emails_as_mentor_refs_are_refused_and_the_provider_is_told(processed):
    home, names = processed
    submission_id, status = submission(home, names["personal"])
    assert status == "REJECTED"
    report = json.loads((home.reports / f"{submission_id}.json").read_text(encoding="utf-8"))
    flagged = {issue["value"] for issue in report["issues"] if issue["rule_id"] == "MP02"}
    assert flagged == {NAME, EMAIL}  # the provider's own report shows them what to change


@pytest.mark.parametrize("personal", [NAME, EMAIL])
def test_personal_data_never_reaches_the_warehouse(processed, personal):
    home, names = processed
    assert text_hits(home, personal) == set()
    submission_id, _ = submission(home, names["personal"])
    with duckdb.connect(str(home.warehouse), read_only=True) as warehouse:
        withheld = warehouse.execute(
            "select count(*) from validation_issues where submission_id = ? and rule_id = 'MP02' "
            "and value is null and message like '%withheld%'", [submission_id]).fetchone()[0]
    assert withheld >= 2  # the issues are published, without the values


def test_free_text_reaches_the_warehouse_only_through_documented_columns(processed):
    home, names = processed
    assert submission(home, names["free text"])[1] == "ACCEPTED"
    # programme_name is documented as free text; raw, staging and extracts carry the same column
    assert {column for _, _, column in text_hits(home, PROGRAMME)} == {"programme_name"}
    assert ("main", "fct_training", "programme_name") in text_hits(home, PROGRAMME)
    assert text_hits(home, NOTE) == set()  # an unknown column is ignored, never stored
