"""The provider's report: JSON for machines, an escaped, accessible HTML page for people."""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd
import pytest

from mpo.collection.report import neutralised, write_report
from mpo.collection.validate import validate_returns
from tests import corpus
from tests.corpus import set_cell


def _submission(**changes) -> dict:
    return {
        "submission_id": 1,
        "file_name": "MPR_10004321_2025-26_20260115T093000.zip",
        "sha256": "ab" * 32,
        "ukprn": corpus.UKPRN,
        "year": corpus.YEAR,
        "file_timestamp": datetime(2026, 1, 15, 9, 30),
        "received_at": datetime(2026, 1, 20, 9, 0),
        "status": "REJECTED",
        "error_count": 1,
        "warning_count": 1,
        "superseded_by": None,
        "duplicate_of": None,
        **changes,
    }


@pytest.fixture
def issues(tmp_path):
    parts = set_cell(corpus.baseline(), "training", 2, "programme_name", '=HYPERLINK("http://x","<b>go</b>")')
    set_cell(parts, "mentor_pool", 3, "active_mentees", 45)
    set_cell(parts, "about", 2, "leavers", 121)
    other = corpus.received_parts(tmp_path, corpus.baseline(), "zip", submission_id=2)
    result = validate_returns([corpus.received_parts(tmp_path, parts, "zip"), other], corpus.reference())
    return pd.concat([result.issues, result.issues.assign(submission_id=2)])  # another submission's rows


def test_json_holds_the_submission_and_only_its_issues(tmp_path, issues):
    json_path, _ = write_report(tmp_path / "reports", _submission(), issues.to_dict("records"))
    report = json.loads(json_path.read_text())
    assert json_path.name == "1.json"
    assert report["status"] == "REJECTED" and report["received_at"] == "2026-01-20T09:00:00"
    assert report["superseded_by"] is None and report["ukprn"] == corpus.UKPRN
    assert {issue["rule_id"] for issue in report["issues"]} == {"SEC01", "VAL02", "MP03", "AB01"}
    assert len(report["issues"]) == 4
    sec01 = next(issue for issue in report["issues"] if issue["rule_id"] == "SEC01")
    assert sec01["row_number"] == 2 and sec01["value"].startswith("=HYPERLINK")


def test_html_says_what_the_status_means_and_escapes_and_neutralises(tmp_path, issues):
    _, html_path = write_report(tmp_path, _submission(), issues.to_dict("records"))
    page = html_path.read_text()
    assert html_path.name == "1.html" and page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "Status: Rejected" in page and "What to do next:" in page
    assert "<b>go</b>" not in page and "&lt;b&gt;go&lt;/b&gt;" in page
    assert "<code>&#x27;=HYPERLINK(" in page  # shown with a leading ', never as a live formula
    assert page.index("Part: about") < page.index("Part: mentor_pool") < page.index("Part: training")
    assert '<th scope="col">Row</th>' in page and "1 error and 1 warning" in page


@pytest.mark.parametrize(
    "status, words",
    [
        ("DUPLICATE", "identical, byte for byte, to a file received before (submission 7)"),
        ("STALE", "not later than that of your currently accepted return"),
        ("ACCEPTED", "is now your current return"),
        ("SUPERSEDED", "replaced by a later one (submission 9)"),
    ],
)
def test_each_status_is_explained_plainly(status, words, tmp_path):
    submission = _submission(status=status, error_count=0, warning_count=0, duplicate_of=7, superseded_by=9)
    _, html_path = write_report(tmp_path, submission, [])
    page = html_path.read_text()
    assert words in page and "No issues were found." in page


def test_a_file_name_issue_report_has_no_ukprn(tmp_path):
    from mpo.collection.validate import file_name_issue

    issue = [file_name_issue(3, "=evil.xlsx")]
    submission = _submission(
        submission_id=3, file_name="=evil.xlsx", ukprn=None, year=None, file_timestamp=None
    )
    json_path, html_path = write_report(tmp_path, submission, issue)
    report = json.loads(json_path.read_text())
    assert report["ukprn"] is None and report["issues"][0]["rule_id"] == "FILE02"
    assert "The whole file" in html_path.read_text() and "&#x27;=evil.xlsx" in html_path.read_text()


def test_neutralised_only_touches_formula_starts():
    assert [neutralised(text) for text in ("=1", "+1", "-1", "@a", "\tx", "\rx", "ok", "")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\tx",
        "'\rx",
        "ok",
        "",
    ]
