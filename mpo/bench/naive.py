"""The baseline: how a first implementation would validate, one file at a time with default settings.

pandas reads each file (openpyxl for workbooks), and one plain pandera ``DataFrameSchema`` per
part, built straight from ``schemas.parts``, checks it lazily with type coercion. It covers the
column-level rules only (types, ranges, codes, required), so it does less than MPO's validation:
a ratio above one is our advantage even before counting the rules the baseline leaves out.
"""

from __future__ import annotations

import io
import time
import warnings
import zipfile
from functools import cache
from pathlib import Path, PurePosixPath

import pandas as pd
import pandera.pandas as pa

from schemas import codes
from schemas.parts import PARTS, Column, Part

_DTYPES = {"ukprn": "Int64", "int": "Int64", "decimal": float, "money": float, "date": "datetime64[ns]"}


def _upper(values: pd.Series) -> pd.Series:
    return values.astype(str).str.strip().str.upper()


def _checks(column: Column) -> list[pa.Check]:
    checks = []
    if column.minimum is not None:
        checks.append(pa.Check.ge(column.minimum))
    if column.maximum is not None:
        checks.append(pa.Check.le(column.maximum))
    if column.kind == "code":
        checks.append(pa.Check(lambda s, allowed=column.codes: _upper(s).isin(allowed)))
    if column.kind == "codes":
        checks.append(pa.Check(lambda s, allowed=column.codes: s.astype(str).map(
            lambda text: all(code.strip().upper() in allowed for code in text.split(";")))))
    if column.kind == "yesno":
        checks.append(pa.Check(lambda s: _upper(s).isin(codes.YES + codes.NO)))
    if column.max_length:
        checks.append(pa.Check.str_length(max_value=column.max_length))
    return checks


@cache
def part_schema(part: Part) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            column.name: pa.Column(_DTYPES.get(column.kind, object), checks=_checks(column),
                                   nullable=not column.required, required=column.required,
                                   coerce=column.kind in _DTYPES)
            for column in part.columns
        },
        name=part.name,
    )


def read_parts(path: Path) -> dict[str, pd.DataFrame]:
    """Each sheet or member as a DataFrame, by lower-cased part name."""
    if path.suffix.lower() == ".xlsx":
        sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
        return {name.strip().lower(): frame for name, frame in sheets.items()}
    with zipfile.ZipFile(path) as archive:
        return {
            PurePosixPath(member).stem.lower(): pd.read_csv(io.BytesIO(archive.read(member)))
            for member in archive.namelist()
        }


def validate_file(path: Path) -> int:
    """Failure cases found in one file; an unreadable file or missing part counts as one."""
    try:
        frames = read_parts(path)
    except Exception:
        return 1
    failures = 0
    for name, part in PARTS.items():
        if name not in frames:
            failures += 1
            continue
        frame = frames[name].rename(columns=lambda heading: str(heading).strip().lower())
        try:
            part_schema(part).validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            failures += len(errors.failure_cases)
    return failures


def naive_validation(paths: list[Path]) -> tuple[float, int]:
    """(seconds, failure cases) to validate the files one at a time."""
    with warnings.catch_warnings():  # openpyxl and pandera warn per file; the baseline is judged on speed
        warnings.simplefilter("ignore")
        started = time.perf_counter()
        failures = sum(validate_file(path) for path in paths)
        return time.perf_counter() - started, failures
