"""Measure 1: the full collection path against the parse floor, on the same files."""

from __future__ import annotations

from mpo.bench.context import BenchContext
from mpo.bench.figures import Measure, at_most
from mpo.bench.floor import parse_floor
from mpo.bench.sectors import landing_paths

TARGET_RATIO = 3.0


def measure(ctx: BenchContext) -> Measure:
    sector, _, run = ctx.collection_run()
    ctx.progress(f"parse floor over {sector.files} files")
    floor_seconds, cells = parse_floor(landing_paths(sector.source))
    full_seconds = run.result["seconds"]
    return Measure(
        "parse_floor", "Parse floor: full path (archive → validate → load) vs reading every cell",
        [at_most("full path / parse floor", full_seconds / floor_seconds, TARGET_RATIO, "×",
                 f"{full_seconds:.1f} s vs {floor_seconds:.1f} s, {sector.files} files")],
        details={"files": sector.files, "cells": cells, "floor_seconds": floor_seconds,
                 "full_path_seconds": full_seconds, "receive_seconds": run.result["receive_seconds"],
                 "collect_seconds": run.result["collect_seconds"]},
    )
