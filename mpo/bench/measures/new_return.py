"""Measure 4: one new return landing on top of the full sector, through process_landing and the daemon."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from mpo.bench.child import run_child
from mpo.bench.context import BenchContext
from mpo.bench.daemon import running_daemon, wait_for_sensor
from mpo.bench.figures import Measure, at_most
from mpo.bench.new_file import (
    drop,
    published_includes,
    received_at,
    report_path,
    resubmission,
    submission_id_of,
)
from mpo.config import MpoHome

TARGET_REPORT_SECONDS = 2.0
TARGET_PUBLISHED_SECONDS = 15.0
TARGET_DAEMON_SECONDS = 30.0
DAEMON_TIMEOUT_SECONDS = 180.0


def measure(ctx: BenchContext) -> Measure:
    _, home, _ = ctx.process_run()
    result = Measure("new_return", "One new return on top of the full sector")
    new = resubmission(home, datetime.now() - timedelta(seconds=5))
    drop(home, new)
    ctx.progress(f"one new return through process_landing ({new.file_name})")
    run = run_child("mpo.bench.tasks:process_home", ctx.work / "new-return.log",
                    env={"MPO_HOME": str(home.root)}, root=str(home.root))
    submission_id = submission_id_of(home, new.file_name)
    if not run.result["ok"] or submission_id is None or not published_includes(home, submission_id):
        raise RuntimeError(f"the new return was not published: {run.result['lines']}")
    report_at = report_path(home, submission_id).stat().st_mtime
    picked_up = received_at(home, submission_id).timestamp()
    result.figures += [
        at_most("report after pickup", report_at - picked_up, TARGET_REPORT_SECONDS, "s",
                f"{report_at - run.result['started_at']:.1f} s after process_landing started"),
        at_most("published (process_landing)", run.result["finished_at"] - run.result["started_at"],
                TARGET_PUBLISHED_SECONDS, "s", "run start to published warehouse holding it"),
    ]
    result.details["process_landing"] = {"submission_id": submission_id, "lines": run.result["lines"],
                                         "definitions_seconds": run.result["definitions_seconds"]}
    if not ctx.sizes.daemon:
        result.skip("published (sensor + daemon)", "--quick skips the daemon")
        return result
    ctx.progress("one new return through the sensor and dagster-daemon")
    daemon = _through_daemon(ctx, home, not_from={new.ukprn})
    result.details["daemon"] = daemon
    if "published_seconds" in daemon:
        result.figures.append(at_most("published (sensor + daemon)", daemon["published_seconds"],
                                      TARGET_DAEMON_SECONDS, "s", "file appears to published warehouse"))
    else:
        result.skip("published (sensor + daemon)", daemon["failure"])
    return result


def _through_daemon(ctx: BenchContext, home: MpoHome, not_from: set[int]) -> dict:
    """Times from a file appearing in landing to its report and to the published warehouse holding it."""
    log = ctx.work / "dagster-daemon.log"
    timings: dict = {"log": str(log)}
    with running_daemon(home, log) as process:
        if not wait_for_sensor(process, log, timeout=120):
            return timings | {"failure": f"the daemon never evaluated the landing sensor (see {log})"}
        new = resubmission(home, datetime.now() - timedelta(seconds=5), not_from)
        appeared = time.time()
        drop(home, new)
        submission_id = None
        deadline = appeared + DAEMON_TIMEOUT_SECONDS
        while time.time() < deadline and process.poll() is None:
            submission_id = submission_id or submission_id_of(home, new.file_name)
            if submission_id is not None:
                if "received_seconds" not in timings:
                    timings["received_seconds"] = received_at(home, submission_id).timestamp() - appeared
                if "report_seconds" not in timings and report_path(home, submission_id).exists():
                    timings["report_seconds"] = report_path(home, submission_id).stat().st_mtime - appeared
                if published_includes(home, submission_id):
                    timings["published_seconds"] = time.time() - appeared
                    return timings
            time.sleep(0.25)
    return timings | {"failure": f"not published within {DAEMON_TIMEOUT_SECONDS:.0f} s (see {log})"}
