"""The stages a benchmark times, each run in its own process by ``mpo.bench.child``.

Timings are taken around the stage itself: the interpreter start and imports are the child's
wall time, reported beside them.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from mpo.config import MpoHome


def collect_landing(root: str) -> dict[str, Any]:
    """The collection path: archive, decide, parse, validate, load and report every landing file."""
    from mpo.collection.collect import collect
    from mpo.collection.receive import receive_landing

    home = MpoHome(Path(root)).init()
    started = time.perf_counter()
    receipts = receive_landing(home, settle_seconds=0)
    received = time.perf_counter()
    summary = collect(home)
    finished = time.perf_counter()
    return {"files": len(receipts), "receive_seconds": received - started,
            "collect_seconds": finished - received, "seconds": finished - started,
            "statuses": dict(summary.statuses)}


def process_home(root: str) -> dict[str, Any]:
    """The whole job through ``process_landing``: landing to published warehouse, dbt included."""
    loading = time.perf_counter()
    import pipelines.definitions  # noqa: F401  (loaded once by a long-running service, so timed apart)
    from pipelines.run import process_landing

    home = MpoHome(Path(root)).init()
    definitions_seconds = time.perf_counter() - loading
    started_at = time.time()
    started = time.perf_counter()
    outcome = process_landing(home, settle_seconds=0)
    finished = time.perf_counter()
    return {"ok": outcome.ok, "seconds": finished - started, "started_at": started_at,
            "finished_at": time.time(), "definitions_seconds": definitions_seconds,
            "lines": outcome.lines}
