"""Write the funder's four reference files of spec section 2 for a synthetic sector."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from mpo.sector.population import Population
from mpo.sector.windows import collection_window, not_yet_open_year, realistic_close, year_start


def write_reference(folder: Path, population: Population, years: list[str], generated_at: datetime) -> None:
    """providers.csv, allocations.csv, partnerships.csv and collection_years.csv, rows in a fixed order."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(
        folder / "providers.csv",
        ("ukprn", "provider_name", "provider_type", "region", "partnerships", "open_date", "close_date"),
        [
            (
                p.ukprn,
                p.provider_name,
                p.provider_type,
                p.region,
                ";".join(p.partnerships),
                p.open_date.isoformat(),
                p.close_date.isoformat() if p.close_date else "",
            )
            for p in sorted(population.providers, key=lambda p: p.ukprn)
        ],
    )
    _write(
        folder / "allocations.csv",
        ("ukprn", "year", "stream", "allocated_gbp"),
        [
            (ukprn, year, stream, f"{pounds:.2f}")
            for (ukprn, year, stream), pounds in sorted(
                population.allocations.items(), key=lambda item: (item[0][1], item[0][0], item[0][2])
            )
        ],
    )
    _write(
        folder / "partnerships.csv",
        ("partnership_code", "partnership_name", "lead_ukprn"),
        [(p.code, p.name, p.lead_ukprn) for p in population.partnerships],
    )
    windows = [(year, *collection_window(year, generated_at)) for year in years]
    future = not_yet_open_year(generated_at)  # listed but not yet open: returns for it fail SUB04
    windows.append((future, year_start(future), realistic_close(future)))
    _write(
        folder / "collection_years.csv",
        ("year", "opens", "closes"),
        [(year, opens.isoformat(), closes.isoformat()) for year, opens, closes in windows],
    )


def _write(path: Path, header: tuple[str, ...], rows: list[tuple]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
