"""The default synthetic sector against the published figures of docs/brief.md (calibration_targets.csv)."""

from __future__ import annotations

from datetime import datetime

import pytest

from mpo.config import MpoHome
from mpo.sector.calibration import MEASURES, Sector, load_targets, measure_sector
from mpo.sector.generate import generate_sector

TARGETS = load_targets()


@pytest.fixture(scope="module")
def default_sector(tmp_path_factory) -> Sector:
    """The sector `mpo generate` writes by default (1,500 providers, three years), at a fixed time."""
    home = MpoHome(tmp_path_factory.mktemp("calibration")).init()
    summary = generate_sector(home, generated_at=datetime(2026, 11, 23, 9, 0))
    return Sector.read(home.reference, summary.files)


def test_targets_are_well_formed():
    ids = [target.id for target in TARGETS]
    assert len(ids) == len(set(ids)) >= 30
    assert {target.measure for target in TARGETS} == set(MEASURES)
    assert all(target.tolerance >= 0 and target.source for target in TARGETS)


@pytest.mark.parametrize("target", TARGETS, ids=[target.id for target in TARGETS])
def test_default_sector_meets_target(default_sector, target):
    (result,) = measure_sector(default_sector, [target])
    assert result.ok, str(result)


def test_measures_read_the_data_not_the_targets(default_sector):
    """A sector changed on purpose moves its measures off target."""
    roles = default_sector.parts["mentor_pool"]["employed_role"].copy()
    coverage = default_sector.parts["about"]["trainees_with_mentor"].copy()
    try:
        default_sector.parts["mentor_pool"]["employed_role"] = "MGR"
        default_sector.parts["about"]["trainees_with_mentor"] = 0
        results = {r.target.id: r for r in measure_sector(default_sector, [t for t in TARGETS if t.id in (
            "role_managers", "role_other", "trainee_coverage")])}
        assert results["role_managers"].value == 1.0 and not results["role_managers"].ok
        assert results["role_other"].value == 0.0 and not results["role_other"].ok
        assert results["trainee_coverage"].value == 0.0 and not results["trainee_coverage"].ok
    finally:
        default_sector.parts["mentor_pool"]["employed_role"] = roles
        default_sector.parts["about"]["trainees_with_mentor"] = coverage
