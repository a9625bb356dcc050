"""The machine a benchmark ran on: figures mean little without it."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = ("duckdb", "dagster", "dagster-dbt", "dbt-core", "dbt-duckdb", "pandera", "pandas", "pyarrow",
            "python-calamine", "streamlit")


def machine_facts() -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "hostname": platform.node(),
        "platform": platform.platform(),
        "cpu_model": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "memory_gb": round(_meminfo_kb("MemTotal") / 1024**2, 1),
        "python": platform.python_version(),
        "versions": {name: _version(name) for name in PACKAGES},
    }


def describe_machine(facts: dict[str, Any]) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in facts["versions"].items())
    load = facts.get("load_average_at_start")
    shared = f"; load average {load[0]:.1f} at start" if load else ""
    return (f"{facts['cpu_model']} ({facts['cpus_usable']} CPUs usable), {facts['memory_gb']} GB RAM, "
            f"{facts['platform']}, Python {facts['python']}; {versions}; run {facts['date']}{shared}")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _meminfo_kb(key: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0
