"""Shared fixtures: every test gets its own data root."""

import pytest

from mpo.config import MpoHome


@pytest.fixture
def home(tmp_path, monkeypatch) -> MpoHome:
    """A fresh MPO_HOME, also set in the environment for code that reads it from there."""
    root = tmp_path / "mpo_home"
    monkeypatch.setenv("MPO_HOME", str(root))
    return MpoHome(root).init()


@pytest.fixture
def say(capsys):
    """Print a line to the terminal even when pytest captures output: the heavy suites report their
    counts (kills survived, files processed, readers' errors, fuzz cases tried) this way."""

    def line(text: str) -> None:
        with capsys.disabled():
            print(f"\n{text}", flush=True)

    return line
