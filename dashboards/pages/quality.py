"""Quality picture: coverage, who mentors, ONSIDE breaches, training, recognition and retention."""

from __future__ import annotations

import streamlit as st

from dashboards import charts
from dashboards.data import ALL, REASON_COLUMNS
from dashboards.measures import QUALITY_HEADLINES, label
from dashboards.page import chart, group_rows, metrics, nothing_to_show, only, open_comparison_page, table

page = open_comparison_page(
    "Quality picture",
    "Is mentoring provision adequate and improving? Coverage of trainees and new "
    "staff, who the mentors are, how mentoring is recognised, and whether mentored staff stay.",
    "quality",
)
ctx, year, grouping = page.ctx, page.year, page.grouping
warehouse = ctx.warehouse
metrics(page.sector_year, QUALITY_HEADLINES, trend=page.sector)

groups = warehouse.group_indicators(grouping)
all_years = group_rows(groups)
year_groups = group_rows(only(groups, year=year))
if year_groups.empty:
    nothing_to_show("groups")
    st.stop()


def two_charts(first, second) -> None:
    left, right = st.columns(2)
    with left:
        chart(first)
    with right:
        chart(second)


coverage, who, onside, training, recognition, retention = st.tabs(
    ["Coverage", "Who mentors", "ONSIDE", "Training", "Recognition", "Retention"]
)
with coverage:
    two_charts(
        charts.trend(all_years, "trainee_mentor_coverage", "Trainees with an identified mentor"),
        charts.compare_bars(
            year_groups,
            "group_name",
            ["trainee_mentor_coverage", "new_staff_mentor_coverage"],
            f"Coverage of trainees and new staff, {year}",
        ),
    )
    chart(
        charts.bars(
            year_groups, "mentors_per_100_staff", "group_name", f"Mentors per 100 teaching staff, {year}"
        )
    )
with who:
    roles = only(warehouse.mentor_mix(grouping, "employed_role"), year=year)
    two_charts(
        charts.stacked_shares(
            roles[roles["employed_role"] != ALL],
            "group_name",
            "employed_role",
            "mentors",
            f"Mentors' main job, {year}",
        ),
        charts.trend(all_years, "pct_specialist_mentors", "Share of mentors who are subject specialists"),
    )
with onside:
    st.caption(
        "ONSIDE mentoring is off-line (not the mentee's line manager) and non-judgemental "
        "(no graded observations). Each breach is shown separately."
    )
    two_charts(
        charts.compare_bars(
            year_groups,
            "group_name",
            ["pct_line_managing", "pct_grading"],
            f"Mentors breaching ONSIDE, {year}",
        ),
        charts.trend(
            all_years, "onside_offline_nonjudgemental", "Mentors who are off-line and non-judgemental"
        ),
    )
with training:
    reasons = year_groups[["group_name", *REASON_COLUMNS]].melt(
        id_vars=["group_name"], var_name="reason", value_name="declines"
    )
    reasons["reason"] = reasons["reason"].map(lambda column: label(column).removeprefix("Reason: "))
    two_charts(
        charts.compare_bars(
            year_groups,
            "group_name",
            ["training_takeup_rate", "training_completion_rate", "training_decline_rate"],
            f"Mentor training take-up, completion and decline, {year}",
        ),
        charts.stacked_shares(
            reasons, "group_name", "reason", "declines", f"Why training was declined or withdrawn, {year}"
        ),
    )
    chart(
        charts.bars(
            year_groups,
            "pct_accredited_completions",
            "group_name",
            f"Accredited share of completed training, {year}",
        )
    )
with recognition:
    pay = only(warehouse.mentor_mix(grouping, "arrangement"), year=year)
    two_charts(
        charts.stacked_shares(
            pay[pay["arrangement"] != ALL],
            "group_name",
            "arrangement",
            "mentors",
            f"How mentoring time is recognised, {year}",
        ),
        charts.bars(
            year_groups,
            "pct_meeting_20h_benchmark",
            "group_name",
            f"Mentors with remission meeting 20 hours per mentee, {year}",
        ),
    )
with retention:
    two_charts(
        charts.compare_bars(
            year_groups,
            "group_name",
            ["leaver_rate_mentored", "leaver_rate_unmentored"],
            f"Leaver rate of mentored and unmentored staff, {year}",
        ),
        charts.trend(all_years, "leaver_rate", "Leaver rate of teaching staff"),
    )

st.subheader(f"Indicators by {grouping.replace('_', ' ')}, {year}")
table(
    ctx,
    year_groups,
    [
        "group_name",
        "providers",
        "mentors",
        "trainee_mentor_coverage",
        "new_staff_mentor_coverage",
        "mentors_per_100_staff",
        "pct_specialist_mentors",
        "pct_mentors_managers",
        "pct_line_managing",
        "pct_grading",
        "onside_offline_nonjudgemental",
        "pct_mentors_trained",
        "training_takeup_rate",
        "training_completion_rate",
        "training_decline_rate",
        "pct_accredited_completions",
        "pct_remunerated",
        "median_remitted_hours_per_mentee",
        "pct_meeting_20h_benchmark",
        "leaver_rate",
        "leaver_rate_mentored",
        "leaver_rate_unmentored",
    ],
    f"quality_by_{grouping}_{year}",
)
