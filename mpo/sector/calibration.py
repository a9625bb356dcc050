"""Measure a generated sector against the published figures of docs/brief.md.

The targets are data, once: ``calibration_targets.csv`` (id, description, source, measure, target,
tolerance). Each ``measure`` names a function here, computed from what was written: the reference
files read back with ``load_reference``, and the rows of the returns that end ACCEPTED.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mpo.reference import Reference, load_reference
from mpo.sector.manifest import ACCEPTED, WrittenFile
from mpo.sector.population import DEFAULT_SECTOR, ITT_CAP, MENTOR_GRANT_MAX, PARTNERSHIP_GRANT
from schemas.parts import PARTS

TARGETS = Path(__file__).with_name("calibration_targets.csv")


@dataclass(frozen=True)
class Target:
    id: str
    description: str
    source: str
    measure: str
    target: float
    tolerance: float


@dataclass(frozen=True)
class Result:
    target: Target
    value: float

    @property
    def ok(self) -> bool:
        return abs(self.value - self.target.target) <= self.target.tolerance + 1e-9

    def __str__(self) -> str:
        verdict = "ok " if self.ok else "OFF"
        target = self.target
        return f"{verdict} {target.id}: {self.value:,.3f} (target {target.target:,} ± {target.tolerance:,})"


@dataclass
class Sector:
    """Reference files and accepted returns as frames; every part keyed by ukprn and year."""

    reference: Reference
    parts: dict[str, pd.DataFrame]

    @classmethod
    def read(cls, reference_folder: Path, files: list[WrittenFile]) -> Sector:
        accepted = [f for f in files if f.expected_status == ACCEPTED and f.parts is not None]
        reference = load_reference(reference_folder)
        types = reference.providers.set_index("ukprn")["provider_type"]
        parts = {}
        for name, part in PARTS.items():
            rows = [[f.ukprn, f.year, *row] for f in accepted for row in f.parts[name]]
            frame = pd.DataFrame(rows, columns=["key_ukprn", "key_year", *part.column_names])
            frame["provider_type"] = frame["key_ukprn"].map(types)
            parts[name] = frame
        return cls(reference, parts)

    def itt(self) -> pd.DataFrame:
        """The funder's ITT_ALLOCATION rows, in pounds, with the provider type."""
        allocations = self.reference.allocations.merge(self.reference.providers[["ukprn", "provider_type"]])
        itt = allocations[allocations["stream"] == "ITT_ALLOCATION"].copy()
        itt["pounds"] = itt["allocated_gbp"].astype(float) / 100
        return itt

    def per_1500(self, types: tuple[str, ...]) -> float:
        itt = self.itt()
        yearly = itt[itt["provider_type"].isin(types)].groupby("year")["pounds"].sum()
        return float(yearly.mean()) * DEFAULT_SECTOR / len(self.reference.providers)

    def mentors_per_return(self) -> pd.DataFrame:
        counts = self.parts["mentor_pool"].groupby(["key_ukprn", "key_year"]).size().rename("mentors")
        about = self.parts["about"].set_index(["key_ukprn", "key_year"])
        return about.join(counts).fillna({"mentors": 0})


def _share(mask: pd.Series) -> float:
    return float(mask.mean()) if len(mask) else float("nan")


def _rank_correlation(left: pd.Series, right: pd.Series) -> float:
    return float(left.rank().corr(right.rank()))


def _structure(types: set[str]) -> str:
    pool, spec = bool(types & {"POOL", "BOTH"}), bool(types & {"SPEC", "BOTH"})
    return "pool_spec" if pool and spec else "pool" if pool else "spec"


def _policy(arrangements: set[str]) -> str:
    if len(arrangements) == 1:
        return {"PAYMENT": "pay_all", "REMISSION": "remit_all", "NONE": "none"}.get(
            next(iter(arrangements)), "pay_some_remit_some"
        )
    return "mixed_with_none" if "NONE" in arrangements else "pay_some_remit_some"


def _structures(sector: Sector) -> pd.Series:
    return (
        sector.parts["mentor_pool"]
        .groupby(["key_ukprn", "key_year"])["mentor_type"]
        .agg(lambda types: _structure(set(types)))
    )


