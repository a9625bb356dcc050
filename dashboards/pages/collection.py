"""Collection tracker: returns submitted, accepted, rejected and missing per year; late returns; rules."""

from __future__ import annotations

import streamlit as st

from dashboards import charts
from dashboards.page import chart, metrics, nothing_to_show, only, open_page, pick_year, table

ctx = open_page(
    "Collection tracker",
    "Which returns are in, which were rejected, which are missing or late, "
    "and what providers most often have to fix.",
)
warehouse = ctx.warehouse
summary = warehouse.collection_summary()
if summary.empty:
    nothing_to_show("collection years")
    st.stop()
year = pick_year(ctx, "collection-year", list(summary["year"]))
metrics(
    only(summary, year=year).iloc[0],
    ["expected", "accepted", "rejected", "missing", "late", "accepted_share"],
    trend=summary,
    help_text={
        "rejected": "Providers whose every file this year was rejected.",
        "late": "Expected returns not accepted by the close of the collection window.",
    },
)

left, right = st.columns(2)
with left:
    statuses = summary.melt(
        id_vars=["year"],
        value_vars=["accepted", "rejected", "missing"],
        var_name="status",
        value_name="providers",
    )
    statuses["status"] = statuses["status"].str.capitalize()
    chart(charts.stacked_shares(statuses, "year", "status", "providers", "Where each year's returns stand"))
with right:
    rules = only(warehouse.rule_frequencies(), year=year)
    if rules.empty:
        nothing_to_show(f"validation issues for {year}")
    else:
        chart(
            charts.bars(
                rules.head(10),
                "issues",
                "rule_id",
                f"Most frequent validation rules, {year}",
                color="severity",
            )
        )
table(
    ctx,
    summary,
    [
        "year",
        "registered",
        "expected",
        "accepted",
        "rejected",
        "missing",
        "not_expected",
        "late",
        "accepted_share",
    ],
    "collection_summary",
)

st.subheader(f"Validation rules, {year}")
table(ctx, rules, ["rule_id", "severity", "issues", "submissions"], f"validation_rules_{year}")

if ctx.audience.names_providers:
    whose = "your members'" if ctx.audience.is_partnership else "every expected provider's"
    st.subheader(f"Providers, {year}")
    st.caption(f"Where {whose} return stands, late and missing first.")
    table(
        ctx,
        warehouse.provider_collection_status(year),
        [
            "provider_name",
            "ukprn",
            "status",
            "is_late",
            "files_received",
            "rejected_files",
            "last_received_at",
        ],
        f"provider_status_{year}",
    )
