"""Warehouse assets: write (stage a fresh build file), audit (dbt build: models and tests), publish."""

import json
import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from mpo.collection.store import content_version, store_tables
from mpo.faults import checkpoint
from mpo.warehouse.publish import current_publication, publish
from mpo.warehouse.stage import stage_build
from pipelines.assets.collection import WRITER_POOL, collection_store
from pipelines.resources import MpoHomeResource, build_path, dbt_project

DBT_PROJECT = dbt_project()


STAGED_TABLES = [dg.AssetSpec(["raw", table], group_name="warehouse", kinds={"duckdb"},
                              deps=[collection_store], skippable=True,
                              description=f"The collection store's {table}, copied into the build file.")
                 for table in store_tables()]


@dg.multi_asset(specs=STAGED_TABLES, pool=WRITER_POOL, name="warehouse_build")
def warehouse_build(context: dg.AssetExecutionContext, mpo_home: MpoHomeResource):
    """A fresh build file holding a copy of the collection store, for dbt to build the warehouse in.

    Nothing is staged, built or published when the published warehouse already reflects the store.
    """
    home = mpo_home.home()
    with duckdb.connect(str(home.collection_store), read_only=True) as store:
        version = content_version(store)
    published = current_publication(home)
    if published is not None and published.source_version == version and published.snapshot.exists():
        context.log.info(f"the published warehouse {published.build_id} is up to date; nothing to build")
        return
    path = stage_build(home.collection_store, build_path(home))
    checkpoint("warehouse.staged")
    path.with_suffix(".json").write_text(json.dumps({"source_version": version}), encoding="utf-8")
    for spec in STAGED_TABLES:
        yield dg.MaterializeResult(asset_key=spec.key, metadata={"source_version": version})


class WarehouseTranslator(DagsterDbtTranslator):
    """dbt's sources are the tables staged into the build file; every model is in the warehouse group."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey(["raw", dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str:
        return "warehouse"


@dbt_assets(manifest=DBT_PROJECT.manifest_path, project=DBT_PROJECT,
            dagster_dbt_translator=WarehouseTranslator(), pool=WRITER_POOL)
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, mpo_home: MpoHomeResource):
    """The dbt models and their tests, built in the staged file: the audit of write-audit-publish."""
    # The profile reads the build file's path from the environment, which dbt's process inherits.
    home = mpo_home.home()
    os.environ["MPO_BUILD_PATH"] = str(build_path(home))
    # dbt re-parses the whole project (seconds) when the profile differs from the one its partial-parse
    # file was made with, and the profile holds the build path: one dbt target folder per data root
    # keeps that file matching from one run to the next.
    target = home.build_dir / "dbt-target"
    for event in dbt.cli(["build"], context=context, target_path=target).stream():
        checkpoint("dbt.event")  # the crash tests kill the run (and dbt with it) part-way through the build
        yield event


@dg.asset(group_name="warehouse", kinds={"duckdb"}, deps=[warehouse_models], pool=WRITER_POOL)
def published_warehouse(context: dg.AssetExecutionContext, mpo_home: MpoHomeResource) -> dg.MaterializeResult:
    """The audited build, published atomically as the warehouse readers open; extracts beside it."""
    home = mpo_home.home()
    path = build_path(home)
    source_version = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["source_version"]
    publication = publish(home, path, source_version)
    context.log.info(publication.describe())
    return dg.MaterializeResult(metadata={"build_id": publication.build_id,
                                          "snapshot": str(publication.snapshot)})
