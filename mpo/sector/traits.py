"""Provider-level policies and input habits: what stays the same in a provider's returns year after year.

Shares come from docs/brief.md (WMCETT and LONCETT surveys); where the brief gives none, the value
is a documented guess kept small.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# WMCETT: 44% pool plus specialists, 19% pool only, 37% specialists only.
STRUCTURES = {"POOL_SPEC": 0.44, "POOL": 0.19, "SPEC": 0.37}

# LONCETT remuneration: 9% pay all, 27% remit all, 9% some paid some remitted, 9% mixed including
# none, 9% none, 36% unknown. "Unknown" is a respondent who did not know, so those providers are
# spread over the known policies in proportion (missing at random): every real provider has a policy.
_LONCETT_KNOWN = {"PAY_ALL": 9, "REMIT_ALL": 27, "PAY_SOME_REMIT_SOME": 9, "MIXED_WITH_NONE": 9, "NONE": 9}
REMUNERATION_POLICIES = {policy: share / 64 for policy, share in _LONCETT_KNOWN.items()}

YES_NO_STYLES = (("Y", "N"), ("YES", "NO"), ("yes", "no"), ("TRUE", "FALSE"), ("1", "0"), None)
CODE_CASES = ("upper", "upper", "upper", "upper", "lower", "title")


@dataclass(frozen=True)
class InputStyle:
    """How a provider's MIS writes values (spec section 3 leniency)."""

    container: str  # xlsx or zip
    yes_no: tuple[str, str] | None  # None: real boolean cells in xlsx (Y/N in CSV)
    code_case: str  # upper, lower or title
    money_as_text: bool  # £1,250.50 rather than a number
    ukprn_as_number: bool  # a numeric cell in xlsx
    dates_as_text: bool  # ISO strings rather than date cells in xlsx
    omit_optional: bool  # leave optional columns out when they would be blank
    title_case_names: bool  # sheet or member names like "About" (matched case-insensitively)
    ref_format: str  # how mentor_ref is built from a number


@dataclass(frozen=True)
class Traits:
    structure: str
    remuneration_policy: str
    mentors_per_staff: float
    trainee_coverage: float  # share of trainees with an identified mentor
    grading: float  # chance a mentor grades observations
    has_policy: bool
    reports_own_budget: bool
    style: InputStyle


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def draw_style(rng: random.Random) -> InputStyle:
    """A provider's input habits; most write clean upper-case codes in a workbook."""
    return InputStyle(
        container="xlsx" if rng.random() < 0.55 else "zip",
        yes_no=rng.choice(YES_NO_STYLES),
        code_case=rng.choice(CODE_CASES),
        money_as_text=rng.random() < 0.15,
        ukprn_as_number=rng.random() < 0.7,
        dates_as_text=rng.random() < 0.2,
        omit_optional=rng.random() < 0.25,
        title_case_names=rng.random() < 0.2,
        ref_format=rng.choice(("M{:04d}", "MNT-{:03d}", "mentor_{}", "MR{:05d}")),
    )


def draw_traits(rng: random.Random) -> Traits:
    """A provider's policies; means follow docs/brief.md (coverage 45%, grading 36%, policy 64%)."""
    return Traits(
        structure=_pick(rng, STRUCTURES),
        remuneration_policy=_pick(rng, REMUNERATION_POLICIES),
        # About 45 mentors in an average college of about 330 teaching staff, 145 in the largest (WMCETT).
        mentors_per_staff=rng.uniform(0.12, 0.155),
        trainee_coverage=rng.betavariate(4.5, 5.5),
        grading=rng.betavariate(3.6, 6.4),
        has_policy=rng.random() < 0.64,
        reports_own_budget=rng.random() < 0.7,
        style=draw_style(rng),
    )
