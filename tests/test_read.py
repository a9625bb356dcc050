"""Reading returns: hostile files never crash or spill into a batch; lenient cells; typed frames."""

from __future__ import annotations

import io
import struct
import zipfile

import pandas as pd
import pytest

from mpo.collection.read import read_return
from mpo.collection.validate import validate_returns
from tests import corpus
from tests.corpus import add_row, set_cell


def _csv_members(parts: corpus.Parts) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(corpus.container_bytes(parts, "zip"))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _encrypted_flag() -> bytes:
    """Set the 'encrypted' flag of every member, as an encrypting tool does (the bytes stay plain)."""
    data = bytearray(corpus.container_bytes(corpus.baseline(), "zip"))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 0x1
            at = data.find(signature, at + 4)
    return bytes(data)


def _bomb(size: int) -> bytes:
    return corpus.zip_of({**_csv_members(corpus.baseline()), "padding.csv": b"\0" * size})


def _lying_bomb() -> bytes:
    """A member that really holds 30 MB but whose headers declare 1,000 bytes."""
    data = bytearray(corpus.zip_of({"about.csv": b"0" * 30_000_000}))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = struct.pack("<I", 1000)
    return bytes(data)


def _entity_bomb(member: str) -> bytes:
    laughs = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    with zipfile.ZipFile(io.BytesIO(corpus.container_bytes(corpus.baseline(), "xlsx"))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members[member] = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{laughs}]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&a9;</t></si></sst>'
    ).encode()
    return corpus.zip_of(members)


def _workbook_members() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(corpus.container_bytes(corpus.baseline(), "xlsx"))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _far_cell(row: str) -> bytes:
    """The baseline workbook with one more row in mentor_pool (sheet2)."""
    members = _workbook_members()
    sheet = "xl/worksheets/sheet2.xml"
    members[sheet] = members[sheet].replace(b"</sheetData>", row.encode() + b"</sheetData>")
    return corpus.zip_of(members)


def _doctype(member: str, encoding: str) -> bytes:
    """An external entity declared in a workbook part written in another encoding (no byte-order mark)."""
    members = _workbook_members()
    doctype = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    members[member] = members[member].decode().replace("?>", f"?>{doctype}", 1).encode(encoding)
    return corpus.zip_of(members)


def _cell(part: str, column: str, value: str) -> bytes:
    return corpus.container_bytes(set_cell(corpus.baseline(), part, 2, column, value), "zip")


def _latin1_training() -> bytes:
    members = _csv_members(corpus.baseline())
    members["training.csv"] = members["training.csv"].replace(
        b"Mentoring in FE", "Médiation".encode("latin-1")
    )
    return corpus.zip_of(members)


def _formula_text() -> bytes:
    return corpus.container_bytes(
        set_cell(corpus.baseline(), "training", 3, "programme_name", "+cmd|' /C calc'!A0"), "zip"
    )


