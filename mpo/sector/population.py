"""The funder's view of the synthetic sector: providers, partnerships and allocations (spec section 2).

Calibrated to docs/brief.md: a £30m ITT allocation per year (FE £22.5m, WBL £5.5m, ACL under
£0.5m) shared in proportion to provider size and capped at £100k, a £25k grant to each partnership
lead, and mentor grants of up to £6,000. Pots are per 1,500 providers and scale with the sector.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from mpo.sector.traits import Traits, draw_traits
from mpo.sector.windows import year_end, year_start
from schemas.codes import REGIONS

DEFAULT_SECTOR = 1500

# Share of providers, teaching-staff headcount (median, spread, floor, ceiling) per provider type.
TYPE_SHARES = {"GFE": 0.235, "SFC": 0.065, "ITP": 0.45, "ACL": 0.10, "HEI": 0.05, "PRISON": 0.04, "TSO": 0.06}
STAFF = {
    "GFE": (260, 0.8, 40, 950),
    "SFC": (55, 0.35, 20, 200),
    "ITP": (14, 0.55, 1, 250),
    "ACL": (40, 0.8, 3, 400),
    "HEI": (80, 0.6, 10, 600),
    "PRISON": (15, 0.5, 3, 80),
    "TSO": (8, 0.8, 1, 100),
}
# ITT_ALLOCATION pots per 1,500 providers, in pounds; HEIs are funded elsewhere.
ITT_POTS = {("GFE", "SFC"): 22_500_000, ("ITP",): 5_500_000, ("ACL",): 450_000, ("PRISON", "TSO"): 1_550_000}
ITT_CAP = 100_000
PARTNERSHIP_GRANT = 25_000
MENTOR_GRANT_MAX = 6_000
MENTOR_GRANT_SHARE = 0.12

# Eleven CETT-like partnerships: code, name, home region, type of the lead provider.
PARTNERSHIPS = (
    ("NECETT", "North East CETT", "North East", "GFE"),
    ("SUNCETT", "Sunderland University CETT", "North East", "HEI"),
    ("NWCETT", "North West CETT", "North West", "GFE"),
    ("YHCETT", "Yorkshire and the Humber CETT", "Yorkshire and the Humber", "GFE"),
    ("EMCETT", "East Midlands CETT", "East Midlands", "GFE"),
    ("WMCETT", "West Midlands CETT", "West Midlands", "GFE"),
    ("EECETT", "Eastern CETT", "East of England", "GFE"),
    ("LONCETT", "London CETT", "London", "HEI"),
    ("WESTMINSTER", "Westminster Partnership CETT", "London", "HEI"),
    ("SECETT", "South East CETT", "South East", "GFE"),
    ("SWCETT", "South West CETT", "South West", "GFE"),
)
# Chance that a provider of a type joins its region's partnership: mostly colleges, some HEIs/ITPs.
MEMBERSHIP = {"GFE": 0.6, "SFC": 0.5, "HEI": 0.5, "ITP": 0.04, "ACL": 0.1, "PRISON": 0.0, "TSO": 0.02}

_NAMES = {
    "GFE": "{town} College",
    "SFC": "{town} Sixth Form College",
    "ITP": "{town} {trade} Training Ltd",
    "ACL": "{town} Adult Learning Service",
    "HEI": "University of {town}",
    "PRISON": "HMP {town}",
    "TSO": "{town} {trade} Trust",
}
_TOWNS = (
    "Ashford",
    "Barnfield",
    "Castleton",
    "Dunmore",
    "Eastleigh",
    "Fairhaven",
    "Greenbridge",
    "Holbrook",
    "Ironbridge",
    "Kingsmere",
    "Larkhill",
    "Millbrook",
    "Northgate",
    "Oakfield",
    "Pennington",
    "Queensbury",
    "Redcliffe",
    "Stonehaven",
    "Thornbury",
    "Upton",
    "Westfield",
    "Yarrow",
)
_TRADES = (
    "Skills",
    "Apprenticeship",
    "Care",
    "Engineering",
    "Construction",
    "Digital",
    "Hair and Beauty",
    "Logistics",
    "Hospitality",
    "Business",
)


@dataclass(frozen=True)
class Provider:
    ukprn: int
    provider_name: str
    provider_type: str
    region: str
    open_date: date
    close_date: date | None
    staff: dict[str, int]  # teaching staff headcount per year: the provider's size
    traits: Traits
    partnerships: tuple[str, ...] = ()

    def active_in(self, year: str) -> bool:
        """Open at some point of the year and not closed before it began (else SUB01)."""
        return self.open_date <= year_end(year) and (
            self.close_date is None or self.close_date >= year_start(year)
        )


@dataclass(frozen=True)
class Partnership:
    code: str
    name: str
    lead_ukprn: int


@dataclass
class Population:
    providers: list[Provider]
    partnerships: list[Partnership]
    allocations: dict[tuple[int, str, str], int] = field(default_factory=dict)  # (ukprn, year, stream) → £
    unknown_ukprns: list[int] = field(default_factory=list)  # never in the register: SUB01
    unaware: set[tuple[int, str]] = field(default_factory=set)  # large colleges unaware of their £100k

    def funder_index(self) -> dict[tuple[int, str], dict[str, int]]:
        """(ukprn, year) → stream → pounds the funder allocated."""
        index: dict[tuple[int, str], dict[str, int]] = {}
        for (ukprn, year, stream), pounds in self.allocations.items():
            index.setdefault((ukprn, year), {})[stream] = pounds
        return index


def build_population(size: int, years: list[str], seed: int) -> Population:
    """Providers, partnerships and the funder's allocations for ``years``, the same for the same seed."""
    rng = random.Random(f"population-{seed}")
    ukprns = rng.sample(range(10_000_000, 10_090_000), size)
    types = [kind for kind, count in _quotas(size).items() for _ in range(count)]
    providers = [_provider(rng, ukprn, kind, years) for ukprn, kind in zip(ukprns, types, strict=True)]
    partnerships, providers = _partnerships(rng, providers, years)
    unknown = rng.sample(range(10_090_000, 10_100_000), 50)
    population = Population(providers, partnerships, unknown_ukprns=unknown)
    for year in years:
        _allocate(population, year, size, rng)
        # "Two large colleges' teacher-training managers did not know their college had received £100,000."
        capped = sorted(
            ukprn
            for (ukprn, y, stream), pounds in population.allocations.items()
            if y == year and stream == "ITT_ALLOCATION" and pounds >= ITT_CAP * 0.99
        )
        population.unaware |= {(ukprn, year) for ukprn in rng.sample(capped, min(2, len(capped)))}
    return population


