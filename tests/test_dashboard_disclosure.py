"""Disclosure control (spec section 6): primary and secondary suppression, ratios, GSS symbols."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboards.disclosure import ColumnsAddUp, DisclosureError, RowsAddUp, mark_missing, protect
from dashboards.downloads import tidy_csv


def regions(mentors: list[int], providers: list[int] | None = None) -> pd.DataFrame:
    """Regions A, B, C... of one year plus their total row ALL."""
    providers = providers or [10] * len(mentors)
    rows = [
        {"year": "2024-25", "group": chr(65 + i), "providers": p, "mentors": m}
        for i, (m, p) in enumerate(zip(mentors, providers, strict=True))
    ]
    rows.append({"year": "2024-25", "group": "ALL", "providers": sum(providers), "mentors": sum(mentors)})
    return pd.DataFrame(rows)


def hidden(frame: pd.DataFrame, column: str) -> list[str]:
    return list(frame.loc[frame[column] == "c", "group"])


def test_counts_below_five_are_suppressed():
    shown = protect(pd.DataFrame({"group": ["A", "B", "C"], "mentors": [0, 4, 5]}))
    assert list(shown["mentors"]) == ["c", "c", 5]


def test_a_single_suppressed_cell_is_not_left_recoverable_from_the_total():
    shown = protect(regions([3, 40, 12, 25]), [RowsAddUp("group", "ALL")])
    # without secondary suppression A = 80 - 40 - 12 - 25: the next smallest (C) is hidden too
    assert hidden(shown, "mentors") == ["A", "C"]
    assert shown.loc[shown["group"] == "ALL", "mentors"].item() == 80


def test_no_relation_is_left_with_exactly_one_hidden_cell():
    frame = regions([3, 40, 12, 25, 7, 2], providers=[6, 9, 3, 12, 8, 5])
    frame = pd.concat([frame, regions([30, 4, 22, 9, 11, 6]).assign(year="2025-26")], ignore_index=True)
    shown = protect(frame, [RowsAddUp("group", "ALL")])
    for _, year in shown.groupby("year"):
        for column in ("mentors", "providers"):
            assert (year[column] == "c").sum() != 1


def test_the_total_is_hidden_when_its_only_part_is():
    shown = protect(regions([3]), [RowsAddUp("group", "ALL")])
    assert list(shown["mentors"]) == ["c", "c"]


def test_columns_adding_up_to_a_total_column_are_protected_too():
    frame = pd.DataFrame(
        {
            "year": ["2024-25"],
            "accepted": [50],
            "rejected": [2],
            "missing": [9],
            "not_expected": [20],
            "registered": [81],
        }
    )
    shown = protect(frame, [ColumnsAddUp(("accepted", "rejected", "missing", "not_expected"), "registered")])
    assert shown.loc[0, "rejected"] == "c"
    assert shown.loc[0, "missing"] == "c"  # the next smallest, else 81 - 50 - 20 - missing = rejected
    assert shown.loc[0, "accepted"] == 50


def test_hidden_parts_adding_up_to_less_than_five_are_protected_too():
    frame = pd.DataFrame(
        {
            "year": ["2025-26"],
            "accepted": [30],
            "rejected": [6],
            "missing": [0],
            "not_expected": [0],
            "registered": [36],
        }
    )
    shown = protect(frame, [ColumnsAddUp(("accepted", "rejected", "missing", "not_expected"), "registered")])
    # 36 - 30 - 6 = 0 would tell that both hidden cells are 0: rejected is hidden as well
    assert list(shown.loc[0, ["accepted", "rejected", "missing", "not_expected"]]) == [30, "c", "c", "c"]


def test_a_ratio_is_hidden_when_its_denominator_is_small_or_its_numerator_hidden():
    frame = pd.DataFrame(
        {
            "group": ["A", "B", "C"],
            "mentors": [4, 40, 10],
            "grading_mentors": [2, 3, 6],
            "pct_grading": [0.5, 0.075, 0.6],
        }
    )
    shown = protect(frame)
    # A: denominator 4; B: numerator 3 would come back as 7.5% of 40; C: both safe
    assert list(shown["pct_grading"]) == ["c", "c", 0.6]


def test_money_and_quartiles_need_five_contributing_providers():
    frame = pd.DataFrame(
        {
            "group": ["A", "B"],
            "providers": [4, 9],
            "external_spent_gbp": [1000.0, 9000.0],
            "leaver_rate_p50": [0.1, 0.2],
        }
    )
    shown = protect(frame)
    assert list(shown["external_spent_gbp"]) == ["c", 9000.0]
    assert list(shown["leaver_rate_p50"]) == ["c", 0.2]


def test_money_without_a_count_of_providers_is_hidden_rather_than_guessed():
    shown = protect(pd.DataFrame({"group": ["A"], "spent_gbp": [123.0]}))
    assert shown.loc[0, "spent_gbp"] == "c"


def test_empty_figures_carry_gss_symbols():
    frame = pd.DataFrame(
        {
            "group": ["A"],
            "providers": [10],
            "mentors": [20],
            "grading_mentors": [6],
            "pct_grading": [None],
            "allocation_gap_gbp": [None],
        }
    )
    shown = mark_missing(frame)
    assert shown.loc[0, "pct_grading"] == "z"
    assert shown.loc[0, "allocation_gap_gbp"] == "x"


def test_for_the_public_a_zero_denominator_is_confidential_not_not_applicable():
    shown = protect(
        pd.DataFrame({"group": ["A"], "mentors": [0], "grading_mentors": [0], "pct_grading": [None]})
    )
    assert shown.loc[0, "pct_grading"] == "c"


def test_an_unknown_number_is_refused():
    with pytest.raises(DisclosureError, match="secret_count"):
        protect(pd.DataFrame({"group": ["A"], "secret_count": [1]}))


def test_downloads_keep_symbols_and_neutralise_formulas():
    frame = protect(pd.DataFrame({"group": ['=HYPERLINK("x")', "B"], "mentors": [3, 12]}))
    lines = tidy_csv(frame).decode().splitlines()
    assert lines[0] == "group,mentors"
    assert lines[1].startswith("\"'=HYPERLINK") and lines[1].endswith(",c")
    assert lines[2] == "B,12"