def _policies(sector: Sector) -> pd.Series:
    remuneration = sector.parts["remuneration"]
    grouped = remuneration.groupby(["key_ukprn", "key_year"])["arrangement"]
    return grouped.agg(lambda arrangements: _policy(set(arrangements)))[grouped.size() >= 2]


def _fe(sector: Sector) -> pd.Series:
    itt = sector.itt()
    return itt[itt["provider_type"].isin(("GFE", "SFC"))]["pounds"]


def _reasons(sector: Sector) -> pd.Series:
    return sector.parts["training"]["reason"].dropna().value_counts(normalize=True)


def _gap(sector: Sector) -> pd.Series:
    """Per funder allocation of an accepted return: reported differently (by more than £1) or omitted."""
    funding = sector.parts["funding"]
    reported = funding.groupby(["key_ukprn", "key_year", "stream"])["allocated_gbp"].first()
    returned = set(zip(sector.parts["about"]["key_ukprn"], sector.parts["about"]["key_year"], strict=True))
    allocations = sector.reference.allocations
    allocations = allocations[
        [key in returned for key in zip(allocations["ukprn"], allocations["year"], strict=True)]
    ]
    keys = list(zip(allocations["ukprn"], allocations["year"], allocations["stream"], strict=True))
    said = pd.Series([reported.get(key) for key in keys], dtype="float")
    return (
        said.isna() | (said - allocations["allocated_gbp"].astype(float).to_numpy()).abs().gt(100)
    ).rename(None)


def _unaware(sector: Sector) -> float:
    itt = sector.itt()
    large = itt[(itt["provider_type"] == "GFE") & (itt["pounds"] >= ITT_CAP * 0.99)]
    funding = sector.parts["funding"]
    reported = set(zip(funding["key_ukprn"], funding["key_year"], funding["stream"], strict=True))
    returned = set(zip(sector.parts["about"]["key_ukprn"], sector.parts["about"]["key_year"], strict=True))
    omitted = [
        (u, y) in returned and (u, y, "ITT_ALLOCATION") not in reported
        for u, y in zip(large["ukprn"], large["year"], strict=True)
    ]
    return sum(omitted) / sector.reference.allocations["year"].nunique()


def _about_ratio(sector: Sector, top: str, bottom: str) -> float:
    about = sector.parts["about"]
    return float(about[top].sum() / about[bottom].sum())


def _leaver_gap(sector: Sector) -> float:
    about = sector.parts["about"]
    unmentored = (about["leavers"] - about["leavers_mentored"]).sum() / (
        about["teaching_staff"] - about["mentored_staff"]
    ).sum()
    return float(unmentored - about["leavers_mentored"].sum() / about["mentored_staff"].sum())


def _partnership_grants(sector: Sector) -> float:
    allocations = sector.reference.allocations.set_index(["ukprn", "year", "stream"])["allocated_gbp"]
    pairs = [
        (lead, year)
        for lead in sector.reference.partnerships["lead_ukprn"]
        for year in sector.reference.allocations["year"].unique()
    ]
    return _share(
        pd.Series(
            [
                allocations.get((int(lead), year, "PARTNERSHIP_GRANT")) == PARTNERSHIP_GRANT * 100
                for lead, year in pairs
            ]
        )
    )


def _gfe_mentors(sector: Sector) -> pd.DataFrame:
    table = sector.mentors_per_return().reset_index()
    return table[table["provider_type"] == "GFE"]


