"""Shared fixtures: every test gets its own data root."""

import pytest

from mpo.config import MpoHome


@pytest.fixture
def home(tmp_path, monkeypatch) -> MpoHome:
    """A fresh MPO_HOME, also set in the environment for code that reads it from there."""
    root = tmp_path / "mpo_home"
    monkeypatch.setenv("MPO_HOME", str(root))
    return MpoHome(root).init()
