"""The receipts journal: one JSON line per received file, in receipt order, appended and never rewritten.

With the archive it is the source of truth: the collection store and the warehouse can be rebuilt
from these two alone (``mpo rebuild``). A receipt line is only written after its file is safely in
the archive. Decisions depend on which files were decided together (a provider-year's files are
ordered by file timestamp within a batch, but a file is STALE against an earlier batch), so the
journal also records batch boundaries: a marker line ``{"batch_end": <last seq>}`` is appended,
durably, *before* the batch is committed to the store. A batch is therefore always replayed as it
was decided: a crash before the marker means the batch was never decided (its receipts join the
next batch, and the marker written then records that); a crash after it means the next run decides
exactly that batch again, with the same result.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from mpo.faults import checkpoint


@dataclass(frozen=True)
class Receipt:
    seq: int  # receipt order from 1; also the submission_id
    file_name: str
    landing_key: str  # name, size and mtime of the landing file: a file is received once per key
    sha256: str
    size_bytes: int
    received_at: datetime

    def to_json(self) -> str:
        fields = asdict(self) | {"received_at": self.received_at.isoformat()}
        return json.dumps(fields, sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> Receipt:
        fields = json.loads(line)
        return cls(**fields | {"received_at": datetime.fromisoformat(fields["received_at"])})


@dataclass
class Journal:
    receipts: list[Receipt] = field(default_factory=list)
    batch_ends: list[int] = field(default_factory=list)  # last seq of each decided batch, in order

    def batches(self, receipts: Iterable[Receipt]) -> list[list[Receipt]]:
        """``receipts`` split as they were (or are to be) decided: one list per marker, then the rest."""
        groups: list[list[Receipt]] = []
        rest = sorted(receipts, key=lambda r: r.seq)
        for end in self.batch_ends:
            inside = [r for r in rest if r.seq <= end]
            rest = rest[len(inside):]
            if inside:
                groups.append(inside)
        return groups + ([rest] if rest else [])


def read_journal(path: Path) -> Journal:
    """Every complete line; a last line cut short by a crash was never committed and is skipped."""
    journal = Journal()
    if not path.exists():
        return journal
    text = path.read_text(encoding="utf-8")
    for line in text[: text.rfind("\n") + 1].splitlines():
        if '"batch_end"' in line:
            journal.batch_ends.append(json.loads(line)["batch_end"])
        elif line:
            journal.receipts.append(Receipt.from_json(line))
    return journal


def read_receipts(path: Path) -> list[Receipt]:
    return read_journal(path).receipts


def append_receipts(path: Path, receipts: list[Receipt]) -> None:
    append_lines(path, [receipt.to_json() for receipt in receipts], "journal.append")


def close_batch(path: Path, last_seq: int) -> None:
    """Record that every receipt up to ``last_seq`` not decided before is decided as one batch."""
    marker = {"batch_end": last_seq, "closed_at": datetime.now().isoformat()}
    append_lines(path, [json.dumps(marker, sort_keys=True)], "journal.marker")


def append_lines(path: Path, lines: list[str], fault_point: str) -> None:
    """Append whole lines durably; first drop a torn last line a crash may have left, so lines never merge."""
    if not lines:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    with open(path, "a+b") as journal:
        journal.seek(0)
        content = journal.read()
        if content and not content.endswith(b"\n"):
            journal.truncate(content.rfind(b"\n") + 1)
        journal.seek(0, os.SEEK_END)
        # Two writes, so the crash tests can kill between them and leave the torn line a real
        # crash (or a full disk) can leave; reading and the next append must both survive it.
        journal.write(data[: len(data) // 2])
        journal.flush()
        checkpoint(fault_point)
        journal.write(data[len(data) // 2:])
        journal.flush()
        os.fsync(journal.fileno())
