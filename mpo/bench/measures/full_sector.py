"""Measure 3: the default sector from landing to a published, tested warehouse via process_landing."""

from __future__ import annotations

from mpo.bench.context import BenchContext
from mpo.bench.figures import Measure, at_most

TARGET_SECONDS = 60.0
TARGET_MEMORY_GB = 2.0


def measure(ctx: BenchContext) -> Measure:
    sector, _, run = ctx.process_run()
    seconds = run.result["seconds"]
    return Measure(
        "full_sector",
        f"Full sector ({sector.providers} providers, {len(sector.years)} years): landing → published",
        [at_most("wall time", seconds, TARGET_SECONDS, "s",
                 f"{sector.files} files; +{run.result['definitions_seconds']:.1f} s loading the definitions"),
         at_most("peak memory (process tree)", run.peak_tree_bytes / 1e9, TARGET_MEMORY_GB, "GB",
                 f"largest single process {run.peak_single_bytes / 1e9:.2f} GB")],
        details={"files": sector.files, "process_landing_seconds": seconds,
                 "definitions_seconds": run.result["definitions_seconds"],
                 "child_wall_seconds": run.wall_seconds,
                 "peak_tree_bytes": run.peak_tree_bytes, "peak_single_process_bytes": run.peak_single_bytes,
                 "outcome": run.result["lines"]},
    )
