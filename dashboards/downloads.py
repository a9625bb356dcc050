"""Every table as a tidy CSV: one row per observation, snake_case headings, GSS symbols kept.

Text is neutralised (spec SEC01) so a spreadsheet never runs a provider's value as a formula;
numbers stay unformatted (shares as fractions, money in pounds) so the file can be analysed.
"""

from __future__ import annotations

import io

import pandas as pd

from dashboards.disclosure import is_symbol
from mpo.safety import neutralise


def _cell(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return value if is_symbol(value) else neutralise(value)
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def tidy_csv(frame: pd.DataFrame, columns: list[str] | None = None) -> bytes:
    chosen = frame[columns] if columns else frame
    cleaned = pd.DataFrame(
        {neutralise(str(column)): [_cell(v) for v in chosen[column]] for column in chosen.columns}
    )
    buffer = io.StringIO()
    cleaned.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def file_name(table: str, build_id: str) -> str:
    return f"mpo_{table}_{build_id}.csv"
