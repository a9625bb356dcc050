"""Measure 2: returns a second through archive, parse, validate and load (mixed xlsx/zip, 10% faulty)."""

from __future__ import annotations

from mpo.bench.context import BenchContext
from mpo.bench.figures import Measure, at_least

TARGET_PER_SECOND = 250.0


def measure(ctx: BenchContext) -> Measure:
    sector, _, run = ctx.collection_run()
    files, seconds = run.result["files"], run.result["seconds"]
    return Measure(
        "throughput", "Validation throughput (archive + parse + validate + load)",
        [at_least("returns per second", files / seconds, TARGET_PER_SECOND, "returns/s",
                  f"{files} returns in {seconds:.1f} s")],
        details={"files": files, "seconds": seconds, "statuses": run.result["statuses"],
                 "landing_mb": sector.landing_bytes / 1e6, "peak_memory_gb": run.peak_tree_bytes / 1e9},
    )