MEASURES: dict[str, Callable[[Sector], float]] = {
    "itt_total_per_1500": lambda s: s.per_1500(("GFE", "SFC", "ITP", "ACL", "HEI", "PRISON", "TSO")),
    "itt_fe_per_1500": lambda s: s.per_1500(("GFE", "SFC")),
    "itt_wbl_per_1500": lambda s: s.per_1500(("ITP",)),
    "itt_acl_per_1500": lambda s: s.per_1500(("ACL",)),
    "fe_share_under_25k": lambda s: _share(_fe(s) < 25_000),
    "fe_share_25k_to_100k": lambda s: _share(_fe(s).between(25_000, ITT_CAP)),
    "itp_share_25k_plus": lambda s: _share(s.itt().query("provider_type == 'ITP'")["pounds"] >= 25_000),
    "allocation_size_rank_correlation": lambda s: _rank_correlation(*_itt_and_staff(s)),
    "partnership_lead_grant_share": _partnership_grants,
    "mentor_grant_within_cap_share": lambda s: _share(
        s.reference.allocations.query("stream == 'MENTOR_GRANT'")["allocated_gbp"].astype(float)
        <= MENTOR_GRANT_MAX * 100
    ),
    "gfe_mean_mentors": lambda s: float(_gfe_mentors(s)["mentors"].mean()),
    "gfe_max_mentors": lambda s: float(_gfe_mentors(s).groupby("key_year")["mentors"].max().mean()),
    "mentor_size_correlation": lambda s: float(
        s.mentors_per_return()[["mentors", "teaching_staff"]].corr().iloc[0, 1]
    ),
    "itp_share_few_mentors": lambda s: _share(
        s.mentors_per_return().query("provider_type == 'ITP'")["mentors"] <= 3
    ),
    "share_role_mgr": lambda s: _share(s.parts["mentor_pool"]["employed_role"] == "MGR"),
    "share_role_snr": lambda s: _share(s.parts["mentor_pool"]["employed_role"] == "SNR"),
    "share_role_other": lambda s: _share(s.parts["mentor_pool"]["employed_role"].isin(("TCH", "TED", "OTH"))),
    "trainee_mentor_coverage": lambda s: _about_ratio(s, "trainees_with_mentor", "trainee_teachers"),
    "share_structure_pool_spec": lambda s: _share(_structures(s) == "pool_spec"),
    "share_structure_pool": lambda s: _share(_structures(s) == "pool"),
    "share_structure_spec": lambda s: _share(_structures(s) == "spec"),
    "share_policy_pay_all": lambda s: _share(_policies(s) == "pay_all"),
    "share_policy_remit_all": lambda s: _share(_policies(s) == "remit_all"),
    "share_policy_pay_some_remit_some": lambda s: _share(_policies(s) == "pay_some_remit_some"),
    "share_policy_mixed_with_none": lambda s: _share(_policies(s) == "mixed_with_none"),
    "share_policy_none": lambda s: _share(_policies(s) == "none"),
    "share_learning_coach": lambda s: _share(s.parts["mentor_pool"]["is_learning_coach"].astype(bool)),
    "share_grading": lambda s: _share(s.parts["mentor_pool"]["grades_observations"].astype(bool)),
    "share_mentoring_policy": lambda s: _share(s.parts["about"]["has_mentoring_policy"].astype(bool)),
    "share_spending_plan": lambda s: _share(
        s.parts["funding"].query("stream == 'ITT_ALLOCATION'")["has_spending_plan"].astype(bool)
    ),
    "training_takeup_rate": lambda s: _share(
        s.parts["training"]["status"].isin(("ENROLLED", "COMPLETED", "WITHDRAWN"))
    ),
    "share_reason_time": lambda s: float(_reasons(s).get("TIME", 0.0)),
    "reason_time_most_common": lambda s: float(_reasons(s).idxmax() == "TIME"),
    "share_accredited_training": lambda s: _share(s.parts["training"]["accredited"].astype(bool)),
    "allocation_gap_share": lambda s: _share(_gap(s)),
    "unaware_large_colleges_per_year": _unaware,
    "leaver_rate": lambda s: _about_ratio(s, "leavers", "teaching_staff"),
    "leaver_rate_gap": _leaver_gap,
}


def _itt_and_staff(sector: Sector) -> tuple[pd.Series, pd.Series]:
    """FE colleges' ITT allocation against the teaching staff their return reports, per provider-year."""
    itt = sector.itt().set_index(["ukprn", "year"])["pounds"]
    about = sector.parts["about"]
    about = about[about["provider_type"].isin(("GFE", "SFC"))].set_index(["key_ukprn", "key_year"])
    joined = about[["teaching_staff"]].join(itt.rename_axis(["key_ukprn", "key_year"]), how="inner")
    return joined["pounds"], joined["teaching_staff"]


def load_targets(path: Path = TARGETS) -> list[Target]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Target(
                row["id"],
                row["description"],
                row["source"],
                row["measure"],
                float(row["target"]),
                float(row["tolerance"]),
            )
            for row in csv.DictReader(handle)
        ]


def measure_sector(sector: Sector, targets: list[Target] | None = None) -> list[Result]:
    """Each target's measure computed on the sector."""
    return [Result(target, MEASURES[target.measure](sector)) for target in (targets or load_targets())]
