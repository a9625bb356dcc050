"""Every figure the dashboards show: its label, its unit and, for a ratio, what it is a ratio of.

One catalogue drives three things so they cannot disagree: the column headings people read,
how a value is formatted (a share is stored as a fraction and shown as a percentage), and how
disclosure control treats it (a count is suppressed when small; a ratio when its numerator or
denominator is; a money total or a quartile when too few providers contribute to it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["count", "share", "per100", "gbp", "hours", "ratio"]
QUARTILE_SUFFIXES = {"_p25": "lower quartile", "_p50": "median", "_p75": "upper quartile"}


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    unit: Unit
    numerator: str | None = None
    denominator: str | None = None

    @property
    def is_ratio(self) -> bool:
        return self.denominator is not None

    @property
    def is_additive(self) -> bool:
        """Sums over providers, so parts add up to a total (what secondary suppression protects)."""
        return not self.is_ratio and self.unit in ("count", "gbp")


def _count(name: str, label: str) -> Measure:
    return Measure(name, label, "count")


def _share(name: str, label: str, numerator: str, denominator: str) -> Measure:
    return Measure(name, label, "share", numerator, denominator)


def _money(name: str, label: str) -> Measure:
    return Measure(name, label, "gbp")


_MEASURES = [
    _count("providers", "Providers"),
    _count("providers_with_mentoring_policy", "Providers with a mentoring policy"),
    # two different counts: per provider over all its external streams, and per stream
    _count("providers_with_spending_plan", "Providers with a plan for every external stream"),
    _count("providers_with_stream_plan", "Providers with a plan for the stream"),
    _count("teaching_staff", "Teaching staff"),
    _count("trainee_teachers", "Trainee teachers"),
    _count("trainees_with_mentor", "Trainees with a mentor"),
    _count("new_staff", "New staff"),
    _count("new_staff_with_mentor", "New staff with a mentor"),
    _count("leavers", "Leavers"),
    _count("leavers_mentored", "Leavers who had a mentor"),
    _count("leavers_unmentored", "Leavers who had no mentor"),
    _count("mentored_staff", "Mentored staff"),
    _count("unmentored_staff", "Staff without a mentor"),
    _count("mentors", "Mentors"),
    _count("specialist_mentors", "Specialist mentors"),
    _count("manager_mentors", "Mentors who are managers"),
    _count("line_managing_mentors", "Mentors line-managing a mentee"),
    _count("grading_mentors", "Mentors grading observations"),
    _count("onside_mentors", "ONSIDE mentors (neither)"),
    _count("trained_mentors", "Mentors trained"),
    _count("remunerated_mentors", "Mentors paid or remitted"),
    _count("remission_mentors", "Mentors with remission"),
    _count("benchmark_scope_mentors", "Mentors with remission and mentees"),
    _count("benchmark_mentors", "Mentors meeting 20 h per mentee"),
    _count("active_mentees", "Active mentees"),
    _count("training_rows", "Training offers"),
    _count("training_started", "Training started"),
    _count("training_completed", "Training completed"),
    _count("training_declined_withdrawn", "Training declined or withdrawn"),
    _count("accredited_completions", "Accredited completions"),
    _count("reason_time", "Reason: time"),
    _count("reason_cost", "Reason: cost"),
    _count("reason_relevance", "Reason: relevance"),
    _count("reason_release", "Reason: release"),
    _count("reason_other", "Reason: other"),
    _count("declines", "Declined or withdrawn"),
    _count("external_streams", "External funding streams"),
    _count("streams_with_plan", "Streams with a written plan"),
    _count("stream_returns", "Providers reporting the stream"),
    _count("submissions", "Files received"),
    _count("issues", "Issues"),
    _count("expected", "Returns expected"),
    _count("accepted", "Accepted"),
    _count("rejected", "Rejected only"),
    _count("missing", "Missing"),
    _count("not_expected", "Not expected"),
    _count("late", "Late"),
    _count("registered", "Providers in the register"),
    _count("specialist_mentors_with_capacity", "Specialist mentors with capacity"),
    _count("mentors_with_capacity", "Mentors with capacity"),
    _count("spare_mentee_places", "Spare mentee places"),
    _money("external_allocated_gbp", "Allocated (provider-reported)"),
    _money("funder_allocated_gbp", "Allocated (funder)"),
    _money("allocated_gbp", "Allocated to the stream (provider-reported)"),
    _money("external_spent_gbp", "Evidenced spend of external money"),
    _money("own_spent_gbp", "Spend from own budget"),
    _money("total_spent_gbp", "Total evidenced spend"),
    _money("spent_gbp", "Evidenced spend"),
    _money("unspent_gbp", "Unspent"),
    _money("allocation_gap_gbp", "Gap: reported minus funder allocation"),
    _money("spend_training_cover_remission_gbp", "Training, cover and remission spend"),
    Measure("mentors_per_100_staff", "Mentors per 100 staff", "per100", "mentors", "teaching_staff"),
    _share("trainee_mentor_coverage", "Trainee coverage", "trainees_with_mentor", "trainee_teachers"),
    _share("new_staff_mentor_coverage", "New staff coverage", "new_staff_with_mentor", "new_staff"),
    _share("pct_specialist_mentors", "Specialist share", "specialist_mentors", "mentors"),
    _share("pct_mentors_managers", "Manager share", "manager_mentors", "mentors"),
    _share("pct_line_managing", "Line-manage a mentee (ONSIDE breach)", "line_managing_mentors", "mentors"),
    _share("pct_grading", "Grade observations (ONSIDE breach)", "grading_mentors", "mentors"),
    _share("onside_offline_nonjudgemental", "Off-line and non-judgemental", "onside_mentors", "mentors"),
    _share("pct_mentors_trained", "Trained share", "trained_mentors", "mentors"),
    _share("training_takeup_rate", "Training take-up", "training_started", "training_rows"),
    _share("training_completion_rate", "Training completion", "training_completed", "training_started"),
    _share("training_decline_rate", "Training decline rate", "training_declined_withdrawn", "training_rows"),
    _share(
        "pct_accredited_completions",
        "Accredited share of completions",
        "accredited_completions",
        "training_completed",
    ),
    _share("pct_remunerated", "Paid or remitted share", "remunerated_mentors", "mentors"),
    _share(
        "pct_meeting_20h_benchmark",
        "Meeting the 20-hour benchmark",
        "benchmark_mentors",
        "benchmark_scope_mentors",
    ),
    Measure(
        "median_remitted_hours_per_mentee",
        "Median remitted hours per mentee",
        "hours",
        None,
        "remission_mentors",
    ),
    Measure(
        "cost_per_mentor_trained",
        "Cost per mentor trained",
        "gbp",
        "spend_training_cover_remission_gbp",
        "trained_mentors",
    ),
    _share("leaver_rate", "Leaver rate", "leavers", "teaching_staff"),
    _share("leaver_rate_mentored", "Leaver rate, mentored staff", "leavers_mentored", "mentored_staff"),
    _share(
        "leaver_rate_unmentored",
        "Leaver rate, staff without a mentor",
        "leavers_unmentored",
        "unmentored_staff",
    ),
    _share(
        "funding_utilisation", "Share of external money spent", "external_spent_gbp", "external_allocated_gbp"
    ),
    _share("stream_utilisation", "Share of the stream spent", "spent_gbp", "allocated_gbp"),
    _share("share_of_spend", "Share of spend", "spent_gbp", "category_total_gbp"),
    _money("category_total_gbp", "All evidenced spend"),
    _share("plan_share", "Share with a written plan", "providers_with_stream_plan", "providers"),
    _share("accepted_share", "Share of expected returns accepted", "accepted_expected", "expected"),
    _count("accepted_expected", "Expected returns accepted"),
]

CATALOGUE: dict[str, Measure] = {measure.name: measure for measure in _MEASURES}

# The sector's headline figures on the Quality page; they lead the main indicators.
QUALITY_HEADLINES = (
    "trainee_mentor_coverage",
    "new_staff_mentor_coverage",
    "mentors_per_100_staff",
    "pct_specialist_mentors",
    "onside_offline_nonjudgemental",
    "pct_mentors_trained",
)

# The indicators compared member by member against the sector's quartiles.
MAIN_INDICATORS = (
    *QUALITY_HEADLINES,
    "training_takeup_rate",
    "pct_remunerated",
    "pct_meeting_20h_benchmark",
    "leaver_rate",
    "leaver_rate_mentored",
    "leaver_rate_unmentored",
    "funding_utilisation",
    "cost_per_mentor_trained",
)


def measure(column: str) -> Measure | None:
    """The catalogue entry of a column; a quartile column (``x_p25``) is labelled after ``x``.

    A quartile is a figure about the providers of a group, not a ratio of the group's sums, so it
    carries no numerator or denominator: disclosure treats it as a group figure.
    """
    if column in CATALOGUE:
        return CATALOGUE[column]
    for suffix, words in QUARTILE_SUFFIXES.items():
        base = CATALOGUE.get(column.removesuffix(suffix)) if column.endswith(suffix) else None
        if base is not None:
            return Measure(column, f"{base.label} ({words})", base.unit)
    return None


def label(column: str) -> str:
    found = measure(column)
    return found.label if found else KEY_LABELS.get(column, column.replace("_", " ").capitalize())


KEY_LABELS = {
    "year": "Year",
    "region": "Region",
    "provider_type": "Provider type",
    "provider_type_name": "Provider type",
    "partnership_code": "Partnership",
    "partnership_name": "Partnership",
    "group": "Group",
    "group_name": "Group",
    "stream": "Funding stream",
    "category": "Spend category",
    "ukprn": "UKPRN",
    "provider_name": "Provider",
    "rule_id": "Rule",
    "severity": "Severity",
    "status": "Status",
    "subject_area_name": "Subject area",
    "employed_role": "Main job",
    "arrangement": "Arrangement",
    "file_name": "File",
    "received_at": "Received",
    "error_count": "Errors",
    "warning_count": "Warnings",
    "submission_id": "Submission",
    "part": "Part",
    "row_number": "Row",
    "column_name": "Column",
    "value": "Value",
    "message": "What to change",
    "is_late": "Late",
    "last_received_at": "Last file received",
    "files_received": "Files received",
    "rejected_files": "Rejected files",
    "position": "Against the sector",
    "indicator": "Indicator",
    "mentor_type": "Mentor type",
    "reason": "Reason",
}


# Codes of schemas/codes.py as people read them in charts (tables and downloads keep the codes).
CODE_LABELS = {
    "ITT_ALLOCATION": "ITT allocation",
    "MENTOR_GRANT": "Mentor grant",
    "PARTNERSHIP_GRANT": "Partnership grant",
    "OWN": "Own budget",
    "OTHER": "Other",
    "MGR": "Manager",
    "SNR": "Senior teacher",
    "TCH": "Teacher or tutor",
    "TED": "Teacher educator",
    "OTH": "Other",
    "REMISSION": "Remission",
    "PAYMENT": "Payment",
    "BOTH": "Remission and payment",
    "NONE": "Not recognised",
    "remission": "Remission",
    "payments": "Payments",
    "training": "Training",
    "cover": "Cover",
    "coordination": "Coordination",
    "materials": "Materials",
    "other": "Other",
    "ERROR": "Error",
    "WARNING": "Warning",
}


def code_label(code: object) -> object:
    return CODE_LABELS.get(code, code) if isinstance(code, str) else code
