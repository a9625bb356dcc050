"""Run one benchmark task in a fresh Python process and measure it from outside.

A fresh process per stage keeps one stage's imports, caches and heap out of the next one's
figures, and lets the parent sample the whole process tree (the pipeline and its dbt
subprocess). The task reports its own timings; the parent adds the peak memory.

Child side: ``python -m mpo.bench.child module:function KWARGS_JSON RESULT_PATH``.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mpo.bench.memory import PeakTreeMemory


class ChildFailed(RuntimeError):
    """A benchmark task failed in its process; the message ends with its log."""


@dataclass(frozen=True)
class ChildRun:
    result: dict[str, Any]  # what the task returned
    wall_seconds: float  # the whole child, interpreter start and imports included
    peak_tree_bytes: int  # sampled sum over the process tree
    peak_single_bytes: int  # largest single process (getrusage), a cross-check on the sampler


def run_child(task: str, log: Path, env: dict[str, str] | None = None, **kwargs: Any) -> ChildRun:
    """Run ``task`` ("module:function") with ``kwargs`` (JSON-able) in a child; output goes to ``log``."""
    result_path = log.with_suffix(".result.json")
    result_path.unlink(missing_ok=True)
    command = [sys.executable, "-m", "mpo.bench.child", task, json.dumps(kwargs), str(result_path)]
    started = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                                   env={**os.environ, **(env or {})})
        with PeakTreeMemory(process.pid) as memory:
            code = process.wait()
    wall = time.perf_counter() - started
    if code != 0 or not result_path.exists():
        tail = log.read_text(errors="replace")[-3000:]
        raise ChildFailed(f"{task} exited with {code}; last of {log}:\n{tail}")
    payload = json.loads(result_path.read_text())
    single = max(payload.pop("_maxrss_self_kb"), payload.pop("_maxrss_children_kb")) * 1024
    return ChildRun(payload, wall, max(memory.peak_bytes, single), single)


def _main(task: str, kwargs: str, result_path: str) -> None:
    module_name, function_name = task.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    result = dict(function(**json.loads(kwargs)))
    result["_maxrss_self_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["_maxrss_children_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    Path(result_path).write_text(json.dumps(result, default=str))


if __name__ == "__main__":
    _main(*sys.argv[1:4])