HOSTILE = {
    "corrupt": ("xlsx", lambda: b"PK\x03\x04 this is not really a zip", {"FILE01"}),
    "not a zip at all": ("zip", lambda: b"%PDF-1.7\n" * 100, {"FILE01"}),
    "truncated workbook": (
        "xlsx",
        lambda: corpus.container_bytes(corpus.baseline(), "xlsx")[:3000],
        {"FILE01"},
    ),
    "encrypted zip": ("zip", _encrypted_flag, {"FILE01"}),
    "zip bomb, honest headers": ("zip", lambda: _bomb(60_000_000), {"FILE01"}),
    "zip bomb, ratio": ("zip", lambda: _bomb(2_000_000), {"FILE01"}),
    "zip bomb, lying headers": ("zip", _lying_bomb, {"FILE01"}),
    "path traversal": (
        "zip",
        lambda: corpus.zip_of({**_csv_members(corpus.baseline()), "../evil.csv": b"x"}),
        {"FILE01"},
    ),
    "absolute path": (
        "zip",
        lambda: corpus.zip_of({**_csv_members(corpus.baseline()), "/etc/x.csv": b"x"}),
        {"FILE01"},
    ),
    "backslash path": (
        "zip",
        lambda: corpus.zip_of({**_csv_members(corpus.baseline()), "..\\x.csv": b"x"}),
        {"FILE01"},
    ),
    "entity bomb in shared strings": ("xlsx", lambda: _entity_bomb("xl/sharedStrings.xml"), {"FILE01"}),
    "entity bomb in a sheet": ("xlsx", lambda: _entity_bomb("xl/worksheets/sheet1.xml"), {"FILE01"}),
    "directory outside the root": (
        "zip",
        lambda: corpus.zip_of({**_csv_members(corpus.baseline()), "../evil/": b""}),
        {"FILE01"},
    ),
    "DTD in UTF-16 without a byte-order mark": ("xlsx", lambda: _doctype("[Content_Types].xml", "utf-16-le"),
                                                {"FILE01"}),
    "DTD in a UTF-16 sheet": ("xlsx", lambda: _doctype("xl/worksheets/sheet1.xml", "utf-16-be"), {"FILE01"}),
    "a cell at XFD1048576 (sheet bomb)": (
        "xlsx",
        lambda: _far_cell('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
        {"FILE01"},
    ),
    "whole number beyond 64 bits": ("zip", lambda: _cell("about", "teaching_staff", "1e30"), {"VAL02"}),
    "amount of 5,000 digits": (
        "zip",
        lambda: _cell("funding", "spent_other_gbp", "9" * 5000),
        {"VAL02", "FN02"},
    ),
    "amount of 1e400": ("zip", lambda: _cell("funding", "allocated_gbp", "1e400"), {"VAL01"}),
    "over 20 MB": ("zip", lambda: b"PK" + b"\0" * 20_000_000, {"FILE03"}),
    "CSV not UTF-8": ("zip", _latin1_training, {"FILE07"}),
    "formula injection": ("zip", _formula_text, {"SEC01"}),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_reported_and_leaves_the_good_file_in_its_batch_alone(name, tmp_path):
    container, build, rules = HOSTILE[name]
    good = corpus.received_parts(tmp_path, corpus.baseline(), "xlsx", submission_id=1)
    hostile = corpus.received(tmp_path, build(), container, submission_id=2)
    result = validate_returns([good, hostile], corpus.reference())
    assert set(result.issues.loc[result.issues["submission_id"] == 2, "rule_id"]) == rules
    assert not (result.issues["submission_id"] == 1).any()
    assert (result.parts["mentor_pool"]["submission_id"] == 1).sum() == 3


def test_a_zip_of_an_unknown_version_is_unreadable_not_an_unexpected_failure(tmp_path, caplog):
    data = bytearray(corpus.container_bytes(corpus.baseline(), "zip"))
    data[data.find(b"PK\x01\x02") + 6] = 0xFF  # 'version needed to extract' 25.5: zipfile refuses it
    findings = read_return(corpus.received(tmp_path, bytes(data), "zip").path, "zip").findings
    assert [(f.rule_id, f.detail) for f in findings] == [
        ("FILE01", "it is not a valid zip archive (the file is damaged or of another type)")
    ]
    assert "unexpectedly" not in caplog.text


@pytest.mark.parametrize(
    "part, row, column, value, rule_id",
    [
        ("funding", 3, "allocated_gbp", "0" * 10_000 + "4000", "FN04"),  # £4,000: reads, but differs
        ("about", 2, "year", "2024-25" + " " * 10_000, "SUB02"),  # a year, but not the file name's
    ],
)
def test_a_huge_cell_that_still_reads_is_quoted_short(tmp_path, part, row, column, value, rule_id):
    """The spec cuts an issue's value to 100 characters; a message quoting it must not bring it back whole."""
    parts = set_cell(corpus.baseline(), part, row, column, value)
    issues = validate_returns([corpus.received_parts(tmp_path, parts, "zip")], corpus.reference()).issues
    [message] = issues.loc[issues["rule_id"] == rule_id, "message"]
    assert len(message) < 400, message[:200]


def test_an_empty_formatted_cell_far_away_is_no_sheet_bomb(tmp_path):
    """Excel writes a formatted empty cell as <c r=".." s=".."/>: it holds nothing; the reader skips it."""
    far = corpus.received(tmp_path, _far_cell('<row r="1048576"><c r="XFD1048576" s="1"/></row>'), "xlsx")
    assert validate_returns([far], corpus.reference()).issues.empty


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="3"><c r="C3"><v>1</v></c></row>',
        '<row r="3"><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>',
        '<row r="3"><c r="B7"><v>1</v></c><c><v>2</v></c></row>',
        '<row r="3"><c r="D3"><v>1</v></c><c><v>2</v></c></row>',
        '<row r="2"><c a=">" r="Z9"><v>1</v></c></row>',
        "<row r='5'><c r='c5'><v>1</v></c></row>",
        '<row r="9"><c r="C9" r="Z99"><v>1</v></c></row>',
        '<row r="9"><c r="C9" t="inlineStr"><is><t/></is></c></row>',
        '<row r="9"><c r="Z99" s="1"/><c r="A3"><v>1</v></c></row>',
        '<row r="2"><c a=" r=" r="XF9"><v>1</v></c></row><!-- <c r="A1"> -->',
        '<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c><x:v>1</x:v></x:c>'
        "<x:c><x:v>2</x:v></x:c></x:row>",
    ],
)
def test_the_sheet_extent_is_never_smaller_than_the_readers_grid(rows):
    """The size check must see at least the grid python-calamine builds, however the cells are written."""
    from python_calamine import CalamineWorkbook

    from mpo.collection.unpack import sheet_extent, sheet_extent_bound, stored_zip

    members = _workbook_members()
    head = members["xl/worksheets/sheet1.xml"].split(b"<sheetData>")[0]
    members["xl/worksheets/sheet1.xml"] = head + f"<sheetData>{rows}</sheetData></worksheet>".encode()
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(stored_zip(members))).get_sheet_by_name("about")
    grid = (sheet.end[0] + 1, sheet.end[1] + 1) if sheet.end else (0, 0)  # 0-based last cell
    for extent in (sheet_extent(members["xl/worksheets/sheet1.xml"]),
                   sheet_extent_bound(members["xl/worksheets/sheet1.xml"])):
        assert extent[0] >= grid[0] and extent[1] >= grid[1], (extent, grid)


def test_the_size_limit_is_checked_before_the_file_is_opened(tmp_path):
    path = tmp_path / "big.zip"
    path.write_bytes(b"\0" * 20_000_001)
    assert [f.rule_id for f in read_return(path, "zip").findings] == ["FILE03"]
    path.write_bytes(corpus.container_bytes(corpus.baseline(), "zip"))
    assert read_return(path, "zip").findings == []


def _lenient() -> corpus.Parts:
    parts = corpus.baseline()
    set_cell(parts, "about", 2, "ukprn", "10004321")
    set_cell(parts, "about", 2, "has_mentoring_policy", "yes")
    set_cell(parts, "mentor_pool", 2, "employed_role", " mgr ")
    set_cell(parts, "mentor_pool", 2, "contexts", " itt_in ; Induction ;")
    set_cell(parts, "mentor_pool", 2, "is_learning_coach", "0")
    set_cell(parts, "mentor_pool", 3, "grades_observations", "true")
    set_cell(parts, "mentor_pool", 3, "active_mentees", "4.0")
    set_cell(parts, "mentor_pool", 4, "start_date", "2024-09-01")
    set_cell(parts, "funding", 2, "allocated_gbp", "£25,000.00")
    set_cell(parts, "funding", 3, "spent_payments_gbp", " £500 ")
    set_cell(parts, "funding", 2, "spent_other_gbp", "-0")
    parts["mentor_pool"] = [row[:10] + row[11:] for row in parts["mentor_pool"]]  # optional column left out
    parts["mentor_pool"][0] = [
        f" {name.upper()} " for name in parts["mentor_pool"][0]
    ]  # header trimmed, any case
    parts["training"].insert(2, [None] * len(parts["training"][0]))  # a blank row in between
    return parts


@pytest.mark.parametrize("container", ["xlsx", "zip"])
def test_lenient_cells_are_accepted_and_read_right(container, tmp_path):
    result = validate_returns([corpus.received_parts(tmp_path, _lenient(), container)], corpus.reference())
    assert result.issues.empty, result.issues[["rule_id", "part", "row_number", "column_name", "value"]]
    pool, funding = result.parts["mentor_pool"], result.parts["funding"]
    assert pool["employed_role"].tolist() == ["MGR", "TCH", "SNR"]
    assert pool["contexts"].iloc[0] == "ITT_IN;INDUCTION"
    assert pool["meetings_per_term"].isna().all()
    assert funding["allocated_gbp"].iloc[0] == 2_500_000
    assert result.parts["training"]["row_number"].tolist() == [2, 4, 5]  # the blank row 3 still counts


