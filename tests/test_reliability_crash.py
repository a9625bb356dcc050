"""Crash safety: the run is killed (SIGKILL, no clean-up) at each of many points, then run again.

After each kill the published warehouse still opens and is a complete earlier snapshot (the one
before the run, or the run's own when the kill came after publishing); the next `mpo process`
converges to what an uninterrupted run publishes; no received file is lost or taken twice.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.reliability_sector import (
    assert_each_file_once,
    copy_home,
    deliver,
    file_statuses,
    held_sector,
    published_rows,
    run_mpo,
    warehouse_rows,
)

pytestmark = pytest.mark.slow

# <checkpoint>:<n-th call> (see mpo/faults.py and docs/reliability.md). Each pair is one history: the run
# is killed at the first point, the run after it (the recovery) at the second, and a third run must
# converge. So every kill is followed by a rerun, and recovery itself is shown to survive a kill.
KILL_PAIRS = [
    ("archive.copy:1", "warehouse.staged:1"),
    ("archive.copy:4", "dbt.event:2"),
    ("archive.renamed:2", "dbt.event:100"),
    ("journal.append:1", "dbt.event:200"),
    ("receive.journalled:1", "audit.receipts:1"),
    ("audit.receipts:1", "publish.extracts:1"),
    ("collect.validating:1", "publish.snapshot:1"),
    ("collect.decided:1", "publish.stable_name:1"),
    ("journal.marker:1", "publish.pointer:1"),
    ("collect.reported:1", "audit.published:1"),
    ("collect.loaded:1", "audit.decisions:1"),
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """A home whose first batch is processed and published, with the second batch held back; and what an
    uninterrupted run of the second batch publishes."""
    root = tmp_path_factory.mktemp("crash")
    template, batches = held_sector(root / "template", providers=12, batches=2)
    deliver(template, batches[0])
    assert run_mpo(template, "process").returncode == 0
    clean = copy_home(template, root / "clean")
    deliver(clean, batches[1])
    assert run_mpo(clean, "process").returncode == 0
    return template, batches[1], published_rows(template), published_rows(clean), file_statuses(clean)


def kill_twice_and_recover(runs, root, points: tuple[str, ...]) -> int:
    template, second, before, after, statuses = runs
    home = copy_home(template, root / "-".join(points).replace(":", "_"))
    deliver(home, second)
    for point in points:
        killed = run_mpo(home, "process", fault=point)
        assert killed.returncode == -9, f"{point} never reached: {killed.returncode}\n{killed.stderr[-2000:]}"
        assert published_rows(home) in (before, after), f"after {point}: no snapshot published"
        assert warehouse_rows(home.warehouse) in (before, after)
    again = run_mpo(home, "process")
    assert again.returncode == 0, f"after {points}: {again.stdout[-2000:]}{again.stderr[-2000:]}"
    assert file_statuses(home) == statuses, f"after {points} the statuses differ"
    assert published_rows(home) == after, f"after {points} the warehouse differs"
    return assert_each_file_once(home)


def test_a_run_killed_anywhere_leaves_a_snapshot_and_the_next_run_converges(runs, tmp_path, say):
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:  # CI has two cores; each run is one process
        files = list(pool.map(lambda points: kill_twice_and_recover(runs, tmp_path, points), KILL_PAIRS))
    kills = [point for pair in KILL_PAIRS for point in pair]
    checkpoints = {point.split(":")[0] for point in kills}
    assert len(set(kills)) >= 20
    say(f"crash safety: {len(kills)} kills survived at {len(set(kills))} distinct points of "
        f"{len(checkpoints)} checkpoints, {sum(files)} submissions checked exactly once, "
        f"in {time.perf_counter() - started:.0f} s")
