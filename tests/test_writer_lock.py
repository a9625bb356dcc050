"""One writer at a time: the data root's writer lock, and the Dagster instance's single run slot."""

from __future__ import annotations

import subprocess
import sys
import time

import dagster as dg

from mpo.collection.writer_lock import writer_lock

HOLD = """
import sys, time
from pathlib import Path
from mpo.collection.writer_lock import writer_lock
from mpo.config import MpoHome
with writer_lock(MpoHome(Path(sys.argv[1]))):
    print("held", flush=True)
    time.sleep(1.5)
    (Path(sys.argv[1]) / "released").write_text("yes")
"""


def test_a_second_writer_waits_until_the_first_has_finished(home):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(home.root)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    asked = time.monotonic()
    with writer_lock(home):
        assert (home.root / "released").exists(), "got the lock while another writer held it"
        waited = time.monotonic() - asked
    holder.wait(10)
    assert waited > 0.5  # it waited for the holder rather than failing or barging in


def test_a_killed_writer_leaves_no_stale_lock(home):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(home.root)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait(10)
    with writer_lock(home):  # the kernel released it with the process: no clean-up needed
        assert not (home.root / "released").exists()


def test_the_dagster_instance_runs_one_run_at_a_time(home):
    with dg.DagsterInstance.from_config(str(home.root / "dagster")) as instance:
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 1