def test_row_numbers_count_blank_rows_as_the_provider_sees_them(tmp_path):
    parts = corpus.baseline()
    parts["training"].insert(1, [None] * len(parts["training"][0]))
    set_cell(parts, "training", 5, "reason", None)
    issues = validate_returns([corpus.received_parts(tmp_path, parts, "xlsx")], corpus.reference()).issues
    assert issues[["rule_id", "row_number"]].values.tolist() == [["TR04", 5]]


def test_a_workbook_reads_numbers_booleans_and_dates_from_typed_cells(tmp_path):
    parts = set_cell(corpus.baseline(), "about", 2, "ukprn", 10004321.0)
    add_row(parts, "training", programme_name="Refresher", status="ENROLLED", completion_date=None)
    result = validate_returns([corpus.received_parts(tmp_path, parts, "xlsx")], corpus.reference())
    assert result.issues.empty


def test_typed_frames_follow_the_design_conventions(tmp_path):
    result = validate_returns(
        [corpus.received_parts(tmp_path, corpus.baseline(), "zip", submission_id=9)], corpus.reference()
    )
    pool, pay, training = result.parts["mentor_pool"], result.parts["remuneration"], result.parts["training"]
    funding, about = result.parts["funding"], result.parts["about"]
    assert list(pool.columns[:2]) == ["submission_id", "row_number"]
    assert str(pool["submission_id"].dtype) == "int64" and pool["row_number"].tolist() == [2, 3, 4]
    assert pay["payment_gbp"].tolist() == [pd.NA, 50_000, 25_050] and str(pay["payment_gbp"].dtype) == "Int64"
    assert funding["spent_payments_gbp"].iloc[2] == 25_050
    assert str(about["ukprn"].dtype) == "Int64" and about["ukprn"].iloc[0] == corpus.UKPRN
    assert str(pool["is_learning_coach"].dtype) == "boolean" and pool["is_learning_coach"].tolist() == [
        False,
        True,
        False,
    ]
    assert str(pool["start_date"].dtype) == "datetime64[ns]"
    assert pool["start_date"].iloc[0] == pd.Timestamp("2020-09-01")
    assert str(pool["meetings_per_term"].dtype) == "Float64"
    assert training["reason"].tolist() == [None, None, "TIME"]
    assert pay["remitted_hours"].iloc[1] is pd.NA
    assert list(training.columns[2:]) == list(corpus.PARTS["training"].column_names)


def test_formulas_are_not_evaluated_their_cached_values_are_read(tmp_path):
    with zipfile.ZipFile(io.BytesIO(corpus.container_bytes(corpus.baseline(), "xlsx"))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet2.xml"  # mentor_pool; J2 is active_mentees of the first mentor
    members[sheet] = members[sheet].replace(b'<c r="J2"><v>3</v></c>', b'<c r="J2"><f>1+1</f><v>3</v></c>')
    assert b"<f>1+1</f>" in members[sheet]
    result = validate_returns([corpus.received(tmp_path, corpus.zip_of(members), "xlsx")], corpus.reference())
    assert result.issues.empty and result.parts["mentor_pool"]["active_mentees"].iloc[0] == 3


def _generated_like(mentors: int = 40) -> corpus.Parts:
    """About 125 rows: one about row, 40 mentors paid and trained once each, three funding streams."""
    parts = corpus.baseline()
    for number in range(4, mentors + 1):
        ref = f"M{number:03d}"
        add_row(parts, "mentor_pool", mentor_ref=ref, active_mentees=1)
        add_row(parts, "remuneration", mentor_ref=ref)
        parts["training"].append([ref, *parts["training"][3][1:]])
    return parts


def test_throughput_of_reading_and_validating_a_batch(tmp_path):
    """Prints returns/s (run with -s); asserts only that the batch is clean, never a timing."""
    import time

    files = {container: corpus.container_bytes(_generated_like(), container) for container in ("xlsx", "zip")}
    batch = [
        corpus.received(
            tmp_path, files["xlsx" if n % 2 else "zip"], "xlsx" if n % 2 else "zip", submission_id=n
        )
        for n in range(1, 301)
    ]
    validate_returns(batch[:2], corpus.reference())  # pandera registers its backends on first use
    started = time.perf_counter()
    result = validate_returns(batch, corpus.reference())
    elapsed = time.perf_counter() - started
    print(
        f"\nread + validate: {len(batch)} returns of ~125 rows in {elapsed:.2f} s"
        f" = {len(batch) / elapsed:.0f} returns/s"
    )
    assert result.issues.empty and len(result.parts["mentor_pool"]) == 300 * 40
