"""Measure 7: MPO's validation against a naive one (pandas + pandera, a file at a time) on a sample."""

from __future__ import annotations

import random
import time
from datetime import datetime
from pathlib import Path

from mpo.bench.context import BenchContext
from mpo.bench.figures import Measure, at_least
from mpo.bench.naive import naive_validation
from mpo.bench.sectors import landing_paths
from mpo.collection.validate import ReceivedReturn, validate_returns
from mpo.reference import load_reference
from mpo.returns.naming import parse_return_name

# The brief sets no number: ours should simply not be slower than the obvious implementation.
TARGET_RATIO = 1.0


def measure(ctx: BenchContext) -> Measure:
    sector = ctx.sector()
    sample = _sample(landing_paths(sector.source), ctx.sizes.naive_sample)
    ctx.progress(f"naive validation of {len(sample)} files")
    naive_seconds, naive_failures = naive_validation(sample)
    ctx.progress(f"MPO validation of the same {len(sample)} files")
    ours_seconds, ours_issues = _ours(sample, sector.source.reference)
    naive_rate, ours_rate = len(sample) / naive_seconds, len(sample) / ours_seconds
    return Measure(
        "baseline", "Baseline: naive pandas + pandera validation vs MPO's (read + validate, same files)",
        [at_least("MPO speed / naive speed", ours_rate / naive_rate, TARGET_RATIO, "×",
                  f"{ours_rate:.0f} vs {naive_rate:.1f} returns/s on {len(sample)} files")],
        details={"sample": len(sample), "naive_seconds": naive_seconds, "naive_failure_cases": naive_failures,
                 "ours_seconds": ours_seconds, "ours_issues": ours_issues},
    )


def _sample(paths: list[Path], size: int) -> list[Path]:
    """A seeded sample of the returns whose names parse (FILE02 files are never validated by MPO)."""
    named = [path for path in paths if parse_return_name(path.name)]
    return sorted(random.Random(8).sample(named, min(size, len(named))))


def _ours(paths: list[Path], reference_folder: Path) -> tuple[float, int]:
    reference = load_reference(reference_folder)
    returns = [ReceivedReturn(seq, path.name, path, datetime.now(), parse_return_name(path.name))
               for seq, path in enumerate(paths, start=1)]
    started = time.perf_counter()
    result = validate_returns(returns, reference)
    return time.perf_counter() - started, len(result.issues)
