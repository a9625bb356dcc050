"""Synthetic sectors for the benchmark: each size generated once, then linked into fresh data roots.

Landing files are hard-linked, not copied: MPO never modifies landing, and a link keeps the
file's size and mtime, so every fresh data root sees exactly the files the generator wrote.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from mpo.config import MpoHome
from mpo.sector.generate import generate_sector


@dataclass(frozen=True)
class Sector:
    name: str
    providers: int
    years: tuple[str, ...]
    source: MpoHome  # where it was generated; never processed itself
    files: int
    landing_bytes: int


class SectorCache:
    """Generates a sector on first use and remembers it for the rest of the run."""

    def __init__(self, work: Path, seed: int = 2026) -> None:
        self.work = work
        self.seed = seed
        self._sectors: dict[tuple[int, tuple[str, ...]], Sector] = {}
        self._homes = 0

    def sector(self, providers: int, years: tuple[str, ...]) -> Sector:
        key = (providers, years)
        if key not in self._sectors:
            name = f"sector-{providers}x{len(years)}"
            source = MpoHome(self.work / name).init()
            generate_sector(source, providers=providers, years=list(years), seed=self.seed)
            files = [entry for entry in os.scandir(source.landing) if entry.is_file()]
            self._sectors[key] = Sector(name, providers, years, source, len(files),
                                        sum(entry.stat().st_size for entry in files))
        return self._sectors[key]

    def described(self) -> list[dict]:
        return [{"name": s.name, "providers": s.providers, "years": list(s.years), "files": s.files,
                 "landing_mb": round(s.landing_bytes / 1e6, 1), "seed": self.seed}
                for s in self._sectors.values()]

    def fresh_home(self, sector: Sector, label: str) -> MpoHome:
        """A new data root holding the sector's reference data and landing files, nothing processed."""
        self._homes += 1
        home = MpoHome(self.work / f"home-{self._homes:02d}-{label}").init()
        shutil.copytree(sector.source.reference, home.reference, dirs_exist_ok=True)
        for entry in os.scandir(sector.source.landing):
            if entry.is_file():
                os.link(entry.path, home.landing / entry.name)
        return home


def landing_paths(home: MpoHome) -> list[Path]:
    return sorted(path for path in home.landing.iterdir() if path.is_file() and not path.name.startswith("."))
