"""Disclosure control for the public audience (spec section 6), with GSS symbols.

Method, in three steps over one table at a time:

1. Primary suppression. A count below 5 is shown as ``c``. A figure about a group of providers
   that is not a count (a money total, a median, a quartile) is ``c`` when fewer than 5
   providers contribute to it, because with one or two providers it is their own figure.
2. Secondary suppression. Cells that add up to a published total (regions to England,
   statuses to all providers) form a relation. If exactly one cell of a relation is hidden,
   the total minus the others gives it back; if several hidden parts add up to less than 5,
   the total gives back their sum, and with it each of them (two hidden zeros are both 0).
   Either way the smallest visible part of the relation is hidden too (the total itself only
   when no part is left). This repeats until no relation gives anything back, because hiding a
   cell can expose another relation it belongs to.
3. Ratios. A ratio (share, rate, per-100, cost per head) is ``c`` when its numerator or its
   denominator is hidden, and so always when its denominator is below 5: shown beside its
   denominator it would give the hidden numerator back.

Not applicable (a ratio whose denominator is 0, a median of nobody) is ``z``; a figure the
warehouse does not hold is ``x``. For the public a cell that is both small and empty is ``c``:
``z`` would tell that the denominator was 0.

What the method does not cover: differencing between two different tables (e.g. a partnership
against a region sharing most providers), which the dashboards limit by showing the public
only whole-sector, regional, provider-type and partnership aggregates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboards.measures import KEY_LABELS, Measure, measure

SUPPRESSED = "c"
NOT_APPLICABLE = "z"
NOT_AVAILABLE = "x"
SYMBOLS = (SUPPRESSED, NOT_APPLICABLE, NOT_AVAILABLE)
THRESHOLD = 5
CONTRIBUTORS = "providers"

Cell = tuple[int, str]


class DisclosureError(RuntimeError):
    """A table holds a figure whose kind is unknown: refuse rather than publish it unchecked."""


@dataclass(frozen=True)
class RowsAddUp:
    """Rows whose ``key`` is ``total`` hold the sum of the other rows with the same ``within`` values."""

    key: str
    total: str
    within: tuple[str, ...] = ("year",)
    columns: tuple[str, ...] | None = None  # the columns that add up; None: every additive column


@dataclass(frozen=True)
class ColumnsAddUp:
    """In every row, the ``parts`` columns add up to the ``total`` column."""

    parts: tuple[str, ...]
    total: str


Additivity = RowsAddUp | ColumnsAddUp


def is_symbol(value: object) -> bool:
    return isinstance(value, str) and value in SYMBOLS


def protect(frame: pd.DataFrame, totals: Sequence[Additivity] = ()) -> pd.DataFrame:
    """The table as the public may see it: small cells and what would give them away are ``c``."""
    table = frame.reset_index(drop=True)
    measures = _measures(table)
    # plain arrays, not frames: secondary suppression visits cells one by one, many times over
    values = {column: _numbers(table[column]).to_numpy(dtype=float, na_value=np.nan) for column in table}
    hidden = _primary(table, measures, values)
    _secondary(values, hidden, list(_relations(table, measures, totals)))
    _ratios(table, measures, values, hidden)
    return _with_symbols(table, measures, hidden)


def mark_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """For audiences without suppression: only the ``z``/``x`` symbols for empty figures."""
    table = frame.reset_index(drop=True)
    return _with_symbols(table, _measures(table), {column: np.zeros(len(table), bool) for column in table})


def _measures(table: pd.DataFrame) -> dict[str, Measure]:
    found = {}
    for column in table.columns:
        entry = measure(column)
        if entry is not None:
            found[column] = entry
        elif column in KEY_LABELS or column == "group":
            continue  # identifiers and labels, not figures (the data layer keeps identifiers from the public)
        elif pd.api.types.is_numeric_dtype(table[column]) and not pd.api.types.is_bool_dtype(table[column]):
            raise DisclosureError(f"column {column!r} is a number the measure catalogue does not know")
    return found


def _numbers(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce")


Hidden = dict[str, np.ndarray]  # column -> which rows are hidden
Values = dict[str, np.ndarray]  # column -> the cells as floats (NaN: empty or not a number)


def _primary(table: pd.DataFrame, measures: dict[str, Measure], values: Values) -> Hidden:
    hidden = {column: np.zeros(len(table), bool) for column in table}
    contributors = values.get(CONTRIBUTORS)
    for column, entry in measures.items():
        if entry.unit == "count" and not entry.is_ratio:
            hidden[column] = ~(values[column] >= THRESHOLD)  # NaN compares false: hidden
        elif not entry.is_ratio:
            # a group figure: too few providers behind it, or no way to tell (fail closed)
            few = np.ones(len(table), bool) if contributors is None else ~(contributors >= THRESHOLD)
            hidden[column] = few
    return hidden


def _relations(table: pd.DataFrame, measures: dict[str, Measure], totals: Iterable[Additivity]):
    """Each relation is (parts, total): cells whose values add up to the total cell."""
    additive = [column for column, entry in measures.items() if entry.is_additive]
    for rule in totals:
        if isinstance(rule, ColumnsAddUp):
            for row in range(len(table)):
                yield [(row, part) for part in rule.parts], (row, rule.total)
            continue
        is_total = (table[rule.key].astype(str) == rule.total).to_numpy()
        groups = (
            table.groupby(list(rule.within), sort=False, dropna=False).indices
            if rule.within
            else {(): np.arange(len(table))}
        )
        for rows in groups.values():
            total_rows = [int(row) for row in rows if is_total[row]]
            part_rows = [int(row) for row in rows if not is_total[row]]
            for total_row in total_rows:
                for column in rule.columns if rule.columns is not None else additive:
                    yield [(row, column) for row in part_rows], (total_row, column)


def _secondary(values: Values, hidden: Hidden, relations: list[tuple[list[Cell], Cell]]) -> None:
    def is_hidden(cell: Cell) -> bool:
        return bool(hidden[cell[1]][cell[0]])

    def size(cell: Cell) -> float:
        value = values[cell[1]][cell[0]]
        return float("inf") if np.isnan(value) else float(value)

    changed = True
    while changed:
        changed = False
        for parts, total in relations:
            if not _recoverable(parts, total, is_hidden, size):
                continue
            visible_parts = [cell for cell in parts if not is_hidden(cell)]
            if not visible_parts and is_hidden(total):
                continue  # everything is hidden already
            row, column = min(visible_parts or [total], key=size)
            hidden[column][row] = True
            changed = True


def _recoverable(parts: list[Cell], total: Cell, is_hidden, size) -> bool:
    """Would the visible cells of this relation give a hidden part away?

    One hidden cell is recovered exactly by subtraction. Several hidden parts whose sum is below
    the threshold are too: the total minus the visible parts gives their sum, and counts of
    which the sum is 0-4 are each 0-4 (hidden zeros all come back as zeros).
    """
    hidden_parts = [cell for cell in parts if is_hidden(cell)]
    if len(hidden_parts) + is_hidden(total) == 1:
        return True
    if not hidden_parts or is_hidden(total):
        return False
    return sum(size(cell) for cell in hidden_parts) < THRESHOLD


def _ratios(table: pd.DataFrame, measures: dict[str, Measure], values: Values, hidden: Hidden) -> None:
    for column, entry in measures.items():
        if not entry.is_ratio:
            continue
        blocked = np.zeros(len(table), bool)
        for source in (entry.numerator, entry.denominator):
            if source is None:
                continue
            if source not in table:
                # without the numerator or denominator at hand the ratio cannot be judged: hide it
                blocked |= True
                continue
            blocked |= hidden[source]
        if entry.denominator in table:
            blocked |= ~(values[entry.denominator] >= THRESHOLD)
        hidden[column] = blocked


def _with_symbols(table: pd.DataFrame, measures: dict[str, Measure], hidden: Hidden) -> pd.DataFrame:
    shown = table.astype(object)
    for column, entry in measures.items():
        empty_symbol = (
            NOT_APPLICABLE if entry.is_ratio or entry.unit in ("hours", "share", "per100") else NOT_AVAILABLE
        )
        cells = shown[column].to_numpy(dtype=object, copy=True)
        cells[table[column].isna().to_numpy()] = empty_symbol
        cells[hidden[column]] = SUPPRESSED
        shown[column] = cells
    return shown
