"""What the measures share in one run: sizes, the work folder, generated sectors and costly runs.

Several measures look at the same run (the collection path of the default sector serves the
parse floor, throughput and the 1x point of scaling), so each costly run happens once.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from mpo.bench.child import ChildRun, run_child
from mpo.bench.sectors import Sector, SectorCache
from mpo.config import MpoHome

THREE_YEARS = ("2023-24", "2024-25", "2025-26")
FIVE_YEARS = ("2021-22", "2022-23", *THREE_YEARS)


@dataclass(frozen=True)
class Sizes:
    """How big each measure runs: the full benchmark, or ``--quick`` (small, no 10x, no daemon)."""

    providers: int  # "1x", the default sector
    years: tuple[str, ...]  # of the sectors of measures 1-5 and 7
    dashboard_years: tuple[str, ...]  # of the dashboard's sector (measure 6)
    scale_factors: tuple[int, ...]
    naive_sample: int
    daemon: bool
    browser_loads: int  # loads per page; the first of a page warms Streamlit's script cache
    full_path_scaling: bool  # also run process_landing at each scale

    @classmethod
    def full(cls) -> Sizes:
        return cls(providers=1500, years=THREE_YEARS, dashboard_years=FIVE_YEARS, scale_factors=(1, 3, 10),
                   naive_sample=300, daemon=True, browser_loads=3, full_path_scaling=True)

    @classmethod
    def quick(cls) -> Sizes:
        # five years throughout, so one processed sector serves measures 3, 4 and 6 (one dbt build fewer)
        return cls(providers=80, years=FIVE_YEARS, dashboard_years=FIVE_YEARS, scale_factors=(1, 3),
                   naive_sample=40, daemon=False, browser_loads=2, full_path_scaling=False)


@dataclass
class BenchContext:
    work: Path
    sizes: Sizes
    sectors: SectorCache = field(init=False)
    _collection_runs: dict[int, tuple[MpoHome, ChildRun]] = field(default_factory=dict)
    _process_runs: dict[tuple[int, tuple[str, ...]], tuple[MpoHome, ChildRun]] = field(default_factory=dict)
    _started: float = field(default_factory=time.perf_counter)

    def __post_init__(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        self.sectors = SectorCache(self.work)

    def progress(self, message: str) -> None:
        print(f"[bench {time.perf_counter() - self._started:6.1f}s] {message}", file=sys.stderr, flush=True)

    def sector(self, factor: int = 1, years: tuple[str, ...] | None = None) -> Sector:
        providers, years = self.sizes.providers * factor, years or self.sizes.years
        self.progress(f"sector of {providers} providers x {len(years)} years")
        return self.sectors.sector(providers, years)

    def collection_run(self, factor: int = 1) -> tuple[Sector, MpoHome, ChildRun]:
        """receive_landing + collect over a fresh copy of the sector, in its own process."""
        sector = self.sector(factor)
        if factor not in self._collection_runs:
            home = self.sectors.fresh_home(sector, f"collect-{factor}x")
            self.progress(f"collection path over {sector.files} files ({factor}x)")
            run = run_child("mpo.bench.tasks:collect_landing", self.work / f"collect-{factor}x.log",
                            root=str(home.root))
            self._collection_runs[factor] = (home, run)
        return (sector, *self._collection_runs[factor])

    def process_run(
        self, factor: int = 1, years: tuple[str, ...] | None = None
    ) -> tuple[Sector, MpoHome, ChildRun]:
        """process_landing (the Dagster job, dbt included) over a fresh copy of a sector, in a process."""
        sector = self.sector(factor, years)
        key = (factor, sector.years)
        if key not in self._process_runs:
            label = f"process-{factor}x{len(sector.years)}y"
            home = self.sectors.fresh_home(sector, label)
            self.progress(f"process_landing over {sector.files} files ({factor}x, {len(sector.years)} years)")
            log = self.work / f"{label}.log"
            run = run_child("mpo.bench.tasks:process_home", log, env={"MPO_HOME": str(home.root)},
                            root=str(home.root))
            if not run.result["ok"]:
                raise RuntimeError(f"process_landing failed: {run.result['lines']}")
            self._process_runs[key] = (home, run)
        return (sector, *self._process_runs[key])
