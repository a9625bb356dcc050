"""Receive: pick up complete files from landing and archive them byte for byte before anything reads them."""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mpo.collection.audit import receipt_events, record_missing
from mpo.collection.journal import Receipt, append_receipts, read_receipts
from mpo.config import MpoHome
from mpo.faults import checkpoint

_CHUNK = 1 << 20


@dataclass(frozen=True)
class LandedFile:
    name: str
    size_bytes: int
    mtime_ns: int

    @property
    def landing_key(self) -> str:
        return f"{self.name}|{self.size_bytes}|{self.mtime_ns}"


def list_landing(landing: Path) -> list[LandedFile]:
    """Regular files in landing (hidden and temporary names are still being written)."""
    if not landing.exists():
        return []
    files = []
    with os.scandir(landing) as entries:
        for entry in entries:
            if entry.name.startswith(".") or not entry.is_file(follow_symlinks=False):
                continue
            stat = entry.stat(follow_symlinks=False)
            files.append(LandedFile(entry.name, stat.st_size, stat.st_mtime_ns))
    return sorted(files, key=lambda f: (f.mtime_ns, f.name))


def archive_path(archive: Path, sha256: str, file_name: str) -> Path:
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else "bin"
    extension = extension if extension.isalnum() and len(extension) <= 8 else "bin"
    return archive / sha256[:2] / f"{sha256}.{extension}"


def archive_file(source: Path, archive: Path) -> tuple[str, int, Path]:
    """Copy into the archive under its SHA-256; returns (sha256, size, archived path).

    The copy is hashed as it is read, written under a temporary name, flushed to disk and only
    then renamed, so the archive never holds a partial file under a real name.
    """
    digest = hashlib.sha256()
    archive.mkdir(parents=True, exist_ok=True)
    temporary = archive / f".incoming-{os.getpid()}-{time.monotonic_ns()}"
    size = 0
    try:
        with open(source, "rb") as reader, open(temporary, "wb") as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
                size += len(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        checkpoint("archive.copy")
        sha256 = digest.hexdigest()
        target = archive_path(archive, sha256, source.name)
        target.parent.mkdir(exist_ok=True)
        if target.exists():  # same bytes already archived: content addressing makes this a no-op
            temporary.unlink()
        else:
            os.replace(temporary, target)
        checkpoint("archive.renamed")
        return sha256, size, target
    finally:
        temporary.unlink(missing_ok=True)


def receive_landing(home: MpoHome, only: set[str] | None = None, settle_seconds: float = 1.0,
                    now: datetime | None = None) -> list[Receipt]:
    """Archive every complete landing file not yet received and journal it; returns the new receipts.

    ``only`` limits pickup to the given landing keys (the sensor's run request). A file modified in the
    last ``settle_seconds`` may still be being written and waits for the next run; so does a file that
    changes while it is copied.
    """
    journal = read_receipts(home.receipts_journal)
    received = {receipt.landing_key for receipt in journal}
    next_seq = len(journal) + 1
    cutoff_ns = time.time_ns() - int(settle_seconds * 1e9)
    new: list[Receipt] = []
    for landed in list_landing(home.landing):
        key = landed.landing_key
        if key in received or (only is not None and key not in only) or landed.mtime_ns > cutoff_ns:
            continue
        path = home.landing / landed.name
        try:
            sha256, size, _ = archive_file(path, home.archive)
            unchanged = LandedFile(landed.name, *_size_and_mtime(path)) == landed
        except FileNotFoundError:  # withdrawn by the provider while we looked
            continue
        if not unchanged or size != landed.size_bytes:
            continue
        receipt = Receipt(next_seq, landed.name, key, sha256, size, now or datetime.now())
        new.append(receipt)
        received.add(key)
        next_seq += 1
    append_receipts(home.receipts_journal, new)
    checkpoint("receive.journalled")
    record_receipts(home, journal + new)
    return new


def record_receipts(home: MpoHome, receipts: list[Receipt]) -> None:
    """Audit ``received`` and ``archived`` for every journalled receipt the log lacks (a crash may have
    fallen between the journal and the log)."""
    record_missing(home.audit_log, (event for receipt in receipts for event in receipt_events(
        receipt, archive_path(home.archive, receipt.sha256, receipt.file_name))), "audit.receipts")


def _size_and_mtime(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns
