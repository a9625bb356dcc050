"""Write a synthetic sector into MPO_HOME: the funder's reference files and every provider's returns.

Layout: ``reference/`` (spec section 2), ``landing/`` (returns as sent), and the generator's own
``sector/``: ``manifest.json`` (see ``mpo.sector.manifest``) and ``late/``, files that arrive after
the first batch has been processed (``deliver_late_arrivals``, ``mpo generate --deliver-late``).
Same seed and generation time, same bytes: each provider-year draws from its own seeded stream and
zip members carry the file's own timestamp. FILE03 (a file over 20 MB) is written only when
``oversize=True``: it would double the size of the default sector for one rule.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from mpo.config import MpoHome
from mpo.returns.naming import format_return_name, parse_return_name
from mpo.sector.faults import FaultContext, Faulted, bad_return_name, inject, oversize
from mpo.sector.manifest import WrittenFile, set_expected_statuses, write_manifest
from mpo.sector.plan import LANDING, PlannedFile, plan_sector
from mpo.sector.population import Population, build_population
from mpo.sector.reference_files import write_reference
from mpo.sector.render import Layout, file_mtime, render_container
from mpo.sector.returns import Parts, ReturnContext, build_return, draft_of
from mpo.sector.windows import academic_year, check_years

DEFAULT_YEARS = ("2023-24", "2024-25", "2025-26")


def sector_folder(home: MpoHome) -> Path:
    return home.root / "sector"


def late_folder(home: MpoHome) -> Path:
    return sector_folder(home) / "late"


def manifest_path(home: MpoHome) -> Path:
    return sector_folder(home) / "manifest.json"


@dataclass
class GenerationSummary:
    home: MpoHome
    providers: int
    years: list[str]
    files: list[WrittenFile]
    population: Population
    seconds: float

    def count(self, **match: object) -> int:
        return sum(all(getattr(f, key) == value for key, value in match.items()) for f in self.files)

    def describe(self) -> str:
        """A short human summary of what was written."""
        return (
            f"Generated {self.providers} providers for {', '.join(self.years)}: {len(self.files)} returns "
            f"({self.count(container='xlsx')} xlsx, {self.count(container='zip')} zip; "
            f"{self.count(batch='late')} held back as late arrivals), "
            f"{sum(bool(f.errors) for f in self.files)} faulty, {self.count(kind='resubmission')} "
            f"resubmissions, {self.count(kind='duplicate') + self.count(kind='late_copy')} duplicates, "
            f"{self.count(kind='out_of_order')} out-of-order, in {self.seconds:.1f} s"
        )


def generate_sector(
    home: MpoHome,
    providers: int = 1500,
    years: list[str] | None = None,
    seed: int = 2026,
    faulty_share: float = 0.1,
    progress: bool = False,
    generated_at: datetime | None = None,
    include_oversize: bool = False,
) -> GenerationSummary:
    """Write the sector's reference data, returns and manifest; ``generated_at`` defaults to now."""
    started = time.perf_counter()
    years = list(years or DEFAULT_YEARS)
    generated_at = (generated_at or datetime.now()).replace(microsecond=0)
    if providers < 1:
        raise ValueError(f"a sector needs at least 1 provider, not {providers}")
    if not 0 <= faulty_share <= 1:
        raise ValueError(f"the faulty share is a fraction from 0 to 1, not {faulty_share}")
    check_years(years, generated_at)
    population = build_population(providers, years, seed)
    write_reference(home.reference, population, years, generated_at)
    plan = plan_sector(population, years, seed, faulty_share, generated_at)
    shutil.rmtree(late_folder(home), ignore_errors=True)
    copied = {planned.copy_of for planned in plan if planned.copy_of is not None}
    writer = _Writer(home, population, seed, generated_at, copied)
    for index, planned in enumerate(plan):
        writer.write(index, planned)
        if progress and (index % 250 == 0 or index == len(plan) - 1):
            print(f"\rwriting returns: {index + 1}/{len(plan)}", end="", file=sys.stderr, flush=True)
    if include_oversize:
        writer.write_oversize(plan[0])
    if progress:
        print(file=sys.stderr)
    set_expected_statuses(writer.files)
    header = {
        "seed": seed,
        "providers": providers,
        "years": years,
        "faulty_share": faulty_share,
        "generated_at": generated_at.isoformat(),
        "late_folder": "sector/late",  # relative to MPO_HOME, so the manifest is reproducible too
    }
    write_manifest(manifest_path(home), header, writer.files)
    return GenerationSummary(home, providers, years, writer.files, population, time.perf_counter() - started)


def deliver_late_arrivals(home: MpoHome) -> list[str]:
    """Move the late files into landing (in name order, each with a fresh mtime); returns their names."""
    names = sorted(path.name for path in late_folder(home).glob("MPR*")) if late_folder(home).exists() else []
    base = time.time_ns()
    for offset, name in enumerate(names):
        temporary = home.landing / f".{name}.part"  # hidden: receive skips it until renamed
        shutil.copyfile(late_folder(home) / name, temporary)
        os.utime(temporary, ns=(base + offset * 1000, base + offset * 1000))
        os.replace(temporary, home.landing / name)
    return names


