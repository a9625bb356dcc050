"""Specialist mentor finder: where mentors with spare capacity in a subject are (counts only)."""

from __future__ import annotations

import streamlit as st

from dashboards import charts
from dashboards.page import (
    chart,
    group_rows,
    nothing_to_show,
    only,
    open_page,
    pick_partnership,
    pick_year,
    table,
)

ctx = open_page(
    "Specialist mentor finder",
    "Where can we find, or share, a mentor in a subject? Mentors "
    "with capacity (fewer than 12 mentees) by Sector Subject Area. Counts only: no mentor is identified.",
)
warehouse = ctx.warehouse
subjects = warehouse.subject_areas()
filters = st.columns([1, 2])
with filters[0]:
    year = pick_year(ctx, "finder-year")
with filters[1]:
    subject = st.selectbox(
        "Sector Subject Area",
        list(subjects),
        format_func=lambda s: f"{s} {subjects[s]}",
        key="finder-subject",
    )

regions = only(warehouse.subject_capacity_by_region(subject), year=year)
st.subheader(f"{subjects[subject]}: by region, {year}")
if group_rows(regions).empty:
    nothing_to_show(f"mentors in {subjects[subject]}")
else:
    chart(
        charts.bars(
            group_rows(regions), "mentors_with_capacity", "group_name", "Mentors with capacity by region"
        )
    )
    table(
        ctx,
        regions,
        [
            "group_name",
            "providers",
            "mentors",
            "specialist_mentors",
            "mentors_with_capacity",
            "spare_mentee_places",
        ],
        f"subject_{subject}_by_region_{year}",
    )

if ctx.audience.names_providers:
    code, name = pick_partnership(ctx, "finder-partnership")
    members = only(warehouse.member_subject_capacity(code, subject), year=year)
    st.subheader(f"{subjects[subject]}: members of {name}, {year}")
    if members.empty:
        nothing_to_show(f"mentors in {subjects[subject]} among the members")
    else:
        chart(
            charts.bars(members, "mentors_with_capacity", "provider_name", "Mentors with capacity by member")
        )
        table(
            ctx,
            members,
            [
                "provider_name",
                "region",
                "mentors",
                "specialist_mentors",
                "mentors_with_capacity",
                "spare_mentee_places",
            ],
            f"subject_{subject}_{code}_{year}",
        )
