"""Reference data (spec section 2): good files load typed; bad ones are refused with every problem listed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from mpo.reference import ReferenceDataError, load_reference

GOOD = {
    "providers.csv": [
        "ukprn,provider_name,provider_type,region,partnerships,open_date,close_date",
        "10000001,Ashford College,GFE,London,LONCETT,1990-09-01,",
        "10000002,Upton Training Ltd,itp,south east,LONCETT;SECETT,2005-01-01,2024-07-31",
        "10000003,HMP Larkhill,PRISON,North East,,2000-04-01,",
    ],
    "allocations.csv": [
        "ukprn,year,stream,allocated_gbp",
        "10000001,2025-26,ITT_ALLOCATION,52341.00",
        '10000001,2025-26,PARTNERSHIP_GRANT,"£25,000"',
        '10000002,2023-24,ITT_ALLOCATION,"£1,250.50"',
        "10000002,2023-24,mentor_grant,6000",
    ],
    "partnerships.csv": [
        "partnership_code,partnership_name,lead_ukprn",
        "LONCETT,London CETT,10000001",
        "SECETT,South East CETT,",
    ],
    "collection_years.csv": [
        "year,opens,closes",
        "2023-24,2023-08-01,2027-11-23",
        "2025-26,2025-08-01,2027-11-23",
    ],
}


def write_reference(folder: Path, changes: dict[str, list[str] | None] | None = None) -> Path:
    """The good files with some replaced (None: left out)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in {**GOOD, **(changes or {})}.items():
        if lines is not None:
            (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def with_line(name: str, index: int, line: str) -> dict[str, list[str]]:
    """GOOD with line ``index`` (0 = header) of one file replaced."""
    lines = list(GOOD[name])
    lines[index] = line
    return {name: lines}


def refused(tmp_path: Path, changes: dict[str, list[str] | None]) -> str:
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(write_reference(tmp_path, changes))
    return str(caught.value)


def test_good_reference_loads_typed(tmp_path):
    reference = load_reference(write_reference(tmp_path))
    providers = reference.providers.set_index("ukprn")
    assert reference.providers["ukprn"].dtype == "int64"
    assert providers.loc[10000002, "provider_type"] == "ITP"  # codes upper-cased
    assert providers.loc[10000002, "region"] == "South East"  # regions in their canonical spelling
    assert providers.loc[10000002, "close_date"] == pd.Timestamp("2024-07-31")
    assert pd.isna(providers.loc[10000001, "close_date"])
    assert providers.loc[10000003, "partnerships"] == ""
    pence = reference.allocations.set_index(["ukprn", "stream"])["allocated_gbp"]
    assert str(reference.allocations["allocated_gbp"].dtype) == "Int64"
    assert pence[(10000001, "ITT_ALLOCATION")] == 5_234_100
    assert pence[(10000001, "PARTNERSHIP_GRANT")] == 2_500_000
    assert pence[(10000002, "ITT_ALLOCATION")] == 125_050  # £1,250.50 in whole pence
    assert pence[(10000002, "MENTOR_GRANT")] == 600_000
    leads = reference.partnerships.set_index("partnership_code")["lead_ukprn"]
    assert leads["LONCETT"] == 10000001 and pd.isna(leads["SECETT"])
    assert reference.collection_years["opens"].dtype.kind == "M"


P, A, PT, CY = "providers.csv", "allocations.csv", "partnerships.csv", "collection_years.csv"


@pytest.mark.parametrize(("changes", "expected"), [
    ({CY: None}, ["collection_years.csv", "missing"]),
    ({P: [GOOD[P][0].replace(",region", ""), *(line.replace(",London", "") for line in GOOD[P][1:2])]},
     ["providers.csv", "row 1", "column region", "add the column"]),
    (with_line(P, 1, "0123,Ashford College,GFE,London,LONCETT,1990-09-01,"),
     ["providers.csv", "row 2", "column ukprn", "'0123'", "8 digits starting with 1"]),
    (with_line(P, 3, "10000001,Copy College,GFE,London,,2000-04-01,"),
     ["providers.csv", "row 4", "column ukprn", "'10000001'", "duplicate"]),
    (with_line(P, 3, "10000003,HMP Larkhill,JAIL,North East,,2000-04-01,"),
     ["row 4", "column provider_type", "'JAIL'", "GFE, SFC"]),
    (with_line(P, 3, "10000003,HMP Larkhill,PRISON,Wales,,2000-04-01,"),
     ["row 4", "column region", "'Wales'", "nine English regions"]),
    (with_line(P, 3, "10000003,HMP Larkhill,PRISON,North East,NOCETT,2000-04-01,"),
     ["providers.csv", "row 4", "column partnerships", "'NOCETT'", "unknown partnership"]),
    (with_line(P, 3, "10000003,HMP Larkhill,PRISON,North East,,01/04/2000,"),
     ["row 4", "column open_date", "'01/04/2000'", "YYYY-MM-DD"]),
    (with_line(P, 3, "10000003,HMP Larkhill,PRISON,North East,,2000-04-01,1999-12-31"),
     ["row 4", "column close_date", "'1999-12-31'", "cannot close before"]),
    (with_line(A, 1, "10009999,2025-26,ITT_ALLOCATION,100"),
     ["allocations.csv", "row 2", "column ukprn", "'10009999'", "providers.csv"]),
    (with_line(A, 1, "10000001,2025-2026,ITT_ALLOCATION,100"),
     ["allocations.csv", "row 2", "column year", "'2025-2026'", "YYYY-YY"]),
    (with_line(A, 1, "10000001,2025-26,BONUS,100"), ["row 2", "column stream", "'BONUS'", "ITT_ALLOCATION"]),
    (with_line(A, 1, "10000001,2025-26,ITT_ALLOCATION,-250"), ["row 2", "column allocated_gbp", "'-250'"]),
    (with_line(A, 1, "10000001,2025-26,ITT_ALLOCATION,5k"), ["row 2", "column allocated_gbp", "'5k'"]),
    (with_line(A, 2, "10000001,2025-26,ITT_ALLOCATION,99"), ["allocations.csv", "row 3", "duplicate"]),
    (with_line(CY, 2, "2025-26,2025-08-01,2025-07-31"), ["collection_years.csv", "row 3", "column closes",
                                                          "cannot close before it opens"]),
    (with_line(PT, 1, "LONCETT,London CETT,10000099"), ["partnerships.csv", "row 2", "column lead_ukprn",
                                                         "'10000099'", "not a provider"]),
])
def test_bad_reference_is_refused_saying_where_and_what_to_change(tmp_path, changes, expected):
    message = refused(tmp_path, changes)
    for fragment in expected:
        assert fragment in message


def test_every_problem_is_reported_at_once(tmp_path):
    changes = {
        **with_line(P, 3, "0123,HMP Larkhill,PRISON,Mars,,2000-04-01,"),
        **with_line(A, 2, "10009999,2025-26,ITT_ALLOCATION,abc"),
        CY: None,
    }
    message = refused(tmp_path, changes)
    assert "(5 problem(s))" in message
    for fragment in ("column ukprn, value '0123'", "column region, value 'Mars'", "value '10009999'",
                     "value 'abc'", "collection_years.csv: the file is missing"):
        assert fragment in message


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    folder = write_reference(tmp_path)
    (folder / P).write_bytes("\n".join(GOOD[P]).replace("Ashford", "Åshford").encode("utf-16"))
    with pytest.raises(ReferenceDataError, match="providers.csv: save the file as UTF-8"):
        load_reference(folder)
