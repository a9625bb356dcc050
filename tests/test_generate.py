"""The synthetic sector generator: what it writes, that it is reproducible, that its manifest is true."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from mpo.cli import main
from mpo.config import MpoHome
from mpo.reference import load_reference
from mpo.returns.naming import parse_return_name
from mpo.sector.faults import CORRECTABLE_ERRORS, SEPARATE_ERRORS
from mpo.sector.generate import deliver_late_arrivals, generate_sector, late_folder, manifest_path
from mpo.sector.population import build_population
from mpo.sector.warning_faults import WARNING_FAULTS
from schemas.codes import NO, YES
from schemas.parts import PARTS, Column
from schemas.rules import ERROR, RULES, WARNING

GENERATED_AT = datetime(2026, 11, 23, 9, 0)
ERROR_RULES = {rule for rule, spec in RULES.items() if spec.severity == ERROR}


def generate(root: Path, providers: int = 200, seed: int = 5, **options):
    return generate_sector(MpoHome(root).init(), providers=providers, seed=seed, generated_at=GENERATED_AT,
                           **options)


@pytest.fixture(scope="module")
def sector(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("sector"))


def fingerprint(root: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every file the generator wrote for providers and the funder."""
    folders = ("reference", "landing", "sector/late")
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for folder in folders for path in sorted((root / folder).iterdir())}


def test_same_seed_same_bytes_and_different_seed_different(tmp_path):
    generate(tmp_path / "a", providers=120, seed=9)
    generate(tmp_path / "b", providers=120, seed=9)
    generate(tmp_path / "c", providers=120, seed=10)
    first, second, other = (fingerprint(tmp_path / name) for name in "abc")
    assert first == second
    assert len(first) > 400
    assert set(first) != set(other)
    assert first["reference/providers.csv"] != other["reference/providers.csv"]


def test_reference_files_load_and_describe_the_sector(sector):
    reference = load_reference(sector.home.reference)
    assert len(reference.providers) == 200
    assert set(reference.providers["provider_type"]) == {"GFE", "SFC", "ITP", "ACL", "HEI", "PRISON", "TSO"}
    assert len(reference.partnerships) == 11
    assert reference.partnerships["lead_ukprn"].isin(reference.providers["ukprn"]).all()
    windows = reference.collection_years.set_index("year")
    for year in ("2023-24", "2024-25", "2025-26"):  # open now and for a year after generation
        assert windows.loc[year, "opens"] <= GENERATED_AT < windows.loc[year, "closes"]
    assert (windows["opens"] > GENERATED_AT).sum() == 1  # the year kept for SUB04


def test_every_rule_is_represented_in_the_manifest(sector):
    files = json.loads(manifest_path(sector.home).read_text())["files"]
    errors = Counter(rule for f in files for rule in f["errors"])
    assert set(errors) == ERROR_RULES - {"FILE03"}
    assert {rule for f in files for rule in f["warnings"]} == set(WARNING_FAULTS)
    assert set(WARNING_FAULTS) == {rule for rule, spec in RULES.items() if spec.severity == WARNING}
    assert set(CORRECTABLE_ERRORS) | set(SEPARATE_ERRORS) == ERROR_RULES
    assert all(len(f["errors"]) <= 1 for f in files)
    faulty_share = sum(bool(f["errors"]) for f in files) / len(files)
    assert 0.07 < faulty_share < 0.16


def test_no_provider_closes_before_it_opens_even_in_large_sectors():
    # rare draws (opened during the collection and closed) meet only in large sectors; one such
    # provider would make the whole reference file unloadable
    population = build_population(20_000, ["2023-24", "2024-25", "2025-26"], seed=1)
    closed = [p for p in population.providers if p.close_date is not None]
    assert closed and all(p.close_date >= p.open_date for p in closed)


def test_a_tiny_sector_has_fewer_partnerships_and_still_loads(tmp_path):
    summary = generate(tmp_path, providers=4)
    reference = load_reference(summary.home.reference)
    assert len(reference.providers) == 4
    assert 1 <= len(reference.partnerships) < 11


