"""Every page for every audience, run by Streamlit's AppTest against real, published dbt builds."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboards.access import AUDIENCE_VARIABLE
from dashboards.measures import CATALOGUE
from tests.dashboard_fixture import publish_example, publish_sector, shared

APP = str(Path(__file__).resolve().parent.parent / "dashboards" / "app.py")
PAGES = [
    "pages/funding.py",
    "pages/quality.py",
    "pages/partnerships.py",
    "pages/provider_profile.py",
    "pages/collection.py",
    "pages/specialist_mentors.py",
]
AUDIENCES = ["national", "partnership:P1", "public"]
EXAMPLE_NAMES = {
    10000001: "Alpha College",
    10000002: "Beta Training",
    10000003: "Gamma Community Learning",
    10000004: "Delta Sixth Form",
    10000005: "Epsilon Trust",
    10000006: "Zeta University",
}
P1_MEMBERS = {10000001, 10000002}
COUNT_LABELS = {m.label for m in CATALOGUE.values() if m.unit == "count" and not m.is_ratio}
COUNT_COLUMNS = {m.name for m in CATALOGUE.values() if m.unit == "count" and not m.is_ratio}


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return shared("example", tmp_path_factory, publish_example)


@pytest.fixture(scope="module")
def sector(tmp_path_factory):
    return shared("sector", tmp_path_factory, publish_sector)


@pytest.fixture
def downloads(monkeypatch) -> list[tuple[str, bytes]]:
    """Every file a page offers for download, as (file name, bytes)."""
    offered: list[tuple[str, bytes]] = []
    original = MediaFileManager.add

    def record(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        offered.append(
            (file_name, path_or_data if isinstance(path_or_data, bytes) else str(path_or_data).encode())
        )
        return original(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", record)
    return offered


def run_page(home, audience: str, page: str, monkeypatch, **widgets) -> AppTest:
    monkeypatch.setenv("MPO_HOME", str(home.root))
    monkeypatch.setenv(AUDIENCE_VARIABLE, audience)
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.switch_page(page).run()
    for key, value in widgets.items():
        app.selectbox(key=key).set_value(value).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def rendered(app: AppTest) -> str:
    """Every element's content, charts' data and widgets' options included."""
    parts = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        if type(node).__name__ == "Dataframe":
            parts.append(node.value.to_string())
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return "\n".join(parts)


def snapshot_copy(publication, tmp_path) -> duckdb.DuckDBPyConnection:
    """The published snapshot, opened independently of the code under test."""
    copy = tmp_path / "check.duckdb"
    shutil.copy(publication.snapshot, copy)
    return duckdb.connect(str(copy), read_only=True)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_for_every_audience(example, page, audience, monkeypatch):
    home, publication = example
    app = run_page(home, audience, page, monkeypatch)
    text = rendered(app)
    assert publication.build_id in text  # each page says which snapshot it shows
    assert not app.error


def test_funding_figures_are_the_warehouse_sums(sector, monkeypatch, tmp_path):
    home, publication = sector
    app = run_page(home, "national", "pages/funding.py", monkeypatch)
    with snapshot_copy(publication, tmp_path) as check:
        year, spent, allocated = check.execute(
            "select year, sum(external_spent_gbp), sum(external_allocated_gbp) from provider_year_indicators "
            "group by year order by year desc limit 1"
        ).fetchone()
    shown = {metric.label: metric.value for metric in app.metric}
    assert shown["Evidenced spend of external money"] == f"£{spent:,.0f}"
    assert shown["Allocated (provider-reported)"] == f"£{allocated:,.0f}"
    assert year in rendered(app)


def test_quality_and_collection_figures_are_the_warehouse_figures(sector, monkeypatch, tmp_path):
    home, publication = sector
    with snapshot_copy(publication, tmp_path) as check:
        mentors, staff = check.execute(
            "select sum(mentors), sum(teaching_staff) from provider_year_indicators where year = '2025-26'"
        ).fetchone()
        accepted = check.execute(
            "select count(*) from collection_status where year = '2025-26' and status = 'ACCEPTED'"
        ).fetchone()[0]
    quality = run_page(home, "national", "pages/quality.py", monkeypatch)
    assert {m.label: m.value for m in quality.metric}[
        "Mentors per 100 staff"
    ] == f"{100 * mentors / staff:,.1f}"
    collection = run_page(home, "national", "pages/collection.py", monkeypatch)
    assert {m.label: m.value for m in collection.metric}["Accepted"] == f"{accepted:,}"


@pytest.mark.parametrize("page", PAGES)
def test_a_partnership_never_sees_an_outside_provider(example, page, monkeypatch, downloads):
    home, _ = example
    app = run_page(home, "partnership:P1", page, monkeypatch)
    seen = rendered(app) + "\n".join(data.decode() for _, data in downloads)
    for ukprn, name in EXAMPLE_NAMES.items():
        if ukprn not in P1_MEMBERS:
            assert name not in seen
            assert str(ukprn) not in seen
    assert "Northern Mentoring Partnership" not in seen


