"""One provider-year's mentors: the ``mentor_pool``, ``remuneration`` and ``training`` rows (spec 3.2-3.4).

Rows are lists in the column order of ``schemas.parts``, with typed Python values (money in whole
pence); rendering them as a provider would type them is ``mpo.sector.render``'s job.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from mpo.sector.traits import Traits

ROLES = ("MGR", "SNR", "TCH", "TED", "OTH")
ROLE_SHARES = (0.41, 0.33, 0.14, 0.07, 0.05)  # WMCETT: 41% managers, 33% senior teachers, 26% other
# LONCETT trainees by subject, mapped to Sector Subject Areas, plus a little of the rest.
SUBJECT_WEIGHTS = np.array([32, 46, 5, 11, 28, 51, 25, 6, 10, 15, 6, 20, 12, 66, 19], dtype=float)
CONTEXT_WEIGHTS = {
    "ITT_PRE": 0.10,
    "ITT_IN": 0.35,
    "INDUCTION": 0.25,
    "CPD": 0.15,
    "PERFORMANCE": 0.08,
    "SPECIALIST": 0.07,
}
SELECTIONS = {
    "INVITED": 0.6,
    "APPLIED": 0.15,
    "VOLUNTEERED": 0.1,
    "DESIGNATED": 0.12,
    "CHOSEN_BY_MENTEE": 0.03,
}
MENTOR_TYPES = {
    "POOL_SPEC": {"POOL": 0.3, "SPEC": 0.45, "BOTH": 0.25},
    "POOL": {"POOL": 1.0},
    "SPEC": {"SPEC": 1.0},
}
ARRANGEMENT_MIX = {
    "PAY_ALL": {"PAYMENT": 1.0},
    "REMIT_ALL": {"REMISSION": 1.0},
    "NONE": {"NONE": 1.0},
    "PAY_SOME_REMIT_SOME": {"PAYMENT": 0.4, "REMISSION": 0.45, "BOTH": 0.15},
    "MIXED_WITH_NONE": {"NONE": 0.4, "REMISSION": 0.35, "PAYMENT": 0.2, "BOTH": 0.05},
}
# Two arrangements a mixed policy always shows once a provider has two mentors.
MIXED_SEEDS = {
    "POOL_SPEC": ("POOL", "SPEC"),
    "PAY_SOME_REMIT_SOME": ("PAYMENT", "REMISSION"),
    "MIXED_WITH_NONE": ("NONE", "REMISSION"),
}
# WMCETT training: 8% accredited internal, 39% accredited external, 42% not internal, 11% not external.
TRAINING_KINDS = (
    (True, "INTERNAL", 0.08),
    (True, "EXTERNAL", 0.39),
    (False, "INTERNAL", 0.42),
    (False, "EXTERNAL", 0.11),
)
PROGRAMMES = {  # type: (hours options, names)
    "BRIEFING": ((0.5, 1, 2), ("Mentor briefing", "Mentoring update")),
    "SHORT_COURSE": ((6, 10, 15), ("Coaching and mentoring skills", "Mentoring short course")),
    "ONLINE_COURSE": ((5, 6, 30), ("Getting ready to mentor", "Online mentoring essentials")),
    "BLENDED": ((40, 45, 50), ("New to mentoring", "Advanced mentoring")),
    "ACCREDITED_MODULE": ((30, 45, 60), ("Level 5 award in mentoring", "Mentoring module")),
    "PG_CERT": ((180, 300, 600), ("PGCert mentoring and coaching",)),
    "OTHER": ((1, 3, 5), ("Peer observation workshop", "Community of practice")),
}
ACCREDITED_TYPES = {"ACCREDITED_MODULE": 0.6, "PG_CERT": 0.15, "SHORT_COURSE": 0.15, "BLENDED": 0.1}
OPEN_TYPES = {"BRIEFING": 0.3, "SHORT_COURSE": 0.2, "ONLINE_COURSE": 0.25, "BLENDED": 0.15, "OTHER": 0.1}
# Low take-up: most offers are declined or never started (Westminster: 10% face-to-face take-up).
STATUSES = {"OFFERED": 0.30, "DECLINED": 0.35, "ENROLLED": 0.08, "COMPLETED": 0.17, "WITHDRAWN": 0.10}
REASONS = {"TIME": 0.5, "COST": 0.2, "RELEASE": 0.12, "RELEVANCE": 0.1, "OTHER": 0.08}  # time most often


def _choice(rng: np.random.Generator, shares: dict, size: int) -> list:
    keys = list(shares)
    weights = np.array(list(shares.values()), dtype=float)
    return [keys[i] for i in rng.choice(len(keys), size=size, p=weights / weights.sum())]


def _mixed(rng: np.random.Generator, policy: str, mix: dict, size: int) -> list[str]:
    values = _choice(rng, mix[policy], size)
    if policy in MIXED_SEEDS and size >= 2:
        values[:2] = MIXED_SEEDS[policy]
    elif policy == "POOL_SPEC" and size == 1:
        values[0] = "BOTH"
    return values


def mentor_pool(
    rng: np.random.Generator, traits: Traits, staff: int, mentees: int, start: date, latest: date
) -> list[list]:
    """Mentors in proportion to teaching staff; their mentees spread over them (at most 40 each)."""
    count = max(1, int(rng.poisson(staff * traits.mentors_per_staff)))
    refs = [traits.style.ref_format.format(number) for number in range(1, count + 1)]
    roles = [ROLES[i] for i in rng.choice(len(ROLES), size=count, p=ROLE_SHARES)]
    kinds = _mixed(rng, traits.structure, MENTOR_TYPES, count)
    subjects = rng.choice(15, size=count, p=SUBJECT_WEIGHTS / SUBJECT_WEIGHTS.sum()) + 1
    active = np.minimum(40, rng.multinomial(mentees, np.full(count, 1 / count)))
    line_manages = rng.random(count) < np.where(np.array(roles) == "MGR", 0.45, 0.12)
    grades = rng.random(count) < traits.grading
    coaches = rng.random(count) < 0.5
    meetings = rng.choice((1, 1.5, 2, 3, 4, 4.5, 6, 8, 12), size=count)
    experience_days = rng.integers(-300, 365 * 12, size=count)
    selections = _choice(rng, SELECTIONS, count)
    rows = []
    for i in range(count):
        contexts = rng.choice(
            len(CONTEXT_WEIGHTS),
            size=1 + rng.binomial(2, 0.35),
            replace=False,
            p=np.array(list(CONTEXT_WEIGHTS.values())),
        )
        became = min(start - timedelta(days=int(experience_days[i])), latest)
        rows.append(
            [
                refs[i],
                roles[i],
                kinds[i],
                int(subjects[i]),
                bool(coaches[i]),
                ";".join(list(CONTEXT_WEIGHTS)[c] for c in sorted(contexts)),
                selections[i],
                bool(line_manages[i]),
                bool(grades[i]),
                int(active[i]),
                float(meetings[i]),
                became,
            ]
        )
    return rows


def remuneration(
    rng: np.random.Generator, traits: Traits, pool: list[list], streams: list[str]
) -> list[list]:
    """One row per mentor, following the provider's policy; paid from a stream it holds, else OWN."""
    arrangements = _mixed(rng, traits.remuneration_policy, ARRANGEMENT_MIX, len(pool))
    funded = [s for s in ("ITT_ALLOCATION", "MENTOR_GRANT") if s in streams] or ["OWN"]
    rows = []
    for mentor, arrangement in zip(pool, arrangements, strict=True):
        mentees = max(1, mentor[9])
        hours = payment = basis = None
        if arrangement in ("REMISSION", "BOTH"):  # LONCETT: 10, 15 or 30 hours; some meet 20 per mentee
            hours = float(min(400, rng.choice((10, 15, 30, 20 * mentees), p=(0.3, 0.3, 0.2, 0.2))))
        if arrangement in ("PAYMENT", "BOTH"):  # 15 h at £20, 7 h at £25, £500 per placement
            basis = str(rng.choice(("FIXED", "HOURLY", "PER_PLACEMENT"), p=(0.45, 0.35, 0.2)))
            pounds = {
                "FIXED": 300,
                "HOURLY": int(rng.choice((175, 200, 300))),
                "PER_PLACEMENT": 500 * mentees,
            }
            payment = min(20_000, pounds[basis]) * 100
        stream = "OWN" if arrangement == "NONE" or rng.random() < 0.2 else str(rng.choice(funded))
        rows.append([mentor[0], arrangement, hours, payment, basis, stream])
    return rows


