"""Warnings sprinkled on returns that are otherwise accepted: one function per WARNING rule of spec section 4.

Each returns None when the return has nothing it applies to (no remission, no funder stream).
RM04, FN04, AB02 and MP03 also occur naturally (short remission, allocation gaps).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from mpo.sector.edits import Fault, FaultContext, Faulted, at, set_value, training_row, with_row
from mpo.sector.render import Layout
from mpo.sector.returns import Parts


def _sec01(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    # An added offer, so the value arrives as text whatever the provider's other rows hold.
    name = rng.choice(
        ('=HYPERLINK("http://example.org","Mentoring")', "-New to mentoring", "+Advanced mentoring")
    )
    return Faulted(with_row(parts, "training", training_row(parts["mentor_pool"][0][0], programme_name=name)))


def _fn02(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    external = [row for row in parts["funding"] if row[0] != "OWN" and row[1] > 0]
    if external:
        external[0][at("funding", "spent_other_gbp")] += external[0][1]
        return Faulted(parts)
    return Faulted(with_row(parts, "funding", ["OTHER", 100_000, 0, 0, 0, 0, 0, 0, 150_000, False]))


def _fn03(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    parts["funding"] = [row for row in parts["funding"] if row[0] != "MENTOR_GRANT"]
    return Faulted(with_row(parts, "funding", ["MENTOR_GRANT", 750_000, 0, 0, 0, 0, 0, 0, 0, False]))


def _mentor_change(column: str, value: Callable[[FaultContext], object]) -> Callable:
    def fault(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
        return Faulted(
            set_value(parts, "mentor_pool", rng.randrange(len(parts["mentor_pool"])), column, value(context))
        )

    return fault


def _ab02(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted:
    about = parts["about"][0]
    about[at("about", "trainees_with_mentor")] = max(1, about[at("about", "trainees_with_mentor")])
    about[at("about", "trainee_teachers")] = max(about[at("about", "trainee_teachers")], 1)
    for row in parts["mentor_pool"]:
        row[at("mentor_pool", "active_mentees")] = 0
    return Faulted(parts)


def _rm04(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted | None:
    remitted = [i for i, row in enumerate(parts["remuneration"]) if row[1] == "REMISSION"]
    if not remitted:
        return None
    ref = parts["remuneration"][remitted[0]][0]
    mentor = next(row for row in parts["mentor_pool"] if row[0] == ref)
    mentor[at("mentor_pool", "active_mentees")] = max(2, mentor[at("mentor_pool", "active_mentees")])
    return Faulted(set_value(parts, "remuneration", remitted[0], "remitted_hours", 10.0))


def _fn04(parts: Parts, rng: random.Random, context: FaultContext) -> Faulted | None:
    funder_streams = [row for row in parts["funding"] if row[0] in ("ITT_ALLOCATION", "MENTOR_GRANT")]
    if not funder_streams:
        return None
    funder_streams[0][1] = funder_streams[0][1] * 5 // 4 + 10_000  # remembered a quarter too high
    return Faulted(parts)


WARNING_FAULTS: dict[str, Fault] = {
    "FILE06": lambda parts, rng, context: Faulted(
        parts, rng.choice((Layout(extra_columns={"mentor_pool": "notes"}), Layout(extra_sheet=True)))
    ),
    "MP03": _mentor_change("active_mentees", lambda context: 15),
    "MP04": _mentor_change("start_date", lambda context: context.generated_at.date() + timedelta(days=90)),
    "RM04": _rm04,
    "FN02": _fn02,
    "FN03": _fn03,
    "FN04": _fn04,
    "AB02": _ab02,
    "SEC01": _sec01,
}
