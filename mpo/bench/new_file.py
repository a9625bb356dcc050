"""One new return landing on top of a processed sector: a provider re-sending its accepted return.

The parts are the provider's own accepted ones, re-packed with a newer file timestamp, so the
file is new (a new SHA-256), is validated in full and supersedes the older return: the common
case of the collection once a sector is in.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from mpo.collection.journal import read_receipts
from mpo.collection.receive import archive_path
from mpo.config import MpoHome
from mpo.returns.naming import format_return_name


@dataclass(frozen=True)
class NewReturn:
    file_name: str
    ukprn: int
    data: bytes


def resubmission(home: MpoHome, produced_at: datetime, not_from: set[int] = frozenset()) -> NewReturn:
    """A newer copy of an accepted .zip return of a provider not in ``not_from``."""
    with duckdb.connect(str(home.collection_store), read_only=True) as store:
        rows = store.execute(
            "select file_name, sha256, ukprn, year from submissions where status = 'ACCEPTED' "
            "and container = 'zip' order by year desc, ukprn"
        ).fetchall()
    file_name, sha256, ukprn, year = next(row for row in rows if row[2] not in not_from)
    source = archive_path(home.archive, sha256, file_name)
    stamp = produced_at.replace(microsecond=0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for member in old.infolist():
            new.writestr(zipfile.ZipInfo(member.filename, date_time=stamp.timetuple()[:6]), old.read(member))
    return NewReturn(format_return_name(ukprn, year, stamp, "zip"), ukprn, buffer.getvalue())


def drop(home: MpoHome, new: NewReturn) -> Path:
    """Land the file as a provider's upload would: written under a hidden name, then renamed into view."""
    target = home.landing / new.file_name
    temporary = home.landing / f".{new.file_name}.part"
    temporary.write_bytes(new.data)
    os.replace(temporary, target)
    return target


def submission_id_of(home: MpoHome, file_name: str) -> int | None:
    """The submission id (receipt seq) of a received file, or None until it is received."""
    return next((r.seq for r in read_receipts(home.receipts_journal) if r.file_name == file_name), None)


def received_at(home: MpoHome, submission_id: int) -> datetime:
    return next(r.received_at for r in read_receipts(home.receipts_journal) if r.seq == submission_id)


def report_path(home: MpoHome, submission_id: int) -> Path:
    return home.reports / f"{submission_id}.json"


def published_includes(home: MpoHome, submission_id: int) -> bool:
    """Whether the warehouse readers see now (``current.json``) holds the submission."""
    from mpo.warehouse.publish import current_publication

    publication = current_publication(home)
    if publication is None or not publication.snapshot.exists():
        return False
    with duckdb.connect(str(publication.snapshot), read_only=True) as warehouse:
        found = warehouse.execute("select count(*) from submissions where submission_id = ?",
                                  [submission_id]).fetchone()
    return bool(found and found[0])