@pytest.mark.slow  # every choice of every picker: a minute of AppTest runs, in make test-reliability
@pytest.mark.parametrize("page", PAGES)
def test_no_picker_choice_or_url_parameter_shows_a_partnership_an_outside_provider(
    example, page, monkeypatch, downloads
):
    """Every choice of every picker, with URL parameters asking for more, as partnership P1 (a
    disabled picker cannot be changed; its options are in the rendered text checked here)."""
    home, _ = example
    monkeypatch.setenv("MPO_HOME", str(home.root))
    monkeypatch.setenv(AUDIENCE_VARIABLE, "partnership:P1")
    app = AppTest.from_file(APP, default_timeout=60)
    for name, value in {"audience": "national", "partnership": "P2", "ukprn": "10000003"}.items():
        app.query_params[name] = value
    app.run()
    app.switch_page(page).run()
    seen, choices = [rendered(app)], 0
    for index in range(len(app.selectbox)):
        if app.selectbox[index].disabled:
            continue
        for option in range(len(app.selectbox[index].options)):
            app.selectbox[index].select_index(option).run()
            assert not app.exception, [e.value for e in app.exception]
            seen.append(rendered(app))
            choices += 1
    text = "\n".join(seen) + "\n".join(data.decode() for _, data in downloads)
    for ukprn, name in EXAMPLE_NAMES.items():
        if ukprn not in P1_MEMBERS:
            assert name not in text and str(ukprn) not in text
    assert "Northern Mentoring Partnership" not in text
    assert choices or page in ("pages/collection.py",), "the page offers no choice to try"


def test_a_partnership_sees_its_members_by_name(example, monkeypatch):
    home, _ = example
    app = run_page(
        home, "partnership:P1", "pages/partnerships.py", monkeypatch, **{"partnership-year": "2024-25"}
    )
    assert "Alpha College" in rendered(app) and "Beta Training" in rendered(app)


def check_disclosure(table: list[dict[str, str]], is_count) -> None:
    for row in table:
        for column, value in row.items():
            if is_count(column) and value not in ("c", "z", "x", ""):
                assert float(value.replace(",", "")) >= 5, f"{column}={value} shown to the public"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("which", ["example", "sector"])
def test_the_public_sees_no_provider_and_no_small_count(request, which, page, monkeypatch, downloads):
    home, _ = request.getfixturevalue(which)
    app = run_page(home, "public", page, monkeypatch)
    text = rendered(app) + "\n".join(data.decode() for _, data in downloads)
    assert not re.search(r"\b100\d{5}\b", text)  # no UKPRN
    for name in [*EXAMPLE_NAMES.values(), "Member ", "Outsider "]:
        assert name not in text
    for frame in app.dataframe:
        check_disclosure(frame.value.astype(str).to_dict("records"), lambda column: column in COUNT_LABELS)
    for metric in app.metric:
        check_disclosure([{metric.label: metric.value}], lambda column: column in COUNT_LABELS)
    for _, data in downloads:
        check_disclosure(list(csv.DictReader(io.StringIO(data.decode()))), lambda c: c in COUNT_COLUMNS)


def test_the_public_sees_real_figures_where_they_are_safe(sector, monkeypatch):
    home, _ = sector
    app = run_page(home, "public", "pages/funding.py", monkeypatch)
    assert any(metric.value.startswith("£") for metric in app.metric)


def test_a_url_parameter_cannot_change_the_audience(example, monkeypatch):
    home, _ = example
    monkeypatch.setenv("MPO_HOME", str(home.root))
    monkeypatch.setenv(AUDIENCE_VARIABLE, "public")
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["audience"] = "national"
    app.run()
    app.switch_page("pages/provider_profile.py").run()
    assert "not available to the public" in rendered(app)
    assert "Alpha College" not in rendered(app)


def test_an_unknown_partnership_gets_a_clear_error_page(example, monkeypatch):
    home, _ = example
    app = run_page(home, "partnership:P9", "pages/funding.py", monkeypatch)
    assert "P9" in app.error[0].value and "not in the published warehouse" in app.error[0].value


def test_before_any_publication_the_pages_say_so(home, monkeypatch):
    for page in PAGES:
        app = run_page(home, "national", page, monkeypatch)
        assert "No warehouse has been published yet" in app.info[0].value


def test_an_empty_selection_says_so(example, monkeypatch):
    home, _ = example
    app = run_page(
        home,
        "national",
        "pages/partnerships.py",
        monkeypatch,
        **{"partnership-year": "2025-26", "partnership-code": "P2"},
    )
    assert any("No accepted returns from members" in info.value for info in app.info)


def test_provider_profile_shows_submissions_and_validation(example, monkeypatch):
    home, _ = example
    app = run_page(
        home,
        "national",
        "pages/provider_profile.py",
        monkeypatch,
        **{"profile-provider": 10000004, "profile-submission": 5},
    )
    text = rendered(app)
    assert "REJECTED" in text and "VAL03" in text and "teaching_staff is blank" in text
