"""The submission plan: which files each provider-year sends, when, and what is wrong with them.

Per provider-year: usually one valid return; a share sends a faulty return first (one ERROR rule
each, every rule represented) and usually a corrected resubmission later; some send a draft then
a final; a few files are sent twice (exact duplicates). Out-of-order files (an older draft that
arrives after the final) and re-sent copies under the same name go to the late batch: within one
batch the pipeline takes a provider-year's files in timestamp order, so an older file only ends
STALE when it is processed in a later batch than the newer one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from mpo.sector.faults import CORRECTABLE_ERRORS, WARNING_FAULTS
from mpo.sector.population import Population, Provider
from mpo.sector.windows import not_yet_open_year, submission_period, year_start

LANDING, LATE = "landing", "late"
RESUBMIT_AFTER_FAULT = 0.85
DRAFT_THEN_FINAL = 0.08
WARNING_SHARE = 0.06
DUPLICATE_SHARE = 0.02
LATE_DRAFT_SHARE = 0.02
LATE_COPY_SHARE = 0.01


@dataclass(frozen=True)
class PlannedFile:
    provider: Provider
    year: str
    stamp: datetime  # the file-name timestamp
    version: str  # final, draft or faulty
    kind: str  # first, resubmission, faulty, duplicate, out_of_order, late_copy
    batch: str = LANDING
    error: str | None = None
    warning: str | None = None
    copy_of: int | None = None  # index of the planned file whose bytes this one repeats
    copy_name: str | None = None  # same, stamp or suffix: how a copy is named


def plan_sector(
    population: Population, years: list[str], seed: int, faulty_share: float, generated_at: datetime
) -> list[PlannedFile]:
    """Every file the sector sends, in the order written; copies point back at their originals."""
    rng = random.Random(f"plan-{seed}")
    provider_years = [(p, y) for y in years for p in population.providers if p.active_in(y)]
    faulty = _faulty_rules(rng, len(provider_years), faulty_share)
    warnings = _cycle(rng, sorted(WARNING_FAULTS))
    plan: list[PlannedFile] = []
    for index, (provider, year) in enumerate(provider_years):
        versions = _versions(rng, faulty.get(index))
        late = "final" in versions and rng.random() < LATE_DRAFT_SHARE
        stamps = _stamps(rng, *submission_period(year, generated_at), len(versions) + late)
        if late:
            plan.append(PlannedFile(provider, year, stamps.pop(0), "draft", "out_of_order", LATE))
        for position, (version, stamp) in enumerate(zip(versions, stamps, strict=True)):
            kind = "faulty" if version == "faulty" else "resubmission" if position else "first"
            warning = next(warnings) if version == "final" and rng.random() < WARNING_SHARE else None
            plan.append(
                PlannedFile(
                    provider,
                    year,
                    stamp,
                    version,
                    kind,
                    error=faulty.get(index) if version == "faulty" else None,
                    warning=warning,
                )
            )
    plan += _never_valid(rng, population, years, faulty_share, generated_at)
    return plan + _copies(rng, plan, generated_at)


def _faulty_rules(rng: random.Random, provider_years: int, share: float) -> dict[int, str]:
    """Provider-year index → the ERROR rule its first file breaks; at least one of each rule."""
    if share <= 0 or not provider_years:
        return {}
    count = min(provider_years, max(len(CORRECTABLE_ERRORS), round(share * provider_years)))
    rules = _cycle(rng, list(CORRECTABLE_ERRORS))
    return {index: next(rules) for index in sorted(rng.sample(range(provider_years), count))}


def _cycle(rng: random.Random, items: list[str]):
    """Endless rounds of ``items``, each round shuffled: every item shows before any repeats."""
    while True:
        round_ = list(items)
        rng.shuffle(round_)
        yield from round_


def _versions(rng: random.Random, error: str | None) -> list[str]:
    if error:
        return ["faulty", "final"] if rng.random() < RESUBMIT_AFTER_FAULT else ["faulty"]
    return ["draft", "final"] if rng.random() < DRAFT_THEN_FINAL else ["final"]


def _stamps(rng: random.Random, start: datetime, end: datetime, count: int) -> list[datetime]:
    """``count`` distinct, increasing whole-second times in [start, end]."""
    seconds = rng.sample(range(int((end - start).total_seconds())), count)
    return [start + timedelta(seconds=s) for s in sorted(seconds)]


def _never_valid(
    rng: random.Random, population: Population, years: list[str], share: float, generated_at: datetime
) -> list[PlannedFile]:
    """SUB01 (unknown UKPRN, or a provider closed before the year) and SUB04 (a year not yet open)."""
    if share <= 0:
        return []
    files = []
    templates = rng.sample(population.providers, 3)
    for template, ukprn in zip(templates, population.unknown_ukprns, strict=False):
        year = rng.choice(years)
        stranger = replace(template, ukprn=ukprn, close_date=None, partnerships=())
        files.append(_one_off(rng, stranger, year, "SUB01", *submission_period(year, generated_at)))
    closed = [
        (p, y)
        for p in population.providers
        for y in years
        if p.close_date is not None and p.close_date < year_start(y)
    ]
    for provider, year in rng.sample(closed, min(2, len(closed))):
        files.append(_one_off(rng, provider, year, "SUB01", *submission_period(year, generated_at)))
    future = not_yet_open_year(generated_at)
    for provider in rng.sample([p for p in population.providers if p.active_in(years[-1])], 3):
        early = replace(provider, staff={**provider.staff, future: provider.staff[years[-1]]})
        latest = generated_at - timedelta(hours=1)
        files.append(_one_off(rng, early, future, "SUB04", latest - timedelta(days=30), latest))
    return files


def _one_off(
    rng: random.Random, provider: Provider, year: str, error: str, start: datetime, end: datetime
) -> PlannedFile:
    return PlannedFile(provider, year, _stamps(rng, start, end, 1)[0], "faulty", "faulty", error=error)


def _copies(rng: random.Random, plan: list[PlannedFile], generated_at: datetime) -> list[PlannedFile]:
    """Exact duplicates: re-sent under a new timestamp or a " (1)" name, or the same name later."""
    copies = []
    for index, original in enumerate(plan):
        if original.batch != LANDING:
            continue
        if rng.random() < DUPLICATE_SHARE:
            later = min(
                original.stamp + timedelta(minutes=rng.randint(5, 2880)), generated_at - timedelta(minutes=30)
            )
            copies.append(
                replace(
                    original,
                    stamp=later,
                    kind="duplicate",
                    copy_of=index,
                    copy_name=rng.choice(("stamp", "suffix")),
                )
            )
        elif original.version == "final" and rng.random() < LATE_COPY_SHARE:
            copies.append(replace(original, kind="late_copy", batch=LATE, copy_of=index, copy_name="same"))
    return copies
