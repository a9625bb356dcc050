"""One provider-year's return as typed rows per part: what a provider means to send (no faults)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from mpo.sector import mentors
from mpo.sector.population import Provider
from mpo.sector.windows import first_calendar_year, year_end, year_start
from schemas.parts import PARTS

Parts = dict[str, list[list]]  # part → data rows in schemas.parts column order; money in whole pence
MENTOR_PARTS = ("mentor_pool", "remuneration", "training")
PURELY_OPTIONAL = (("mentor_pool", "meetings_per_term"), ("training", "programme_name"))

# Spend of a stream by category (remission, payments, training, cover, coordination, materials, other).
SPEND_WEIGHTS = np.array([0.30, 0.10, 0.15, 0.20, 0.15, 0.05, 0.05])
ALLOCATION_GAP_SHARE = 0.08  # a provider misremembers what it was allocated
SPENDING_PLAN_SHARE = 0.09  # "only 9% had formalised plans to use it"


@dataclass(frozen=True)
class ReturnContext:
    """What a provider knows when it fills in a year's return."""

    provider: Provider
    year: str
    funder: dict[str, int]  # stream → pounds the funder allocated
    unaware: bool  # does not know it received its ITT allocation (omits it)
    generated_at: datetime
    seed: int

    def rng(self, variant: int = 0) -> np.random.Generator:
        """Its own random stream, so provider-years can be built in any order or process."""
        return np.random.default_rng(
            [self.seed, self.provider.ukprn, first_calendar_year(self.year), variant]
        )

    @property
    def latest_date(self) -> date:
        return min(year_end(self.year), self.generated_at.date() - timedelta(days=1))


def build_return(context: ReturnContext) -> Parts:
    """The complete, valid return the provider means to send for the year."""
    rng, traits = context.rng(), context.provider.traits
    about = _about(rng, context)
    funding = _funding(rng, context)
    streams = [row[0] for row in funding]
    mentees = about[4] + about[6] + int(rng.poisson(max(1, about[2]) * 0.02))
    pool = mentors.mentor_pool(rng, traits, about[2], mentees, year_start(context.year), context.latest_date)
    parts = {
        "about": [about],
        "mentor_pool": pool,
        "remuneration": mentors.remuneration(rng, traits, pool, streams),
        "training": mentors.training(rng, pool, year_start(context.year), context.latest_date),
        "funding": funding,
    }
    if traits.style.omit_optional:  # this provider's system has no such columns: they are left out
        for part, column in PURELY_OPTIONAL:
            index = PARTS[part].column_names.index(column)
            for row in parts[part]:
                row[index] = None
    return parts


def draft_of(parts: Parts) -> Parts:
    """An earlier, incomplete version of a return: its last mentors (or its training) not yet entered."""
    pool = parts["mentor_pool"]
    kept = {row[0] for row in pool[: max(1, len(pool) - max(1, len(pool) // 5))]}
    draft = {
        name: [list(row) for row in rows if name not in MENTOR_PARTS or row[0] in kept]
        for name, rows in parts.items()
    }
    if len(kept) == len(pool):
        draft["training"] = []
    return draft


def _about(rng: np.random.Generator, context: ReturnContext) -> list:
    """Staff counts: ~10% trainees (45% with a mentor), ~20% leave, mentored staff leave less."""
    provider = context.provider
    staff = provider.staff[context.year]
    trainees = int(rng.binomial(staff, 0.1))
    trainees_mentored = int(rng.binomial(trainees, provider.traits.trainee_coverage))
    new_staff = int(rng.binomial(staff, 0.12))
    new_mentored = int(rng.binomial(new_staff, 0.6))
    mentored = min(staff, trainees_mentored + new_mentored + int(rng.binomial(staff, 0.04)))
    leavers_mentored = int(rng.binomial(mentored, 0.12))
    leavers = leavers_mentored + int(rng.binomial(staff - mentored, 0.22))
    has_policy = provider.traits.has_policy != (rng.random() < 0.05)  # policies come and go
    return [
        provider.ukprn,
        context.year,
        staff,
        trainees,
        trainees_mentored,
        new_staff,
        new_mentored,
        leavers,
        leavers_mentored,
        mentored,
        has_policy,
    ]


def _funding(rng: np.random.Generator, context: ReturnContext) -> list[list]:
    """One row per stream held: the funder's streams as the provider remembers them, OWN, OTHER."""
    held: dict[str, int] = {}
    for stream, pounds in context.funder.items():
        if stream == "ITT_ALLOCATION" and context.unaware:
            continue
        gap = rng.random() < ALLOCATION_GAP_SHARE
        held[stream] = round(pounds * rng.uniform(0.7, 1.3)) if gap else pounds
    if context.provider.traits.reports_own_budget:
        held["OWN"] = round(context.provider.staff[context.year] * rng.uniform(20, 60))
    if rng.random() < 0.05:
        held["OTHER"] = int(rng.integers(1, 11)) * 1_000
    return [_funding_row(rng, stream, pounds * 100) for stream, pounds in held.items()]


def _funding_row(rng: np.random.Generator, stream: str, allocated: int) -> list:
    """Spend well under the allocation for external money (the "black hole"), most of an own budget."""
    used = rng.uniform(0.7, 1.0) if stream == "OWN" else rng.beta(4, 2.5)
    spend = (rng.dirichlet(SPEND_WEIGHTS * 20) * allocated * used).astype(np.int64)
    plan = rng.random() < (0.3 if stream == "OWN" else SPENDING_PLAN_SHARE)
    return [stream, allocated, *(int(amount) for amount in spend), bool(plan)]
