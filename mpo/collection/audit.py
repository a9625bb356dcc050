"""The audit log (``state/audit.jsonl``): an append-only JSON-lines record of what happened to every file.

Events, each with its time (``at``) and a SHA-256: ``received`` and ``archived`` (per receipt, the
file's SHA-256), ``validated``, then the decision (``accepted``, ``rejected``, ``duplicate``,
``stale``), ``superseded`` when a later submission replaces an accepted one, and ``published``
(per published build, the snapshot file's SHA-256).

Each event is recorded exactly once. The log is a file and the store a database, so a crash can fall
between a commit and its log line; rather than a two-phase commit, every writer appends the events
its source of truth (journal, store, publication pointer) implies and the log does not yet hold. The
next run heals a gap a crash left, and nothing is ever written twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from mpo.collection.journal import Receipt, append_lines

DECISIONS = ("accepted", "rejected", "duplicate", "stale")
Event = dict[str, Any]


def event_key(event: Mapping[str, Any]) -> tuple:
    """What makes an event unique: the kind and the submission (or build) it is about."""
    return event["event"], event.get("submission_id"), event.get("build_id")


def read_events(path: Path) -> list[Event]:
    """Every complete line (a torn last line, cut short by a crash, is not an event)."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text[: text.rfind("\n") + 1].splitlines() if line]


def record_missing(path: Path, events: Iterable[Mapping[str, Any]], fault_point: str = "audit.append") -> int:
    """Append the events the log does not hold yet, flushed to disk together; returns how many."""
    held = {event_key(event) for event in read_events(path)}
    at = datetime.now().isoformat()
    new = []
    for event in events:
        if event_key(event) not in held:
            held.add(event_key(event))
            new.append(json.dumps({"at": at, **event}, default=str, sort_keys=True))
    append_lines(path, new, fault_point)
    return len(new)


def receipt_events(receipt: Receipt, archived: Path) -> list[Event]:
    facts = {"submission_id": receipt.seq, "sha256": receipt.sha256, "file_name": receipt.file_name}
    return [
        {"event": "received", **facts, "received_at": receipt.received_at.isoformat(),
         "landing_key": receipt.landing_key},
        {"event": "archived", **facts, "path": str(archived)},
    ]


def submission_events(submission: Mapping[str, Any], held_decision: bool) -> list[Event]:
    """The events a stored submission implies; ``held_decision``: the log already has its decision."""
    status = submission["status"].lower()
    facts = {"submission_id": submission["submission_id"], "sha256": submission["sha256"],
             "file_name": submission["file_name"]}
    validated = status in ("accepted", "rejected", "superseded") and submission["ukprn"] is not None
    events = [{"event": "validated", **facts, "errors": submission["error_count"],
               "warnings": submission["warning_count"]}] if validated else []
    if not held_decision:
        decision = "accepted" if status == "superseded" else status  # superseded within its own batch
        events.append({"event": decision, **facts, "duplicate_of": submission["duplicate_of"]})
    if status == "superseded":
        events.append({"event": "superseded", **facts, "superseded_by": submission["superseded_by"]})
    return events


def decided(path: Path) -> set[int]:
    """Submissions whose decision the log holds."""
    return {event["submission_id"] for event in read_events(path) if event["event"] in DECISIONS}


def publication_event(build_id: str, snapshot: Path, source_version: str) -> Event:
    return {"event": "published", "build_id": build_id, "sha256": file_sha256(snapshot),
            "snapshot": snapshot.name, "source_version": source_version}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def record_publication(path: Path, build_id: str, snapshot: Path, source_version: str) -> None:
    """Audit a publication once (the snapshot is hashed only when the log does not hold it yet)."""
    if not any(event_key(e) == ("published", None, build_id) for e in read_events(path)):
        record_missing(path, [publication_event(build_id, snapshot, source_version)], "audit.published")
