"""Measure 5: how time and memory grow with the sector (1x, 3x, 10x the default)."""

from __future__ import annotations

from mpo.bench.child import ChildRun
from mpo.bench.context import BenchContext
from mpo.bench.figures import Figure, Measure, at_most

LINEAR_SLACK = 1.2  # 10x the sector may take up to 12x the time
TARGET_MEMORY_GB = 4.0


def measure(ctx: BenchContext) -> Measure:
    result = Measure("scaling", "Scaling with sector size")
    factors = ctx.sizes.scale_factors
    collection = {factor: ctx.collection_run(factor)[2] for factor in factors}
    result.figures += _growth("collection path", collection)
    result.details["collection_path"] = _points(ctx, collection)
    if ctx.sizes.full_path_scaling:
        full_factors = [factor for factor in factors if factor <= 3]
        full = {factor: ctx.process_run(factor)[2] for factor in full_factors}
        result.figures += _growth("full path", full)
        result.details["full_path"] = _points(ctx, full)
        for factor in factors:
            if factor not in full:
                result.skip(f"full path at {factor}x", "left out to keep the full run under half an hour")
    if 10 not in factors:
        result.skip("10x", "--quick runs small sizes only")
    return result


def _growth(path: str, runs: dict[int, ChildRun]) -> list[Figure]:
    """Time at the largest size over time at 1x, against linear growth; and the memory at that size."""
    top = max(runs)
    ratio = runs[top].result["seconds"] / runs[1].result["seconds"]
    return [
        at_most(f"{path}: time {top}x / 1x", ratio, LINEAR_SLACK * top, "×",
                f"{runs[1].result['seconds']:.1f} s → {runs[top].result['seconds']:.1f} s"),
        at_most(f"{path}: peak memory at {top}x", runs[top].peak_tree_bytes / 1e9, TARGET_MEMORY_GB, "GB"),
    ]


def _points(ctx: BenchContext, runs: dict[int, ChildRun]) -> list[dict]:
    return [{"factor": factor, "providers": ctx.sizes.providers * factor, "seconds": run.result["seconds"],
             "files": run.result.get("files"), "peak_memory_gb": run.peak_tree_bytes / 1e9}
            for factor, run in sorted(runs.items())]
