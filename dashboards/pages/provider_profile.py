"""Provider profile: one provider's years side by side, with its submissions and validation outcomes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards.formatting import format_value
from dashboards.measures import MAIN_INDICATORS, label
from dashboards.page import download, nothing_to_show, open_page, table

PROFILE_FIGURES = [
    "teaching_staff",
    "trainee_teachers",
    "new_staff",
    "mentors",
    *MAIN_INDICATORS,
    "pct_line_managing",
    "pct_grading",
    "training_completion_rate",
    "pct_accredited_completions",
    "median_remitted_hours_per_mentee",
    "external_allocated_gbp",
    "external_spent_gbp",
    "unspent_gbp",
]

ctx = open_page(
    "Provider profile",
    "One provider's returns year by year: its indicators, what it submitted and what validation found.",
    public=False,
)
warehouse = ctx.warehouse
providers = warehouse.providers()
if providers.empty:
    nothing_to_show("providers you can see")
    st.stop()
choices = dict(zip(providers["ukprn"], providers["provider_name"], strict=True))
ukprn = st.selectbox(
    "Provider",
    list(choices),
    format_func=lambda u: f"{format_value('provider_name', choices[u])} ({u})",
    key="profile-provider",
)
row = providers[providers["ukprn"] == ukprn].iloc[0]
st.markdown(
    f"**{format_value('provider_name', row['provider_name'])}** · UKPRN {ukprn} · "
    f"{row['provider_type_name']} · {row['region']}"
)

years = warehouse.provider_years(ukprn)
st.subheader("Indicators by year")
if years.empty:
    nothing_to_show("accepted returns from this provider")
else:
    present = [name for name in PROFILE_FIGURES if name in years]
    side_by_side = pd.DataFrame(
        {"Figure": [label(name) for name in present]}
        | {
            year: [format_value(name, figures[name]) for name in present]
            for year, figures in zip(years["year"], years.to_dict("records"), strict=True)
        }
    )
    st.dataframe(side_by_side, hide_index=True, width="stretch", height=36 * (len(present) + 1))
    tidy = years.melt(id_vars=["year"], value_vars=present, var_name="indicator", value_name="value")
    download(ctx, tidy, f"provider_{ukprn}")

st.subheader("Submissions")
submissions = warehouse.provider_submissions(ukprn)
table(
    ctx,
    submissions,
    ["year", "file_name", "received_at", "status", "error_count", "warning_count"],
    f"submissions_{ukprn}",
)
if not submissions.empty:
    picked = st.selectbox(
        "Validation report for",
        list(submissions["submission_id"]),
        format_func=lambda s: " · ".join(
            str(v)
            for v in submissions.loc[submissions["submission_id"] == s, ["file_name", "status"]].iloc[0]
        ),
        key="profile-submission",
    )
    issues = warehouse.submission_issues(picked)
    if issues.empty:
        st.success("Validation found nothing to change in this file.", icon=":material/check_circle:")
    else:
        table(
            ctx,
            issues,
            ["rule_id", "severity", "part", "row_number", "column_name", "value", "message"],
            f"issues_{picked}",
        )
