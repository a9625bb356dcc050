"""Resources: where the data root is, and the dbt project the warehouse is built with."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject

from mpo.collection.writer_lock import writer_lock
from mpo.config import MpoHome

DBT_PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"


class MpoHomeResource(dg.ConfigurableResource):
    """The data root; empty means ``$MPO_HOME`` or the checkout's default, read when a run starts.

    A run holds the data root's writer lock from start to end, so two runs (the sensor's and an
    `mpo process`, say) never interleave their writes to the store, the build or the publication.
    """

    root: str = ""

    def home(self) -> MpoHome:
        return (MpoHome(Path(self.root).resolve()) if self.root else MpoHome.from_env()).init()

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["MpoHomeResource"]:
        with writer_lock(self.home()):
            yield self


def build_path(home: MpoHome) -> Path:
    return home.build_dir / "warehouse.duckdb"


def dbt_project() -> DbtProject:
    """The dbt project, parsed here when its manifest is missing or older than its sources.

    `dagster dev` re-parses on its own; `mpo process` and the tests need a manifest that matches
    the models too, and parsing takes a few seconds, so only a stale one is redone.
    """
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    # dbt needs the build file's path to parse its profile; any path will do until a build sets it.
    os.environ.setdefault("MPO_BUILD_PATH", str(build_path(MpoHome.from_env())))
    if _is_stale(project.manifest_path):
        dbt_resource(project).cli(["parse", "--quiet"], target_path=project.target_path).wait()
    return project


def _is_stale(manifest: Path) -> bool:
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [path for pattern in ("models/**/*", "macros/**/*", "seeds/**/*", "tests/**/*", "*.yml")
               for path in DBT_PROJECT_DIR.glob(pattern) if path.is_file()]
    return any(path.stat().st_mtime > built for path in sources)


def dbt_resource(project: DbtProject) -> DbtCliResource:
    # The dbt installed beside this Python, so nothing depends on the virtual environment being on PATH.
    return DbtCliResource(project_dir=project, dbt_executable=str(Path(sys.executable).parent / "dbt"))
