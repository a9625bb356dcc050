"""The one ``Definitions`` of MPO, loaded by `dagster dev -w workspace.yaml` and by `mpo process`."""

import dagster as dg

from pipelines.assets.collection import collection_store, received_returns
from pipelines.assets.warehouse import DBT_PROJECT, published_warehouse, warehouse_build, warehouse_models
from pipelines.jobs import process_returns
from pipelines.resources import MpoHomeResource, dbt_resource
from pipelines.sensors import landing_sensor

defs = dg.Definitions(
    assets=[received_returns, collection_store, warehouse_build, warehouse_models, published_warehouse],
    jobs=[process_returns],
    sensors=[landing_sensor],
    resources={"mpo_home": MpoHomeResource(), "dbt": dbt_resource(DBT_PROJECT)},
)
