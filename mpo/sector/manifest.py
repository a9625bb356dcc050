"""The generator's record of every file it wrote, and the status each should end with.

``MPO_HOME/sector/manifest.json`` lets an end-to-end test check the pipeline against the plan:
for each file, the ERROR rules the validator must report (exactly those, give or take
``also_allowed``), the warnings deliberately injected (others, such as RM04 or FN04, also occur
naturally), and the expected status when ``landing`` is processed as one batch and the late
arrivals (``mpo generate --deliver-late``) as a second.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mpo.returns.naming import parse_return_name
from mpo.sector.returns import Parts

ACCEPTED, REJECTED, DUPLICATE, STALE, SUPERSEDED = "ACCEPTED", "REJECTED", "DUPLICATE", "STALE", "SUPERSEDED"
BATCHES = ("landing", "late")


@dataclass
class WrittenFile:
    file_name: str
    batch: str  # landing, or late (delivered later by deliver_late_arrivals)
    ukprn: int  # as meant by the sender (also for a FILE02 name)
    year: str
    container: str
    file_timestamp: datetime
    kind: str  # first, resubmission, faulty, duplicate, out_of_order, late_copy
    sha256: str
    size_bytes: int
    mtime: int | None  # landing files: seconds since the epoch; late files get theirs on delivery
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    also_allowed: tuple[str, ...] = ()
    copy_of: str | None = None
    parts: Parts | None = None  # the rows as written (typed); not saved in the manifest
    expected_status: str = ""

    def as_json(self) -> dict:
        fields = {k: v for k, v in self.__dict__.items() if k != "parts"}
        return {
            **fields,
            "file_timestamp": self.file_timestamp.isoformat(),
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "also_allowed": list(self.also_allowed),
        }


def receipt_order(files: list[WrittenFile], batch: str) -> list[WrittenFile]:
    """Landing files by (mtime, name), as the pipeline lists them; late ones in name order, as delivered."""
    chosen = [f for f in files if f.batch == batch]
    return sorted(chosen, key=lambda f: ((f.mtime or 0), f.file_name))


def set_expected_statuses(files: list[WrittenFile]) -> None:
    """Apply spec section 1's order of decisions, batch by batch, to what each file should do."""
    seen: set[str] = set()
    current: dict[tuple[int, str], WrittenFile] = {}
    for batch in BATCHES:
        to_validate = []
        for file in receipt_order(files, batch):
            name = parse_return_name(file.file_name)
            if file.sha256 in seen:
                file.expected_status = DUPLICATE
            elif name is None:
                file.expected_status = REJECTED
            else:
                to_validate.append((name.ukprn, name.year, name.file_timestamp, file))
            seen.add(file.sha256)
        for ukprn, year, stamp, file in sorted(to_validate, key=lambda item: item[:3]):
            accepted = current.get((ukprn, year))
            if accepted is not None and accepted.file_timestamp >= stamp:
                file.expected_status = STALE
            elif file.errors:
                file.expected_status = REJECTED
            else:
                if accepted is not None:
                    accepted.expected_status = SUPERSEDED
                file.expected_status = ACCEPTED
                current[(ukprn, year)] = file


def write_manifest(path: Path, header: dict, files: list[WrittenFile]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {**header, "files": [file.as_json() for file in files]}
    path.write_text(json.dumps(document, indent=1, default=str) + "\n", encoding="utf-8")


def read_manifest(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
