"""Publish step of write-audit-publish: an audited build becomes the warehouse readers see, atomically.

Readers find the current snapshot through ``published/current.json``; analysts open the stable name
``published/warehouse.duckdb``. A snapshot file is never changed once published, so a reader holding
one keeps a complete, consistent warehouse however many publishes happen meanwhile.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mpo.collection.audit import record_publication
from mpo.config import MpoHome
from mpo.faults import checkpoint
from mpo.warehouse.extracts import write_extracts

KEEP_SNAPSHOTS = 3


@dataclass(frozen=True)
class Publication:
    build_id: str
    published_at: str
    snapshot: Path
    source_version: str

    def describe(self) -> str:
        return f"published warehouse {self.build_id} at {self.published_at}"


def current_publication(home: MpoHome) -> Publication | None:
    pointer = home.published / "current.json"
    if not pointer.exists():
        return None
    fields = json.loads(pointer.read_text(encoding="utf-8"))
    return Publication(fields["build_id"], fields["published_at"], home.published / fields["snapshot"],
                       fields["source_version"])


def publish(home: MpoHome, build_path: Path, source_version: str) -> Publication:
    """Move an audited build into place: extracts, snapshot, stable name, then the pointer readers follow."""
    now = datetime.now(UTC)
    build_id = now.strftime("%Y%m%dT%H%M%S%fZ")
    snapshots = home.published / "snapshots"
    snapshots.mkdir(parents=True, exist_ok=True)
    extracts = write_extracts(build_path, home.published / f"extracts-{build_id}")
    checkpoint("publish.extracts")
    snapshot = snapshots / f"{build_id}.duckdb"
    os.replace(build_path, snapshot)
    _fsync_dir(snapshots)
    checkpoint("publish.snapshot")
    _replace_atomically(home.warehouse, lambda temporary: os.link(snapshot, temporary))
    checkpoint("publish.stable_name")
    _replace_atomically(home.published / "extracts", lambda temporary: os.symlink(extracts.name, temporary))
    publication = Publication(build_id, now.isoformat(timespec="seconds"), snapshot, source_version)
    pointer = {"build_id": build_id, "published_at": publication.published_at,
               "snapshot": str(snapshot.relative_to(home.published)), "source_version": source_version}
    text = json.dumps(pointer, indent=2)
    _replace_atomically(home.published / "current.json",
                        lambda temporary: temporary.write_text(text, encoding="utf-8"))
    checkpoint("publish.pointer")
    record_publication(home.audit_log, build_id, snapshot, source_version)
    _prune(home, keep={build_id})
    return publication


def _replace_atomically(target: Path, create) -> None:
    """Create the new version under a temporary name beside the target, then rename over it."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    create(temporary)
    os.replace(temporary, target)
    _fsync_dir(target.parent)


def _prune(home: MpoHome, keep: set[str]) -> None:
    """Keep the newest few snapshots and their extracts; older ones are superseded builds, not data."""
    snapshots = sorted((home.published / "snapshots").glob("*.duckdb"), reverse=True)
    for old in snapshots[KEEP_SNAPSHOTS:]:
        if old.stem in keep:
            continue
        old.unlink(missing_ok=True)
        _remove_tree(home.published / f"extracts-{old.stem}")


def _remove_tree(folder: Path) -> None:
    if not folder.exists():
        return
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
