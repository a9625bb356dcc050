"""The seven measures of issue 8, one module each; ``REGISTRY`` runs them in the order of the issue."""

from __future__ import annotations

from collections.abc import Callable

from mpo.bench.context import BenchContext
from mpo.bench.figures import Measure
from mpo.bench.measures import (
    baseline,
    dashboard,
    full_sector,
    new_return,
    parse_floor,
    scaling,
    throughput,
)

REGISTRY: dict[str, Callable[[BenchContext], Measure]] = {
    "parse_floor": parse_floor.measure,
    "throughput": throughput.measure,
    "full_sector": full_sector.measure,
    "new_return": new_return.measure,
    "scaling": scaling.measure,
    "dashboard": dashboard.measure,
    "baseline": baseline.measure,
}