class _Writer:
    """Builds each planned file from its provider-year's valid return and writes it where it belongs."""

    def __init__(
        self, home: MpoHome, population: Population, seed: int, generated_at: datetime, copied: set[int]
    ) -> None:
        self.home, self.population, self.seed, self.generated_at = home, population, seed, generated_at
        self.copied = copied  # indices of planned files whose bytes are sent again: kept in memory
        self.funder = population.funder_index()
        self.valid: dict[tuple[int, str], Parts] = {}
        self.files: list[WrittenFile] = []
        self.by_index: dict[int, tuple[WrittenFile, bytes]] = {}
        self.names: set[str] = set()
        home.landing.mkdir(parents=True, exist_ok=True)
        late_folder(home).mkdir(parents=True, exist_ok=True)

    def write(self, index: int, planned: PlannedFile) -> None:
        if planned.copy_of is not None:
            original, data = self.by_index[planned.copy_of]
            self._emit(
                planned,
                self._copy_name(planned, original),
                original.container,
                data,
                original.parts,
                (),
                (),
                (),
                original.file_name,
                index,
            )
            return
        rng = random.Random(f"{self.seed}-{planned.provider.ukprn}-{planned.year}-{index}")
        faulted = self._content(planned, rng)
        if faulted is None:  # a warning that does not apply to this return: written clean
            planned, faulted = replace(planned, warning=None), Faulted(self._valid(planned))
        container = faulted.container or planned.provider.traits.style.container
        data = render_container(
            faulted.parts, planned.provider.traits.style, container, faulted.layout, planned.stamp
        )
        data = faulted.damage(data) if faulted.damage else data
        name = (
            bad_return_name(planned.provider.ukprn, planned.year, planned.stamp, container, rng)
            if planned.error == "FILE02"
            else format_return_name(planned.provider.ukprn, planned.year, planned.stamp, container)
        )
        self._emit(
            planned,
            name,
            container,
            data,
            faulted.parts,
            tuple(filter(None, [planned.error])),
            tuple(filter(None, [planned.warning])),
            faulted.also_allowed,
            None,
            index,
        )

    def write_oversize(self, template: PlannedFile) -> None:
        """One FILE03 file: a valid return padded past 20 MB."""
        planned = PlannedFile(
            template.provider,
            template.year,
            template.stamp + timedelta(seconds=1),
            "faulty",
            "faulty",
            error="FILE03",
        )
        faulted = oversize(self._valid(planned))
        data = faulted.damage(
            render_container(faulted.parts, planned.provider.traits.style, "zip", Layout(), planned.stamp)
        )
        name = format_return_name(planned.provider.ukprn, planned.year, planned.stamp, "zip")
        self._emit(planned, name, "zip", data, None, ("FILE03",), (), (), None, -1)

    def _valid(self, planned: PlannedFile) -> Parts:
        key = (planned.provider.ukprn, planned.year)
        if key not in self.valid:
            self.valid[key] = build_return(
                ReturnContext(
                    planned.provider,
                    planned.year,
                    self.funder.get(key, {}),
                    key in self.population.unaware,
                    self.generated_at,
                    self.seed,
                )
            )
        return self.valid[key]

    def _content(self, planned: PlannedFile, rng: random.Random) -> Faulted | None:
        valid = self._valid(planned)
        if planned.version == "draft":
            return Faulted(draft_of(valid))
        rule = planned.error or planned.warning
        if rule is None:
            return Faulted(valid)
        other_year = academic_year(int(planned.year[:4]) - 1)
        context = FaultContext(
            planned.provider.ukprn, planned.year, planned.stamp, self.generated_at, other_year
        )
        return inject(rule, valid, rng, context)

    def _copy_name(self, planned: PlannedFile, original: WrittenFile) -> str:
        if planned.copy_name == "same":
            return original.file_name
        if planned.copy_name == "stamp" and original.kind != "faulty":
            stamp = planned.stamp
            while (
                name := format_return_name(original.ukprn, original.year, stamp, original.container)
            ) in self.names:
                stamp += timedelta(seconds=1)
            return name
        stem, _, extension = original.file_name.rpartition(".")
        return f"{stem} (1).{extension}"  # how a browser names a second download of the same file

    def _emit(
        self,
        planned: PlannedFile,
        name: str,
        container: str,
        data: bytes,
        parts: Parts | None,
        errors: tuple,
        warnings: tuple,
        also_allowed: tuple,
        copy_of: str | None,
        index: int,
    ) -> None:
        late = planned.batch != LANDING
        folder = late_folder(self.home) if late else self.home.landing
        (folder / name).write_bytes(data)
        mtime = None
        if not late:
            mtime = file_mtime(planned.stamp) + (300 if planned.copy_name == "suffix" else 0)
            os.utime(folder / name, (mtime, mtime))
        self.names.add(name)
        parsed = parse_return_name(name)
        stamp = parsed.file_timestamp if parsed else planned.stamp
        written = WrittenFile(
            name,
            planned.batch,
            planned.provider.ukprn,
            planned.year,
            container,
            stamp,
            planned.kind,
            hashlib.sha256(data).hexdigest(),
            len(data),
            mtime,
            errors,
            warnings,
            also_allowed,
            copy_of,
            parts,
        )
        self.files.append(written)
        if index in self.copied:
            self.by_index[index] = (written, data)
