"""Reference data of spec section 2, published by the funder: loaded and checked before use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from schemas.codes import REGIONS
from schemas.reference import (
    REFERENCE_FILES,
    ROW_CHECK_COLUMN,
    parse_money_pence,
    split_partnerships,
)

_SHOWN_VALUE = 100  # characters of an offending value quoted in a message


class ReferenceDataError(ValueError):
    """Reference data that cannot be used; the message lists every problem and what to change."""


@dataclass(frozen=True)
class Reference:
    """The four reference files, typed.

    providers: ukprn (int64), provider_name, provider_type, region, partnerships (';'-list, '' for none),
        open_date, close_date (datetime64, NaT when open)
    allocations: ukprn (int64), year, stream, allocated_gbp (Int64 whole pence)
    partnerships: partnership_code, partnership_name, lead_ukprn (Int64)
    collection_years: year, opens, closes (datetime64)
    """

    providers: pd.DataFrame
    allocations: pd.DataFrame
    partnerships: pd.DataFrame
    collection_years: pd.DataFrame


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a reference file; row counts the header as row 1."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        if self.value is not None:
            where.append(f"value {self.value[:_SHOWN_VALUE]!r}")
        return f"{', '.join(where)}: {self.message}"


def load_reference(folder: Path) -> Reference:
    """Read and check the four reference files; raise ReferenceDataError listing every problem."""
    problems: list[Problem] = []
    frames = {
        name: _read_checked(Path(folder) / name, model, problems) for name, model in REFERENCE_FILES.items()
    }
    problems.extend(_cross_file_problems(frames))
    if problems:
        listing = "\n".join(f"- {problem}" for problem in problems)
        raise ReferenceDataError(
            f"reference data in {folder} cannot be used ({len(problems)} problem(s)):\n{listing}"
        )
    return _typed(frames)


def _read_checked(path: Path, model: type[pa.DataFrameModel], problems: list[Problem]) -> pd.DataFrame | None:
    """The file as stripped text cells (None when unreadable), its model's problems recorded."""
    frame = _read_text(path, problems)
    if frame is not None:
        try:
            model.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            problems.extend(_model_problems(path.name, frame, errors.failure_cases))
    return frame


def _read_text(path: Path, problems: list[Problem]) -> pd.DataFrame | None:
    if not path.is_file():
        problems.append(Problem(path.name, None, None, None, f"the file is missing: add {path.name}"))
        return None
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(path.name, None, None, None, "save the file as UTF-8 text"))
        return None
    except (pd.errors.EmptyDataError, pd.errors.ParserError) as error:
        problems.append(
            Problem(
                path.name, None, None, None, f"make it a comma-separated file with a header row ({error})"
            )
        )
        return None
    frame.columns = [str(column).strip().lower() for column in frame.columns]
    return frame.apply(lambda column: column.str.strip())


def _model_problems(file_name: str, frame: pd.DataFrame, failures: pd.DataFrame) -> list[Problem]:
    problems = []
    seen: set[tuple[str, object]] = set()
    for failure in failures.itertuples(index=False):
        if failure.check == "column_in_dataframe":
            problems.append(
                Problem(
                    file_name,
                    1,
                    str(failure.failure_case),
                    None,
                    f"add the column {failure.failure_case!r} to the header row",
                )
            )
            continue
        column = ROW_CHECK_COLUMN.get(failure.check, failure.column)
        # A whole-row check is reported once per failing column by pandera; one line per row is enough.
        if (failure.check, failure.index) in seen or column not in frame:
            continue
        seen.add((failure.check, failure.index))
        row = int(failure.index)
        problems.append(Problem(file_name, row + 2, column, frame.at[row, column], str(failure.check)))
    return sorted(problems, key=lambda p: (p.row or 0, p.column or "", p.message))


def _column(frames: dict[str, pd.DataFrame | None], file_name: str, column: str) -> pd.Series | None:
    frame = frames[file_name]
    return None if frame is None or column not in frame else frame[column]


def _cross_file_problems(frames: dict[str, pd.DataFrame | None]) -> list[Problem]:
    """Checks between files, run on whatever could be read so every problem shows at once."""
    problems = []
    codes = _column(frames, "partnerships.csv", "partnership_code")
    if codes is not None:
        known_codes = {code.upper() for code in codes}
        for row, text in _items(_column(frames, "providers.csv", "partnerships")):
            unknown = [code for code in split_partnerships(text) if code not in known_codes]
            if unknown:
                problems.append(
                    Problem(
                        "providers.csv",
                        row + 2,
                        "partnerships",
                        text,
                        f"unknown partnership code(s) {', '.join(unknown)}: use codes listed "
                        "in partnerships.csv, or add those partnerships there",
                    )
                )
    ukprns = _column(frames, "providers.csv", "ukprn")
    if ukprns is None:
        return problems
    known_ukprns = set(ukprns)
    for row, ukprn in _items(_column(frames, "allocations.csv", "ukprn")):
        if ukprn not in known_ukprns:
            problems.append(
                Problem(
                    "allocations.csv",
                    row + 2,
                    "ukprn",
                    ukprn,
                    "no provider has this UKPRN: add it to providers.csv or correct it",
                )
            )
    for row, lead in _items(_column(frames, "partnerships.csv", "lead_ukprn")):
        if lead and lead not in known_ukprns:
            problems.append(
                Problem(
                    "partnerships.csv",
                    row + 2,
                    "lead_ukprn",
                    lead,
                    "the lead is not a provider: add it to providers.csv or correct it",
                )
            )
    return problems


def _items(column: pd.Series | None) -> list[tuple[int, str]]:
    return [] if column is None else list(column.items())


def _typed(frames: dict[str, pd.DataFrame]) -> Reference:
    canonical_region = {region.lower(): region for region in REGIONS}
    raw = frames["providers.csv"]
    providers = pd.DataFrame(
        {
            "ukprn": raw["ukprn"].astype("int64"),
            "provider_name": raw["provider_name"],
            "provider_type": raw["provider_type"].str.upper(),
            "region": raw["region"].str.lower().map(canonical_region),
            "partnerships": raw["partnerships"].map(lambda text: ";".join(split_partnerships(text))),
            "open_date": pd.to_datetime(raw["open_date"], format="%Y-%m-%d"),
            "close_date": pd.to_datetime(raw["close_date"].replace("", None), format="%Y-%m-%d"),
        }
    )
    raw = frames["allocations.csv"]
    allocations = pd.DataFrame(
        {
            "ukprn": raw["ukprn"].astype("int64"),
            "year": raw["year"],
            "stream": raw["stream"].str.upper(),
            "allocated_gbp": pd.array(raw["allocated_gbp"].map(parse_money_pence).tolist(), dtype="Int64"),
        }
    )
    raw = frames["partnerships.csv"]
    partnerships = pd.DataFrame(
        {
            "partnership_code": raw["partnership_code"].str.upper(),
            "partnership_name": raw["partnership_name"],
            "lead_ukprn": pd.array(
                [int(lead) if lead else None for lead in raw["lead_ukprn"]], dtype="Int64"
            ),
        }
    )
    raw = frames["collection_years.csv"]
    collection_years = pd.DataFrame(
        {
            "year": raw["year"],
            "opens": pd.to_datetime(raw["opens"], format="%Y-%m-%d"),
            "closes": pd.to_datetime(raw["closes"], format="%Y-%m-%d"),
        }
    )
    return Reference(providers, allocations, partnerships, collection_years)
