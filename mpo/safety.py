"""Neutralising text a spreadsheet would run as a formula (spec rule SEC01), for every export and screen."""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix a formula-like value with a quote so spreadsheets show it as text."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def neutralise_sql(column: str) -> str:
    """The same rule as ``neutralise`` in DuckDB SQL, for exports written by the database."""
    return (
        f"case when left({column}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) "
        f"then '''' || {column} else {column} end"
    )
