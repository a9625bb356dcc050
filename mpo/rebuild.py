"""`mpo rebuild`: the collection store and the warehouse rebuilt from the archive and its journal alone.

The archive and the receipts journal are the source of truth. Rebuilding moves the collection store
aside (it is kept, never deleted), replays every journalled file in receipt order, batch by batch as
the journal's markers record, with each file's recorded time of receipt, into an empty store, then
builds, tests and publishes the warehouse as a run would. The result is the warehouse that was
published before, row for row: the proof that nothing but the archive and the journal is needed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mpo.collection.audit import record_missing
from mpo.collection.collect import CollectionSummary, collect
from mpo.collection.writer_lock import writer_lock
from mpo.config import MpoHome
from mpo.warehouse.publish import Publication, publish
from mpo.warehouse.stage import stage_build


@dataclass(frozen=True)
class RebuildOutcome:
    moved_aside: Path | None
    collection: CollectionSummary
    publication: Publication

    def describe(self) -> str:
        aside = f"previous store kept at {self.moved_aside}" if self.moved_aside else "no previous store"
        return f"rebuilt {self.collection.describe()}; {aside}; {self.publication.describe()}"


def rebuild(home: MpoHome) -> RebuildOutcome:
    """Replay the archive into a new store and publish the warehouse built from it (holds the writer lock)."""
    with writer_lock(home):
        aside = move_store_aside(home)
        summary = collect(home)
        build = build_warehouse(home)
        publication = publish(home, build, summary.store_version)
        record_missing(home.audit_log, [{"event": "rebuilt", "build_id": publication.build_id,
                                         "moved_aside": str(aside) if aside else None}])
    return RebuildOutcome(aside, summary, publication)


def move_store_aside(home: MpoHome) -> Path | None:
    """Move the store (and its write-ahead log) to ``state/replaced/<time>/``; None when there is none."""
    files = [path for path in (home.collection_store, home.collection_store.with_name(
        home.collection_store.name + ".wal")) if path.exists()]
    if not files:
        return None
    folder = home.state / "replaced" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder.mkdir(parents=True)
    for path in files:
        os.replace(path, folder / path.name)
    return folder


def build_warehouse(home: MpoHome) -> Path:
    """Stage the store into a fresh build file and run the dbt project's models and tests in it."""
    from pipelines.resources import build_path, dbt_project, dbt_resource

    path = stage_build(home.collection_store, build_path(home))
    project = dbt_project()
    os.environ["MPO_BUILD_PATH"] = str(path)  # the dbt profile reads the build file's path from here
    dbt_resource(project).cli(["build", "--quiet"], target_path=project.target_path).wait()
    return path
