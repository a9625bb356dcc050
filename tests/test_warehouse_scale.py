"""dbt build at the size of a full sector: ~4,500 provider-years, ~200k mentors, ~130k training rows.

Synthetic rows made with DuckDB's range() straight into a collection store (no files, no
validation): only the warehouse build runs; its time is printed, never asserted (`mpo bench` reports
speed). Slow: run by `make test-reliability`.
"""

from __future__ import annotations

import time

import pytest

from mpo.collection.store import connect
from tests.warehouse_fixture import build_warehouse

PROVIDERS = 1_500
YEARS = ("2023-24", "2024-25", "2025-26")
MENTORS_PER_RETURN = 44


def write_sector_store(path) -> None:
    connection = connect(path)
    years = ", ".join(f"('{year}', {index})" for index, year in enumerate(YEARS))
    statements = [
        f"""insert into ref_providers
            select 10000000 + i, 'Provider ' || i,
                   ['GFE', 'SFC', 'ITP', 'ACL', 'HEI', 'PRISON', 'TSO'][i % 7 + 1],
                   ['North East', 'North West', 'Yorkshire and the Humber', 'East Midlands', 'West Midlands',
                    'East of England', 'London', 'South East', 'South West'][i % 9 + 1],
                   case when i % 3 = 0 then '' else 'P' || (i % 11 + 1) || ';P' || ((i + 5) % 11 + 1) end,
                   date '2000-01-01', null
            from range({PROVIDERS}) as t(i)""",
        """insert into ref_partnerships
            select 'P' || i, 'Partnership ' || i, 10000000 + i from range(1, 12) as t(i)""",
        f"""create temp table years as select * from (values {years}) as v(year, y)""",
        """insert into ref_collection_years
            select year, make_date(2023 + y, 9, 1), make_date(2024 + y, 10, 31) from years""",
        # every provider-year accepted (id p * 10 + y + 1); every tenth also has a superseded one
        f"""insert into submissions
            select p * 10 + y + 1, 'MPR_' || (10000000 + p) || '_' || year || '.xlsx', md5(p || year),
                   10000000 + p, year, timestamp '2024-01-01', timestamp '2024-01-02', 'ACCEPTED',
                   0, 0, null, null, 'xlsx', 50000
            from range({PROVIDERS}) as t(p) cross join years
            union all
            select p * 10 + y + 5, 'MPR_old.xlsx', md5('old' || p || year), 10000000 + p, year,
                   timestamp '2023-12-01', timestamp '2023-12-02', 'SUPERSEDED', 0, 0, p * 10 + y + 1,
                   null, 'xlsx', 50000
            from range({PROVIDERS}) as t(p) cross join years where p % 10 = 0""",
        """insert into part_about
            select submission_id, 2, ukprn, year, 200, 20, 12, 15, 10, 25, 6, 60, submission_id % 2 = 0
            from submissions""",
        f"""insert into part_mentor_pool
            select submission_id, k + 2, 'M' || k,
                   ['MGR', 'SNR', 'TCH', 'TED', 'OTH'][k % 5 + 1], ['POOL', 'SPEC', 'BOTH'][k % 3 + 1],
                   k % 15 + 1, k % 2 = 0, 'ITT_IN;CPD', 'INVITED', k % 4 = 0, k % 6 = 0, k % 14,
                   2.0, date '2020-09-01'
            from submissions cross join range({MENTORS_PER_RETURN}) as t(k)""",
        """insert into part_remuneration
            select submission_id, row_number, mentor_ref,
                   ['REMISSION', 'PAYMENT', 'BOTH', 'NONE'][row_number % 4 + 1],
                   case when row_number % 4 in (0, 2) then 10.0 + row_number end,
                   case when row_number % 4 in (1, 2) then 500.00 end,
                   case when row_number % 4 in (1, 2) then 'FIXED' end, 'MENTOR_GRANT'
            from part_mentor_pool""",
        """insert into part_training
            select submission_id, row_number, mentor_ref, 'SHORT_COURSE', null, 'EXTERNAL',
                   row_number % 5 = 0, case when row_number % 5 = 0 then 5 end, 6.0,
                   ['OFFERED', 'ENROLLED', 'COMPLETED', 'WITHDRAWN', 'DECLINED'][row_number % 5 + 1],
                   case when row_number % 5 in (3, 4) then 'TIME' end, date '2024-10-01',
                   case when row_number % 5 = 2 then date '2024-11-01' end
            from part_mentor_pool where row_number % 3 <> 0""",
        """insert into part_funding
            select submission_id, 2 + s, ['MENTOR_GRANT', 'ITT_ALLOCATION', 'OWN'][s + 1], 6000.00,
                   1000.00, 500.00, 700.00, 300.00, 200.00, 100.00, 50.00, s = 0
            from submissions cross join range(3) as t(s)""",
        """insert into ref_allocations
            select ukprn, year, ['MENTOR_GRANT', 'ITT_ALLOCATION'][s + 1], 6000.00
            from submissions cross join range(2) as t(s) where status = 'ACCEPTED'""",
    ]
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


@pytest.mark.slow
def test_a_full_sector_builds_with_every_row_counted(tmp_path):
    store = tmp_path / "collection.duckdb"
    write_sector_store(store)
    started = time.perf_counter()
    warehouse = build_warehouse(store, tmp_path / "warehouse.duckdb")
    seconds = time.perf_counter() - started
    print(f"stage + dbt build (models and tests) of a full sector: {seconds:.1f} s")

    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        provider_years, mentors = connection.execute(
            "select count(*), sum(mentors) from provider_year_indicators").fetchone()
        training = connection.execute("select count(*) from fct_training").fetchone()[0]
    assert provider_years == PROVIDERS * len(YEARS)
    assert mentors == PROVIDERS * len(YEARS) * MENTORS_PER_RETURN
    assert training > 120_000