@pytest.mark.parametrize(("arguments", "message"), [
    (["--providers", "0"], "at least 1 provider"),
    (["--faulty-share", "1.5"], "fraction from 0 to 1"),
    (["--years", "2025-2026"], "not an academic year"),
])
def test_the_command_refuses_a_sector_it_cannot_make_and_says_why(arguments, message, home, capsys):
    assert main(["generate", "--quiet", *arguments]) == 2
    assert message in capsys.readouterr().err
    assert not any(home.landing.iterdir())


def test_oversize_is_written_only_when_asked(tmp_path):
    summary = generate(tmp_path, providers=60, include_oversize=True)
    big = [f for f in summary.files if f.errors == ("FILE03",)]
    assert len(big) == 1 and big[0].size_bytes > 20_000_000
    assert not any(f.errors == ("FILE03",) for f in generate(tmp_path / "plain", providers=60).files)


def test_file_names_parse_except_bad_names_and_browser_copies(sector):
    for f in sector.files:
        name = parse_return_name(f.file_name)
        if f.errors == ("FILE02",) or f.file_name.endswith((" (1).xlsx", " (1).zip")):
            assert name is None
            continue
        assert (name.ukprn, name.year, name.container) == (f.ukprn, f.year, f.container)
        assert name.file_timestamp < GENERATED_AT


def test_timestamps_lie_inside_each_years_window(sector):
    windows = load_reference(sector.home.reference).collection_years.set_index("year")
    for f in sector.files:
        opens = windows.loc[f.year, "opens"]
        assert opens <= f.file_timestamp < GENERATED_AT or f.errors == ("SUB04",)


def test_containers_are_mixed(sector):
    landing = [path.suffix for path in sector.home.landing.iterdir()]
    assert 0.3 < landing.count(".xlsx") / len(landing) < 0.7
    assert landing.count(".zip") > 0


def test_resubmissions_duplicates_and_late_files_end_as_planned(sector):
    ends = {}
    for f in sector.files:
        if f.kind in ("first", "resubmission", "faulty") and f.errors not in (("SUB01",), ("SUB04",)):
            ends.setdefault((f.ukprn, f.year), []).append(f.expected_status)
    assert sum("ACCEPTED" in statuses for statuses in ends.values()) / len(ends) > 0.95
    by_kind = {kind: Counter(f.expected_status for f in sector.files if f.kind == kind)
               for kind in ("duplicate", "late_copy", "out_of_order", "resubmission")}
    assert set(by_kind["duplicate"]) == set(by_kind["late_copy"]) == {"DUPLICATE"}
    assert set(by_kind["out_of_order"]) == {"STALE"} and by_kind["out_of_order"].total() > 0
    assert by_kind["resubmission"]["ACCEPTED"] > 0
    fixes = {(f.ukprn, f.year): f.file_timestamp for f in sector.files if f.kind == "resubmission"}
    faulty = [f for f in sector.files if f.kind == "faulty" and f.errors[0] in CORRECTABLE_ERRORS]
    fixed = [f for f in faulty if (f.ukprn, f.year) in fixes]
    assert len(fixed) / len(faulty) > 0.7  # usually followed by a corrected resubmission, later
    assert all(fixes[(f.ukprn, f.year)] > f.file_timestamp for f in fixed)


def test_late_arrivals_are_delivered_into_landing(tmp_path):
    summary = generate(tmp_path, providers=120)
    late = sorted(f.file_name for f in summary.files if f.batch == "late")
    assert late and sorted(p.name for p in late_folder(summary.home).iterdir()) == late
    assert deliver_late_arrivals(summary.home) == sorted(set(late))
    assert {name for name in late} <= {path.name for path in summary.home.landing.iterdir()}


def test_progress_is_shown_on_stderr(tmp_path, capsys):
    summary = generate(tmp_path, providers=40, progress=True)
    assert "writing returns:" in capsys.readouterr().err
    assert "40 providers" in summary.describe() and "faulty" in summary.describe()


