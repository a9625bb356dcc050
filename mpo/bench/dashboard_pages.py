"""The queries behind each dashboard page, as the page runs them on its first load.

Each function mirrors one module of ``dashboards/pages`` (its calls on ``Warehouse``, in order,
with the default choices of its widgets), so timing it times what a page waits on for data.
"""

from __future__ import annotations

from collections.abc import Callable

from dashboards.data import Warehouse

DEFAULT_GROUPING = "region"  # pick_grouping's default


def funding(warehouse: Warehouse) -> None:
    warehouse.years()
    warehouse.group_indicators("sector")
    warehouse.stream_funding("sector")
    warehouse.group_indicators(DEFAULT_GROUPING)
    warehouse.spend_mix(DEFAULT_GROUPING)


def quality(warehouse: Warehouse) -> None:
    warehouse.years()
    warehouse.group_indicators("sector")
    warehouse.group_indicators(DEFAULT_GROUPING)
    warehouse.mentor_mix(DEFAULT_GROUPING, "employed_role")
    warehouse.mentor_mix(DEFAULT_GROUPING, "arrangement")


def partnerships(warehouse: Warehouse) -> None:
    warehouse.years()
    codes = warehouse.partnerships()["partnership_code"]
    warehouse.group_indicators("sector")
    if warehouse.audience.is_public:
        warehouse.group_indicators("partnership")
    elif len(codes):
        warehouse.member_indicators(codes.iloc[0])


def provider_profile(warehouse: Warehouse) -> None:
    if warehouse.audience.is_public:  # the page stops before reading anything
        return
    providers = warehouse.providers()
    if providers.empty:
        return
    ukprn = int(providers["ukprn"].iloc[0])
    warehouse.provider_years(ukprn)
    submissions = warehouse.provider_submissions(ukprn)
    if not submissions.empty:
        warehouse.submission_issues(int(submissions["submission_id"].iloc[0]))


def collection(warehouse: Warehouse) -> None:
    summary = warehouse.collection_summary()
    warehouse.rule_frequencies()
    if warehouse.audience.names_providers and not summary.empty:
        warehouse.provider_collection_status(summary["year"].iloc[-1])


def specialist_mentors(warehouse: Warehouse) -> None:
    subject = next(iter(warehouse.subject_areas()))
    warehouse.years()
    warehouse.subject_capacity_by_region(subject)
    if warehouse.audience.names_providers:
        codes = warehouse.partnerships()["partnership_code"]
        if len(codes):
            warehouse.member_subject_capacity(codes.iloc[0], subject)


PAGES: dict[str, Callable[[Warehouse], None]] = {
    "funding": funding,
    "quality": quality,
    "partnerships": partnerships,
    "provider_profile": provider_profile,
    "collection": collection,
    "specialist_mentors": specialist_mentors,
}
# The page's URL path under the app (the first page is the default, at the root).
PAGE_PATHS = {"funding": "", **{name: name for name in PAGES if name != "funding"}}
