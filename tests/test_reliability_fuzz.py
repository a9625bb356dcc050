"""Hostile input, fuzzed (issue 7): no malformed file crashes the pipeline, every file ends REJECTED or
ACCEPTED with its issues, and the other submissions of its batch are unaffected.

Hypothesis makes hostile files out of the corpus's valid baseline return: truncated or overwritten
bytes, random bytes, the other container, nested zips, zip bombs, path traversal, XML entity bombs,
a sheet with a cell far beyond the data, wrong kinds of values, huge cells, control characters, CSVs
in other encodings, parts and columns left out, repeated or unknown. Each file carries what the spec
says must become of it (FILE01 for a member outside the archive root, VAL01 at the very cell for a
date where a number belongs, accepted as it was for a part repeated under another name...), so the
test checks verdicts, not only that nothing raised.

Files are validated in batches of a few dozen plus one good return, as `collect` validates them:
that is what makes thousands of cases affordable, and it is where one file could spill into
another. A smaller property sends whole batches through landing, the archive, `collect` and the
store. Derandomized, so CI tries the same cases on every run.
"""

from __future__ import annotations

import io
import logging
import os
import re
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, partial
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpo.collection.collect import collect
from mpo.collection.journal import read_receipts
from mpo.collection.receive import receive_landing
from mpo.collection.store import part_table
from mpo.collection.validate import ValidationResult, validate_returns
from mpo.config import MpoHome
from mpo.returns.naming import format_return_name, parse_return_name
from schemas.parts import PARTS
from schemas.rules import ERROR, ISSUE_RULES, MAX_SHEET_CELLS, RULES
from tests import corpus
from tests.corpus import set_cell

pytestmark = pytest.mark.slow

