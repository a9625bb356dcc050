"""Reference data of spec section 2, published by the funder: loaded and checked before use."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


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
