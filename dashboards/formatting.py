"""Figures as people read them: shares as percentages, money in pounds, symbols left as they are."""

from __future__ import annotations

import pandas as pd

from dashboards.disclosure import is_symbol
from dashboards.measures import label, measure
from mpo.safety import neutralise


def format_value(column: str, value: object) -> str:
    """One cell as text; text from providers is neutralised (spec SEC01) on screen too."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if is_symbol(value):
        return str(value)
    entry = measure(column)
    if entry is None or isinstance(value, str) or isinstance(value, bool):
        return neutralise(str(value))
    number = float(value)
    if entry.unit == "share":
        return f"{number:.1%}"
    if entry.unit == "gbp":
        return f"-£{-number:,.0f}" if number < 0 else f"£{number:,.0f}"
    if entry.unit == "count":
        return f"{number:,.0f}"
    return f"{number:,.1f}"


def display_frame(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """The columns asked for, each cell formatted, headed by its label."""
    chosen = columns or list(frame.columns)
    shown = pd.DataFrame(
        {label(column): [format_value(column, value) for value in frame[column]] for column in chosen}
    )
    return shown


def numeric(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A copy where symbols become missing, for charts (a hidden figure is simply not drawn)."""
    copy = frame.copy()
    for column in columns:
        copy[column] = pd.to_numeric(copy[column].map(lambda v: None if is_symbol(v) else v), errors="coerce")
    return copy