CONTAINERS = ("xlsx", "zip")
BATCH_FILES = 50  # hostile files per batch, beside one good return
BATCHES = 45
STORE_BATCHES = 5
FUZZ = settings(
    deadline=None,
    derandomize=True,  # the same cases on every run: a CI failure reproduces on a laptop
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

BASELINE = corpus.baseline()
BASE = {container: corpus.container_bytes(BASELINE, container) for container in CONTAINERS}
REFERENCE = corpus.reference()
ANY = ...  # a wildcard in an expected issue
# Text a workbook can hold and a person could type: no control characters, surrogates or non-characters.
PRINTABLE = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cn"))


@dataclass(frozen=True)
class Hostile:
    """A hostile file and what the spec says must become of it."""

    kind: str
    container: str
    content: bytes
    rejected_by: frozenset[str] = frozenset()  # REJECTED, with an ERROR of one of these rules
    issue: tuple | None = None  # an issue it must carry: (rule_id, part, row_number, column_name) or ANY
    accepted: bool = False  # ACCEPTED: the spec allows what was done to it
    reads: str = "any"  # when ACCEPTED: "baseline" (exactly the baseline's rows), "shape" (as many rows)
    never: frozenset[str] = frozenset()  # rules it must not get
    note: str = ""  # what exactly was done, for a failure report

    def __repr__(self) -> str:  # what a failure report needs, without megabytes of content
        claims = {"rejected_by": sorted(self.rejected_by), "issue": self.issue, "accepted": self.accepted,
                  "reads": self.reads, "never": sorted(self.never)}
        return (f"Hostile({self.kind!r}, {self.note[:200]!r}, {self.container}, {len(self.content)} bytes "
                f"starting {self.content[:24]!r}, {claims})")

    def _repr_pretty_(self, printer, cycle) -> None:  # how hypothesis shows a falsifying example
        printer.text(repr(self))


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def pack(entries: list[tuple[str, bytes]], stored: frozenset[str] = frozenset()) -> bytes:
    """A zip of the entries exactly as named (any name; ending in '/' makes a directory), deflated
    except the ``stored`` ones."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def written(parts: corpus.Parts, container: str) -> bytes:
    return corpus.container_bytes(parts, container)


def csv_members(parts: corpus.Parts) -> dict[str, bytes]:
    return dict(members(written(parts, "zip")))


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


containers = st.sampled_from(CONTAINERS)
FILE01 = frozenset({"FILE01"})


# --- the bytes of the container ------------------------------------------------------------------

@st.composite
def truncated(draw) -> Hostile:
    container = draw(containers)
    cut = draw(st.integers(1, len(BASE[container]) - 1))
    return Hostile("truncated", container, BASE[container][:cut], FILE01)


@st.composite
def random_bytes(draw) -> Hostile:
    head = draw(st.sampled_from([b"", b"PK\x03\x04", b"PK\x05\x06", b"\xef\xbb\xbf", b"<?xml"]))
    data = head + draw(st.binary(max_size=2000))
    # a few bytes could happen to make an empty zip: then every part is missing
    return Hostile("random bytes" if data else "empty file", draw(containers), data,
                   frozenset({"FILE01", "FILE04"}))


@st.composite
def overwritten(draw) -> Hostile:
    """Bytes overwritten anywhere: a CRC-32 guards every member, so the file reads as it was or not at all."""
    container = draw(containers)
    data = bytearray(BASE[container])
    changes = {}
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = changes[at] = draw(st.integers(0, 255))
    return Hostile("bytes overwritten", container, bytes(data), reads="baseline", note=f"at: {changes}")


LOCAL, CENTRAL, END = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
HEADER_FIELDS = [  # (header, offset, width, field) a damaged or crafted zip may get wrong
    (LOCAL, 4, 2, "version needed"), (LOCAL, 6, 2, "flags"), (LOCAL, 8, 2, "method"),
    (LOCAL, 14, 4, "CRC-32"), (LOCAL, 18, 4, "compressed size"), (LOCAL, 22, 4, "size"),
    (LOCAL, 26, 2, "name length"), (LOCAL, 28, 2, "extra length"),
    (CENTRAL, 6, 2, "version needed"), (CENTRAL, 8, 2, "flags"),
    (CENTRAL, 10, 2, "method"), (CENTRAL, 16, 4, "CRC-32"), (CENTRAL, 20, 4, "compressed size"),
    (CENTRAL, 24, 4, "size"), (CENTRAL, 28, 2, "name length"), (CENTRAL, 30, 2, "extra length"),
    (CENTRAL, 42, 4, "local header offset"), (END, 10, 2, "entries"), (END, 12, 4, "directory size"),
    (END, 16, 4, "directory offset"),
]
HEADERS = {(container, header): [m.start() for m in re.finditer(re.escape(header), BASE[container])]
           for container in CONTAINERS for header in (LOCAL, CENTRAL, END)}


@st.composite
def header_field(draw) -> Hostile:
    """One field of a zip header set to anything: the CRC-32 still guards each member's bytes."""
    container = draw(containers)
    header, offset, width, field_name = draw(st.sampled_from(HEADER_FIELDS))
    at = draw(st.sampled_from(HEADERS[container, header])) + offset
    value = draw(st.one_of(st.integers(0, 2 ** (8 * width) - 1), st.sampled_from([1, 8, 12, 14, 99, 255])))
    data = bytearray(BASE[container])
    data[at:at + width] = value.to_bytes(width, "little")
    note = f"{field_name} = {value}"
    return Hostile("zip header field", container, bytes(data), reads="baseline", note=note)


@st.composite
def other_container(draw) -> Hostile:
    container = draw(containers)
    other = "zip" if container == "xlsx" else "xlsx"
    # a zip of CSVs is no workbook; a workbook's members are XML, none of them a part's CSV
    return Hostile("the other container", container, BASE[other],
                   FILE01 if container == "xlsx" else frozenset({"FILE04"}))


# --- the members of the archive ------------------------------------------------------------------

@st.composite
def nested_zip(draw) -> Hostile:
    """A return zipped inside the zip, up to three deep: never opened, so never read."""
    container = draw(containers)
    inner = BASE[draw(containers)]
    for _ in range(draw(st.integers(0, 2))):
        inner = pack([("return.zip", inner)])
    name = draw(st.sampled_from(["return.zip", "about.zip", "nested/inner.zip", "MPR_10004321_2025-26.xlsx"]))
    if draw(st.booleans()):
        return Hostile("nested zip, alone", container, pack([(name, inner)]),
                       frozenset({"FILE04"}) if container == "zip" else FILE01)
    return Hostile("nested zip, beside the parts", container,
                   pack([*members(BASE[container]), (name, inner)]),
                   issue=("FILE06", None, None, None) if container == "zip" else None,
                   accepted=True, reads="baseline")


@st.composite
def zip_bomb(draw) -> Hostile:
    container = draw(containers)
    size = draw(st.integers(20_000, 3_000_000))
    filler = draw(st.sampled_from([b"\0", b"0", b"a,b\r\n", b"<row/>"]))
    name = draw(st.sampled_from(["padding.csv", "xl/media/image1.png", "notes/big.txt"]))
    data = pack([*members(BASE[container]), (name, (filler * size)[:size])])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert any(i.file_size > 100 * i.compress_size for i in archive.infolist())  # the test's own premise
    return Hostile("zip bomb", container, data, FILE01)


LEAVING_ROOT = ["../", "../../../../", "/", "//server/share/", "C:", "c:/", "..\\", "\\", "a/../../", "./../",
                "x\\..\\..\\", "C:\\Windows\\"]


@st.composite
def path_traversal(draw) -> Hostile:
    """A member (file or directory) whose path leaves the archive root: FILE01 (spec section 1)."""
    container = draw(containers)
    name = draw(st.sampled_from(LEAVING_ROOT)) + draw(
        st.sampled_from(["about.csv", "evil.csv", "etc/passwd", "xl/worksheets/sheet1.xml", ""]))
    directory = draw(st.booleans()) or not name.rstrip("/\\").split("/")[-1]
    name = name.rstrip("/") + "/" if directory else name
    entry = (name, b"" if directory else b"x")
    entries = members(BASE[container])
    entries = [entry, *entries] if draw(st.booleans()) else [*entries, entry]
    kind = "path traversal" + (" (a directory)" if directory else "")
    return Hostile(kind, container, pack(entries), FILE01, note=f"member {name!r}")


LAUGHS = "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
DTDS = [
    f'<!DOCTYPE lolz [<!ENTITY a0 "lol">{LAUGHS}]>',
    '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE x [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>',
    '<!DOCTYPE worksheet SYSTEM "http://127.0.0.1:9/evil.dtd">',
]


@st.composite
def entity_bomb(draw) -> Hostile:
    """A DTD in any XML part of a workbook (entity expansion, external entities): FILE01."""
    entries = members(BASE["xlsx"])
    index = draw(st.sampled_from([i for i, (name, _) in enumerate(entries)
                                  if name.endswith((".xml", ".rels"))]))
    name, content = entries[index]
    declaration, _, body = content.decode().partition("?>")
    text = f"{declaration}?>{draw(st.sampled_from(DTDS))}{body}"
    if "lolz" in text and draw(st.booleans()):
        laughing = '<row r="9"><c r="A9" t="inlineStr"><is><t>&a9;</t></is></c></row>'
        text = text.replace("<sheetData>", f"<sheetData>{laughing}")
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
    entries[index] = (name, text.encode(encoding))
    return Hostile(f"entity bomb ({encoding})", "xlsx", pack(entries), FILE01, note=f"in {name}")


@st.composite
def far_cell(draw) -> Hostile:
    """A cell far below or right of the data, written every way a reader accepts: the reader builds the
    grid from A1 to it, so past MAX_SHEET_CELLS it must be FILE01, and short of that it must be read."""
    entries = members(BASE["xlsx"])
    index = draw(st.sampled_from([i for i, (name, _) in enumerate(entries) if "worksheets/" in name]))
    row = draw(st.one_of(st.integers(5, 2000), st.integers(50_000, 2**32 - 1)))
    column = draw(st.one_of(st.integers(1, 100), st.integers(1_000, 20_000)))
    ref = column_letters(column) + str(row)
    cells = {
        "r": f'<c r="{ref}"><v>1</v></c>',
        "r in single quotes, lower case": f"<c r='{ref.lower()}' t=\"n\"><v>2</v></c>",
        "r not first, '>' before it": f'<c s="0" a=">" r="{ref}" ><v>3</v></c>',
        "r twice (the last counts)": f'<c r="A1" r="{ref}"><v>4</v></c>',
        "' r=' inside another value": f'<c a=" r=" r="{ref}"><v>5</v></c>',
        "an empty string": f'<c r="{ref}" t="inlineStr"><is><t/></is></c>',
        "no r: the next columns": "<c><v>6</v></c>" * min(column, 60),
        "formatted, empty": f'<c r="{ref}" s="1"/>',
    }
    style = draw(st.sampled_from(sorted(cells)))
    width = min(column, 60) if style.startswith("no r") else column
    if style == "formatted, empty":  # holds nothing: the reader skips it wherever it is
        claims = {"accepted": True, "reads": "baseline"}
    elif row * width > MAX_SHEET_CELLS:
        claims = {"rejected_by": FILE01}
    elif max(row, 4) * max(width, 12) <= MAX_SHEET_CELLS:  # the sheet's grid stays within the limit
        claims = {"never": FILE01}
    else:
        claims = {}
    name, content = entries[index]
    far = f'<row r="{row}">{cells[style]}</row></sheetData>'.encode()
    entries[index] = (name, content.replace(b"</sheetData>", far))
    note = f"{style}: row {row} column {width} in {name}"
    return Hostile("cell far from the data", "xlsx", pack(entries), note=note, **claims)


@st.composite
def extra_member(draw) -> Hostile:
    """An unknown member: ignored (FILE06 in a zip of CSVs; a workbook has many members a reader skips)."""
    container = draw(containers)
    segment = st.text(st.sampled_from("abcXYZ019_-. "), min_size=1, max_size=8).filter(
        lambda text: text not in (".", ".."))
    name = "/".join(draw(st.lists(segment, min_size=1, max_size=3)))
    name = name if container == "zip" else f"customXml/{name}"
    entries = members(BASE[container])
    if name in dict(entries):
        name += ".extra"
    content = draw(st.binary(max_size=300))
    return Hostile("extra member", container, pack([*entries, (name, content)], stored=frozenset({name})),
                   issue=("FILE06", None, None, None) if container == "zip" else None,
                   accepted=True, reads="baseline", note=f"member {name!r}")


@st.composite
def renamed(draw) -> Hostile:
    """Sheets and members in any case, members in a folder (spec section 1): accepted as they are."""
    container = draw(containers)
    if container == "xlsx":
        names = {part: draw(st.sampled_from([part.upper(), part.title(), f" {part} ", f"{part}\t"]))
                 for part in PARTS}
        parts = {names[part]: rows for part, rows in BASELINE.items()}
        return Hostile("sheets renamed", container, written(parts, container), accepted=True,
                       reads="baseline")
    folder = draw(st.sampled_from(["", "return/", "MPR_10004321/2025-26/"]))
    entries = [(folder + draw(st.sampled_from([name.upper(), name.title(), name])), content)
               for name, content in members(BASE["zip"])]
    return Hostile("members renamed", container, pack(entries), accepted=True, reads="baseline")


# --- the parts, columns and cells ----------------------------------------------------------------

@st.composite
def part_missing(draw) -> Hostile:
    container = draw(containers)
    part = draw(st.sampled_from(list(PARTS)))
    parts = {name: rows for name, rows in corpus.baseline().items() if name != part}
    return Hostile("part missing", container, written(parts, container), frozenset({"FILE04"}),
                   ("FILE04", part, None, None))


@st.composite
def part_repeated(draw) -> Hostile:
    """A part again under another name, after the first: FILE06, and the first one is read."""
    container = draw(containers)
    part = draw(st.sampled_from(list(PARTS)))
    copy = corpus.baseline()[part] if draw(st.booleans()) else [["junk"], ["=1+1"]]
    if container == "xlsx":
        parts = {**corpus.baseline(), f" {part.upper()}": copy}
        return Hostile("part repeated", container, written(parts, container),
                       issue=("FILE06", None, None, None), accepted=True, reads="baseline")
    entries = [*members(BASE["zip"]), (f"again/{part.title()}.csv", csv_members({part: copy})[f"{part}.csv"])]
    return Hostile("part repeated", container, pack(entries), issue=("FILE06", None, None, None),
                   accepted=True, reads="baseline")


COLUMNS = [(name, column) for name, part in PARTS.items() for column in part.columns]


@st.composite
def column_missing(draw) -> Hostile:
    container = draw(containers)
    part, column = draw(st.sampled_from(COLUMNS))
    parts = corpus.drop_column(corpus.baseline(), part, column.name)
    if column.required:
        return Hostile("required column missing", container, written(parts, container), frozenset({"FILE05"}),
                       ("FILE05", part, None, column.name))
    return Hostile("optional column missing", container, written(parts, container), reads="shape")


@st.composite
def column_repeated(draw) -> Hostile:
    """A column again at the end, in another case: FILE06, and the first one is read."""
    container = draw(containers)
    part, column = draw(st.sampled_from(COLUMNS))
    parts = corpus.baseline()
    index = parts[part][0].index(column.name)
    same = draw(st.booleans())
    for number, row in enumerate(parts[part]):
        row.append(f" {column.name.upper()} " if number == 0 else row[index] if same else "garbage")
    return Hostile("column repeated", container, written(parts, container),
                   issue=("FILE06", part, None, column.name.upper()), accepted=True, reads="baseline")


@st.composite
def column_unknown(draw) -> Hostile:
    container = draw(containers)
    part = draw(st.sampled_from(list(PARTS)))
    parts = corpus.baseline()
    header = draw(st.text(PRINTABLE, max_size=30))
    values = [draw(st.text(PRINTABLE, max_size=20)) for _ in parts[part][1:]]
    for row, value in zip(parts[part], [header, *values], strict=True):
        row.append(value)
    shows = header.strip() or any(value.strip() for value in values)
    return Hostile("unknown column", container, written(parts, container),
                   issue=("FILE06", part, None, ANY) if shows else None, accepted=True, reads="baseline")


DATA_CELLS = [(name, number, column) for name, part in PARTS.items()
              for number in range(2, len(BASELINE[name]) + 1) for column in part.columns]
NOT_A_NUMBER = st.text(PRINTABLE, max_size=20).map(lambda text: "x" + text)  # no number, date or code: 'x'
WHOLE = st.integers(2, 10**6)  # never yes/no (0, 1), a date or a code
DATES = st.dates(date(1950, 1, 1), date(2100, 12, 31))
BAD_REF = st.tuples(st.text(st.sampled_from("M0123_-"), max_size=5), st.sampled_from("!#$%&*/:;<>?|~é€ @."),
                    st.text(st.sampled_from("M0123_-"), min_size=1, max_size=5)).map("".join)
WRONG = {  # values of another kind than the column's (spec section 3): VAL01 at that cell
    "ukprn": st.one_of(NOT_A_NUMBER, DATES, st.booleans()),
    "int": st.one_of(NOT_A_NUMBER, DATES, st.booleans()),
    "decimal": st.one_of(NOT_A_NUMBER, DATES, st.booleans()),
    "money": st.one_of(NOT_A_NUMBER, DATES, st.booleans()),
    "year": st.one_of(NOT_A_NUMBER, WHOLE, DATES, st.booleans()),
    "yesno": st.one_of(NOT_A_NUMBER, WHOLE, DATES),
    "date": st.one_of(NOT_A_NUMBER, WHOLE, st.booleans()),
    "code": st.one_of(NOT_A_NUMBER, WHOLE, DATES, st.booleans()),
    "codes": st.one_of(NOT_A_NUMBER, WHOLE, DATES, st.booleans()),
    "ref": BAD_REF,
}


@st.composite
def wrong_kind(draw) -> Hostile:
    container = draw(containers)
    part, number, column = draw(st.sampled_from([cell for cell in DATA_CELLS if cell[2].kind in WRONG]))
    value = draw(WRONG[column.kind])
    parts = set_cell(corpus.baseline(), part, number, column.name, value)
    return Hostile("wrong kind of value", container, written(parts, container), frozenset({"VAL01"}),
                   ("VAL01", part, number, column.name), note=f"{value!r}")


HUGE = st.builds(lambda chunk, size: (chunk * (size // len(chunk) + 1))[:size],
                 st.text(min_size=1, max_size=8), st.integers(1_000, 150_000))
NUMBERISH = st.builds(  # numbers as text, of any length and exponent: 1e400, £-99999...9.999, 0e-7
    lambda sign, digits, size, tail: sign + (digits * size)[:size] + tail,
    st.sampled_from(["", "-", "+", "£", "-£"]), st.text("0123456789", min_size=1, max_size=4),
    st.integers(1, 6_000), st.sampled_from(["", ".5", ".999", "e400", "e-7", "E+30", ",000"]),
)
WILD = st.one_of(  # anything a cell can hold, and worse
    st.text(), HUGE, NUMBERISH, st.integers(-(10**30), 10**30), st.floats(), st.booleans(), st.dates(),
    st.datetimes(), st.none(),
)


@st.composite
def wild_cells(draw) -> Hostile:
    """Up to three cells replaced by anything: huge, control characters, NaN, year 1, ... Rows stay rows."""
    container = draw(containers)
    parts = corpus.baseline()
    cells = draw(st.lists(st.sampled_from(DATA_CELLS), min_size=1, max_size=3, unique=True))
    changes = {(part, number, column.name): draw(WILD) for part, number, column in cells}
    for (part, number, column), value in changes.items():
        set_cell(parts, part, number, column, value)
    note = "; ".join(f"{part} row {number} {column} = {value!r:.60}" for (part, number, column), value
                     in changes.items())
    return Hostile("wild cells", container, written(parts, container), reads="shape", note=note)


@st.composite
def reencoded(draw) -> Hostile:
    """A CSV in another encoding: FILE07 unless its bytes are UTF-8 that still say the same text."""
    part = draw(st.sampled_from(list(PARTS)))
    encoding = draw(st.sampled_from(["utf-8-sig", "latin-1", "cp1252", "shift_jis", "utf-16", "utf-16-be",
                                     "utf-32"]))
    parts = corpus.baseline()
    injected = part == "training" and draw(st.booleans())
    if injected:  # programme_name is free text: anything printable up to 120 characters is valid
        set_cell(parts, "training", 2, "programme_name", draw(st.text(PRINTABLE, min_size=1, max_size=40)))
    files = csv_members(parts)
    text = files[f"{part}.csv"].decode()
    files[f"{part}.csv"] = encoded = text.encode(encoding, errors="replace")
    data = pack(list(files.items()))
    kind, note = f"CSV in {encoding}", f"{part}.csv"
    try:
        same = encoded.decode("utf-8-sig") == text
    except UnicodeDecodeError:
        return Hostile(kind, "zip", data, frozenset({"FILE07"}), ("FILE07", part, None, None), note=note)
    if same:
        return Hostile(kind, "zip", data, accepted=True, reads="shape" if injected else "baseline", note=note)
    return Hostile(kind, "zip", data, note=note)  # UTF-8 after all (UTF-16 of ASCII), but other text


@st.composite
def csv_cut(draw) -> Hostile:
    files = csv_members(corpus.baseline())
    part = draw(st.sampled_from(list(PARTS)))
    content = files[f"{part}.csv"]
    cut = draw(st.integers(0, len(content) - 1))
    files[f"{part}.csv"] = content[:cut]
    return Hostile("CSV cut short", "zip", pack(list(files.items())), note=f"{part}.csv after {cut} bytes")


def hostile_files() -> st.SearchStrategy[Hostile]:
    return st.one_of(
        truncated(), random_bytes(), overwritten(), header_field(), other_container(), nested_zip(),
        zip_bomb(), path_traversal(), entity_bomb(), far_cell(), extra_member(), renamed(), part_missing(),
        part_repeated(), column_missing(), column_repeated(), column_unknown(), wrong_kind(), wild_cells(),
        reencoded(), csv_cut(),
    )


# --- what every verdict must satisfy -------------------------------------------------------------

def rows_of(result: ValidationResult, submission_id: int) -> dict[str, pd.DataFrame]:
    return {name: frame[frame["submission_id"] == submission_id].drop(columns="submission_id")
            .reset_index(drop=True) for name, frame in result.parts.items()}


def issues_by_file(issues: pd.DataFrame) -> dict[int, list[tuple]]:
    """Each submission's issues as sorted tuples of the other columns (None for missing)."""
    found: dict[int, list[tuple]] = {}
    for row in issues.astype(object).where(issues.notna(), None).itertuples(index=False, name=None):
        found.setdefault(row[0], []).append(row[1:])
    return {submission_id: sorted(rows, key=repr) for submission_id, rows in found.items()}


@cache
def alone(container: str) -> dict[str, pd.DataFrame]:
    """The baseline's typed rows, validated on its own: what a file that "reads as the baseline" holds."""
    with tempfile.TemporaryDirectory() as folder:
        result = validate_returns([corpus.received(Path(folder), BASE[container], container)], REFERENCE)
    assert result.issues.empty, "the baseline is no longer a valid return"
    return rows_of(result, 1)


def assert_well_formed(issues: pd.DataFrame) -> None:
    """Every issue is one the spec defines, placed where a provider can find it, short whatever the cell."""
    for issue in issues.astype(object).where(issues.notna(), None).itertuples(index=False):
        where = f"issue {issue}"[:400]
        assert issue.rule_id in ISSUE_RULES and issue.severity == RULES[issue.rule_id].severity, where
        assert issue.part is None or issue.part in PARTS, where
        assert issue.row_number is None or issue.row_number >= 2, where  # the header is row 1
        assert issue.value is None or len(issue.value) <= 100, where
        assert issue.column_name is None or len(issue.column_name) <= 100, where
        assert isinstance(issue.message, str) and 0 < len(issue.message) < 1000, where


def matches(issue: tuple, expected: tuple) -> bool:
    return all(want is ANY or got == want for got, want in zip(issue, expected, strict=True))


def assert_verdict(hostile: Hostile, issues: list[tuple], rows: Callable[[], dict[str, pd.DataFrame]]) -> str:
    """Check one hostile file against its claims; returns its verdict."""
    errors = {issue[0] for issue in issues if issue[1] == ERROR}
    where = f"{hostile!r} got {[issue[:5] for issue in issues][:10]}"
    if hostile.rejected_by:
        assert errors & hostile.rejected_by, where
    if hostile.accepted:
        assert not errors, where
    assert not {issue[0] for issue in issues} & hostile.never, where
    if hostile.issue:
        placed = [(rule, part, row, column) for rule, _, part, row, column, *_ in issues]
        assert any(matches(issue, hostile.issue) for issue in placed), where
    if errors:
        return "rejected"
    if hostile.reads == "baseline":
        read = rows()
        for name, frame in alone(hostile.container).items():
            if not read[name].equals(frame):  # the full comparison only to say what differs
                pd.testing.assert_frame_equal(read[name], frame, obj=f"{name} of {hostile!r}")
    if hostile.reads == "shape":
        shape = {name: len(frame) for name, frame in alone(hostile.container).items()}
        assert {name: len(frame) for name, frame in rows().items()} == shape, where
    return "accepted with issues" if issues else "accepted clean"


class _Unexpected(logging.Handler):
    """Counts files the reader turned away only through its last-resort handler (logged as unexpected)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += "unexpectedly" in record.getMessage()


def test_hostile_files_in_a_batch_never_crash_it_and_never_touch_the_good_file(tmp_path, capsys):
    """Batches of hostile files and one good return through `validate_returns`: nothing raises; every
    issue is well formed; each hostile file gets the verdict its claims demand (and, when accepted, reads
    as the baseline or keeps its shape); the good return has no issue and exactly its own rows; and half
    the batch validated again on its own gives those files the very same issues and rows."""
    tally: Counter = Counter()
    kinds: Counter = Counter()
    clean: Counter = Counter()  # accepted without an issue: mutations that leave a valid return
    unexpected = _Unexpected()
    logging.getLogger("mpo.collection.read").addHandler(unexpected)
    started = time.perf_counter()

    @settings(FUZZ, max_examples=BATCHES)
    @given(files=st.lists(hostile_files(), min_size=BATCH_FILES, max_size=BATCH_FILES), good=containers)
    def batch(files: list[Hostile], good: str) -> None:
        with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
            received = [corpus.received(Path(folder), BASE[good], good, submission_id=1)] + [
                corpus.received(Path(folder), f.content, f.container, submission_id=number)
                for number, f in enumerate(files, start=2)
            ]
            result = validate_returns(received, REFERENCE)  # raising here is the crash this test exists for
            # Half the batch again, on its own: no file's verdict may depend on the files beside it.
            half = validate_returns(received[len(received) // 2:], REFERENCE)
        assert_well_formed(result.issues)
        issues = issues_by_file(result.issues)
        assert 1 not in issues, f"the good file picked up issues from its batch: {issues[1][:5]}"
        for name, frame in alone(good).items():
            pd.testing.assert_frame_equal(rows_of(result, 1)[name], frame, obj=f"the good file's {name}")
        verdicts = [assert_verdict(hostile, issues.get(number, []), partial(rows_of, result, number))
                    for number, hostile in enumerate(files, start=2)]
        ids = {r.submission_id for r in received[len(received) // 2:]}
        assert issues_by_file(half.issues) == {sid: found for sid, found in issues.items() if sid in ids}
        for name, frame in half.parts.items():
            mine = result.parts[name][result.parts[name]["submission_id"].isin(ids)]
            pd.testing.assert_frame_equal(mine.reset_index(drop=True), frame.reset_index(drop=True),
                                          obj=f"{name} of the files validated again in a smaller batch")
        tally.update(verdicts)
        tally["batches"] += 1
        names = [f.kind.split(" (")[0] for f in files]
        kinds.update(names)
        clean.update(name for name, v in zip(names, verdicts, strict=True) if v == "accepted clean")

    try:
        batch()
    finally:
        logging.getLogger("mpo.collection.read").removeHandler(unexpected)
    files = tally["rejected"] + tally["accepted with issues"] + tally["accepted clean"]
    assert files >= 2_000 and len(kinds) >= 20
    with capsys.disabled():  # shown in `make test-reliability` without -s
        print(f"\nfuzz: {files} hostile files in {tally['batches']} batches (each with a good return), "
              f"0 crashes, good returns untouched, in {time.perf_counter() - started:.0f} s: "
              f"{tally['rejected']} rejected, {tally['accepted with issues']} accepted with issues, "
              f"{tally['accepted clean']} accepted clean (harmless mutations); "
              f"{unexpected.count} turned away by the reader's last-resort handler")
        print("fuzz kinds: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))
        print("accepted clean: " + ", ".join(f"{kind} {count}" for kind, count in sorted(clean.items())))


# --- the real path: landing, archive, collect, store, reports ------------------------------------

GOOD_UKPRN = 10004322  # the good return's own provider-year: no hostile file can supersede it
REFERENCE_FILES = {
    "providers.csv": "ukprn,provider_name,provider_type,region,partnerships,open_date,close_date\n"
                     f"{corpus.UKPRN},Example College,GFE,London,P01,2000-01-01,\n"
                     f"{GOOD_UKPRN},Good College,SFC,North West,,2000-01-01,\n",
    "allocations.csv": f"ukprn,year,stream,allocated_gbp\n{corpus.UKPRN},{corpus.YEAR},ITT_ALLOCATION,25000\n"
                       f"{corpus.UKPRN},{corpus.YEAR},MENTOR_GRANT,5000\n",
    "partnerships.csv": f"partnership_code,partnership_name,lead_ukprn\nP01,Capital CETT,{corpus.UKPRN}\n",
    "collection_years.csv": f"year,opens,closes\n{corpus.YEAR},2025-09-01,2026-03-31\n",
}
GOOD_PARTS = set_cell(corpus.baseline(), "about", 2, "ukprn", GOOD_UKPRN)
STATUSES = {"ACCEPTED", "REJECTED", "DUPLICATE", "STALE", "SUPERSEDED"}
ODD_NAMES = st.text(st.characters(exclude_characters="/\x00", exclude_categories=("Cs",)), min_size=1,
                    max_size=60).filter(
    lambda name: not name.startswith(".") and len(name.encode()) <= 200 and parse_return_name(name) is None)


def land(home: MpoHome, files: list[tuple[str, bytes]]) -> None:
    """Files into landing, in this order of arrival (landing is picked up oldest first)."""
    stamp = time.time() - 100
    for offset, (name, content) in enumerate(files):
        path = home.landing / name
        path.write_bytes(content)
        os.utime(path, (stamp + offset, stamp + offset))


def good_name(container: str, days: int = 0) -> str:
    stamp = corpus.FILE_TIMESTAMP + timedelta(days=days)
    return format_return_name(GOOD_UKPRN, corpus.YEAR, stamp, container)


def test_hostile_files_through_landing_collect_and_the_store(tmp_path, capsys):
    """Two batches per example: the good return, hostile files of another provider, a file with a
    name that does not parse; then more hostile files, a copy of the good return and an older one."""
    landed = Counter()

    @settings(FUZZ, max_examples=STORE_BATCHES)
    @given(files=st.lists(hostile_files(), min_size=8, max_size=16), odd=ODD_NAMES)
    def batches(files: list[Hostile], odd: str) -> None:
        with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
            home = MpoHome(Path(folder) / "home").init()
            for name, text in REFERENCE_FILES.items():
                (home.reference / name).write_text(text, encoding="utf-8")
            good = written(GOOD_PARTS, "xlsx")
            hostile = {format_return_name(corpus.UKPRN, corpus.YEAR,
                                          corpus.FILE_TIMESTAMP + timedelta(minutes=number), f.container): f
                       for number, f in enumerate(files)}
            names = list(hostile)
            first = [(good_name("xlsx"), good), *((name, hostile[name].content) for name in names[::2]),
                     (odd, b"not a return: " + odd.encode())]
            second = [*((name, hostile[name].content) for name in names[1::2]),
                      (good_name("xlsx", days=1), good),  # the same bytes again: DUPLICATE
                      (good_name("zip", days=-1), written(GOOD_PARTS, "zip"))]  # older than current: STALE
            for arrivals in (first, second):
                land(home, arrivals)
                receive_landing(home, settle_seconds=0, now=corpus.RECEIVED_AT)
                collect(home)
                statuses = check_store(home, hostile, odd)
            landed.update(statuses)

    batches()
    with capsys.disabled():
        print(f"\nfuzz through collect: {landed.total()} files in {2 * STORE_BATCHES} batches, each with "
              "exactly one status and a report, the good return current throughout: "
              + ", ".join(f"{count} {status.lower()}" for status, count in sorted(landed.items())))


def check_store(home: MpoHome, hostile: dict[str, Hostile], odd: str) -> Counter:
    """Every received file decided once, as its claims and the order of decisions (spec section 1) say."""
    receipts = {receipt.seq: receipt.file_name for receipt in read_receipts(home.receipts_journal)}
    assert len(receipts) == len(list(home.landing.iterdir())), "a landed file was not received"
    with duckdb.connect(str(home.collection_store), read_only=True) as store:
        rows = store.execute("select submission_id, file_name, ukprn, year, status, error_count, "
                             "duplicate_of from submissions").fetchall()
        errors: dict[int, set[str]] = {}
        for submission_id, rule_id in store.execute(
                "select submission_id, rule_id from validation_issues where severity = 'ERROR'").fetchall():
            errors.setdefault(submission_id, set()).add(rule_id)
        submissions = {row[0]: row for row in rows}
        assert sorted(submissions) == sorted(receipts), "every received file is one submission, once"
        by_name = {file_name: submission_id for submission_id, file_name in receipts.items()}
        good = by_name[good_name("xlsx")]
        assert submissions[good][4] == "ACCEPTED", submissions[good]
        assert store.execute(f"select count(*) from {part_table('mentor_pool')} where submission_id = ?",
                             [good]).fetchone()[0] == 3
    current = Counter((ukprn, year) for _, _, ukprn, year, status, *_ in rows if status == "ACCEPTED")
    assert max(current.values()) == 1, "a provider-year has two current returns"
    for submission_id, file_name, _, _, status, error_count, duplicate_of in rows:
        claims = hostile.get(file_name)
        where = f"{submission_id} {file_name!r} {status} {errors.get(submission_id)} {claims!r}"
        assert status in STATUSES, where
        report = (home.reports / f"{submission_id}.json").read_text(encoding="utf-8")
        assert f'"status": "{status}"' in report, where
        assert (status == "REJECTED") == bool(errors.get(submission_id)) == (error_count > 0), where
        if claims and claims.rejected_by:
            assert status in ("REJECTED", "DUPLICATE", "STALE"), where
            assert status != "REJECTED" or errors[submission_id] & claims.rejected_by, where
        if claims and claims.accepted:
            assert status != "REJECTED", where
        if status == "DUPLICATE":
            assert duplicate_of in submissions and duplicate_of < submission_id, where
    assert submissions[by_name[odd]][4] == "REJECTED" and errors[by_name[odd]] == {"FILE02"}
    if good_name("zip", days=-1) in by_name:  # the second batch has arrived
        assert submissions[by_name[good_name("xlsx", days=1)]][4:] == ("DUPLICATE", 0, good)
        assert submissions[by_name[good_name("zip", days=-1)]][4] == "STALE"
    return Counter(status for *_, status, _, _ in rows)
