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
    hidden = _primary(table, measures)
    _secondary(table, measures, hidden, list(_relations(table, measures, totals)))
    _ratios(table, measures, hidden)
    return _with_symbols(table, measures, hidden)


def mark_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """For audiences without suppression: only the ``z``/``x`` symbols for empty figures."""
    table = frame.reset_index(drop=True)
    return _with_symbols(
        table, _measures(table), pd.DataFrame(False, index=table.index, columns=table.columns)
    )


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


def _primary(table: pd.DataFrame, measures: dict[str, Measure]) -> pd.DataFrame:
    hidden = pd.DataFrame(False, index=table.index, columns=table.columns)
    contributors = _numbers(table[CONTRIBUTORS]) if CONTRIBUTORS in table else None
    for column, entry in measures.items():
        values = _numbers(table[column])
        if entry.unit == "count" and not entry.is_ratio:
            hidden[column] = values.isna() | (values < THRESHOLD)
        elif not entry.is_ratio:
            # a group figure: too few providers behind it, or no way to tell (fail closed)
            hidden[column] = (
                True if contributors is None else (contributors.isna() | (contributors < THRESHOLD))
            )
    return hidden


def _relations(table: pd.DataFrame, measures: dict[str, Measure], totals: Iterable[Additivity]):
    """Each relation is (parts, total): cells whose values add up to the total cell."""
    additive = [column for column, entry in measures.items() if entry.is_additive]
    for rule in totals:
        if isinstance(rule, ColumnsAddUp):
            for row in table.index:
                yield [(row, part) for part in rule.parts], (row, rule.total)
            continue
        is_total = table[rule.key].astype(str) == rule.total
        groups = (
            table.groupby(list(rule.within), sort=False, dropna=False).groups
            if rule.within
            else {(): table.index}
        )
        for rows in groups.values():
            total_rows = [row for row in rows if is_total[row]]
            part_rows = [row for row in rows if not is_total[row]]
            for total_row in total_rows:
                for column in rule.columns if rule.columns is not None else additive:
                    yield [(row, column) for row in part_rows], (total_row, column)


def _secondary(
    table: pd.DataFrame,
    measures: dict[str, Measure],
    hidden: pd.DataFrame,
    relations: list[tuple[list[Cell], Cell]],
) -> None:
    changed = True
    while changed:
        changed = False
        for parts, total in relations:
            if not _recoverable(table, hidden, parts, total):
                continue
            visible_parts = [cell for cell in parts if not hidden.at[cell]]
            if not visible_parts and hidden.at[total]:
                continue  # everything is hidden already
            candidates = visible_parts or [total]
            smallest = min(candidates, key=lambda cell: _sort_value(table.at[cell]))
            hidden.at[smallest] = True
            changed = True


def _recoverable(table: pd.DataFrame, hidden: pd.DataFrame, parts: list[Cell], total: Cell) -> bool:
    """Would the visible cells of this relation give a hidden part away?

    One hidden cell is recovered exactly by subtraction. Several hidden parts whose sum is below
    the threshold are too: the total minus the visible parts gives their sum, and counts of
    which the sum is 0-4 are each 0-4 (hidden zeros all come back as zeros).
    """
    hidden_cells = [cell for cell in (*parts, total) if hidden.at[cell]]
    if len(hidden_cells) == 1:
        return True
    hidden_parts = [cell for cell in parts if hidden.at[cell]]
    if not hidden_parts or hidden.at[total]:
        return False
    return sum(_sort_value(table.at[cell]) for cell in hidden_parts) < THRESHOLD


def _sort_value(value: object) -> float:
    number = pd.to_numeric(value, errors="coerce")
    return float("inf") if pd.isna(number) else float(number)


def _ratios(table: pd.DataFrame, measures: dict[str, Measure], hidden: pd.DataFrame) -> None:
    for column, entry in measures.items():
        if not entry.is_ratio:
            continue
        blocked = pd.Series(False, index=table.index)
        for source in (entry.numerator, entry.denominator):
            if source is None:
                continue
            if source not in table:
                # without the numerator or denominator at hand the ratio cannot be judged: hide it
                blocked |= True
                continue
            blocked |= hidden[source]
        denominator = _numbers(table[entry.denominator]) if entry.denominator in table else None
        if denominator is not None:
            blocked |= denominator.isna() | (denominator < THRESHOLD)
        hidden[column] = blocked


def _with_symbols(table: pd.DataFrame, measures: dict[str, Measure], hidden: pd.DataFrame) -> pd.DataFrame:
    shown = table.astype(object).copy()
    for column, entry in measures.items():
        empty = table[column].isna()
        empty_symbol = (
            NOT_APPLICABLE if entry.is_ratio or entry.unit in ("hours", "share", "per100") else NOT_AVAILABLE
        )
        shown.loc[empty, column] = empty_symbol
        shown.loc[hidden[column], column] = SUPPRESSED
    return shown
