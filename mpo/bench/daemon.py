"""The Dagster daemon as production runs it (no `dagster dev`): its landing sensor starts the runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mpo.config import MpoHome

REPO = Path(__file__).resolve().parent.parent.parent
WORKSPACE = REPO / "workspace.yaml"
SENSOR_NAME = "landing_sensor"


@contextmanager
def running_daemon(home: MpoHome, log: Path) -> Iterator[subprocess.Popen]:
    """`dagster-daemon run` for ``home`` in its own session, stopped (with its run workers) on exit."""
    home.init()  # writes the dagster.yaml instance config into DAGSTER_HOME
    env = {**os.environ, "MPO_HOME": str(home.root), "DAGSTER_HOME": str(home.dagster)}
    command = [str(Path(sys.executable).parent / "dagster-daemon"), "run", "-w", str(WORKSPACE)]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        yield process
    finally:
        _stop(process)


def wait_for_sensor(process: subprocess.Popen, log: Path, timeout: float) -> bool:
    """Whether the daemon has evaluated the landing sensor once, so a file dropped now meets a warm sensor."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if SENSOR_NAME in log.read_text(errors="replace"):
            return True
        time.sleep(0.5)
    return False


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the daemon's own process group (its code server and run workers), then SIGKILL."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
