"""The receipts journal: one JSON line per received file, in receipt order, appended and never rewritten.

With the archive it is the source of truth: the collection store and the warehouse can be rebuilt
from these two alone. A line is only written after its file is safely in the archive.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path


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


def read_receipts(path: Path) -> list[Receipt]:
    """Every complete line; a last line cut short by a crash was never committed and is skipped."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    complete = text[: text.rfind("\n") + 1]
    return [Receipt.from_json(line) for line in complete.splitlines() if line]


def append_receipts(path: Path, receipts: list[Receipt]) -> None:
    """Append durably; first drop a torn last line a crash may have left, so lines never merge."""
    if not receipts:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as journal:
        journal.seek(0)
        content = journal.read()
        if content and not content.endswith(b"\n"):
            journal.truncate(content.rfind(b"\n") + 1)
        journal.seek(0, os.SEEK_END)
        journal.write("".join(receipt.to_json() + "\n" for receipt in receipts).encode("utf-8"))
        journal.flush()
        os.fsync(journal.fileno())
