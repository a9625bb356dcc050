"""Funding picture: where the mentoring money went (allocated vs evidenced spend)."""

from __future__ import annotations

import streamlit as st

from dashboards import charts
from dashboards.data import ALL
from dashboards.page import chart, group_rows, metrics, nothing_to_show, only, open_comparison_page, table

page = open_comparison_page(
    "Funding picture",
    "Where did the mentoring money go? Allocations, evidenced spend, "
    "unspent money and written spending plans, by stream, region, provider type and partnership.",
    "funding",
)
ctx, year, grouping = page.ctx, page.year, page.grouping
warehouse = ctx.warehouse
metrics(
    page.sector_year,
    [
        "external_allocated_gbp",
        "external_spent_gbp",
        "unspent_gbp",
        "providers_with_spending_plan",
        "allocation_gap_gbp",
        "cost_per_mentor_trained",
    ],
    trend=page.sector,
    help_text={
        "external_allocated_gbp": "What providers report they were allocated, all but their own budget.",
        "allocation_gap_gbp": "Provider-reported minus funder-allocated, where the funder allocated it.",
        "providers_with_spending_plan": (
            "Providers with a written plan for every external stream they hold; a provider with a plan "
            "for some of its streams only is not counted. The table by funding stream counts, stream by "
            "stream, the providers with a plan for that stream."
        ),
    },
)

streams = warehouse.stream_funding("sector")
year_streams = only(streams, year=year)
left, right = st.columns(2)
with left:
    by_stream = year_streams[year_streams["stream"] != ALL]
    if by_stream.empty:
        nothing_to_show("external funding streams")
    else:
        chart(
            charts.compare_bars(
                by_stream,
                "stream",
                ["funder_allocated_gbp", "allocated_gbp", "spent_gbp"],
                f"Allocated and evidenced spend by stream, {year}",
            )
        )
with right:
    chart(
        charts.trend(
            only(streams, stream=ALL).assign(group_name="All external streams"),
            "stream_utilisation",
            "Share of external money spent, by year",
        )
    )

groups = warehouse.group_indicators(grouping)
year_groups = group_rows(only(groups, year=year))
st.subheader(f"By {grouping.replace('_', ' ')}")
if year_groups.empty:
    nothing_to_show("groups")
else:
    left, right = st.columns(2)
    with left:
        chart(
            charts.compare_bars(
                year_groups,
                "group_name",
                ["external_allocated_gbp", "external_spent_gbp"],
                f"Allocated vs evidenced spend, {year}",
            )
        )
    with right:
        chart(charts.trend(group_rows(groups), "funding_utilisation", "Share of external money spent"))
    mix = warehouse.spend_mix(grouping)
    year_mix = only(mix, year=year)
    chart(
        charts.stacked_shares(
            year_mix[year_mix["category"] != ALL],
            "group_name",
            "category",
            "spent_gbp",
            f"What the money was spent on, {year}",
        )
    )
    table(
        ctx,
        year_groups,
        [
            "group_name",
            "providers",
            "providers_with_spending_plan",
            "external_allocated_gbp",
            "funder_allocated_gbp",
            "allocation_gap_gbp",
            "external_spent_gbp",
            "own_spent_gbp",
            "unspent_gbp",
            "funding_utilisation",
            "cost_per_mentor_trained",
        ],
        f"funding_by_{grouping}_{year}",
    )

st.subheader("By funding stream")
table(
    ctx,
    year_streams,
    [
        "stream",
        "providers",
        "providers_with_stream_plan",
        "plan_share",
        "funder_allocated_gbp",
        "allocated_gbp",
        "allocation_gap_gbp",
        "spent_gbp",
        "unspent_gbp",
        "stream_utilisation",
    ],
    f"funding_by_stream_{year}",
    "External streams only (a provider's own budget is not allocated money). Stream ALL is their total; "
    "there, providers with a plan are those with a plan for at least one external stream.",
)
