"""Every rule of spec section 4: one mutation of a valid baseline each, reported where the spec says.

A case asserts the exact set of (rule_id, part, row_number, column_name), warnings included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd
import pytest

from mpo.collection.validate import file_name_issue, issue_counts, validate_returns
from schemas.rules import ISSUE_RULES, RULES
from tests import corpus
from tests.corpus import add_row, drop_column, set_cell

Place = tuple[str, str | None, int | None, str | None]  # rule_id, part, row_number, column_name


@dataclass
class Case:
    name: str
    mutate: Callable[[corpus.Parts], object]
    expected: set[Place]
    container: str = "xlsx"
    received: dict = field(default_factory=dict)  # ukprn, year, received_at of the receipt


def _everywhere(parts: corpus.Parts, row: int, mentor_ref: str) -> None:
    """Give one mentor a new mentor_ref in mentor_pool, remuneration and training alike."""
    for part in ("mentor_pool", "remuneration", "training"):
        set_cell(parts, part, row, "mentor_ref", mentor_ref)


def at_cell(name: str, rule_id: str, part: str, row: int, column: str, value, **options) -> Case:
    """The common case: one cell is set, and the rule reports exactly that cell and nothing else."""

    def mutate(parts: corpus.Parts) -> object:
        return set_cell(parts, part, row, column, value)

    return Case(name, mutate, {(rule_id, part, row, column)}, **options)


# fmt: off
CASES = [
    Case("FILE04 training sheet missing", lambda p: p.pop("training"), {("FILE04", "training", None, None)}),
    Case("FILE05 required column missing", lambda p: drop_column(p, "remuneration", "arrangement"),
         {("FILE05", "remuneration", None, "arrangement")}),
    Case("FILE06 unknown column", lambda p: [row.append("x") for row in p["mentor_pool"]],
         {("FILE06", "mentor_pool", None, "x")}),
    Case("FILE06 extra sheet", lambda p: p.update(Notes=[["anything"]]), {("FILE06", None, None, None)}),
    Case("SUB01 not registered", lambda p: set_cell(p, "about", 2, "ukprn", 10009999),
         {("SUB01", None, None, None)}, received={"ukprn": 10009999}),
    Case("SUB01 closed before the year", lambda p: set_cell(p, "about", 2, "ukprn", corpus.CLOSED_UKPRN),
         {("SUB01", None, None, None)}, received={"ukprn": corpus.CLOSED_UKPRN}),
    Case("SUB02 two about rows", lambda p: add_row(p, "about"), {("SUB02", "about", None, None)}),
    Case("SUB02 no about row", lambda p: p["about"].pop(), {("SUB02", "about", None, None)}),
    at_cell("SUB02 ukprn differs", "SUB02", "about", 2, "ukprn", 10009999),
    at_cell("SUB02 year differs", "SUB02", "about", 2, "year", "2024-25"),
    Case("SUB04 after the window", lambda p: None, {("SUB04", None, None, None)},
         received={"received_at": datetime(2026, 4, 1, 0, 0)}),
    Case("SUB04 year not collected", lambda p: set_cell(p, "about", 2, "year", "2030-31"),
         {("SUB04", None, None, None)}, received={"year": "2030-31"}),
    at_cell("VAL01 not a whole number", "VAL01", "mentor_pool", 3, "active_mentees", 3.5),
    at_cell("VAL01 text in a number", "VAL01", "mentor_pool", 3, "active_mentees", "three", container="zip"),
    at_cell("VAL01 unknown code", "VAL01", "mentor_pool", 2, "employed_role", "BOSS"),
    at_cell("VAL01 date format", "VAL01", "mentor_pool", 2, "start_date", "01/09/2020"),
    at_cell("VAL01 yes/no", "VAL01", "funding", 2, "has_spending_plan", "maybe"),
    at_cell("VAL01 contexts item", "VAL01", "mentor_pool", 2, "contexts", "CPD;COACHING"),
    at_cell("VAL01 money with 3 decimals", "VAL01", "funding", 4, "spent_other_gbp", "£1.005",
            container="zip"),
    at_cell("VAL01 ukprn", "VAL01", "about", 2, "ukprn", "1000432"),
    at_cell("VAL02 above maximum", "VAL02", "mentor_pool", 2, "subject_area", 16),
    at_cell("VAL02 negative text number", "VAL02", "mentor_pool", 2, "subject_area", "-5"),
    at_cell("VAL02 money above maximum", "VAL02", "remuneration", 3, "payment_gbp", "£20,000.01"),
    at_cell("VAL02 hours below minimum", "VAL02", "training", 3, "hours", 0.25),
    at_cell("VAL02 text too long", "VAL02", "training", 2, "programme_name", "x" * 121),
    Case("VAL02 and MP03 together", lambda p: set_cell(p, "mentor_pool", 3, "active_mentees", 45),
         {("VAL02", "mentor_pool", 3, "active_mentees"), ("MP03", "mentor_pool", 3, "active_mentees")}),
    at_cell("VAL03 required blank", "VAL03", "mentor_pool", 2, "employed_role", None),
    at_cell("VAL03 whitespace only", "VAL03", "funding", 3, "spent_cover_gbp", "   ", container="zip"),
    Case("MP01 repeated mentor", lambda p: add_row(p, "mentor_pool"),
         {("MP01", "mentor_pool", 5, "mentor_ref")}),
    Case("MP02 a name", lambda p: _everywhere(p, 2, "Jane Smith"), {
        ("VAL01", "mentor_pool", 2, "mentor_ref"), ("MP02", "mentor_pool", 2, "mentor_ref"),
        ("VAL01", "remuneration", 2, "mentor_ref"), ("VAL01", "training", 2, "mentor_ref")}),
    Case("MP02 an e-mail", lambda p: _everywhere(p, 3, "j.smith@college.ac.uk"), {
        ("VAL01", "mentor_pool", 3, "mentor_ref"), ("MP02", "mentor_pool", 3, "mentor_ref"),
        ("VAL01", "remuneration", 3, "mentor_ref"), ("VAL01", "training", 3, "mentor_ref")}),
    at_cell("MP03 many mentees", "MP03", "mentor_pool", 3, "active_mentees", 13),
    at_cell("MP04 start in the future", "MP04", "mentor_pool", 2, "start_date", "2026-01-21"),
    Case("RM01 unknown mentor", lambda p: add_row(p, "remuneration", mentor_ref="M999"),
         {("RM01", "remuneration", 5, "mentor_ref")}),
    Case("RM02 mentor without pay row", lambda p: p["remuneration"].pop(2),
         {("RM02", "mentor_pool", 3, "mentor_ref")}),
    Case("RM02 two pay rows", lambda p: add_row(p, "remuneration"),
         {("RM02", "remuneration", 5, "mentor_ref")}),
    at_cell("RM03 remission without hours", "RM03", "remuneration", 2, "remitted_hours", None),
    at_cell("RM03 payment with hours", "RM03", "remuneration", 3, "remitted_hours", 10),
    Case("RM03 remission paid", lambda p: set_cell(p, "remuneration", 2, "payment_gbp", 100),
         {("RM03", "remuneration", 2, "payment_gbp"), ("RM03", "remuneration", 2, "payment_basis")}),
    at_cell("RM03 payment of 0", "RM03", "remuneration", 3, "payment_gbp", 0),
    at_cell("RM03 payment without basis", "RM03", "remuneration", 3, "payment_basis", None),
    at_cell("RM04 below the benchmark", "RM04", "remuneration", 2, "remitted_hours", 59.5),
    at_cell("RM05 stream not in funding", "RM05", "remuneration", 3, "funding_stream", "OTHER"),
    Case("TR01 unknown mentor", lambda p: add_row(p, "training", mentor_ref="M999"),
         {("TR01", "training", 5, "mentor_ref")}),
    at_cell("TR02 accredited without level", "TR02", "training", 2, "level", None),
    at_cell("TR02 level when not accredited", "TR02", "training", 3, "level", 4),
    at_cell("TR03 completed without date", "TR03", "training", 2, "completion_date", None),
    at_cell("TR03 completed before start", "TR03", "training", 2, "completion_date", "2025-09-09"),
    at_cell("TR04 declined without reason", "TR04", "training", 4, "reason", None),
    Case("FN01 stream repeated", lambda p: p["funding"].append(list(p["funding"][3])),
         {("FN01", "funding", 5, "stream")}),
    Case("FN02 overspent", lambda p: set_cell(p, "funding", 3, "spent_other_gbp", 4500.01),
         {("FN02", "funding", 3, "allocated_gbp")}),
    Case("FN02 not for OWN", lambda p: set_cell(p, "funding", 4, "spent_other_gbp", 9000), set()),
    Case("FN03 grant above 6000", lambda p: set_cell(p, "funding", 3, "allocated_gbp", "£6,000.01"), {
        ("FN03", "funding", 3, "allocated_gbp"), ("FN04", "funding", 3, "allocated_gbp")}),
    at_cell("FN04 differs by more than £1", "FN04", "funding", 2, "allocated_gbp", 25001.01),
    Case("FN04 differs by exactly £1", lambda p: set_cell(p, "funding", 2, "allocated_gbp", 24999), set()),
    Case("FN04 funder stream omitted",
         lambda p: (p["funding"].pop(2), set_cell(p, "remuneration", 3, "funding_stream", "OWN")),
         {("FN04", "funding", None, "stream")}),
    Case("AB01 with mentor above total", lambda p: set_cell(p, "about", 2, "trainee_teachers", 7),
         {("AB01", "about", 2, "trainees_with_mentor")}),
    at_cell("AB01 leavers above staff", "AB01", "about", 2, "leavers", 121),
    at_cell("AB01 mentored above staff", "AB01", "about", 2, "mentored_staff", 121),
    at_cell("AB01 leavers mentored twice over", "AB01", "about", 2, "leavers_mentored", 16),
    at_cell("AB02 too few mentees", "AB02", "about", 2, "trainees_with_mentor", 10),
    at_cell("SEC01 formula in text", "SEC01", "training", 2, "programme_name", '=HYPERLINK("x")'),
    at_cell("SEC01 tab-led text", "SEC01", "training", 2, "programme_name", "\tcmd", container="zip"),
    Case("SEC01 and VAL01 in a code", lambda p: set_cell(p, "mentor_pool", 2, "selection", "@SUM(1+1)"),
         {("SEC01", "mentor_pool", 2, "selection"), ("VAL01", "mentor_pool", 2, "selection")}),
]
# fmt: on


def _places(issues) -> set[Place]:
    return {
        (
            r.rule_id,
            r.part,
            None if r.row_number is None or r.row_number != r.row_number else int(r.row_number),
            r.column_name,
        )
        for r in issues.astype(object).where(issues.notna(), None).itertuples()
    }


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_rule_is_reported_exactly_where_the_spec_says(case, tmp_path):
    parts = corpus.baseline()
    case.mutate(parts)
    received = corpus.received_parts(tmp_path, parts, case.container, **case.received)
    result = validate_returns([received], corpus.reference())
    assert _places(result.issues) == case.expected
    assert result.issues["message"].str.len().gt(20).all()


def test_the_cases_cover_every_rule_that_validation_raises():
    raised = {place[0] for case in CASES for place in case.expected} | {
        "FILE01",
        "FILE02",
        "FILE03",
        "FILE07",
    }
    assert raised == set(ISSUE_RULES)  # FILE01/03/07 are hostile files, in test_read.py


@pytest.mark.parametrize("container", ["xlsx", "zip"])
def test_the_baseline_is_accepted_without_issues(container, tmp_path):
    received = corpus.received_parts(tmp_path, corpus.baseline(), container)
    result = validate_returns([received], corpus.reference())
    assert result.issues.empty
    assert {name: len(frame) for name, frame in result.parts.items()} == {
        "about": 1,
        "mentor_pool": 3,
        "remuneration": 3,
        "training": 3,
        "funding": 3,
    }


def test_a_return_with_many_faults_reports_all_of_them(tmp_path):
    parts = corpus.baseline()
    set_cell(parts, "about", 2, "leavers", 121)
    set_cell(parts, "mentor_pool", 3, "active_mentees", "lots")
    set_cell(parts, "remuneration", 2, "remitted_hours", None)
    set_cell(parts, "training", 4, "reason", None)
    set_cell(parts, "funding", 2, "allocated_gbp", 30000)
    add_row(parts, "mentor_pool")
    result = validate_returns([corpus.received_parts(tmp_path, parts, "zip")], corpus.reference())
    assert _places(result.issues) == {
        ("AB01", "about", 2, "leavers"),
        ("VAL01", "mentor_pool", 3, "active_mentees"),
        ("MP01", "mentor_pool", 5, "mentor_ref"),
        ("RM03", "remuneration", 2, "remitted_hours"),
        ("TR04", "training", 4, "reason"),
        ("FN04", "funding", 2, "allocated_gbp"),
    }
    assert issue_counts(result.issues).to_dict("records") == [
        {"submission_id": 1, "error_count": 5, "warning_count": 1}
    ]


def test_issue_rows_carry_severity_value_and_a_plain_message(tmp_path):
    parts = set_cell(corpus.baseline(), "mentor_pool", 2, "active_mentees", 45)
    issues = validate_returns([corpus.received_parts(tmp_path, parts)], corpus.reference()).issues
    val02 = issues[issues["rule_id"] == "VAL02"].iloc[0]
    assert val02["severity"] == RULES["VAL02"].severity
    assert val02["value"] == "45"
    assert val02["message"].startswith(
        "active_mentees must be a whole number from 0 to 40; '45' is too high."
    )
    assert str(issues["row_number"].dtype) == "Int64"


def test_the_value_is_truncated_to_100_characters(tmp_path):
    parts = set_cell(corpus.baseline(), "training", 2, "programme_name", "=" + "x" * 300)
    issues = validate_returns([corpus.received_parts(tmp_path, parts)], corpus.reference()).issues
    assert issues["value"].str.len().max() == 100


def test_file_name_issue_is_a_whole_file_file02_row():
    issue = file_name_issue(7, "return.xlsx")
    assert issue["submission_id"] == 7 and issue["rule_id"] == "FILE02" and issue["severity"] == "ERROR"
    assert issue["value"] == "return.xlsx" and pd.isna(issue["row_number"]) and issue["part"] is None
    assert "MPR_" in issue["message"]
