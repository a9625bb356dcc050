"""Audiences: parsing, and the restriction data.py applies for each (against a real dbt-built warehouse)."""

from __future__ import annotations

import pytest

from dashboards.access import (
    AUDIENCE_VARIABLE,
    Audience,
    AudienceError,
    NotForAudience,
    UnknownPartnership,
    parse_audience,
    server_audience,
)
from dashboards.data import IDENTIFYING, open_warehouse
from tests.dashboard_fixture import publish_example, shared

MEMBERS_P1 = {10000001: "Alpha College", 10000002: "Beta Training"}
OUTSIDERS_P1 = {
    10000003: "Gamma Community Learning",
    10000004: "Delta Sixth Form",
    10000005: "Epsilon Trust",
    10000006: "Zeta University",
}


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return shared("example", tmp_path_factory, publish_example)[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("national", Audience("national")),
        ("PUBLIC", Audience("public")),
        (" public ", Audience("public")),
        ("partnership:p1", Audience("partnership", "P1")),
        ("Partnership:WM-CETT", Audience("partnership", "WM-CETT")),
    ],
)
def test_audiences_parse(text, expected):
    assert parse_audience(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "admin", "partnership", "partnership:", "partnership:a b", "national:P1", "partnership:' or 1=1 --"],
)
def test_bad_audiences_are_refused(text):
    with pytest.raises(AudienceError):
        parse_audience(text)


def test_the_server_falls_back_to_the_audience_that_sees_least(monkeypatch):
    monkeypatch.delenv(AUDIENCE_VARIABLE, raising=False)
    assert server_audience() == Audience("public")
    monkeypatch.setenv(AUDIENCE_VARIABLE, "partnership:P1")
    assert server_audience() == Audience("partnership", "P1")


def test_an_unknown_partnership_is_refused_when_the_warehouse_opens(example):
    with pytest.raises(UnknownPartnership, match="P9"):
        open_warehouse(example, parse_audience("partnership:P9"))


def test_no_publication_means_no_warehouse(home):
    assert open_warehouse(home, parse_audience("national")) is None


def test_a_partnership_sees_only_its_own_members(example):
    warehouse = open_warehouse(example, parse_audience("partnership:P1"))
    assert (
        dict(zip(warehouse.providers()["ukprn"], warehouse.providers()["provider_name"], strict=True))
        == MEMBERS_P1
    )
    assert set(warehouse.member_indicators("P1")["ukprn"]) <= set(MEMBERS_P1)
    assert list(warehouse.partnerships()["partnership_code"]) == ["P1"]
    assert set(warehouse.group_indicators("partnership")["group"]) == {"P1"}
    for ukprn in OUTSIDERS_P1:
        assert warehouse.provider_years(ukprn).empty
        assert warehouse.provider_submissions(ukprn).empty
    # submission 4 is Gamma's (P2 only): its issues are not P1's to read
    assert warehouse.submission_issues(5).empty
    assert set(warehouse.provider_collection_status("2024-25")["ukprn"]) <= set(MEMBERS_P1)
    with pytest.raises(NotForAudience):
        warehouse.member_indicators("P2")
    with pytest.raises(NotForAudience):
        warehouse.member_subject_capacity("P2", 1)


def test_national_sees_every_provider_and_partnership(example):
    warehouse = open_warehouse(example, parse_audience("national"))
    assert set(warehouse.providers()["ukprn"]) == set(MEMBERS_P1) | set(OUTSIDERS_P1)
    assert set(warehouse.member_indicators("P2")["provider_name"]) == {
        "Beta Training",
        "Gamma Community Learning",
    }
    assert not warehouse.submission_issues(5).empty


def test_the_public_gets_no_provider_rows_and_no_identifiers(example):
    warehouse = open_warehouse(example, parse_audience("public"))
    for provider_level in (
        warehouse.providers,
        lambda: warehouse.member_indicators("P1"),
        lambda: warehouse.provider_years(10000001),
        lambda: warehouse.submission_issues(2),
        lambda: warehouse.provider_collection_status("2024-25"),
    ):
        with pytest.raises(NotForAudience):
            provider_level()
    frames = [warehouse.group_indicators(g) for g in ("sector", "region", "provider_type", "partnership")]
    frames += [
        warehouse.stream_funding("region"),
        warehouse.spend_mix("sector"),
        warehouse.collection_summary(),
        warehouse.mentor_mix("region", "employed_role"),
        warehouse.rule_frequencies(),
        warehouse.subject_capacity_by_region(1),
    ]
    for frame in frames:
        assert not IDENTIFYING & set(frame.columns)
        text = frame.to_string()
        assert not any(name in text for name in {**MEMBERS_P1, **OUTSIDERS_P1}.values())


def test_the_launcher_refuses_a_bad_audience_and_passes_a_good_one_to_the_server(home, capsys):
    from dashboards.launch import serve_dashboard, server_environment

    assert serve_dashboard(home, "everyone", 8599) == 2
    assert "unknown audience" in capsys.readouterr().err
    environment = server_environment(home, "partnership:P1")
    assert environment[AUDIENCE_VARIABLE] == "partnership:P1" and environment["MPO_HOME"] == str(home.root)
