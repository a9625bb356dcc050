"""Partnership comparison: each member against the sector's quartiles on the main indicators.

A partnership audience sees only its own members by name; national bodies pick any partnership;
the public sees partnerships as aggregates only, disclosure-controlled.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards import charts
from dashboards.formatting import numeric
from dashboards.measures import MAIN_INDICATORS, label, measure
from dashboards.page import chart, nothing_to_show, only, open_page, pick_partnership, pick_year, table

SHARES = [name for name in MAIN_INDICATORS if measure(name).unit == "share"]

ctx = open_page(
    "Partnership comparison",
    "How do a partnership's members compare with each other and "
    "with the sector? The grey band is the middle half of providers nationally; the tick is the median.",
)
warehouse = ctx.warehouse
filters = st.columns([1, 2])
with filters[0]:
    year = pick_year(ctx, "partnership-year")

sector = only(warehouse.group_indicators("sector"), year=year)
if sector.empty:
    nothing_to_show(f"accepted returns for {year}")
    st.stop()
sector_row = numeric(sector, [f"{n}_p{q}" for n in SHARES for q in (25, 50, 75)]).iloc[0]
quartiles = pd.DataFrame(
    [
        {
            "indicator": label(n),
            "p25": sector_row[f"{n}_p25"],
            "p50": sector_row[f"{n}_p50"],
            "p75": sector_row[f"{n}_p75"],
        }
        for n in SHARES
    ]
)


def position(value: float, p25: float, p75: float) -> str:
    if pd.isna(value) or pd.isna(p25) or pd.isna(p75):
        return "not comparable"
    return (
        "above the upper quartile"
        if value > p75
        else "below the lower quartile"
        if value < p25
        else "within the middle half"
    )


def positions(rows: pd.DataFrame, who: str) -> pd.DataFrame:
    """Long table: one row per (who, indicator) with the value and where it sits against the sector."""
    values = numeric(rows, SHARES)
    records = []
    for _, row in values.iterrows():
        for name in SHARES:
            p25, p75 = sector_row[f"{name}_p25"], sector_row[f"{name}_p75"]
            records.append(
                {
                    "who": row[who],
                    "indicator": label(name),
                    "value": row[name],
                    "position": position(row[name], p25, p75),
                }
            )
    return pd.DataFrame(records)


if ctx.audience.is_public:
    st.caption(
        "Shown to the public as partnership aggregates only: no member is named, and small figures "
        "are suppressed."
    )
    aggregates = only(warehouse.group_indicators("partnership"), year=year)
    if aggregates.empty:
        nothing_to_show("partnerships")
        st.stop()
    points = positions(aggregates, "group_name")
    chart(charts.against_quartiles(quartiles, points, f"Partnerships against the sector, {year}"))
    table(ctx, aggregates, ["group_name", "providers", "mentors", *MAIN_INDICATORS], f"partnerships_{year}")
    st.stop()

code, name = pick_partnership(ctx, "partnership-code", place=filters[1])
members = only(warehouse.member_indicators(code), year=year)
st.subheader(f"{name}: members in {year}")
if members.empty:
    nothing_to_show(f"accepted returns from members of {name} for {year}")
    st.stop()
points = positions(members, "provider_name")
chart(charts.against_quartiles(quartiles, points, f"Members of {name} against the sector, {year}"))
left, right = st.columns([3, 2])
with left:
    table(ctx, members, ["provider_name", "mentors", *MAIN_INDICATORS], f"members_{code}_{year}")
with right:
    summary = (
        points[points["position"] != "not comparable"]
        .pivot_table(index="who", columns="position", values="value", aggfunc="count", fill_value=0)
        .reset_index()
    )
    st.markdown("**Indicators above or below the sector's middle half**")
    st.dataframe(summary.rename(columns={"who": "Member"}), hide_index=True, width="stretch")