def _quotas(size: int) -> dict[str, int]:
    """Whole provider counts per type in the shares of TYPE_SHARES (largest remainder)."""
    exact = {kind: share * size for kind, share in TYPE_SHARES.items()}
    counts = {kind: int(value) for kind, value in exact.items()}
    for kind in sorted(exact, key=lambda k: counts[k] - exact[k])[: size - sum(counts.values())]:
        counts[kind] += 1
    return counts


def _provider(rng: random.Random, ukprn: int, kind: str, years: list[str]) -> Provider:
    median, spread, floor, ceiling = STAFF[kind]
    base = rng.lognormvariate(0, spread) * median
    staff = {year: int(min(ceiling, max(floor, round(base * rng.uniform(0.95, 1.05))))) for year in years}
    opened = date(rng.randint(1965, 2015), rng.choice((1, 4, 8, 9)), 1)
    if rng.random() < 0.03:  # a few providers opened during the collection
        opened = date(int(years[-1][:4]), 9, 1)
    closed = None
    if rng.random() < 0.02:  # a few closed (mergers); they stop submitting
        closed = date(int(years[0][:4]) + 1, rng.choice((3, 7)), 31)
        if closed < opened:  # opened during the collection: it cannot have closed before
            closed = None
    name = _NAMES[kind].format(town=rng.choice(_TOWNS), trade=rng.choice(_TRADES))
    return Provider(ukprn, name, kind, rng.choice(REGIONS), opened, closed, staff, draw_traits(rng))


def _partnerships(rng: random.Random, providers: list[Provider], years: list[str]) -> tuple[list, list]:
    """Eleven partnerships (fewer in a tiny sector) with distinct open leads; members mostly colleges of
    the lead's region."""
    members: dict[int, list[str]] = {provider.ukprn: [] for provider in providers}
    always_open = [p for p in providers if all(p.active_in(year) for year in years)]
    partnerships, leads = [], set()
    for code, name, region, lead_type in PARTNERSHIPS:
        candidates = sorted(
            (p for p in always_open if p.ukprn not in leads),
            key=lambda p: (p.provider_type != lead_type, p.region != region, -p.staff[years[0]]),
        )
        if not candidates:
            break  # a sector smaller than the partnerships has only as many as it has leads to give
        lead = candidates[0]
        leads.add(lead.ukprn)
        members[lead.ukprn].append(code)
        partnerships.append(Partnership(code, name, lead.ukprn))
        for provider in providers:
            if provider.region == region and provider.ukprn != lead.ukprn:
                if rng.random() < MEMBERSHIP[provider.provider_type]:
                    members[provider.ukprn].append(code)
    providers = [_with_partnerships(p, tuple(members[p.ukprn])) for p in providers]
    return partnerships, providers


def _with_partnerships(provider: Provider, codes: tuple[str, ...]) -> Provider:
    return Provider(**{**provider.__dict__, "partnerships": codes})


def _allocate(population: Population, year: str, size: int, rng: random.Random) -> None:
    """ITT_ALLOCATION by size (capped), PARTNERSHIP_GRANT to leads, MENTOR_GRANT to a few."""
    active = [p for p in population.providers if p.active_in(year)]
    for kinds, pot in ITT_POTS.items():
        group = [p for p in active if p.provider_type in kinds]
        rate = _rate_for_pot([p.staff[year] for p in group], pot * size / DEFAULT_SECTOR)
        for provider in group:
            population.allocations[(provider.ukprn, year, "ITT_ALLOCATION")] = round(
                min(ITT_CAP, rate * provider.staff[year])
            )
    for partnership in population.partnerships:
        population.allocations[(partnership.lead_ukprn, year, "PARTNERSHIP_GRANT")] = PARTNERSHIP_GRANT
    for provider in active:
        if provider.provider_type not in ("HEI", "PRISON") and rng.random() < MENTOR_GRANT_SHARE:
            population.allocations[(provider.ukprn, year, "MENTOR_GRANT")] = rng.randrange(1_000, 6_001, 500)


def _rate_for_pot(sizes: list[int], pot: float) -> float:
    """Pounds per head so that sum(min(cap, rate × size)) spends the pot (bisection)."""
    if not sizes or pot >= ITT_CAP * len(sizes):
        return ITT_CAP / max(1, min(sizes, default=1))
    low, high = 0.0, ITT_CAP / min(sizes)
    for _ in range(60):
        rate = (low + high) / 2
        low, high = (rate, high) if sum(min(ITT_CAP, rate * s) for s in sizes) < pot else (low, rate)
    return (low + high) / 2
