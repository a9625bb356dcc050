"""Where MPO keeps its data: one root folder, ``MPO_HOME``, with a fixed layout."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The default lives inside the checkout (git ignores it) so a fresh clone works with no set-up.
DEFAULT_HOME = Path(__file__).resolve().parent.parent / "mpo_home"


# One run at a time: the pipeline is the single writer of the store, the build and the publication.
DAGSTER_INSTANCE = """\
concurrency:
  runs:
    max_concurrent_runs: 1
  pools:
    default_limit: 1
telemetry:
  enabled: false
"""


@dataclass(frozen=True)
class MpoHome:
    root: Path

    @classmethod
    def from_env(cls) -> MpoHome:
        return cls(Path(os.environ.get("MPO_HOME") or DEFAULT_HOME).resolve())

    @property
    def reference(self) -> Path:
        """Reference data published by the funder (spec section 2)."""
        return self.root / "reference"

    @property
    def landing(self) -> Path:
        """Where providers' return files arrive."""
        return self.root / "landing"

    @property
    def archive(self) -> Path:
        """Every received file, byte for byte, named by SHA-256; plus the receipts journal."""
        return self.root / "archive"

    @property
    def reports(self) -> Path:
        """One validation report per submission, JSON and HTML."""
        return self.root / "reports"

    @property
    def published(self) -> Path:
        """The published warehouse, its snapshots and extracts: what readers open."""
        return self.root / "published"

    @property
    def state(self) -> Path:
        """The collection store and the build area: written by the pipeline only."""
        return self.root / "state"

    @property
    def dagster(self) -> Path:
        """DAGSTER_HOME for `dagster dev` and the daemon."""
        return self.root / "dagster"

    @property
    def receipts_journal(self) -> Path:
        return self.archive / "receipts.jsonl"

    @property
    def collection_store(self) -> Path:
        return self.state / "collection.duckdb"

    @property
    def build_dir(self) -> Path:
        return self.state / "build"

    @property
    def warehouse(self) -> Path:
        """The stable name analysts open read-only."""
        return self.published / "warehouse.duckdb"

    @property
    def audit_log(self) -> Path:
        return self.state / "audit.jsonl"

    def folders(self) -> list[Path]:
        return [self.reference, self.landing, self.archive, self.reports, self.published, self.state,
                self.dagster]

    def init(self) -> MpoHome:
        for folder in self.folders():
            folder.mkdir(parents=True, exist_ok=True)
        instance = self.dagster / "dagster.yaml"
        if not instance.exists():
            instance.write_text(DAGSTER_INSTANCE, encoding="utf-8")
        return self
