"""The dbt warehouse's indicators against hand-computed values.

The rows are those of ``tests/warehouse_fixture.py`` (its docstring has the overview); every
expected number below is worked out by hand from them, with the arithmetic in the comment.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from tests.warehouse_fixture import Y1, Y2, A, B, C, D, E, F, build_example_warehouse


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """One dbt build (models, seeds and data tests) for the whole module."""
    return build_example_warehouse(tmp_path_factory.mktemp("warehouse"))


@pytest.fixture(scope="module")
def db(warehouse):
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


def one(db, sql: str, *params) -> dict:
    rows = all_rows(db, sql, *params)
    assert len(rows) == 1, rows
    return rows[0]


def all_rows(db, sql: str, *params) -> list[dict]:
    cursor = db.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def provider_year(db, ukprn, year) -> dict:
    return one(db, "select * from provider_year_indicators where ukprn = ? and year = ?", ukprn, year)


def test_provider_year_indicators_of_a_full_return(db):
    alpha = provider_year(db, A, Y1)
    # the current return is #2 (#1 was superseded by it)
    assert alpha["submission_id"] == 2
    assert (alpha["provider_type"], alpha["region"]) == ("GFE", "London")
    # mentors A1 (MGR SPEC, line-manages, 2 mentees, REMISSION 40h, completed accredited),
    # A2 (TCH POOL, grades, 1 mentee, PAYMENT, declined: TIME), A3 (SNR BOTH, 3 mentees,
    # BOTH 30h, enrolled + completed), A4 (TCH POOL, 0 mentees, NONE, no training)
    assert alpha["mentors"] == 4
    assert alpha["mentors_per_100_staff"] == 10.0            # 100 * 4 / 40
    assert alpha["trainee_mentor_coverage"] == 0.75          # 3 / 4
    assert alpha["new_staff_mentor_coverage"] == 0.25        # 2 / 8
    assert alpha["pct_specialist_mentors"] == 0.5            # A1 SPEC, A3 BOTH: 2 / 4
    assert alpha["pct_mentors_managers"] == 0.25             # A1: 1 / 4
    assert alpha["pct_line_managing"] == 0.25                # A1: 1 / 4
    assert alpha["pct_grading"] == 0.25                      # A2: 1 / 4
    assert alpha["onside_offline_nonjudgemental"] == 0.5     # A3, A4: 2 / 4
    assert alpha["pct_mentors_trained"] == 0.5               # A1, A3 completed: 2 / 4
    assert alpha["training_rows"] == 4
    assert alpha["training_takeup_rate"] == 0.75             # COMPLETED, ENROLLED, COMPLETED: 3 / 4
    assert alpha["training_completion_rate"] == 2 / 3        # 2 COMPLETED / 3 started
    assert alpha["training_decline_rate"] == 0.25            # 1 DECLINED / 4
    assert (alpha["reason_time"], alpha["reason_cost"]) == (1, 0)
    assert alpha["pct_accredited_completions"] == 0.5        # A1's of the 2 completed
    assert alpha["pct_remunerated"] == 0.75                  # all but A4 (NONE): 3 / 4
    # remission mentors: A1 40h / 2 = 20, A3 30h / 3 = 10; median of (10, 20) = 15
    assert alpha["median_remitted_hours_per_mentee"] == 15.0
    # in scope: A1 (40 >= 20*2, meets), A3 (30 < 20*3, fails); A2 PAYMENT and A4 NONE are out
    assert (alpha["benchmark_scope_mentors"], alpha["benchmark_mentors"]) == (2, 1)
    assert alpha["pct_meeting_20h_benchmark"] == 0.5
    assert alpha["leaver_rate"] == 0.2                       # 8 / 40
    assert alpha["leaver_rate_mentored"] == 0.125            # 2 / 16
    assert alpha["leaver_rate_unmentored"] == 0.25           # (8 - 2) / (40 - 16) = 6 / 24
    assert alpha["has_mentoring_policy"] is True


def test_provider_year_funding_totals(db):
    alpha = provider_year(db, A, Y1)
    # MENTOR_GRANT: allocated 5000.00, spent 1000 + 500 + 1200.50 + 300 = 3000.50, plan;
    # OWN: allocated 2000.00, spent 800.00 (remission); ITT_ALLOCATION: funder 20000.00, omitted
    assert alpha["external_allocated_gbp"] == Decimal("5000.00")
    assert alpha["funder_allocated_gbp"] == Decimal("25000.00")      # 5000 + 20000
    assert alpha["external_spent_gbp"] == Decimal("3000.50")
    assert alpha["own_spent_gbp"] == Decimal("800.00")
    assert alpha["total_spent_gbp"] == Decimal("3800.50")
    assert alpha["unspent_gbp"] == Decimal("1999.50")                # 5000 - 3000.50
    assert alpha["allocation_gap_gbp"] == Decimal("-20000.00")       # (5000 - 5000) + (0 - 20000)
    assert alpha["funding_utilisation"] == 3000.50 / 5000            # 0.6001
    # training + cover + remission, all streams: (1200.50 + 300 + 1000) + 800 = 3300.50
    assert alpha["spend_training_cover_remission_gbp"] == Decimal("3300.50")
    assert alpha["cost_per_mentor_trained"] == Decimal("1650.25")    # 3300.50 / 2 trained
    assert (alpha["external_streams"], alpha["streams_with_plan"]) == (1, 1)
    assert alpha["has_spending_plan"] is True
    beta = provider_year(db, B, Y1)
    assert beta["funding_utilisation"] == 0.5                        # 500 / 1000
    assert beta["has_spending_plan"] is False                        # its one stream has no plan
    assert beta["cost_per_mentor_trained"] is None                   # nobody trained


def test_zero_denominators_give_null_not_zero(db):
    gamma = provider_year(db, C, Y1)  # 10 staff, no trainees, no new staff, no mentors, no training
    assert gamma["mentors"] == 0
    assert gamma["mentors_per_100_staff"] == 0.0   # 100 * 0 / 10: the denominator is not 0
    assert gamma["leaver_rate"] == 0.0             # 0 / 10
    assert gamma["leaver_rate_unmentored"] == 0.0  # (0 - 0) / (10 - 0)
    for rate in ("trainee_mentor_coverage", "new_staff_mentor_coverage", "pct_specialist_mentors",
                 "pct_mentors_managers", "pct_line_managing", "pct_grading", "onside_offline_nonjudgemental",
                 "pct_mentors_trained", "training_takeup_rate", "training_completion_rate",
                 "training_decline_rate", "pct_accredited_completions", "pct_remunerated",
                 "median_remitted_hours_per_mentee", "pct_meeting_20h_benchmark", "cost_per_mentor_trained",
                 "leaver_rate_mentored", "funding_utilisation", "has_spending_plan", "allocation_gap_gbp"):
        assert gamma[rate] is None, rate
    beta = provider_year(db, B, Y1)
    assert beta["training_completion_rate"] == 0.0      # 0 completed / 1 started: 0, not NULL
    assert beta["pct_accredited_completions"] is None   # 0 / 0 completed


def test_superseded_submission_is_excluded(db):
    # #1 had 100 staff, 5 mentors OLD2..OLD6, 5 completed trainings and a 9999.00 grant
    assert provider_year(db, A, Y1)["teaching_staff"] == 40
    assert one(db, "select count(*) as n from fct_mentor where submission_id = 1")["n"] == 0
    assert one(db, "select count(*) as n from fct_mentor where mentor_ref like 'OLD%'")["n"] == 0
    assert one(db, "select count(*) as n from fct_training where submission_id = 1")["n"] == 0
    assert one(db, "select count(*) as n from fct_remuneration where submission_id = 1")["n"] == 0
    assert one(db, "select count(*) as n from fct_funding where submission_id = 1")["n"] == 0
    # one row per provider-year with a current return: A 2024-25, A 2025-26, B 2024-25, C 2024-25
    keys = [(r["ukprn"], r["year"]) for r in all_rows(
        db, "select ukprn, year from provider_year_indicators order by ukprn, year")]
    assert keys == [(A, Y1), (A, Y2), (B, Y1), (C, Y1)]
    # the pass-through keeps every submission
    assert one(db, "select count(*) as n from submissions")["n"] == 9


def test_sector_is_a_ratio_of_sums_not_a_mean_of_rates(db):
    sector = one(db, "select * from sector_year_indicators where year = ?", Y1)
    assert sector["providers"] == 3
    # coverage: A 3/4 = 0.75, B 1/1 = 1.0, C NULL; mean of rates 0.875, ratio of sums 4/5
    assert sector["trainee_mentor_coverage"] == 0.8          # (3 + 1 + 0) / (4 + 1 + 0)
    assert sector["trainee_mentor_coverage"] != (0.75 + 1.0) / 2
    assert sector["mentors"] == 5                            # 4 + 1 + 0
    assert sector["mentors_per_100_staff"] == 100 * 5 / 60   # mean of rates would be (10 + 10 + 0) / 3
    assert sector["pct_mentors_trained"] == 0.4              # (2 + 0) / 5; mean of rates 0.25
    assert sector["pct_remunerated"] == 0.8                  # (3 + 1) / 5
    assert sector["onside_offline_nonjudgemental"] == 0.6    # (2 + 1) / 5
    assert sector["training_takeup_rate"] == 4 / 6           # (3 + 1) / (4 + 2)
    assert sector["training_decline_rate"] == 2 / 6          # (1 + 1) / (4 + 2)
    assert sector["pct_meeting_20h_benchmark"] == 2 / 3      # (1 + 1) / (2 + 1)
    assert sector["leaver_rate"] == 9 / 60                   # (8 + 1 + 0) / (40 + 10 + 10)
    assert sector["leaver_rate_mentored"] == 2 / 18          # (2 + 0) / (16 + 2)
    assert sector["leaver_rate_unmentored"] == 7 / 42        # (9 - 2) / (60 - 18)
    # median over the sector's remission mentors (A1 20, A3 10, B1 25), not of provider medians
    assert sector["median_remitted_hours_per_mentee"] == 20.0
    assert sector["funding_utilisation"] == 3500.50 / 6000   # (3000.50 + 500) / (5000 + 1000)
    assert sector["cost_per_mentor_trained"] == Decimal("1900.25")  # (3300.50 + 500) / 2
    assert sector["unspent_gbp"] == Decimal("2499.50")       # 1999.50 + 500
    assert sector["providers_with_spending_plan"] == 1       # only A
    # provider-level quartiles (linear interpolation) of coverage over A 0.75 and B 1.0
    assert (sector["trainee_mentor_coverage_p25"], sector["trainee_mentor_coverage_p50"],
            sector["trainee_mentor_coverage_p75"]) == (0.8125, 0.875, 0.9375)
    # mentors per 100 staff over A 10, B 10, C 0
    assert (sector["mentors_per_100_staff_p25"], sector["mentors_per_100_staff_p50"],
            sector["mentors_per_100_staff_p75"]) == (5.0, 10.0, 10.0)
    later = one(db, "select * from sector_year_indicators where year = ?", Y2)
    assert (later["providers"], later["mentors_per_100_staff"], later["trainee_mentor_coverage"]) == (
        1, 5.0, 0.5)  # A only: 100 * 1 / 20, 1 / 2


def test_region_type_and_partnership_aggregates(db):
    london = one(db, "select * from region_year_indicators where year = ? and region = 'London'", Y1)
    assert london["providers"] == 2                          # A, B (F sent nothing)
    assert london["trainee_mentor_coverage"] == 0.8          # (3 + 1) / (4 + 1)
    assert london["mentors_per_100_staff"] == 10.0           # 100 * 5 / 50
    north_east = one(db, "select * from region_year_indicators where year = ? and region = 'North East'", Y1)
    assert north_east["trainee_mentor_coverage"] is None     # C alone: 0 / 0
    types = {r["provider_type"]: r["providers"] for r in all_rows(
        db, "select provider_type, providers from provider_type_year_indicators where year = ?", Y1)}
    assert types == {"GFE": 1, "ITP": 1, "ACL": 1}
    # B is in P1 and P2 and counts in both
    p1 = one(db, "select * from partnership_year_indicators where year = ? and partnership_code = 'P1'", Y1)
    p2 = one(db, "select * from partnership_year_indicators where year = ? and partnership_code = 'P2'", Y1)
    assert (p1["providers"], p1["mentors"], p1["trainee_mentor_coverage"]) == (2, 5, 0.8)
    assert p2["providers"] == 2                              # B, C
    assert p2["mentors_per_100_staff"] == 5.0                # 100 * (1 + 0) / (10 + 10)
    assert p2["trainee_mentor_coverage"] == 1.0              # (1 + 0) / (1 + 0)
    assert p2["median_remitted_hours_per_mentee"] == 25.0    # B1 alone
    assert one(db, "select members from dim_partnership where partnership_code = 'P2'")["members"] == 2


def test_mentor_facts(db):
    mentors = {r["mentor_ref"]: r for r in all_rows(
        db, "select * from fct_mentor where ukprn = ? and year = ?", A, Y1)}
    assert set(mentors) == {"A1", "A2", "A3", "A4"}
    assert mentors["A1"]["remitted_hours_per_mentee"] == 20.0    # 40 / 2
    assert mentors["A3"]["remitted_hours_per_mentee"] == 10.0    # 30 / 3
    assert mentors["A2"]["remitted_hours_per_mentee"] is None    # PAYMENT: no remission
    assert mentors["A4"]["remitted_hours_per_mentee"] is None    # NONE
    assert [mentors[m]["meets_20h_benchmark"] for m in ("A1", "A2", "A3", "A4")] == [
        True,    # 40 >= 20 * 2
        False,   # blank hours count as 0: 0 < 20 * 1
        False,   # 30 < 20 * 3
        True,    # 0 >= 20 * 0 (but out of the benchmark's scope)
    ]
    assert [mentors[m]["is_benchmark_scope"] for m in ("A1", "A2", "A3", "A4")] == [True, False, True, False]
    assert [mentors[m]["is_trained"] for m in ("A1", "A2", "A3", "A4")] == [True, False, True, False]
    assert mentors["A1"]["subject_area_name"] == "Health, Public Services and Care"
    assert mentors["A4"]["has_capacity"] is True


def test_funding_streams_compare_with_the_funder(db):
    streams = {r["stream"]: r for r in all_rows(
        db, "select * from fct_funding where ukprn = ? and year = ?", A, Y1)}
    assert set(streams) == {"MENTOR_GRANT", "OWN", "ITT_ALLOCATION"}
    omitted = streams["ITT_ALLOCATION"]
    assert omitted["is_reported"] is False
    assert (omitted["allocated_gbp"], omitted["funder_allocated_gbp"], omitted["spent_gbp"]) == (
        None, Decimal("20000.00"), None)
    assert streams["OWN"]["funder_allocated_gbp"] is None
    assert streams["OWN"]["is_external"] is False
    # D has an allocation but no accepted return: not in the funding marts
    assert one(db, "select count(*) as n from fct_funding where ukprn = ?", D)["n"] == 0
    usage = {r["stream"]: r for r in all_rows(
        db, "select * from provider_year_stream_funding where ukprn = ? and year = ?", A, Y1)}
    grant = usage["MENTOR_GRANT"]
    assert grant["spent_gbp"] == Decimal("3000.50")
    assert grant["funding_utilisation"] == 3000.50 / 5000
    assert grant["unspent_gbp"] == Decimal("1999.50")
    assert grant["allocation_gap_gbp"] == Decimal("0.00")
    assert grant["share_training"] == 1200.50 / 3000.50
    assert grant["share_coordination"] == 0.0
    assert usage["ITT_ALLOCATION"]["allocation_gap_gbp"] == Decimal("-20000.00")   # 0 - 20000
    assert usage["OWN"]["allocation_gap_gbp"] is None                              # funder has none
    assert usage["OWN"]["share_remission"] == 1.0                                  # 800 / 800


def test_collection_status_labels(db):
    status = {(r["ukprn"], r["year"]): r for r in all_rows(db, "select * from collection_status")}
    assert len(status) == 12                                 # 6 providers x 2 years
    labels = {key: (r["expected"], r["status"], r["is_late"]) for key, r in status.items()}
    assert labels == {
        (A, Y1): (True, "ACCEPTED", False), (A, Y2): (True, "ACCEPTED", False),
        (B, Y1): (True, "ACCEPTED", False), (B, Y2): (True, "MISSING", False),    # window still open
        (C, Y1): (True, "ACCEPTED", False), (C, Y2): (True, "MISSING", False),
        (D, Y1): (True, "REJECTED", True), (D, Y2): (True, "MISSING", False),     # 2024-25 closed
        (E, Y1): (True, "MISSING", True),                                          # open on 2024-08-01
        (E, Y2): (False, "NOT_EXPECTED", False),                                   # closed 2025-03-31
        (F, Y1): (False, "NOT_EXPECTED", False),                                   # opened 2025-01-15
        (F, Y2): (True, "MISSING", False),
    }
    alpha = status[(A, Y1)]
    assert (alpha["files_received"], alpha["accepted_submission_id"], alpha["rejected_files"]) == (2, 2, 0)
    assert status[(A, Y2)]["files_received"] == 2            # #8 accepted, #9 stale
    delta = status[(D, Y1)]
    assert (delta["files_received"], delta["rejected_files"], delta["has_accepted"]) == (2, 1, False)


def test_subject_mentor_capacity(db):
    rows = {r["subject_area"]: r for r in all_rows(
        db, "select * from subject_mentor_capacity where ukprn = ? and year = ?", A, Y1)}
    # subject 1: A1 (SPEC, 2 mentees), A2 (POOL, 1 mentee); 2: A3 (BOTH, 3); 6: A4 (POOL, 0)
    assert (rows[1]["mentors"], rows[1]["specialist_mentors"], rows[1]["spare_mentee_places"]) == (
        2, 1, 21)  # (12 - 2) + (12 - 1)
    assert (rows[2]["mentors"], rows[2]["specialist_mentors"], rows[2]["spare_mentee_places"]) == (1, 1, 9)
    assert rows[6]["spare_mentee_places"] == 12
    assert "mentor_ref" not in rows[1]


def test_issues_and_submissions_pass_through(db):
    issues = all_rows(db, "select rule_id, severity from validation_issues order by submission_id")
    assert issues == [
        {"rule_id": "RM04", "severity": "WARNING"},
        {"rule_id": "VAL03", "severity": "ERROR"},
        {"rule_id": "FILE02", "severity": "ERROR"},
    ]
    unparsed = one(db, "select * from submissions where submission_id = 7")
    assert (unparsed["ukprn"], unparsed["year"], unparsed["status"]) == (None, None, "REJECTED")
