"""`mpo bench --quick` runs every measure and reports each figure against its target.

No figure is asserted against its target here: times depend on the machine. The test checks
that the benchmark runs end to end and that its JSON is complete and well formed.
"""

from __future__ import annotations

import json
import math

import pytest

from mpo.bench.measures import REGISTRY
from mpo.cli import main

pytestmark = pytest.mark.slow  # a minute or two: it generates sectors and runs dbt and a browser


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    output = tmp_path_factory.mktemp("bench") / "tmp" / "bench.json"
    assert main(["bench", "--quick", "--output", str(output)]) == 0
    return json.loads(output.read_text())


def test_every_measure_is_present_in_order(report):
    assert list(report["measures"]) == list(REGISTRY)
    for measure in report["measures"].values():
        assert "error" not in measure, measure.get("traceback")
        assert measure["figures"], measure["key"]


def test_every_figure_has_a_number_a_target_and_a_verdict(report):
    for measure in report["measures"].values():
        for figure in measure["figures"]:
            assert isinstance(figure["value"], float) and math.isfinite(figure["value"]), figure
            assert isinstance(figure["target"], float) and figure["comparison"] in ("<=", ">="), figure
            assert isinstance(figure["met"], bool), figure
            assert figure["unit"] and figure["target_text"], figure


def test_skipped_figures_say_why(report):
    skipped = [s for m in report["measures"].values() for s in m["skipped"]]
    assert any("daemon" in s["figure"] for s in skipped)  # --quick leaves the daemon out
    assert all(s["reason"] for s in skipped)


def test_the_machine_is_described(report):
    machine = report["machine"]
    assert machine["cpu_count"] >= 1 and machine["memory_gb"] > 0 and machine["python"]
    for package in ("duckdb", "dagster", "dbt-core", "pandera"):
        assert machine["versions"][package] != "not installed"
    assert report["mode"] == "quick"


def test_unknown_measures_are_refused(capsys):
    assert main(["bench", "--quick", "--only", "nonsense"]) == 2
    assert "unknown measure" in capsys.readouterr().err