def test_years_that_cannot_be_collected_are_refused(tmp_path):
    with pytest.raises(ValueError, match="2027-28 opens"):
        generate(tmp_path, providers=20, years=["2025-26", "2027-28"])
    with pytest.raises(ValueError, match="not an academic year"):
        generate(tmp_path, providers=20, years=["2025-2026"])


# --- reading written files back, as a provider's values (spec section 3 leniency undone) ---------------

def read_container(path: Path, container: str) -> tuple[dict[str, list[list] | None], set[str]]:
    """Part → rows (header first; None if not UTF-8) and the container rules broken (FILE01/04/05/07)."""
    broken, sheets = set(), {}
    try:
        if container == "zip":
            archive = zipfile.ZipFile(path)
            for info in archive.infolist():
                if ".." in info.filename or info.filename.startswith("/"):
                    return {}, {"FILE01"}
                name = info.filename.rsplit(".", 1)[0].lower()
                try:
                    sheets[name] = list(csv.reader(io.StringIO(archive.read(info).decode("utf-8-sig"))))
                except UnicodeDecodeError:
                    sheets[name] = None
                    broken.add("FILE07")
        else:
            book = CalamineWorkbook.from_path(str(path))
            sheets = {name.lower(): book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    except Exception:  # not a zip, or not a workbook calamine can open
        return {}, {"FILE01"}
    for name, part in PARTS.items():
        if name not in sheets:
            broken.add("FILE04")
        elif sheets[name] is not None and set(part.required_columns) - set(sheets[name][0]):
            broken.add("FILE05")
    return sheets, broken


def typed(value: object, column: Column) -> object:
    """A written cell as the generator's typed value (None when blank)."""
    if value is None or value == "":
        return None
    if column.kind in ("ukprn", "int"):
        return int(float(value))
    if column.kind == "decimal":
        return float(value)
    if column.kind == "money":
        return round(float(str(value).lstrip("£").replace(",", "")) * 100)
    if column.kind == "yesno":
        text = str(value).upper()
        return value if isinstance(value, bool) else True if text in YES else False if text in NO else value
    if column.kind == "date":
        return value.date() if isinstance(value, datetime) else value if isinstance(value, date) else (
            date.fromisoformat(value))
    if column.kind in ("code", "codes"):
        return str(value).upper()
    return str(value)


def test_written_files_hold_the_rows_the_generator_recorded(sector):
    accepted = [f for f in sector.files if f.expected_status == "ACCEPTED"]
    sample = [f for f in accepted if f.container == "zip"][:25]
    sample += [f for f in accepted if f.container == "xlsx"][:25]
    checked = 0
    for f in sample:
        sheets, broken = read_container(sector.home.landing / f.file_name, f.container)
        assert not broken, f.file_name
        for name, part in PARTS.items():
            header, *rows = sheets[name]
            assert len(rows) == len(f.parts[name]), (f.file_name, name)
            for written, recorded in zip(rows, f.parts[name], strict=True):
                for position, column_name in enumerate(header):
                    column = part.column(column_name)
                    expected = recorded[part.column_names.index(column_name)]
                    assert typed(written[position], column) == expected, (f.file_name, name, column_name)
                    checked += 1
            for index, column in enumerate(part.columns):  # an omitted optional column was blank
                if column.name not in header:
                    assert not column.required and all(row[index] is None for row in f.parts[name])
    assert checked > 5_000


def test_provider_input_habits_show_in_the_written_files(sector):
    cells = Counter()
    for f in [f for f in sector.files if f.expected_status == "ACCEPTED"][:300]:
        sheets, _ = read_container(sector.home.landing / f.file_name, f.container)
        for rows in sheets.values():
            for row in rows[1:]:
                for cell in row:
                    cells[type(cell).__name__] += 1
                    if isinstance(cell, str):
                        cells["pound_text"] += cell.startswith("£")
                        cells["lower_code"] += cell in ("mgr", "snr", "pool", "spec", "remission", "none")
                        cells["y_or_true"] += cell in ("Y", "TRUE", "1", "yes")
    for habit in ("bool", "date", "float", "pound_text", "lower_code", "y_or_true"):
        assert cells[habit] > 0, habit


# --- every file breaks exactly the rules its manifest entry names --------------------------------------

def rule_conditions(parts: dict[str, list[list]], ukprn: int, year: str, reference) -> set[str]:
    """Rules of spec section 4 whose condition holds on a return's rows (a small independent checker)."""
    def col(part: str, name: str) -> int:
        return PARTS[part].column_names.index(name)

    found = set()
    providers = reference.providers.set_index("ukprn")
    if ukprn not in providers.index or providers.loc[ukprn, "close_date"] < datetime(int(year[:4]), 8, 1):
        found.add("SUB01")
    if reference.collection_years.set_index("year").loc[year, "opens"] > GENERATED_AT:
        found.add("SUB04")
    about = parts["about"]
    if len(about) != 1 or (about[0][0], about[0][1]) != (ukprn, year):
        found.add("SUB02")
    values = dict(zip(PARTS["about"].column_names, about[0], strict=True))
    pairs = (("trainees_with_mentor", "trainee_teachers"), ("new_staff_with_mentor", "new_staff"),
             ("leavers_mentored", "leavers"), ("leavers_mentored", "mentored_staff"),
             ("leavers", "teaching_staff"), ("mentored_staff", "teaching_staff"))
    if any(values[part] > values[whole] for part, whole in pairs):
        found.add("AB01")
    pool = [row[0] for row in parts["mentor_pool"]]
    pay = Counter(row[0] for row in parts["remuneration"])
    streams = [row[0] for row in parts["funding"]]
    found |= {"MP01"} if len(set(pool)) < len(pool) else set()
    found |= {"MP02"} if any("@" in ref or " " in ref for ref in pool) else set()
    found |= {"RM01"} if set(pay) - set(pool) else set()
    found |= {"RM02"} if any(pay[ref] != 1 for ref in pool) else set()
    found |= {"TR01"} if {row[0] for row in parts["training"]} - set(pool) else set()
    found |= {"FN01"} if len(set(streams)) < len(streams) else set()
    for _ref, arrangement, hours, payment, basis, stream in parts["remuneration"]:
        remits, pays = arrangement in ("REMISSION", "BOTH"), arrangement in ("PAYMENT", "BOTH")
        if remits != bool(hours) or pays != bool(payment) or (payment and not basis):
            found.add("RM03")
        if stream != "OWN" and stream not in streams:
            found.add("RM05")
    for row in parts["training"]:
        accredited, level, status = row[col("training", "accredited")], row[col("training", "level")], row[7]
        start, done = row[col("training", "start_date")], row[col("training", "completion_date")]
        found |= {"TR02"} if accredited != (level is not None) else set()
        found |= {"TR03"} if status == "COMPLETED" and (done is None or (start and done < start)) else set()
        found |= {"TR04"} if status in ("WITHDRAWN", "DECLINED") and row[8] is None else set()
    part = PARTS["mentor_pool"]
    for row in parts["mentor_pool"]:
        for column, value in zip(part.columns, row, strict=True):
            if value is None:
                found |= {"VAL03"} if column.required else set()
            elif (column.kind == "code" and value not in column.codes
                  or column.kind == "codes" and set(value.split(";")) - set(column.codes)
                  or isinstance(value, str) and column.kind in ("int", "decimal", "yesno", "date")):
                found.add("VAL01")
            elif column.kind in ("int", "decimal") and not column.minimum <= value <= column.maximum:
                found.add("VAL02")
    return found


def test_each_file_breaks_exactly_the_error_rules_the_manifest_names(sector):
    reference = load_reference(sector.home.reference)
    seen = Counter()
    for f in sector.files:
        if f.kind in ("duplicate", "late_copy"):
            continue
        folder = sector.home.landing if f.batch == "landing" else late_folder(sector.home)
        _, broken = read_container(folder / f.file_name, f.container)
        found = broken | rule_conditions(f.parts, f.ukprn, f.year, reference)
        found |= {"FILE02"} if parse_return_name(f.file_name) is None else set()
        assert set(f.errors) <= found <= set(f.errors) | set(f.also_allowed), f.file_name
        seen.update(found)
    assert set(seen) == ERROR_RULES - {"FILE03"}
