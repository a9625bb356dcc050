"""`mpo bench`: run the chosen measures in a temporary data root, print the table, write bench.json."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import traceback
from dataclasses import asdict
from pathlib import Path
from typing import Any

from mpo.bench.context import BenchContext, Sizes
from mpo.bench.figures import Measure
from mpo.bench.machine import describe_machine, machine_facts
from mpo.bench.measures import REGISTRY
from mpo.bench.table import markdown_table


class UnknownMeasure(ValueError):
    pass


def choose(only: str | None) -> list[str]:
    """The measures to run, in the issue's order; ``only`` is a comma-separated list of names."""
    if not only:
        return list(REGISTRY)
    wanted = [name.strip() for name in only.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in REGISTRY]
    if unknown:
        raise UnknownMeasure(f"unknown measure(s) {', '.join(unknown)}; choose from {', '.join(REGISTRY)}")
    return [name for name in REGISTRY if name in wanted]


def run_bench(quick: bool, output: Path, only: str | None = None, keep: bool = False) -> dict[str, Any]:
    names = choose(only)
    sizes = Sizes.quick() if quick else Sizes.full()
    work = Path(tempfile.mkdtemp(prefix="mpo-bench-"))
    context = BenchContext(work, sizes)
    started, load_at_start = time.perf_counter(), os.getloadavg()  # other work on the machine skews figures
    measures: dict[str, dict[str, Any]] = {}
    try:
        for name in names:
            context.progress(f"measure {name}")
            measures[name] = _run_measure(context, name)
    finally:
        if keep:
            context.progress(f"work folder kept at {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    facts = machine_facts() | {"load_average_at_start": load_at_start, "load_average_at_end": os.getloadavg()}
    report = {"mode": "quick" if quick else "full", "machine": facts,
              "machine_summary": describe_machine(facts), "sizes": asdict(sizes),
              "seconds": time.perf_counter() - started, "sectors": context.sectors.described(),
              "measures": measures}
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    return report


def _run_measure(context: BenchContext, name: str) -> dict[str, Any]:
    """One measure; a failure is recorded against it, so the others still report."""
    try:
        return REGISTRY[name](context).to_json()
    except Exception as error:  # the benchmark reports what it could measure, and why the rest failed
        context.progress(f"measure {name} failed: {error}")
        failed = Measure(name, name).to_json()
        return failed | {"error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc()}


def summary(report: dict[str, Any]) -> str:
    figures = [f for m in report["measures"].values() for f in m["figures"]]
    met = sum(f["met"] for f in figures)
    return (f"{markdown_table(report)}\n\n{met} of {len(figures)} targets met "
            f"({report['mode']} run, {report['seconds']:.0f} s). Machine: {report['machine_summary']}")