def training(rng: np.random.Generator, pool: list[list], start: date, latest: date) -> list[list]:
    """Training offers and their take-up; many mentors have none, most offers are not started."""
    rows = []
    per_mentor = rng.poisson(0.9, size=len(pool))
    kinds = rng.choice(len(TRAINING_KINDS), size=int(per_mentor.sum()), p=[k[2] for k in TRAINING_KINDS])
    statuses = _choice(rng, STATUSES, len(kinds))
    reasons = _choice(rng, REASONS, len(kinds))
    refs = [mentor[0] for mentor, n in zip(pool, per_mentor, strict=True) for _ in range(n)]
    for ref, kind, status, reason in zip(refs, kinds, statuses, reasons, strict=True):
        accredited, delivery, _ = TRAINING_KINDS[kind]
        if delivery == "EXTERNAL" and rng.random() < 0.3:
            delivery = "PARTNERSHIP"  # run by the provider's partnership
        programme = _choice(rng, ACCREDITED_TYPES if accredited else OPEN_TYPES, 1)[0]
        hour_options, names = PROGRAMMES[programme]
        level = (7 if programme == "PG_CERT" else int(rng.integers(4, 7))) if accredited else None
        started = status in ("ENROLLED", "COMPLETED", "WITHDRAWN")
        began = min(start + timedelta(days=int(rng.integers(0, 300))), latest) if started else None
        hours = float(rng.choice(hour_options))
        finished = (
            min(began + timedelta(days=max(1, int(hours // 3))), latest) if status == "COMPLETED" else None
        )
        rows.append(
            [
                ref,
                programme,
                str(rng.choice(names)),
                delivery,
                accredited,
                level,
                hours,
                status,
                reason if status in ("DECLINED", "WITHDRAWN") else None,
                began,
                finished,
            ]
        )
    return rows
